/**
 * "Erase all my data": everything the course keeps in this browser. Its localStorage entries (progress, edited
 * code, the backend choice) share the `cv-course:` prefix; saved networks live in tf.io's IndexedDB database,
 * `tensorflowjs` (tfjs-core io/indexed_db.ts), which nothing else on this origin uses.
 */
import { resetProgress } from './progress';
import { word } from './words';

const PREFIX = 'cv-course:';
const TFJS_DATABASE = 'tensorflowjs';

export async function eraseEverything(): Promise<string> {
  let removed = 0;
  try {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith(PREFIX))) {
      localStorage.removeItem(key);
      removed++;
    }
  } catch {
    // storage blocked: there was nothing to erase there
  }
  const networks = await new Promise<string>((resolve) => {
    const request = indexedDB.deleteDatabase(TFJS_DATABASE);
    request.onsuccess = () => resolve(word('course.erase.networksErased'));
    request.onerror = () => resolve(word('course.erase.networksRefused'));
    // Another tab still has the database open: it is deleted once that tab closes it.
    request.onblocked = () => resolve(word('course.erase.networksBlocked'));
  });
  resetProgress();
  return word('course.erase.done', { count: removed, networks });
}
