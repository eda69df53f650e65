import { describe, expect, it } from 'vitest';
import {
  checkTrainSettings,
  choicesOf,
  readTrainSettings,
  TRAIN_DEFAULTS,
  TRAIN_SETTINGS,
  type TrainSettingName,
} from '~/runtime/protocol';

describe('settings', () => {
  it("read a form's strings back into typed settings, by each choice's value", () => {
    const form = Object.fromEntries(Object.entries(TRAIN_DEFAULTS).map(([k, v]) => [k, String(v)]));
    expect(readTrainSettings((name) => form[name] ?? null)).toEqual(TRAIN_DEFAULTS);
    expect(() => readTrainSettings((name) => (name === 'batchSize' ? '33' : (form[name] ?? null)))).toThrow(
      /batchSize must be one of 16, 32, 64, 128; got "33"/,
    );
  });

  it('accept the defaults and every offered choice, and name the field of a bad one', () => {
    expect(checkTrainSettings(TRAIN_DEFAULTS)).toEqual(TRAIN_DEFAULTS);
    for (const field of Object.keys(TRAIN_SETTINGS) as TrainSettingName[]) {
      expect(choicesOf(field)).toContain(TRAIN_DEFAULTS[field]);
      expect(() => checkTrainSettings({ ...TRAIN_DEFAULTS, [field]: -1 })).toThrow(
        new RegExp(`setting ${field} must be one of`),
      );
    }
  });
});
