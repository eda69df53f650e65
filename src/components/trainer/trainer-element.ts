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
      ? `${saved.length} saved in this browser:`
      : 'No network is saved in this browser yet.';
    list.replaceChildren(
      ...saved.map((n) => {
        const item = document.createElement('li');
        const when = new Date(n.date).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
        item.append(`${when}: ${n.testAccuracy.toFixed(2)}% on the test digits, ${n.epochs} epochs, ${n.activation} `);
        const button = (text: string, job: RunJob) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'course-button course-button--quiet';
          b.textContent = text;
          b.addEventListener('click', () => void run(job));
          return b;
        };
        item.append(
          button('Load', { type: 'networks', action: 'load', key: n.key }),
          ' ',
          button('Delete', { type: 'networks', action: 'delete', key: n.key }),
        );
        return item;
      }),
    );
  };
  const run = (job: RunJob) =>
    start(job, view, {
      status: 'Asking the worker…',
      onEvent: (event) => {
        if (event.type === 'networks') {
          render(event.saved);
          if (event.current) {
            status.textContent = `Loaded the network trained ${new Date(event.current.date).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}: ${event.current.testAccuracy.toFixed(2)}% on the test digits. Pick a digit to see its feature maps.`;
            void session.workerGeneration().then(adopted);
          }
        }
        if (event.type === 'network-files') {
          save(new Blob([event.model], { type: 'application/json' }), 'model.json');
          save(new Blob([event.weights], { type: 'application/octet-stream' }), 'lenet5.weights.bin');
          status.textContent =
            'Downloaded model.json and lenet5.weights.bin: load both files back here to use the network again.';
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
      status.textContent = 'Pick both files at once: the model.json and its .bin weights file.';
      return;
    }
    if (json.size > 2 ** 20 || weights.size > 16 * 2 ** 20) {
      status.textContent = 'Those files are far larger than a LeNet-5: pick the ones this course downloaded.';
      return;
    }
    await run({ type: 'networks', action: 'import', model: await json.text(), weights: await weights.arrayBuffer() });
    files.value = '';
  };
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
