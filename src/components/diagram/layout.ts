/**
 * Lays out a model's graph (protocol ArchGraph) as rows and lanes: one box per layer, block or stage, branches
 * side by side (AlexNet's towers, a projection shortcut), and an identity shortcut as a skip around the boxes it
 * jumps. Pure: the build-time diagrams (ArchDiagram.astro) and the explorer island draw what this returns, each
 * wording its labels (`diagram.*`) with the `Say` it passes: the page's locale at build time, the page's words in
 * the browser.
 */
import type { Say } from '~/content/words';
import { formatMacs, formatShapeForReaders, quantity, type ArchGraph, type ArchLayer } from '~/runtime/protocol';

/** Words a key of the course's words tables (`Astro.locals.t` at build time, client/words.ts's `word` in the page). */
export type { Say };

/** How one diagram groups a model: the first pattern whose group 1 matches a layer's name keys its box. */
export interface DiagramView {
  /** No patterns: a box per layer. A [pattern, template] pair names the box `template` with $1 filled in. */
  readonly groups: readonly (RegExp | readonly [RegExp, string])[];
  /** Only the layers whose names match (one block drawn on its own); what feeds them shows as their input. */
  readonly part?: RegExp;
  /** Counted inside each box, e.g. the blocks of a ResNet stage: group 1 names one; `noun` words the count. */
  readonly count?: { readonly pattern: RegExp; readonly noun: 'diagram.count.blocks' };
}

export type BoxKind = 'input' | 'conv' | 'pool' | 'dense' | 'norm' | 'merge' | 'other';

export interface DiagramBox {
  /** The layer's name, or the group's key. */
  readonly id: string;
  readonly layers: readonly ArchLayer[];
  readonly row: number;
  readonly lane: number;
  readonly kind: BoxKind;
  /** e.g. "conv1_conv · conv 7×7/2, 64" or "conv3 · 2 blocks · 3×3 → 3×3 /2". */
  readonly title: string;
  /** e.g. "112×112×64 · 9,408 params · 118.0 M MACs". */
  readonly stats: string;
  /** The same, abbreviated for a narrow lane. */
  readonly compact: string;
  /** For a box that contains residual additions: what its shortcuts are. */
  readonly shortcut: string | null;
  readonly connections: ArchLayer['connections'];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** straight: down one lane; elbow: across lanes; skip: around the boxes between, in the right margin. */
  readonly route: 'straight' | 'elbow' | 'skip';
}

export interface Diagram {
  readonly boxes: readonly DiagramBox[];
  readonly edges: readonly DiagramEdge[];
  readonly lanes: number;
  readonly rows: number;
  readonly grouped: boolean;
}

/** The layer types with a reader's name (`diagram.layer.<type>`, e.g. "max pool"); any other shows its type. */
const NAMED_TYPES: ReadonlySet<string> = new Set([
  'InputLayer',
  'Conv2D',
  'PartialConv2D',
  'DepthwiseConv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'Subsampling',
  'Dense',
  'RbfOutput',
  'BatchNormalization',
  'LocalResponseNormalization',
  'ReLU',
  'ScaledTanh',
  'Activation',
  'Dropout',
  'ZeroPadding2D',
  'ZeroPadShortcut',
  'Flatten',
  'Add',
  'Concatenate',
  'Softmax',
]);

const KINDS: Array<[BoxKind, RegExp]> = [
  ['input', /^InputLayer$/],
  ['conv', /Conv/],
  ['pool', /Pool|Subsampling/],
  ['dense', /^(Dense|RbfOutput)$/],
  ['merge', /^(Add|Concatenate)$/],
  ['norm', /Normalization|ReLU|Tanh|Activation|Softmax|Dropout/],
];

const typeLabel = (type: string, say: Say) => (NAMED_TYPES.has(type) ? say(`diagram.layer.${type}`) : type);
const kindOf = (type: string): BoxKind => KINDS.find(([, re]) => re.test(type))?.[0] ?? 'other';
const channels = (shape: readonly (number | null)[]) => shape[shape.length - 1];

