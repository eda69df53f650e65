import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_LIMIT, type WorkerEvent } from '~/runtime/protocol';
import { classifyError } from '~/runtime/host/classify-error';
import { createCourseHandler } from '~/runtime/programs';
import { english } from '../helpers/words';

async function run(code: string, onEvent?: (e: WorkerEvent, handle: ReturnType<typeof createCourseHandler>) => void) {
  const events: WorkerEvent[] = [];
  const handle = createCourseHandler((e) => {
    events.push(e);
    onEvent?.(e, handle);
  });
  await handle({ type: 'run', runId: 7, code, backend: 'cpu', baseUrl: '/' });
  return events;
}
const errorOf = (events: WorkerEvent[]) =>
  events.find((e) => e.type === 'error') as Extract<WorkerEvent, { type: 'error' }> | undefined;
const logs = (events: WorkerEvent[]) =>
  events.flatMap((e) =>
    e.type === 'log'
      ? [
          e.parts
            .map((p) =>
              p.kind === 'text'
                ? p.text
                : p.kind === 'words'
                  ? english(p.words)
                  : `Tensor[${p.shape}] ${p.dtype} ${english(p.preview)}`,
            )
            .join(' '),
        ]
      : [],
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the snippet runtime', () => {
  it('runs TypeScript with top-level await and reports the backend and a finished run', async () => {
    const events = await run(`const n: number = await Promise.resolve(41);\nconsole.log('answer', n + 1);`);
    expect(logs(events)).toEqual(['answer 42']);
    expect(events.find((e) => e.type === 'backend')).toMatchObject({ backend: 'cpu', fallbackReason: null });
    expect(events.at(-1)).toMatchObject({ type: 'done', runId: 7, backend: 'cpu', tensorDelta: 0 });
  });

  it("points a syntax error at the reader's line and column", async () => {
    const error = errorOf(await run(`const a = 1;\nconst b = ;\n`));
    expect(error).toMatchObject({ kind: 'syntax', location: { line: 2 } });
  });

  it.each([
    ['a let declared twice', `const a = 1;\nlet b = 2;\n\nlet b = 3;\n`, 4],
    ['await in a plain function', `const f = () => {\n  return 1;\n};\nfunction g() { await f(); }\n`, 4],
  ])("points a syntax error only the engine finds (%s) at the reader's line", async (_, code, line) => {
    const error = errorOf(await run(code));
    expect(error).toMatchObject({ kind: 'syntax', location: { line } });
  });

  it("points a runtime error at the reader's line, with the wrapper's lines removed", async () => {
    const error = errorOf(
      await run(
        `import * as tf from '@tensorflow/tfjs';\nconst x = tf.zeros([2, 3]);\n\nconst y = tf.matMul(x, x);\nconsole.log(y);`,
      ),
    );
    expect(error).toMatchObject({ kind: 'runtime', location: { line: 4 } });
    expect(error!.message).toMatch(/inner shapes|must match/i);
  });

  it('says which modules a snippet may import', async () => {
    const error = errorOf(await run(`import fs from 'node:fs';\nconsole.log(fs);`));
    expect(english(error!.message)).toBe(
      'Cannot import "node:fs": snippets can import "@tensorflow/tfjs" and "course"',
    );
    expect(error?.location?.line).toBe(1);
  });

  it('formats tensors with shape, dtype and a preview, and objects readably', async () => {
    const out = logs(
      await run(
        `import * as tf from '@tensorflow/tfjs';\nconst t = tf.range(0, 20);\nconsole.log(t);\nt.dispose();\nconsole.log({ a: [1, 2], b: 'x' });`,
      ),
    );
    expect(out[0]).toBe('Tensor[20] float32 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, … 8 more]');
    expect(out[1]).toBe("{ a: [ 1, 2 ], b: 'x' }");
  });

  it('reports tensors a snippet leaks and frees them, and frees the models it built', async () => {
    const before = tf.memory().numTensors;
    const events = await run(
      `import * as tf from '@tensorflow/tfjs';\nimport { zoo } from 'course';\nzoo('lenet5');\ntf.ones([3]); tf.zeros([2]);`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('caps output: a snippet that logs in a loop sends at most the limit and says how much it dropped', async () => {
    const events = await run(`for (let i = 0; i < 5000; i++) console.log(i);`);
    expect(events.filter((e) => e.type === 'log').length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(events.find((e) => e.type === 'truncated')).toMatchObject({ dropped: 5000 - OUTPUT_LIMIT });
    expect(events.at(-1)?.type).toBe('done');
  });

  it('batches live chart points and progress, so a long loop neither floods the page nor loses later output', async () => {
    const code = `import { plot, progress } from 'course';\nconst chart = plot('loss', { loss: [] });\nfor (let i = 1; i <= 3000; i++) {\n  chart.append(i, 1 / i);\n  progress(i, 3000);\n  if (i % 500 === 0) await new Promise((r) => setTimeout(r, 30));\n}\nconsole.log('end');`;
    const events = await run(code);
    const appends = events.filter((e) => e.type === 'chart-append');
    expect(appends.reduce((n, e) => n + (e.type === 'chart-append' ? e.x.length : 0), 0)).toBe(3000);
    expect(appends.length).toBeLessThan(50);
    expect(events.filter((e) => e.type === 'progress').at(-1)).toMatchObject({ done: 3000, total: 3000 });
    expect(logs(events)).toEqual(['end']);
    expect(events.some((e) => e.type === 'truncated')).toBe(false);
  });

  it('stops a cooperative loop when the reader presses Stop', async () => {
    const code = `import { checkStop } from 'course';\nfor (let i = 0; ; i++) {\n  if (i === 3) console.log('started');\n  await new Promise((r) => setTimeout(r, 1));\n  checkStop();\n}`;
    const events = await run(code, (e, handle) => {
      if (e.type === 'log') void handle({ type: 'stop', runId: 7 });
    });
    expect(errorOf(events)).toMatchObject({ kind: 'stopped', location: null });
  });

  it('classifies a missing kernel and out-of-memory, and offers another backend', () => {
    expect(
      classifyError(new Error("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'"), 'wasm'),
    ).toMatchObject({ kind: 'missing-kernel', suggestBackend: 'cpu' });
    expect(classifyError(new Error('Failed to allocate buffer: out of memory'), 'webgl')).toMatchObject({
      kind: 'out-of-memory',
      suggestBackend: 'wasm',
    });
    expect(classifyError(new Error('x is not defined'), 'cpu')).toMatchObject({
      kind: 'runtime',
      suggestBackend: null,
    });
  });
});

describe('isolation between runs', () => {
  /** Two runs on one handler, as the page's one worker runs them, with `pause` ms between them. */
  async function twoRuns(first: string, second: string, pause: number) {
    const events: WorkerEvent[] = [];
    const handle = createCourseHandler((e) => events.push(e));
    await handle({ type: 'run', runId: 1, code: first, backend: 'cpu', baseUrl: '/' });
    await new Promise((resolve) => setTimeout(resolve, pause));
    await handle({ type: 'run', runId: 2, code: second, backend: 'cpu', baseUrl: '/' });
    return {
      first: events.filter((e) => 'runId' in e && e.runId === 1),
      second: events.filter((e) => 'runId' in e && e.runId === 2),
    };
  }

  it("cancels a run's pending timers when it ends, says so, and lets none of them reach the next run", async () => {
    const { first, second } = await twoRuns(
      `setTimeout(() => { throw new Error('late'); }, 50);\nsetInterval(() => console.log('tick'), 10);`,
      `await new Promise((resolve) => setTimeout(resolve, 150));\nconsole.log('second run', 1 + 1);`,
      100,
    );
    expect(logs(first).join('\n')).toMatch(/^2 timers were still pending when the run ended and were cancelled/);
    expect(first.at(-1)).toMatchObject({ type: 'done' });
    expect(logs(second)).toEqual(['second run 2']);
    expect(second.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
  });

  it('reports an error thrown in a timer to the run that set it, while it runs', async () => {
    const events = await run(
      `setTimeout(() => { throw new Error('in a timer'); }, 0);\nawait new Promise((resolve) => setTimeout(resolve, 30));`,
    );
    expect(logs(events).join('\n')).toContain('Uncaught error in a timer callback: Error: in a timer');
    expect(events.at(-1)).toMatchObject({ type: 'done' });
  });

  it.each(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource', 'Worker', 'importScripts'])(
    'gives course code no %s: it runs offline',
    async (name) => {
      const error = errorOf(await run(`console.log('start');\nnew (${name} as any)('https://example.org/');`));
      expect(error).toMatchObject({ kind: 'runtime', location: { line: 2 } });
      expect(english(error!.message)).toContain(`${name} is not available to course code`);
    },
  );
});

describe('error locations', () => {
  it("point a tfjs error raised deep inside the library at the reader's line", async () => {
    const error = errorOf(
      await run(
        `import * as tf from '@tensorflow/tfjs';\nconst a = tf.ones([2, 3]);\nconst b = tf.ones([2, 3]);\nconst c = a.matMul(b);\nc.print();`,
      ),
    );
    expect(error?.message).toMatch(/inner shapes/i);
    expect(error?.location?.line).toBe(4);
  });
});

describe('memory errors', () => {
  it.each([
    ['a WASM abort', 'RuntimeError: Aborted(). Build with -sASSERTIONS for more info.', 'wasm'],
    ['a WASM heap overrun', 'RangeError: offset is out of bounds', 'wasm'],
    [
      "WebGL's texture limit",
      'Requested texture size [20000x20000] greater than WebGL maximum on this browser / GPU [16384x16384].',
      'webgl',
    ],
  ] as const)('classify %s as out of memory', (_what, message, backend) => {
    expect(classifyError(new Error(message), backend).kind).toBe('out-of-memory');
  });
});

describe('output budgets', () => {
  it('shrinks a picture larger than the page can use, and says from what size', async () => {
    const events = await run(
      `import * as tf from '@tensorflow/tfjs';\nimport { show } from 'course';\nconst big = tf.zeros([3000, 2000]);\nawait show(big, 'zeros');\nbig.dispose();`,
    );
    const image = events.find((e) => e.type === 'image') as Extract<WorkerEvent, { type: 'image' }>;
    expect([image.height, image.width]).toEqual([1024, 683]);
    expect(english(image.title)).toBe('zeros (shrunk from 3000×2000 pixels to fit the page)');
    expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
  });

  it('refuses a gallery of more images than a page can draw, with a message that says what to do', async () => {
    const error = errorOf(
      await run(
        `import * as tf from '@tensorflow/tfjs';\nimport { gallery } from 'course';\nconst many = tf.zeros([300, 8, 8]);\nawait gallery(many, Array.from({ length: 300 }, String));`,
      ),
    );
    expect(error).toMatchObject({ kind: 'runtime', location: { line: 4 } });
    expect(english(error!.message)).toContain('gallery(): at most 256 images at a time, got 300');
  });
});
