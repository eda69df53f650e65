/**
 * The architecture diagrams in the built lessons against the models themselves: every number on a diagram is
 * recomputed here from a freshly built zoo model's summary (not from the graph the diagram was drawn from), and
 * the diagrams must be in the static HTML, readable without JavaScript.
 */
import * as tf from '@tensorflow/tfjs';
import type { HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { layoutDiagram, statsOf, type Say } from '~/components/diagram/layout';
import { DIAGRAMS, type DiagramSpec } from '~/components/diagram/views';
import { buildZooModel } from '~/runtime/models';
import { formatCount, words, type ModelSummary } from '~/runtime/protocol';
import { summarizeModel } from '~/runtime/summary';
import { describeArchitecture } from '~/runtime/summary/graph';
import { builtPages, parsePage, requireBuild } from '../helpers/site';
import { english } from '../helpers/words';

/** The diagrams' words as the English pages say them. */
const say: Say = (key, values) => english(words(key, values as Parameters<typeof words>[1]));

const summaries = new Map<string, ModelSummary>();
function summaryOf(name: string): ModelSummary {
  if (!summaries.has(name)) {
    const model = buildZooModel(name);
    summaries.set(name, summarizeModel(model));
    model.dispose();
  }
  return summaries.get(name)!;
}

/** Every diagram on every built page, by its view id. */
function builtDiagrams(): Map<string, HTMLElement[]> {
  const found = new Map<string, HTMLElement[]>();
  for (const { url } of builtPages())
    for (const figure of parsePage(url).querySelectorAll('figure[data-arch-diagram]'))
      found.set(figure.getAttribute('data-arch-view')!, [
        ...(found.get(figure.getAttribute('data-arch-view')!) ?? []),
        figure,
      ]);
  return found;
}

/** Which summary rows a box of `spec` holds, by the names its view groups (the grouping is the view's choice). */
function membersOf(spec: DiagramSpec, box: string, summary: ModelSummary) {
  const keyOf = (name: string) => {
    for (const group of spec.groups) {
      const [pattern, template] = group instanceof RegExp ? [group, '$1'] : group;
      const match = pattern.exec(name);
      if (match?.[1]) return template.replace('$1', match[1]);
    }
    return name;
  };
  return summary.layers.filter((row) => keyOf(row.name) === box);
}

describe('architecture diagrams', () => {
  let figures: Map<string, HTMLElement[]>;
  beforeAll(async () => {
    requireBuild();
    await tf.setBackend('cpu');
    figures = builtDiagrams();
  });

  it('shows every diagram of the table in a built lesson, as inline SVG with a title, a description and a caption', () => {
    for (const id of Object.keys(DIAGRAMS)) {
      const [figure] = figures.get(id) ?? [];
      expect(figure, `diagram ${id} is on no page`).toBeDefined();
      const svg = figure!.querySelector('svg[role="img"]')!;
      const labelled = svg.getAttribute('aria-labelledby')!.split(' ');
      expect(
        labelled.map((ref) => figure!.querySelector(`#${ref}`)?.textContent.length ?? 0).every((n) => n > 10),
      ).toBe(true);
      expect(figure!.querySelector('figcaption')!.textContent).toContain(
        say(DIAGRAMS[id as keyof typeof DIAGRAMS].caption),
      );
      expect(figure!.querySelectorAll('svg g[data-node]').length).toBe(figure!.querySelectorAll('tbody tr').length);
    }
  });

  it.each(Object.entries(DIAGRAMS))(
    'labels %s with the numbers of the model itself: the total and every box',
    (id, spec: DiagramSpec) => {
      const summary = summaryOf(spec.model);
      const [figure] = figures.get(id)!;
      expect(figure!.getAttribute('data-arch-diagram')).toBe(spec.model);
      expect(figure!.querySelector('[data-arch-total]')!.textContent).toBe(formatCount(summary.trainableParams));
      let params = 0;
      for (const row of figure!.querySelectorAll('tbody tr')) {
        const box = row.getAttribute('data-box')!;
        const members = membersOf(spec, box, summary);
        expect(members.length, `box ${box}`).toBeGreaterThan(0);
        const last = members[members.length - 1]!;
        const fed = spec.part && !spec.part.test(box); // the layer feeding a part, drawn as its input
        const p = fed ? 0 : members.reduce((n, r) => n + r.trainableParams, 0);
        const macs = fed ? 0 : members.reduce((n, r) => n + (r.macs ?? 0), 0);
        expect(row.querySelectorAll('td')[1]!.textContent, `box ${box}`).toBe(statsOf(last.outputShape, p, macs, say));
        params += p;
      }
      // A whole network's boxes add up to its total: nothing left out, nothing counted twice.
      if (!spec.part) expect(params).toBe(summary.trainableParams);
    },
    60_000,
  );
});

describe('diagram layout', () => {
  beforeAll(() => tf.setBackend('cpu'));
  const layout = (id: keyof typeof DIAGRAMS) => {
    const spec = DIAGRAMS[id];
    const model = buildZooModel(spec.model);
    const diagram = layoutDiagram(describeArchitecture(model, spec.model), spec, say);
    model.dispose();
    return diagram;
  };

  it("draws AlexNet's towers side by side, meeting at the concatenations", () => {
    const d = layout('alexnet-2012');
    const box = (name: string) => d.boxes.find((b) => b.id === name)!;
    expect(d.lanes).toBe(2);
    expect([box('conv1_a').lane, box('conv1_b').lane]).toEqual([0, 1]);
    expect(box('conv1_a').row).toBe(box('conv1_b').row);
    expect([box('conv5_b').lane, box('conv3_concat').lane]).toEqual([1, 0]);
  });

  it('puts a projection shortcut in its own lane and routes an identity shortcut around the boxes it skips', () => {
    const projection = layout('resnet-basic-block');
    expect(projection.boxes.find((b) => b.id === 'conv3_block1_0_conv')!.lane).toBe(1);
    expect(projection.edges).toContainEqual({ from: 'conv3_block1_0_bn', to: 'conv3_block1_add', route: 'elbow' });
    const identity = layout('resnet-unit-original');
    expect(identity.edges).toContainEqual({ from: 'conv2_block1_out', to: 'conv2_block2_add', route: 'skip' });
    const preact = layout('resnet-unit-preact');
    // Pre-activation: nothing after the addition, so the block's output is the addition itself.
    expect(preact.boxes.at(-1)!.layers.map((l) => l.type)).toEqual(['Add']);
  });

  it("names each ResNet-18 block's shortcut, and shows LeNet-5 1998's C3 connection table", () => {
    const blocks = layout('resnet18').boxes;
    expect(blocks.find((b) => b.id === 'conv3_block1')!.shortcut).toBe('conv 1×1/2, 128 projection');
    expect(blocks.find((b) => b.id === 'conv3_block2')!.shortcut).toBe('identity');
    const c3 = layout('lenet5-1998').boxes.find((b) => b.id === 'c3')!;
    expect(c3.connections!.flat()).toHaveLength(60);
    expect(c3.connections).toHaveLength(16);
  });
});
