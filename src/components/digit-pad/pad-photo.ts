/**
 * A photo of a digit for the pad: refused with a reason when it is empty, too large to decode safely or not an image
 * this browser reads; otherwise scaled down to the pad's size and turned into ink (preprocess.ts's `photoToInk`).
 */
import { word } from '../client/words';
import { photoToInk, type Grey } from './preprocess';

/** A photo larger than this is refused: decoding it could take the page's memory. */
const MAX_PHOTO_BYTES = 20 * 2 ** 20;
const MAX_PHOTO_SIDE = 8000;

export type PhotoInk = { grey: Grey; ink: Grey; inverted: boolean } | { refused: string };

/** The photo's ink, worked at most `side` pixels on a side (enough for a 20×20 digit, and fast). */
export async function inkOfPhoto(file: File, side: number): Promise<PhotoInk> {
  if (file.size === 0) return { refused: word('pad.photo.empty') };
  if (file.size > MAX_PHOTO_BYTES)
    return {
      refused: word('pad.photo.tooLarge', { size: (file.size / 2 ** 20).toFixed(0), limit: MAX_PHOTO_BYTES / 2 ** 20 }),
    };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { refused: word('pad.photo.notImage') };
  }
  if (bitmap.width > MAX_PHOTO_SIDE || bitmap.height > MAX_PHOTO_SIDE)
    return {
      refused: word('pad.photo.tooWide', { width: bitmap.width, height: bitmap.height, limit: MAX_PHOTO_SIDE }),
    };
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const [w, h] = [Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))];
  const work = new OffscreenCanvas(w, h).getContext('2d')!;
  work.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return photoToInk(work.getImageData(0, 0, w, h).data, w, h);
}
