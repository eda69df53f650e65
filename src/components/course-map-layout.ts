import { lessonReferences } from '~/content/lesson-refs';
import { TRACK_IDS } from '~/content/tracks';
import type { LessonPage } from './lessons';

/** Geometry of the course map, in SVG user units. One row per track (label above), lessons left to right in order.
 * Rows rather than columns keep the map narrow enough for the content column at full size. */
export const MAP = { columnWidth: 226, rowHeight: 118, nodeWidth: 188, nodeHeight: 56, margin: 24, label: 26 } as const;

export interface MapNode {
  page: LessonPage;
  x: number;
  y: number;
}
export interface MapEdge {
  from: MapNode;
  to: MapNode;
  kind: 'prerequisite' | 'related';
}

/** Lays lessons out in track columns and turns frontmatter references into edges (related pairs once). */
export function layoutCourseMap(lessons: LessonPage[]) {
  const nodes = new Map<string, MapNode>();
  TRACK_IDS.forEach((track, row) => {
    lessons
      .filter((l) => l.lesson.track === track)
      .forEach((page, column) => {
        nodes.set(page.lesson.id, {
          page,
          x: MAP.margin + 20 + column * MAP.columnWidth,
          y: trackLabelY(row) + 12,
        });
      });
  });
  // Prerequisite edges first: a related link between the same two lessons adds nothing to the picture.
  const edges: MapEdge[] = [];
  const drawn = new Set<string>();
  for (const kind of ['prerequisite', 'related'] as const) {
    for (const node of nodes.values()) {
      for (const ref of lessonReferences(node.page.lesson).filter((r) => r.kind === kind)) {
        const other = nodes.get(ref.id);
        const pair = [ref.id, node.page.lesson.id].sort().join('|');
        if (!other || drawn.has(pair)) continue;
        drawn.add(pair);
        edges.push(kind === 'prerequisite' ? { from: other, to: node, kind } : { from: node, to: other, kind });
      }
    }
  }
  const columns = Math.max(...TRACK_IDS.map((t) => lessons.filter((l) => l.lesson.track === t).length));
  return {
    nodes: [...nodes.values()],
    edges,
    width: MAP.margin * 2 + 20 + columns * MAP.columnWidth - (MAP.columnWidth - MAP.nodeWidth),
    height: trackLabelY(TRACK_IDS.length - 1) + 12 + MAP.nodeHeight + MAP.margin,
  };
}

/** Baseline of a track's label; its lessons sit just below it. */
export function trackLabelY(row: number): number {
  return MAP.margin + MAP.label - 8 + row * MAP.rowHeight;
}

/** A cubic curve between two boxes: side to side within a track (bowing above when lessons sit between them),
 * bottom to top between tracks. */
export function edgePath({ from, to }: MapEdge): string {
  const { nodeWidth: w, nodeHeight: h } = MAP;
  if (from.y === to.y) {
    const leftToRight = from.x < to.x;
    const [x1, x2, y] = [leftToRight ? from.x + w : from.x, leftToRight ? to.x : to.x + w, from.y + h / 2];
    if (Math.abs(to.x - from.x) <= MAP.columnWidth) return `M ${x1} ${y} L ${x2} ${y}`;
    const [xa, xb, top] = [from.x + w / 2, to.x + w / 2, from.y];
    return `M ${xa} ${top} C ${xa} ${top - 40}, ${xb} ${top - 40}, ${xb} ${top}`;
  }
  const down = from.y < to.y;
  const [x1, x2] = [from.x + w / 2, to.x + w / 2];
  const [y1, y2] = down ? [from.y + h, to.y] : [from.y, to.y + h];
  const bend = (y2 - y1) / 2;
  return `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`;
}
