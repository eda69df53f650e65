/** The architecture lab's job as a program: check the page's settings, load the data set, train side by side. */
import * as tf from '@tensorflow/tfjs';
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { type BackendName, type WorkerRequest } from '../../protocol/index.ts';
import { checkLabSettings, LabSettingsError } from '../../protocol/lab.ts';
import { loadLabData, trainSideBySide } from './side-by-side.ts';

export function labTrainProgram(request: Extract<WorkerRequest, { type: 'lab-train' }>): Program {
  return {
    async run(context) {
      const settings = checked(request.settings);
      const course = courseFor(context);
      const data = await loadLabData(course, settings);
      const { run } = context;
      try {
        await trainSideBySide(course, run, tf.getBackend() as BackendName, settings, data, (rows) =>
          run.emit({ type: 'lab-rows', runId: run.runId, rows }),
        );
      } finally {
        tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
      }
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
