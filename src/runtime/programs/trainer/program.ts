/** The training island's two jobs as programs: train LeNet-5 on MNIST, and show a picked digit's feature maps. */
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { checkTrainSettings, type WorkerRequest } from '../../protocol/index.ts';
import { inspectDigit, trainMnist } from './mnist-trainer.ts';
import { saveTrained } from './saved-networks.ts';

export function trainProgram(request: Extract<WorkerRequest, { type: 'train' }>): Program {
  const { settings } = request;
  return {
    async run(context) {
      const course = courseFor(context);
      const kept = await trainMnist(course, context.console, checkTrainSettings(settings));
      // Kept in this browser too; a browser that refuses storage (private mode, quota) only loses that.
      try {
        await saveTrained(course);
        context.console.info('Saved in this browser: the training island lists it under "Your networks".');
      } catch (e) {
        context.console.warn(`Not saved in this browser (${(e as Error).message}); it stays until the page closes.`);
      }
      return kept;
    },
  };
}

export function inspectProgram(request: Extract<WorkerRequest, { type: 'inspect' }>): Program {
  const { index } = request;
  return {
    run: (context) => inspectDigit(courseFor(context), index),
  };
}
