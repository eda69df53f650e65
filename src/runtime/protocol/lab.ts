/**
 * The architecture lab's part of the contract: train two to four small networks of the zoo side by side on the same
 * examples, and the results table it fills. The settings are one table (like the trainer's): it drives the form
 * (components/ArchitectureLab.astro), the type, and the check the worker applies to whatever the page sends.
 */
import * as z from 'zod/mini';
import { words, type Text, type Words } from './words.ts';
import { LAB_ARCHITECTURES, type LabArchitecture } from './zoo-names.ts';

export { LAB_LABELS } from './zoo-names.ts';
/** How many networks one comparison trains: two to compare at least, four so a run stays minutes long. */
export const LAB_PICK = { min: 2, max: 4 } as const;

// setting: the form's label (a key of the course's words), the choices (value, and the words where the value is not
// what a reader reads), the default
export const LAB_SETTINGS = {
  dataset: {
    label: 'lab.setting.dataset',
    choices: [
      ['fashion-mnist', 'lab.choice.fashion'],
      ['mnist', 'lab.choice.mnist'],
    ],
    default: 'fashion-mnist',
  },
  epochs: { label: 'lab.setting.epochs', choices: [[1], [2], [3], [4], [5]], default: 2 },
  /** Training examples per epoch, the first of the split in one fixed order; the test split is always all of it. */
  examples: { label: 'lab.setting.examples', choices: [[1000], [2000], [4000], [8000]], default: 2000 },
  /** Adam, or SGD with momentum 0.9 as He et al. trained (sec. 3.4). */
  optimizer: {
    label: 'lab.setting.optimizer',
    choices: [
      ['adam', 'lab.choice.adam'],
      ['sgd', 'lab.choice.sgd'],
    ],
    default: 'adam',
  },
  learningRate: {
    label: 'lab.setting.learningRate',
    choices: [[0.0003], [0.001], [0.003], [0.01], [0.03], [0.1]],
    default: 0.001,
  },
} as const;

export type LabSettingName = keyof typeof LAB_SETTINGS;
// Literals and functions only at the top level: every page with a snippet loads the protocol with its run session,
// and the bundler drops what it does not use only where building it has no effects (a call might).
const NAMES = ['dataset', 'epochs', 'examples', 'optimizer', 'learningRate'] as const satisfies LabSettingName[];

type ValueOf<K extends LabSettingName> = (typeof LAB_SETTINGS)[K]['choices'][number][0];
const literalOf = <K extends LabSettingName>(name: K) =>
  z.literal(LAB_SETTINGS[name].choices.map(([value]) => value) as unknown as [ValueOf<K>, ...ValueOf<K>[]]);
const labSettingsSchema = () =>
  z.object({
    architectures: z
      .array(z.literal(LAB_ARCHITECTURES as unknown as [LabArchitecture, ...LabArchitecture[]]))
      .check(z.minLength(LAB_PICK.min), z.maxLength(LAB_PICK.max)),
    dataset: literalOf('dataset'),
    epochs: literalOf('epochs'),
    examples: literalOf('examples'),
    optimizer: literalOf('optimizer'),
    learningRate: literalOf('learningRate'),
  });
export type LabSettings = z.infer<ReturnType<typeof labSettingsSchema>>;

export const LAB_DEFAULTS: LabSettings = {
  architectures: ['lenet5', 'vgg8-mnist', 'resnet20-cifar'],
  dataset: LAB_SETTINGS.dataset.default,
  epochs: LAB_SETTINGS.epochs.default,
  examples: LAB_SETTINGS.examples.default,
  optimizer: LAB_SETTINGS.optimizer.default,
  learningRate: LAB_SETTINGS.learningRate.default,
};

