/// <reference lib="webworker" />
// Entry of the run worker: the engine (host/) with the built-in programs (programs/), wired to postMessage.
import type { WorkerEvent, WorkerRequest } from './protocol/index.ts';
import { createCourseHandler } from './programs/index.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// The page ends its workers. One that closed itself would leave its run hanging with no message, so code that
// calls close() gets an error at its own line instead; the original is kept out of reach.
const refuseClose = function close(): never {
  throw new Error('close() is not available to course code: the page ends this worker when the run is over.');
};
for (const target of [scope, DedicatedWorkerGlobalScope.prototype])
  // Chromium also puts it on the instance
  Object.defineProperty(target, 'close', { value: refuseClose, configurable: false, writable: false });
// An error event that no code caught is reported to the page by its message. Threaded WASM's glue rethrows a thread
// worker's ErrorEvent itself, which the page would only see as "Uncaught [object ErrorEvent]": report what it says.
scope.addEventListener('error', (event) => {
  const inner: unknown = event.error;
  if (!(inner instanceof Event)) return;
  event.preventDefault();
  const { message, filename, lineno } = inner as Partial<ErrorEvent>;
  const where = filename ? ` (${filename.split('/').pop()}:${lineno ?? '?'})` : '';
  reportError(new Error(`a WASM thread's worker failed: ${message || 'it could not start'}${where}`));
});
const handle = createCourseHandler((event: WorkerEvent, transfer?: Transferable[]) =>
  scope.postMessage(event, transfer ?? []),
);
scope.addEventListener('message', (e: MessageEvent<WorkerRequest>) => void handle(e.data));
scope.postMessage({ type: 'ready' } satisfies WorkerEvent);
