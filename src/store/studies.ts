/**
 * The studies store: the Challenges page's experiments, each run in the study Worker
 * from the checkpoints of the run the app shows (the shipped default run or a live
 * one). One study runs at a time; starting another cancels it.
 */
import { create } from 'zustand';
import type { PipelineConfig } from '../sim/config';
import type { Checkpoint } from '../sim/stages/types';
import { getStudyWorker, setStudyListener } from '../worker/client';
import {
  STUDY_INPUTS,
  type StudyKind,
  type StudyRequest,
  type StudyResponse,
  type StudyResultMap,
  type TrainStage,
} from '../worker/protocol';
import { useRunsStore } from './runs';

export type StudyStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface StudyState<K extends StudyKind = StudyKind> {
  status: StudyStatus;
  progress: { done: number; total: number; note: string } | null;
  result: StudyResultMap[K] | null;
  /** Why it failed or what is missing, in words. */
  message: string | null;
  /** What was asked for (to show next to the result). */
  request: StudyRequest | null;
}

export type Studies = { [K in StudyKind]: StudyState<K> };

const idle = <K extends StudyKind>(): StudyState<K> => ({
  status: 'idle',
  progress: null,
  result: null,
  message: null,
  request: null,
});

interface StudiesStore {
  studies: Studies;
  active: { runId: string; kind: StudyKind } | null;
  run(study: StudyRequest, config: PipelineConfig): void;
  cancel(): void;
  handle(message: StudyResponse): void;
}

let counter = 0;

const STAGE_WORDS: Record<TrainStage, string> = {
  pretrain: 'pretraining',
  sft: 'SFT',
  reward: 'reward model',
  ppo: 'PPO',
  dpo: 'DPO',
};

export const useStudiesStore = create<StudiesStore>()((set, get) => ({
  studies: {
    annotation: idle(),
    labelCost: idle(),
    rewardHacking: idle(),
    distributionShift: idle(),
    annotator: idle(),
  },
  active: null,

  run(study, config) {
    if (get().active) get().cancel();
    const kind = study.kind;
    const runs = useRunsStore.getState().stages;
    const bases: Partial<Record<TrainStage, Checkpoint>> = {};
    const missing: TrainStage[] = [];
    for (const stage of STUDY_INPUTS[kind]) {
      const checkpoint = runs[stage].checkpoint;
      if (checkpoint) bases[stage] = checkpoint;
      else missing.push(stage);
    }
    const patch = (s: Partial<StudyState>) =>
      set((state) => ({
        studies: { ...state.studies, [kind]: { ...state.studies[kind], ...s } },
      }));
    if (missing.length > 0) {
      patch({
        status: 'error',
        message: `This study starts from the ${missing.map((m) => STAGE_WORDS[m]).join(', ')} model: load the default run or train it first.`,
      });
      return;
    }
    const runId = `study-${++counter}`;
    set({ active: { runId, kind } });
    patch({ status: 'running', progress: null, result: null, message: null, request: study });
    getStudyWorker().post({ type: 'study', runId, config, study, bases });
  },

  cancel() {
    const active = get().active;
    if (!active) return;
    getStudyWorker().post({ type: 'cancel', runId: active.runId });
  },

  handle(message) {
    const active = get().active;
    if (!active || message.runId !== active.runId) return;
    const kind = message.kind;
    const patch = (s: Partial<StudyState>) =>
      set((state) => ({
        studies: { ...state.studies, [kind]: { ...state.studies[kind], ...s } },
      }));
    if (message.type === 'study-progress') {
      patch({ progress: { done: message.done, total: message.total, note: message.note } });
    } else if (message.type === 'study-done') {
      patch({ status: 'done', result: message.result, progress: null });
      set({ active: null });
    } else {
      const cancelled = message.message === 'Cancelled.';
      patch({
        status: cancelled ? 'cancelled' : 'error',
        message: message.message,
        progress: null,
      });
      set({ active: null });
    }
  },
}));

/** One study's state, typed by its kind. */
export function useStudy<K extends StudyKind>(kind: K): StudyState<K> {
  return useStudiesStore((state) => state.studies[kind] as StudyState<K>);
}

setStudyListener(
  (message) => useStudiesStore.getState().handle(message),
  (text) => {
    const active = useStudiesStore.getState().active;
    if (active)
      useStudiesStore
        .getState()
        .handle({ type: 'study-error', runId: active.runId, kind: active.kind, message: text });
  },
);
