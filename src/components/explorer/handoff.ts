// Tensors that snippets hand to the explorer (`course.explore`): the output view announces each on the document;
// this keeps the latest, from page load on, so an explorer opened later can still use it.
export interface HandedInput {
  readonly shape: number[];
  readonly data: Float32Array;
  readonly label: string;
}

let latest: HandedInput | null = null;
const listeners = new Set<(input: HandedInput) => void>();

document.addEventListener('course:explorer-input', (e) => {
  latest = (e as CustomEvent<HandedInput>).detail;
  for (const listener of listeners) listener(latest);
});

export const handedInput = (): HandedInput | null => latest;

export function onHandedInput(listener: (input: HandedInput) => void): void {
  listeners.add(listener);
}
