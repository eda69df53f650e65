/**
 * Resolves through the event loop at most every `ms`: on WASM and CPU a training step never waits for anything, so
 * without this a worker would not post live updates or receive Stop until training ended.
 */
export function yielder(ms = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < ms) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
