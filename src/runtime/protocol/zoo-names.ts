import { words, type Words } from './words.ts';

/** The zoo's model names, in course order: what `npm run zoo` tabulates and the explorer's model list offers. */
export const ZOO_NAMES: readonly string[] = [
  'lenet5-1998',
  'lenet5',
  'alexnet-2012',
  'alexnet',
  'alexnet-mnist',
  'vgg11',
  'vgg13',
  'vgg16',
  'vgg19',
  'vgg16-gap',
  'vgg8-mnist',
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet101',
  'resnet152',
  'resnet50-v1.5',
  'resnet101-v1.5',
  'resnet152-v1.5',
  'preact-resnet18',
  'preact-resnet34',
  'preact-resnet50',
  'preact-resnet101',
  'preact-resnet152',
  'plain20-cifar',
  'resnet20-cifar',
  'plain56-cifar',
  'resnet56-cifar',
  'resnet110-cifar',
  'preact-resnet20-basic-cifar',
  'preact-resnet164-cifar',
  'preact-resnet1001-cifar',
  'mobilenet-v1',
  'mobilenet-v1-mnist',
];

/**
 * The architecture lab's networks, in the order it offers them: small variants of every family, trained side by
 * side on MNIST and Fashion-MNIST. The lab builds each with `{ inputShape: LAB_INPUT_SHAPE, classes: LAB_CLASSES }`:
 * the `-mnist` ones take that by default, LeNet-5 pads it to its 32x32 field, and the CIFAR networks run their
 * three stages at 28 -> 14 -> 7 instead of 32 -> 16 -> 8.
 */
export const LAB_ARCHITECTURES = [
  'lenet5',
  'alexnet-mnist',
  'vgg8-mnist',
  'plain20-cifar',
  'resnet20-cifar',
  'plain56-cifar',
  'resnet56-cifar',
  'preact-resnet20-basic-cifar',
  'mobilenet-v1-mnist',
] as const;
export type LabArchitecture = (typeof LAB_ARCHITECTURES)[number];

/** The name a reader knows each lab network by: in the lab's legends and table, the digit pad and the explorer. */
export const LAB_LABELS: Readonly<Record<LabArchitecture, string>> = {
  lenet5: 'LeNet-5',
  'alexnet-mnist': 'AlexNet',
  'vgg8-mnist': 'VGG-8',
  'plain20-cifar': 'plain-20',
  'resnet20-cifar': 'ResNet-20',
  'plain56-cifar': 'plain-56',
  'resnet56-cifar': 'ResNet-56',
  'preact-resnet20-basic-cifar': 'pre-act ResNet-20',
  'mobilenet-v1-mnist': 'MobileNet',
};

/** MNIST's and Fashion-MNIST's images, [height, width, channels], and their 10 classes. */
export const LAB_INPUT_SHAPE: readonly [number, number, number] = [28, 28, 1];
export const LAB_CLASSES = 10;

/** The reader's words for what a lab network changed from its paper's (`zoo.small.<name>` in the words tables). */
export function labArchitectureWords(name: LabArchitecture): Words {
  return words(`zoo.small.${name}`);
}
