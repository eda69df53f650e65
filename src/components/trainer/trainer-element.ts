/**
 * `<mnist-trainer>`: the training island. Train sends the form's settings to the page's one worker (shared with
 * the snippets, so Stop and "one run at a time" work the same way); picking a test digit asks the worker for
 * its feature maps in the network it just trained. Nothing runs until the reader presses Train.
 */
import type { BackendName, RunJob, WorkerEvent } from '~/runtime/protocol';
import { checkTrainSettings } from '~/runtime/trainer/settings';
import { BACKEND_KEY, storageGet, storageSet } from '../client/storage';
import { OutputView } from '../snippet/output-view';

class MnistTrainer extends HTMLElement {
  private token = 0;
  private trained = false;
  private ui!: { stop: HTMLButtonElement; badge: HTMLElement; backend: HTMLSelectElement };

  connectedCallback() {
    if (this.dataset.ready) return;
    this.dataset.ready = 'true';
    const form = this.querySelector<HTMLFormElement>('[data-train-form]')!;
    const train = this.querySelector<HTMLButtonElement>('[data-action=train]')!;
    const stop = this.querySelector<HTMLButtonElement>('[data-action=stop]')!;
    const badge = this.querySelector<HTMLElement>('[data-badge]')!;
    const backend = form.elements.namedItem('backend') as HTMLSelectElement;
    const inspect = this.querySelector<HTMLElement>('[data-inspect]')!;
    const pickForm = this.querySelector<HTMLFormElement>('[data-pick-form]')!;
    const pickInput = pickForm.elements.namedItem('index') as HTMLInputElement;
    this.ui = { stop, badge, backend };

    backend.value = storageGet(BACKEND_KEY) ?? 'auto';
    backend.addEventListener('change', () => storageSet(BACKEND_KEY, backend.value));
    train.disabled = false;
    badge.textContent = 'Nothing runs until you press Train.';

    const pick = (index: number, reveal = true) => {
      pickInput.value = String(index);
      void this.start({ type: 'inspect', index }, inspectView, 'Drawing feature maps…');
      // A digit picked in a gallery above has its maps drawn below: bring them into view.
      if (reveal) inspect.scrollIntoView({ block: 'nearest' });
    };
    const trainView = new OutputView(this.querySelector('[data-output]')!, { onRetryWith: (b) => ((backend.value = b), form.requestSubmit()), onPick: pick });
    const inspectView = new OutputView(this.querySelector('[data-inspect-output]')!, { onRetryWith: (b) => ((backend.value = b), pickForm.requestSubmit()) });

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const settings = checkTrainSettings({
        epochs: Number(data.get('epochs')),
        batchSize: Number(data.get('batchSize')),
        learningRate: Number(data.get('learningRate')),
        schedule: data.get('schedule'),
        augment: data.get('augment'),
        activation: data.get('activation'),
      });
      this.trained = false;
      inspect.hidden = true;
      inspectView.clear();
      void this.start({ type: 'train', settings }, trainView, 'Preparing the digits and the network…', (event) => {
        if (event.type !== 'done') return;
        this.trained = true;
        inspect.hidden = false;
        pick(pickInput.valueAsNumber || 0, false);
      });
    });
    pickForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (pickInput.reportValidity() && this.trained) pick(pickInput.valueAsNumber);
    });
    stop.addEventListener('click', () => void import('../snippet/snippet-client').then((m) => m.getSnippetClient().stop()));
  }

  /** Runs a job in the page's worker, showing its events in `view`; a newer job or snippet run supersedes it. */
  private async start(job: RunJob, view: OutputView, status: string, onFinish?: (event: WorkerEvent) => void) {
    const { getSnippetClient } = await import('../snippet/snippet-client');
    const client = getSnippetClient();
    const token = ++this.token;
    view.clear();
    view.status(status);
    this.ui.stop.disabled = false;
    this.ui.badge.textContent = 'Starting…';
    this.dataset.state = 'running';
    await client.start(job, this.ui.backend.value as BackendName | 'auto', (event) => {
      if (token !== this.token) return;
      if (event.type === 'backend') this.ui.badge.textContent = event.fallbackReason ? `${event.detail} · ${event.fallbackReason}` : event.detail;
      if (event.type === 'done' || event.type === 'error') {
        this.ui.stop.disabled = true;
        this.dataset.state = event.type === 'done' ? 'done' : event.kind;
        onFinish?.(event);
      }
      view.handle(event);
    });
  }
}

customElements.define('mnist-trainer', MnistTrainer);
