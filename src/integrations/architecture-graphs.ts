import * as tf from '@tensorflow/tfjs';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { DIAGRAM_MODELS } from '../components/diagram/views.ts';
import { buildZooModel } from '../runtime/models/index.ts';
import type { ArchGraph } from '../runtime/protocol/index.ts';
import { describeArchitecture } from '../runtime/summary/graph.ts';

const ID = 'virtual:cv-course/architecture-graphs';
const RESOLVED = `\0${ID}`;

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

/** Graphs of `names`, computed once: tfjs on its CPU backend, in Node. */
export function computeGraphs(names: readonly string[] = DIAGRAM_MODELS): Promise<Record<string, ArchGraph>> {
  graphs ??= (async () => {
    await tf.setBackend('cpu');
    const out: Record<string, ArchGraph> = {};
    for (const name of names) {
      const model = buildZooModel(name);
      out[name] = describeArchitecture(model, name);
      model.dispose();
    }
    return out;
  })();
  return graphs;
}

function graphsPlugin(): Plugin {
  return {
    name: 'cv-course:architecture-graphs',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      return `export default ${JSON.stringify(await computeGraphs())};`;
    },
  };
}
