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
});
