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
import { text } from '../client/words';
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
        const { shape, data, label } = event;
        this.root.dispatchEvent(
          new CustomEvent('course:explorer-input', { bubbles: true, detail: { shape, data, label } }),
        );
        const note = el('p', 'course-out__note', `Handed ${label} (${shape.join('×')}) to the architecture explorer. `);
        const link = el('a', '', 'Go to the explorer');
        link.href = '#architecture-explorer';
        note.append(link);
        return this.add(note);
      }
      case 'truncated':
        return this.add(el('p', 'course-out__note', `… ${event.dropped} more messages were not shown (output limit).`));
      case 'done': {
        const leak =
          event.tensorDelta > 0
            ? ` · ${event.tensorDelta} tensor${event.tensorDelta === 1 ? '' : 's'} not disposed (freed after the run)`
            : ' · no tensors leaked';
        return this.add(
          el('p', 'course-out__done', `Done in ${formatDuration(event.ms)} on ${backendLabel(event.backend)}${leak}`),
        );
      }
      case 'error': {
        const box = el('div', 'course-out__error');
        box.setAttribute('role', 'alert');
        box.append(el('strong', '', describeError(event)), ' ', text(event.message));
        if (event.suggestBackend) {
          const retry = el(
            'button',
            'course-button course-button--quiet',
            `Run on ${backendLabel(event.suggestBackend)} instead`,
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
    bar.setAttribute('aria-label', label || 'Progress');
    const eta = event.etaMs === null ? '' : ` · about ${formatDuration(event.etaMs)} left`;
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
    shown.textContent = `… ${this.dropped} earlier message${this.dropped === 1 ? ' was' : 's were'} removed to keep the page responsive.`;
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
      line.append(el('span', 'course-out__tensor', `Tensor [${part.shape.join(', ')}] ${part.dtype} ${part.preview}`));
  });
  return line;
}

// The same formatters as `npm run zoo`, so shapes, counts and MACs read the same everywhere.
const [count, shape, macs] = [formatCount, formatShape, formatMacs];

function renderSummary(s: ModelSummary): HTMLElement {
  const box = el('div', 'course-out__summary');
  const scroll = el('div', 'course-out__table-scroll');
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', `Summary of ${s.name}`);
  const table = el('table');
  table.append(
    el(
      'caption',
      '',
      `${s.name}${s.variant ? ` (${s.variant})` : ''}: ${count(s.trainableParams)} trainable parameters, ${macs(s.macs)} MACs, output ${shape(s.outputShape)}`,
    ),
  );
  const head = el('tr');
  for (const h of ['Layer', 'Type', 'Output shape', 'Trainable', 'Non-trainable', 'MACs']) {
    const th = el('th', '', h);
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
    el('th', '', 'Total'),
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
        `Receptive field of the last convolution (${s.receptiveField.layer}): ${formatReceptiveField(s.receptiveField)} pixels`,
      ),
    );
  if (s.uncountedLayers.length > 0) box.append(el('p', 'course-out__note', uncountedNote(s)));
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
      button.setAttribute('aria-label', `Test digit #${pick}, answered ${caption}: show its feature maps`);
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
  canvas.setAttribute('aria-label', title || `Image ${width}×${height}`);
  // Small tensors (28×28 digits) are scaled up with crisp pixels so they can be seen.
  const scale = Math.max(1, Math.floor(size / Math.max(width, height)));
  canvas.style.width = `${width * scale}px`;
  figure.append(canvas);
  if (title) figure.append(el('figcaption', '', title));
  return figure;
}
