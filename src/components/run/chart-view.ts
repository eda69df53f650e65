/** Live line charts for snippet output, with uPlot (small, fast, canvas-based). Loaded on the first chart. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WorkerEvent } from '~/runtime/protocol';

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

export function createChart(box: HTMLElement, event: Extract<WorkerEvent, { type: 'chart' }>) {
  const data: number[][] = [event.x.slice(), ...event.series.map((s) => s.values.map((v) => v ?? NaN))];
  const width = Math.max(280, Math.min(box.clientWidth || 640, 720));
  const plot = new uPlot(
    {
      title: event.title,
      width,
      height: 260,
      scales: { x: { time: false } },
      axes: [{ label: event.xLabel, stroke: 'currentColor' }, { stroke: 'currentColor' }],
      series: [
        { label: event.xLabel || 'x' },
        ...event.series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2 })),
      ],
    },
    data as uPlot.AlignedData,
    box,
  );
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', `Chart: ${event.title} (${event.series.map((s) => s.label).join(', ')})`);
  let pending = 0;
  return {
    append(x: number[], values: Array<Array<number | null>>) {
      data[0]!.push(...x);
      values.forEach((column, i) => data[i + 1]?.push(...column.map((v) => v ?? NaN)));
      // Redraw at most once per frame however fast points arrive.
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        plot.setData(data as uPlot.AlignedData);
      });
    },
  };
}
