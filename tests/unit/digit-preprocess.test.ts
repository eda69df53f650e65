// The digit pad's preprocessing against MNIST's own digits: a digit re-drawn large and off-centre comes back as
// MNIST made it, scaled to fit 20×20 and centred by its centre of mass in 28×28.
import { describe, expect, it } from 'vitest';
import { boundingBox, centreOfMass, photoToInk, preprocess, type Grey } from '~/components/digit-pad/preprocess';
import { convertMnist } from '~/integrations/mnist-asset';

const { images } = convertMnist();
const digit = (i: number): Grey => ({
  width: 28,
  height: 28,
  data: Float32Array.from(images.subarray(i * 784, (i + 1) * 784), (v) => v / 255),
});

/** `image` scaled up `k` times (nearest) and pasted at (x, y) on a blank canvas of `w`×`h`. */
function redraw(image: Grey, k: number, x: number, y: number, w: number, h: number): Grey {
  const data = new Float32Array(w * h);
  for (let v = 0; v < image.height * k; v++)
    for (let u = 0; u < image.width * k; u++)
      data[(y + v) * w + x + u] = image.data[Math.floor(v / k) * image.width + Math.floor(u / k)]!;
  return { width: w, height: h, data };
}

describe('digit preprocessing', () => {
  it.each([0, 1, 2, 3, 4, 7, 42, 1234, 9999])(
    'brings MNIST digit %i back centred within 1 px after drawing it 5 times larger in a corner',
    (i) => {
      const original = digit(i);
      const result = preprocess(redraw(original, 5, 170, 20, 320, 240))!;
      const [cx, cy] = centreOfMass(result.centred);
      expect(Math.abs(cx - 14)).toBeLessThanOrEqual(1);
      expect(Math.abs(cy - 14)).toBeLessThanOrEqual(1);
      const box = boundingBox(result.centred)!;
      expect(Math.max(box.width, box.height)).toBeGreaterThanOrEqual(19);
      expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(20);
      // And MNIST's own centring agrees: the original's centre of mass is where ours is, within a pixel.
      const [ox, oy] = centreOfMass(original);
      expect(Math.hypot(ox - cx, oy - cy)).toBeLessThanOrEqual(1.5);
    },
  );

  it('finds no digit on an empty pad', () => {
    expect(preprocess({ width: 50, height: 50, data: new Float32Array(2500) })).toBeNull();
  });

  it('turns a photo of dark ink on light paper into light ink on black, and drops the paper texture', () => {
    const [w, h] = [40, 40];
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const stroke = i % w >= 18 && i % w <= 22 && Math.floor(i / w) > 5 && Math.floor(i / w) < 35;
      const v = stroke ? 30 : 220 + (i % 7) * 4; // paper with some texture
      rgba.set([v, v, v, 255], 4 * i);
    }
    const { ink, inverted } = photoToInk(rgba, w, h);
    expect(inverted).toBe(true);
    expect(boundingBox(ink)).toEqual({ x: 18, y: 6, width: 5, height: 29 });
    expect(ink.data[20 * w + 20]).toBeCloseTo(1, 1);
    expect(ink.data[0]).toBe(0);
  });
});