/** "conv 3×3/2, 128": what the layer does, with its window and stride where it has one. */
export function layerSpec(layer: ArchLayer, say: Say): string {
  let spec = typeLabel(layer.type, say);
  if (layer.kernel) {
    const [kh, kw] = layer.kernel;
    const [sh, sw] = layer.stride ?? [1, 1];
    spec += ` ${kh}×${kw}${sh === 1 && sw === 1 ? '' : sh === sw ? `/${sh}` : `/${sh}×${sw}`}`;
  }
  if (/Conv|Dense/.test(layer.type) && layer.type !== 'DepthwiseConv2D') spec += `, ${channels(layer.outputShape)}`;
  return spec;
}

const macsOf = (macs: number | null) => (macs === null ? formatMacs(null) : quantity(macs, 'macs'));

/** "112×112×64 · 9,408 params · 118.0 M MACs", leaving out a zero count. */
export function statsOf(shape: readonly (number | null)[], params: number, macs: number | null, say: Say): string {
  const parts = [formatShapeForReaders(shape)];
  // Quantities: the page formats them in its language ("9,408" in English, "9 408" in Russian).
  if (params > 0) parts.push(say('diagram.stats.params', { params: quantity(params) }));
  if (macs === null || macs > 0) parts.push(say('diagram.stats.macs', { macs: macsOf(macs) }));
  return parts.join(' · ');
}

/** The same for a narrow lane: "27×27×128 · 153.7 K p · 112.0 M". The caption's legend says what p and M are. */
export function compactStats(shape: readonly (number | null)[], params: number, macs: number | null, say: Say): string {
  const parts = [formatShapeForReaders(shape)];
  if (params > 0) parts.push(say('diagram.stats.paramsShort', { params: quantity(params, 'macs') }));
  if (macs === null || macs > 0) parts.push(say('diagram.stats.macsShort', { macs: macsOf(macs) }));
  return parts.join(' · ');
}