/**
 * He et al.'s plain-20/56 against ResNet-20/56 (2015, sec. 4.2, fig. 6) in miniature: 2,000 Fashion-MNIST images for
 * one epoch, with the lab's Adam. Seeded in Node on WASM, the mean training errors over the epoch were 51.9%
 * (plain-20), 84.1% (plain-56), 41.8% (ResNet-20) and 41.0% (ResNet-56): figure 6's order. The control with He et
 * al.'s optimiser (SGD, momentum 0.9, step 0.03) degraded plain-56 the same way (60.5% against 89.5%), but in 63
 * steps ResNet-56 (63.9%) had not caught up with ResNet-20 (52.1%). Adam's step a third and three times as large
 * (0.0003, 0.003) gave plain-20 66.4% and 53.6%, plain-56 84.8% and 87.2%, ResNet-20 52.9% and 41.4%, ResNet-56 45.1%
 * and 45.8%. Four times the steps (8,000 images): 35.4%, 70.6%, 27.2% and 25.9% (test accuracy 67.7%, 37.7%, 72.1%
 * and 78.0%). tests/claims/lab-degradation.test.ts runs the preset and fails if the effect or the figures cv-04 quotes
 * change.
 */
export const LAB_PRESETS = {
  degradation: {
    architectures: ['plain20-cifar', 'plain56-cifar', 'resnet20-cifar', 'resnet56-cifar'],
    dataset: 'fashion-mnist',
    epochs: 1,
    examples: 2000,
    optimizer: 'adam',
    learningRate: 0.001,
  },
} as const satisfies Record<string, LabSettings>;

/** A setting the worker refuses: `field` names it so the form can show the words next to it. */
export class LabSettingsError extends Error {
  readonly field: LabSettingName | 'architectures';
  readonly words: Words;

  constructor(field: LabSettingName | 'architectures', said: Words) {
    super(said.key);
    this.name = 'LabSettingsError';
    this.field = field;
    this.words = said;
  }
}

/** The settings if each is one of its choices and two to four known networks are picked; else a LabSettingsError. */
export function checkLabSettings(value: unknown): LabSettings {
  const result = z.safeParse(labSettingsSchema(), value ?? {});
  if (result.success) {
    const picked = result.data.architectures;
    if (new Set(picked).size === picked.length) return result.data;
  }
  const field = (result.success ? 'architectures' : (result.error.issues[0]?.path[0] ?? 'architectures')) as
    LabSettingName | 'architectures';
  if (field === 'architectures') throw new LabSettingsError(field, words('lab.error.pick', LAB_PICK));
  const choices = LAB_SETTINGS[field].choices.map(([v]) => v).join(', ');
  const given = JSON.stringify((value as Record<string, unknown> | null)?.[field]) ?? 'undefined';
  throw new LabSettingsError(field, words('lab.error.setting', { field, choices, given }));
}

/** Settings from the form: the checked networks and each setting's field (strings, as the form holds them). */
export function readLabSettings(architectures: string[], field: (name: LabSettingName) => string | null): LabSettings {
  const entries = NAMES.map((name) => {
    const text = field(name);
    const choice = LAB_SETTINGS[name].choices.find(([value]) => String(value) === text);
    return [name, choice ? choice[0] : text];
  });
  return checkLabSettings({ architectures, ...Object.fromEntries(entries) });
}

/** One row of the results table: filled in as each network is measured, final once it stops. */
export interface LabRow {
  architecture: LabArchitecture;
  /** `training` until the run ends; `failed` ended this network alone (memory, a lost GPU, a missing kernel). */
  state: 'training' | 'done' | 'stopped' | 'failed';
  /** Epochs this network has finished (a stopped run may end mid-epoch). */
  epochs: number;
  /** On the whole test split after the last finished epoch, 0 to 1; null before the first. */
  testAccuracy: number | null;
  /** Mean training loss and error over the last epoch's batches (or those run so far). */
  trainingLoss: number | null;
  trainingError: number | null;
  params: number;
  macs: number;
  /** Training examples per second of this network's own steps, and their total time. */
  examplesPerSecond: number | null;
  trainMs: number;
  /** Why a failed network stopped, and what to try. */
  message: Text | null;
}
