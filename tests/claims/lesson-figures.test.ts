import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { buildZooModel } from '~/runtime/models';
import { summarizeModel, type ModelSummary } from '~/runtime/summary';

/**
 * Every computable figure cv-04 states, recomputed from the project's own models: if a model or the prose
 * changes, they cannot drift apart.
 */
const prose = readLessons()
  .find((l) => l.lesson.id === 'cv-04')!
  .body.replace(/\*\*/g, '');
/** The prose with its hard line wraps undone, for figures that sit in wrapped paragraphs. */
const text = prose.replace(/\s+/g, ' ');
const n = (v: number) => v.toLocaleString('en-US');
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const millions = (v: number) => `${(v / 1e6).toFixed(1)}M`;
const giga = (v: number, digits: number) => `${(v / 1e9).toFixed(digits)}G`;
const mega = (v: number, digits: number) => `${(v / 1e6).toFixed(digits)}M`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const summaries = new Map<string, ModelSummary>();
/** Kernel and stride of every convolution, by layer name (the summary does not carry them). */
const convConfigs = new Map<string, { kernel: number; stride: number; filters: number }>();
const MODELS = [
  'lenet5-1998',
  'lenet5',
  'alexnet-2012',
  'vgg16',
  'vgg16-gap',
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet50-v1.5',
  'resnet101',
  'resnet152',
  'mobilenet-v1',
];
const summary = (name: string) => summaries.get(name)!;
const sumParams = (s: ModelSummary, pick: (name: string, type: string) => boolean) =>
  s.layers.filter((l) => pick(l.name, l.type)).reduce((total, l) => total + l.trainableParams, 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const name of MODELS) {
    const model = buildZooModel(name);
    summaries.set(name, summarizeModel(model));
    for (const layer of model.layers.filter((l) => l.getClassName() === 'Conv2D')) {
      const config = layer.getConfig() as { kernelSize: number[]; strides: number[]; filters: number };
      convConfigs.set(`${name}/${layer.name}`, {
        kernel: config.kernelSize[0]!,
        stride: config.strides[0]!,
        filters: config.filters,
      });
    }
    model.dispose();
  }
}, 300_000);
afterAll(() => tf.disposeVariables());

