/**
 * The runs store: per training stage, what the pages draw — status, progress, the
 * metric series, the checkpoint, the measured summary, and any message.
 *
 * Where a run comes from:
 * - `shipped`: the default run, produced by this same core (`npm run checkpoints`)
 *   and served from /default-run/, so a page shows real curves at once;
 * - `live`: trained now in the Worker ("train live", another seed, another config).
 * A stage already trained for the same configuration is not trained again; a stage
 * whose inputs (STAGE_INPUTS: SFT needs pretraining; the reward model and DPO need
 * SFT; PPO needs the reward model) are missing for the configuration trains them first.
 */
import { create } from 'zustand';
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint } from '../sim/stages/types';
import {
  STAGE_INPUTS,
  TRAIN_STAGES,
  type StageMetricsMap,
  type StageSummary,
  type TrainStage,
  type StageResponse,
} from '../worker/protocol';
import { getTrainingWorker, setWorkerListener } from '../worker/client';
import { stallLimitMs } from './stallLimit';
import { datasetKeys, stageDatasets, useDatasetsStore, type Datasets } from './datasets';

export type RunStatus =
  'idle' | 'loading' | 'running' | 'completed' | 'diverged' | 'cancelled' | 'error';

export interface StageRun<S extends TrainStage = TrainStage> {
  status: RunStatus;
  source: 'shipped' | 'live' | null;
  /** Identity of the configuration this run belongs to (see stageKey). */
  key: string | null;
  metrics: StageMetricsMap[S][];
  /** 0..1 */
  progress: number;
  checkpoint: Checkpoint | null;
  summary: StageSummary | null;
  message: string | null;
}

export const STAGES: readonly TrainStage[] = TRAIN_STAGES;

/** Every stage's run, each with its own kind of metrics. */
export type StageRuns = { [S in TrainStage]: StageRun<S> };

const emptyRun = <S extends TrainStage>(): StageRun<S> => ({
  status: 'idle',
  source: null,
  key: null,
  metrics: [],
  progress: 0,
  checkpoint: null,
  summary: null,
  message: null,
});

/**
 * What a stage's result depends on: the part of the config for it and every earlier
 * stage, and the student's imported datasets it trains on (none: the built-in data,
 * and the key of the shipped default run).
 */
export function stageKey(
  stage: TrainStage,
  config: PipelineConfig,
  datasets: Datasets = useDatasetsStore.getState(),
): string {
  const { seed, model, data } = config;
  const parts: Record<string, unknown> = { seed, model, data };
  for (const s of [...STAGE_INPUTS[stage], stage]) parts[s] = config[s];
  const userData = datasetKeys(stage, datasets);
  if (Object.keys(userData).length > 0) parts.userData = userData;
  return JSON.stringify(parts);
}

interface RunsState {
  stages: StageRuns;
  /** The run in the Worker now, if any. */
  active: { runId: string; stage: TrainStage; queue: TrainStage[]; config: PipelineConfig } | null;
  /** Trains `stage` for `config` (and earlier stages it needs). `force` retrains. */
  train(stage: TrainStage, config: PipelineConfig, options?: { force?: boolean }): void;
  /** Trains every stage for `config` in pipeline order (those not already trained for it). */
  trainAll(config: PipelineConfig, options?: { force?: boolean }): void;
  cancel(): void;
  /** Installs a finished run (the shipped default). */
  install(stage: TrainStage, run: StageRun): void;
  handle(message: StageResponse): void;
}

let runCounter = 0;

export const useRunsStore = create<RunsState>()((set, get) => ({
  stages: {
    pretrain: emptyRun(),
    sft: emptyRun(),
    reward: emptyRun(),
    ppo: emptyRun(),
    dpo: emptyRun(),
  },
  active: null,

  train(stage, config, options = {}) {
    const state = get();
    if (state.active) get().cancel();
    const queue: TrainStage[] = [];
    for (const s of [...STAGE_INPUTS[stage], stage]) {
      const run = get().stages[s];
      const fresh = run.key === stageKey(s, config) && run.status === 'completed' && run.checkpoint;
      if (s === stage) {
        if (!fresh || options.force) queue.push(s);
      } else if (!fresh) queue.push(s);
    }
    if (queue.length === 0) return;
    startNext(queue, config);
  },

  trainAll(config, options = {}) {
    if (get().active) get().cancel();
    const queue = STAGES.filter((s) => {
      const run = get().stages[s];
      const fresh = run.key === stageKey(s, config) && run.status === 'completed' && run.checkpoint;
      return options.force || !fresh;
    });
    if (queue.length > 0) startNext(queue, config);
  },

  cancel() {
    const active = get().active;
    if (!active) return;
    getTrainingWorker().post({ type: 'cancel', runId: active.runId });
    set((s) => ({
      active: null,
      stages: {
        ...s.stages,
        [active.stage]: { ...s.stages[active.stage], status: 'cancelled', message: 'Cancelled.' },
      },
    }));
  },

  install(stage, run) {
    set((s) => ({ stages: { ...s.stages, [stage]: run } }));
  },

  handle(message) {
    const active = get().active;
    if (!active || message.runId !== active.runId) return; // a stale message from a replaced run
    const stage = message.stage;
    const update = (patch: Partial<StageRun>) =>
      set((s) => ({ stages: { ...s.stages, [stage]: { ...s.stages[stage], ...patch } } }));
    const current = get().stages[stage];
    switch (message.type) {
      case 'metrics':
        update({ metrics: [...current.metrics, ...message.metrics] as StageRun['metrics'] });
        break;
      case 'progress':
        update({ progress: message.step / message.totalSteps });
        break;
      case 'checkpoint':
        update({ checkpoint: message.checkpoint });
        break;
      case 'done': {
        update({
          status: message.status,
          progress: 1,
          summary: message.summary,
          message: message.message,
        });
        const rest = active.queue;
        set({ active: null });
        if (message.status === 'completed' && rest.length > 0) startNext(rest, active.config);
        break;
      }
      case 'cancelled':
        update({ status: 'cancelled', message: 'Cancelled.' });
        set({ active: null });
        break;
      case 'error':
        update({ status: 'error', message: message.message });
        set({ active: null });
        break;
    }
  },
}));

function startNext(queue: TrainStage[], config: PipelineConfig): void {
  const [stage, ...rest] = queue;
  const runId = `run-${++runCounter}`;
  const stages = useRunsStore.getState().stages;
  const bases: Partial<Record<TrainStage, Checkpoint>> = {};
  for (const s of STAGE_INPUTS[stage]) {
    const checkpoint = stages[s].checkpoint;
    if (checkpoint) bases[s] = checkpoint;
  }
  useRunsStore.setState((s) => ({
    active: { runId, stage, queue: rest, config },
    stages: {
      ...s.stages,
      [stage]: { ...emptyRun(), status: 'running', source: 'live', key: stageKey(stage, config) },
    },
  }));
  getTrainingWorker().post({
    type: 'start',
    runId,
    stage,
    config,
    bases,
    datasets: stageDatasets(stage, useDatasetsStore.getState()),
  });
}

setWorkerListener(
  (message) => useRunsStore.getState().handle(message),
  // The Worker crashed, failed to load or stalled: the run in it ends as an error (with Retry).
  (text) => {
    const active = useRunsStore.getState().active;
    if (active)
      useRunsStore
        .getState()
        .handle({ type: 'error', runId: active.runId, stage: active.stage, message: text });
  },
  () => {
    const active = useRunsStore.getState().active;
    return active ? stallLimitMs(active.stage, active.config) : null;
  },
);
