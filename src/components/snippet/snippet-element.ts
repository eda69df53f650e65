/**
 * `<course-snippet>`: brings to life the Run, Stop, Edit and Reset buttons and the backend picker that the page
 * renders, disabled, under a highlighted code block (src/integrations/ec-runnable.ts). It wakes near the viewport.
 * Nothing runs until the reader presses Run; tfjs loads on the first Run and CodeMirror on the first Edit.
 * Its parts: the code and its storage (code-state.ts), links (share-link.ts), exercises (exercise.ts).
 */
import type { MountIsland } from '../client/define-island';
import { rememberBackend } from '../client/storage';
import { text, word } from '../client/words';
import { readBackendMenu } from '../run/backend-menu';
import { OutputView } from '../run/output-view';
import { createControl, runOutput } from '../run/run-controls';
import { RunSession } from '../run/run-session';
import { editNote, SnippetCode, type EditState } from './code-state';
import type { SnippetEditor } from './editor';
import { setupExercise } from './exercise';
import { quietButton } from './quiet-button';
import { applyLink, copyLink, forgetLink } from './share-link';

/**
 * The lesson's own code, read from Expressive Code's copy button, which carries it exactly (lines joined by U+007F)
 * for every block: the page ships the code once there instead of a second time on the element.
 */
function authorCodeOf(root: HTMLElement): string {
  return root.querySelector<HTMLElement>('.copy button[data-code]')?.dataset.code?.replaceAll('\u007f', '\n') ?? '';
}

class Snippet {
  readonly snippetId: string;
  readonly code: SnippetCode;
  readonly bar: HTMLElement;
  readonly output: OutputView;
  private readonly session: RunSession;
  private editor: SnippetEditor | null = null;
  private readonly ui: {
    run: HTMLButtonElement;
    edit: HTMLButtonElement;
    reset: HTMLButtonElement;
    backend: HTMLSelectElement;
    edited: HTMLElement;
    plain: HTMLPreElement;
    editorHost: HTMLElement;
  };

  constructor(readonly root: HTMLElement) {
    this.snippetId = root.dataset.snippetId ?? '';
    const title = root.dataset.title ?? word('snippet.defaultTitle');
    // The toolbar comes with the page (src/integrations/ec-runnable.ts), disabled until now.
    const bar = root.querySelector<HTMLElement>(':scope > .course-snippet__bar')!;
    this.bar = bar;
    const control = <T extends HTMLElement>(selector: string) => bar.querySelector<T>(selector)!;
    const [run, stop, edit, reset, share] = (['run', 'stop', 'edit', 'reset', 'share'] as const).map((a) =>
      control<HTMLButtonElement>(`[data-action="${a}"]`),
    ) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
    const backend = control<HTMLSelectElement>('select');
    const [badge, edited] = [
      control<HTMLElement>('.course-snippet__badge'),
      control<HTMLElement>('.course-snippet__edited'),
    ];
    rememberBackend(backend);
    for (const c of [run, edit, backend, share]) c.disabled = false;

    const plain = document.createElement('pre');
    plain.className = 'course-snippet__plain';
    plain.tabIndex = 0; // long lines scroll: the keyboard must reach them
    plain.hidden = true;
    const editorHost = document.createElement('div');
    editorHost.className = 'course-snippet__editor';
    const out = createControl(runOutput(word('snippet.output.label', { title })));
    bar.before(plain, editorHost);
    bar.after(out);
    this.ui = { run, edit, reset, backend, edited, plain, editorHost };
    this.session = new RunSession({ host: root, badge, stop, resume: run });
    this.output = new OutputView(out, {
      onRetryWith: (b) => {
        backend.value = b;
        void this.run();
      },
      onErrorLine: (line) => this.markErrorLine(line),
    });

    run.addEventListener('click', () => void this.run());
    edit.addEventListener('click', () => void this.openEditor(true));
    reset.addEventListener('click', () => this.reset());
    share.addEventListener('click', () => void copyLink(this.snippetId, this.code.current, edited));
    if (root.dataset.check)
      setupExercise({
        root,
        bar,
        output: this.output,
        loadSolution: (code) => {
          this.replaceCode(code);
          void this.openEditor(true);
        },
        runCheck: (check, onEvent) => {
          this.clearMarks();
          return this.session.start({ type: 'check', code: this.code.current, check }, this.backend, this.output, {
            onEvent,
          });
        },
      });

    this.code = new SnippetCode(this.snippetId, authorCodeOf(root));
    this.show(this.code.set(this.code.current, false));
    void applyLink(this);
    // A link pasted into the address bar of this very page changes only the fragment.
    window.addEventListener('hashchange', () => void applyLink(this));
    // Another tab saved this snippet: never overwrite either version silently, let the reader choose.
    window.addEventListener('storage', (e: StorageEvent) => {
      if (e.storageArea !== localStorage) return;
      const theirs = this.code.fromOtherTab(e.key, e.newValue);
      if (theirs !== null) this.offerOtherTab(theirs);
    });
  }

