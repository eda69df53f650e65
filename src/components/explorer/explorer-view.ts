/**
 * The explorer's HTML as strings, so that the build (ArchitectureExplorer.astro, the first model) and the island
 * (any model the reader picks) render the same markup: the diagram, one button per layer, and a layer's facts.
 * Both word it from the course's words: the build with Astro's, the island with the page's.
 */
import { formatMacs, formatShapeForReaders, type ArchGraph, type ArchLayer } from '~/runtime/protocol';
import { layerSpec, layoutDiagram, type Diagram, type Say } from '../diagram/layout';
import { escape, renderDiagramSvg } from '../diagram/svg';
import { explorerView } from '../diagram/views';

/** The explorer's words, in the page's language (`lang`, for numbers); the HTML escapes what they say. */
export interface ExplorerWords {
  readonly say: Say;
  readonly lang: string;
}

/** A count as the page's language writes it: "11,689,512" in English. */
const countIn = (lang: string, n: number) => Math.round(n).toLocaleString(lang);

/** What the diagram's caption says: the model, its input, its variant and its size. */
export function explorerCaption(graph: ArchGraph, { say, lang }: ExplorerWords): string {
  return say('explorer.caption', {
    model: graph.model,
    shape: formatShapeForReaders(graph.inputShape),
    variant: graph.variant || say('explorer.diagram.architecture'),
    params: countIn(lang, graph.trainableParams),
  });
}

export function explorerDiagram(graph: ArchGraph, { say }: ExplorerWords): Diagram {
  return layoutDiagram(graph, explorerView(graph.layers.map((l) => l.name)), say);
}

export function diagramHtml(graph: ArchGraph, diagram: Diagram, { say }: ExplorerWords, selectedBox?: string): string {
  return renderDiagramSvg(diagram, {
    idPrefix: 'arch-explorer',
    title: say('explorer.diagram.title', {
      model: graph.model,
      variant: graph.variant || say('explorer.diagram.architecture'),
    }),
    description: say('explorer.diagram.description', { count: diagram.boxes.length }),
    selected: selectedBox,
    say,
  });
}

/** One button per layer; a box that groups layers (a block, a stage) becomes a disclosure holding its buttons. */
export function layerListHtml(diagram: Diagram, { say }: ExplorerWords): string {
  const button = (layer: ArchLayer) =>
    `<button type="button" class="arch-explorer__layer" data-layer="${escape(layer.name)}" aria-pressed="false">${escape(layer.name)} <span>${escape(layerSpec(layer, say))}</span></button>`;
  const items = diagram.boxes.map((box) =>
    box.layers.length === 1
      ? `<li>${button(box.layers[0]!)}</li>`
      : `<li><details data-box="${escape(box.id)}"><summary>${escape(box.title)}</summary><ul>${box.layers.map((l) => `<li>${button(l)}</li>`).join('')}</ul></details></li>`,
  );
  return `<ol class="arch-explorer__list">${items.join('')}</ol>`;
}

/** What a layer takes, gives, costs and sees, and the call that builds it. */
export function layerDetailsHtml(layer: ArchLayer, { say, lang }: ExplorerWords): string {
  const [rh, rw] = layer.receptiveField;
  const input = formatShapeForReaders(layer.inputShape);
  const rows: Array<[string, string]> = [
    ['explorer.layer.type', `${layer.type} (${layerSpec(layer, say)})`],
    [
      'explorer.layer.input',
      layer.inbound.length ? say('explorer.layer.inputFrom', { shape: input, layers: layer.inbound.join(', ') }) : '—',
    ],
    ['explorer.layer.output', formatShapeForReaders(layer.outputShape)],
    ['explorer.layer.parameters', countIn(lang, layer.trainableParams)],
    ['explorer.layer.macs', formatMacs(layer.macs)],
    ['explorer.layer.field', say('explorer.layer.fieldPixels', { size: rh === rw ? `${rh}` : `${rh}×${rw}` })],
  ];
  return [
    `<h3>${escape(layer.name)}</h3>`,
    `<dl>${rows.map(([k, v]) => `<dt>${escape(say(k))}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`,
    `<p>${escape(say('explorer.layer.builtBy'))}</p>`,
    `<pre class="arch-explorer__config" tabindex="0"><code>${escape(layer.config)}</code></pre>`,
  ].join('');
}
