/**
 * `<mnist-trainer>`: the training island. Train sends the form's settings to the page's one worker (shared with
 * the snippets, so Stop and "one run at a time" work the same way); picking a test digit asks the worker for
 * its feature maps in the network it just trained. Nothing runs until the reader presses Train.
 */
import {
  readTrainSettings,
  TrainSettingsError,
  type BackendName,
  type RunJob,
  type TrainSettings,
} from '~/runtime/protocol';
import { rememberBackend } from '../client/storage';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';

/**
 * A setting the worker would refuse (a stale or altered form): the message goes next to its field, which is marked
 * invalid and focused, and clears once the reader changes the field; Train starts nothing meanwhile.
 */
function showFieldError(form: HTMLFormElement, name: string, message: string): void {
  const field = form.elements.namedItem(name) as HTMLSelectElement;
  const note = document.createElement('span');
  note.className = 'course-trainer__field-error';
  note.id = `${field.name}-error-${Math.random().toString(36).slice(2, 8)}`;
  note.setAttribute('role', 'alert');
  note.textContent = message;
  field.parentElement?.querySelector('.course-trainer__field-error')?.remove();
  field.after(note);
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', note.id);
  field.focus();
  field.addEventListener(
    'change',
    () => {
      note.remove();
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    },
    { once: true },
  );
}

class MnistTrainer extends HTMLElement {
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
    const session = new RunSession({ host: this, badge, stop, resume: train });
    const start = (job: RunJob, view: OutputView, options: Parameters<RunSession['start']>[3]) =>
      session.start(job, backend.value as BackendName | 'auto', view, options);

    rememberBackend(backend);
    train.disabled = false;
    badge.textContent = 'Nothing runs until you press Train.';

    // The worker that holds the trained network; if the page replaced it since (Stop of a stuck run, a memory
    // error, a lost GPU), the network is gone and picking must not pretend otherwise.
    let trainedIn: number | null = null;
    const pick = async (index: number, reveal = true) => {
      pickInput.value = String(index);
      if (trainedIn !== (await session.workerGeneration())) {
        trainedIn = null;
        inspect.hidden = true;
        trainView.status(
          'The worker running the code was restarted since this training, so the trained network is gone. Train again to pick digits.',
        );
        return;
      }
      void start({ type: 'inspect', index }, inspectView, { status: 'Drawing feature maps…' });
      // A digit picked in a gallery above has its maps drawn below: bring them into view.
      if (reveal) inspect.scrollIntoView({ block: 'nearest' });
    };
    const trainView = new OutputView(this.querySelector('[data-output]')!, {
      onRetryWith: (b) => ((backend.value = b), form.requestSubmit()),
      onPick: pick,
    });
    const inspectView = new OutputView(this.querySelector('[data-inspect-output]')!, {
      onRetryWith: (b) => ((backend.value = b), pickForm.requestSubmit()),
    });

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      let settings: TrainSettings;
      try {
        settings = readTrainSettings((name) => data.get(name) as string | null);
      } catch (error) {
        if (!(error instanceof TrainSettingsError)) throw error;
        showFieldError(form, error.field, error.message);
        return;
      }
      inspect.hidden = true; // and with it the pick form, until this training is done
      inspectView.clear();
      void start({ type: 'train', settings }, trainView, {
        status: 'Preparing the digits and the network…',
        onEvent: (event) => {
          if (event.type !== 'done') return;
          void session.workerGeneration().then((generation) => {
            trainedIn = generation;
            inspect.hidden = false;
            void pick(pickInput.valueAsNumber || 0, false);
          });
        },
      });
    });
    pickForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (pickInput.reportValidity()) void pick(pickInput.valueAsNumber);
    });
  }
}

customElements.define('mnist-trainer', MnistTrainer);
