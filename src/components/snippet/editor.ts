/**
 * CodeMirror 6 editor for a snippet, loaded on the reader's first Edit. Ctrl/Cmd+Enter runs, Escape leaves the
 * editor (Tab is left to the browser, so there is no keyboard trap), and a reader's error line is marked.
 */
import { javascript } from '@codemirror/lang-javascript';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';

export interface SnippetEditor {
  getCode(): string;
  setCode(code: string): void;
  markErrorLine(line: number | null): void;
  focus(): void;
  destroy(): void;
}

interface EditorOptions {
  label: string;
  onChange(code: string): void;
  onRun(): void;
  onEscape(): void;
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      if (effect.value === null || effect.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(Math.max(1, effect.value));
      return Decoration.set([Decoration.line({ class: 'course-editor__error-line' }).range(line.from)]);
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const isDark = () => document.documentElement.dataset.theme !== 'light';

export function createEditor(parent: HTMLElement, code: string, options: EditorOptions): SnippetEditor {
  const extensions: Extension[] = [
    keymap.of([
      { key: 'Mod-Enter', run: () => (options.onRun(), true) },
      { key: 'Escape', run: () => (options.onEscape(), true) },
    ]),
    basicSetup,
    javascript({ typescript: true }),
    errorLineField,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    EditorView.updateListener.of((u) => u.docChanged && options.onChange(u.state.doc.toString())),
    ...(isDark() ? [oneDark] : []),
  ];
  const view = new EditorView({ state: EditorState.create({ doc: code, extensions }), parent });
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
    markErrorLine: (line) => view.dispatch({ effects: setErrorLine.of(line) }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
