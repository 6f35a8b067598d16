/**
 * The Plotly component over the partial bundle (plotlyBundle.ts). Only Chart.tsx
 * imports this, and only dynamically, so Plotly loads with the first chart and never
 * with Home.
 */
import createPlotlyComponent from 'react-plotly.js/factory';
import Plotly from './plotlyBundle';

const Plot = createPlotlyComponent(Plotly);
export default Plot;
