/**
 * The built-in programs, one entry per job type of the protocol. A new program is a folder here, one entry below
 * and its job in protocol/messages.ts; the registry's type makes the compiler name a job without a program.
 */
import { createRunHandler, type HandlerOptions } from '../host/handler.ts';
import type { ProgramRegistry } from '../host/program.ts';
import type { Post } from '../host/run-context.ts';
import { exerciseProgram, snippetProgram } from './snippet/program.ts';
import { deviceBenchProgram, deviceReportProgram } from './device/program.ts';
import { readDigitProgram } from './digit-pad/program.ts';
import { describeProgram, layerMapsProgram } from './explorer/program.ts';
import { receptiveFieldProgram } from './explorer/receptive-field.ts';
import { topImagesProgram } from './explorer/top-images.ts';
import { explainProgram } from './explorer/explain.ts';
import { inspectProgram, trainProgram } from './trainer/program.ts';
import { labTrainProgram } from './lab/program.ts';
import { networksProgram } from './trainer/saved-networks.ts';

const PROGRAMS: ProgramRegistry = {
  run: snippetProgram,
  check: exerciseProgram,
  train: trainProgram,
  inspect: inspectProgram,
  'read-digit': readDigitProgram,
  networks: networksProgram,
  describe: describeProgram,
  'layer-maps': layerMapsProgram,
  'receptive-field': receptiveFieldProgram,
  'top-images': topImagesProgram,
  explain: explainProgram,
  'device-report': deviceReportProgram,
  'device-bench': deviceBenchProgram,
  'lab-train': labTrainProgram,
};

/** The worker's handler with every built-in program: what worker.ts and the tests use. */
export function createCourseHandler(post: Post, options: HandlerOptions = {}) {
  return createRunHandler(post, PROGRAMS, options);
}
