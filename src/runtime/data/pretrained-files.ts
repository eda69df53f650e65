/** Where the shipped LeNet-5 is served, under the site's base (copied there by the build from assets/lenet5-mnist/). */
export const PRETRAINED_PATH = 'models/lenet5-mnist/';
export const PRETRAINED_FILES = { model: 'model.json', weights: 'weights.bin' } as const;
