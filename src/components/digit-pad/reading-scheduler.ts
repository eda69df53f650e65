/**
 * When the digit pad reads: at most one reading at a time (a second would stop the first's worker), a drawing that
 * changed meanwhile read as soon as the current reading ends, and a few readings a second while the pen moves. No
 * DOM, so it is tested alone.
 */

/** How a reading went: `read`, or `skipped` (nothing to read, or the worker busy elsewhere: no catching up). */
export type ReadOutcome = 'read' | 'skipped';

/**
 * Returns `request`: it runs `read` now, or, while a reading is under way, once more when it ends (requests meanwhile
 * count as one). A reading that throws goes to `onError` and ends the round.
 */
export function oneReadingAtATime(
  read: () => Promise<ReadOutcome>,
  onError: (error: unknown) => void,
): () => Promise<void> {
  let busy = false;
  let again = false;
  const request = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true; // before any await: two readings must never race
    let outcome: ReadOutcome;
    try {
      outcome = await read();
    } catch (error) {
      busy = false;
      onError(error);
      return;
    }
    busy = false;
    if (outcome === 'read' && again) {
      again = false;
      void request();
    }
  };
  return request;
}

/**
 * Returns `due(now)`: true at most once per `intervalMs` (by `clock`), and always when `now` is true (the pen lifted).
 */
export function atMostEvery(
  intervalMs: number,
  clock: () => number = () => performance.now(),
): (now: boolean) => boolean {
  let last = 0;
  return (now) => {
    const t = clock();
    if (!now && t - last < intervalMs) return false;
    last = t;
    return true;
  };
}
