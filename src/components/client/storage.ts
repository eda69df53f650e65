// localStorage that never throws: with storage disabled (private modes, policies) settings just don't persist.

/** The shared backend choice of every snippet and the trainer on the site. */
const BACKEND_KEY = 'cv-course:backend';

export function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes (or, for null, removes) a value and reads it back: true only if the browser really kept it. */
export function storageSet(key: string, value: string | null): boolean {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    return localStorage.getItem(key) === value;
  } catch {
    return false; // storage full, disabled or blocked
  }
}

/** Shows the reader's last backend choice in `select` and remembers the next one. */
export function rememberBackend(select: HTMLSelectElement): void {
  // Islands load on first use, often the very change that picked a backend: that choice wins over the stored one.
  const initial = [...select.options].find((option) => option.defaultSelected) ?? select.options[0];
  const chosenBeforeLoad = initial !== undefined && !initial.selected;
  if (chosenBeforeLoad) storageSet(BACKEND_KEY, select.value);
  else select.value = storageGet(BACKEND_KEY) ?? 'auto';
  select.addEventListener('change', () => storageSet(BACKEND_KEY, select.value));
}
