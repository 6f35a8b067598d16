/**
 * The run file: one run's metrics as JSON. "Download run (JSON)" on a stage page
 * writes it, `npm run pipeline -- --out run.json` writes it, and the Simulator's
 * "Import a run (JSON)" reads either. Format version 1:
 *
 *   {
 *     "format": "pipeline-lab/run",
 *     "version": 1,
 *     "source": "app",                       // or "cli"; absent: the CLI
 *     "createdAt": "2025-05-02T09:30:00.000Z", // optional
 *     "app": { "name": "Pipeline Lab", "version": "0.1.0" },   // the app's files
 *     "name": "seed 7, lr 0.003",            // optional label
 *     "config": { "seed": 7, "model": { … }, "pretrain": { … }, … },  // every setting
 *     "stages": ["pretrain", "sft", "reward", "ppo", "dpo"],          // those present
 *     "pretrain": {
 *       "status": "completed", "message": "completed 400 steps",
 *       "metrics": [ { "step": 1, "loss": 6.93, "perplexity": 1028, … }, … ],  // one per step
 *       "unigramLoss": 6.0, …                 // the stage's summary figures
 *     },
 *     "sft": { …, "formatRate": 0.93 },
 *     "reward": { …, "finalTrain": { "accuracy": … }, "finalHeldOut": { "accuracy": … } },
 *     "ppo": { …, "metrics": [ { "iteration": 1, "score": …, "klK1": … } ],
 *              "heldOut": { "before": [ { "score": …, "goldScore": … } ], "after": [ … ] } },
 *     "dpo": { …, "finalHeldOut": { "rewardAccuracy": … }, "finalKl": { "sequence": … } }
 *   }
 *
 * - No weights: a run file is for reading and comparing, not for training further
 *   (the weights are 3.5 MB of float32 per run; the metrics are ~150 KB).
 * - A metric that was not a finite number (the step a run diverged) is written as null.
 * - Reading is strict and says what is wrong: malformed JSON, another format or a
 *   newer version, a missing setting, a missing or non-numeric metric, a number too
 *   large to be finite ("1e999"). Up to MAX_LISTED problems are listed. Fields beyond
 *   those the comparison needs are optional, so files from other versions still read.
 * - CLI files written before the format had "format"/"version" are read too: an
 *   object with "config" and a stage holding "metrics" is taken for one.
 */
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  getConfigValue,
  setConfigValue,
  validateConfig,
  type PipelineConfig,
} from '../sim/config';
import { RUN_FILE_FORMAT, RUN_FILE_VERSION } from '../sim/runFormat';
import { stageKey, type RunStatus, type StageRun, type StageRuns } from '../store/runs';
import {
  TRAIN_STAGES,
  type AnyStageMetrics,
  type StageMetricsMap,
  type TrainStage,
} from '../worker/protocol';
import { toJsonText } from './jsonText';

export { RUN_FILE_FORMAT, RUN_FILE_VERSION };
/** The session file's format name (sessionFile.ts), recognised here to point the reader there. */
export const SESSION_FILE_FORMAT = 'pipeline-lab/session';
export const APP_NAME = 'Pipeline Lab';
/** Problems listed at most; the rest are counted. */
export const MAX_LISTED = 8;
/** Most metric records read per stage (the largest configuration trains far fewer). */
export const MAX_RECORDS = 200_000;

export type RunSource = 'app' | 'cli';

/** The summary figures the comparison quotes (a narrow view of StageSummary). */
export interface RunSummaryFigures {
  unigramLoss?: number;
  formatRate?: number;
  reward?: {
    finalTrain?: { accuracy: number };
    finalHeldOut?: { accuracy: number } | null;
  };
  ppo?: {
    heldOut?: {
      before: readonly { score: number; goldScore: number }[];
      after: readonly { score: number; goldScore: number }[];
    };
  };
  dpo?: {
    finalHeldOut?: { rewardAccuracy: number } | null;
    finalKl?: { sequence: number };
  };
}

export interface ParsedStage<S extends TrainStage = TrainStage> {
  status: RunStatus;
  message: string;
  /**
   * One record per step. Fields the file left null (non-finite in the run) are NaN;
   * fields beyond REQUIRED_FIELDS may be absent in files from other versions.
   */
  metrics: StageMetricsMap[S][];
  summary: RunSummaryFigures;
}

