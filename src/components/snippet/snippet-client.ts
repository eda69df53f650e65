// One snippet client per page, created on the first Run: every snippet on the page shares its worker.
import { SnippetClient } from '~/runtime/client';

let client: SnippetClient | null = null;

export function getSnippetClient(): SnippetClient {
  if (!client) {
    client = new SnippetClient(new URL(import.meta.env.BASE_URL, location.href).href);
    // No orphaned workers: the worker goes with the page.
    addEventListener('pagehide', () => client?.dispose());
  }
  return client;
}
