/**
 * Bring your own data: import a corpus, SFT pairs or preference pairs, see every
 * problem of a file with its line before anything changes, restore the built-in data,
 * and download whichever dataset is in use in the import formats.
 *
 * Files are read and validated on the main thread: parsing a 1 MB file takes
 * milliseconds (training, the slow part, runs in the Worker). Text from files is only
 * ever rendered as text.
 */
import { useId, useMemo, useState, type ChangeEvent } from 'react';
import { Section } from '../../../components/page/Section';
import {
  BpeTokenizer,
  KNOWLEDGE_BASE,
  buildCorpus,
  buildPreferencePairs,
  buildSftPairs,
  formatChat,
  USER_DATA_LIMITS,
  corpusToText,
  describeProblem,
  parseCorpus,
  parsePreferencePairs,
  parseSftPairs,
  preferencePairsToCsv,
  preferencePairsToJsonl,
  sftPairsToCsv,
  sftPairsToJsonl,
  type ContextCheck,
  type DataProblem,
  type RecordFormat,
} from '../../../sim';
import { downloadText } from '../../../export/download';
import { useConfigStore } from '../../../store/config';
import { useDatasetsStore, type DatasetKind } from '../../../store/datasets';
import { useRunsStore } from '../../../store/runs';

interface KindInfo {
  title: string;
  /** "documents", "pairs"… */
  unit: string;
  accept: string;
  importLabel: string;
  /** What the file must look like, in one sentence, with an example line. */
  format: string;
  example: string;
  /** Which stages train on it (and, through them, which later stages change). */
  usedBy: string;
}

const KINDS: Record<DatasetKind, KindInfo> = {
  corpus: {
    title: 'Pretraining corpus',
    unit: 'documents',
    accept: '.txt,text/plain',
    importLabel: 'Import a corpus (.txt)',
    format:
      'Plain UTF-8 text; separate documents with a blank line. At least ' +
      `${USER_DATA_LIMITS.minDocuments} documents and ${USER_DATA_LIMITS.minCorpusChars.toLocaleString('en')} characters, so some text can be held out.`,
    example: 'Warfarin is an anticoagulant…\n\nMetformin is first-line for type 2 diabetes…',
    usedBy: 'Pretraining (its tokenizer and model), and so every later stage.',
  },
  sft: {
    title: 'SFT pairs',
    unit: 'pairs',
    accept: '.jsonl,.json,.csv,application/json,text/csv',
    importLabel: 'Import SFT pairs (.jsonl or .csv)',
    format:
      'JSONL with one {"instruction", "response"} object per line, or CSV with the header ' +
      `instruction,response. At least ${USER_DATA_LIMITS.minPairs} pairs.`,
    example: '{"instruction": "Can I take ibuprofen with warfarin?", "response": "AVOID: …"}',
    usedBy: 'SFT, and so the reward model, PPO and DPO.',
  },
  preferences: {
    title: 'Preference pairs',
    unit: 'pairs',
    accept: '.jsonl,.json,.csv,application/json,text/csv',
    importLabel: 'Import preference pairs (.jsonl or .csv)',
    format:
      'JSONL with {"prompt", "chosen", "rejected"} and an optional "quality" per line, or CSV ' +
      `with the header prompt,chosen,rejected[,quality]. At least ${USER_DATA_LIMITS.minPairs} pairs.`,
    example:
      '{"prompt": "Codeine for a CYP2D6 ultra-rapid metaboliser?", "chosen": "AVOID: …", "rejected": "OK."}',
    usedBy: 'The reward model and DPO, and so PPO.',
  },
};

const ORDER: readonly DatasetKind[] = ['corpus', 'sft', 'preferences'];

