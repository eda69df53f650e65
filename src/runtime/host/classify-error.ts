/** Turns an exception from a run into what the reader needs: which kind of failure, and what to try next. */
import { words, type BackendName, type ErrorKind, type Text } from '../protocol/index.ts';
import { ReaderError } from './reader-error.ts';
import { StopRequested } from './run-context.ts';

export interface ClassifiedError {
  kind: ErrorKind;
  message: Text;
  suggestBackend: BackendName | null;
}

// Allocation failures as each backend words them: WASM aborts ("Aborted()", "offset is out of bounds" on its heap),
// WebGL's texture limit, WebGPU's buffer limits, and the JS engine's own.
const OUT_OF_MEMORY =
  /out of memory|\bOOM\b|failed to allocate|allocation failed|array buffer allocation|memory access out of bounds|exceeds? the (max|limit)|Invalid typed array length|createBuffer|more than this device's limit|^(RuntimeError: )?Aborted\(|offset is out of bounds|texture size .* greater than WebGL maximum/i;
const MISSING_KERNEL = /Kernel '(\w+)' not registered for backend '(\w+)'/;

/** For a kernel a backend lacks, the backend most likely to have it. */
const KERNEL_FALLBACK: Record<BackendName, BackendName> = { webgpu: 'webgl', webgl: 'cpu', wasm: 'cpu', cpu: 'webgl' };
/** For memory, a backend with a bigger or differently limited heap. */
const MEMORY_FALLBACK: Record<BackendName, BackendName | null> = {
  webgpu: 'wasm',
  webgl: 'wasm',
  wasm: 'cpu',
  cpu: null,
};

export function classifyError(error: unknown, backend: BackendName): ClassifiedError {
  if (error instanceof StopRequested) return { kind: 'stopped', message: error.reason, suggestBackend: null };
  if (error instanceof ReaderError) return { kind: 'runtime', message: error.words, suggestBackend: null };
  const message =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const kernel = MISSING_KERNEL.exec(message);
  if (kernel)
    return {
      kind: 'missing-kernel',
      message: words('worker.error.missingKernel', { backend: kernel[2]!, kernel: kernel[1]! }),
      suggestBackend: KERNEL_FALLBACK[backend],
    };
  if (OUT_OF_MEMORY.test(message))
    return {
      kind: 'out-of-memory',
      message: words('worker.error.outOfMemory', { backend, detail: message }),
      suggestBackend: MEMORY_FALLBACK[backend],
    };
  return { kind: 'runtime', message, suggestBackend: null };
}
