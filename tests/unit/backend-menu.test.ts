import { describe, expect, it } from 'vitest';
import { readBackendMenu } from '~/components/run/backend-menu';
import { BACKEND_CHOICES, parseBackendChoice } from '~/runtime/protocol';

describe('the backend menu', () => {
  it.each(BACKEND_CHOICES)('reads its option %s as that choice', (choice) => {
    expect(readBackendMenu({ value: choice })).toBe(choice);
  });

  it.each(['', 'WebGL', 'tensorflow', 'auto '])('runs an unknown value %j on Auto', (value) => {
    expect(parseBackendChoice(value)).toBeNull();
    expect(readBackendMenu({ value })).toBe('auto');
  });
});
