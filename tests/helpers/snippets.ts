import { readLessons } from '~/content/lesson-graph';

/** A runnable fence (```ts run title="…") as the reader sees it. */
export interface RunnableFence {
  file: string;
  lessonId: string;
  title: string;
  /** 1-based line of the code's first line in the lesson body (after the frontmatter), for error messages. */
  line: number;
  code: string;
}

const FENCE = /^```ts run([^\n]*)\n([\s\S]*?)\n```$/gm;

/** Every runnable fence in every lesson. */
export function runnableFences(): RunnableFence[] {
  return readLessons().flatMap(({ file, lesson, body }) =>
    [...body.matchAll(FENCE)].map((m, i) => ({
      file,
      lessonId: lesson.id,
      title: /title="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? `snippet ${i + 1}`,
      line: body.slice(0, m.index).split('\n').length + 1,
      code: m[2] ?? '',
    })),
  );
}

/** Serves site assets to snippets run in Node, built the same way the site build builds them. */
export async function nodeAssetLoader(): Promise<(baseUrl: string) => (path: string) => Promise<ArrayBuffer>> {
  const { convertMnist } = await import('../../scripts/mnist-asset.ts');
  const { MNIST_IMAGES_PATH, MNIST_LABELS_PATH } = await import('~/runtime/data/mnist-format');
  let assets: Map<string, Uint8Array> | null = null;
  return () => async (path) => {
    if (!assets) {
      const { images, labels } = convertMnist();
      assets = new Map([[MNIST_IMAGES_PATH, images], [MNIST_LABELS_PATH, labels]]);
    }
    const bytes = assets.get(path);
    if (!bytes) throw new Error(`no asset ${path} in tests`);
    return bytes.slice().buffer;
  };
}
