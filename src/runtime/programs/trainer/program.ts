/** The training island's two jobs as programs: train LeNet-5 on MNIST, and show a picked digit's feature maps. */
import { courseFor } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { checkTrainSettings, type WorkerRequest } from '../../protocol/index.ts';
import { inspectDigit, trainMnist } from './mnist-trainer.ts';

export function trainProgram(request: Extract<WorkerRequest, { type: 'train' }>): Program {
  const { settings } = request;
  return {
    run: (context) => trainMnist(courseFor(context), context.console, checkTrainSettings(settings)),
  };
}

export function inspectProgram(request: Extract<WorkerRequest, { type: 'inspect' }>): Program {
  const { index } = request;
  return {
    run: (context) => inspectDigit(courseFor(context), index),
  };
}
