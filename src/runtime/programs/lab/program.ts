/**
 * The architecture lab's job as a program: check the page's settings, load the data set, train side by side, and
 * keep each network after every epoch it finishes (networks/lab-networks.ts), for the explorer.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { keepLabNetwork, labNetworkTensors } from '../../networks/lab-networks.ts';
import { words, type BackendName, type WorkerRequest } from '../../protocol/index.ts';
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
      try {
        await trainSideBySide(
          course,
          run,
          tf.getBackend() as BackendName,
          settings,
          data,
          (rows) => run.emit({ type: 'lab-rows', runId: run.runId, rows }),
          ({ architecture, model, row, standardisation }) =>
            keepLabNetwork(architecture, model, {
              ...standardisation,
              dataset: settings.dataset,
              epochs: row.epochs,
              testAccuracy: row.testAccuracy!,
            }),
        );
        run.say('info', words('lab.kept'));
      } finally {
        tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
      }
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
