/**
 * Files the app hands to the reader: a Blob behind an object URL and a temporary
 * <a download> (the strict CSP allows blob: URLs; nothing is sent anywhere).
 */

/** Starts the download of `blob` as `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: revoking at once can abort the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Text files: CSV, JSON. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/**
 * A file name from any text: lower case, letters, digits and hyphens only ('' stays
 * 'file'), at most 80 characters.
 */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug === '' ? 'file' : slug;
}

/** "1.2 MB", "340 KB", "512 bytes": a file's size for a sentence. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
