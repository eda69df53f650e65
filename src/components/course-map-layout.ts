import { lessonReferences } from '~/content/lesson-refs';
import { TRACK_IDS } from '~/content/tracks';
import type { LessonPage } from './lessons';

/** Geometry of the course map, in SVG user units. One column per track, one row per lesson in the track. */
export const MAP = { columnWidth: 210, rowHeight: 92, nodeWidth: 178, nodeHeight: 56, margin: 24, header: 40 } as const;

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
  TRACK_IDS.forEach((track, column) => {
    lessons
      .filter((l) => l.lesson.track === track)
      .forEach((page, row) => {
        nodes.set(page.lesson.id, {
          page,
          x: MAP.margin + column * MAP.columnWidth,
          y: MAP.margin + MAP.header + row * MAP.rowHeight,
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
  const rows = Math.max(...TRACK_IDS.map((t) => lessons.filter((l) => l.lesson.track === t).length));
  return {
    nodes: [...nodes.values()],
    edges,
    width: MAP.margin * 2 + TRACK_IDS.length * MAP.columnWidth - (MAP.columnWidth - MAP.nodeWidth),
    height: MAP.margin * 2 + MAP.header + rows * MAP.rowHeight - (MAP.rowHeight - MAP.nodeHeight),
  };
}

/** A cubic curve from the side of one box to the side of another; same-column edges bow out to the left. */
export function edgePath({ from, to }: MapEdge): string {
  const { nodeWidth: w, nodeHeight: h } = MAP;
  if (from.x === to.x) {
    const [x, y1, y2] = [from.x, from.y + h / 2, to.y + h / 2];
    const bow = 18 + Math.abs(y2 - y1) / 6;
    return `M ${x} ${y1} C ${x - bow} ${y1}, ${x - bow} ${y2}, ${x} ${y2}`;
  }
  const leftToRight = from.x < to.x;
  const x1 = leftToRight ? from.x + w : from.x;
  const x2 = leftToRight ? to.x : to.x + w;
  const [y1, y2] = [from.y + h / 2, to.y + h / 2];
  const mid = (x1 + x2) / 2;
  return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
}
