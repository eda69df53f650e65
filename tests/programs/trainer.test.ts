// The training island's worker programs, run as the page runs them (through the run handler) on tfjs WASM.
import { describe, expect, it } from 'vitest';
import { TRAIN_DEFAULTS, type TrainSettings, type WorkerEvent } from '~/runtime/protocol';
import { jobRunner } from '../helpers/snippets';

const handler = jobRunner;

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e) => e.type === type) as Array<Extract<WorkerEvent, { type: T }>>;

describe('the MNIST trainer', () => {
  it('asks for training before a pick, and refuses bad settings', async () => {
    const run = await handler();
    expect(of(await run({ type: 'inspect', index: 3 }), 'error')[0]?.message).toMatch(/Train the network first/);
    expect(
      of(
        await run({ type: 'train', settings: { ...TRAIN_DEFAULTS, epochs: 50 } as unknown as TrainSettings }),
        'error',
      )[0]?.message,
    ).toMatch(/epochs must be one of 1, 2, 3, 4, 5/);
  });
});