export type ParsedStages = { [S in TrainStage]?: ParsedStage<S> };

export interface ParsedRun {
  source: RunSource;
  createdAt: string | null;
  appVersion: string | null;
  name: string | null;
  config: PipelineConfig;
  stages: ParsedStages;
}

export type ParseResult = { ok: true; run: ParsedRun } | { ok: false; errors: string[] };

/** The field that numbers a stage's records. */
export const STEP_FIELD: Record<TrainStage, 'step' | 'iteration'> = {
  pretrain: 'step',
  sft: 'step',
  reward: 'step',
  ppo: 'iteration',
  dpo: 'step',
};

/** Fields every record must have (a number, or null for a non-finite value). */
export const REQUIRED_FIELDS: Record<TrainStage, readonly string[]> = {
  pretrain: ['loss'],
  sft: ['loss'],
  reward: ['loss', 'accuracy'],
  ppo: ['score', 'goldScore', 'klK1', 'entropy', 'clipFraction'],
  dpo: ['loss'],
};

const STATUSES: readonly RunStatus[] = ['completed', 'diverged', 'cancelled', 'error'];

// ── Writing ───────────────────────────────────────────────────────────────────────

export interface RunFileMeta {
  createdAt: string;
  appVersion: string;
  name?: string;
}

/** A stage's block: status, message, metrics, and its summary figures (no weights). */
function stageBlock(stage: TrainStage, run: StageRun): Record<string, unknown> {
  const block: Record<string, unknown> = {
    status: run.status,
    message: run.message ?? '',
    metrics: run.metrics,
  };
  const s = run.summary;
  if (!s) return block;
  switch (stage) {
    case 'pretrain': {
      const { unigramLoss, compression, trainTokens, heldOutTokens, probes } = s;
      return { ...block, unigramLoss, compression, trainTokens, heldOutTokens, probes };
    }
    case 'sft':
      return { ...block, formatRate: s.formatRate, answers: s.answers };
    case 'reward':
      return { ...block, ...s.reward };
    case 'ppo':
      // The last rollout's token-by-token trace stays out: it is large and per token.
      return { ...block, heldOut: s.ppo?.heldOut, snapshots: s.ppo?.snapshots };
    case 'dpo':
      return { ...block, ...s.dpo };
  }
}

/** The stages of `config`'s run that have finished records to write. */
export function exportableStages(stages: StageRuns, config: PipelineConfig): TrainStage[] {
  return TRAIN_STAGES.filter((stage) => {
    const run = stages[stage];
    return (
      run.key === stageKey(stage, config) && run.metrics.length > 0 && STATUSES.includes(run.status)
    );
  });
}

/** The run file of `config`'s run (every stage of it that has finished records). */
export function buildRunFile(
  stages: StageRuns,
  config: PipelineConfig,
  meta: RunFileMeta,
): Record<string, unknown> {
  const present = exportableStages(stages, config);
  const file: Record<string, unknown> = {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    source: 'app',
    createdAt: meta.createdAt,
    app: { name: APP_NAME, version: meta.appVersion },
    name: meta.name,
    config,
    stages: present,
  };
  for (const stage of present) file[stage] = stageBlock(stage, stages[stage]);
  return file;
}

export function runFileText(file: Record<string, unknown>): string {
  return toJsonText(file);
}

