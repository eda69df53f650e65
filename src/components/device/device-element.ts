/**
 * The device page's behaviour (DeviceReport.astro): asks the worker for the report as soon as the page loads,
 * fills in the tables, then runs the benchmark on the backends the reader leaves ticked and keeps its results,
 * as a table and as the Markdown block that "Copy results" copies.
 */
import {
  backendLabel,
  BACKENDS,
  benchFigures,
  describeThreads,
  formatBenchMarkdown,
  GPU_LIMITS,
  yesNo,
  type BenchRow,
  type DeviceReport,
  type WorkerEvent,
} from '~/runtime/protocol';
import { pageLang, text, word } from '../client/words';
import { formatDuration } from '../run/labels';
import { OutputView } from '../run/output-view';
import { getRunClient } from '../run/run-client';
import { RunSession } from '../run/run-session';

/** A limit as read: sizes in bytes (MiB when large), counts as they are. */
function formatLimit(name: string, n: number | null): string {
  const lang = pageLang();
  if (n === null) return word('device.notReported');
  if (!name.endsWith('Size')) return n.toLocaleString(lang);
  return n >= 2 ** 20
    ? word('device.limit.mib', { size: (n / 2 ** 20).toLocaleString(lang) })
    : word('device.limit.bytes', { count: n, size: n.toLocaleString(lang) });
}

/**
 * The shared output view, except that it words the benchmark's own news: progress names the backend being timed
 * (the worker's backend event says which), a backend that could not start is a warning, and the end names the
 * backends benchmarked, not the one the run started on.
 */
class BenchView extends OutputView {
  benched: string[] = [];
  private timing = '';
  override handle(event: WorkerEvent): void {
    switch (event.type) {
      case 'backend':
        this.timing = backendLabel(event.backend);
        return super.handle(event);
      case 'progress': {
        const label =
          event.done >= event.total
            ? word('device.bench.finished')
            : word('device.bench.progress', { backend: this.timing });
        return super.handle({ ...event, label });
      }
      case 'bench-skipped': {
        const warning = word('device.bench.skipped', { backend: backendLabel(event.backend), reason: event.reason });
        return super.handle({
          type: 'log',
          runId: event.runId,
          level: 'warn',
          parts: [{ kind: 'text', text: warning }],
        });
      }
      case 'done': {
        const time = formatDuration(event.ms);
        this.status(
          this.benched.length
            ? word('device.bench.done', { time, backends: this.benched.join(', ') })
            : word('device.bench.doneNone', { time }),
        );
        return;
      }
      default:
        return super.handle(event);
    }
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
  const markdown = () => formatBenchMarkdown(report, rows, new Date(), text, pageLang());
  const chosen = () =>
    boxes.filter((b) => b.checked && !b.disabled).flatMap((b) => BACKENDS.filter((name) => name === b.value));

  const showReport = (r: DeviceReport) => {
    report = r;
    for (const status of r.backends) {
      const row = $(`tr[data-backend=${status.backend}]`);
      const works = row.querySelector<HTMLElement>('[data-works]')!;
      works.dataset.works = status.works ? 'yes' : 'no'; // not reader text: the cell's colour (DeviceReport.astro)
      works.textContent = status.works && status.software ? word('device.yesInSoftware') : text(yesNo(status.works));
      row.querySelector('[data-detail]')!.textContent = text(status.detail);
      const box = boxes.find((b) => b.value === status.backend)!;
      box.disabled = !status.works;
      box.checked = status.works;
    }
    // Auto passes over software GPU emulation (WASM is faster on a CPU): the rule of host/backends.ts.
    const auto = r.backends.find((b) => b.works && !b.software) ?? r.backends.find((b) => b.works);
    reportStatus.textContent = auto
      ? word('device.status.auto', { backend: auto.detail })
      : word('device.status.noBackend');
    const gpu = r.gpuAdapter;
    $('[data-gpu]').hidden = !gpu;
    $('[data-gpu-none]').hidden = Boolean(gpu);
    if (gpu) {
      for (const field of ['vendor', 'architecture', 'description'] as const)
        $(`[data-gpu-field=${field}]`).textContent = gpu[field] || word('device.notReported');
      $('[data-gpu-field=isFallbackAdapter]').textContent = text(yesNo(gpu.isFallbackAdapter));
      for (const limit of GPU_LIMITS)
        $(`[data-gpu-limit=${limit}]`).textContent = formatLimit(limit, gpu.limits[limit]);
    }
    const { wasm } = r;
    $('[data-wasm=simd]').textContent = wasm.threads === null ? word('device.unknown') : text(yesNo(wasm.simd));
    $('[data-wasm=threads]').textContent = text(describeThreads(wasm));
    $('[data-wasm=isolated]').textContent = text(yesNo(wasm.crossOriginIsolated));
    $('[data-wasm=cores]').textContent =
      wasm.cores === null ? word('device.notReported') : wasm.cores.toLocaleString(pageLang());
    benchButton.disabled = chosen().length === 0;
  };

  const addRow = (row: BenchRow) => {
    rows.push(row);
    view.benched.push(text(row.detail));
    const tr = document.createElement('tr');
    tr.dataset.backend = row.backend;
    tr.append(cell('th', text(row.detail)), ...benchFigures(row, pageLang()).map((figure) => cell('td', figure)));
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
        status: word('device.bench.starting', { count: backends.length }),
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
    const copied = markdown();
    resultsText.textContent = copied;
    navigator.clipboard.writeText(copied).then(
      () => (copyStatus.textContent = word('device.copy.done')),
      () => {
        copyStatus.textContent = word('device.copy.refused', { below: word('device.results.asText') });
        root.querySelector('details')!.open = true;
      },
    );
  });

  const onReport = (event: WorkerEvent) => {
    if (event.type === 'device-report') showReport(event.report);
    if (event.type === 'error') reportStatus.textContent = word('device.status.failed', { message: event.message });
  };
  void getRunClient().start({ type: 'device-report' }, 'cpu', onReport);
}
