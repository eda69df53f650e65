/**
 * The MNIST trainer's settings: the choices the page offers, the defaults, and the check the worker applies to
 * whatever the page sends. The defaults reach 97% test accuracy or more within 3 epochs (tests/unit/trainer.test.ts).
 */
export interface TrainSettings {
  epochs: number;
  batchSize: number;
  /** Adam's step size (the starting one, with the cosine schedule). */
  learningRate: number;
  /** 'cosine' lowers the step size along half a cosine to zero by the last batch; 'constant' keeps it. */
  schedule: 'cosine' | 'constant';
  /** 'shift' moves each training digit by up to one pixel in each direction, at random, every time it is seen. */
  augment: 'shift' | 'none';
  activation: 'relu' | 'tanh';
}

export const TRAIN_CHOICES = {
  epochs: [1, 2, 3, 4, 5],
  batchSize: [16, 32, 64, 128],
  learningRate: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.03],
  schedule: ['cosine', 'constant'],
  augment: ['shift', 'none'],
  activation: ['relu', 'tanh'],
} as const satisfies { [K in keyof TrainSettings]: readonly TrainSettings[K][] };

export const TRAIN_DEFAULTS: TrainSettings = { epochs: 3, batchSize: 32, learningRate: 0.005, schedule: 'cosine', augment: 'shift', activation: 'relu' };

/** The settings if every field is one of TRAIN_CHOICES; otherwise an error that names the field and the choices. */
export function checkTrainSettings(value: unknown): TrainSettings {
  const settings = (value ?? {}) as Record<string, unknown>;
  for (const [field, choices] of Object.entries(TRAIN_CHOICES)) {
    if (!(choices as readonly unknown[]).includes(settings[field]))
      throw new Error(`Training setting ${field} must be one of ${choices.join(', ')}; got ${JSON.stringify(settings[field])}`);
  }
  return settings as unknown as TrainSettings;
}
