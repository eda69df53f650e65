// The training island's worker programs, run as the page runs them (through the run handler) on tfjs WASM.
import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, type TrainSettings, type WorkerEvent } from '~/runtime/protocol';
import { jobRunner } from '../helpers/snippets';
import { english } from '../helpers/words';

const handler = jobRunner;

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

describe('the MNIST trainer', () => {
  it('asks for training before a pick, and refuses bad settings', async () => {
    const run = await handler();
    const [untrained] = of(await run({ type: 'inspect', index: 3 }), 'error');
    expect(english(untrained!.message)).toMatch(/Train the network first/);
    const settings = { ...TRAIN_DEFAULTS, epochs: 50 } as unknown as TrainSettings;
    const [refused] = of(await run({ type: 'train', settings }), 'error');
    expect(english(refused!.message)).toBe('Training setting epochs must be one of 1, 2, 3, 4, 5; got 50');
  });
});
