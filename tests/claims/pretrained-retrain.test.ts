// The shipped LeNet-5 (assets/lenet5-mnist/) is what `npm run pretrain` makes: retrained with its seed, it comes
// back within 0.2 points of the accuracy it ships with (minutes of training, so in the claims tier).
import { describe, expect, it } from 'vitest';
import { loadShippedNetwork } from '~/runtime/data/pretrained';
import { chooseBackend } from '~/runtime/host/backends';
import { pretrainLeNet, PRETRAIN } from '~/runtime/programs/trainer/pretrain';
import { WASM_DIR, nodeAssetLoader } from '../helpers/snippets';

describe('the shipped LeNet-5', () => {
  it('comes back within 0.2 points when retrained with its seed (npm run pretrain)', async () => {
    await chooseBackend('wasm', WASM_DIR);
    const loader = (await nodeAssetLoader())('/');
    const shipped = await loadShippedNetwork(loader, 'lenet5');
    shipped.model.dispose();
    const { model, metadata } = await pretrainLeNet(loader, PRETRAIN.settings, PRETRAIN.seed);
    model.dispose();
    expect(Math.abs(metadata.testAccuracy - shipped.testAccuracy)).toBeLessThanOrEqual(0.2);
  }, 600_000);
});
