/**
 * The architecture explorer's jobs: describe a zoo model (its graph, for the page to draw), and run one input
 * through it to show a layer's feature maps and, for a convolution, its filters. LeNet-5 uses the network the
 * training island left in this worker when there is one; the lab's small networks use the ones the lab trained on
 * this page, else the weights the site ships, at 28×28×1; every other model has random weights, and says so.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor, type ProgramCourse } from '../../course/course-module.ts';
import type { Program, ProgramContext } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { loadShippedNetwork } from '../../data/pretrained.ts';
import {
  explorerInputShape,
  formatShapeForReaders,
  LAB_INPUT_SHAPE,
  LAB_LABELS,
  type LabArchitecture,
  words,
  type ExplorerInput,
  type Text,
  type WorkerRequest,
} from '../../protocol/index.ts';
import { isShippedNetwork } from '../../protocol/shipped-networks.ts';
import { labNetwork, rebuildLabNetwork } from '../../networks/lab-networks.ts';
import { LAB_SETTINGS } from '../../protocol/lab.ts';
import { describeArchitecture } from '../../summary/graph.ts';
import {
  keptNetwork,
  LENET_INPUT,
  rebuildLeNet,
  standardise,
  type Standardisation,
} from '../../networks/kept-lenet.ts';

/** Maps and filters shown per layer: enough to see what a layer does, few enough to draw at once. */
const SHOWN = 16;

type Describe = Extract<WorkerRequest, { type: 'describe' }>;
type LayerMaps = Extract<WorkerRequest, { type: 'layer-maps' }>;

export function describeProgram(request: Describe): Program {
  return {
    async run(context) {
      const model = courseFor(context).zoo(request.model, {
        inputShape: explorerInputShape(request.model, request.inputSize),
      });
      const graph = describeArchitecture(model, request.model);
      context.run.emit({ type: 'architecture', runId: context.run.runId, graph });
    },
  };
}

export function layerMapsProgram(request: LayerMaps): Program {
  return { run: (context) => showLayer(context, request) };
}

export type Built = { model: tf.LayersModel; standardisation: Standardisation | null; weights: Text };

/**
 * The model with trained weights where there are some for its input, else as the zoo built it: for the lab's small
 * networks at 28×28×1, the one the lab trained on this page, else the one the site ships; for LeNet-5 at 28×28, the
 * training island's.
 */
export async function buildModel(
  course: ProgramCourse,
  context: ProgramContext,
  request: Pick<LayerMaps, 'model' | 'inputSize'>,
): Promise<Built> {
  const inputShape = explorerInputShape(request.model, request.inputSize);
  return (
    (await fromTheLab(course, request.model, inputShape)) ??
    (await shipped(course, context, request.model, inputShape)) ??
    fromTheTrainer(course, request.model, inputShape)
  );
}

const atLabSize = (inputShape: readonly number[]) => inputShape.join() === LAB_INPUT_SHAPE.join();

async function fromTheLab(course: ProgramCourse, name: string, inputShape: readonly number[]): Promise<Built | null> {
  if ((name === 'lenet5' && keptNetwork()) || !atLabSize(inputShape)) return null;
  const network = await labNetwork(name);
  if (!network) return null;
  const model = rebuildLabNetwork(course, network);
  const weights = words('explorer.weights.lab', {
    network: LAB_LABELS[name as LabArchitecture],
    dataset: words(LAB_SETTINGS.dataset.choices.find(([value]) => value === network.dataset)![1]),
    count: network.epochs,
    accuracy: Math.round(1000 * network.testAccuracy) / 10,
  });
  return { model, standardisation: { mean: network.mean, std: network.std }, weights };
}

async function shipped(
  course: ProgramCourse,
  context: ProgramContext,
  name: string,
  inputShape: [number, number, number],
): Promise<Built | null> {
  if (name === 'lenet5' || !isShippedNetwork(name)) return null; // the trainer's LeNet-5 comes first
  const network = LAB_LABELS[name];
  if (!atLabSize(inputShape)) {
    const weights = words('explorer.weights.shippedAt', { network, shape: formatShapeForReaders(LAB_INPUT_SHAPE) });
    return { model: course.zoo(name, { inputShape }), standardisation: null, weights };
  }
  const loaded = await loadShippedNetwork(context.loadAsset, name);
  context.run.models.push(loaded.model); // freed with the run
  return {
    model: loaded.model,
    standardisation: { mean: loaded.mean, std: loaded.std },
    weights: words('explorer.weights.shipped', { network, accuracy: loaded.testAccuracy, epochs: loaded.epochs }),
  };
}

function fromTheTrainer(course: ProgramCourse, name: string, inputShape: [number, number, number]): Built {
  const trained = keptNetwork();
  const fits = trained && name === 'lenet5' && inputShape.join() === LENET_INPUT.join();
  if (!fits) {
    const weights = words(name === 'lenet5' ? 'explorer.weights.untrainedLeNet' : 'explorer.weights.random');
    return { model: course.zoo(name, { inputShape }), standardisation: null, weights };
  }
  return {
    model: rebuildLeNet(course, trained, inputShape),
    standardisation: { mean: trained.mean, std: trained.std },
    weights: words('explorer.weights.trained', {
      epochs: trained.settings.epochs,
      activation: trained.settings.activation,
    }),
  };
}

