/**
 * Draws a laid-out diagram as an inline SVG string, for the build (ArchDiagram.astro, no JavaScript) and the
 * explorer alike. Colours come from CSS classes (styles/course.css) on Starlight's theme variables, so one SVG
 * follows the light and dark themes; its 360-unit width keeps the text readable on a 390-px phone.
 */
import type { Diagram, DiagramBox, Say } from './layout';

const WIDTH = 360;
const MARGIN = 6;
/** Room on the right for shortcut arcs. */
const ARC_SPACE = 26;
const LANE_GAP = 8;
const LINE = 13;
const GAP = 14;
const CELL = 7;
/** Average glyph width of the 10.5-px sans-serif text, for shortening a label that would not fit. */
const GLYPH = 5.6;

export interface SvgOptions {
  /** Ids for the title and description elements (unique on the page). */
  readonly idPrefix: string;
  readonly title: string;
  readonly description: string;
  /** Marks one box as selected (the explorer). */
  readonly selected?: string;
  /** Words the picture's own labels (its shortcuts, a connection table). */
  readonly say: Say;
}

interface Placed {
  box: DiagramBox;
  x: number;
  y: number;
  w: number;
  h: number;
}

export function renderDiagramSvg(diagram: Diagram, options: SvgOptions): string {
  const laneWidth = (WIDTH - 2 * MARGIN - ARC_SPACE - (diagram.lanes - 1) * LANE_GAP) / diagram.lanes;
  const lines = (box: DiagramBox) => 2 + (box.shortcut ? 1 : 0);
  const extra = (box: DiagramBox) => (box.connections ? matrixHeight(box) : 0);
  // Rows can differ in height (a connection table, a shortcut line): each row is as tall as its tallest box.
  const rowHeight = Array.from({ length: diagram.rows }, (_, r) =>
    Math.max(...diagram.boxes.filter((b) => b.row === r).map((b) => lines(b) * LINE + 8 + extra(b))),
  );
  const rowTop = rowHeight.map((_, r) => rowHeight.slice(0, r).reduce((a, h) => a + h + GAP, MARGIN));
  const placed = new Map<string, Placed>(
    diagram.boxes.map((box) => [
      box.id,
      {
        box,
        x: MARGIN + box.lane * (laneWidth + LANE_GAP),
        y: rowTop[box.row]!,
        w: laneWidth,
        h: rowHeight[box.row]!,
      },
    ]),
  );
  const height = rowTop[diagram.rows - 1]! + rowHeight[diagram.rows - 1]! + MARGIN;
  const chars = Math.floor((laneWidth - 10) / GLYPH);

  const arcs: string[] = [];
  let skips = 0;
  const edges = diagram.edges.map((edge) => {
    const a = placed.get(edge.from)!;
    const b = placed.get(edge.to)!;
    if (edge.route === 'straight') {
      const x = a.x + a.w / 2;
      return `<path class="arch-edge" d="M${x} ${a.y + a.h}V${b.y - 2}" marker-end="url(#${options.idPrefix}-arrow)"/>`;
    }
    if (edge.route === 'elbow') {
      const [x1, x2] = [a.x + a.w / 2, b.x + b.w / 2];
      const turn = b.y - GAP / 2;
      return `<path class="arch-edge" d="M${x1} ${a.y + a.h}V${turn}H${x2}V${b.y - 2}" marker-end="url(#${options.idPrefix}-arrow)"/>`;
    }
    const x = WIDTH - MARGIN - 4 - (skips++ % 3) * 6;
    const [y1, y2] = [a.y + a.h / 2, b.y + b.h / 2];
    return `<path class="arch-edge arch-edge--skip" d="M${a.x + a.w} ${y1}H${x}V${y2}H${b.x + b.w + 2}" marker-end="url(#${options.idPrefix}-arrow)"/>`;
  });
  // A box that holds residual blocks draws its shortcut as an arc beside it.
  for (const p of placed.values()) {
    if (!p.box.shortcut) continue;
    const x = p.x + p.w;
    arcs.push(
      `<path class="arch-edge arch-edge--skip" d="M${x} ${p.y + 6}H${x + 12}V${p.y + p.h - 6}H${x + 2}" marker-end="url(#${options.idPrefix}-arrow)"/>`,
    );
  }

  const shortcutLine = (box: DiagramBox) => options.say('diagram.box.shortcut', { shortcut: box.shortcut });
  const boxes = [...placed.values()].map((p) => {
    const { box } = p;
    const selected = options.selected === box.id ? ' arch-box--selected' : '';
    const text = [
      `<text class="arch-title" x="${p.x + 5}" y="${p.y + LINE}">${escape(shorten(box.title, chars))}</text>`,
      `<text class="arch-stats" x="${p.x + 5}" y="${p.y + 2 * LINE}">${escape(shorten(diagram.lanes > 1 ? box.compact : box.stats, chars))}</text>`,
    ];
    if (box.shortcut)
      text.push(
        `<text class="arch-stats" x="${p.x + 5}" y="${p.y + 3 * LINE}">${escape(shorten(shortcutLine(box), chars))}</text>`,
      );
    const matrix = box.connections ? connectionMatrix(box, p.x + 5, p.y + lines(box) * LINE + 6, options.say) : '';
    const tip = [box.title, box.stats, ...(box.shortcut ? [shortcutLine(box)] : [])].join('\n');
    return `<g class="arch-node" data-node="${escape(box.id)}"><title>${escape(tip)}</title><rect class="arch-box arch-box--${box.kind}${selected}" x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" rx="4"/>${text.join('')}${matrix}</g>`;
  });

  const id = options.idPrefix;
  return [
    `<svg class="arch-svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escape(options.title)}</title>`,
    `<desc id="${id}-desc">${escape(options.description)}</desc>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path class="arch-arrow" d="M0 0L8 4L0 8z"/></marker></defs>`,
    ...edges,
    ...arcs,
    ...boxes,
    '</svg>',
  ].join('');
}

function matrixHeight(box: DiagramBox): number {
  const inputs = Math.max(...box.connections!.flat()) + 1;
  return inputs * CELL + 14;
}

/** A partial connection table (LeNet-5's C3): a column per output map, a row per input map, filled where connected. */
function connectionMatrix(box: DiagramBox, x: number, y: number, say: Say): string {
  const table = box.connections!;
  const inputs = Math.max(...table.flat()) + 1;
  const cells = table.flatMap((row, j) =>
    Array.from(
      { length: inputs },
      (_, i) =>
        `<rect class="arch-cell${row.includes(i) ? ' arch-cell--on' : ''}" x="${x + j * CELL}" y="${y + i * CELL}" width="${CELL - 1}" height="${CELL - 1}"/>`,
    ),
  );
  const used = table.reduce((n, row) => n + row.length, 0);
  const label = say('diagram.connections', { used, all: table.length * inputs });
  return `${cells.join('')}<text class="arch-stats" x="${x}" y="${y + inputs * CELL + 10}">${escape(label)}</text>`;
}

function shorten(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

export function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Height over width of a picture from renderDiagramSvg, read from its viewBox. */
export function svgAspectRatio(svg: string): number {
  const [, width, height] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!.map(Number);
  return height! / width!;
}
