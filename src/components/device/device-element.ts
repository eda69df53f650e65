/**
 * The device page's behaviour (DeviceReport.astro): asks the worker for the report as soon as the page loads,
 * fills in the tables, then runs the benchmark on the backends the reader leaves ticked and keeps its results,
 * as a table and as the Markdown block that "Copy results" copies.
 */
import {
  BACKENDS,
  describeThreads,
  formatBenchMarkdown,
  GPU_LIMITS,
  type BenchRow,
  type DeviceReport,
  type WorkerEvent,
} from '~/runtime/protocol';
import { text } from '../client/words';
import { formatDuration } from '../run/labels';
import { OutputView } from '../run/output-view';
import { getRunClient } from '../run/run-client';
import { RunSession } from '../run/run-session';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** A limit as read: sizes in bytes (MiB when large), counts as they are. */
function formatLimit(name: string, n: number | null): string {
  if (n === null) return 'not reported';
  if (!name.endsWith('Size')) return n.toLocaleString('en');
  return n >= 2 ** 20 ? `${(n / 2 ** 20).toLocaleString('en')} MiB` : `${n.toLocaleString('en')} bytes`;
}

/** The shared output view, except that the end names the backends benchmarked, not the one the run started on. */
class BenchView extends OutputView {
  benched: string[] = [];
  override handle(event: WorkerEvent): void {
    if (event.type !== 'done') return super.handle(event);
    const on = this.benched.length ? ` on ${this.benched.join(', ')}` : ', no backend could start';
    this.status(`Benchmark done in ${formatDuration(event.ms)}${on}.`);
  }
}

function cell(tag: 'td' | 'th', text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (tag === 'th') el.setAttribute('scope', 'row');
  return el;
}

export function mountDeviceReport(root: HTMLElement): void {
  const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const form = $<HTMLFormElement>('[data-bench-form]');
  const benchButton = $<HTMLButtonElement>('[data-action=bench]');
  const copyButton = $<HTMLButtonElement>('[data-action=copy]');
  const copyStatus = $('[data-copy-status]');
  const resultsBody = $('[data-results-body]');
  const resultsText = $('[data-results-text]');
  const reportStatus = $('[data-report-status]');
  const boxes = [...root.querySelectorAll<HTMLInputElement>('input[name=backend]')];
  const session = new RunSession({
    host: root,
    badge: $('[data-badge]'),
    stop: $<HTMLButtonElement>('[data-action=stop]'),
    resume: benchButton,
  });
  const view = new BenchView($('[data-bench-output]'), { onRetryWith: () => void bench() });

  let report: DeviceReport | null = null;
  const rows: BenchRow[] = [];
  const markdown = () =>
    formatBenchMarkdown(
      report,
      rows.map((row) => ({ ...row, detail: text(row.detail) })),
      new Date(),
    );
  const chosen = () =>
    boxes.filter((b) => b.checked && !b.disabled).flatMap((b) => BACKENDS.filter((name) => name === b.value));

  const showReport = (r: DeviceReport) => {
    report = r;
    for (const status of r.backends) {
      const row = $(`tr[data-backend=${status.backend}]`);
      const works = row.querySelector<HTMLElement>('[data-works]')!;
      works.dataset.works = yesNo(status.works);
      works.textContent = status.works ? (status.software ? 'yes, in software' : 'yes') : 'no';
      row.querySelector('[data-detail]')!.textContent = text(status.detail);
      const box = boxes.find((b) => b.value === status.backend)!;
      box.disabled = !status.works;
      box.checked = status.works;
    }
    // Auto passes over software GPU emulation (WASM is faster on a CPU): the rule of host/backends.ts.
    const auto = r.backends.find((b) => b.works && !b.software) ?? r.backends.find((b) => b.works);
    reportStatus.textContent = auto
      ? `Checked. Lessons on Auto run on ${text(auto.detail)} here.`
      : 'Checked: no backend could start in this browser.';
    const gpu = r.gpuAdapter;
    $('[data-gpu]').hidden = !gpu;
    $('[data-gpu-none]').hidden = Boolean(gpu);
    if (gpu) {
      for (const field of ['vendor', 'architecture', 'description'] as const)
        $(`[data-gpu-field=${field}]`).textContent = gpu[field] || 'not reported';
      $('[data-gpu-field=isFallbackAdapter]').textContent = yesNo(gpu.isFallbackAdapter);
      for (const limit of GPU_LIMITS)
        $(`[data-gpu-limit=${limit}]`).textContent = formatLimit(limit, gpu.limits[limit]);
    }
    const { wasm } = r;
    $('[data-wasm=simd]').textContent = wasm.threads === null ? 'unknown' : yesNo(wasm.simd);
    $('[data-wasm=threads]').textContent = describeThreads(wasm);
    $('[data-wasm=isolated]').textContent = yesNo(wasm.crossOriginIsolated);
    $('[data-wasm=cores]').textContent = wasm.cores === null ? 'not reported' : String(wasm.cores);
    benchButton.disabled = chosen().length === 0;
  };

  const addRow = (row: BenchRow) => {
    rows.push(row);
    view.benched.push(text(row.detail));
    const tr = document.createElement('tr');
    tr.dataset.backend = row.backend;
    const figures = [
      row.trainExamplesPerSec.toFixed(1),
      row.trainFirstStepMs.toFixed(0),
      row.trainWarmStepMs.toFixed(1),
      row.forwardMedianMs.toFixed(2),
      row.forwardFirstMs.toFixed(0),
    ];
    tr.append(cell('th', text(row.detail)), ...figures.map((figure) => cell('td', figure)));
    if (rows.length === 1) resultsBody.replaceChildren();
    resultsBody.append(tr);
    resultsText.textContent = markdown();
    copyButton.disabled = false;
  };

  const bench = async () => {
    const backends = chosen();
    if (!backends.length) return;
    rows.length = 0;
    view.benched = [];
    resultsText.textContent = '';
    copyButton.disabled = true;
    copyStatus.textContent = '';
    benchButton.disabled = true;
    try {
      await session.start({ type: 'device-bench', backends }, 'cpu', view, {
        status: `Benchmarking ${backends.length} backend${backends.length === 1 ? '' : 's'}…`,
        onEvent: (event) => {
          if (event.type === 'bench-row') addRow(event.row);
        },
      });
    } finally {
      benchButton.disabled = chosen().length === 0;
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void bench();
  });
  form.addEventListener('change', () => {
    if (root.dataset.state !== 'running') benchButton.disabled = chosen().length === 0;
  });
  copyButton.addEventListener('click', () => {
    const text = markdown();
    resultsText.textContent = text;
    navigator.clipboard.writeText(text).then(
      () => (copyStatus.textContent = 'Copied as Markdown.'),
      () => {
        copyStatus.textContent = 'Copying was refused here: the text is below, under "Results as text".';
        root.querySelector('details')!.open = true;
      },
    );
  });

  const onReport = (event: WorkerEvent) => {
    if (event.type === 'device-report') showReport(event.report);
    if (event.type === 'error') reportStatus.textContent = `The check failed: ${event.message}`;
  };
  void getRunClient().start({ type: 'device-report' }, 'cpu', onReport);
}
