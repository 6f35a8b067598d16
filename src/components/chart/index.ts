export { Chart, preloadCharts, type ChartProps } from './Chart';
export type { ChartSeries, HeatmapSpec } from './figure';
export { useChartHighlight } from './highlight';