// ── Reading ───────────────────────────────────────────────────────────────────────

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A value, named for a message: "the text "abc"", "null", "an object". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : 'a number too large to be finite';
  }
  if (typeof value === 'string') {
    const short = value.length > 24 ? `${value.slice(0, 24)}…` : value;
    return `the text "${short}"`;
  }
  if (typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** Collects problems; stops listing (but keeps counting) past MAX_LISTED. */
export class Problems {
  readonly listed: string[] = [];
  count = 0;
  add(message: string): void {
    this.count++;
    if (this.listed.length < MAX_LISTED) this.listed.push(message);
  }
  get any(): boolean {
    return this.count > 0;
  }
  /** The messages, with "…and N more." when some were not listed. */
  messages(): string[] {
    const more = this.count - this.listed.length;
    return more > 0
      ? [...this.listed, `…and ${more} more ${more === 1 ? 'problem' : 'problems'}.`]
      : [...this.listed];
  }
}

/** A finite number at `path`, or a problem. `optional`: absence is fine. */
function numberAt(
  value: unknown,
  path: string,
  problems: Problems,
  options: { optional?: boolean; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined && options.optional) return undefined;
  if (!isFiniteNumber(value)) {
    problems.add(
      value === undefined
        ? `${path} is missing.`
        : `${path} is ${describeValue(value)}, not a finite number.`,
    );
    return undefined;
  }
  if (
    (options.min !== undefined && value < options.min) ||
    (options.max !== undefined && value > options.max)
  ) {
    problems.add(`${path} = ${value} is outside ${options.min ?? '−∞'}–${options.max ?? '∞'}.`);
    return undefined;
  }
  return value;
}

/** The configuration a file names, checked against every setting's range. */
export function checkConfig(
  value: unknown,
  path: string,
  problems: Problems,
): PipelineConfig | null {
  if (!isRecord(value)) {
    problems.add(
      value === undefined
        ? `${path} is missing: the file must hold the settings that made the run.`
        : `${path} is ${describeValue(value)}, not the settings object.`,
    );
    return null;
  }
  const before = problems.count;
  let config = structuredClone(DEFAULT_CONFIG);
  const missing: string[] = [];
  for (const field of CONFIG_FIELDS) {
    const v = getConfigValue(value as unknown as PipelineConfig, field.path);
    if (v === undefined) missing.push(field.path);
    else {
      const n = numberAt(v, `${path}.${field.path}`, problems);
      if (n !== undefined) config = setConfigValue(config, field.path, n);
    }
  }
  // One problem for all missing settings: a file from elsewhere may lack dozens.
  if (missing.length === 1) problems.add(`${path}.${missing[0]} is missing.`);
  else if (missing.length > 1) {
    const more = missing.length > 4 ? ` and ${missing.length - 4} more` : '';
    problems.add(
      `${path} lacks ${missing.length} settings: ${missing.slice(0, 4).join(', ')}${more}.`,
    );
  }
  // Not a knob, but part of the config: kept when sensible, else the default.
  const upsampling = getConfigValue(value as unknown as PipelineConfig, 'data.factUpsampling');
  if (isFiniteNumber(upsampling) && upsampling >= 0 && upsampling <= 1) {
    config = setConfigValue(config, 'data.factUpsampling', upsampling);
  }
  if (problems.count > before) return null;
  const issues = validateConfig(config);
  for (const issue of issues) problems.add(`${path}: ${issue.message}.`);
  return issues.length === 0 ? config : null;
}

function checkRecords<S extends TrainStage>(
  stage: S,
  value: unknown,
  problems: Problems,
): StageMetricsMap[S][] | null {
  const path = `${stage}.metrics`;
  if (!Array.isArray(value)) {
    problems.add(
      value === undefined
        ? `${path} is missing: a stage needs its list of per-step metrics.`
        : `${path} is ${describeValue(value)}, not a list of per-step metrics.`,
    );
    return null;
  }
  if (value.length > MAX_RECORDS) {
    problems.add(`${path} has ${value.length} records; at most ${MAX_RECORDS} are read.`);
    return null;
  }
  const before = problems.count;
  const stepField = STEP_FIELD[stage];
  const records: AnyStageMetrics[] = [];
  let previous = -Infinity;
  value.forEach((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) {
      problems.add(`${at} is ${describeValue(item)}, not a record of metrics.`);
      return;
    }
    const record: Record<string, unknown> = {};
    const step = item[stepField];
    if (!isFiniteNumber(step) || !Number.isInteger(step) || step < 0) {
      problems.add(
        `${at}.${stepField} is ${describeValue(step)}, not a step number (a whole number ≥ 0).`,
      );
    } else if (step <= previous) {
      problems.add(
        `${at}.${stepField} = ${step} does not follow ${previous}: steps must increase.`,
      );
    } else previous = step;
    for (const field of REQUIRED_FIELDS[stage]) {
      if (!(field in item)) problems.add(`${at}.${field} is missing.`);
    }
    for (const [key, v] of Object.entries(item)) {
      if (key === 'timing') continue; // wall-clock figures: not compared, not kept
      if (v === null)
        record[key] = Number.NaN; // written for a non-finite value
      else if (isFiniteNumber(v)) record[key] = v;
      else problems.add(`${at}.${key} is ${describeValue(v)}, not a finite number (or null).`);
    }
    records.push(record as unknown as AnyStageMetrics);
  });
  return problems.count > before ? null : (records as StageMetricsMap[S][]);
}

