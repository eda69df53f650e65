/**
 * The explorer's HTML as strings, so that the build (ArchitectureExplorer.astro, the first model) and the island
 * (any model the reader picks) render the same markup: the diagram, one button per layer, and a layer's facts.
 */
import { formatCount, formatMacs, formatShapeForReaders, type ArchGraph, type ArchLayer } from '~/runtime/protocol';
import { layerSpec, layoutDiagram, type Diagram, type Say } from '../diagram/layout';
import { escape, renderDiagramSvg } from '../diagram/svg';
import { explorerView } from '../diagram/views';

export function explorerDiagram(graph: ArchGraph, say: Say): Diagram {
  return layoutDiagram(graph, explorerView(graph.layers.map((l) => l.name)), say);
}

export function diagramHtml(graph: ArchGraph, diagram: Diagram, say: Say, selectedBox?: string): string {
  return renderDiagramSvg(diagram, {
    idPrefix: 'arch-explorer',
    title: `${graph.model}: ${graph.variant || 'architecture'}`,
    description: `${diagram.boxes.length} boxes from the input at the top to the output at the bottom. Every layer has a button in the list beside the diagram.`,
    selected: selectedBox,
    say,
  });
}

/** One button per layer; a box that groups layers (a block, a stage) becomes a disclosure holding its buttons. */
export function layerListHtml(diagram: Diagram, say: Say): string {
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
export function layerDetailsHtml(layer: ArchLayer, say: Say): string {
  const [rh, rw] = layer.receptiveField;
  const rows: Array<[string, string]> = [
    ['Type', `${layer.type} (${layerSpec(layer, say)})`],
    [
      'Input',
      layer.inbound.length ? `${formatShapeForReaders(layer.inputShape)} from ${layer.inbound.join(', ')}` : '—',
    ],
    ['Output', formatShapeForReaders(layer.outputShape)],
    ['Parameters', formatCount(layer.trainableParams)],
    ['Multiply-accumulates', formatMacs(layer.macs)],
    ['Receptive field', `${rh === rw ? rh : `${rh}×${rw}`} input pixels`],
  ];
  return [
    `<h3>${escape(layer.name)}</h3>`,
    `<dl>${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`,
    `<p>Built by</p><pre class="arch-explorer__config" tabindex="0"><code>${escape(layer.config)}</code></pre>`,
  ].join('');
}
