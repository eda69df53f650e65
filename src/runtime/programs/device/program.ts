/**
 * The device page's jobs: the report (which backends start here and why the others do not, the WebGPU adapter,
 * WASM's SIMD and threads) and the benchmark, run on each chosen backend in turn in this fresh worker.
 */
import { courseFor } from '../../course/course-module.ts';
import { startBackend } from '../../host/backends.ts';
import type { Program } from '../../host/program.ts';
import { backendLabel, BACKENDS, words, type WorkerRequest } from '../../protocol/index.ts';
import { benchForward, benchTraining, STEPS_PER_BACKEND } from './bench.ts';
import { reportDevice } from './report.ts';

type Report = Extract<WorkerRequest, { type: 'device-report' }>;
type Bench = Extract<WorkerRequest, { type: 'device-bench' }>;

export function deviceReportProgram(request: Report): Program {
  return {
    async run(context) {
      const report = await reportDevice(request.baseUrl);
      context.run.emit({ type: 'device-report', runId: context.run.runId, report });
    },
  };
}

export function deviceBenchProgram(request: Bench): Program {
  return {
    async run(context) {
      const unknown = request.backends.filter((b) => !(BACKENDS as readonly string[]).includes(b));
      if (unknown.length || request.backends.length === 0)
        throw new Error(`device-bench expects some of ${BACKENDS.join(', ')}; got ${JSON.stringify(request.backends)}`);
      const course = courseFor(context);
      const total = STEPS_PER_BACKEND * request.backends.length;
      let done = 0;
      for (const backend of request.backends) {
        const label = backendLabel(backend);
        const tick = () => {
          course.checkStop();
          course.progress(done++, total, `benchmarking ${label}`);
        };
        const started = await startBackend(backend, request.baseUrl, request.threads);
        if (started.failure !== null) {
          context.run.say('warn', words('worker.backend.skipped', { backend: label, reason: started.failure }));
          done += STEPS_PER_BACKEND;
          continue;
        }
        // The page's badge follows the backend being timed.
        const { detail } = started;
        context.run.emit({ type: 'backend', runId: context.run.runId, backend, detail, fallbackReason: null });
        const training = await benchTraining(course, tick);
        const forward = await benchForward(course, tick);
        const row = { backend, detail, ...training, ...forward };
        context.run.emit({ type: 'bench-row', runId: context.run.runId, row });
      }
      course.progress(total, total, 'benchmark finished');
    },
  };
}