export function layoutDiagram(graph: ArchGraph, view: DiagramView, say: Say): Diagram {
  const byName = new Map(graph.layers.map((l) => [l.name, l]));
  const shown = graph.layers.filter((l) => !view.part || view.part.test(l.name));
  const shownNames = new Set(shown.map((l) => l.name));
  // A part drawn on its own starts from what feeds it, drawn as its input.
  const feeders = [...new Set(shown.flatMap((l) => l.inbound).filter((n) => !shownNames.has(n)))];
  const layers = [...feeders.map((n) => byName.get(n)!), ...shown];

  const keyOf = (layer: ArchLayer): string => {
    if (feeders.includes(layer.name)) return layer.name;
    for (const group of view.groups) {
      const [pattern, template] = group instanceof RegExp ? [group, '$1'] : group;
      const match = pattern.exec(layer.name);
      if (match?.[1]) return template.replace('$1', match[1]);
    }
    return layer.name;
  };
  const groups = new Map<string, ArchLayer[]>();
  for (const layer of layers) groups.set(keyOf(layer), [...(groups.get(keyOf(layer)) ?? []), layer]);
  const groupOf = new Map(layers.map((l) => [l.name, keyOf(l)]));
  const keys = [...groups.keys()];
  const inboundOf = new Map(
    keys.map((key) => [
      key,
      [
        ...new Set(
          groups
            .get(key)!
            .flatMap((l) => (feeders.includes(l.name) ? [] : l.inbound))
            .map((n) => groupOf.get(n))
            .filter((k): k is string => k !== undefined && k !== key),
        ),
      ],
    ]),
  );
  const consumers = new Map(keys.map((k) => [k, keys.filter((c) => inboundOf.get(c)!.includes(k))]));

  // Rows: longest path from the input. Lanes: a branch keeps its parent's lane if it is the parent's first
  // consumer that is not a merge; later branches take the next lanes; a merge returns to its leftmost input.
  const row = new Map<string, number>();
  const lane = new Map<string, number>();
  const taken = new Set<string>();
  const isMerge = (key: string) => inboundOf.get(key)!.length > 1;
  for (const key of keys) {
    const inputs = inboundOf.get(key)!;
    row.set(key, inputs.length ? Math.max(...inputs.map((k) => row.get(k)!)) + 1 : 0);
    let l = 0;
    if (inputs.length > 1) l = Math.min(...inputs.map((k) => lane.get(k)!));
    else if (inputs.length === 1) {
      const parent = inputs[0]!;
      const branches = consumers.get(parent)!.filter((c) => !isMerge(c));
      l = lane.get(parent)! + Math.max(0, branches.indexOf(key));
    }
    while (taken.has(`${row.get(key)},${l}`)) l++;
    taken.add(`${row.get(key)},${l}`);
    lane.set(key, l);
  }

  const grouped = view.groups.length > 0;
  const prefix = grouped ? '' : commonPrefix(shown.map((l) => l.name));
  const boxes = keys.map((key): DiagramBox => {
    const members = groups.get(key)!;
    const last = members[members.length - 1]!;
    const params = members.reduce((n, l) => n + l.trainableParams, 0);
    const macs = members.some((l) => l.macs === null) ? null : members.reduce((n, l) => n + (l.macs ?? 0), 0);
    const single = members.length === 1;
    const name = feeders.includes(key)
      ? say('diagram.box.from', { name: key })
      : single
        ? key.slice(prefix.length) || key
        : key;
    return {
      id: key,
      layers: members,
      row: row.get(key)!,
      lane: lane.get(key)!,
      kind: feeders.includes(key) ? 'input' : single ? kindOf(last.type) : 'conv',
      title:
        last.type === 'InputLayer'
          ? typeLabel(last.type, say)
          : `${name} · ${single ? layerSpec(last, say) : groupSpec(members, view, say)}`,
      stats: statsOf(last.outputShape, feeders.includes(key) ? 0 : params, feeders.includes(key) ? 0 : macs, say),
      compact: compactStats(
        last.outputShape,
        feeders.includes(key) ? 0 : params,
        feeders.includes(key) ? 0 : macs,
        say,
      ),
      shortcut: single ? null : shortcutOf(members, say),
      connections: single ? last.connections : null,
    };
  });

  const edges = keys.flatMap((to) =>
    inboundOf.get(to)!.map((from): DiagramEdge => {
      const [r1, r2, l1, l2] = [row.get(from)!, row.get(to)!, lane.get(from)!, lane.get(to)!];
      const blocked = boxes.some((b) => b.lane === l1 && b.row > r1 && b.row < r2);
      return { from, to, route: l1 !== l2 ? 'elbow' : blocked ? 'skip' : 'straight' };
    }),
  );
  return {
    boxes,
    edges,
    lanes: Math.max(...boxes.map((b) => b.lane)) + 1,
    rows: Math.max(...boxes.map((b) => b.row)) + 1,
    grouped,
  };
}

