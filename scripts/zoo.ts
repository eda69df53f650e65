/**
 * `npm run zoo`: the model zoo at a glance, computed from the tfjs models.
 *
 *   npm run zoo                          one table of every architecture
 *   npm run zoo -- --json                the same as a JSON array
 *   npm run zoo -- resnet50              that model's layer-by-layer summary
 *   npm run zoo -- resnet18 --input 28x28x1 --classes 10
 *   npm run zoo -- mobilenet-v1 --width 0.5 --input 160x160x3 --json
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import {
  buildZooModel,
  describeZooNames,
  noteOnName,
  ZOO_NAMES,
  type ZooOptions,
} from '../src/runtime/models/index.ts';
import {
  formatCount,
  formatMacs,
  formatReceptiveField,
  formatShape,
  formatSummary,
  formatTable,
  type ModelSummary,
} from '../src/runtime/protocol/index.ts';
import { english } from './lib/english.ts';
import { summarizeModel } from '../src/runtime/summary/index.ts';

const USAGE = `usage: npm run zoo -- [model] [--json] [--input HxWxC] [--classes N] [--width ALPHA] [--activation tanh|relu]
models: ${ZOO_NAMES.join(', ')}
name patterns: ${describeZooNames()}`;

interface Request {
  readonly name: string | null;
  readonly json: boolean;
  readonly options: ZooOptions;
}

function parseRequest(argv: string[]): Request | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      input: { type: 'string' },
      classes: { type: 'string' },
      width: { type: 'string' },
      activation: { type: 'string' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new Error(`expected at most one model name, got ${positionals.join(', ')}`);
  const name = positionals[0] ?? null;
  const options: ZooOptions = {
    inputShape: values.input === undefined ? undefined : parseInputShape(values.input),
    classes: values.classes === undefined ? undefined : parseNumber('--classes', values.classes),
    widthMultiplier: values.width === undefined ? undefined : parseNumber('--width', values.width),
    activation: values.activation === undefined ? undefined : parseActivation(values.activation),
  };
  const given = Object.values(options).some((v) => v !== undefined);
  if (name === null && given) throw new Error('--input, --classes, --width and --activation need a model name');
  return { name, json: values.json, options };
}

function parseInputShape(text: string): number[] {
  const dims = text.split('x').map(Number);
  if (dims.length !== 3 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`--input must be HxWxC with positive integers, e.g. 28x28x1, got "${text}"`);
  }
  return dims;
}

function parseNumber(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) throw new Error(`${flag} must be a number, got "${text}"`);
  return n;
}

function parseActivation(text: string): 'tanh' | 'relu' {
  if (text === 'tanh' || text === 'relu') return text;
  throw new Error(`--activation must be tanh or relu, got "${text}"`);
}

/** Builds, summarises and frees one model; building the 100M-parameter ones takes seconds. */
function summarize(name: string, options: ZooOptions = {}): ModelSummary {
  const model = buildZooModel(name, options);
  try {
    return summarizeModel(model);
  } finally {
    model.dispose();
  }
}

function zooTable(summaries: readonly ModelSummary[]): string {
  const rows = summaries.map((s) => [
    s.name,
    formatCount(s.trainableParams),
    formatCount(s.nonTrainableParams),
    formatMacs(s.macs),
    formatShape(s.inputShape),
    formatShape(s.outputShape),
    formatReceptiveField(s.receptiveField),
  ]);
  const header = ['model', 'trainable', 'non-trainable', 'MACs', 'input', 'output', 'receptive field'];
  return formatTable(header, rows, [false, true, true, true, true, true, true]);
}

/** The notes on names that mean another network elsewhere (torchvision), printed under the table. */
function zooNotes(): string {
  const notes = ZOO_NAMES.flatMap((name) => {
    const note = noteOnName(name);
    return note ? [`  ${name}: ${note}`] : [];
  });
  return ['notes:', ...notes].join('\n');
}

function jsonRow(s: ModelSummary) {
  const { name, trainableParams, nonTrainableParams, macs, inputShape, outputShape, receptiveField } = s;
  return {
    name,
    trainableParams,
    nonTrainableParams,
    macs,
    inputShape,
    outputShape,
    receptiveField,
    note: noteOnName(name),
  };
}

async function main(): Promise<void> {
  const request = parseRequest(process.argv.slice(2));
  if (request === 'help') {
    console.log(USAGE);
    return;
  }
  await tf.setBackend('cpu');
  if (request.name !== null) {
    const summary = summarize(request.name, request.options);
    const note = noteOnName(request.name);
    console.log(
      request.json
        ? JSON.stringify({ ...summary, note }, null, 2)
        : `${formatSummary(summary, english)}${note ? `\n\nnote: ${note}` : ''}`,
    );
    return;
  }
  // Building the 100M-parameter models takes seconds, so a terminal gets progress, on stderr to keep stdout clean.
  const showProgress = process.stderr.isTTY;
  const summaries = ZOO_NAMES.map((name, i) => {
    if (showProgress) process.stderr.write(`\rbuilding ${i + 1}/${ZOO_NAMES.length}: ${name}`.padEnd(60));
    return summarize(name);
  });
  if (showProgress) process.stderr.write(`\r${' '.repeat(60)}\r`);
  console.log(
    request.json ? JSON.stringify(summaries.map(jsonRow), null, 2) : `${zooTable(summaries)}\n\n${zooNotes()}`,
  );
}

main().catch((error: unknown) => {
  console.error(`zoo: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`run "npm run zoo -- --help" for the models and options`);
  process.exitCode = 1;
});
