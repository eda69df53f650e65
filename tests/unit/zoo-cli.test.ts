import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run zoo -- ...args` the way npm does: the pinned Node runs scripts/zoo.ts directly. */
function zoo(...args: string[]) {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['scripts/zoo.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

describe('npm run zoo', () => {
  it("prints one model's layer summary, with totals and receptive field", () => {
    const { status, stdout } = zoo('resnet20-cifar');
    expect(status).toBe(0);
    expect(stdout).toContain('resnet20-cifar: ResNet-20 v1: basic units, zero-padded identity shortcuts');
    expect(stdout).toMatch(/\nconv2_block1_1_conv +Conv2D +32x32x16 +2,304 +0 +2,359,296\n/);
    expect(stdout).toContain('269,722 trainable + 1,376 non-trainable parameters, 40.6 M multiply-accumulates');
    expect(stdout).toContain('receptive field of the last convolution (conv4_block3_2_conv): 81 pixels, stride 4');
  });

  it("notes under a model's summary where torchvision's model of the same name is another network", () => {
    const { status, stdout } = zoo('resnet50');
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /\n\nnote: ResNet v1 as the authors released it.*torchvision's resnet50 is v1\.5 \(here resnet50-v1\.5\)/,
    );
  });

  it('prints that summary as JSON with --json, for a chosen input size and classes', () => {
    const { status, stdout } = zoo('resnet18', '--input', '28x28x1', '--classes', '10', '--json');
    expect(status).toBe(0);
    const summary: unknown = JSON.parse(stdout);
    expect(summary).toMatchObject({
      name: 'resnet18',
      inputShape: [28, 28, 1],
      outputShape: [10],
      trainableParams: 11_175_370,
    });
  });

  it.each([
    [['resnet51'], /zoo: resnet51: depth 51 is not in the family .* allowed depths: 18, 34, 50, 101, 152/],
    [['alexnext'], /zoo: unknown model "alexnext"; known models: .*alexnet/],
    [['mobilenet-v1', '--width', '0'], /zoo: mobilenet-v1: width multiplier must be a number > 0, got 0/],
    [
      ['vgg16', '--input', '28x28x1'],
      /zoo: vgg16: an input height of 28 is too small .* smallest input it accepts is 32x32/,
    ],
    [['resnet18', '--input', '28x28'], /zoo: --input must be HxWxC with positive integers, e.g. 28x28x1, got "28x28"/],
    [['--classes', '10'], /zoo: --input, --classes, --width and --activation need a model name/],
  ])('fails on %j with a message saying what was asked and what is allowed', (args, message) => {
    const { status, stdout, stderr } = zoo(...args);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
