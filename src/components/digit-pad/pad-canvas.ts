/**
 * The digit pad's drawing surface: white ink on black, drawn with a pointer (mouse, pen, touch alike) or from the
 * keyboard (a cursor that the arrows move and Space lowers or lifts), and read back as grey levels.
 */
import { word } from '../client/words';
import type { Grey } from './preprocess';

const PEN = 20;
const KEY_STEP = 14;
const KEY_MOVES: Record<string, [number, number]> = {
  ArrowUp: [0, -KEY_STEP],
  ArrowDown: [0, KEY_STEP],
  ArrowLeft: [-KEY_STEP, 0],
  ArrowRight: [KEY_STEP, 0],
};

export interface PadCanvasEvents {
  /** The drawing changed: `now` when a stroke ended (read at once), else while the pen moves (read a few a second). */
  changed(now: boolean): void;
  /** What the keyboard pen is doing, for the hint under the pad. */
  hint(text: string): void;
}

export class PadCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private cursor: [number, number];
  private penDown = false;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly events: PadCanvasEvents,
  ) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    this.ctx.strokeStyle = '#fff';
    this.ctx.lineWidth = PEN;
    this.ctx.lineCap = this.ctx.lineJoin = 'round';
    this.cursor = [canvas.width / 2, canvas.height / 2];
    this.listenToPointer();
    canvas.addEventListener('keydown', (e) => this.onKey(e));
  }

  get width(): number {
    return this.canvas.width;
  }

  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The drawing as grey levels in [0, 1], one per pixel. */
  grey(): Grey {
    const { width, height } = this.canvas;
    const { data } = this.ctx.getImageData(0, 0, width, height);
    return { width, height, data: Float32Array.from({ length: data.length / 4 }, (_, i) => data[4 * i]! / 255) };
  }

  /** Draws strokes given in fractions of the pad (a sample digit). */
  drawStrokes(strokes: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): void {
    const { ctx, canvas } = this;
    for (const stroke of strokes) {
      ctx.beginPath();
      stroke.forEach(([x, y], i) => (i ? ctx.lineTo : ctx.moveTo).call(ctx, x * canvas.width, y * canvas.height));
      ctx.stroke();
    }
  }

  /** A dot where a stroke starts, so that a tap leaves ink. */
  private dot([x, y]: [number, number]) {
    this.ctx.beginPath();
    this.ctx.moveTo(x, y);
    this.ctx.lineTo(x + 0.1, y);
    this.ctx.stroke();
  }

  private listenToPointer() {
    const { canvas, ctx } = this;
    const at = (e: PointerEvent): [number, number] => {
      const r = canvas.getBoundingClientRect();
      return [((e.clientX - r.left) / r.width) * canvas.width, ((e.clientY - r.top) / r.height) * canvas.height];
    };
    canvas.addEventListener('pointerdown', (e) => {
      this.drawing = true;
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // a replayed first press (see the end of mountPad) may no longer be capturable; drawing works without
      }
      this.dot(at(e));
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      ctx.lineTo(...at(e));
      ctx.stroke();
      this.events.changed(false);
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      this.events.changed(true);
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  private onKey(e: KeyboardEvent) {
    const { canvas, ctx } = this;
    if (e.key === ' ') {
      e.preventDefault();
      this.penDown = !this.penDown;
      this.events.hint(word(this.penDown ? 'pad.pen.down' : 'pad.pen.up'));
      if (this.penDown) this.dot(this.cursor);
      else this.events.changed(true);
      return;
    }
    const move = KEY_MOVES[e.key];
    if (!move) return;
    e.preventDefault();
    const next: [number, number] = [
      Math.min(canvas.width, Math.max(0, this.cursor[0] + move[0])),
      Math.min(canvas.height, Math.max(0, this.cursor[1] + move[1])),
    ];
    if (this.penDown) {
      ctx.beginPath();
      ctx.moveTo(...this.cursor);
      ctx.lineTo(...next);
      ctx.stroke();
    }
    this.cursor = next;
    this.events.hint(
      `Pen ${this.penDown ? 'down' : 'up'} at ${Math.round((100 * next[0]) / canvas.width)}% across, ${Math.round((100 * next[1]) / canvas.height)}% down.`,
    );
    if (this.penDown) this.events.changed(false);
  }
}
