/** Tensors to RGBA pixels for the page: `show()`, `gallery()` and the trainer's galleries. */
import * as tf from '@tensorflow/tfjs';
import { words, type Text, type WorkerEvent } from '../protocol/index.ts';
import { ReaderError } from './reader-error.ts';
import type { RunContext } from './run-context.ts';

/** RGBA bytes of an [h, w, 3] float tensor in 0-255. */
export async function rgbaPixels(rgb: tf.Tensor3D): Promise<Uint8ClampedArray> {
  const [height, width] = rgb.shape;
  const rgba = tf.tidy(() => tf.concat([rgb, tf.fill([height, width, 1], 255)], 2).round());
  const data = await rgba.data();
  rgba.dispose();
  return Uint8ClampedArray.from(data);
}

/** [h, w], [h, w, 1|3|4] or [1, h, w, c] as an [h, w, 3] image, rescaled to 0-255. */
export function toImage(t: tf.Tensor): tf.Tensor3D {
  return tf.tidy(() => {
    let x = t.toFloat();
    if (x.rank === 4 && x.shape[0] === 1) x = x.squeeze([0]);
    if (x.rank === 2) x = x.expandDims(2);
    if (x.rank !== 3 || ![1, 3, 4].includes(x.shape[2]!))
      throw new ReaderError(words('worker.images.showShape', { shape: `${t.shape}` }));
    const [min, max] = [x.min(), x.max()];
    const scaled = x.sub(min).div(max.sub(min).maximum(1e-8)).mul(255);
    return (x.shape[2] === 1 ? scaled.tile([1, 1, 3]) : scaled) as tf.Tensor3D;
  });
}

/** Output budgets: images per gallery, and the longest side of a picture sent to the page (larger ones shrink). */
const GALLERY_LIMIT = 256;
const IMAGE_MAX_SIDE = 1024;

/** An [h, w, 3] image that fits IMAGE_MAX_SIDE, shrunk (bilinear) if it does not; `shrunk` says from what size. */
export function fitImage(rgb: tf.Tensor3D): { image: tf.Tensor3D; shrunk: string | null } {
  const [height, width] = rgb.shape;
  const scale = IMAGE_MAX_SIDE / Math.max(height, width);
  if (scale >= 1) return { image: rgb, shrunk: null };
  const size: [number, number] = [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))];
  const image = tf.tidy(() => tf.image.resizeBilinear(rgb, size));
  rgb.dispose();
  return { image, shrunk: `${height}×${width}` };
}

export interface GalleryOptions {
  title?: Text;
  flagged?: boolean[];
  /** Per image, the test digit it shows, for pages that let the reader pick one. */
  picks?: number[];
}

/**
 * Sends a run's gallery of [n, h, w(, c)] images, each rescaled on its own; throws once Stop is pressed. The title
 * and captions are the reader's strings, or a program's words.
 */
export async function emitGallery(
  run: RunContext,
  images: tf.Tensor,
  captions: readonly Text[],
  { title = '', flagged = [], picks }: Omit<GalleryOptions, 'title'> & { title?: Text } = {},
): Promise<void> {
  run.throwIfStopped();
  const n = images.shape[0] ?? 0;
  if (images.rank < 3 || captions.length !== n)
    throw new ReaderError(words('worker.images.galleryShape', { shape: `${images.shape}`, captions: captions.length }));
  if (n > GALLERY_LIMIT) throw new ReaderError(words('worker.images.galleryCount', { limit: GALLERY_LIMIT, got: n }));
  const [, side1 = 0, side2 = 0] = images.shape;
  if (Math.max(side1, side2) > IMAGE_MAX_SIDE)
    throw new ReaderError(words('worker.images.gallerySize', { max: IMAGE_MAX_SIDE, height: side1, width: side2 }));
  const items = [];
  for (let i = 0; i < n; i++) {
    const rgb = tf.tidy(() => toImage(images.slice(i, 1).squeeze([0])));
    items.push({
      pixels: await rgbaPixels(rgb),
      caption: captions[i]!,
      flagged: Boolean(flagged[i]),
      ...(picks ? { pick: picks[i]! } : {}),
    });
    rgb.dispose();
  }
  const [, height = 0, width = 0] = images.shape;
  const event: WorkerEvent = { type: 'gallery', runId: run.runId, title, width, height, items };
  run.emit(
    event,
    items.map((it) => it.pixels.buffer),
  );
}
