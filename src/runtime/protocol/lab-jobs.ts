/**
 * The architecture lab's jobs and events, apart from its settings (lab.ts): messages.ts composes these, and every
 * page with a snippet loads messages.ts with its run session, while the settings and their checks load with the
 * lab alone. (A module both reach would be bundled into the run session.)
 */
import type { LabRow, LabSettings } from './lab.ts';
import type { WorkerKinds } from './worker-kind.ts';

export type LabJob = { type: 'lab-train'; settings: LabSettings };

export type LabEvent = { type: 'lab-rows'; runId: number; rows: LabRow[] };

/** Kept: the trained networks stay in the worker for the explorer and the digit pad. */
export const LAB_WORKERS: WorkerKinds<LabJob> = { 'lab-train': 'kept' };
