// The networks the site ships (src/runtime/protocol/shipped-networks.ts, from `npm run pretrain`): their files and
// records, and the digit pad and explorer reading with them. tests/claims/shipped-networks.test.ts measures each
// one's held-out accuracy against its record.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertMnist } from '~/integrations/mnist-asset';
import { DATASETS } from '~/runtime/data/dataset-format';
import { loadShippedNetwork } from '~/runtime/data/pretrained';
import { chooseBackend } from '~/runtime/host/backends';
import { buildZooModel } from '~/runtime/models';
import { LAB_CLASSES, LAB_INPUT_SHAPE, type WorkerEvent } from '~/runtime/protocol';
import {
  SHIPPED_FILES,
  SHIPPED_NETWORKS,
  shippedAssetDir,
  type ShippedRecord,
} from '~/runtime/protocol/shipped-networks';
import { jobRunner, nodeAssetLoader, WASM_DIR } from '../helpers/snippets';
import { english } from '../helpers/words';

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;
const LAB_SHIPPED = SHIPPED_NETWORKS.filter((n) => n !== 'lenet5');

/** The committed model.json of `name`. */
const modelJson = (name: (typeof SHIPPED_NETWORKS)[number]) =>
  JSON.parse(readFileSync(join(shippedAssetDir(name), SHIPPED_FILES.model), 'utf8')) as {
    userDefinedMetadata: { pretrained: ShippedRecord };
    weightsManifest: Array<{ weights: Array<{ dtype: string; quantization?: { dtype: string } }> }>;
  };

/** Test digit `i` of the site's split, as 0-1 pixels. */
function testDigit(i: number): { pixels: number[]; label: number } {
  const { images, labels } = convertMnist();
  const start = (DATASETS.mnist.trainCount + i) * 784;
  return {
    pixels: Array.from(images.subarray(start, start + 784), (v) => v / 255),
    label: labels[DATASETS.mnist.trainCount + i]!,
  };
}

describe('the shipped networks', () => {
  it.each(LAB_SHIPPED)(
    '%s: a record of its training, 16-bit weights within 0.1 point of float32, the zoo’s own topology',
    async (name) => {
      const { userDefinedMetadata, weightsManifest } = modelJson(name);
      const record = userDefinedMetadata.pretrained;
      expect(record).toMatchObject({ seed: expect.any(Number), epochs: expect.any(Number) });
      expect(record.std).toBeGreaterThan(0);
      expect(record.testAccuracy).toBeGreaterThanOrEqual(95);
      const specs = weightsManifest.flatMap((g) => g.weights);
      if (specs.every((s) => s.quantization?.dtype === 'float16'))
        expect(Math.abs(record.testAccuracy - record.float32TestAccuracy!)).toBeLessThan(0.1);
      else expect(specs.every((s) => s.dtype === 'float32' && !s.quantization)).toBe(true);

      await chooseBackend('wasm', WASM_DIR);
      const shipped = await loadShippedNetwork(await nodeAssetLoader().then((l) => l('/')), name);
      const zoo = buildZooModel(name, { inputShape: LAB_INPUT_SHAPE, classes: LAB_CLASSES });
      expect(shipped.model.layers.map((l) => [l.getClassName(), l.countParams()])).toEqual(
        zoo.layers.map((l) => [l.getClassName(), l.countParams()]),
      );
      expect(shipped.model.inputs[0]!.shape).toEqual([null, ...LAB_INPUT_SHAPE]);
      shipped.model.dispose();
      zoo.dispose();
    },
  );

  it.each(['alexnet-mnist', 'mobilenet-v1-mnist'] as const)(
    'the digit pad reads a test digit with the shipped %s and shows its first two convolutions',
    async (network) => {
      const run = await jobRunner();
      const { pixels, label } = testDigit(0);
      const events = await run({ type: 'read-digit', pixels, network });
      expect(of(events, 'error')).toEqual([]);
      const [reading] = of(events, 'digit-reading');
      expect(reading!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(reading!.probabilities.indexOf(Math.max(...reading!.probabilities))).toBe(label);
      expect(english(reading!.about)).toMatch(/^the (AlexNet|MobileNet) this site ships \(\d+(\.\d+)?% on the 2,000/);
      const titles = of(events, 'gallery').map((g) => english(g.title));
      expect(titles).toHaveLength(2);
      expect(titles[0]).toMatch(/^first convolution \(\w+\): \d+ feature maps of \d+×\d+/);
      expect(titles[1]).toMatch(/^second convolution \(\w+\): \d+ feature maps of \d+×\d+/);
      expect(events.at(-1)).toMatchObject({ type: 'done', tensorDelta: 0 });
    },
  );

  it('the explorer shows the shipped ResNet-20’s trained maps at 28×28×1, and says its weights are random at 32', async () => {
    const run = await jobRunner();
    const job = {
      type: 'layer-maps' as const,
      model: 'resnet20-cifar',
      layer: 'conv1_conv',
      input: { kind: 'digit' as const, index: 3 },
    };
    const said = (events: WorkerEvent[]) =>
      of(events, 'log')
        .flatMap((e) => e.parts.map((p) => (p.kind === 'words' ? english(p.words) : p.kind === 'text' ? p.text : '')))
        .join(' ');
    const trained = await run({ ...job, inputSize: 28 });
    expect(of(trained, 'error')).toEqual([]);
    expect(said(trained)).toMatch(/^Trained weights: the ResNet-20 this site ships, trained on MNIST/);
    expect(english(of(trained, 'image')[0]!.title)).toMatch(/28×28×1$/);
    const random = await run({ ...job, inputSize: 32 });
    expect(of(random, 'error')).toEqual([]);
    expect(said(random)).toMatch(/^Random weights at this input size\. The site ships a trained ResNet-20/);
  });
});
