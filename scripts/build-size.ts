/**
 * Run after `vite build` (npm run build): prints the gzipped size of every JS and CSS
 * file in dist/, and what the Home route loads, and writes dist/build-size.json.
 * The budget itself is enforced by tests/e2e/build-size.spec.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kb, measureBuild } from './build-size-lib';

const distDir = join(process.cwd(), 'dist');
const report = measureBuild(distDir);

const width = Math.max(...report.files.map((f) => f.file.length));
console.log('\nBuild size (gzip -9):');
for (const f of report.files) {
  console.log(`  ${f.file.padEnd(width)}  ${kb(f.gzipBytes).padStart(10)}  (${kb(f.bytes)} raw)`);
}
console.log(`  ${'total JS'.padEnd(width)}  ${kb(report.totals.jsGzipBytes).padStart(10)}`);
console.log(`  ${'total CSS'.padEnd(width)}  ${kb(report.totals.cssGzipBytes).padStart(10)}`);
console.log(
  `\nHome initial JS (entry + static imports): ${kb(report.home.initialJs.gzipBytes)} gzipped` +
    ` in ${report.home.initialJs.files.length} file(s)`,
);
console.log(
  `Home route JS (+ Home page chunk):        ${kb(report.home.routeJs.gzipBytes)} gzipped\n`,
);

writeFileSync(join(distDir, 'build-size.json'), `${JSON.stringify(report, null, 2)}\n`);
