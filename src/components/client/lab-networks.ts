/**
 * The page's list of the networks the architecture lab keeps in this browser. The worker saves their weights in
 * IndexedDB, which the page cannot read without tfjs, so the lab writes this list beside them when a run has saved
 * and says so to the page (LAB_NETWORKS_CHANGED); the digit pad offers the MNIST ones. What storage holds may be
 * old or damaged: anything that is not a list of such records reads as an empty list.
 */
import * as z from 'zod/mini';
import type { KeptLabNetwork } from '~/runtime/protocol';
import { LAB_ARCHITECTURES, type LabArchitecture } from '~/runtime/protocol/zoo-names';
import { storageGet, storageSet } from './storage';

const KEY = 'cv-course:lab-networks';
/** Dispatched on `document` when the list changes. */
export const LAB_NETWORKS_CHANGED = 'course:lab-networks';

const record = () =>
  z.object({
    architecture: z.enum(LAB_ARCHITECTURES as unknown as [LabArchitecture, ...LabArchitecture[]]),
    dataset: z.enum(['mnist', 'fashion-mnist']),
    epochs: z.number(),
    testAccuracy: z.number(),
    date: z.string(),
  });

export function keptLabNetworks(): KeptLabNetwork[] {
  try {
    const parsed = z.safeParse(z.array(record()), JSON.parse(storageGet(KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Adds what a run saved, each replacing the one of its architecture and data set saved before. */
export function rememberLabNetworks(saved: readonly KeptLabNetwork[]): void {
  const key = (n: KeptLabNetwork) => `${n.dataset}/${n.architecture}`;
  const all = new Map(keptLabNetworks().map((n) => [key(n), n]));
  for (const network of saved) all.set(key(network), network);
  storageSet(KEY, JSON.stringify([...all.values()]));
  document.dispatchEvent(new CustomEvent(LAB_NETWORKS_CHANGED));
}
