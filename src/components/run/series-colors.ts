/** The colours of a chart's series, in order: the charts draw with them and the lab's table keys its rows to them. */
export const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'] as const;
