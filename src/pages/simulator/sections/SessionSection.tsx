import { useId, useState, type ChangeEvent } from 'react';
import { Section } from '../../../components/page/Section';
import { useResolvedTheme } from '../../../components/theme/useResolvedTheme';
import { downloadText, formatBytes } from '../../../export/download';
import { readTextFile } from '../../../export/readFile';
import { parsedStages } from '../../../export/runFile';
import {
  MAX_SESSION_BYTES,
  parseSessionFile,
  type ParsedSession,
} from '../../../export/sessionFile';
import { useSavedRuns } from '../../../store/savedRuns';
import '../exchange.css';
import { makeSession, openSession } from '../session';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a checked session holds, in one sentence. */
function describeSession(session: ParsedSession): string {
  const when = session.createdAt ? `saved ${dateTime.format(new Date(session.createdAt))}` : '';
  const by = session.appVersion ? ` by Pipeline Lab ${session.appVersion}` : '';
  const current = session.currentRun
    ? `the current run (${plural(parsedStages(session.currentRun).length, 'stage')})`
    : 'no current run';
  const parts = [
    'the settings',
    plural(session.keptRuns.length, 'kept run'),
    current,
    plural(session.chartCount, 'chart'),
  ];
  return `${when}${by}${when || by ? ': ' : ''}${parts.join(', ')}.`;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'downloaded'; text: string }
  | { kind: 'confirm'; fileName: string; session: ParsedSession }
  | { kind: 'opened'; text: string }
  | { kind: 'refused'; fileName: string; errors: string[] }
  | { kind: 'failed'; text: string };

/**
 * "Download my session" and "Open a session file" (src/export/sessionFile.ts): one
 * file a student hands in — settings, kept runs, the current run's metrics, the
 * comparison charts — and opens again. Opening checks the whole file, says what it
 * holds and what it replaces, and changes nothing until confirmed (or on any error).
 */
export function SessionSection() {
  const id = useId();
  const theme = useResolvedTheme();
  const keptCount = useSavedRuns((s) => s.runs.length);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const download = async () => {
    setState({ kind: 'busy' });
    try {
      const made = await makeSession(theme);
      downloadText(made.fileName, made.text, 'application/json');
      const bytes = new Blob([made.text]).size;
      const failed =
        made.chartsFailed > 0 ? ` (${plural(made.chartsFailed, 'chart')} could not be drawn)` : '';
      const current =
        made.currentStages > 0
          ? `the current run’s metrics (${plural(made.currentStages, 'stage')})`
          : 'no current run';
      setState({
        kind: 'downloaded',
        text: `Downloaded ${made.fileName} (${formatBytes(bytes)}): the settings, ${plural(made.keptRuns, 'kept run')}, ${current} and ${plural(made.charts, 'chart')}${failed}.`,
      });
    } catch (error) {
      const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
      setState({ kind: 'failed', text: `The session file could not be made${detail}.` });
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const read = await readTextFile(file, MAX_SESSION_BYTES);
    const parsed = read.ok
      ? parseSessionFile(read.text)
      : { ok: false as const, errors: [read.error] };
    setState(
      parsed.ok
        ? { kind: 'confirm', fileName: file.name, session: parsed.session }
        : { kind: 'refused', fileName: file.name, errors: parsed.errors },
    );
  };

  const confirm = (fileName: string, session: ParsedSession) => {
    const notes = openSession(session, fileName);
    setState({
      kind: 'opened',
      text: [`Opened “${fileName}”: its settings and kept runs are on this page.`, ...notes].join(
        ' ',
      ),
    });
  };

  const busy = state.kind === 'busy';
  return (
    <Section id="session" title="Hand in or open a session">
      <p>
        One file with your work on this page: the settings, the kept runs, the current run’s metrics
        and the comparison charts as images. It holds no model weights — training with the same
        settings reproduces them exactly. Hand it in, or open it here later.
      </p>
      <div className="sim-exchange sim-exchange-row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void download()}
        >
          {busy ? 'Preparing the session file…' : 'Download my session'}
        </button>
        <input
          id={id}
          className="sim-file-input"
          type="file"
          accept=".json,application/json"
          onChange={(event) => void choose(event)}
        />
        <label htmlFor={id} className="button sim-file-button">
          Open a session file
        </label>
      </div>
      {state.kind === 'confirm' && (
        <div className="sim-session-confirm" role="group" aria-labelledby={`${id}-summary`}>
          <p id={`${id}-summary`}>
            <strong>“{state.fileName}”</strong>, {describeSession(state.session)}
          </p>
          <p>
            Opening it replaces your settings
            {keptCount > 0 ? ` and your ${plural(keptCount, 'kept run')}` : ''}.
          </p>
          <div className="sim-exchange-row">
            <button
              type="button"
              className="button button--primary"
              onClick={() => confirm(state.fileName, state.session)}
            >
              Open this session
            </button>
            <button type="button" className="button" onClick={() => setState({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.kind === 'refused' && (
        <div className="sim-exchange-errors" role="alert">
          <p>“{state.fileName}” was not opened; nothing changed:</p>
          <ul>
            {state.errors.map((error, i) => (
              <li key={i}>{error}</li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="sim-exchange-errors" role="alert">
          <p>{state.text}</p>
        </div>
      )}
      <p className="sim-exchange-done" role="status">
        {state.kind === 'downloaded' || state.kind === 'opened' ? state.text : null}
      </p>
    </Section>
  );
}
