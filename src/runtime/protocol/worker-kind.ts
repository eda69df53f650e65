/**
 * Which worker a job runs in. The reader's code gets a fresh worker per run, a clean realm: nothing a run patched,
 * registered or left pending can reach a later run. Jobs that need state kept between runs (the network the trainer
 * trained, which the explorer and the digit pad use too) share one kept worker.
 */
export type WorkerKind = 'fresh' | 'kept';

/** A program's jobs, each with the worker it runs in: what each program's protocol file declares. */
export type WorkerKinds<Job extends { type: string }> = Readonly<Record<Job['type'], WorkerKind>>;