  get notices(): HTMLElement {
    return this.ui.edited;
  }

  private get backend() {
    return readBackendMenu(this.ui.backend);
  }

  /** Expressive Code's highlighted block (the static view), which the plugin wrapped in this element. */
  private get figure(): HTMLElement | null {
    return this.root.querySelector(':scope > figure');
  }

  showLinked(code: string): void {
    this.editor?.setCode(code);
    this.show(this.code.set(code, false));
  }

  useLessonCode(): void {
    this.replaceCode(this.code.author);
    this.ui.run.focus();
  }

  private offerOtherTab(theirs: string) {
    const notice = document.createElement('span');
    notice.className = 'course-snippet__conflict';
    notice.append(`${word('snippet.conflict.notice')} `);
    const choice = (text: string, choose: () => void) =>
      quietButton(text, () => {
        choose();
        this.ui.run.focus();
      });
    const mine = this.code.current;
    notice.append(
      choice(word('snippet.conflict.load'), () => this.replaceCode(theirs)),
      ' ',
      choice(word('snippet.conflict.keep'), () => this.show(this.code.set(mine, true))),
    );
    this.ui.edited.replaceChildren(notice);
  }

  /** Shows edited code in plain text until the editor opens; the author's code keeps its highlighted view. */
  private show(state: EditState) {
    this.ui.edited.textContent = text(editNote(state));
    this.ui.reset.disabled = !this.code.edited;
    if (!this.editor) {
      this.ui.plain.textContent = this.code.current;
      this.ui.plain.hidden = !this.code.edited;
      this.figure?.toggleAttribute('hidden', this.code.edited);
    }
  }

  private async openEditor(focus: boolean) {
    if (!this.editor) {
      const { createEditor } = await import('./editor');
      this.editor = createEditor(this.ui.editorHost, this.code.current, {
        label: word('snippet.editor.label', { title: this.root.dataset.title ?? word('snippet.defaultTitle') }),
        onChange: (code) => {
          forgetLink(this.snippetId);
          this.show(this.code.edit(code));
        },
        onRun: () => void this.run(),
        onEscape: () => this.ui.run.focus(),
      });
      this.figure?.setAttribute('hidden', '');
      this.ui.plain.hidden = true;
      this.ui.edit.disabled = true;
    }
    if (focus) this.editor.focus();
  }

  /** Puts `code` in the editor (or the plain view) and saves it, as an edit would. */
  private replaceCode(code: string) {
    this.editor?.setCode(code);
    this.show(this.code.set(code, true));
    this.clearMarks();
  }

  /** Back to the author's code, with an Undo that brings the reader's code back. */
  private reset() {
    const mine = this.code.current;
    this.replaceCode(this.code.author);
    this.code.keepForUndo(mine);
    const undo = quietButton(
      word('snippet.reset.undo'),
      () => {
        const before = this.code.takeUndo();
        if (before === null) return;
        this.replaceCode(before);
        this.ui.reset.focus();
      },
      'undo-reset',
    );
    this.ui.edited.replaceChildren(`${word('snippet.reset.done')} `, undo);
    undo.focus();
  }

  private markErrorLine(line: number) {
    if (this.editor) return this.editor.markErrorLine(line);
    // Edited code shows as plain text, which has no lines to mark: open the editor and mark it there.
    if (!this.ui.plain.hidden) {
      void this.openEditor(false).then(() => this.editor?.markErrorLine(line));
      return;
    }
    this.clearStaticMark();
    const target = this.figure?.querySelectorAll('.ec-line')[line - 1];
    target?.classList.add('course-snippet__error-line');
  }

  private clearStaticMark() {
    this.root
      .querySelectorAll('.course-snippet__error-line')
      .forEach((l) => l.classList.remove('course-snippet__error-line'));
  }

  private clearMarks() {
    this.editor?.markErrorLine(null);
    this.clearStaticMark();
  }

  private async run() {
    this.clearMarks();
    await this.session.start({ type: 'run', code: this.code.current }, this.backend, this.output);
  }
}

/** Sets a snippet up; snippet-island.ts loads this module when the first snippet wakes. */
export const mountSnippet: MountIsland = (root) => void new Snippet(root);
