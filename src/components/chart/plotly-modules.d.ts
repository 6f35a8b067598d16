// plotly.js ships types for its full entry only; these are the partial-bundle modules
// plotlyBundle.ts imports (CommonJS, default-imported through Vite's interop).
declare module 'plotly.js/lib/core' {
  import type { Config, Data, Layout } from 'plotly.js';
  const Plotly: {
    register(modules: readonly unknown[]): void;
    /**
     * Draws a figure off screen and returns it as an image: with `imageDataOnly`, the
     * SVG markup or the PNG's base64 (no "data:" prefix).
     */
    toImage(
      figure: { data: Data[]; layout: Partial<Layout>; config?: Partial<Config> },
      options: {
        format: 'png' | 'svg';
        width: number;
        height: number;
        scale?: number;
        imageDataOnly?: boolean;
      },
    ): Promise<string>;
    /** Draws a figure into `root`, replacing what was there. */
    newPlot(
      root: HTMLElement,
      data: Data[],
      layout?: Partial<Layout>,
      config?: Partial<Config>,
    ): Promise<HTMLElement>;
    /** Redraws `root` with a new figure (what react-plotly calls on every update). */
    react(
      root: HTMLElement,
      data: Data[],
      layout?: Partial<Layout>,
      config?: Partial<Config>,
    ): Promise<HTMLElement>;
    /** Frees a plot's DOM, listeners and state. */
    purge(root: HTMLElement): void;
  };
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
