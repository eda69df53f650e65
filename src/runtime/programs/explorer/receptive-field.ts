/**
 * One unit's receptive field, for the explorer: the window its layers let it see (summary's receptive box, from the
 * kernels, strides and padding) and its effective field (Luo et al., "Understanding the effective receptive field in
 * deep convolutional neural networks", 2016): the gradient of that unit with respect to the input, which shows how
 * much each pixel inside the window actually moves it. In a trained network it is concentrated near the window's
 * centre; the share of its total inside the central half of the window is reported with it.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { standardise } from '../../networks/kept-lenet.ts';
import { words, type WorkerRequest } from '../../protocol/index.ts';
import { receptiveBox, receptiveFields } from '../../summary/index.ts';
import { buildModel, inputTensor } from './program.ts';

type Request = Extract<WorkerRequest, { type: 'receptive-field' }>;

export function receptiveFieldProgram(request: Request): Program {
  return { run: (context) => showField(context, request) };
}

async function showField(context: ProgramContext, request: Request): Promise<void> {
  const course = courseFor(context);
  const { model, standardisation, weights } = await buildModel(course, context, request);
  context.console.info(weights);
  const layer = model.getLayer(request.layer); // throws, naming the layer, if the model has none of that name
  const shape = layer.outputShape as number[];
  const { channel, row, col } = request.unit;
  if (shape.length !== 4) throw new ReaderError(words('explorer.rf.notMaps', { layer: layer.name }));
  const [, height, width, channels] = shape as [number, number, number, number];
  const inRange = (v: number, n: number) => Number.isInteger(v) && v >= 0 && v < n;
  if (!inRange(channel, channels) || !inRange(row, height) || !inRange(col, width))
    throw new ReaderError(
      words('explorer.rf.outOfRange', {
        layer: layer.name,
        channels,
        height,
        width,
        channel: channel + 1,
        row: row + 1,
        col: col + 1,
      }),
    );
  const [inHeight, inWidth] = model.inputs[0]!.shape.slice(1, 3) as [number, number];
  const { x } = await inputTensor(course, request.input, model.inputs[0]!.shape.slice(1) as number[]);
  const fed = standardisation ? standardise(x, standardisation) : x;
  course.checkStop();
  const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
  const unitOf = (input: tf.Tensor) =>
    (probe.apply(input, { training: false }) as tf.Tensor).slice([0, row, col, channel], [1, 1, 1, 1]).sum();
  const [heat, image] = tf.tidy(() => {
    const gradient = tf.grad(unitOf)(fed).abs().sum([0, 3]);
    const top = gradient.max();
    const grey = x.mean(3).squeeze([0]);
    const [lo, hi] = [grey.min(), grey.max()];
    return [gradient.div(top.maximum(1e-12)), grey.sub(lo).div(hi.sub(lo).maximum(1e-12))] as [
      tf.Tensor2D,
      tf.Tensor2D,
    ];
  });
  const heatValues = (await heat.data()) as Float32Array;
  const imageValues = (await image.data()) as Float32Array;
  tf.dispose([heat, image, x, fed]);
  const box = receptiveBox(model, layer.name, row, col)!;
  const size = receptiveFields(model).get(layer.name)!.size;
  context.run.emit({
    type: 'receptive-field',
    runId: context.run.runId,
    unit: request.unit,
    layer: layer.name,
    box,
    size: [...size],
    height: inHeight,
    width: inWidth,
    image: imageValues,
    heat: heatValues,
    centreShare: centreShare(heatValues, inWidth, box),
  });
}

/** The share of the heat map's total inside the centred box of half the window's area (each side ×1/√2). */
function centreShare(
  heat: Float32Array,
  width: number,
  box: { top: number; left: number; bottom: number; right: number },
): number {
  const shrink = (lo: number, hi: number) => {
    const centre = (lo + hi) / 2;
    const half = ((hi - lo + 1) / Math.SQRT2 - 1) / 2;
    return [Math.ceil(centre - half), Math.floor(centre + half)] as const;
  };
  const [top, bottom] = shrink(box.top, box.bottom);
  const [left, right] = shrink(box.left, box.right);
  let inside = 0;
  let total = 0;
  heat.forEach((v, i) => {
    const [y, x] = [Math.floor(i / width), i % width];
    total += v;
    if (y >= top && y <= bottom && x >= left && x <= right) inside += v;
  });
  return total > 0 ? inside / total : 0;
}
