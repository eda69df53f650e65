import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { THREADED_GLUE, THREADED_WORKER, WASM_DIR } from '../runtime/wasm/files.ts';

/**
 * Threaded WASM in a bundled, CSP-governed site, on any number of cores. tfjs-backend-wasm 4.22 starts each thread's worker from a `blob:`
 * URL and hands it the Emscripten glue as `factory.toString()` in another blob. Bundled, that breaks: the minifier
 * renames what the factory's text refers to, so every thread dies with "ReferenceError: e is not defined"; and a
 * policy that lets blobs run would let the reader's code start workers too. This plugin makes tfjs use the same
 * two scripts as plain files of the site instead (runtime-assets.ts copies them), so the run worker only needs
 * `worker-src 'self'`.
 *
 * Two more fixes to the Emscripten glue. tfjs takes half of `navigator.hardwareConcurrency` as the number of cores
 * (it assumes two hyperthreads per core) and never uses more threads than that, so a 2-core laptop always ran on one
 * thread, whatever `setThreadsCount` asked; and it starts 8 thread workers however few threads it uses. The run
 * worker passes the thread count it chose as `courseThreadCount`, and the glue sizes both from it.
 *
 * Every patch fails the build if tfjs's code changes, rather than shipping a backend that cannot start.
 */
const BACKEND_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const GLUE_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;

interface Patch {
  what: string;
  from: string;
  to: string;
}

/** Each piece of tfjs's `init()` this replaces, and what takes its place. */
const BACKEND_PATCHES: Patch[] = [
  {
    what: 'the import of the thread worker source',
    from: "import { wasmWorkerContents } from '../wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';",
    to: '',
  },
  {
    what: 'the thread worker blob',
    from: `const response = wasmWorkerContents.replace(/\\n/g, '\\\\n');
                const blob = new Blob([response], { type: 'application/javascript' });
                return URL.createObjectURL(blob);`,
    to: `return (wasmPathPrefix != null ? wasmPathPrefix : prefix) + ${JSON.stringify(THREADED_WORKER)};`,
  },
  {
    what: 'the glue script blob',
    from: `factoryConfig.mainScriptUrlOrBlob = new Blob([\`var WasmBackendModuleThreadedSimd = \` +
                    wasmFactoryThreadedSimd.toString()], { type: 'text/javascript' });`,
    to: `factoryConfig.mainScriptUrlOrBlob = new URL((wasmPathPrefix != null ? wasmPathPrefix : '') + ${JSON.stringify(THREADED_GLUE)}, self.location.href).href;
            if (threadsCount > 0) factoryConfig.courseThreadCount = threadsCount;`,
  },
];

/** The threaded glue's thread pool and core count, sized from `courseThreadCount` when the run worker gives one. */
const GLUE_PATCHES: Patch[] = [
  {
    what: 'the size of the thread pool',
    from: 'var pthreadPoolSize=8;',
    to: 'var pthreadPoolSize=Module["courseThreadCount"]||8;',
  },
  {
    what: 'the count of logical cores',
    from: 'function _emscripten_num_logical_cores(){',
    // Doubled because tfjs halves it (see above), so its cap is the count we chose.
    to: 'function _emscripten_num_logical_cores(){if(Module["courseThreadCount"])return 2*Module["courseThreadCount"];',
  },
];

function apply(patches: Patch[], source: string): string {
  return patches.reduce((code, { what, from, to }) => {
    if (!code.includes(from)) throw new Error(`wasm-threads: tfjs-backend-wasm changed; cannot find ${what}`);
    return code.replace(from, to);
  }, source);
}

/** tfjs-backend-wasm's `backend_wasm.js` with the thread scripts loaded from the site's files. */
export const patchBackendWasm = (source: string) => apply(BACKEND_PATCHES, source);
/** The threaded Emscripten glue, sized by the thread count the run worker chose. */
export const patchThreadedGlue = (source: string) => apply(GLUE_PATCHES, source);

export function wasmThreads(): Plugin {
  return {
    name: 'cv-course:wasm-threads',
    transform(code, id) {
      if (BACKEND_FILE.test(id)) return { code: patchBackendWasm(code), map: null };
      if (GLUE_FILE.test(id)) return { code: patchThreadedGlue(code), map: null };
      return undefined;
    },
  };
}

/** The two scripts as the site serves them, from the installed tfjs-backend-wasm: file name -> text. */
export function threadedScripts(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const wasmOut = '@tensorflow/tfjs-backend-wasm/wasm-out/';
  // The worker's source is a JS string whose `\n` escapes became newlines; tfjs re-escapes them the same way.
  const { wasmWorkerContents } = require(`${wasmOut}${THREADED_WORKER}`) as { wasmWorkerContents: string };
  return {
    [THREADED_GLUE]: patchThreadedGlue(readFileSync(require.resolve(`${wasmOut}${THREADED_GLUE}`), 'utf8')),
    [THREADED_WORKER]: wasmWorkerContents.replace(/\n/g, '\\n'),
  };
}

/** The thread worker's path under the site's base, for its own policy in `_headers`. */
export const THREAD_WORKER_FILES = [`${WASM_DIR}${THREADED_WORKER}`];
