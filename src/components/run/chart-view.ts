/** Live line charts for snippet output, with uPlot (small, fast, canvas-based). Loaded on the first chart. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { WorkerEvent } from '~/runtime/protocol';
import { pageLang, text, word } from '../client/words';
import { SERIES_COLORS } from './series-colors';

/** Points a chart keeps per series; beyond that every other point is dropped, so a flood never freezes the page. */
const CHART_POINT_BUDGET = 4000;
const HEIGHT = 260;

/** The chart's width: its box's, between 240 and 720 pixels (a box not laid out yet counts as a phone's). */
const widthOf = (box: HTMLElement) => Math.max(240, Math.min(box.clientWidth || 320, 720));

/** Keeps every other point of every column, in place. */
function thin(data: number[][]): void {
  for (const column of data) {
    let kept = 0;
    for (let i = 0; i < column.length; i += 2) column[kept++] = column[i]!;
    column.length = kept;
  }
}

export function createChart(box: HTMLElement, event: Extract<WorkerEvent, { type: 'chart' }>) {
  const data: number[][] = [event.x.slice(), ...event.series.map((s) => s.values.map((v) => v ?? NaN))];
  const [title, xLabel] = [text(event.title), text(event.xLabel)];
  const seriesLabels = event.series.map((s) => text(s.label));
  let received = data[0]!.length;
  while (data[0]!.length > CHART_POINT_BUDGET) thin(data);
  const plot = new uPlot(
    {
      title,
      width: widthOf(box),
      height: HEIGHT,
      scales: { x: { time: false } },
      axes: [{ label: xLabel, stroke: 'currentColor' }, { stroke: 'currentColor' }],
      series: [
        { label: xLabel || 'x' },
        ...seriesLabels.map((label, i) => ({ label, stroke: SERIES_COLORS[i % SERIES_COLORS.length], width: 2 })),
      ],
    },
    data as uPlot.AlignedData,
    box,
  );
  box.setAttribute('role', 'img');
  const label = word('run.chart.label', { title, series: seriesLabels.join(', ') });
  box.setAttribute('aria-label', label);
  // Follow the output's width (a phone, a rotated phone, a resized window); stop once the chart is gone.
  const resize = new ResizeObserver(() => {
    if (!box.isConnected) return resize.disconnect();
    plot.setSize({ width: widthOf(box), height: HEIGHT });
  });
  resize.observe(box);
  const noteThinning = () => {
    if (received <= data[0]!.length) return;
    const [shown, all] = [data[0]!.length, received].map((n) => n.toLocaleString(pageLang()));
    box.title = word('run.chart.thinned', { shown, all });
    box.setAttribute('aria-label', `${label}; ${box.title.toLowerCase()}`);
  };
  noteThinning();
  let pending = 0;
  return {
    append(x: number[], values: Array<Array<number | null>>) {
      received += x.length;
      // Loops, not spreads: a single event may carry more points than a call can take arguments.
      for (const v of x) data[0]!.push(v);
      values.forEach((column, i) => {
        const target = data[i + 1];
        if (target) for (const v of column) target.push(v ?? NaN);
      });
      while (data[0]!.length > CHART_POINT_BUDGET) thin(data);
      noteThinning();
      // Redraw at most once per frame however fast points arrive.
      pending ||= requestAnimationFrame(() => {
        pending = 0;
        plot.setData(data as uPlot.AlignedData);
      });
    },
  };
}
