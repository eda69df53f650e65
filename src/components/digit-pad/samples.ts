/**
 * Sample digits as pen strokes in 0-1 coordinates of the pad (x right, y down): what a keyboard reader can pick
 * instead of drawing, and the paths the e2e test draws with the mouse.
 */
type Stroke = ReadonlyArray<readonly [number, number]>;

const ellipse = (cx: number, cy: number, rx: number, ry: number): Stroke =>
  Array.from({ length: 33 }, (_, i) => {
    const a = (i / 32) * 2 * Math.PI - Math.PI / 2;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as const;
  });

export const SAMPLE_DIGITS: Readonly<Record<string, readonly Stroke[]>> = {
  '0': [ellipse(0.5, 0.5, 0.22, 0.33)],
  '1': [
    [
      [0.4, 0.28],
      [0.52, 0.15],
      [0.52, 0.85],
    ],
  ],
  '2': [
    [
      [0.28, 0.3],
      [0.36, 0.19],
      [0.5, 0.15],
      [0.64, 0.2],
      [0.69, 0.32],
      [0.62, 0.46],
      [0.3, 0.82],
      [0.74, 0.82],
    ],
  ],
  '3': [
    [
      [0.3, 0.2],
      [0.5, 0.14],
      [0.67, 0.23],
      [0.62, 0.4],
      [0.45, 0.47],
      [0.64, 0.54],
      [0.7, 0.7],
      [0.56, 0.84],
      [0.3, 0.8],
    ],
  ],
  '4': [
    [
      [0.6, 0.85],
      [0.6, 0.15],
      [0.25, 0.62],
      [0.76, 0.62],
    ],
  ],
  '7': [
    [
      [0.26, 0.2],
      [0.74, 0.2],
      [0.44, 0.86],
    ],
  ],
};
