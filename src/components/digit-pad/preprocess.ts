/**
 * How MNIST's digits were made, applied to the reader's drawing (LeCun et al., "Gradient-based learning applied
 * to document recognition", 1998, section III.A): the digit's bounding box is scaled to fit 20×20 keeping its
 * aspect ratio (anti-aliased, so grey levels appear), then placed in 28×28 so that its centre of mass is at the
 * centre. Without this a network trained on MNIST misreads drawings that are large, small or off-centre.
 * Pure arrays, no tfjs: the page shows every step, and tests run it on MNIST's own digits.
 */
export interface Grey {
  readonly width: number;
  readonly height: number;
  /** Row-major, 0 = paper, 1 = ink. */
  readonly data: Float32Array;
}

export interface Preprocessed {
  readonly cropped: Grey;
  readonly scaled: Grey;
  /** The network's input: 28×28. */
  readonly centred: Grey;
}

export const SIDE = 28;
const FIT = 20;
/** Ink lighter than this is paper (anti-aliasing, noise). */
const INK = 0.1;

/** The box around every ink pixel, or null for an empty drawing. */
export function boundingBox(image: Grey): { x: number; y: number; width: number; height: number } | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      if (image.data[y * image.width + x]! > INK) {
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

function crop(image: Grey, box: NonNullable<ReturnType<typeof boundingBox>>): Grey {
  const data = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++)
    data.set(
      image.data.subarray((box.y + y) * image.width + box.x, (box.y + y) * image.width + box.x + box.width),
      y * box.width,
    );
  return { width: box.width, height: box.height, data };
}

/** Area-averaging resize: each output pixel is the mean of the input area it covers (the anti-aliasing). */
export function resize(image: Grey, width: number, height: number): Grey {
  const data = new Float32Array(width * height);
  const [sx, sy] = [image.width / width, image.height / height];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let [sum, area] = [0, 0];
      for (let v = Math.floor(y * sy); v < Math.ceil((y + 1) * sy); v++) {
        const h = Math.min(v + 1, (y + 1) * sy) - Math.max(v, y * sy);
        for (let u = Math.floor(x * sx); u < Math.ceil((x + 1) * sx); u++) {
          const w = Math.min(u + 1, (x + 1) * sx) - Math.max(u, x * sx);
          sum += image.data[v * image.width + u]! * w * h;
          area += w * h;
        }
      }
      data[y * width + x] = area > 0 ? sum / area : 0;
    }
  return { width, height, data };
}

/** Centre of mass (x, y) of the ink, in pixels. */
export function centreOfMass(image: Grey): [number, number] {
  let [mass, mx, my] = [0, 0, 0];
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++) {
      const m = image.data[y * image.width + x]!;
      [mass, mx, my] = [mass + m, mx + m * (x + 0.5), my + m * (y + 0.5)];
    }
  return mass > 0 ? [mx / mass, my / mass] : [image.width / 2, image.height / 2];
}

/** The three steps, or null when there is no ink. */
export function preprocess(image: Grey): Preprocessed | null {
  const box = boundingBox(image);
  if (!box) return null;
  const cropped = crop(image, box);
  const scale = FIT / Math.max(box.width, box.height);
  const scaled = resize(
    cropped,
    Math.max(1, Math.round(box.width * scale)),
    Math.max(1, Math.round(box.height * scale)),
  );
  const [cx, cy] = centreOfMass(scaled);
  // Shift so that the centre of mass lands on the 28×28 centre, keeping the whole digit inside.
  const left = Math.min(SIDE - scaled.width, Math.max(0, Math.round(SIDE / 2 - cx)));
  const top = Math.min(SIDE - scaled.height, Math.max(0, Math.round(SIDE / 2 - cy)));
  const data = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < scaled.height; y++)
    data.set(scaled.data.subarray(y * scaled.width, (y + 1) * scaled.width), (top + y) * SIDE + left);
  return { cropped, scaled, centred: { width: SIDE, height: SIDE, data } };
}

/**
 * A photo's pixels (RGBA) as ink on paper: grey, inverted when the paper is lighter than the ink (dark pen on
 * white paper, unlike MNIST's white on black), and thresholded halfway between the darkest and lightest grey so
 * that shadows and paper texture drop out. Returns each step for the page to show.
 */
export function photoToInk(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): { grey: Grey; ink: Grey; inverted: boolean } {
  const grey = new Float32Array(width * height);
  let sum = 0;
  for (let i = 0; i < grey.length; i++) {
    const v = (0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!) / 255;
    grey[i] = v;
    sum += v;
  }
  const inverted = sum / grey.length > 0.5; // mostly light: dark ink on light paper
  const ink = new Float32Array(grey.length);
  let [lo, hi] = [1, 0];
  for (let i = 0; i < grey.length; i++) {
    const v = inverted ? 1 - grey[i]! : grey[i]!;
    ink[i] = v;
    [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  const threshold = (lo + hi) / 2;
  for (let i = 0; i < ink.length; i++)
    ink[i] = ink[i]! >= threshold ? (ink[i]! - threshold) / (hi - threshold || 1) : 0;
  return { grey: { width, height, data: grey }, ink: { width, height, data: ink }, inverted };
}
