import { describe, expect, it } from 'vitest';
import {
  checkTrainSettings,
  choicesOf,
  readTrainSettings,
  TRAIN_DEFAULTS,
  TrainSettingsError,
  TRAIN_SETTINGS,
  type TrainSettingName,
} from '~/runtime/protocol';
import { english } from '../helpers/words';

/** What the reader reads when `read` refuses a setting (the error's words, in English). */
function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof TrainSettingsError) return english(e.words);
    throw e;
  }
  return 'accepted';
}

describe('settings', () => {
  it("read a form's strings back into typed settings, by each choice's value", () => {
    const form = Object.fromEntries(Object.entries(TRAIN_DEFAULTS).map(([k, v]) => [k, String(v)]));
    expect(readTrainSettings((name) => form[name] ?? null)).toEqual(TRAIN_DEFAULTS);
    expect(refusal(() => readTrainSettings((name) => (name === 'batchSize' ? '33' : (form[name] ?? null))))).toBe(
      'Training setting batchSize must be one of 16, 32, 64, 128; got "33"',
    );
  });

  it('accept the defaults and every offered choice, and name the field of a bad one', () => {
    expect(checkTrainSettings(TRAIN_DEFAULTS)).toEqual(TRAIN_DEFAULTS);
    for (const field of Object.keys(TRAIN_SETTINGS) as TrainSettingName[]) {
      expect(choicesOf(field)).toContain(TRAIN_DEFAULTS[field]);
      expect(refusal(() => checkTrainSettings({ ...TRAIN_DEFAULTS, [field]: -1 }))).toMatch(
        new RegExp(`^Training setting ${field} must be one of .*; got -1$`),
      );
    }
  });
});
