/**
 * `<arch-lab>`: the architecture lab. Train sends the checked networks and the settings to the page's kept worker
 * (shared with the trainer and the snippets, so Stop and "one run at a time" work the same way); the worker's
 * curves go to the output, its table to the results, and the list of the networks it saved to the page's storage
 * (client/lab-networks.ts), for the digit pad. A second Train starts clean.
 */
import { formatCount, formatMacs } from '~/runtime/protocol';
import {
  LAB_LABELS,
  LAB_PRESETS,
  LabSettingsError,
  readLabSettings,
  type LabRow,
  type LabSettingName,
  type LabSettings,
} from '~/runtime/protocol/lab';
import { rememberLabNetworks } from '../client/lab-networks';
import { rememberBackend } from '../client/storage';
import { pageLang, text, word } from '../client/words';
import { readBackendMenu } from '../run/backend-menu';
import { formatDuration } from '../run/labels';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';
import { SERIES_COLORS } from '../run/series-colors';

const percent = (fraction: number | null) =>
  fraction === null
    ? '—'
    : (100 * fraction).toLocaleString(pageLang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' %';

/** One row of the results table; a row the worker has finished carries `data-arch` and `data-accuracy`. */
function rowOf(row: LabRow, index: number): HTMLTableRowElement {
  const tr = document.createElement('tr');
  const name = document.createElement('td');
  const swatch = document.createElement('span');
  swatch.className = 'course-lab__swatch';
  swatch.style.setProperty('--swatch', SERIES_COLORS[index % SERIES_COLORS.length]!);
  name.append(swatch, LAB_LABELS[row.architecture]);
  const lang = pageLang();
  const state = row.message
    ? `${word(`lab.state.${row.state}`)}: ${text(row.message)}`
    : word(`lab.state.${row.state}`);
  const cells = [
    String(row.epochs),
    percent(row.testAccuracy),
    percent(row.trainingError),
    formatCount(row.params, lang),
    formatMacs(row.macs, lang),
    row.examplesPerSecond === null ? '—' : formatCount(row.examplesPerSecond, lang),
    formatDuration(row.trainMs),
    state,
  ];
  tr.append(
    name,
    ...cells.map((value) => {
      const td = document.createElement('td');
      td.textContent = value;
      return td;
    }),
  );
  tr.dataset.state = row.state;
  if (row.state !== 'training') {
    tr.dataset.arch = row.architecture;
    if (row.testAccuracy !== null) tr.dataset.accuracy = String(row.testAccuracy);
  }
  return tr;
}

/** Wires the lab's static form (ArchitectureLab.astro) to the worker. */
export function mountLab(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('[data-lab-form]')!;
  const train = root.querySelector<HTMLButtonElement>('[data-action=train]')!;
  const preset = root.querySelector<HTMLButtonElement>('[data-preset=degradation]')!;
  const stop = root.querySelector<HTMLButtonElement>('[data-action=stop]')!;
  const badge = root.querySelector<HTMLElement>('[data-badge]')!;
  const error = root.querySelector<HTMLElement>('[data-form-error]')!;
  const rows = root.querySelector<HTMLElement>('[data-rows]')!;
  const empty = rows.querySelector('[data-empty]')!;
  const backend = form.elements.namedItem('backend') as HTMLSelectElement;
  const session = new RunSession({ host: root, badge, stop, resume: train });
  const view = new OutputView(root.querySelector('[data-output]')!, {
    onRetryWith: (b) => ((backend.value = b), form.requestSubmit()),
  });

  rememberBackend(backend);
  train.disabled = preset.disabled = false;
  badge.textContent = word('lab.form.idle');

  const checkedNetworks = () =>
    [...form.querySelectorAll<HTMLInputElement>('input[name=architecture]:checked')].map((box) => box.value);
  const showError = (message: string, field: HTMLElement | null) => {
    error.textContent = message;
    error.hidden = false;
    field?.focus();
  };
  form.addEventListener('input', () => (error.hidden = true));

  const start = (settings: LabSettings) => {
    error.hidden = true;
    rows.replaceChildren(empty);
    void session.start({ type: 'lab-train', settings }, readBackendMenu(backend), view, {
      status: word('lab.form.preparing'),
      onEvent: (event) => {
        if (event.type === 'lab-rows') rows.replaceChildren(...event.rows.map(rowOf));
        if (event.type === 'lab-kept') rememberLabNetworks(event.networks);
      },
    });
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      start(readLabSettings(checkedNetworks(), (name: LabSettingName) => data.get(name) as string | null));
    } catch (failure) {
      if (!(failure instanceof LabSettingsError)) throw failure;
      const field =
        failure.field === 'architectures'
          ? form.querySelector<HTMLElement>('input[name=architecture]')
          : (form.elements.namedItem(failure.field) as HTMLElement | null);
      showError(text(failure.words), field);
    }
  });

  // The preset sets the form to He et al.'s comparison, so the reader sees what it ran and can change it.
  preset.addEventListener('click', () => {
    const settings = LAB_PRESETS.degradation;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=architecture]'))
      box.checked = (settings.architectures as readonly string[]).includes(box.value);
    for (const [name, value] of Object.entries(settings)) {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = String(value);
    }
    form.requestSubmit();
  });
}
