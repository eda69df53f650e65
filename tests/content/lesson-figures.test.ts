import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLessons } from '~/content/lesson-graph';
import { buildZooModel } from '~/runtime/models';
import { summarizeModel, type ModelSummary } from '~/runtime/summary';

/**
 * Every computable figure cv-04 states, recomputed from the project's own models: if a model or the prose
 * changes, they cannot drift apart.
 */
const prose = readLessons().find((l) => l.lesson.id === 'cv-04')!.body.replace(/\*\*/g, '');
const n = (v: number) => v.toLocaleString('en-US');
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const millions = (v: number) => `${(v / 1e6).toFixed(1)}M`;
const summaries = new Map<string, ModelSummary>();
const summary = (name: string) => summaries.get(name)!;
const sumParams = (s: ModelSummary, pick: (name: string, type: string) => boolean) =>
  s.layers.filter((l) => pick(l.name, l.type)).reduce((total, l) => total + l.trainableParams, 0);

beforeAll(async () => {
  await tf.setBackend('cpu');
  for (const name of ['lenet5-1998', 'lenet5', 'vgg16', 'vgg16-gap', 'resnet152', 'mobilenet-v1']) {
    const model = buildZooModel(name);
    summaries.set(name, summarizeModel(model));
    model.dispose();
  }
}, 120_000);
afterAll(() => tf.disposeVariables());

describe('cv-04 states figures that the zoo computes', () => {
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
    expect(prose).toContain(`| fc6 | 25088 × 4096 + 4096 | ${n(dense[0]!.trainableParams)} (${pct(dense[0]!.trainableParams, vgg.trainableParams)}) |`);
    expect(prose).toContain(`| fc7 | 4096 × 4096 + 4096 | ${n(dense[1]!.trainableParams)} |`);
    expect(prose).toContain(`| fc8 | 4096 × 1000 + 1000 | ${n(dense[2]!.trainableParams)} |`);
    expect(prose).toContain(`| All 3 FC layers | | ${n(fc)} (${pct(fc, vgg.trainableParams)}) |`);
    expect(prose).toContain(`all three FC layers hold ${(fc / 1e6).toFixed(1)}M (${pct(fc, vgg.trainableParams)})`);
    expect(prose).toContain(`${(dense[0]!.trainableParams / 1e6).toFixed(1)}M is fc6 alone`);
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

  it("ResNet-152's parameters and MobileNetV1's parameters and multiply-adds", () => {
    expect(prose).toContain(`| ResNet-152 | 2015 | 152 | ${millions(summary('resnet152').trainableParams)} |`);
    const mobile = summary('mobilenet-v1');
    expect(prose).toContain(`${millions(mobile.trainableParams)} parameters, ${Math.round(mobile.macs / 1e6)}M multiply-adds`);
  });
});
