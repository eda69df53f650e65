/**
 * Argument checks shared by the model builders. Every message names the model,
 * what was expected and what arrived, because these surface verbatim in the CLI
 * and in a reader's snippet.
 */

/** One image without the batch axis, NHWC: [height, width, channels]. */
export type InputShape = readonly [number, number, number];

/** One spatial reduction on a network's main path, per axis. */
export interface Reduction {
  /** Layer that performs it, named as in the built model. */
  readonly layer: string;
  readonly kernel: number;
  readonly stride: number;
  /** Total zero padding over both sides, or 'same' (output = ceil(input / stride)). */
  readonly padding: number | 'same';
}

/** Largest side searched for the smallest accepted input; every zoo network fits far below. */
const LARGEST_SIDE_SEARCHED = 4096;

/** Checks `inputShape` is [height, width, channels] of positive integers and returns it typed. */
export function checkInputShape(model: string, inputShape: readonly number[]): InputShape {
  const ok = inputShape.length === 3 && inputShape.every((d) => Number.isInteger(d) && d > 0);
  if (!ok) {
    throw new Error(
      `${model}: inputShape must be [height, width, channels] of positive integers, got [${inputShape.join(', ')}]`,
    );
  }
  return [inputShape[0], inputShape[1], inputShape[2]];
}

/** Checks the number of classes is a positive integer. */
export function checkClasses(model: string, classes: number): void {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new Error(`${model}: classes must be a positive integer, got ${classes}`);
  }
}

/** Checks a probability-like rate (dropout) lies in [0, 1). */
export function checkRate(model: string, what: string, rate: number): void {
  if (!(rate >= 0 && rate < 1)) throw new Error(`${model}: ${what} must be in [0, 1), got ${rate}`);
}

/** Checks `value` is one of `allowed`, and narrows its type. */
export function checkOneOf<T extends string | number>(
  model: string,
  what: string,
  value: string | number,
  allowed: readonly T[],
): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw new Error(`${model}: ${what} must be one of ${allowed.join(', ')}, got ${value}`);
  }
  return found;
}

/** Output size of one reduction along one axis (floor division, as every framework computes it). */
export function reducedSize(size: number, { kernel, stride, padding }: Reduction): number {
  if (padding === 'same') return Math.ceil(size / stride);
  return Math.floor((size + padding - kernel) / stride) + 1;
}

/**
 * The first reduction that cannot be carried out on a side of `size` pixels, or null.
 * A reduction fails when its output would be empty, or when it would stride over
 * fewer pixels than its stride: a stride-2 layer on a 1-pixel map no longer downsamples.
 */
function firstFailure(size: number, reductions: readonly Reduction[]): { step: Reduction; size: number } | null {
  let current = size;
  for (const step of reductions) {
    const next = reducedSize(current, step);
    if (next < 1 || current < step.stride) return { step, size: current };
    current = next;
  }
  return null;
}

/** Smallest square side the reductions accept. */
export function smallestInputSide(reductions: readonly Reduction[]): number {
  for (let side = 1; side <= LARGEST_SIDE_SEARCHED; side++) {
    if (firstFailure(side, reductions) === null) return side;
  }
  throw new Error(`no input up to ${LARGEST_SIDE_SEARCHED}x${LARGEST_SIDE_SEARCHED} survives these reductions`);
}

/** Throws when the input's height or width is too small for the network's downsampling. */
export function checkInputSize(model: string, [height, width]: InputShape, reductions: readonly Reduction[]): void {
  for (const [axis, size] of [
    ['height', height],
    ['width', width],
  ] as const) {
    const failure = firstFailure(size, reductions);
    if (failure === null) continue;
    const smallest = smallestInputSide(reductions);
    throw new Error(
      `${model}: an input ${axis} of ${size} is too small for the network's downsampling ` +
        `(${failure.step.layer}, kernel ${failure.step.kernel} stride ${failure.step.stride}, would receive ${failure.size} pixel${failure.size === 1 ? '' : 's'}); ` +
        `the smallest input it accepts is ${smallest}x${smallest}`,
    );
  }
}

/** The depths a family exists in: a list, or a form such as 6n + 2 (depth - 2 a positive multiple of `step`). */
export type DepthRule = readonly number[] | { readonly form: string; readonly step: number; readonly examples: string };

/** Throws unless `depth` fits the rule; `reads` is how the family's names read, for the message. */
export function checkDepth(name: string, depth: number, rule: DepthRule, reads: string): void {
  if (Array.isArray(rule)) {
    if (!rule.includes(depth))
      throw new Error(`${name}: depth ${depth} is not in the family ${reads}; allowed depths: ${rule.join(', ')}`);
    return;
  }
  const { form, step, examples } = rule as Exclude<DepthRule, readonly number[]>;
  if ((depth - 2) % step !== 0 || depth <= 2) {
    throw new Error(
      `${name}: depth ${depth} is not in the family ${reads}; the depth must be ${form} with n >= 1 (e.g. ${examples})`,
    );
  }
}
