// plotly.js ships types for its full entry only; these are the partial-bundle modules
// PlotlyPlot.tsx imports (CommonJS, default-imported through Vite's interop).
declare module 'plotly.js/lib/core' {
  const Plotly: { register(modules: readonly unknown[]): void };
  export default Plotly;
}
declare module 'plotly.js/lib/bar' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/lib/heatmap' {
  const trace: unknown;
  export default trace;
}
