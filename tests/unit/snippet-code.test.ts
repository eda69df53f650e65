import { describe, expect, it } from 'vitest';
import { editNote, SnippetCode, snippetStorageKey, type CodeStore } from '~/components/snippet/code-state';
import { english } from '../helpers/words';

const AUTHOR = "console.log('lesson');";

/** A store that keeps what it is given, or, when full, keeps nothing and says so. */
function memoryStore(full = false): CodeStore & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    kept,
    get: (key) => kept.get(key) ?? null,
    set: (key, value) => {
      if (full) return false;
      if (value === null) kept.delete(key);
      else kept.set(key, value);
      return true;
    },
  };
}

describe("a snippet's code", () => {
  it("starts as the lesson's code, or as the reader's edit kept under the snippet's id", () => {
    const store = memoryStore();
    expect(new SnippetCode('cv-04/lenet-5', AUTHOR, store).current).toBe(AUTHOR);
    store.kept.set(snippetStorageKey('cv-04/lenet-5'), 'mine');
    const code = new SnippetCode('cv-04/lenet-5', AUTHOR, store);
    expect([code.current, code.edited]).toEqual(['mine', true]);
    expect(snippetStorageKey('cv-04/lenet-5')).toBe('cv-course:snippet:cv-04/lenet-5');
  });

  it('keeps an edit, and forgets it when the code is the lesson’s again', () => {
    const store = memoryStore();
    const code = new SnippetCode('a', AUTHOR, store);
    expect(code.edit('mine')).toBe('saved');
    expect(store.get(snippetStorageKey('a'))).toBe('mine');
    expect(code.edit(AUTHOR)).toBe('lesson');
    expect(store.kept.size).toBe(0);
  });

  it('says an edit is not saved when the store could not keep it', () => {
    const code = new SnippetCode('a', AUTHOR, memoryStore(true));
    expect(code.edit('mine')).toBe('unsaved');
    expect(english(editNote('unsaved'))).toMatch(/^Edited, not saved/);
    expect(english(editNote('saved'))).toBe('Edited (saved in this browser)');
    expect(english(editNote('lesson'))).toBe('');
  });

  it('shows code unsaved (from a link) without touching what is kept', () => {
    const store = memoryStore();
    const code = new SnippetCode('a', AUTHOR, store);
    expect(code.set('linked', false)).toBe('saved');
    expect(store.kept.size).toBe(0);
  });

  it('undoes a reset once, and not after an edit', () => {
    const code = new SnippetCode('a', AUTHOR, memoryStore());
    code.keepForUndo('mine');
    expect(code.takeUndo()).toBe('mine');
    expect(code.takeUndo()).toBeNull();
    code.keepForUndo('mine');
    code.edit('typed after the reset');
    expect(code.takeUndo()).toBeNull();
  });

  it("offers another tab's version only when it is this snippet's and differs", () => {
    const code = new SnippetCode('a', AUTHOR, memoryStore());
    code.edit('mine');
    const key = snippetStorageKey('a');
    expect(code.fromOtherTab(snippetStorageKey('b'), 'theirs')).toBeNull();
    expect(code.fromOtherTab(key, 'mine')).toBeNull();
    expect(code.fromOtherTab(key, 'theirs')).toBe('theirs');
    expect(code.fromOtherTab(key, null)).toBe(AUTHOR);
  });
});
