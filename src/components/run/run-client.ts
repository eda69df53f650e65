// One run client per page, created on the first Run: every snippet and island on the page shares its worker.
import { RunClient } from '~/runtime/client';

let client: RunClient | null = null;

export function getRunClient(): RunClient {
  if (!client) {
    client = new RunClient(new URL(import.meta.env.BASE_URL, location.href).href);
    // No orphaned workers: the worker goes with the page.
    addEventListener('pagehide', () => client?.dispose());
  }
  return client;
}