/** The built-in dataset of a kind, in the import formats (what "Download" gives). */
function builtInFiles(
  kind: DatasetKind,
  config: ReturnType<typeof useConfigStore.getState>['config'],
) {
  if (kind === 'corpus') {
    const docs = buildCorpus(KNOWLEDGE_BASE, {
      phrasingsPerFact: config.data.phrasingsPerFact,
      seed: config.seed,
    });
    return { count: docs.length, txt: () => corpusToText(docs) };
  }
  if (kind === 'sft') {
    const pairs = buildSftPairs(KNOWLEDGE_BASE);
    return {
      count: pairs.length,
      jsonl: () => sftPairsToJsonl(pairs),
      csv: () => sftPairsToCsv(pairs),
    };
  }
  const pairs = buildPreferencePairs();
  return {
    count: pairs.length,
    jsonl: () => preferencePairsToJsonl(pairs),
    csv: () => preferencePairsToCsv(pairs),
  };
}

/**
 * Counts a (prompt, response) in the chat template with the tokenizer of the run shown
 * (the model pairs will be trained with, unless a new corpus changes it).
 */
function useContextCheck(): ContextCheck | undefined {
  const checkpoint = useRunsStore((s) => s.stages.pretrain.checkpoint);
  return useMemo(() => {
    if (!checkpoint) return undefined;
    const tokenizer = BpeTokenizer.fromJSON(checkpoint.tokenizer);
    return {
      tokens: (prompt: string, response: string) =>
        formatChat(tokenizer, prompt, response).ids.length - 1,
      contextLength: checkpoint.config.model.contextLength,
    };
  }, [checkpoint]);
}

type Outcome =
  | { kind: 'problems'; fileName: string; problems: DataProblem[] }
  | { kind: 'imported'; text: string }
  | null;

