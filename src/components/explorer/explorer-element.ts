/**
 * The explorer island's behaviour, loaded on first use (ArchitectureExplorer.astro). Picking a model asks the
 * worker for its graph; selecting a layer shows its facts at once and asks the worker for its feature maps, after
 * a warning when the model needs more memory than a phone may have.
 */
import {
  explorerBytes,
  explorerSizes,
  formatShapeForReaders,
  MEMORY_WARNING_BYTES,
  type ArchGraph,
  type ExplorerInput,
  type WorkerEvent,
} from '~/runtime/protocol';
import { rememberBackend } from '../client/storage';
import { pageLang, word } from '../client/words';
import type { Diagram } from '../diagram/layout';
import { readBackendMenu } from '../run/backend-menu';
import { OutputView } from '../run/output-view';
import { RunSession } from '../run/run-session';
import {
  diagramHtml,
  explorerCaption,
  explorerDiagram,
  layerDetailsHtml,
  layerListHtml,
  type ExplorerWords,
} from './explorer-view';
import { handedInput, onHandedInput } from './handoff';
import { receptiveFieldView } from './receptive-field-view';
import { explanationView } from './explanation-view';
import firstGraph from 'virtual:cv-course/explorer-first';

export function mountExplorer(root: HTMLElement, first?: Event): void {
  const words: ExplorerWords = { say: word, lang: pageLang() };
  const form = root.querySelector<HTMLFormElement>('[data-explorer-form]')!;
  const field = <T extends HTMLElement>(name: string) => form.elements.namedItem(name) as T;
  const [modelSelect, sizeSelect, inputSelect, backend] = ['model', 'size', 'input', 'backend'].map((n) =>
    field<HTMLSelectElement>(n),
  ) as [HTMLSelectElement, HTMLSelectElement, HTMLSelectElement, HTMLSelectElement];
  const digit = field<HTMLInputElement>('digit');
  const stop = root.querySelector<HTMLButtonElement>('[data-action=stop]')!;
  const badge = root.querySelector<HTMLElement>('[data-badge]')!;
  const picture = root.querySelector<HTMLElement>('[data-explorer-diagram] .arch-diagram__picture')!;
  const figure = root.querySelector<HTMLElement>('[data-explorer-diagram]')!;
  const caption = root.querySelector<HTMLElement>('[data-explorer-caption]')!;
  const list = root.querySelector<HTMLElement>('[data-explorer-layers]')!;
  const details = root.querySelector<HTMLElement>('[data-layer-details]')!;
  const maps = root.querySelector<HTMLElement>('[data-feature-maps]')!;
  const session = new RunSession({ host: root, badge, stop, resume: modelSelect });
  const view = new OutputView(maps, { onRetryWith: (b) => ((backend.value = b), void showMaps()) });
  rememberBackend(backend);

  // What is on screen: the graph (built into the page for the first model), its diagram and the selected layer.
  let graph: ArchGraph | null = null;
  let diagram: Diagram | null = null;
  let selected: string | null = null;

  const size = () => Number(sizeSelect.value) || null;
  const run = (job: Parameters<RunSession['start']>[0], status: string, onEvent?: (event: WorkerEvent) => void) =>
    session.start(job, readBackendMenu(backend), view, { status, onEvent });

  /** Asks the worker for the model's graph: the page has only the first model's, drawn at build time. */
  const describe = async () => {
    const model = modelSelect.value;
    selected = null;
    details.replaceChildren(paragraph(word('explorer.details.hint')));
    await run({ type: 'describe', model, inputSize: size() }, word('explorer.status.building', { model }), (event) => {
      if (event.type === 'architecture') show(event.graph);
      if (event.type === 'done') view.clear();
    });
  };

  const show = (next: ArchGraph) => {
    graph = next;
    diagram = explorerDiagram(next, words);
    picture.innerHTML = diagramHtml(next, diagram, words);
    figure.dataset.archDiagram = next.model;
    caption.textContent = explorerCaption(next, words);
    list.innerHTML = layerListHtml(diagram, words);
  };

  const boxOf = (layer: string) => diagram?.boxes.find((b) => b.layers.some((l) => l.name === layer));

  const select = (layer: string) => {
    if (!graph || !diagram) return;
    const info = graph.layers.find((l) => l.name === layer);
    if (!info) return;
    selected = layer;
    for (const b of list.querySelectorAll<HTMLButtonElement>('[data-layer]'))
      b.setAttribute('aria-pressed', String(b.dataset.layer === layer));
    const box = boxOf(layer);
    list
      .querySelector<HTMLDetailsElement>(`details[data-box="${CSS.escape(box?.id ?? '')}"]`)
      ?.setAttribute('open', '');
    picture.innerHTML = diagramHtml(graph, diagram, words, box?.id);
    details.innerHTML = layerDetailsHtml(info, words);
    const bytes = explorerBytes(graph, layer);
    if (bytes > MEMORY_WARNING_BYTES) {
      view.clear();
      const megabytes = Math.round(bytes / 2 ** 20).toLocaleString(pageLang());
      const warning = paragraph(word('explorer.memory.warning', { model: graph.model, layer, megabytes }));
      warning.className = 'course-out__note';
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'course-button course-button--quiet';
      go.textContent = word('explorer.memory.anyway');
      go.addEventListener('click', () => void showMaps());
      warning.append(' ', go);
      maps.append(warning);
      return;
    }
    void showMaps();
  };

  const input = (): ExplorerInput => {
    const handed = handedInput();
    if (inputSelect.value === 'tensor' && handed) return { kind: 'tensor', ...handed };
    return { kind: 'digit', index: digit.valueAsNumber || 0 };
  };

  const showMaps = async () => {
    if (!graph || !selected) return;
    if (!digit.reportValidity()) return;
    const job = { type: 'layer-maps' as const, model: graph.model, inputSize: size(), layer: selected, input: input() };
    await run(job, word('explorer.status.running', { model: graph.model, layer: selected }));
  };

  // One unit's receptive field: asked for from the form, or by a click on a feature map (receptive-field-view.ts).
  const unitField = receptiveFieldView(root, {
    run: async (unit) => {
      if (!graph || !selected) return void unitField.say(word('explorer.rf.pickLayer'));
      const job = {
        type: 'receptive-field' as const,
        model: graph.model,
        inputSize: size(),
        layer: selected,
        input: input(),
      };
      await run({ ...job, unit }, word('explorer.status.running', { model: graph.model, layer: selected }), (event) => {
        if (event.type === 'receptive-field') unitField.show(event);
      });
    },
    top: async (channel) => {
      if (!graph || !selected) return void unitField.say(word('explorer.rf.pickLayer'));
      const job = { type: 'top-images' as const, model: graph.model, inputSize: size(), layer: selected, channel };
      await run(job, word('explorer.status.running', { model: graph.model, layer: selected }), (event) => {
        if (event.type === 'top-images') unitField.showTop(event);
      });
    },
  });

  // What the network looks at in the input: saliency and Grad-CAM for a class (explanation-view.ts).
  const explanation = explanationView(root, async (cls) => {
    // A run here would stop the one still building the picked model's graph (run-session.ts): ask for patience.
    if (!graph || graph.model !== modelSelect.value)
      return void explanation.say(word('explorer.explain.wait', { model: modelSelect.value }));
    const job = { type: 'explain' as const, model: graph.model, inputSize: size(), input: input(), cls };
    await run(job, word('explorer.status.explaining', { model: graph.model }), (event) => {
      if (event.type === 'explanation') explanation.show(event);
    });
  });

  /** The sizes the picked model takes, its default first; a size it also takes stays selected. */
  const syncSizes = () => {
    const { sizes, shapes } = explorerSizes(modelSelect.value);
    const keep = sizes.includes(Number(sizeSelect.value)) ? sizeSelect.value : String(sizes[0]);
    sizeSelect.replaceChildren(...sizes.map((s, i) => new Option(shapes[i], String(s), false, String(s) === keep)));
  };
  modelSelect.addEventListener('change', () => {
    syncSizes();
    void describe();
  });
  sizeSelect.addEventListener('change', () => void describe());
  digit.addEventListener('change', () => void showMaps());
  inputSelect.addEventListener('change', () => void showMaps());
  list.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('[data-layer]');
    if (button) select(button.dataset.layer!);
  });
  /** A box clicked in the diagram selects its last layer: a block's output. */
  const selectBox = (id: string) => {
    const box = diagram?.boxes.find((b) => b.id === id);
    if (box) select(box.layers[box.layers.length - 1]!.name);
  };
  picture.addEventListener('click', (e) => {
    const node = (e.target as Element).closest<SVGGElement>('g[data-node]');
    if (node) selectBox(node.dataset.node!);
  });
  const offerHanded = () => {
    const handed = handedInput();
    if (!handed) return;
    const option = inputSelect.querySelector<HTMLOptionElement>('option[value=tensor]')!;
    option.disabled = false;
    option.textContent = word('explorer.input.handed', {
      label: handed.label,
      shape: formatShapeForReaders(handed.shape),
    });
  };
  onHandedInput(() => {
    offerHanded();
    inputSelect.value = 'tensor';
  });
  offerHanded();
  if (handedInput()) inputSelect.value = 'tensor'; // handed over before the explorer was first used

  // The first model is drawn in the page already; its graph comes with this module, so no worker is needed yet.
  if (modelSelect.value === firstGraph.model && size() === firstGraph.inputShape[0]) show(firstGraph);
  else {
    // The first use was picking another model (or the browser restored the form with one on Back).
    syncSizes();
    void describe();
  }
  // Replay the interaction that loaded this module: a click on a layer or a box selects it.
  const target = first?.target instanceof Element ? first.target : null;
  const button = target?.closest<HTMLElement>('[data-layer]');
  const node = target?.closest<SVGGElement>('g[data-node]');
  if (button) select(button.dataset.layer!);
  else if (node) selectBox(node.dataset.node!);
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
