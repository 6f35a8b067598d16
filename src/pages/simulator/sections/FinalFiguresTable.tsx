import { useId, useState, type FormEvent } from 'react';
import { fmt, fmtPercent } from '../../../components/run/metrics';
import { configToQuery, useConfigStore } from '../../../store/config';
import {
  cleanName,
  MAX_NAME_LENGTH,
  useSavedRuns,
  type RunFinals,
  type RunOrigin,
} from '../../../store/savedRuns';
import '../exchange.css';
import type { OverlayRun } from '../overlays';

/** Where an imported run's file came from, for its row. */
const ORIGIN_LABEL: Record<RunOrigin['source'], string> = {
  app: 'a run file from the app',
  cli: 'a run file from the command line',
  session: 'a session file',
};

const arrow = (a: number | null, b: number | null) =>
  a === null && b === null ? '—' : `${fmt(a)} → ${fmt(b)}`;
const nats = (v: number | null) => (v === null ? '—' : `${fmt(v)} nats`);

/** The table's figure columns: header and cell text from a run's finals. */
const COLUMNS: readonly { header: string; cell: (f: RunFinals) => string }[] = [
  {
    header: 'Pretraining held-out loss (unigram baseline)',
    cell: (f) =>
      f.pretrainHeldOutLoss === null
        ? '—'
        : `${fmt(f.pretrainHeldOutLoss)} (${fmt(f.unigramLoss)})`,
  },
  { header: 'SFT answers in format', cell: (f) => fmtPercent(f.sftFormatRate) },
  { header: 'Reward model held-out accuracy', cell: (f) => fmtPercent(f.rewardHeldOutAccuracy) },
  {
    header: 'PPO score, held-out, before → after',
    cell: (f) => arrow(f.ppoHeldOutScoreBefore, f.ppoHeldOutScoreAfter),
  },
  {
    header: 'PPO gold grade, held-out, before → after',
    cell: (f) => arrow(f.ppoHeldOutGoldBefore, f.ppoHeldOutGoldAfter),
  },
  { header: 'PPO KL at the end', cell: (f) => nats(f.ppoKlEnd) },
  { header: 'DPO held-out accuracy', cell: (f) => fmtPercent(f.dpoHeldOutAccuracy) },
  { header: 'DPO KL (held-out)', cell: (f) => nats(f.dpoKl) },
];

/** A run's name, and for an imported run, the file it came from (as text). */
function RunLabel({ name, origin }: { name: string; origin: RunOrigin | undefined }) {
  return (
    <>
      {name}
      {origin && (
        <span className="sim-origin">
          Imported from {origin.fileName} ({ORIGIN_LABEL[origin.source]})
        </span>
      )}
    </>
  );
}

function RenameForm({
  run,
  onDone,
}: {
  run: OverlayRun;
  onDone: (message: string | null) => void;
}) {
  const id = useId();
  const [name, setName] = useState(run.name);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = useSavedRuns.getState().rename(run.id, name);
    if (result.ok) onDone(`Renamed “${run.name}” to “${cleanName(name)}”.`);
    else setError(result.message);
  };
  return (
    <form className="sim-rename" onSubmit={submit} noValidate>
      <label className="visually-hidden" htmlFor={id}>
        New name for “{run.name}”
      </label>
      <input
        id={id}
        className="text-input sim-rename-input"
        type="text"
        maxLength={MAX_NAME_LENGTH}
        value={name}
        // The form replaces the name the reader just chose to edit: focus belongs here.
        autoFocus
        aria-invalid={error !== null}
        aria-describedby={`${id}-error`}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone(null);
        }}
      />
      <span className="sim-row-actions">
        <button type="submit" className="button button--small">
          Save
        </button>
        <button type="button" className="button button--small" onClick={() => onDone(null)}>
          Cancel
        </button>
      </span>
      <span id={`${id}-error`} className="sim-error" aria-live="polite">
        {error}
      </span>
    </form>
  );
}

/** The final figures of every run shown, one row each; kept runs can be renamed, deleted, loaded. */
export function FinalFiguresTable({
  runs,
  ppoWindow,
}: {
  runs: readonly OverlayRun[];
  ppoWindow: number;
}) {
  const kept = useSavedRuns((state) => state.runs);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const isKept = (id: string) => kept.some((run) => run.id === id);
  const originOf = (id: string) => kept.find((run) => run.id === id)?.origin;

  const remove = (run: OverlayRun) => {
    useSavedRuns.getState().remove(run.id);
    setStatus(`Deleted “${run.name}”.`);
  };
  const load = (run: OverlayRun) => {
    const saved = kept.find((r) => r.id === run.id);
    if (!saved) return;
    useConfigStore.getState().applyQuery(configToQuery(saved.config));
    setStatus(`Loaded the settings of “${run.name}”.`);
  };

  return (
    <>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-label="Final figures per run (scrolls sideways)"
      >
        <table className="data-table sim-table">
          <caption className="sim-table-caption">
            Final figures per run. PPO’s KL is the mean of its last iterations ({ppoWindow} for the
            current run); “—”: not measured in that run.
          </caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {COLUMNS.map((c) => (
                <th key={c.header} scope="col">
                  {c.header}
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  {renaming === run.id ? (
                    <RenameForm
                      run={run}
                      onDone={(message) => {
                        setRenaming(null);
                        if (message) setStatus(message);
                      }}
                    />
                  ) : (
                    <RunLabel name={run.name} origin={originOf(run.id)} />
                  )}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.header}>{c.cell(run.figures.finals)}</td>
                ))}
                <td>
                  {isKept(run.id) && renaming !== run.id ? (
                    <span className="sim-row-actions">
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Rename “${run.name}”`}
                        onClick={() => setRenaming(run.id)}
                      >
                        Rename
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Delete “${run.name}”`}
                        onClick={() => remove(run)}
                      >
                        Delete
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Load settings of “${run.name}”`}
                        onClick={() => load(run)}
                      >
                        Load settings
                      </button>
                    </span>
                  ) : isKept(run.id) ? null : (
                    <span className="muted">not kept</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
    </>
  );
}
