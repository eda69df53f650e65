/**
 * The MNIST trainer's settings, one row each: the form's label (a key of the course's words), the choices (value,
 * and the words the form names it with where the value itself is not what a reader reads) and the default. The row
 * drives the type, the form (components/MnistTrainer.astro) and the check the worker applies to whatever the page
 * sends. The defaults reach 97% test accuracy or more within 3 epochs (tests/claims/trainer-accuracy.test.ts).
 */
import * as z from 'zod/mini';
import { words, type Words } from './words.ts';

type Choices<T> = readonly (readonly [value: T, word?: string])[];

// setting: label, choices (value, the words the form shows for it, if not the value), default
export const TRAIN_SETTINGS = {
  epochs: {
    label: 'trainer.setting.epochs',
    choices: [[1], [2], [3], [4], [5]],
    default: 3,
  },
  batchSize: {
    label: 'trainer.setting.batchSize',
    choices: [[16], [32], [64], [128]],
    default: 32,
  },
  /** Adam's step size (the starting one, with the cosine schedule). */
  learningRate: {
    label: 'trainer.setting.learningRate',
    choices: [[0.0005], [0.001], [0.002], [0.005], [0.01], [0.03]],
    default: 0.005,
  },
  /** 'cosine' lowers the step size along half a cosine to zero by the last batch; 'constant' keeps it. */
  schedule: {
    label: 'trainer.setting.schedule',
    choices: [
      ['cosine', 'trainer.choice.cosine'],
      ['constant', 'trainer.choice.constant'],
    ],
    default: 'cosine',
  },
  /** 'shift' moves each training digit by up to one pixel in each direction, at random, every time it is seen. */
  augment: {
    label: 'trainer.setting.augment',
    choices: [
      ['shift', 'trainer.choice.shift'],
      ['none', 'trainer.choice.none'],
    ],
    default: 'shift',
  },
  activation: {
    label: 'trainer.setting.activation',
    choices: [
      ['relu', 'trainer.choice.relu'],
      ['tanh', 'trainer.choice.tanh'],
    ],
    default: 'relu',
  },
} as const satisfies Record<
  string,
  { label: string; choices: Choices<number> | Choices<string>; default: number | string }
>;

export type TrainSettingName = keyof typeof TRAIN_SETTINGS;
const NAMES = Object.keys(TRAIN_SETTINGS) as TrainSettingName[];

/** The values a setting accepts, in the form's order. */
export function choicesOf<K extends TrainSettingName>(
  name: K,
): Array<(typeof TRAIN_SETTINGS)[K]['choices'][number][0]> {
  return TRAIN_SETTINGS[name].choices.map(([value]) => value);
}

const literalOf = <K extends TrainSettingName>(name: K) =>
  z.literal(
    choicesOf(name) as [
      (typeof TRAIN_SETTINGS)[K]['choices'][number][0],
      ...(typeof TRAIN_SETTINGS)[K]['choices'][number][0][],
    ],
  );

// One field per row of the table, each accepting exactly that row's choices.
const SHAPE = Object.fromEntries(NAMES.map((name) => [name, literalOf(name)])) as {
  [K in TrainSettingName]: ReturnType<typeof literalOf<K>>;
};
const TrainSettingsSchema = z.object(SHAPE);

export type TrainSettings = z.infer<typeof TrainSettingsSchema>;

export const TRAIN_DEFAULTS = Object.fromEntries(
  NAMES.map((name) => [name, TRAIN_SETTINGS[name].default]),
) as TrainSettings;

/**
 * A setting that is not one of its choices: `field` names it, so a form can show the words next to it; the worker
 * sends them as the reader's error.
 */
export class TrainSettingsError extends Error {
  readonly field: TrainSettingName;
  readonly words: Words;

  constructor(field: TrainSettingName, given: unknown) {
    const choices = choicesOf(field).join(', ');
    const said = words('trainer.setting.refused', { field, choices, given: JSON.stringify(given) ?? 'undefined' });
    super(said.key);
    this.name = 'TrainSettingsError';
    this.field = field;
    this.words = said;
  }
}

/** The settings if every field is one of its choices; otherwise a TrainSettingsError naming the field and choices. */
export function checkTrainSettings(value: unknown): TrainSettings {
  const result = z.safeParse(TrainSettingsSchema, value ?? {});
  if (result.success) return result.data;
  const name = (result.error.issues[0]?.path[0] ?? NAMES[0]) as TrainSettingName;
  throw new TrainSettingsError(name, (value as Record<string, unknown> | null | undefined)?.[name]);
}

/** Settings from a form's fields (strings, as the form shows each choice's value); checked like any other input. */
export function readTrainSettings(field: (name: TrainSettingName) => string | null): TrainSettings {
  const entries = NAMES.map((name) => {
    const text = field(name);
    const choice = TRAIN_SETTINGS[name].choices.find(([value]) => String(value) === text);
    return [name, choice ? choice[0] : text];
  });
  return checkTrainSettings(Object.fromEntries(entries));
}
