/** The model zoo: one builder per architecture family, and the registry that names them. */
export { buildLeNet5, C3_CONNECTIONS, type LeNet5Options, type LeNet5Variant } from './lenet.ts';
export { buildAlexNet, type AlexNetOptions, type AlexNetVariant } from './alexnet.ts';
export { buildVgg, VGG_DEPTHS, type VggOptions, type VggDepth } from './vgg.ts';
export { buildResNet, IMAGENET_RESNET_DEPTHS, type ResNetOptions, type ResNetVariant } from './resnet.ts';
export { buildPreActResNet, IMAGENET_PREACT_DEPTHS, type PreActResNetOptions } from './preact-resnet.ts';
export { buildMobileNetV1, type MobileNetV1Options } from './mobilenet.ts';
export {
  buildZooModel,
  describeZooNames,
  lookupModel,
  noteOnName,
  ZOO_NAMES,
  type ZooEntry,
  type ZooOptions,
} from './registry.ts';
export { readDescription, type ModelDescription } from './building-blocks.ts';
export type { InputShape } from './checks.ts';