function checkScored(value: unknown, path: string, problems: Problems) {
  if (!Array.isArray(value)) {
    problems.add(`${path} is ${describeValue(value)}, not a list of answers.`);
    return [];
  }
  return value.map((item: unknown, i) => {
    const record = isRecord(item) ? item : {};
    if (!isRecord(item)) problems.add(`${path}[${i}] is ${describeValue(item)}, not an answer.`);
    return {
      score: numberAt(record.score, `${path}[${i}].score`, problems) ?? Number.NaN,
      goldScore: numberAt(record.goldScore, `${path}[${i}].goldScore`, problems) ?? Number.NaN,
    };
  });
}

/** The optional summary figures of a stage block, checked when present. */
function checkSummary(
  stage: TrainStage,
  block: Record<string, unknown>,
  problems: Problems,
): RunSummaryFigures {
  const summary: RunSummaryFigures = {};
  const object = (key: string, nullable: boolean): Record<string, unknown> | null | undefined => {
    const v = block[key];
    if (v === undefined || (nullable && v === null)) return v as null | undefined;
    if (isRecord(v)) return v;
    problems.add(`${stage}.${key} is ${describeValue(v)}, not an object.`);
    return undefined;
  };
  switch (stage) {
    case 'pretrain':
      summary.unigramLoss = numberAt(block.unigramLoss, 'pretrain.unigramLoss', problems, {
        optional: true,
        min: 0,
      });
      break;
    case 'sft':
      summary.formatRate = numberAt(block.formatRate, 'sft.formatRate', problems, {
        optional: true,
        min: 0,
        max: 1,
      });
      break;
    case 'reward': {
      const train = object('finalTrain', false);
      const held = object('finalHeldOut', true);
      const share = { min: 0, max: 1 };
      summary.reward = {
        finalTrain: train
          ? {
              accuracy:
                numberAt(train.accuracy, 'reward.finalTrain.accuracy', problems, share) ?? 0,
            }
          : undefined,
        finalHeldOut:
          held === null
            ? null
            : held
              ? {
                  accuracy:
                    numberAt(held.accuracy, 'reward.finalHeldOut.accuracy', problems, share) ?? 0,
                }
              : undefined,
      };
      break;
    }
    case 'ppo': {
      const heldOut = object('heldOut', false);
      summary.ppo = heldOut
        ? {
            heldOut: {
              before: checkScored(heldOut.before, 'ppo.heldOut.before', problems),
              after: checkScored(heldOut.after, 'ppo.heldOut.after', problems),
            },
          }
        : {};
      break;
    }
    case 'dpo': {
      const held = object('finalHeldOut', true);
      const kl = object('finalKl', false);
      summary.dpo = {
        finalHeldOut:
          held === null
            ? null
            : held
              ? {
                  rewardAccuracy:
                    numberAt(held.rewardAccuracy, 'dpo.finalHeldOut.rewardAccuracy', problems, {
                      min: 0,
                      max: 1,
                    }) ?? 0,
                }
              : undefined,
        finalKl: kl
          ? { sequence: numberAt(kl.sequence, 'dpo.finalKl.sequence', problems) ?? 0 }
          : undefined,
      };
      break;
    }
  }
  return summary;
}

function checkStage<S extends TrainStage>(
  stage: S,
  value: unknown,
  problems: Problems,
): ParsedStage<S> | null {
  if (!isRecord(value)) {
    problems.add(`${stage} is ${describeValue(value)}, not a stage's results.`);
    return null;
  }
  const status = value.status ?? 'completed';
  if (!STATUSES.includes(status as RunStatus)) {
    problems.add(
      `${stage}.status is ${describeValue(value.status)}; expected one of ${STATUSES.join(', ')}.`,
    );
  }
  const message = value.message ?? '';
  if (typeof message !== 'string') problems.add(`${stage}.message is not text.`);
  const metrics = checkRecords(stage, value.metrics, problems);
  const summary = checkSummary(stage, value, problems);
  if (!metrics || typeof message !== 'string' || !STATUSES.includes(status as RunStatus)) {
    return null;
  }
  return { status: status as RunStatus, message, metrics, summary };
}

