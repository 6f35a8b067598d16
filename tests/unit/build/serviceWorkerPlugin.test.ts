import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { precacheManifest, revisionOf, shouldPrecache } from '../../../scripts/serviceWorkerPlugin';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the service worker precache list', () => {
  it('takes every file of the build but Vite manifest, maps, sw.js and non-WOFF2 fonts', () => {
    expect(shouldPrecache('index.html')).toBe(true);
    expect(shouldPrecache('assets/index-abc.js')).toBe(true);
    expect(shouldPrecache('assets/KaTeX_Main-Regular-abc.woff2')).toBe(true);
    expect(shouldPrecache('default-run/pretrain.bin')).toBe(true);
    expect(shouldPrecache('.vite/manifest.json')).toBe(false);
    expect(shouldPrecache('assets/index-abc.js.map')).toBe(false);
    expect(shouldPrecache('sw.js')).toBe(false);
    expect(shouldPrecache('assets/KaTeX_Main-Regular-abc.woff')).toBe(false);
    expect(shouldPrecache('assets/KaTeX_Main-Regular-abc.ttf')).toBe(false);
  });

  it('lists each file once, sorted, with the SHA-256 prefix of its content', () => {
    const files: Record<string, string> = { 'b.js': 'b', 'a.css': 'a', 'sw.js': 'x' };
    const manifest = precacheManifest(['b.js', 'a.css', 'b.js', 'sw.js'], (p) => bytes(files[p]));
    expect(manifest.entries).toEqual([
      { url: 'a.css', revision: createHash('sha256').update('a').digest('hex').slice(0, 16) },
      { url: 'b.js', revision: revisionOf(bytes('b')) },
    ]);
    expect(manifest.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("names a new cache exactly when a file's content or the file list changes", () => {
    const build = (files: Record<string, string>) =>
      precacheManifest(Object.keys(files), (p) => bytes(files[p])).version;
    const base = build({ 'index.html': '<html>', 'default-run/manifest.json': '{}' });
    expect(build({ 'default-run/manifest.json': '{}', 'index.html': '<html>' })).toBe(base);
    expect(build({ 'index.html': '<html>', 'default-run/manifest.json': '{"v":2}' })).not.toBe(
      base,
    );
    expect(build({ 'index.html': '<html>' })).not.toBe(base);
  });
});
