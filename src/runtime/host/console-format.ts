/**
 * Console formatting for snippets. Tensors become a shape/dtype header and a short preview of their values;
 * everything else goes through object-inspect (depth- and cycle-safe), so no value can hang the formatter.
 */
import * as tf from '@tensorflow/tfjs';
import inspect from 'object-inspect';
import { isWords, words, type LogPart } from '../protocol/index.ts';

/** How many values of a tensor the preview shows before eliding. */
export const TENSOR_PREVIEW_VALUES = 12;
const MAX_TEXT = 2_000;

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e5)
    ? v.toExponential(3)
    : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Reads a tensor's values without blocking on a GPU (`await data()`), then formats the first few. */
export async function previewTensor(t: tf.Tensor): Promise<LogPart> {
  const values = await t.data();
  const shown = Array.from(values.subarray(0, TENSOR_PREVIEW_VALUES) as ArrayLike<number | string>, (v) =>
    typeof v === 'number' ? formatNumber(v) : JSON.stringify(v),
  );
  const more = values.length - TENSOR_PREVIEW_VALUES;
  const preview =
    more > 0 ? words('worker.console.tensorPreview', { values: shown.join(', '), more }) : `[${shown.join(', ')}]`;
  return { kind: 'tensor', shape: t.shape.slice(), dtype: t.dtype, preview };
}

/** A value as console text; a very long one is cut, and the page says how much was left out. */
function formatText(value: unknown): LogPart {
  const text = typeof value === 'string' ? value : inspect(value, { depth: 3, maxStringLength: 500 });
  return text.length > MAX_TEXT
    ? {
        kind: 'words',
        words: words('worker.console.cut', { text: text.slice(0, MAX_TEXT), more: text.length - MAX_TEXT }),
      }
    : { kind: 'text', text };
}

/** A program's words as they are (the page says them), anything else as text. */
const formatPart = (value: unknown): LogPart => (isWords(value) ? { kind: 'words', words: value } : formatText(value));

/**
 * Formats console arguments: synchronously when there is no tensor, so a log right before an endless loop
 * still reaches the page. Tensors are cloned at once, because the snippet may dispose them before their values
 * arrive, and the clones are disposed once read.
 */
export function formatLogArgs(args: unknown[]): LogPart[] | Promise<LogPart[]> {
  if (!args.some((a) => a instanceof tf.Tensor)) return args.map(formatPart);
  const pending = args.map((arg): Promise<LogPart> => {
    if (arg instanceof tf.Tensor) {
      if (arg.isDisposed)
        return Promise.resolve({
          kind: 'words',
          words: words('worker.console.disposedTensor', { shape: `${arg.shape}` }),
        });
      const copy = arg.clone();
      return previewTensor(copy).finally(() => copy.dispose());
    }
    return Promise.resolve(formatPart(arg));
  });
  return Promise.all(pending);
}
