/**
 * The architecture lab's job as a program: check the page's settings, load the data set, train side by side, and
 * keep each network after every epoch it finishes (networks/lab-networks.ts) for the explorer and the digit pad,
 * saving it in the browser as well, so that leaving the page loses nothing kept.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { keepLabNetwork, labModelOf, labNetworkTensors, type LabNetwork } from '../../networks/lab-networks.ts';
import { canKeepInBrowser, saveLabNetwork } from '../../networks/saved-lab-networks.ts';
import {
  words,
  type BackendName,
  type KeptLabNetwork,
  type WordValue,
  type WorkerRequest,
} from '../../protocol/index.ts';
import { checkLabSettings, LabSettingsError } from '../../protocol/lab.ts';
import { loadLabData, trainSideBySide } from './side-by-side.ts';

export function labTrainProgram(request: Extract<WorkerRequest, { type: 'lab-train' }>): Program {
  return {
    async run(context) {
      const settings = checked(request.settings);
      const course = courseFor(context);
      const data = await loadLabData(course, settings);
      const { run } = context;
      const keptBefore = labNetworkTensors();
      const saver = browserSaver();
      try {
        await trainSideBySide(
          course,
          run,
          tf.getBackend() as BackendName,
          settings,
          data,
          (rows) => run.emit({ type: 'lab-rows', runId: run.runId, rows }),
          ({ architecture, model, row, standardisation }) =>
            saver.save(
              keepLabNetwork(model, {
                ...standardisation,
                architecture,
                dataset: settings.dataset,
                epochs: row.epochs,
                testAccuracy: row.testAccuracy!,
                date: new Date().toISOString(),
              }),
            ),
        );
      } finally {
        tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
        // Also after a Stop or a failure: what the table shows as measured is what the browser keeps.
        const saved = await saver.done();
        if (saved.length) run.emit({ type: 'lab-kept', runId: run.runId, networks: saved });
      }
      run.say('info', saver.failed ? words('lab.keptHereOnly', { reason: saver.failed }) : words('lab.kept'));
      return labNetworkTensors() - keptBefore;
    },
  };
}

/** The settings the page sent, or the reader's error that names the one the lab would not take. */
function checked(settings: unknown) {
  try {
    return checkLabSettings(settings);
  } catch (e) {
    throw e instanceof LabSettingsError ? new ReaderError(e.words) : e;
  }
}

/**
 * Saves each kept network in the browser, one at a time in the order kept, while training goes on; a later epoch's
 * save of the same network replaces the earlier one. Each save works on its own copy of the weights, since the next
 * epoch frees the kept ones.
 */
function browserSaver() {
  const enabled = canKeepInBrowser();
  const latest = new Map<string, KeptLabNetwork>();
  let queue = Promise.resolve();
  const saver = {
    /** Why the browser keeps nothing of this run, if it does not: no store here, or the first save's error. */
    failed: enabled ? (null as WordValue | null) : words('lab.noStore'),
    save(network: LabNetwork): void {
      if (!enabled) return;
      const copy = { ...network, weights: network.weights.map((w) => w.clone()) };
      queue = queue.then(async () => {
        let model: tf.LayersModel | null = null;
        try {
          model = labModelOf(copy);
          const { architecture, dataset, epochs, testAccuracy, date, mean, std } = copy;
          const about = { architecture, dataset, epochs, testAccuracy, date };
          await saveLabNetwork(model, { ...about, mean, std });
          latest.set(`${dataset}/${architecture}`, about);
        } catch (e) {
          saver.failed ??= e instanceof Error ? e.message : String(e);
        } finally {
          tf.dispose(copy.weights);
          model?.dispose();
        }
      });
    },
    /** Waits for the saves in flight; the networks saved by this run. */
    async done(): Promise<KeptLabNetwork[]> {
      await queue;
      return [...latest.values()];
    },
  };
  return saver;
}
