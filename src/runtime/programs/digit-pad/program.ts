/**
 * The digit pad's job: read one preprocessed 28×28 digit with a network the site ships (LeNet-5 or the lab's small
 * variant of another family), the LeNet-5 the reader trained in this worker, or a network the reader trained on MNIST
 * in the architecture lab, and show its first two convolutions' feature maps. A shipped network is rebuilt per run from bytes fetched once (data/pretrained.ts), since a run's
 * variables are freed when it ends.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor, type ProgramCourse } from '../../course/course-module.ts';
import { loadShippedNetwork } from '../../data/pretrained.ts';
import { isShippedNetwork } from '../../protocol/shipped-networks.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import {
  LAB_LABELS,
  words,
  type DigitNetwork,
  type LabArchitecture,
  type WorkerRequest,
} from '../../protocol/index.ts';
import { explain } from '../../networks/explain.ts';
import { labNetwork, rebuildLabNetwork } from '../../networks/lab-networks.ts';
import { keptNetwork, LENET_INPUT, rebuildLeNet, showFeatureMaps, standardise } from '../../networks/kept-lenet.ts';

const SIDE = LENET_INPUT[0];

async function network(course: ProgramCourse, context: ProgramContext, which: DigitNetwork) {
  if (which.startsWith('lab:')) return fromTheLab(course, which.slice('lab:'.length));
  if (isShippedNetwork(which)) {
    const shipped = await loadShippedNetwork(context.loadAsset, which);
    context.run.models.push(shipped.model); // freed with the run
    const about = words('pad.network.shipped', { network: LAB_LABELS[which], accuracy: shipped.testAccuracy });
    return { ...shipped, about };
  }
  const trained = keptNetwork();
  if (!trained) throw new ReaderError(words('pad.error.untrained'));
  const model = rebuildLeNet(course, trained);
  const about = words('pad.network.trained', { epochs: trained.settings.epochs });
  return { model, mean: trained.mean, std: trained.std, about };
}

/** The reader's own network of that architecture, trained on MNIST in the lab (this worker's, or the browser's). */
async function fromTheLab(course: ProgramCourse, architecture: string) {
  const network = LAB_LABELS[architecture as LabArchitecture] ?? architecture;
  const kept = await labNetwork(architecture, 'mnist');
  if (!kept) throw new ReaderError(words('pad.error.labMissing', { network }));
  const accuracy = Math.round(10_000 * kept.testAccuracy) / 100;
  return {
    model: rebuildLabNetwork(course, kept),
    mean: kept.mean,
    std: kept.std,
    about: words('pad.network.lab', { network, accuracy }),
  };
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
      // Last: running the layers after Grad-CAM's maps on their own adds nodes to them (networks/explain.ts).
      const asked = request.explain;
      const cls =
        Number.isInteger(asked) && asked! >= 0 && asked! < values.length ? asked! : values.indexOf(Math.max(...values));
      const { explained, saliency, gradcam, camLayer } = explain(model, x, cls);
      context.run.emit({ type: 'digit-explanation', runId, explained, saliency, gradcam, camLayer });
      tf.dispose([x, probabilities]);
    },
  };
}
