/** Backend names, their fallback order and how the page names them: one place for page and worker. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the backend pickers offer: `auto`, then every backend in fallback order. */
export const BACKEND_CHOICES = ['auto', ...BACKENDS] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'Auto',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

export function backendLabel(backend: string): string {
  return BACKEND_LABELS[backend as BackendChoice] ?? backend;
}
