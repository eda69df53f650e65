/// <reference lib="webworker" />
// Entry of the snippet worker: wire the handler to postMessage. Everything else lives in snippet/.
import type { WorkerEvent, WorkerRequest } from './protocol.ts';
import { createSnippetHandler } from './snippet/handler.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createSnippetHandler((event: WorkerEvent, transfer?: Transferable[]) => scope.postMessage(event, transfer ?? []));
scope.addEventListener('message', (e: MessageEvent<WorkerRequest>) => void handle(e.data));
scope.postMessage({ type: 'ready' } satisfies WorkerEvent);