function DatasetRow({ kind }: { kind: DatasetKind }) {
  const id = useId();
  const info = KINDS[kind];
  const imported = useDatasetsStore((s) => s[kind]);
  const config = useConfigStore((s) => s.config);
  const check = useContextCheck();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const builtIn = useMemo(() => builtInFiles(kind, config), [kind, config]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again after fixing it
    if (!file) return;
    const fail = (problems: DataProblem[]) =>
      setOutcome({ kind: 'problems', fileName: file.name, problems });
    if (file.size > USER_DATA_LIMITS.maxBytes) {
      fail([
        {
          line: null,
          message: `The file is too large: ${(file.size / 1e6).toFixed(2)} MB; at most ${USER_DATA_LIMITS.maxBytes / 1e6} MB.`,
        },
      ]);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      fail([{ line: null, message: 'The file could not be read.' }]);
      return;
    }
    const format: RecordFormat = /\.csv$/i.test(file.name) ? 'csv' : 'jsonl';
    const store = useDatasetsStore.getState();
    if (kind === 'corpus') {
      const parsed = parseCorpus(text);
      if (!parsed.ok) return fail(parsed.problems);
      store.replace('corpus', file.name, parsed.value);
      setOutcome({
        kind: 'imported',
        text: `Imported ${parsed.value.length} documents from ${file.name}.`,
      });
    } else if (kind === 'sft') {
      const parsed = parseSftPairs(text, format, check);
      if (!parsed.ok) return fail(parsed.problems);
      store.replace('sft', file.name, parsed.value);
      setOutcome({
        kind: 'imported',
        text: `Imported ${parsed.value.length} pairs from ${file.name}.`,
      });
    } else {
      const parsed = parsePreferencePairs(text, format, check);
      if (!parsed.ok) return fail(parsed.problems);
      store.replace('preferences', file.name, parsed.value);
      setOutcome({
        kind: 'imported',
        text: `Imported ${parsed.value.length} pairs from ${file.name}.`,
      });
    }
  };

  const download = (format: 'jsonl' | 'csv' | 'txt') => {
    const base = imported ? imported.fileName.replace(/\.[^.]+$/, '') : `built-in-${kind}`;
    if (kind === 'corpus') {
      const text = imported
        ? corpusToText(imported.items as readonly { text: string }[])
        : (builtIn.txt?.() ?? '');
      downloadText(`${base}.txt`, text, 'text/plain');
      return;
    }
    const items = imported?.items;
    let text: string;
    if (kind === 'sft') {
      const pairs = items as Parameters<typeof sftPairsToJsonl>[0] | undefined;
      text = pairs
        ? format === 'csv'
          ? sftPairsToCsv(pairs)
          : sftPairsToJsonl(pairs)
        : ((format === 'csv' ? builtIn.csv : builtIn.jsonl)?.() ?? '');
    } else {
      const pairs = items as Parameters<typeof preferencePairsToJsonl>[0] | undefined;
      text = pairs
        ? format === 'csv'
          ? preferencePairsToCsv(pairs)
          : preferencePairsToJsonl(pairs)
        : ((format === 'csv' ? builtIn.csv : builtIn.jsonl)?.() ?? '');
    }
    downloadText(`${base}.${format}`, text, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
  };

  return (
    <li className="sim-data-row" data-source={imported ? 'user' : 'built-in'}>
      <h3 className="sim-data-title">{info.title}</h3>
      <p className="sim-data-source">
        {imported ? (
          <>
            <strong>Yours:</strong> {imported.fileName}, {imported.items.length} {info.unit}
          </>
        ) : (
          <>
            <strong>Built-in:</strong> {builtIn.count} {info.unit} from the pharmaceutical knowledge
            base
          </>
        )}
        . Used by: {info.usedBy}
      </p>
      <div className="sim-data-actions">
        <label className="button button--small sim-data-file" htmlFor={id}>
          {info.importLabel}
        </label>
        <input
          id={id}
          className="visually-hidden-file"
          type="file"
          accept={info.accept}
          onChange={(e) => void onFile(e)}
        />
        {imported && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              useDatasetsStore.getState().restore(kind);
              setOutcome({
                kind: 'imported',
                text: `Restored the built-in ${info.title.toLowerCase()}.`,
              });
            }}
          >
            Restore the built-in data
          </button>
        )}
        {kind === 'corpus' ? (
          <button type="button" className="button button--small" onClick={() => download('txt')}>
            Download (.txt)
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button button--small"
              onClick={() => download('jsonl')}
            >
              Download (.jsonl)
            </button>
            <button type="button" className="button button--small" onClick={() => download('csv')}>
              Download (.csv)
            </button>
          </>
        )}
      </div>
      <details className="sim-data-format">
        <summary>File format</summary>
        <p>{info.format}</p>
        <pre className="sim-data-example">{info.example}</pre>
      </details>
      {outcome?.kind === 'problems' && (
        <div className="sim-data-problems" role="alert">
          <p>
            <strong>
              Not imported: {outcome.fileName} has {outcome.problems.length}{' '}
              {outcome.problems.length === 1 ? 'problem' : 'problems'}.
            </strong>{' '}
            Nothing was changed.
          </p>
          <ol>
            {outcome.problems.map((p, i) => (
              <li key={i}>{describeProblem(p)}</li>
            ))}
          </ol>
        </div>
      )}
      {outcome?.kind === 'imported' && (
        <p className="sim-data-done" role="status">
          {outcome.text} Stages that use it train on it when you run them (Run all, above).
        </p>
      )}
    </li>
  );
}

function StorageNotice() {
  const notice = useDatasetsStore((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="notice-banner" role="alert">
      <p className="notice-title">{notice}</p>
      <button
        type="button"
        className="button button--small"
        onClick={() => useDatasetsStore.getState().dismissNotice()}
      >
        Dismiss
      </button>
    </div>
  );
}

export function DataSection() {
  return (
    <Section id="your-data" title="Your own data">
      <p>
        Train on your own text and examples instead of the built-in pharmaceutical data. A file is
        checked as a whole: every problem is listed with its line, and nothing is replaced until the
        whole file is valid. Runs are kept apart by the data they trained on. The pages’ data
        browsers (corpus, pairs) keep showing the built-in data; the charts show your runs.
      </p>
      <StorageNotice />
      <ul className="sim-data-list">
        {ORDER.map((kind) => (
          <DatasetRow key={kind} kind={kind} />
        ))}
      </ul>
    </Section>
  );
}
