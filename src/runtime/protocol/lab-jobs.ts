/**
 * The architecture lab's jobs and events, apart from its settings (lab.ts): messages.ts composes these, and every
 * page with a snippet loads messages.ts with its run session, while the settings and their checks load with the
 * lab alone. (A module both reach would be bundled into the run session.)
 */
import type { LabRow, LabSettings } from './lab.ts';
import type { WorkerKinds } from './worker-kind.ts';
import type { LabArchitecture } from './zoo-names.ts';

export type LabJob = { type: 'lab-train'; settings: LabSettings };

export type LabDataset = LabSettings['dataset'];

/** A network the lab trained and keeps (in its worker and in the browser), as the page lists it. */
export interface KeptLabNetwork {
  architecture: LabArchitecture;
  dataset: LabDataset;
  /** Epochs finished when it was kept. */
  epochs: number;
  /** On the data set's test split, 0 to 1. */
  testAccuracy: number;
  /** When it was kept, as an ISO 8601 string. */
  date: string;
}

export type LabEvent =
  | { type: 'lab-rows'; runId: number; rows: LabRow[] }
  /** Every network the lab keeps in this browser, after a run has saved its own. */
  | { type: 'lab-kept'; runId: number; networks: KeptLabNetwork[] };

/** Kept: the trained networks stay in the worker for the explorer and the digit pad. */
export const LAB_WORKERS: WorkerKinds<LabJob> = { 'lab-train': 'kept' };
