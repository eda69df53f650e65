/**
 * The contract between the page and the run worker: messages, summaries, backend names and the trainer's settings.
 * It loads no tfjs (tests/architecture checks), so the page can import it without pulling in the runtime.
 */
export * from './assets.ts';
export * from './backends.ts';
export * from './explorer.ts';
export * from './architecture.ts';
export * from './messages.ts';
export * from './summary.ts';
export * from './train-settings.ts';
export * from './zoo-names.ts';
export * from './words.ts';
export * from './device.ts';
export * from './digit-pad.ts';
export * from './snippet.ts';
export * from './trainer.ts';
// The lab's settings (lab.ts) are imported from their own file, so pages without the lab do not load them.
export * from './lab-jobs.ts';
export * from './worker-kind.ts';
