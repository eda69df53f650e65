// One measurement of `npm run bench`: a failure (a busy machine, a flaky run) is retried, then recorded with its
// reason, so one bad figure never costs the others.

export type Measured<T> = { value: T } | { failed: string };

export interface MeasureOptions {
  /** Tries after the first, if it throws. */
  retries?: number;
  /** Gives up on a try that has not settled by then (its work may go on in the background). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** `fn`'s value, or why its last try failed. */
export async function measure<T>(
  name: string,
  fn: () => T | Promise<T>,
  { retries = 1, timeoutMs = 20 * 60_000, log = () => {} }: MeasureOptions = {},
): Promise<Measured<T>> {
  for (let attempt = 0; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      return { value: await Promise.race([fn(), timeout]) };
    } catch (e) {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
      if (attempt >= retries) {
        log(`${name}: failed (${reason})`);
        return { failed: reason };
      }
      log(`${name}: ${reason}; trying again`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The value, or undefined where the measurement failed. */
export const valueOf = <T>(m: Measured<T> | undefined): T | undefined => (m && 'value' in m ? m.value : undefined);

/** As latest.json keeps a measurement: its value, or `{ failed: reason }`. */
export const asJson = <T>(m: Measured<T>): T | { failed: string } => ('value' in m ? m.value : m);

/** A measurement as latest.md says it: `text` of its value, or "failed" (latest.md lists why in one place). */
export const show = <T>(m: Measured<T>, text: (value: T) => string): string =>
  'value' in m ? text(m.value) : 'failed';
