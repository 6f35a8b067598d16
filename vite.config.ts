import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/serviceWorkerPlugin.ts';

/**
 * Content-Security-Policy of the built app (DESIGN.md, "Strict CSP works").
 * - style-src: Plotly creates one empty <style> element (allowed by its hash) and
 *   fills it through CSSOM; KaTeX is rendered with katex.render (no innerHTML);
 *   React's style props go through CSSOM too, but our components use classes.
 * - font-src data: KaTeX's small fonts may be inlined by Vite.
 * - worker-src/connect-src 'self': the training Worker and the shipped default run.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  // Plotly heatmaps set two style attributes: "" on the colour bar and
  // "image-rendering: …" on the cells' <image>. Exactly those two are allowed.
  "style-src-attr 'unsafe-hashes' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' 'sha256-AR/cKIZjWPcPmBUPDA6oti9XBiTbJvz0Cro2J1VzzS8='",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Adds the CSP as a <meta> tag to the built index.html only: the dev server needs inline scripts. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'pipeline-lab:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // sw.js: precaches the whole build so the app works offline (src/sw/serviceWorker.ts).
    serviceWorker(fileURLToPath(new URL('./src/sw/serviceWorker.ts', import.meta.url))),
  ],
  // Plotly's sources read a Node-style `global`; without this only the built app fails.
  define: { global: 'globalThis' },
  resolve: {
    alias: {
      // Plotly's map traces import this stylesheet; the partial bundle never uses it.
      'maplibre-gl/dist/maplibre-gl.css': fileURLToPath(
        new URL('./src/components/chart/empty.css', import.meta.url),
      ),
    },
  },
  build: {
    // scripts/build-size.ts reads the manifest to find what the Home route loads.
    manifest: true,
    // The lazy Plotly chunk is large by design (~390 KB gzipped); the budget that
    // matters is the Home route's, checked by tests/e2e/build-size.spec.ts.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Named, stable vendor chunks: readable size reports, and app changes do not
        // invalidate the cached React and router code.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'router',
              test: /node_modules[\\/](react-router|react-router-dom|cookie)[\\/]/,
            },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
