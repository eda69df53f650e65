/**
 * What a network looks at in the explorer's input: saliency and Grad-CAM (networks/explain.ts) for the class the
 * reader picks or the one the network predicts. Networks that read 28×28 digits only, where the explorer can give
 * trained weights (the trainer's LeNet-5, the lab's networks, the shipped ones); the caption says which.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { explain } from '../../networks/explain.ts';
import { standardise } from '../../networks/kept-lenet.ts';
import { words, type WorkerRequest } from '../../protocol/index.ts';
import { buildModel, inputTensor } from './program.ts';

type Request = Extract<WorkerRequest, { type: 'explain' }>;

export function explainProgram(request: Request): Program {
  return { run: (context) => showExplanation(context, request) };
}

async function showExplanation(context: ProgramContext, request: Request): Promise<void> {
  const course = courseFor(context);
  const { model, standardisation, weights } = await buildModel(course, context, request);
  const shape = model.inputs[0]!.shape.slice(1) as number[];
  if (shape.join() !== '28,28,1') throw new ReaderError(words('explorer.explain.digitsOnly', { model: request.model }));
  const { x } = await inputTensor(course, request.input, shape);
  const fed = (standardisation ? standardise(x, standardisation) : x) as tf.Tensor4D;
  course.checkStop();
  const scores = tf.tidy(() => (model.predict(fed) as tf.Tensor).dataSync() as Float32Array);
  const predicted = scores.indexOf(Math.max(...scores));
  const asked = request.cls;
  if (asked !== null && !(Number.isInteger(asked) && asked >= 0 && asked < scores.length))
    throw new ReaderError(words('explorer.explain.noClass', { cls: asked, count: scores.length }));
  const image = tf.tidy(() => {
    const grey = x.mean(3).squeeze([0]);
    const [lo, hi] = [grey.min(), grey.max()];
    return grey.sub(lo).div(hi.sub(lo).maximum(1e-12)).dataSync() as Float32Array;
  });
  // Last: running the layers after Grad-CAM's maps on their own adds nodes to them (networks/explain.ts).
  const { explained, saliency, gradcam, camLayer } = explain(model, fed, asked ?? predicted);
  tf.dispose([x, fed]);
  context.run.emit({
    type: 'explanation',
    runId: context.run.runId,
    explained,
    predicted,
    confidence: scores[predicted]!,
    height: shape[0]!,
    width: shape[1]!,
    image,
    saliency,
    gradcam,
    camLayer,
    weights,
  });
}
