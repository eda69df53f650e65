/**
 * Renders a run's events into the snippet's output area. DOM work is batched per animation frame and capped,
 * so a snippet that prints in a loop cannot freeze the page.
 */
import {
  assertNever,
  backendLabel,
  formatCount,
  formatMacs,
  formatReceptiveField,
  formatShape,
  isProgramEvent,
  OUTPUT_LIMIT,
  uncountedNote,
  type LogPart,
  type ModelSummary,
  type WorkerEvent,
} from '~/runtime/protocol';
import { pageLang, text, word } from '../client/words';
import { describeError, formatDuration } from './labels';

/**
 * Output blocks kept per run: every message a run may send (OUTPUT_LIMIT) and the page's own lines around them.
 * Beyond that the oldest go, and a note at the top counts them.
 */
const MAX_BLOCKS = OUTPUT_LIMIT + 20;

export interface OutputActions {
  /** Offer to re-run on another backend (missing kernel, out of memory). */
  onRetryWith(backend: string): void;
  /** Mark the reader's line in the code view. */
  onErrorLine?(line: number): void;
  /** Gallery items that carry a test digit's index become buttons that call this (the trainer's digit picker). */
  onPick?(index: number): void;
}

type ChartHandle = { append(x: number[], values: Array<Array<number | null>>): void };

export class OutputView {
  private queue: HTMLElement[] = [];
  private frame = 0;
  private dropped = 0;
  private charts = new Map<number, Promise<ChartHandle>>();
  private progressBar: HTMLElement | null = null;

  private readonly root: HTMLElement;
  private readonly actions: OutputActions;

  constructor(root: HTMLElement, actions: OutputActions) {
    this.root = root;
    this.actions = actions;
  }

  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0; // else the next add() would wait for the frame just cancelled, and never draw

