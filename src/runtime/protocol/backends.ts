/** Backend names, their fallback order and how the page names them: one place for page and worker. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the backend pickers offer: `auto`, then every backend in fallback order. */
export const BACKEND_CHOICES = ['auto', ...BACKENDS] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The backends' own names, the same in every language; what `auto` is called is the page's word (run controls). */
const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export function backendLabel(backend: string): string {
  return BACKEND_LABELS[backend as BackendName] ?? backend;
}

/** `value` as a backend choice when it is one of BACKEND_CHOICES (a menu's value, a stored setting), else null. */
export function parseBackendChoice(value: string): BackendChoice | null {
  return BACKEND_CHOICES.find((choice) => choice === value) ?? null;
}
