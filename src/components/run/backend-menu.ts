/** The backend menu of a snippet or an island, read into the protocol's choice. */
import { parseBackendChoice, type BackendChoice } from '~/runtime/protocol/backends';

/**
 * What the reader picked in `menu`, validated against BACKEND_CHOICES; a value the protocol does not know (a menu
 * altered in the page, an option left from an older build) runs on Auto, which is what an empty choice means.
 */
export function readBackendMenu(menu: Pick<HTMLSelectElement, 'value'>): BackendChoice {
  return parseBackendChoice(menu.value) ?? 'auto';
}
