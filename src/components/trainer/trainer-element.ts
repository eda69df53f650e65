/**
 * `<mnist-trainer>`: the training island. Train sends the form's settings to the page's one worker (shared with
 * the snippets, so Stop and "one run at a time" work the same way); picking a test digit asks the worker for
 * its feature maps in the network it just trained. Nothing runs until the reader presses Train.
 */
import {
  readTrainSettings,
  TrainSettingsError,
  type RunJob,
  type SavedNetwork,
  type TrainSettings,
} from '~/runtime/protocol';
import { rememberBackend } from '../client/storage';
import { pageLang, text, word } from '../client/words';
import { readBackendMenu } from '../run/backend-menu';
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

/** Wires the training island's static form (MnistTrainer.astro) to the worker. */
export function mountTrainer(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-train-form]')!;
  const train = root.querySelector<HTMLButtonElement>('[data-action=train]')!;
  const stop = root.querySelector<HTMLButtonElement>('[data-action=stop]')!;
  const badge = root.querySelector<HTMLElement>('[data-badge]')!;
  const backend = form.elements.namedItem('backend') as HTMLSelectElement;
  const inspect = root.querySelector<HTMLElement>('[data-inspect]')!;
  const pickForm = root.querySelector<HTMLFormElement>('[data-pick-form]')!;
  const pickInput = pickForm.elements.namedItem('index') as HTMLInputElement;
  const session = new RunSession({ host: root, badge, stop, resume: train });
  const start = (job: RunJob, view: OutputView, options: Parameters<RunSession['start']>[3]) =>
    session.start(job, readBackendMenu(backend), view, options);

  rememberBackend(backend);
  train.disabled = false;
  badge.textContent = word('trainer.form.idle');

  // The worker that holds the trained network; if the page replaced it since (Stop of a stuck run, a memory
  // error, a lost GPU), the network is gone and picking must not pretend otherwise.
  let trainedIn: number | null = null;
  const pick = async (index: number, reveal = true) => {
    pickInput.value = String(index);
    if (trainedIn !== (await session.workerGeneration())) {
      trainedIn = null;
      inspect.hidden = true;
      trainView.status(word('trainer.inspect.gone'));
      return;
    }
    void start({ type: 'inspect', index }, inspectView, { status: word('trainer.inspect.drawing') });
    // A digit picked in a gallery above has its maps drawn below: bring them into view.
    if (reveal) inspect.scrollIntoView({ block: 'nearest' });
  };
  const trainView = new OutputView(root.querySelector('[data-output]')!, {
    onRetryWith: (b) => ((backend.value = b), form.requestSubmit()),
    onPick: pick,
  });
  const inspectView = new OutputView(root.querySelector('[data-inspect-output]')!, {
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
      showFieldError(form, error.field, text(error.words));
      return;
    }
    inspect.hidden = true; // and with it the pick form, until this training is done
    inspectView.clear();
    void start({ type: 'train', settings }, trainView, {
      status: word('trainer.form.preparing'),
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
  setupNetworksOf(root, session, start, (generation) => {
    trainedIn = generation;
    inspect.hidden = false;
    void pick(pickInput.valueAsNumber || 0, false);
  });
  pickForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (pickInput.reportValidity()) void pick(pickInput.valueAsNumber);
  });
}

/**
 * "Your networks": the saved networks (listed, loaded, deleted), a download of the trained one, and files loaded
 * back. `adopted` is told the worker generation that now holds a network loaded this way.
 */
function setupNetworksOf(
  root: HTMLElement,
  session: RunSession,
  start: (job: RunJob, view: OutputView, options: Parameters<RunSession['start']>[3]) => Promise<void>,
  adopted: (generation: number) => void,
): void {
  const section = root.querySelector<HTMLElement>('[data-networks]')!;
  const status = section.querySelector<HTMLElement>('[data-networks-status]')!;
  const list = section.querySelector<HTMLElement>('[data-networks-list]')!;
  const [show, download] = ['list-networks', 'download'].map((a) =>
    section.querySelector<HTMLButtonElement>(`[data-action="${a}"]`)!,
  ) as [HTMLButtonElement, HTMLButtonElement];
  const files = section.querySelector<HTMLInputElement>('input[name="network-files"]')!;
  for (const c of [show, download, files]) c.disabled = false;
  const view = new OutputView(section.querySelector('[data-networks-output]')!, { onRetryWith: () => undefined });

  const render = (saved: SavedNetwork[]) => {
    status.textContent = saved.length
      ? word('trainer.saved.count', { count: saved.length })
      : word('trainer.saved.none');
    list.replaceChildren(
      ...saved.map((n) => {
        const item = document.createElement('li');
        const [when, accuracy] = [dateOf(n.date), percentOf(n.testAccuracy)];
        item.append(word('trainer.saved.item', { when, accuracy, epochs: n.epochs, activation: n.activation }), ' ');
        const button = (text: string, job: RunJob) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'course-button course-button--quiet';
          b.textContent = text;
          b.addEventListener('click', () => void run(job));
          return b;
        };
        item.append(
          button(word('trainer.saved.loadOne'), { type: 'networks', action: 'load', key: n.key }),
          ' ',
          button(word('trainer.saved.deleteOne'), { type: 'networks', action: 'delete', key: n.key }),
        );
        return item;
      }),
    );
  };
  const run = (job: RunJob) =>
    start(job, view, {
      status: word('trainer.saved.asking'),
      onEvent: (event) => {
        if (event.type === 'networks') {
          render(event.saved);
          if (event.current) {
            const { date, testAccuracy } = event.current;
            status.textContent = word('trainer.saved.loaded', {
              when: dateOf(date),
              accuracy: percentOf(testAccuracy),
            });
            void session.workerGeneration().then(adopted);
          }
        }
        if (event.type === 'network-files') {
          save(new Blob([event.model], { type: 'application/json' }), 'model.json');
          save(new Blob([event.weights], { type: 'application/octet-stream' }), 'lenet5.weights.bin');
          status.textContent = word('trainer.saved.downloaded');
        }
      },
    });
  show.addEventListener('click', () => void run({ type: 'networks', action: 'list' }));
  download.addEventListener('click', () => void run({ type: 'networks', action: 'export' }));
  files.addEventListener('change', () => void upload());
  const upload = async () => {
    const chosen = [...(files.files ?? [])];
    const json = chosen.find((f) => f.name.endsWith('.json'));
    const weights = chosen.find((f) => f.name.endsWith('.bin'));
    if (!json || !weights) {
      status.textContent = word('trainer.saved.pickBoth');
      return;
    }
    if (json.size > 2 ** 20 || weights.size > 16 * 2 ** 20) {
      status.textContent = word('trainer.saved.tooLarge');
      return;
    }
    await run({ type: 'networks', action: 'import', model: await json.text(), weights: await weights.arrayBuffer() });
    files.value = '';
  };
}

/** When a network was trained, as the page's language writes a date (the course's English, the British way). */
function dateOf(iso: string): string {
  const lang = pageLang();
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A test accuracy in percent, two decimals. */
function percentOf(accuracy: number): string {
  return accuracy.toLocaleString(pageLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
