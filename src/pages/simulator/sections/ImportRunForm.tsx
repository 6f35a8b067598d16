import { useId, useState, type ChangeEvent } from 'react';
import { readTextFile } from '../../../export/readFile';
import { parseRunFile, parsedStages } from '../../../export/runFile';
import { useSavedRuns } from '../../../store/savedRuns';
import { STAGE_NAMES } from '../../../components/run/runStatus';
import '../exchange.css';
import { importedFigures, importedName } from '../importRun';

/** The largest run file read (a default run's is ~150 KB; the CLI's with answers ~300 KB). */
export const MAX_RUN_FILE_BYTES = 20 * 1024 * 1024;

type Outcome =
  { kind: 'imported'; text: string } | { kind: 'refused'; fileName: string; errors: string[] };

/**
 * "Import a run (JSON)": a run file from a stage page's "Download run (JSON)" or the
 * CLI's --out joins the kept runs, drawn and tabulated like them and marked imported.
 * Everything is checked first (src/export/runFile.ts); a refused file changes nothing
 * and every problem is listed. File contents are shown as text only.
 */
export function ImportRunForm() {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    const refuse = (errors: string[]) =>
      setOutcome({ kind: 'refused', fileName: file.name, errors });
    const read = await readTextFile(file, MAX_RUN_FILE_BYTES);
    if (!read.ok) return refuse([read.error]);
    const parsed = parseRunFile(read.text);
    if (!parsed.ok) return refuse(parsed.errors);
    const run = parsed.run;
    const kept = useSavedRuns
      .getState()
      .importRun(importedName(run, file.name), run.config, importedFigures(run), {
        kind: 'imported',
        source: run.source,
        fileName: file.name,
        importedAt: new Date().toISOString(),
      });
    if (!kept.ok) return refuse([kept.message]);
    const stages = parsedStages(run).map((s) => STAGE_NAMES[s]);
    const from = run.source === 'cli' ? 'the command line' : 'the app';
    setOutcome({
      kind: 'imported',
      text: `Imported “${kept.run.name}” (written by ${from}; ${stages.join(', ')}): it is in the charts and the table below.`,
    });
  };

  return (
    <div className="sim-exchange">
      <div className="sim-exchange-row">
        <input
          id={id}
          className="sim-file-input"
          type="file"
          accept=".json,application/json"
          aria-describedby={`${id}-hint`}
          onChange={(event) => void onChange(event)}
        />
        <label htmlFor={id} className="button sim-file-button">
          Import a run (JSON)
        </label>
      </div>
      <p id={`${id}-hint`} className="sim-exchange-hint">
        A file from “Download run (JSON)” on a stage page, or from the command line (
        <code>npm run pipeline -- --out run.json</code>).
      </p>
      {outcome?.kind === 'refused' && (
        <div className="sim-exchange-errors" role="alert">
          <p>“{outcome.fileName}” was not imported; nothing changed:</p>
          <ul>
            {outcome.errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="sim-exchange-done" role="status">
        {outcome?.kind === 'imported' ? outcome.text : null}
      </p>
    </div>
  );
}
