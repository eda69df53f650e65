/**
 * Networks the reader trained, kept in this browser (IndexedDB through tf.io): each training is saved when it
 * ends, with its date, test accuracy and settings in the model's metadata; the island lists them, loads one back
 * as the trained network, downloads it as tfjs files (model.json and weights) and loads such files again.
 */
import * as tf from '@tensorflow/tfjs';
import { courseFor, type CourseModule } from '../../course/course-module.ts';
import type { Program } from '../../host/program.ts';
import { ReaderError } from '../../host/reader-error.ts';
import { words, type SavedNetwork, type WorkerRequest } from '../../protocol/index.ts';
import { buildLeNet, keepNetwork, keptNetwork, rebuildLeNet, type TrainingRun } from '../../networks/kept-lenet.ts';
import { predictTestDigits } from './mnist-trainer.ts';

const PREFIX = 'indexeddb://cv-course-lenet5-';

interface Metadata {
  saved: { date: string; testAccuracy: number; settings: TrainingRun; mean: number; std: number };
}

function buildTrained(course: CourseModule): tf.LayersModel {
  const trained = keptNetwork();
  if (!trained) throw new ReaderError(words('trainer.error.nothingToSave'));
  return rebuildLeNet(course, trained);
}

/** Saves the network the last training left; called by the trainer when a training ends. */
export async function saveTrained(course: CourseModule): Promise<string> {
  const date = new Date().toISOString();
  const key = `${PREFIX}${date}`;
  await withRecord(course, date).save(key);
  return key;
}

/** The trained network as a model whose metadata records how it was trained and how it scores. */
function withRecord(course: CourseModule, date: string): tf.LayersModel {
  const trained = keptNetwork()!;
  const model = buildTrained(course);
  const { testAccuracy, settings, mean, std } = trained;
  const saved: Metadata['saved'] = { date, testAccuracy, settings, mean, std };
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), saved });
  return model;
}

async function list(): Promise<SavedNetwork[]> {
  const models = await tf.io.listModels();
  const keys = Object.keys(models)
    .filter((k) => k.startsWith(PREFIX))
    .sort()
    .reverse();
  const out: SavedNetwork[] = [];
  for (const key of keys) {
    const artifacts = await tf.io.getLoadHandlers(key)[0]!.load!();
    const saved = (artifacts.userDefinedMetadata as Partial<Metadata> | undefined)?.saved;
    if (saved)
      out.push({
        key,
        date: saved.date,
        testAccuracy: saved.testAccuracy,
        epochs: saved.settings.epochs,
        activation: saved.settings.activation,
      });
  }
  return out;
}

/** Makes a loaded model the trained network, after checking it is the trainer's LeNet-5. */
async function adopt(course: CourseModule, model: tf.LayersModel): Promise<SavedNetwork> {
  const saved = (model.getUserDefinedMetadata() as Partial<Metadata> | undefined)?.saved;
  if (!saved) throw new ReaderError(words('trainer.error.noRecord'));
  const reference = buildLeNet(course, saved.settings.activation);
  const shapes = (m: tf.LayersModel) =>
    m
      .getWeights()
      .map((w) => w.shape.join('×'))
      .join(', ');
  if (shapes(model) !== shapes(reference))
    throw new ReaderError(words('trainer.error.notLeNet', { found: shapes(model), expected: shapes(reference) }));
  const weights = model.getWeights().map((w) => tf.keep(w.clone()));
  const { predictions, testAccuracy } = await predictTestDigits(course, model, saved);
  keepNetwork({ settings: saved.settings, weights, predictions, testAccuracy, mean: saved.mean, std: saved.std });
  model.dispose();
  return {
    key: '',
    date: saved.date,
    testAccuracy,
    epochs: saved.settings.epochs,
    activation: saved.settings.activation,
  };
}

export function networksProgram(request: Extract<WorkerRequest, { type: 'networks' }>): Program {
  return {
    async run(context) {
      const course = courseFor(context);
      const { runId } = context.run;
      const report = async (current: SavedNetwork | null) =>
        context.run.emit({ type: 'networks', runId, saved: await list(), current });
      switch (request.action) {
        case 'list':
          return void (await report(null));
        case 'load':
          return void (await report(await adopt(course, await tf.loadLayersModel(request.key))));
        case 'delete':
          await tf.io.removeModel(request.key);
          return void (await report(null));
        case 'export': {
          const model = withRecord(course, new Date().toISOString());
          await model.save(
            tf.io.withSaveHandler(async (artifacts) => {
              const json = JSON.stringify({
                format: 'layers-model',
                generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
                modelTopology: artifacts.modelTopology,
                userDefinedMetadata: artifacts.userDefinedMetadata,
                weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
              });
              const weights = (artifacts.weightData as ArrayBuffer).slice(0);
              context.run.emit({ type: 'network-files', runId, model: json, weights }, [weights]);
              return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
            }),
          );
          return;
        }
        case 'import': {
          let json: tf.io.ModelJSON;
          try {
            json = JSON.parse(request.model) as tf.io.ModelJSON;
          } catch {
            throw new ReaderError(words('trainer.error.notJson'));
          }
          if (!json.modelTopology || !Array.isArray(json.weightsManifest))
            throw new ReaderError(words('trainer.error.notLayersModel'));
          const model = await tf.loadLayersModel(
            tf.io.fromMemory({
              modelTopology: json.modelTopology,
              weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
              weightData: request.weights,
              userDefinedMetadata: json.userDefinedMetadata,
            }),
          );
          const current = await adopt(course, model);
          await saveTrained(course);
          return void (await report(current));
        }
      }
    },
  };
}

/** The weights file's name in a downloaded network's model.json. */
export const WEIGHTS_FILE = 'lenet5.weights.bin';