/** Whether an object without "format" looks like a CLI run file written before it had one. */
function looksLikeOldCliFile(value: Record<string, unknown>): boolean {
  return (
    isRecord(value.config) &&
    TRAIN_STAGES.some((s) => isRecord(value[s]) && Array.isArray(value[s].metrics))
  );
}

/** A run file's content (already parsed JSON), checked. */
export function checkRunFile(value: unknown): ParseResult {
  const problems = new Problems();
  if (!isRecord(value)) {
    return { ok: false, errors: ['The file does not hold a run: expected a JSON object.'] };
  }
  if (value.format === SESSION_FILE_FORMAT) {
    return {
      ok: false,
      errors: ['This is a session file, not a run: open it with “Open a session file”.'],
    };
  }
  if (value.format === undefined) {
    if (!looksLikeOldCliFile(value)) {
      return {
        ok: false,
        errors: [
          `The file is not a Pipeline Lab run: it has no "format" field (expected "${RUN_FILE_FORMAT}").`,
        ],
      };
    }
  } else if (value.format !== RUN_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        `The file's format is ${describeValue(value.format)}, not a Pipeline Lab run ("${RUN_FILE_FORMAT}").`,
      ],
    };
  } else if (value.version !== RUN_FILE_VERSION) {
    const v = value.version;
    return {
      ok: false,
      errors: [
        isFiniteNumber(v) && v > RUN_FILE_VERSION
          ? `The run file is version ${v}, written by a newer Pipeline Lab; this one reads version ${RUN_FILE_VERSION}.`
          : `The run file's version is ${describeValue(v)}; this Pipeline Lab reads version ${RUN_FILE_VERSION}.`,
      ],
    };
  }

  const source = value.source ?? 'cli';
  if (source !== 'app' && source !== 'cli') {
    problems.add(`source is ${describeValue(value.source)}; expected "app" or "cli".`);
  }
  let createdAt: string | null = null;
  if (value.createdAt !== undefined) {
    if (typeof value.createdAt === 'string' && !Number.isNaN(Date.parse(value.createdAt))) {
      createdAt = value.createdAt;
    } else problems.add(`createdAt is ${describeValue(value.createdAt)}, not a date.`);
  }
  let name: string | null = null;
  if (value.name !== undefined) {
    if (typeof value.name === 'string') name = value.name;
    else problems.add(`name is ${describeValue(value.name)}, not text.`);
  }
  const app = isRecord(value.app) ? value.app : {};
  const appVersion = typeof app.version === 'string' ? app.version.slice(0, 40) : null;

  const config = checkConfig(value.config, 'config', problems);
  const stages: ParsedStages = {};
  for (const stage of TRAIN_STAGES) {
    if (value[stage] === undefined || value[stage] === null) continue;
    const parsed = checkStage(stage, value[stage], problems);
    if (parsed) (stages as Record<TrainStage, ParsedStage>)[stage] = parsed;
  }
  const present = TRAIN_STAGES.filter((s) => value[s] !== undefined && value[s] !== null);
  if (present.length === 0) {
    problems.add(
      `The file holds no stage: expected at least one of ${TRAIN_STAGES.join(', ')} with its "metrics".`,
    );
  }
  if (problems.any || !config) return { ok: false, errors: problems.messages() };
  return {
    ok: true,
    run: { source: source as RunSource, createdAt, appVersion, name, config, stages },
  };
}

/** A run file's text, parsed and checked. */
export function parseRunFile(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, errors: [`The file is not valid JSON${detail}.`] };
  }
  return checkRunFile(value);
}

/** The stages present in a parsed run, in pipeline order. */
export function parsedStages(run: ParsedRun): TrainStage[] {
  return TRAIN_STAGES.filter((s) => run.stages[s] !== undefined);
}
