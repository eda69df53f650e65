/**
 * What a trained network looks at in one input, for one class:
 * - saliency (Simonyan, Vedaldi & Zisserman, "Deep inside convolutional networks", 2013): the size of the gradient
 *   of the class's score with respect to each input pixel, the pixels whose change would move it most;
 * - Grad-CAM (Selvaraju et al., 2016): the last feature maps weighted by how much the class's score grows with each
 *   (the gradient averaged over the map), summed and kept where positive, then laid over the input where its cells
 *   look (onInput).
 * Both are scaled to 0–1. Grad-CAM weighs the last convolution's maps (after its normalisation and activation, not
 * after a pooling, whose coarser grid says less about where): the last layer with spatial maps (more than 1×1),
 * not a pooling, that no later layer skips past, as a residual shortcut would, so that the layers after it can run
 * on their own.
 */
import * as tf from '@tensorflow/tfjs';
import { receptiveFields, type Field } from '../summary/index.ts';

export interface Explanation {
  /** The class explained. */
  explained: number;
  /** One value per input pixel, row-major, 0–1. */
  saliency: Float32Array;
  /** One value per input pixel, 0–1; null where the network has no feature maps Grad-CAM can use. */
  gradcam: Float32Array | null;
  /** The layer whose maps Grad-CAM weighed. */
  camLayer: string | null;
}

/** tfjs's poolings and the zoo's own (LeNet-5's trainable subsampling). */
const POOLING = /Pool|Subsampling/;

const scaled = (t: tf.Tensor) => t.div(t.max().maximum(1e-12));

/** The class's score: its probability where the network ends in a softmax, its output otherwise. */
const score = (out: tf.Tensor, cls: number) => out.slice([0, cls], [1, 1]).sum();

/**
 * Explains class `cls` for input `x` ([1, h, w, c], as the network reads it). Call it after anything that reads
 * `layer.output` of this model: running the layers after the maps on their own adds nodes to those layers.
 */
export function explain(model: tf.LayersModel, x: tf.Tensor4D, cls: number): Explanation {
  const [height, width] = x.shape.slice(1, 3) as [number, number];
  const saliency = tf.tidy(() => {
    const gradient = tf.grad((input: tf.Tensor) => score(model.predict(input) as tf.Tensor, cls))(x);
    return scaled(gradient.abs().sum(3)).dataSync() as Float32Array;
  });
  const split = splitAtLastMaps(model);
  if (!split) return { explained: cls, saliency, gradcam: null, camLayer: null };
  const cam = tf.tidy(() => {
    const maps = split.head.predict(x) as tf.Tensor4D;
    const gradient = tf.grad((a: tf.Tensor) => score(split.tail.apply(a) as tf.Tensor, cls))(maps);
    const weights = gradient.mean([1, 2], true); // one per channel
    return maps.mul(weights).sum([0, 3]).relu() as tf.Tensor2D;
  });
  const [camHeight, camWidth] = cam.shape;
  const values = cam.dataSync() as Float32Array;
  cam.dispose();
  const field = receptiveFields(model).get(split.layer)!;
  const gradcam = onInput(values, [camHeight, camWidth], field, [height, width]);
  return { explained: cls, saliency, gradcam, camLayer: split.layer };
}

/** The model cut after its last usable feature maps: input → maps, and maps → output. */
function splitAtLastMaps(model: tf.LayersModel): { layer: string; head: tf.LayersModel; tail: tf.LayersModel } | null {
  const layers = model.layers;
  const inbound = (l: tf.layers.Layer) => l.inboundNodes[0]?.inboundLayers ?? [];
  for (let t = layers.length - 2; t >= 0; t--) {
    const target = layers[t]!;
    const shape = target.outputShape as number[];
    if (!Array.isArray(shape) || shape.length !== 4 || (shape[1]! <= 1 && shape[2]! <= 1)) continue;
    if (POOLING.test(target.getClassName())) continue;
    const later = layers.slice(t + 1);
    const known = new Set([target.name, ...later.map((l) => l.name)]);
    if (!later.every((l) => inbound(l).every((i) => known.has(i.name)))) continue; // a shortcut skips past it
    const head = tf.model({ inputs: model.inputs, outputs: target.output as tf.SymbolicTensor });
    const start = tf.input({ shape: shape.slice(1) });
    const made = new Map<string, tf.SymbolicTensor>([[target.name, start]]);
    for (const layer of later) {
      const inputs = inbound(layer).map((i) => made.get(i.name)!);
      made.set(layer.name, layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor);
    }
    const tail = tf.model({ inputs: start, outputs: made.get(layers.at(-1)!.name)! });
    return { layer: target.name, head, tail };
  }
  return null;
}

/**
 * The map laid over the input where its cells look: cell (i, j) is centred where its receptive field is
 * (summary's start and stride), read between cells bilinearly and at the edge cell beyond the outermost ones, then
 * scaled to 0–1. Stretching the map over the whole input would misplace it wherever convolutions without padding
 * shrank it: LeNet-5's 10×10 maps look at the input's central 20×20, not all of its 28×28.
 */
function onInput(
  cam: Float32Array,
  [h, w]: [number, number],
  field: Field,
  [height, width]: [number, number],
): Float32Array {
  const at = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const out = new Float32Array(height * width);
  for (let y = 0; y < height; y++) {
    const fy = at((y - field.start[0]) / field.stride[0], h);
    const [y0, y1] = [Math.floor(fy), Math.min(h - 1, Math.floor(fy) + 1)];
    for (let x = 0; x < width; x++) {
      const fx = at((x - field.start[1]) / field.stride[1], w);
      const [x0, x1] = [Math.floor(fx), Math.min(w - 1, Math.floor(fx) + 1)];
      const [ty, tx] = [fy - y0, fx - x0];
      const top = cam[y0 * w + x0]! * (1 - tx) + cam[y0 * w + x1]! * tx;
      const bottom = cam[y1 * w + x0]! * (1 - tx) + cam[y1 * w + x1]! * tx;
      out[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  const top = Math.max(...out);
  return top > 0 ? out.map((v) => v / top) : out;
}
