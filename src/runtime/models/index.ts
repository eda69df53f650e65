/** The model zoo: one builder per architecture family, and the registry that names them. */
export { buildLeNet5, C3_CONNECTIONS, type LeNet5Options, type LeNet5Variant } from './lenet.ts';
export { buildAlexNet, type AlexNetOptions, type AlexNetVariant } from './alexnet.ts';
export { buildVgg, VGG_DEPTHS, type VggOptions, type VggDepth } from './vgg.ts';
export {
  buildResNet,
  RESNET_DEPTH_RULES,
  type ResNetDataset,
  type ResNetOptions,
  type ResNetVersion,
} from './resnet.ts';
export { buildMobileNetV1, type MobileNetV1Options, type MobileNetV1Variant } from './mobilenet.ts';
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
