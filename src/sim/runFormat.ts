/**
 * The identity of a run file: every metric of a run as JSON, without the weights. The
 * CLI writes it (`npm run pipeline -- --out run.json`, from runPipeline's `json`) and
 * the app writes and reads it (src/export/runFile.ts documents the fields and
 * validates them). Constants only, so the app can import them without the stages.
 */
export const RUN_FILE_FORMAT = 'pipeline-lab/run';
/** Bumped when a field changes meaning or disappears (adding a field does not). */
export const RUN_FILE_VERSION = 1;

/** The file the CLI writes with --out: runPipeline's `json`, marked as made by the CLI at `createdAt`. */
export function cliRunFile(
  json: Record<string, unknown>,
  createdAt: string,
): Record<string, unknown> {
  const { format, version, ...rest } = json;
  return { format, version, source: 'cli', createdAt, ...rest };
}

/** The CLI's file as text (one space of indent, as it has always been written). */
export function cliRunFileText(json: Record<string, unknown>, createdAt: string): string {
  return JSON.stringify(cliRunFile(json, createdAt), null, 1);
}
