/**
 * The one table every zoo test reads: each architecture with the numbers its
 * paper or reference implementation publishes. Sources per row:
 *   issue  the figures quoted in the zoo issue (papers, torchvision)
 *   tv     torchvision's model docs (parameters; "GFLOPS" there are multiply-adds)
 *   keras  keras.applications model summaries (non-trainable = BN moving statistics)
 *   caffe  Caffe's bvlc_alexnet (the grouped two-tower network)
 *   cifar  akamaster/pytorch_resnet_cifar10 (0.27M / 0.85M / 1.7M in the paper)
 *   zoo    no exact published figure: the count this zoo computes, kept as a regression value
 *   hand   the architecture lab's networks, counted by hand from their configurations (lab-by-hand.ts)
 */
import { alexnetMnistByHand, cifarByHand, mobilenetMnistByHand, vgg8MnistByHand, type Counts } from './lab-by-hand.ts';

/** A small version cheap enough for a forward and backward pass on the tfjs cpu backend. */
export interface SmallVariant {
  readonly inputShape: readonly [number, number, number];
  readonly classes: number;
  readonly batch: number;
  readonly widthMultiplier?: number;
}

export type ZooRow = readonly [
  name: string,
  trainableParams: number,
  nonTrainableParams: number,
  referenceMacs: number | null,
  outputShape: readonly number[],
  small: SmallVariant | null,
];

const MNIST = (batch: number): SmallVariant => ({ inputShape: [28, 28, 1], classes: 10, batch });

/** A row of a network counted by hand; its forward and backward pass is tested on WASM with the lab's networks. */
const byHand = (name: string, { trainable, nonTrainable, macs }: Counts, outputShape: readonly number[]): ZooRow => [
  name,
  trainable,
  nonTrainable,
  macs,
  outputShape,
  null,
];
const CIFAR_INPUT = [32, 32, 3] as const;

// Small variants: the tfjs cpu kernel for filter gradients is a naive loop whose cost grows with a model's
// convolution weights (ResNet-50 takes ~20 s even at 28x28), so one row per code path runs forward and
// backward; a null row shares its layers with a tested one (alexnet with alexnet-2012, vgg13-19 with
// vgg11-bn, ResNet bottlenecks with preact-resnet164-cifar and resnet18, ...).

// name, trainable params, non-trainable params, reference MACs (null: none published), output shape, small variant
export const ZOO_TABLE: readonly ZooRow[] = [
  ['lenet5-1998', 60_000, 840, null, [10], MNIST(2)], // issue (paper per layer); 840 = 10 fixed 7x12 prototypes
  ['lenet5', 61_706, 0, null, [10], MNIST(2)], // issue
  ['alexnet-2012', 60_965_224, 0, null, [1000], { inputShape: [67, 67, 3], classes: 10, batch: 1 }], // caffe
  ['alexnet', 61_100_840, 0, 0.714e9, [1000], null], // issue
  byHand('alexnet-mnist', alexnetMnistByHand(), [10]), // hand
  ['vgg11', 132_863_336, 0, 7.61e9, [1000], null], // tv
  ['vgg11-bn', 132_868_840, 5_504, 7.61e9, [1000], { inputShape: [32, 32, 1], classes: 10, batch: 1 }], // tv
  ['vgg13', 133_047_848, 0, 11.31e9, [1000], null], // tv
  ['vgg16', 138_357_544, 0, 15.47e9, [1000], null], // issue
  ['vgg19', 143_667_240, 0, 19.63e9, [1000], null], // tv
  ['vgg16-gap', 15_227_688, 0, null, [1000], null], // zoo: VGG-16's 14,714,688 conv weights + a 512x1000 classifier
  byHand('vgg8-mnist', vgg8MnistByHand(), [10]), // hand
  ['resnet18', 11_689_512, 9_600, 1.81e9, [1000], MNIST(2)], // issue
  ['resnet34', 21_797_672, 17_024, 3.66e9, [1000], null], // issue; tv MACs
  ['resnet50', 25_557_032, 53_120, null, [1000], null], // issue; keras non-trainable
  ['resnet101', 44_549_160, 105_344, null, [1000], null], // issue
  ['resnet152', 60_192_808, 151_424, null, [1000], null], // issue
  ['resnet50-v1.5', 25_557_032, 53_120, 4.09e9, [1000], null], // issue
  ['resnet101-v1.5', 44_549_160, 105_344, 7.8e9, [1000], null], // tv
  ['resnet152-v1.5', 60_192_808, 151_424, 11.51e9, [1000], null], // issue
  // Pre-activation ResNets run the same convolutions as torchvision's (stride on the 3x3), hence its MACs.
  ['preact-resnet18', 11_687_720, 7_808, 1.81e9, [1000], MNIST(2)], // zoo
  ['preact-resnet34', 21_795_880, 15_232, 3.66e9, [1000], null], // zoo
  ['preact-resnet50', 25_549_352, 45_440, 4.09e9, [1000], null], // keras ResNet50V2 minus its 19,008 conv biases; 45,440 as keras
  ['preact-resnet101', 44_541_480, 97_664, 7.8e9, [1000], null], // zoo
  ['preact-resnet152', 60_185_128, 143_744, 11.51e9, [1000], null], // zoo
  byHand('plain20-cifar', cifarByHand(20, 'plain', CIFAR_INPUT), [10]), // hand: resnet20-cifar's, option A has none
  ['resnet20-cifar', 269_722, 1_376, null, [10], { inputShape: [16, 16, 3], classes: 10, batch: 2 }], // cifar
  byHand('plain56-cifar', cifarByHand(56, 'plain', CIFAR_INPUT), [10]), // hand
  ['resnet56-cifar', 853_018, 4_064, null, [10], null], // cifar
  ['resnet110-cifar', 1_727_962, 8_096, null, [10], null], // cifar
  byHand('preact-resnet20-basic-cifar', cifarByHand(20, 'preact', CIFAR_INPUT), [10]), // hand
  ['preact-resnet164-cifar', 1_703_258, 24_224, null, [10], { inputShape: [8, 8, 3], classes: 10, batch: 2 }], // zoo (paper: 1.7M)
  ['preact-resnet1001-cifar', 10_327_706, 149_216, null, [10], null], // zoo (paper: 10.2M without BN)
  [
    'mobilenet-v1',
    4_231_976,
    21_888,
    569e6,
    [1000],
    { inputShape: [28, 28, 1], classes: 10, batch: 2, widthMultiplier: 0.25 },
  ], // issue; keras
  byHand('mobilenet-v1-mnist', mobilenetMnistByHand(), [10]), // hand
];

/** MACs must agree with the published figures within this relative error. */
export const MAC_TOLERANCE = 0.005;
