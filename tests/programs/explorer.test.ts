// The architecture explorer's worker programs, run as the page runs them (through the run handler) on tfjs WASM.
import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, type Text, type WorkerEvent } from '~/runtime/protocol';
import { jobRunner } from '../helpers/snippets';
import { english } from '../helpers/words';

const handler = jobRunner;
const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;
const text = (events: WorkerEvent[]) =>
  of(events, 'log').map((e) =>
    e.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'words' ? english(p.words) : '')).join(' '),
  );
/** A gallery's or image's title as the English page says it. */
const titled = <T extends { title: Text }>(event: T | undefined) => event && { ...event, title: english(event.title) };

describe('the architecture explorer', () => {
  it("describes any zoo model at the input size asked, with the model's own numbers", async () => {
    const run = await handler();
    const [event] = of(await run({ type: 'describe', model: 'resnet18', inputSize: 96 }), 'architecture');
    expect(event!.graph.inputShape).toEqual([96, 96, 3]);
    expect(event!.graph.trainableParams).toBe(11_689_512);
    expect(event!.graph.layers.find((l) => l.name === 'conv1_conv')).toMatchObject({
      kernel: [7, 7],
      stride: [2, 2],
      outputShape: [48, 48, 64],
      receptiveField: [7, 7],
    });
  }, 60_000);

  it('shows a layer’s feature maps and filters for a test digit, and says the weights are random', async () => {
    const run = await handler();
    const events = await run({
      type: 'layer-maps',
      model: 'lenet5',
      inputSize: null,
      layer: 'c1',
      input: { kind: 'digit', index: 7 },
    });
    expect(of(events, 'error')).toEqual([]);
    expect(text(events).join(' ')).toMatch(/random weights/);
    const [maps, filters] = of(events, 'gallery').map(titled);
    expect(maps).toMatchObject({ title: 'c1: 6 feature maps of 28×28', width: 28, height: 28 });
    expect(maps!.items).toHaveLength(6);
    expect(filters).toMatchObject({ title: 'c1: its 5×5 filters (on its first input map)', width: 5 });
    expect(english(of(events, 'image')[0]!.title)).toMatch(/^Test digit #7 \(a \d\), as the model reads it: 28×28×1$/);
    expect(of(events, 'done')[0]).toMatchObject({ tensorDelta: 0 });
  }, 60_000);

  it('runs a tensor handed over by a snippet through a random-weight ResNet-18, resized to its input', async () => {
    const run = await handler();
    const data = new Float32Array(32 * 32 * 3).map((_, i) => (i % 7) / 7);
    const events = await run({
      type: 'layer-maps',
      model: 'resnet18',
      inputSize: 96,
      layer: 'conv2_block1_out',
      input: { kind: 'tensor', shape: [32, 32, 3], data, label: 'a test pattern' },
    });
    expect(of(events, 'error')).toEqual([]);
    expect(english(of(events, 'gallery')[0]!.title)).toBe(
      'conv2_block1_out: 64 feature maps of 24×24, the first 16 shown',
    );
    expect(english(of(events, 'image')[0]!.title)).toBe('a test pattern, as the model reads it: 96×96×3');
  }, 60_000);

  it("uses the training island's network for LeNet-5 once it is trained, and names an unknown layer", async () => {
    const run = await handler();
    const trained = await run({ type: 'train', settings: { ...TRAIN_DEFAULTS, epochs: 1, batchSize: 128 } });
    expect(of(trained, 'error')).toEqual([]);
    const events = await run({
      type: 'layer-maps',
      model: 'lenet5',
      inputSize: 28,
      layer: 'c3',
      input: { kind: 'digit', index: 0 },
    });
    expect(text(events).join(' ')).toMatch(/^Trained weights: the network the training island trained \(1 epochs/);
    expect(english(of(events, 'gallery')[0]!.title)).toBe('c3: 16 feature maps of 10×10');
    const missing = await run({
      type: 'layer-maps',
      model: 'lenet5',
      inputSize: 28,
      layer: 'c9',
      input: { kind: 'digit', index: 0 },
    });
    expect(of(missing, 'error')[0]!.message).toMatch(/c9/);
  }, 180_000);
  it("shows one unit's receptive field: the window its layers give it, and its gradient inside that window", async () => {
    const run = await handler();
    // The shipped VGG-8 (trained) at 28×28×1: two 3×3 convolutions (5×5), a 2×2 pool (6×6, then a step of 2), two
    // more 3×3 (6 + 2·2 + 2·2 = 14×14). Unit (3, 4) is centred on input pixel (0.5 + 3·2, 0.5 + 4·2) = (6.5, 8.5).
    const job = {
      type: 'receptive-field' as const,
      model: 'vgg8-mnist',
      inputSize: 28,
      layer: 'block2_conv2',
      input: { kind: 'digit' as const, index: 0 },
      unit: { channel: 3, row: 3, col: 4 },
    };
    const events = await run(job);
    expect(of(events, 'error')).toEqual([]);
    const [field] = of(events, 'receptive-field');
    expect(field!.size).toEqual([14, 14]);
    expect(field!.box).toEqual({ top: 0, left: 2, bottom: 13, right: 15 });
    const { heat, width, box } = field!;
    const outside = [...heat].filter((_, i) => {
      const [y, x] = [Math.floor(i / width), i % width];
      return y < box.top || y > box.bottom || x < box.left || x > box.right;
    });
    expect(Math.max(...outside)).toBe(0); // no pixel outside the window moves the unit
    expect(Math.max(...heat)).toBe(1);
    expect(field!.centreShare).toBeGreaterThan(0.5); // concentrated in the centre, as Luo et al. found
    const [refused] = of(await run({ ...job, unit: { channel: 0, row: 14, col: 0 } }), 'error');
    expect(english(refused!.message)).toBe(
      'block2_conv2 has 64 channels of 14×14: channel 1, row 15, column 1 is not one of them.',
    );
  }, 60_000);
  it('finds the nine test digits that excite a channel most, once per layer, and refuses a model that reads no digits', async () => {
    const run = await handler();
    const job = { type: 'top-images' as const, model: 'vgg8-mnist', inputSize: 28, layer: 'block3_conv2', channel: 5 };
    const first = performance.now();
    const [top] = of(await run(job), 'top-images');
    const measured = performance.now() - first;
    expect(top!.images).toHaveLength(9);
    const activations = top!.images.map((i) => i.activation);
    expect(activations).toEqual([...activations].sort((a, b) => b - a));
    expect(new Set(top!.images.map((i) => i.index)).size).toBe(9);
    for (const image of top!.images) expect(image.pixels).toHaveLength(784);
    // Another channel of the same layer reuses the measurements: far quicker than the first pass over 2,000 digits.
    const again = performance.now();
    const [other] = of(await run({ ...job, channel: 6 }), 'top-images');
    expect(other!.channel).toBe(6);
    expect(performance.now() - again).toBeLessThan(measured / 2);
    const [refused] = of(await run({ ...job, model: 'resnet18', inputSize: 96, layer: 'conv1_conv' }), 'error');
    expect(english(refused!.message)).toMatch(/^The strongest test images need a network that reads 28×28 digits/);
  }, 120_000);

  it('shows what a shipped network looks at in a test digit, for the class it predicts or one the reader picks', async () => {
    const run = await handler();
    const job = {
      type: 'explain' as const,
      model: 'vgg8-mnist',
      inputSize: 28,
      input: { kind: 'digit' as const, index: 0 },
      cls: null,
    };
    const events = await run(job);
    expect(of(events, 'error')).toEqual([]);
    const [seen] = of(events, 'explanation');
    expect(seen!.explained).toBe(seen!.predicted);
    expect(seen!.confidence).toBeGreaterThan(0.5); // a shipped network reads test digit 0 with confidence
    expect(english(seen!.weights)).toMatch(/^Trained weights: the VGG-8 this site ships/);
    for (const map of [seen!.image, seen!.saliency, seen!.gradcam!]) {
      expect(map).toHaveLength(28 * 28);
      expect(Math.max(...map)).toBeCloseTo(1, 5);
    }
    expect(seen!.camLayer).toMatch(/conv/);
    const other = (seen!.predicted + 1) % 10;
    const [picked] = of(await run({ ...job, cls: other }), 'explanation');
    expect([picked!.explained, picked!.predicted]).toEqual([other, seen!.predicted]);
    expect(picked!.saliency).not.toEqual(seen!.saliency);
    const [refused] = of(await run({ ...job, model: 'resnet18', inputSize: 96 }), 'error');
    expect(english(refused!.message)).toMatch(/need a network that reads 28×28 digits; resnet18 does not/);
  }, 120_000);
});