/** "2 blocks · 3×3 → 3×3 /2": what a group holds, its kernels along the main path and how much it strides. */
function groupSpec(members: readonly ArchLayer[], view: DiagramView, say: Say): string {
  const parts: string[] = [];
  if (view.count) {
    const names = new Set(members.flatMap((l) => view.count!.pattern.exec(l.name)?.[1] ?? []));
    if (names.size > 1) parts.push(say(view.count.noun, { count: names.size }));
  }
  const first = members[0]!;
  const firstBlock = view.count?.pattern.exec(first.name)?.[1];
  const inFirstBlock = members.filter((l) => !firstBlock || view.count!.pattern.exec(l.name)?.[1] === firstBlock);
  const convs = mainPath(inFirstBlock).filter((l) => l.kernel && /Conv/.test(l.type));
  const pools = members.filter((l) => l.kernel && !/Conv/.test(l.type));
  const dense = members.filter((l) => l.type === 'Dense');
  if (convs.length > 2) {
    // A long path reads better as its kernels: "1×1 → 3×3 → 1×1 convs, 256".
    const last = convs[convs.length - 1]!;
    const kernels = convs.map((l) => l.kernel!.join('×')).join(' → ');
    parts.push(say('diagram.group.convs', { kernels, channels: channels(last.outputShape) }));
  } else if (convs.length) parts.push(collapse(convs.map((l) => layerSpec(l, say))).join(' → '));
  if (pools.length) parts.push(collapse(pools.map((l) => layerSpec(l, say))).join(', '));
  if (dense.length) parts.push(collapse(dense.map((l) => layerSpec(l, say))).join(' → '));
  const stride = spatial(first.inputShape) / spatial(members[members.length - 1]!.outputShape);
  if (stride > 1 && Number.isInteger(stride) && !pools.length) parts.push(`/${stride}`);
  return parts.join(' · ');
}

const spatial = (shape: readonly (number | null)[]) => (shape.length === 3 ? (shape[0] ?? 1) : 1);

/** ["conv 3×3, 64", "conv 3×3, 64"] -> ["2 × conv 3×3, 64"]. */
function collapse(specs: readonly string[]): string[] {
  const out: Array<[string, number]> = [];
  for (const spec of specs) {
    const last = out[out.length - 1];
    if (last && last[0] === spec) last[1]++;
    else out.push([spec, 1]);
  }
  return out.map(([spec, n]) => (n > 1 ? `${n} × ${spec}` : spec));
}

/** A group's layers minus those only on a shortcut (the shorter input of each addition). */
function mainPath(members: readonly ArchLayer[]): ArchLayer[] {
  const side = new Set(members.filter((l) => l.type === 'Add').flatMap((add) => shortcutPath(add, members)));
  return members.filter((l) => !side.has(l.name));
}

/** The layers on an addition's shortcut: its shorter input chain within the group (none for an identity). */
function shortcutPath(add: ArchLayer, members: readonly ArchLayer[]): string[] {
  const byName = new Map(members.map((l) => [l.name, l]));
  const chains = add.inbound.map((start) => {
    const chain: string[] = [];
    for (let l = byName.get(start); l && l.inbound.length === 1 && l.type !== 'Add'; l = byName.get(l.inbound[0]!))
      chain.push(l.name);
    return chain;
  });
  const shortest = chains.reduce((a, b) => (b.length < a.length ? b : a));
  // Walking back from the addition, a chain ends where the block starts; an identity's chain is empty or ends
  // at the previous block's output, which is outside the group.
  return shortest;
}

/** "identity", "conv 1×1/2, 128 projection", or for a stage "1 projection, 2 identity". */
function shortcutOf(members: readonly ArchLayer[], say: Say): string | null {
  const adds = members.filter((l) => l.type === 'Add');
  if (adds.length === 0) return null;
  const byName = new Map(members.map((l) => [l.name, l]));
  // Each addition's shortcut: the layers that cost something on it (a projection), or none (an identity).
  const paths = adds.map((add) =>
    shortcutPath(add, members)
      .map((n) => byName.get(n)!)
      .filter((l) => l.kernel || l.type === 'ZeroPadShortcut'),
  );
  if (paths.length === 1) {
    const [path] = paths as [ArchLayer[]];
    return path.length
      ? say('diagram.shortcut.projection', { spec: path.map((l) => layerSpec(l, say)).join(' → ') })
      : say('diagram.shortcut.identity');
  }
  const counts = new Map<'projections' | 'identities', number>();
  for (const path of paths) {
    const kind = path.length ? 'projections' : 'identities';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => say(`diagram.shortcut.${kind}`, { n })).join(', ');
}

function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) return '';
  let prefix = names[0]!;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Cut at an underscore so that names keep whole words.
  return prefix.slice(0, prefix.lastIndexOf('_') + 1);
}
