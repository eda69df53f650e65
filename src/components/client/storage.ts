// localStorage that never throws: with storage disabled (private modes, policies) settings just don't persist.

/** The shared backend choice of every snippet and the trainer on the site. */
export const BACKEND_KEY = 'cv-course:backend';

export function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storageSet(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage disabled
  }
}
