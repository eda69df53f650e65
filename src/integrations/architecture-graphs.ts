import * as tf from '@tensorflow/tfjs';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { DIAGRAM_MODELS, EXPLORER_FIRST } from '../components/diagram/views.ts';
import { buildZooModel } from '../runtime/models/index.ts';
import { explorerInputShape, type ArchGraph } from '../runtime/protocol/index.ts';
import { describeArchitecture } from '../runtime/summary/graph.ts';

const ID = 'virtual:cv-course/architecture-graphs';
/** Only the explorer's first model, for the island's client code (the full set stays at build time). */
const FIRST_ID = 'virtual:cv-course/explorer-first';

/**
 * Builds, at build time, every zoo model a lesson diagram draws, with the same tfjs code the tests check, and
 * hands their graphs to ArchDiagram.astro as `virtual:cv-course/architecture-graphs`. Only a page that shows a
 * diagram asks for it, and the models are built once per process.
 */
export function architectureGraphs(): AstroIntegration {
  return {
    name: 'cv-course:architecture-graphs',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [graphsPlugin()] } });
      },
    },
  };
}

let graphs: Promise<Record<string, ArchGraph>> | undefined;

/**
 * Graphs of `keys`, computed once: tfjs on its CPU backend, in Node. A key is a zoo name (its default input) or
 * `name@size` (the explorer's square input of that size).
 */
export function computeGraphs(
  keys: readonly string[] = [...DIAGRAM_MODELS, EXPLORER_FIRST],
): Promise<Record<string, ArchGraph>> {
  graphs ??= (async () => {
    await tf.setBackend('cpu');
    const out: Record<string, ArchGraph> = {};
    for (const key of keys) {
      const [name, size] = key.split('@') as [string, string | undefined];
      const model = buildZooModel(name, size ? { inputShape: explorerInputShape(name, Number(size)) } : {});
      out[key] = describeArchitecture(model, name);
      model.dispose();
    }
    return out;
  })();
  return graphs;
}

function graphsPlugin(): Plugin {
  return {
    name: 'cv-course:architecture-graphs',
    resolveId: (id) => (id === ID || id === FIRST_ID ? `\0${id}` : undefined),
    async load(id) {
      if (id === `\0${ID}`) return `export default ${JSON.stringify(await computeGraphs())};`;
      if (id === `\0${FIRST_ID}`) return `export default ${JSON.stringify((await computeGraphs())[EXPLORER_FIRST])};`;
      return undefined;
    },
  };
}