    this.queue = [];
    this.dropped = 0;
    this.charts.clear();
    this.progressBar = null;
    this.root.replaceChildren();
  }

  status(text: string): void {
    this.add(el('p', 'course-out__status', text));
  }

  /** Adds a block an island drew itself (e.g. an exercise's verdict) to the output, in order with the run's own. */
  show(block: HTMLElement): void {
    this.add(block);
  }

  /** Draws what every run may send; a program's own events are for the island that asked (RunSession's onEvent). */
  handle(event: WorkerEvent): void {
    if (isProgramEvent(event)) return;
    switch (event.type) {
      case 'ready':
      case 'backend':
        return; // shown in the badge by the snippet element
      case 'log':
        return this.add(renderLog(event.level, event.parts));
      case 'summary':
        return this.add(renderSummary(event.summary));
      case 'chart': {
        const box = el('figure', 'course-out__chart');
        this.add(box);
        this.charts.set(
          event.chartId,
          import('./chart-view').then((m) => m.createChart(box, event)),
        );
        return;
      }
      case 'chart-append':
        void this.charts.get(event.chartId)?.then((c) => c.append(event.x, event.values));
        return;
      case 'image':
        return this.add(renderImage(text(event.title), event.width, event.height, event.pixels));
      case 'gallery':
        return this.add(renderGallery(event, this.actions.onPick));
      case 'progress':
        return this.updateProgress(event);
      case 'explorer-input': {
        // Handed on to the explorer (explorer-element.ts listens for it on the document).
        const { shape, data } = event;
        const label = text(event.label);
        this.root.dispatchEvent(
          new CustomEvent('course:explorer-input', { bubbles: true, detail: { shape, data, label } }),
        );
        const note = el('p', 'course-out__note', `${word('run.output.handed', { label, shape: shape.join('×') })} `);
        const link = el('a', '', word('run.output.toExplorer'));
        link.href = '#architecture-explorer';
        note.append(link);
        return this.add(note);
      }
      case 'truncated':
        return this.add(el('p', 'course-out__note', word('run.output.truncated', { dropped: event.dropped })));
      case 'done': {
        const leak =
          event.tensorDelta > 0 ? word('run.done.leaked', { count: event.tensorDelta }) : word('run.done.noLeak');
        const done = word('run.done.message', { time: formatDuration(event.ms), backend: backendLabel(event.backend) });
        return this.add(el('p', 'course-out__done', `${done} · ${leak}`));
      }
      case 'error': {
        const box = el('div', 'course-out__error');
        box.setAttribute('role', 'alert');
        box.append(el('strong', '', describeError(event)), ' ', text(event.message));
        if (event.suggestBackend) {
          const retry = el(
            'button',
            'course-button course-button--quiet',
            word('run.error.retry', { backend: backendLabel(event.suggestBackend) }),
          );
          retry.type = 'button';
          const backend = event.suggestBackend;
          retry.addEventListener('click', () => this.actions.onRetryWith(backend));
          box.append(' ', retry);
        }
        if (event.location) this.actions.onErrorLine?.(event.location.line);
        return this.add(box);
      }
      default:
        assertNever(event);
    }
  }

  /** One bar per run, updated in place (not appended), with a plain-text reading for screen readers. */
  private updateProgress(event: Extract<WorkerEvent, { type: 'progress' }>): void {
    if (!this.progressBar) {
      this.progressBar = el('div', 'course-out__progress');
      this.progressBar.append(el('progress'), el('span'));
      this.add(this.progressBar);
    }
    const bar = this.progressBar.querySelector('progress')!;
    bar.max = event.total;
    bar.value = event.done;
    const label = text(event.label);
    bar.setAttribute('aria-label', label || word('run.progress.label'));
    const eta = event.etaMs === null ? '' : ` · ${word('run.progress.eta', { time: formatDuration(event.etaMs) })}`;
    this.progressBar.querySelector('span')!.textContent =
      `${label ? `${label} · ` : ''}${Math.round((100 * event.done) / event.total)}%${eta}`;
  }

  private add(node: HTMLElement): void {
    this.queue.push(node);
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    this.root.append(...this.queue);
    this.queue = [];
    const note = this.root.querySelector(':scope > [data-removed-note]');
    while (this.root.childElementCount - (note ? 1 : 0) > MAX_BLOCKS) {
      (note?.nextElementSibling ?? this.root.firstElementChild)!.remove();
      this.dropped++;
    }
    if (!this.dropped) return;
    const shown = note ?? el('p', 'course-out__note');
    shown.setAttribute('data-removed-note', '');
    shown.textContent = word('run.output.removed', { count: this.dropped });
    if (!note) this.root.prepend(shown);
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderLog(level: string, parts: LogPart[]): HTMLElement {
  const line = el('pre', `course-out__log course-out__log--${level}`);
  parts.forEach((part, i) => {
    if (i > 0) line.append(' ');
    if (part.kind === 'text') line.append(part.text);
    else if (part.kind === 'words') line.append(text(part.words));
    else
      line.append(
        el('span', 'course-out__tensor', `Tensor [${part.shape.join(', ')}] ${part.dtype} ${text(part.preview)}`),
      );
  });
  return line;
}

// The same formatters as `npm run zoo`, so shapes, counts and MACs read the same everywhere (numbers in the page's
// language).
const count = (n: number) => formatCount(n, pageLang());
const macs = (n: number | null) => formatMacs(n, pageLang());
const shape = formatShape;

/** The summary table's columns, as the words tables name them. */
const SUMMARY_COLUMNS = ['layer', 'type', 'outputShape', 'trainable', 'nonTrainable', 'macs'] as const;

function renderSummary(s: ModelSummary): HTMLElement {
  const box = el('div', 'course-out__summary');
  const scroll = el('div', 'course-out__table-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', word('run.summary.label', { name: s.name }));
  const table = el('table');
  table.append(
    el(
      'caption',
      '',
      word('run.summary.caption', {
        name: s.variant ? `${s.name} (${text(s.variant)})` : s.name,
        params: count(s.trainableParams),
        macs: macs(s.macs),
        shape: shape(s.outputShape),
      }),
    ),
  );
  const head = el('tr');
  for (const column of SUMMARY_COLUMNS) {
    const th = el('th', '', word(`run.summary.column.${column}`));
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead'), el('tbody'), el('tfoot'));
  table.tHead!.append(head);
  for (const row of s.layers) {
    const tr = el('tr');
    tr.append(
      el('td', '', row.name),
      el('td', '', row.type),
      el('td', '', shape(row.outputShape)),
      el('td', 'num', count(row.trainableParams)),
      el('td', 'num', count(row.nonTrainableParams)),
      el('td', 'num', macs(row.macs)),
    );
    table.tBodies[0]!.append(tr);
  }
  const total = el('tr');
  total.append(
    el('th', '', word('run.summary.total')),
    el('td'),
    el('td', '', shape(s.outputShape)),
    el('td', 'num', count(s.trainableParams)),
    el('td', 'num', count(s.nonTrainableParams)),
    el('td', 'num', macs(s.macs)),
  );
  table.tFoot!.append(total);
  scroll.append(table);
  box.append(scroll);
  if (s.receptiveField)
    box.append(
      el(
        'p',
        'course-out__note',
        word('run.summary.receptiveField', {
          layer: s.receptiveField.layer,
          size: formatReceptiveField(s.receptiveField),
        }),
      ),
    );
  if (s.uncountedLayers.length > 0) box.append(el('p', 'course-out__note', text(uncountedNote(s))));
  return box;
}

function renderGallery(
  event: Extract<WorkerEvent, { type: 'gallery' }>,
  onPick?: (index: number) => void,
): HTMLElement {
  const figure = el('figure', 'course-out__gallery');
  const title = text(event.title);
  if (title) figure.append(el('figcaption', '', title));
  const grid = el('div', 'course-out__gallery-grid');
  for (const item of event.items) {
    const caption = text(item.caption);
    const cell = renderImage(caption, event.width, event.height, item.pixels, 56);
    if (item.flagged) cell.classList.add('is-flagged');
    const pick = item.pick;
    if (onPick && pick !== undefined) {
      const button = el('button', 'course-out__pick');
      button.type = 'button';
      button.setAttribute('aria-label', word('run.gallery.pick', { index: pick, caption }));
      button.append(cell);
      button.addEventListener('click', () => onPick(pick));
      grid.append(button);
    } else grid.append(cell);
  }
  figure.append(grid);
  return figure;
}

function renderImage(title: string, width: number, height: number, pixels: Uint8ClampedArray, size = 160): HTMLElement {
  const figure = el('figure', 'course-out__image');
  const canvas = el('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels), width, height), 0, 0);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title || word('run.image.label', { width, height }));
  // Small tensors (28×28 digits) are scaled up with crisp pixels so they can be seen.
  const scale = Math.max(1, Math.floor(size / Math.max(width, height)));
  canvas.style.width = `${width * scale}px`;
  figure.append(canvas);
  if (title) figure.append(el('figcaption', '', title));
  return figure;
}
