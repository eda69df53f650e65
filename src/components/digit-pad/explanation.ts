/**
 * The pad's "what the network looked at": the worker's saliency and Grad-CAM maps (networks/explain.ts) drawn over
 * the digit it read, in the warm colour of a heat map on the grey digit, and which class and layer they explain.
 */
import type { WorkerEvent } from '~/runtime/protocol';
import { word } from '../client/words';
import { heatOverlay as overlay } from '../run/heat-overlay';

type Explanation = Extract<WorkerEvent, { type: 'digit-explanation' }>;

export function showExplanation(root: HTMLElement, digit: Float32Array, event: Explanation): void {
  overlay(root.querySelector<HTMLCanvasElement>('[data-saliency]')!, digit, event.saliency);
  overlay(root.querySelector<HTMLCanvasElement>('[data-gradcam]')!, digit, event.gradcam);
  root.querySelector('[data-why]')!.textContent = event.camLayer
    ? word('pad.why.explained', { digit: event.explained, layer: event.camLayer })
    : word('pad.why.noCam', { digit: event.explained });
}
