/// <reference lib="webworker" />
// Entry of the run worker: the engine (host/) with the built-in programs (programs/), wired to postMessage.
import type { WorkerEvent, WorkerRequest } from './protocol/index.ts';
import { createCourseHandler } from './programs/index.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createCourseHandler((event: WorkerEvent, transfer?: Transferable[]) =>
  scope.postMessage(event, transfer ?? []),
);
scope.addEventListener('message', (e: MessageEvent<WorkerRequest>) => void handle(e.data));
scope.postMessage({ type: 'ready' } satisfies WorkerEvent);
