/**
 * `<course-snippet>`: brings to life the Run, Stop, Edit and Reset buttons and the backend picker that the page
 * renders, disabled, under a highlighted code block (src/integrations/ec-runnable.ts).
 * Nothing runs until the reader presses Run; tfjs loads on the first Run and CodeMirror on the first Edit.
 */
import type { SnippetEditor } from './editor';
import { recordPass } from '../client/progress';
import { rememberBackend, storageGet, storageSet } from '../client/storage';
import { decodeCode, LinkError, linkFor, payloadFor } from './share';
import { readBackendMenu } from '../run/backend-menu';
import { OutputView } from '../run/output-view';
import { renderVerdict } from './check-verdict';
import { RunSession } from '../run/run-session';

const STORAGE_PREFIX = 'cv-course:snippet:';

/** A quiet course button that calls `onClick`; `action` becomes its `data-action` hook. */
function quietButton(text: string, onClick: () => void, action?: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'course-button course-button--quiet';
  if (action) button.dataset.action = action;
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

class CourseSnippet extends HTMLElement {
  private code = '';
  /** The reader's code just before a Reset, until the next edit: what Undo brings back. */
  private beforeReset: string | null = null;
  private session!: RunSession;
  private editor: SnippetEditor | null = null;
  private output!: OutputView;
  private ui!: {
    run: HTMLButtonElement;
    share: HTMLButtonElement;
    edit: HTMLButtonElement;
    reset: HTMLButtonElement;
    backend: HTMLSelectElement;
    edited: HTMLElement;
    plain: HTMLPreElement;
    editorHost: HTMLElement;
  };

  connectedCallback() {
    if (this.dataset.ready) return;
    // Hydrate when the snippet comes near the viewport (a screen ahead, so its buttons work by the time the reader
    // sees them) or when the keyboard reaches it; not at idle, where a long lesson's snippets would all wake at once
    // and block a phone's main thread.
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), {
      rootMargin: '100% 0px',
    });
    const start = () => {
      io.disconnect();
      this.removeEventListener('focusin', start);
      if (!this.dataset.ready) this.setup();
    };
    // A link that carries code for this block: wake up now, so the reader lands on it with that code.
    if (payloadFor(this.dataset.snippetId ?? '') !== null) return start();
    io.observe(this);
    this.addEventListener('focusin', start);
  }

  private get storageKey() {
    return `${STORAGE_PREFIX}${this.dataset.snippetId}`;
  }

  /**
   * The lesson's own code, read from Expressive Code's copy button, which carries it exactly (lines joined by
   * U+007F) for every block: the page ships the code once there instead of a second time on this element.
   */
  private get authorCode(): string {
    return this.querySelector<HTMLElement>('.copy button[data-code]')?.dataset.code?.replaceAll('\u007f', '\n') ?? '';
  }

  private setup() {
    this.dataset.ready = 'true';
    const title = this.dataset.title ?? 'Code';
    // The toolbar comes with the page (src/integrations/ec-runnable.ts), disabled until now.
    const bar = this.querySelector<HTMLElement>(':scope > .course-snippet__bar')!;
    const control = <T extends HTMLElement>(selector: string) => bar.querySelector<T>(selector)!;
    const [run, stop, edit, reset] = (['run', 'stop', 'edit', 'reset'] as const).map((a) =>
      control<HTMLButtonElement>(`[data-action="${a}"]`),
    ) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
    const backend = control<HTMLSelectElement>('select');
    const [badge, edited] = [
      control<HTMLElement>('.course-snippet__badge'),
      control<HTMLElement>('.course-snippet__edited'),
    ];
    const share = control<HTMLButtonElement>('[data-action="share"]');
    rememberBackend(backend);
    for (const c of [run, edit, backend, share]) c.disabled = false;

    const plain = document.createElement('pre');
    plain.className = 'course-snippet__plain';
    plain.tabIndex = 0; // long lines scroll: the keyboard must reach them
    plain.hidden = true;
    const editorHost = document.createElement('div');
    editorHost.className = 'course-snippet__editor';
    const out = document.createElement('div');
    out.className = 'course-snippet__output';
    out.setAttribute('aria-live', 'polite');
    out.setAttribute('aria-label', `${title}: output`);
    bar.before(plain, editorHost);
    bar.after(out);
    this.ui = { run, share, edit, reset, backend, edited, plain, editorHost };
    this.session = new RunSession({ host: this, badge, stop, resume: run });
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
    share.addEventListener('click', () => void this.share());
    if (this.dataset.check) this.setupExercise(bar);

    this.setCode(storageGet(this.storageKey) ?? this.authorCode, false);
    void this.applyLink();
    // A link pasted into the address bar of this very page changes only the fragment.
    window.addEventListener('hashchange', () => void this.applyLink());
    // Another tab saved this snippet: never overwrite either version silently, let the reader choose.
    window.addEventListener('storage', (e: StorageEvent) => {
      if (e.key !== this.storageKey || e.storageArea !== localStorage) return;
      const theirs = e.newValue ?? this.authorCode;
      if (theirs !== this.code) this.offerOtherTab(theirs);
    });
  }

  private offerOtherTab(theirs: string) {
    const notice = document.createElement('span');
    notice.className = 'course-snippet__conflict';
    notice.append('Edited in another tab too. ');
    const choice = (text: string, choose: () => void) =>
      quietButton(text, () => {
        choose();
        this.ui.run.focus();
      });
    const mine = this.code;
    notice.append(
      choice('Load that version', () => this.replaceCode(theirs)),
      ' ',
      choice('Keep mine', () => this.setCode(mine, true)),
    );
    this.ui.edited.replaceChildren(notice);
  }

  /** Shows edited code in plain text until the editor opens; the author's code keeps its highlighted view. */
  private setCode(code: string, save: boolean) {
    this.code = code;
    const isEdited = code !== this.authorCode;
    // "Saved" only once the browser has kept it (read back); full or blocked storage must not pass for saved.
    const saved = !save || storageSet(this.storageKey, isEdited ? code : null);
    this.ui.edited.textContent = !isEdited
      ? ''
      : saved
        ? 'Edited (saved in this browser)'
        : "Edited, not saved: this browser's storage is full or blocked, so a reload would lose it";
    this.ui.reset.disabled = !isEdited;
    if (!this.editor) {
      this.ui.plain.textContent = code;
      this.ui.plain.hidden = !isEdited;
      this.figure?.toggleAttribute('hidden', isEdited);
    }
  }

  /** Expressive Code's highlighted block (the static view), which the plugin wrapped in this element. */
  private get figure(): HTMLElement | null {
    return this.querySelector(':scope > figure');
  }

  private async openEditor(focus: boolean) {
    if (!this.editor) {
      const { createEditor } = await import('./editor');
      this.editor = createEditor(this.ui.editorHost, this.code, {
        label: `${this.dataset.title ?? 'Code'}: editor`,
        onChange: (code) => {
          this.beforeReset = null;
          this.forgetLink();
          this.setCode(code, true);
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
    this.setCode(code, true);
    this.editor?.markErrorLine(null);
    this.clearStaticMark();
  }

  /** Back to the author's code, with an Undo that brings the reader's code back. */
  private reset() {
    const mine = this.code;
    this.replaceCode(this.authorCode);
    this.beforeReset = mine;
    const undo = quietButton(
      'Undo reset',
      () => {
        if (this.beforeReset === null) return;
        this.replaceCode(this.beforeReset);
        this.beforeReset = null;
        this.ui.reset.focus();
      },
      'undo-reset',
    );
    this.ui.edited.replaceChildren("Reset to the lesson's code. ", undo);
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
    this.querySelectorAll('.course-snippet__error-line').forEach((l) =>
      l.classList.remove('course-snippet__error-line'),
    );
  }

  /**
   * Code from a link (share.ts) replaces what is shown, unsaved and not run; the reader can take the lesson's code
   * back. A link that cannot be read leaves the lesson's code and says why.
   */
  private async applyLink() {
    const payload = payloadFor(this.dataset.snippetId ?? '');
    if (payload === null) return;
    this.scrollIntoView({ block: 'start' });
    const notice = document.createElement('span');
    notice.className = 'course-snippet__link';
    try {
      const code = await decodeCode(payload);
      this.editor?.setCode(code);
      this.setCode(code, false);
      notice.append('This code came from a link; nothing has run. ');
    } catch (e) {
      if (!(e instanceof LinkError)) throw e;
      notice.append(`The link's code could not be used: ${e.message}. This is the lesson's code. `);
      this.forgetLink();
      this.ui.edited.replaceChildren(notice);
      return;
    }
    const back = quietButton("Use the lesson's code", () => {
      this.forgetLink();
      this.replaceCode(this.authorCode);
      this.ui.run.focus();
    });
    notice.append(back);
    this.ui.edited.replaceChildren(notice);
  }

  /** Drops this block's code link from the address, so that a reload shows the reader's own saved code. */
  private forgetLink() {
    if (payloadFor(this.dataset.snippetId ?? '') === null) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  }

  /** Copies a link that opens this page with this block's code; shows the link where copying is refused. */
  private async share() {
    const url = await linkFor(this.dataset.snippetId ?? '', this.code);
    const status = document.createElement('span');
    status.className = 'course-snippet__link';
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Link copied: it opens this page with this code, which runs only when Run is pressed.';
    } catch {
      const field = document.createElement('input');
      field.className = 'course-input';
      field.readOnly = true;
      field.value = url;
      field.setAttribute('aria-label', 'Link to this code');
      status.append('Copy this link: ', field);
      queueMicrotask(() => field.select());
    }
    status.setAttribute('role', 'status');
    this.ui.edited.replaceChildren(status);
  }

  /** An exercise block: Check runs the reader's code and the hidden check; hints and the solution on request. */
  private setupExercise(bar: HTMLElement) {
    const root = this.closest<HTMLElement>('[data-exercise]')!;
    const button = (action: string) => bar.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
    const [check, hint, solution] = [button('check'), button('hint'), button('solution')];
    const hints = [...root.querySelectorAll<HTMLDetailsElement>('details[data-hint]')];
    const solutionBox = root.querySelector<HTMLDetailsElement>('details[data-solution]')!;
    const label = () => {
      const shown = hints.filter((d) => d.open).length;
      hint.textContent = hints.length > 1 ? `Hint (${shown} of ${hints.length})` : 'Hint';
      hint.disabled = shown === hints.length;
    };
    check.disabled = solution.disabled = false;
    label();
    for (const d of hints) d.addEventListener('toggle', label);
    hint.addEventListener('click', () => {
      const next = hints.find((d) => !d.open);
      if (next) next.open = true;
      label();
    });
    const load = quietButton(
      'Load the solution into the editor',
      () => {
        this.replaceCode(this.dataset.solution ?? '');
        void this.openEditor(true);
      },
      'load-solution',
    );
    solutionBox.append(load);
    solution.addEventListener('click', () => {
      solutionBox.open = true;
      solutionBox.scrollIntoView({ block: 'nearest' });
      load.focus();
    });
    check.addEventListener('click', () => void this.check(root));
  }

  private async check(root: HTMLElement) {
    this.editor?.markErrorLine(null);
    this.clearStaticMark();
    root.dataset.state = 'running';
    let verdict: boolean | null = null;
    await this.session.start(
      { type: 'check', code: this.code, check: this.dataset.check ?? '' },
      readBackendMenu(this.ui.backend),
      this.output,
      {
        onEvent: (event) => {
          if (event.type !== 'check') return;
          verdict = event.passed;
          this.output.show(renderVerdict(event));
        },
      },
    );
    root.dataset.state = verdict === null ? 'error' : verdict ? 'passed' : 'failed';
    if (verdict) recordPass(`${root.dataset.lesson}/${root.dataset.exercise}`);
  }

  private async run() {
    this.editor?.markErrorLine(null);
    this.clearStaticMark();
    await this.session.start(
      { type: 'run', code: this.code },
      readBackendMenu(this.ui.backend),
      this.output,
    );
  }
}

customElements.define('course-snippet', CourseSnippet);
