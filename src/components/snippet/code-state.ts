/**
 * A snippet's code: the lesson's (the author's), the reader's edit kept in this browser under the snippet's id, and
 * the code a Reset replaced, which Undo brings back until the next edit. No DOM: the element shows what this says.
 */
import { words, type Text } from '~/runtime/protocol/words';
import { storageGet, storageSet } from '../client/storage';

const STORAGE_PREFIX = 'cv-course:snippet:';

/** Where the reader's edits are kept: localStorage that never throws, in the page (tests pass a map). */
export interface CodeStore {
  get(key: string): string | null;
  /** Writes (or, for null, removes) a value; true only if the store really kept it. */
  set(key: string, value: string | null): boolean;
}

const BROWSER_STORE: CodeStore = { get: storageGet, set: storageSet };

/** The storage key of a snippet's edits (`cv-04/lenet-5`): keyed by the snippet id, so an id must never change. */
export function snippetStorageKey(snippetId: string): string {
  return `${STORAGE_PREFIX}${snippetId}`;
}

/** What the reader is told about the code shown: the lesson's, an edit kept here, or an edit a reload would lose. */
export type EditState = 'lesson' | 'saved' | 'unsaved';

export function editNote(state: EditState): Text {
  switch (state) {
    case 'lesson':
      return '';
    case 'saved':
      return words('snippet.edit.saved');
    case 'unsaved':
      return words('snippet.edit.unsaved');
  }
}

export class SnippetCode {
  /** The code shown and run. */
  current: string;
  /** The reader's code just before a Reset, until the next edit: what Undo brings back. */
  private beforeReset: string | null = null;
  private readonly key: string;

  constructor(
    snippetId: string,
    readonly author: string,
    private readonly store: CodeStore = BROWSER_STORE,
  ) {
    this.key = snippetStorageKey(snippetId);
    this.current = store.get(this.key) ?? author;
  }

  get edited(): boolean {
    return this.current !== this.author;
  }

  /**
   * Shows `code`; with `save`, keeps it (an edit equal to the lesson's code removes the kept one). "Saved" only once
   * the store has kept it (read back): full or blocked storage must not pass for saved.
   */
  set(code: string, save: boolean): EditState {
    this.current = code;
    const saved = !save || this.store.set(this.key, this.edited ? code : null);
    return !this.edited ? 'lesson' : saved ? 'saved' : 'unsaved';
  }

  /** The reader typed: an earlier Reset can no longer be undone. */
  edit(code: string): EditState {
    this.beforeReset = null;
    return this.set(code, true);
  }

  /** A Reset replaced `mine` with the lesson's code: Undo may bring it back until the next edit. */
  keepForUndo(mine: string): void {
    this.beforeReset = mine;
  }

  /** The code a Reset replaced, once; null when an edit or an earlier Undo made it moot. */
  takeUndo(): string | null {
    const mine = this.beforeReset;
    this.beforeReset = null;
    return mine;
  }

  /** Another tab kept `newValue` for this snippet (null: it went back to the lesson's): the code to offer, if new. */
  fromOtherTab(key: string | null, newValue: string | null): string | null {
    if (key !== this.key) return null;
    const theirs = newValue ?? this.author;
    return theirs === this.current ? null : theirs;
  }
}
