/**
 * Where the site serves tfjs-backend-wasm's files, relative to its base URL: the three binaries, and for threaded
 * WASM the Emscripten glue script and the per-thread worker (copied there by integrations/runtime-assets.ts, and
 * handed to tfjs by integrations/wasm-threads.ts).
 */
export const WASM_DIR = 'tfjs-wasm/';
export const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';
export const THREADED_WORKER = 'tfjs-backend-wasm-threaded-simd.worker.js';