/** The input as the model reads it: [1, h, w, c], resized, with channels repeated or averaged to match. */
export async function inputTensor(
  course: ProgramCourse,
  input: ExplorerInput,
  [height, width, channels]: readonly number[],
): Promise<{ x: tf.Tensor4D; caption: Text }> {
  let image: tf.Tensor3D;
  let caption: Text;
  if (input.kind === 'digit') {
    const test = await course.mnist({ split: 'test' });
    if (!Number.isInteger(input.index) || input.index < 0 || input.index >= test.labels.length)
      throw new ReaderError(words('explorer.error.digitRange', { last: test.labels.length - 1, index: input.index }));
    image = tf.tidy(() => test.xs.slice([input.index, 0, 0, 0], [1, 28, 28, 1]).squeeze([0]) as tf.Tensor3D);
    caption = words('explorer.input.digit', { index: input.index, label: test.labels[input.index]! });
    tf.dispose([test.xs, test.ys]);
  } else {
    const [h, w, c = 1] = input.shape;
    image = tf.tensor3d(input.data, [h!, w!, c]);
    caption = input.label; // the snippet's own label, or the pad's, worded on the page
  }
  const x = tf.tidy(() => {
    let resized: tf.Tensor3D = tf.image.resizeBilinear(image, [height!, width!]);
    if (resized.shape[2] !== channels) {
      const grey = resized.mean(2, true) as tf.Tensor3D;
      resized = channels === 1 ? grey : tf.tile(grey, [1, 1, channels!]);
    }
    return resized.expandDims(0) as tf.Tensor4D;
  });
  image.dispose();
  return { x, caption: words('explorer.input.caption', { input: caption, height, width, channels }) };
}

async function showLayer(context: ProgramContext, request: LayerMaps): Promise<void> {
  const { console } = context;
  const course = courseFor(context);
  const steps = 3;
  course.progress(0, steps, words('explorer.progress.building', { model: request.model }));
  const { model, standardisation, weights } = await buildModel(course, context, request);
  console.info(weights);
  const layer = model.getLayer(request.layer); // throws, naming the layer, if the model has none of that name
  course.progress(1, steps, words('explorer.progress.preparing'));
  const { x, caption } = await inputTensor(course, request.input, model.inputs[0]!.shape.slice(1) as number[]);
  const fed = standardisation ? standardise(x, standardisation) : x;
  await course.show(x, caption);
  course.checkStop();
  course.progress(2, steps, words('explorer.progress.running', { layer: layer.name }));
  const out = tf.tidy(() => {
    if (layer.getClassName() === 'InputLayer') return fed.clone();
    const probe = tf.model({ inputs: model.inputs, outputs: layer.output as tf.SymbolicTensor });
    return probe.predict(fed) as tf.Tensor;
  });
  if (out.rank === 4) {
    const [, height, width, count] = out.shape as [number, number, number, number];
    const maps = tf.tidy(() =>
      out.slice([0, 0, 0, 0], [1, height, width, Math.min(count, SHOWN)]).transpose([3, 1, 2, 0]),
    );
    await course.gallery(
      maps,
      Array.from({ length: maps.shape[0]! }, (_, i) => `#${i + 1}`),
      {
        title: words('explorer.maps.title', {
          layer: layer.name,
          count,
          height,
          width,
          shown: count > SHOWN ? words('explorer.maps.firstShown', { shown: SHOWN }) : '',
        }),
      },
    );
    maps.dispose();
  } else {
    const values = Array.from(await out.data());
    course.plot(
      words('explorer.values.title', { layer: layer.name, count: values.length }),
      { value: values },
      { xLabel: words('explorer.values.unit'), labels: { value: words('explorer.values.value') } },
    );
  }
  await showFilters(course, layer);
  tf.dispose([out, x, fed]);
  course.progress(steps, steps, words('explorer.progress.done'));
}

/** A convolution's first filters, one image each: the weights on its first input channel (or all three, in colour). */
async function showFilters(course: ProgramCourse, layer: tf.layers.Layer): Promise<void> {
  const type = layer.getClassName();
  if (type !== 'Conv2D' && type !== 'DepthwiseConv2D') return;
  const kernel = layer.getWeights()[0] as tf.Tensor4D; // [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier])
  const [kh, kw, cin, cout] = kernel.shape;
  const filters = tf.tidy(() => {
    if (type === 'DepthwiseConv2D')
      return kernel
        .slice([0, 0, 0, 0], [kh, kw, Math.min(cin, SHOWN), 1])
        .squeeze([3])
        .transpose([2, 0, 1]);
    const colour = cin === 3 ? 3 : 1;
    return kernel.slice([0, 0, 0, 0], [kh, kw, colour, Math.min(cout, SHOWN)]).transpose([3, 0, 1, 2]);
  });
  const shown = filters.shape[0]!;
  const all = shown === (type === 'DepthwiseConv2D' ? cin : cout);
  const which = type === 'DepthwiseConv2D' ? 'perChannel' : cin === 3 ? 'colour' : 'firstMap';
  await course.gallery(
    filters,
    Array.from({ length: shown }, (_, i) => `#${i + 1}`),
    {
      title: words(all ? `explorer.filters.${which}` : `explorer.filters.${which}First`, {
        layer: layer.name,
        shown,
        height: kh,
        width: kw,
      }),
    },
  );
  filters.dispose();
}