describe('cv-04 states figures that the zoo computes', () => {
  it('from models whose every layer the course can cost', () => {
    for (const name of MODELS) expect(summary(name).uncountedLayers, name).toEqual([]);
  });

  it("LeNet-5's per-layer trainable parameters (the paper's table) and the modern variant's total", () => {
    const paper = summary('lenet5-1998');
    const perLayer = paper.layers.filter((l) => l.trainableParams > 0).map((l) => l.trainableParams);
    const row = `| Trainable parameters | ${perLayer.map(n).join(' | ')} | ${n(paper.trainableParams)} |`;
    expect(prose).toContain(row);
    expect(prose).toContain(`comes to ${n(summary('lenet5').trainableParams)} parameters`);
  });

  it("VGG-16's totals, its convolutions, each FC layer and the head's share", () => {
    const vgg = summary('vgg16');
    const conv = sumParams(vgg, (_, type) => type === 'Conv2D');
    const dense = vgg.layers.filter((l) => l.type === 'Dense');
    const fc = sumParams(vgg, (_, type) => type === 'Dense');
    expect(prose).toContain(`VGG-16 has ${n(vgg.trainableParams)} parameters`);
    expect(prose).toContain(`| All 13 conv layers | | ${n(conv)} (${pct(conv, vgg.trainableParams)}) |`);
    expect(prose).toContain(
      `| fc6 | 25088 × 4096 + 4096 | ${n(dense[0]!.trainableParams)} (${pct(dense[0]!.trainableParams, vgg.trainableParams)}) |`,
    );
    expect(prose).toContain(`| fc7 | 4096 × 4096 + 4096 | ${n(dense[1]!.trainableParams)} |`);
    expect(prose).toContain(`| fc8 | 4096 × 1000 + 1000 | ${n(dense[2]!.trainableParams)} |`);
    expect(prose).toContain(`| All 3 FC layers | | ${n(fc)} (${pct(fc, vgg.trainableParams)}) |`);
    expect(prose).toContain(`all three FC layers hold ${(fc / 1e6).toFixed(1)}M (${pct(fc, vgg.trainableParams)})`);
    expect(prose).toContain(`${(dense[0]!.trainableParams / 1e6).toFixed(1)}M is fc6 alone`);
    // The head is a memory cost, not a compute cost: its share of the multiply-adds.
    const fcMacs = vgg.layers.filter((l) => l.type === 'Dense').reduce((total, l) => total + l.macs!, 0);
    expect(text).toContain(
      `its multiply-adds come to ${giga(fcMacs, 2)} of the network's ${giga(vgg.macs, 1)}, ${pct(fcMacs, vgg.macs)}`,
    );
  });

  it('what a global-average-pooling head does to VGG-16', () => {
    const [vgg, gap] = [summary('vgg16'), summary('vgg16-gap')];
    const gapHead = sumParams(gap, (_, type) => type === 'Dense');
    const fcHead = sumParams(vgg, (_, type) => type === 'Dense');
    expect(prose).toContain(`one 512 → 1000 layer (${n(gapHead)} parameters)`);
    expect(prose).toContain(`to ${n(gap.trainableParams)} parameters`);
    expect(prose).toContain(`shrinks the head about ${Math.round(fcHead / gapHead / 10) * 10}×`);
    expect(prose).toContain(`the whole network about ${Math.round(vgg.trainableParams / gap.trainableParams)}×`);
  });

  it("the comparison table: parameters and multiply-adds of each paper's own network", () => {
    const lenet = summary('lenet5-1998');
    expect(prose).toContain(
      `| LeNet-5 | 1998 | 7 (paper's counting) | ${Math.round(lenet.trainableParams / 1000)}K | ${mega(lenet.macs, 2)} |`,
    );
    const alexnet = summary('alexnet-2012');
    expect(prose).toContain(`| AlexNet | 2012 | 8 | ${millions(alexnet.trainableParams)} | ${giga(alexnet.macs, 2)} |`);
    const vgg = summary('vgg16');
    expect(prose).toContain(`| VGG-16 | 2014 | 16 | ${millions(vgg.trainableParams)} | ${giga(vgg.macs, 1)} |`);
    const resnet = summary('resnet152');
    expect(prose).toContain(
      `| ResNet-152 | 2015 | 152 | ${millions(resnet.trainableParams)} | ${giga(resnet.macs, 1)} |`,
    );
    const macsOf = (s: ModelSummary, type: string) =>
      s.layers.filter((l) => l.type === type).reduce((total, l) => total + l.macs!, 0);
    expect(text).toContain(
      `convolutions alone come to ${giga(macsOf(vgg, 'Conv2D'), 1)} here; VGG-16's fully connected layers add ${giga(macsOf(vgg, 'Dense'), 2)}`,
    );
  });

  it("AlexNet's layer table: filters, kernel and stride, output, parameters and multiply-adds, both towers together", () => {
    const alexnet = summary('alexnet-2012');
    // A layer of the table is its tower halves (conv1_a, conv1_b) or a single fully connected layer (fc6).
    const parts = (name: string) =>
      alexnet.layers.filter(
        (l) => (l.type === 'Conv2D' || l.type === 'Dense') && (l.name === name || l.name.startsWith(`${name}_`)),
      );
    for (const name of ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8']) {
      const halves = parts(name);
      expect(halves.length, name).toBeGreaterThan(0);
      const params = n(halves.reduce((t, l) => t + l.trainableParams, 0));
      const macs = mega(
        halves.reduce((t, l) => t + l.macs!, 0),
        1,
      );
      if (name.startsWith('conv')) {
        const configs = halves.map((l) => convConfigs.get(`alexnet-2012/${l.name}`)!);
        const filters = configs.reduce((t, c) => t + c.filters, 0);
        const [h, w] = halves[0]!.outputShape;
        const { kernel, stride } = configs[0]!;
        const row = new RegExp(
          `^\\| ${name} \\| ${filters}\\b[^|]*\\| ${kernel}×${kernel}, ${stride} \\| ${h}×${w}×${filters} \\| ${escape(params)} \\| ${escape(macs)} \\|$`,
          'm',
        );
        expect(prose, name).toMatch(row);
      } else {
        const units = halves[0]!.outputShape[0]!;
        expect(prose).toContain(`| ${name} | ${n(units)} | | ${units} | ${params} | ${macs} |`);
      }
    }
    expect(prose).toContain(`| Total | | | | ${n(alexnet.trainableParams)} | ${mega(alexnet.macs, 1)} |`);
    expect(alexnet.inputShape).toEqual([227, 227, 3]);
    expect(text).toContain('(227 − 11) / 4 + 1 = 55');
  });

  it("ResNet's stage table: each depth's block, blocks per stage, stage widths, parameters and multiply-adds", () => {
    for (const depth of [18, 34, 50, 101, 152]) {
      const s = summary(`resnet${depth}`);
      // Blocks per stage and the stage's output width, read off the built model's layer names (conv3_block4_...).
      const stages = [2, 3, 4, 5].map((stage) => {
        const layers = s.layers.filter((l) => l.name.startsWith(`conv${stage}_block`));
        const blocks = new Set(layers.map((l) => /^conv\d_block(\d+)_/.exec(l.name)![1]));
        return { blocks: blocks.size, width: layers.at(-1)!.outputShape.at(-1)! };
      });
      const bottleneck = s.layers.some((l) => l.name.endsWith('_3_conv'));
      const block = bottleneck ? 'bottleneck: 1×1, 3×3, 1×1' : 'basic: 3×3, 3×3';
      const row = `| ResNet-${depth} | ${block} | [${stages.map((st) => st.blocks).join(', ')}] | ${stages.map((st) => st.width).join(', ')} | ${n(s.trainableParams)} | ${giga(s.macs, 2)} |`;
      expect(prose).toContain(row);
    }
  });

  it("which ResNet-50 the lesson means: v1, and torchvision's v1.5 with the same weights and counts but more multiply-adds", () => {
    const [v1, v15] = [summary('resnet50'), summary('resnet50-v1.5')];
    expect(v15.trainableParams).toBe(v1.trainableParams);
    // The same layers with the same weights, so one's weights load into the other; only the strides differ.
    const weights = (s: ModelSummary) =>
      s.layers
        .filter((l) => l.trainableParams + l.nonTrainableParams > 0)
        .map((l) => [l.name, l.trainableParams, l.nonTrainableParams]);
    expect(weights(v15)).toEqual(weights(v1));
    expect(v15.outputShape).toEqual(v1.outputShape);
    expect(v15.macs).toBeGreaterThan(v1.macs);
    expect(text).toContain(`(the zoo's \`resnet50-v1.5\`, ${giga(v15.macs, 2)} multiply-adds)`);
  });

  it("MobileNetV1's parameters and multiply-adds", () => {
    const mobile = summary('mobilenet-v1');
    expect(prose).toContain(
      `${millions(mobile.trainableParams)} parameters, ${Math.round(mobile.macs / 1e6)}M multiply-adds`,
    );
  });
});
