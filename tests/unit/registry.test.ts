import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMobileNetV1,
  buildResNet,
  buildVgg,
  buildZooModel,
  lookupModel,
  noteOnName,
  readDescription,
  ZOO_NAMES,
} from '../../src/runtime/models/index.ts';
import { smallestInputSide, type Reduction } from '../../src/runtime/models/checks.ts';
import { citePaper, PAPERS, type Paper } from '../../src/runtime/models/papers.ts';
import { english } from '../helpers/words';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('noteOnName', () => {
  it('warns that torchvision spells v1.5 ResNets with the names the zoo gives to v1 (same counts, other network)', () => {
    for (const depth of [50, 101, 152])
      expect(noteOnName(`resnet${depth}`)).toMatch(
        new RegExp(`torchvision's resnet${depth} is v1\\.5 \\(here resnet${depth}-v1\\.5\\)`),
      );
    expect(noteOnName('alexnet')).toMatch(/one weird trick.*conv4 384.*cuda-convnet2.*alexnet-2012/);
  });

  it('says nothing where a zoo name means the same network everywhere', () => {
    expect(['resnet18', 'resnet50-v1.5', 'alexnet-2012', 'vgg16', 'preact-resnet50'].map(noteOnName)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('lookupModel', () => {
  it('resolves every zoo name to its family without building anything', () => {
    const families = ZOO_NAMES.map((name) => lookupModel(name).family);
    expect(new Set(families)).toEqual(
      new Set([
        'lenet5',
        'alexnet',
        'vgg',
        'resnet',
        'preact-resnet',
        'resnet-cifar',
        'preact-resnet-cifar',
        'mobilenet-v1',
        'alexnet-mnist',
        'vgg-mnist',
        'plain-cifar',
        'preact-resnet-basic-cifar',
        'mobilenet-v1-mnist',
      ]),
    );
    expect(tf.memory().numTensors).toBe(0);
  });

  it.each([
    [
      'resnet51',
      /resnet51: depth 51 is not in the family resnet<18\|34\|50\|101\|152>\[-v1\.5\]; allowed depths: 18, 34, 50, 101, 152/,
    ],
    ['vgg12', /vgg12: depth 12 .* allowed depths: 11, 13, 16, 19/],
    ['preact-resnet200', /allowed depths: 18, 34, 50, 101, 152/],
    ['resnet21-cifar', /resnet21-cifar: depth 21 .* must be 6n \+ 2 with n >= 1 \(e\.g\. 20, 32/],
    ['preact-resnet165-cifar', /depth 165 .* must be 9n \+ 2 .* 164, 1001/],
    ['resnet2-cifar', /must be 6n \+ 2 with n >= 1/],
    ['plain21-cifar', /plain21-cifar: depth 21 is not in the family plain<6n\+2>-cifar; the depth must be 6n \+ 2/],
    ['preact-resnet21-basic-cifar', /depth 21 is not in the family preact-resnet<6n\+2>-basic-cifar/],
  ])('rejects %s, a depth outside its family, saying which depths exist', (name, message) => {
    expect(() => lookupModel(name)).toThrow(message);
  });

  it('rejects an unknown name, listing the known names and name patterns', () => {
    expect(() => lookupModel('googlenet')).toThrow(
      /unknown model "googlenet"; known models: lenet5-1998, lenet5, .*mobilenet-v1-mnist; name patterns: .*vgg<11\|13\|16\|19>\[-gap\]\[-bn\].*preact-resnet<6n\+2>-basic-cifar/,
    );
  });
});

describe('building by name', () => {
  it('takes input size and classes, so small versions fit 28x28 MNIST', () => {
    const model = buildZooModel('resnet18', { inputShape: [28, 28, 1], classes: 10 });
    expect(model.inputs[0].shape).toEqual([null, 28, 28, 1]);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it("pads 28x28 digits into LeNet-5's 32x32 field, as the paper did", () => {
    const model = buildZooModel('lenet5-1998', { inputShape: [28, 28, 1] });
    expect(model.getLayer('pad').outputShape).toEqual([null, 32, 32, 1]);
    expect(model.getLayer('c5').outputShape).toEqual([null, 1, 1, 120]);
    model.dispose();
  });

  it.each([
    [
      'vgg16',
      [28, 28, 1],
      /vgg16: an input height of 28 is too small for the network's downsampling \(block5_pool.*\); the smallest input it accepts is 32x32/,
    ],
    ['alexnet', [28, 28, 3], /alexnet: an input height of 28 is too small .* smallest input it accepts is 63x63/],
    ['alexnet-2012', [64, 64, 3], /smallest input it accepts is 67x67/],
    [
      'resnet50',
      [8, 8, 3],
      /resnet50: an input height of 8 .*conv4_block1, kernel 1 stride 2, would receive 1 pixel\); the smallest input it accepts is 17x17/,
    ],
    ['mobilenet-v1', [224, 12, 3], /mobilenet-v1: an input width of 12 is too small/],
  ])('rejects %s on a %j input, naming the smallest input it accepts', (name, inputShape, message) => {
    expect(() => buildZooModel(name, { inputShape })).toThrow(message);
    expect(tf.memory().numTensors).toBe(0);
  });

  it.each([0, -0.5, Number.NaN])('rejects a width multiplier of %d', (widthMultiplier) => {
    expect(() => buildZooModel('mobilenet-v1', { widthMultiplier })).toThrow(
      /mobilenet-v1: width multiplier must be a number > 0, got/,
    );
  });

  it('rejects a width multiplier too small to leave the stem a filter', () => {
    expect(() => buildMobileNetV1({ widthMultiplier: 0.01 })).toThrow(/must be at least 0.03125/);
  });

  it.each([
    [
      'resnet18',
      { widthMultiplier: 0.5 },
      /resnet18: the widthMultiplier option applies to mobilenet-v1, mobilenet-v1-mnist only/,
    ],
    ['vgg11', { activation: 'tanh' }, /vgg11: the activation option applies to lenet5, lenet5-1998 only/],
    ['alexnet', { lrn: true }, /alexnet: the lrn option applies to alexnet-mnist only/],
    ['lenet5-1998', { classes: 26 }, /prototypes for 10 digits, so classes must be 1-10, got 26/],
    ['resnet18', { classes: 0 }, /resnet18: classes must be a positive integer, got 0/],
    [
      'resnet18',
      { inputShape: [28, 28] },
      /inputShape must be \[height, width, channels\] of positive integers, got \[28, 28\]/,
    ],
    ['resnet18-v1.5', {}, /v1\.5 moves a bottleneck's stride, so it exists for depths 50, 101, 152 only, got 18/],
  ] as const)('rejects %s with %j, saying what is allowed', (name, options, message) => {
    expect(() => buildZooModel(name, options)).toThrow(message);
  });
});

// name, a small input that builds it quickly, the papers its description cites
const CITATIONS: readonly (readonly [string, readonly number[], readonly Paper[]])[] = [
  ['lenet5-1998', [32, 32, 1], [PAPERS.lenet5]],
  ['lenet5', [32, 32, 1], [PAPERS.lenet5]],
  ['alexnet-2012', [67, 67, 3], [PAPERS.alexnet]],
  ['alexnet', [63, 63, 3], [PAPERS.oneWeirdTrick, PAPERS.alexnet]],
  ['vgg11', [32, 32, 3], [PAPERS.vgg]],
  ['resnet18', [32, 32, 3], [PAPERS.resnet]],
  ['preact-resnet18', [32, 32, 3], [PAPERS.preactResnet]],
  ['resnet20-cifar', [8, 8, 3], [PAPERS.resnet]],
  ['preact-resnet164-cifar', [8, 8, 3], [PAPERS.preactResnet]],
  ['mobilenet-v1', [32, 32, 3], [PAPERS.mobilenetV1]],
  ['alexnet-mnist', [28, 28, 1], [PAPERS.alexnet]],
  ['vgg8-mnist', [28, 28, 1], [PAPERS.vgg]],
  ['plain20-cifar', [8, 8, 3], [PAPERS.resnet]],
  ['preact-resnet20-basic-cifar', [8, 8, 3], [PAPERS.preactResnet]],
  ['mobilenet-v1-mnist', [28, 28, 1], [PAPERS.mobilenetV1]],
];

describe('the papers the zoo cites', () => {
  it('are written as authors, first-release year, title, arXiv id and venue', () => {
    expect(citePaper(PAPERS.vgg)).toBe(
      'Simonyan & Zisserman 2014, "Very Deep Convolutional Networks for Large-Scale Image Recognition", arXiv:1409.1556, ICLR 2015',
    );
    expect(citePaper(PAPERS.lenet5)).toMatch(/^LeCun, Bottou, Bengio & Haffner 1998, "Gradient-Based .*", Proc\. IEEE/);
    expect(citePaper(PAPERS.mobilenetV1)).toMatch(/^Howard et al\. 2017, "MobileNets: .*", arXiv:1704\.04861$/);
    expect(citePaper(PAPERS.oneWeirdTrick)).toMatch(/^Krizhevsky 2014, "One weird trick .*", arXiv:1404\.5997$/);
  });

  it.each(CITATIONS)('%s cites its paper from the table of papers', (name, inputShape, papers) => {
    const model = buildZooModel(name, { inputShape, classes: 10 });
    const { paper } = readDescription(model)!;
    model.dispose();
    for (const cited of papers) expect(paper).toContain(citePaper(cited));
  });

  it('are checked for every family of the zoo (the table above misses none)', () => {
    const families = (names: readonly string[]) => new Set(names.map((name) => lookupModel(name).family));
    expect(families(CITATIONS.map(([name]) => name))).toEqual(families(ZOO_NAMES));
  });
});

describe('builders called directly', () => {
  it('check their depth', () => {
    expect(() => buildResNet({ depth: 51 })).toThrow(
      /ImageNet ResNet depth must be one of 18, 34, 50, 101, 152, got 51/,
    );
    expect(() => buildResNet({ depth: 21, dataset: 'cifar' })).toThrow(/must be 6n \+ 2/);
    expect(() => buildVgg({ depth: 12 })).toThrow(/vgg: depth must be one of 8, 11, 13, 16, 19, got 12/);
  });

  it('build plain networks for v1 only, and choose CIFAR pre-activation blocks only there', () => {
    expect(() => buildResNet({ depth: 20, dataset: 'cifar', version: 'v2', shortcuts: false })).toThrow(
      /plain networks \(shortcuts: false\) exist for version v1 only, got v2/,
    );
    expect(() => buildResNet({ depth: 18, version: 'v2', block: 'basic' })).toThrow(/block option .* only/);
  });

  it('say what each small variant built, and whether the AlexNet one has its LRN', () => {
    const described = (model: tf.LayersModel) => {
      const { variant } = readDescription(model)!;
      model.dispose();
      return english(variant);
    };
    expect(described(buildZooModel('alexnet-mnist'))).toMatch(/AlexNet's design at MNIST scale: .*, no LRN/);
    const withLrn = buildZooModel('alexnet-mnist', { lrn: true });
    expect(withLrn.getLayer('norm1').getClassName()).toBe('LocalResponseNormalization');
    expect(described(withLrn)).toMatch(/, LRN after conv1$/);
    expect(described(buildZooModel('plain20-cifar'))).toBe(
      'Plain-20: the layers of ResNet-20 v1 (basic units) without shortcuts or additions',
    );
    expect(described(buildZooModel('preact-resnet20-basic-cifar'))).toMatch(
      /Pre-activation ResNet-20 \(v2\): basic units, zero-padded identity shortcuts/,
    );
  });
});

describe('smallestInputSide', () => {
  it('is 32 for five 2x2 max-pools', () => {
    const pools: Reduction[] = Array.from({ length: 5 }, (_, i) => ({
      layer: `pool${i}`,
      kernel: 2,
      stride: 2,
      padding: 0,
    }));
    expect(smallestInputSide(pools)).toBe(32);
  });

  it("requires a stride-2 'same' layer to see at least 2 pixels", () => {
    expect(smallestInputSide([{ layer: 'a', kernel: 3, stride: 2, padding: 'same' }])).toBe(2);
    expect(smallestInputSide([{ layer: 'a', kernel: 3, stride: 1, padding: 'same' }])).toBe(1);
  });
});
