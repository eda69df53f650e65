/** The training island's two jobs as programs: train LeNet-5 on MNIST, and show a picked digit's feature maps. */
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { checkTrainSettings, TrainSettingsError, words, type WorkerRequest } from '../../protocol/index.ts';
import { inspectDigit, trainMnist } from './mnist-trainer.ts';
import { saveTrained } from './saved-networks.ts';

export function trainProgram(request: Extract<WorkerRequest, { type: 'train' }>): Program {
  const { settings } = request;
  return {
    async run(context) {
      const course = courseFor(context);
      const kept = await trainMnist(course, context.console, checked(settings));
      // Kept in this browser too; a browser that refuses storage (private mode, quota) only loses that.
      try {
        await saveTrained(course);
        context.console.info(words('trainer.saved.stored'));
      } catch (e) {
        // The reason is the browser's own (a quota, private mode), in its language.
        context.console.warn(words('trainer.saved.notStored', { reason: (e as Error).message }));
      }
      return kept;
    },
  };
}

/** The settings the page sent, or the reader's error that names the one it would not take. */
function checked(settings: unknown) {
  try {
    return checkTrainSettings(settings);
  } catch (e) {
    throw e instanceof TrainSettingsError ? new ReaderError(e.words) : e;
  }
}

export function inspectProgram(request: Extract<WorkerRequest, { type: 'inspect' }>): Program {
  const { index } = request;
  return {
    run: (context) => inspectDigit(courseFor(context), index),
  };
}
