/**
 * What a snippet and the training island share when they start runs in the page's one worker: the Stop button,
 * the status badge and `data-state` of the element, and a token so that events of its superseded runs are dropped.
 */
import type { BackendChoice, RunJob, WorkerEvent } from '~/runtime/protocol';
import { words } from '~/runtime/protocol/words';
import type { OutputView } from './output-view';
import { text, word } from '../client/words';

export interface RunControls {
  /** The element whose `data-state` says running, done, or how the last run ended. */
  host: HTMLElement;
  badge: HTMLElement;
  stop: HTMLButtonElement;
  /** Where focus goes when a run ends while it was on Stop, which is then disabled (Run, Train, a form field). */
  resume: HTMLElement;
}

async function pageClient() {
  return (await import('./run-client')).getRunClient();
}

export class RunSession {
  private token = 0;
  /** Whether a run this session started is still going. */
  private mine = false;
  private readonly ui: RunControls;

  constructor(ui: RunControls) {
    this.ui = ui;
    ui.stop.addEventListener('click', () => void pageClient().then((client) => client.stop()));
  }

  /**
   * Runs `job` and shows its events in `view` (after `onEvent`, if given). A second start, here or anywhere on
   * the page, stops this run first. Resolves when the run ends or is superseded.
   */
  async start(
    job: RunJob,
    backend: BackendChoice,
    view: OutputView,
    options: { status?: string; onEvent?: (event: WorkerEvent) => void } = {},
  ): Promise<void> {
    const client = await pageClient();
    const token = ++this.token;
    if (client.running) await client.stop(words('worker.stop.anotherRun'));
    if (token !== this.token) return; // started again while the previous run was stopping
    view.clear();
    if (options.status) view.status(options.status);
    this.ui.badge.textContent = word('run.badge.starting');
    this.ui.stop.disabled = false;
    this.ui.host.dataset.state = 'running';
    this.mine = true;
    try {
      await client.start(job, backend, (event) => {
        if (token !== this.token) return;
        this.reflect(event);
        options.onEvent?.(event);
        view.handle(event);
      });
    } finally {
      if (token === this.token) this.mine = false;
    }
  }

  /** Whether another island's run (a training, a snippet) holds the page's worker now: starting would stop it. */
  async busyElsewhere(): Promise<boolean> {
    return (await pageClient()).running && !this.mine;
  }

  /** Which worker the page's runs go to now: a trained network kept in an earlier one is gone. */
  async workerGeneration(): Promise<number> {
    return (await pageClient()).workerGeneration;
  }

  private reflect(event: WorkerEvent): void {
    const { badge, stop, host } = this.ui;
    if (event.type === 'backend') {
      const reason = event.fallbackReason === null ? '' : text(event.fallbackReason);
      const detail = text(event.detail);
      badge.textContent = reason ? `${detail} · ${reason}` : detail;
      badge.title = reason;
    }
    if (event.type === 'done' || event.type === 'error') {
      const hadFocus = document.activeElement === stop;
      stop.disabled = true;
      if (hadFocus) this.ui.resume.focus(); // a disabled button would drop keyboard focus to the page
      host.dataset.state = event.type === 'done' ? 'done' : event.kind;
      if (event.type === 'error' && badge.textContent === word('run.badge.starting')) badge.textContent = '';
    }
  }
}
