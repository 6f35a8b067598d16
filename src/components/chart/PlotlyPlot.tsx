/**
 * The Plotly component over a partial bundle: core (with scatter) + bar + heatmap,
 * about 390 KB gzipped instead of the full 1.4 MB. Only Chart.tsx imports this, and
 * only dynamically, so Plotly loads with the first chart and never with Home.
 */
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';
import createPlotlyComponent from 'react-plotly.js/factory';

Plotly.register([bar, heatmap]);

const Plot = createPlotlyComponent(Plotly);
export default Plot;
