/**
 * `npm run bench -- --dawn`: the training and forward benchmarks on tfjs-backend-webgpu in Node, through Dawn
 * (the `webgpu` npm package), on whatever Vulkan driver the machine has. On a CPU-only machine point
 * VK_ICD_FILENAMES at the SwiftShader driver Debian's chromium ships (/usr/lib/chromium/vk_swiftshader_icd.json).
 * Writes bench/results/dawn.json and dawn.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createCourseHandler } from '../src/runtime/programs/index.ts';
import type { WorkerEvent } from '../src/runtime/protocol/index.ts';
import { convertMnist } from '../src/integrations/mnist-asset.ts';
import { DATASETS } from '../src/runtime/data/dataset-format.ts';
import { FORWARD_MODELS, TFJS_TRAINING, tfjsForward } from './bench-programs.ts';

let webgpu: { create(flags: string[]): unknown; globals: Record<string, unknown> };
try {
  webgpu = (await import('webgpu' as string)) as typeof webgpu;
} catch {
  throw new Error('--dawn needs the `webgpu` npm package (Dawn for Node): npm install --no-save webgpu');
}
Object.assign(globalThis, webgpu.globals);
Object.defineProperty(globalThis.navigator, 'gpu', { value: webgpu.create([]), configurable: true });

const { images, labels } = convertMnist();
const assets = new Map([
  [DATASETS.mnist.imagesPath, images],
  [DATASETS.mnist.labelsPath, labels],
]);
async function run(code: string) {
  const events: WorkerEvent[] = [];
  const handle = createCourseHandler((e) => events.push(e), {
    loadAsset: () => async (p) => assets.get(p)!.slice().buffer,
  });
  await handle({ type: 'run', runId: 1, code, backend: 'webgpu', baseUrl: 'file:///' });
  const error = events.find((e) => e.type === 'error');
  if (error) throw new Error(`dawn run failed: ${JSON.stringify(error)}`);
  const backend = events.find((e) => e.type === 'backend');
  if (backend?.type !== 'backend' || backend.backend !== 'webgpu')
    throw new Error(
      `Dawn found no usable WebGPU adapter (${backend?.type === 'backend' ? backend.fallbackReason : 'no backend'}). It needs the Vulkan loader (apt-get install libvulkan1) and a Vulkan driver; on a CPU-only machine set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json`,
    );
  const results = events.flatMap((e) =>
    e.type === 'log' && e.parts[0]?.kind === 'text' && e.parts[0].text.startsWith('BENCH ')
      ? [JSON.parse(e.parts[0].text.slice(6))]
      : [],
  );
  return { backend, results };
}
const training = await run(TFJS_TRAINING);
const forward = await run(tfjsForward(FORWARD_MODELS));
const result = { adapter: training.backend, training: training.results[0], forward: forward.results };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/dawn.json', `${JSON.stringify(result, null, 2)}\n`);
const md = [
  `# Dawn (Node) benchmark`,
  '',
  `Adapter: ${JSON.stringify(training.backend)}`,
  '',
  `Sustained training of the bench's LeNet-style CNN: ${training.results[0]?.examplesPerSec?.toFixed(0)} examples/s`,
  '',
  '| Model | ms | GFLOP/s |',
  '|---|---:|---:|',
  ...forward.results.map(
    (r) => `| ${r.name} | ${r.ms.toFixed(1)} | ${((2 * r.macs) / (r.ms / 1000) / 1e9).toFixed(1)} |`,
  ),
  '',
].join('\n');
writeFileSync('bench/results/dawn.md', md);
console.log(md);
