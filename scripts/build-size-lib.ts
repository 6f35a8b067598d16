/**
 * Sizes of the built app, from dist/ and Vite's manifest (dist/.vite/manifest.json).
 *
 * "Home initial JS" is what the browser must fetch before anything renders on `/`:
 * the entry chunk and, recursively, its static imports. Lazy chunks (each page,
 * Plotly, KaTeX) are excluded. "Home route JS" adds the Home page chunk and its
 * static imports; it must not contain Plotly or KaTeX.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildSizeReport {
  files: FileSize[];
  home: {
    /** Entry chunk + its static imports (the budgeted figure). */
    initialJs: { files: string[]; gzipBytes: number; bytes: number };
    /** initialJs + the Home page chunk and its static imports. */
    routeJs: { files: string[]; gzipBytes: number; bytes: number };
  };
  totals: { jsGzipBytes: number; cssGzipBytes: number };
}

/** Source modules that must stay out of Home's JavaScript (they are loaded lazily). */
export const LAZY_ONLY_SOURCES = [
  'src/components/chart/PlotlyPlot.tsx',
  'src/components/formula/katexLoader.ts',
];
export const HOME_PAGE_SOURCE = 'src/pages/home/HomePage.tsx';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function sizeOf(distDir: string, file: string): FileSize {
  const content = readFileSync(join(distDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Keys of `start` and everything it imports statically, transitively. */
export function staticClosure(manifest: Manifest, start: string[]): string[] {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    stack.push(...(manifest[key].imports ?? []));
  }
  return [...seen];
}

export function readManifest(distDir: string): Manifest {
  return JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

export function measureBuild(distDir: string): BuildSizeReport {
  const manifest = readManifest(distDir);
  const files = walk(distDir)
    .map((path) => relative(distDir, path))
    .filter((file) => /\.(js|css)$/.test(file))
    .sort()
    .map((file) => sizeOf(distDir, file));
  const bySize = new Map(files.map((f) => [f.file, f]));

  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  const total = (keys: string[]) => {
    const jsFiles = keys.map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
    const unique = [...new Set(jsFiles)];
    return {
      files: unique,
      bytes: unique.reduce((sum, f) => sum + (bySize.get(f)?.bytes ?? 0), 0),
      gzipBytes: unique.reduce((sum, f) => sum + (bySize.get(f)?.gzipBytes ?? 0), 0),
    };
  };
  const initialKeys = staticClosure(manifest, entries);
  const routeKeys = staticClosure(manifest, [...entries, HOME_PAGE_SOURCE]);

  return {
    files,
    home: { initialJs: total(initialKeys), routeJs: total(routeKeys) },
    totals: {
      jsGzipBytes: files.filter((f) => f.file.endsWith('.js')).reduce((s, f) => s + f.gzipBytes, 0),
      cssGzipBytes: files
        .filter((f) => f.file.endsWith('.css'))
        .reduce((s, f) => s + f.gzipBytes, 0),
    },
  };
}

/** Output files of the lazy-only sources (Plotly, KaTeX), to check they stay out of Home. */
export function lazyOnlyFiles(distDir: string): string[] {
  const manifest = readManifest(distDir);
  return LAZY_ONLY_SOURCES.filter((src) => manifest[src]).map((src) => manifest[src].file);
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
