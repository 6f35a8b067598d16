/** Runs-store states for component tests: no Worker, no training, just data. */
import { vi } from 'vitest';
import { DEFAULT_CONFIG, type PipelineConfig, type StepMetrics } from '../../src/sim';
import { stageKey, useRunsStore, type StageRun, type StageRuns } from '../../src/store/runs';
import { flushRunsView } from '../../src/store/runsView';
import type { TrainStage } from '../../src/worker/protocol';

export function makeMetrics(steps: number, evalEvery = 5, from = 6, to = 2): StepMetrics[] {
  return Array.from({ length: steps }, (_, i) => {
    const loss = from + ((to - from) * i) / Math.max(1, steps - 1);
    const m: StepMetrics = {
      step: i + 1,
      loss,
      perplexity: Math.exp(loss),
      learningRate: 0.001,
      gradNorm: 1,
      tokensSeen: (i + 1) * 100,
    };
    if ((i + 1) % evalEvery === 0 || i === steps - 1) {
      m.heldOutLoss = loss + 0.3;
      m.heldOutPerplexity = Math.exp(loss + 0.3);
    }
    return m;
  });
}

/** A completed language-model run (pretraining or SFT metrics). */
export function makeRun<S extends 'pretrain' | 'sft'>(
  stage: S,
  patch: Partial<StageRun<S>> = {},
  config: PipelineConfig = DEFAULT_CONFIG,
): StageRun<S> {
  return {
    status: 'completed',
    source: 'shipped',
    key: stageKey(stage, config),
    metrics: makeMetrics(20),
    progress: 1,
    checkpoint: null,
    summary: null,
    message: 'completed 20 steps',
    ...patch,
  };
}

export const idleRun = <S extends TrainStage>(): StageRun<S> => ({
  status: 'idle',
  source: null,
  key: null,
  metrics: [],
  progress: 0,
  checkpoint: null,
  summary: null,
  message: null,
});

/** Puts `stages` (and `active`) into the runs store with spy actions, and publishes them now. */
export function setRuns(
  stages: Partial<StageRuns>,
  active: ReturnType<typeof useRunsStore.getState>['active'] = null,
) {
  const train = vi.fn();
  const trainAll = vi.fn();
  const cancel = vi.fn();
  useRunsStore.setState({
    stages: {
      pretrain: idleRun(),
      sft: idleRun(),
      reward: idleRun(),
      ppo: idleRun(),
      dpo: idleRun(),
      ...stages,
    } as StageRuns,
    active,
    train,
    trainAll,
    cancel,
  });
  flushRunsView();
  return { train, trainAll, cancel };
}
