/** Reading a file the reader chose: its text, or why it cannot be read. Never throws. */
import { formatBytes } from './download';

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

export async function readTextFile(file: File, maxBytes: number): Promise<ReadResult> {
  if (file.size > maxBytes) {
    return {
      ok: false,
      error: `The file is ${formatBytes(file.size)}; at most ${formatBytes(maxBytes)} is read.`,
    };
  }
  if (file.size === 0) return { ok: false, error: 'The file is empty.' };
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
    return { ok: false, error: `The file could not be read${detail}.` };
  }
}
