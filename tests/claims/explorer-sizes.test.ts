// The explorer offers, for every zoo model, only input sizes the model can be built at: each size rule checked at
// its smallest and largest size by building the full model (slow, so in the claims tier).
import { describe, expect, it } from 'vitest';
import { buildZooModel } from '~/runtime/models';
import { explorerInputShape, explorerSizes, ZOO_NAMES } from '~/runtime/protocol';

describe('the architecture explorer', () => {
  it('offers every zoo model only input sizes it can be built with', () => {
    // One model per size rule, at its smallest and largest offered size (the zoo's checks would throw otherwise).
    for (const name of [
      'lenet5',
      'lenet5-1998',
      'resnet20-cifar',
      'alexnet-2012',
      'alexnet',
      'vgg11',
      'resnet18',
      'mobilenet-v1',
      'vgg8-mnist',
    ]) {
      const { sizes } = explorerSizes(name);
      for (const size of [Math.min(...sizes), Math.max(...sizes)]) {
        const model = buildZooModel(name, { inputShape: explorerInputShape(name, size) });
        expect(model.inputs[0]!.shape.slice(1)).toEqual(explorerInputShape(name, size));
        model.dispose();
      }
    }
    expect(ZOO_NAMES.every((name) => explorerSizes(name).sizes.length > 0)).toBe(true);
  }, 120_000);
});
