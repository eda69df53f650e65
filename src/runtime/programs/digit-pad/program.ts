/**
 * The digit pad's job: read one preprocessed 28×28 digit with the LeNet-5 the site ships or the one the reader
 * trained in this worker, and show the first two convolutions' feature maps. The shipped files are fetched once
 * and kept as bytes: the model itself is rebuilt per run, since a run's variables are freed when it ends.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor, type ProgramCourse } from '../../course/course-module.ts';
import type { AssetLoader } from '../../data/dataset.ts';
import { loadShippedLeNet } from '../../data/pretrained.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { words, type DigitNetwork, type WorkerRequest } from '../../protocol/index.ts';
import { keptNetwork, LENET_INPUT, rebuildLeNet, showFeatureMaps, standardise } from '../../networks/kept-lenet.ts';

const SIDE = LENET_INPUT[0];

/** The shipped files' bytes, fetched on the first reading only. */
let shippedBytes: Map<string, ArrayBuffer> | null = null;
const cachedLoader =
  (load: AssetLoader): AssetLoader =>
  async (path) => {
    shippedBytes ??= new Map();
    if (!shippedBytes.has(path)) shippedBytes.set(path, await load(path));
    return shippedBytes.get(path)!.slice(0);
  };

async function network(course: ProgramCourse, context: ProgramContext, which: DigitNetwork) {
  if (which === 'shipped') {
    const shipped = await loadShippedLeNet(cachedLoader(context.loadAsset));
    context.run.models.push(shipped.model); // freed with the run
    return { ...shipped, about: words('pad.network.shipped', { accuracy: shipped.testAccuracy }) };
  }
  const trained = keptNetwork();
  if (!trained) throw new ReaderError(words('pad.error.untrained'));
  const model = rebuildLeNet(course, trained);
  const about = words('pad.network.trained', { epochs: trained.settings.epochs });
  return { model, mean: trained.mean, std: trained.std, about };
}

export function readDigitProgram(request: Extract<WorkerRequest, { type: 'read-digit' }>): Program {
  return {
    async run(context) {
      if (request.pixels.length !== SIDE * SIDE || request.pixels.some((v) => !(v >= 0 && v <= 1)))
        throw new Error(`read-digit expects ${SIDE * SIDE} pixel values between 0 and 1`); // not reader text: the pad sends them
      const course = courseFor(context);
      const { model, mean, std, about } = await network(course, context, request.network);
      const x = tf.tidy(() => standardise(tf.tensor4d(request.pixels, [1, SIDE, SIDE, 1]), { mean, std }));
      const probabilities = tf.tidy(() => {
        const out = model.predict(x) as tf.Tensor;
        // The zoo's LeNet-5 ends in a softmax; normalise anyway, so the ten numbers always sum to 1.
        return out.div(out.sum());
      });
      const values = Array.from(await probabilities.data());
      const { runId } = context.run;
      context.run.emit({ type: 'digit-reading', runId, probabilities: values, network: request.network, about });
      await showFeatureMaps(course, model, x);
      tf.dispose([x, probabilities]);
    },
  };
}
