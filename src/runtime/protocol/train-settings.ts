/**
 * The MNIST trainer's settings, one row each: the form's label, the choices (value, and how the form names it) and
 * the default. The row drives the type, the form (components/MnistTrainer.astro) and the check the worker applies
 * to whatever the page sends. The defaults reach 97% test accuracy or more within 3 epochs (tests/claims/trainer-accuracy.test.ts).
 */
import * as z from 'zod/mini';

type Choices<T> = readonly (readonly [value: T, shown: string])[];

// setting: label, choices (value, what the form shows), default
export const TRAIN_SETTINGS = {
  epochs: {
    label: 'Epochs',
    choices: [
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ],
    default: 3,
  },
  batchSize: {
    label: 'Batch size',
    choices: [
      [16, '16'],
      [32, '32'],
      [64, '64'],
      [128, '128'],
    ],
    default: 32,
  },
  /** Adam's step size (the starting one, with the cosine schedule). */
  learningRate: {
    label: 'Learning rate (Adam)',
    choices: [
      [0.0005, '0.0005'],
      [0.001, '0.001'],
      [0.002, '0.002'],
      [0.005, '0.005'],
      [0.01, '0.01'],
      [0.03, '0.03'],
    ],
    default: 0.005,
  },
  /** 'cosine' lowers the step size along half a cosine to zero by the last batch; 'constant' keeps it. */
  schedule: {
    label: 'Step size over time',
    choices: [
      ['cosine', 'cosine decay to 0'],
      ['constant', 'constant'],
    ],
    default: 'cosine',
  },
  /** 'shift' moves each training digit by up to one pixel in each direction, at random, every time it is seen. */
  augment: {
    label: 'Augmentation',
    choices: [
      ['shift', 'random 1-pixel shifts'],
      ['none', 'none'],
    ],
    default: 'shift',
  },
  activation: {
    label: 'Activation',
    choices: [
      ['relu', 'ReLU'],
      ['tanh', 'tanh'],
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

/** A setting that is not one of its choices: `field` names it, so a form can show the message next to it. */
export class TrainSettingsError extends Error {
  readonly field: TrainSettingName;

  constructor(field: TrainSettingName, given: unknown) {
    super(`Training setting ${field} must be one of ${choicesOf(field).join(', ')}; got ${JSON.stringify(given)}`);
    this.name = 'TrainSettingsError';
    this.field = field;
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
