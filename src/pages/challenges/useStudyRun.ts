/**
 * What a study section needs from the studies store and the runs it starts from: the
 * study's state (with the status it really has), a way to start it that records when
 * it started, the seconds since, and whether its input models are there.
 */
import { useEffect, useState } from 'react';
import { useConfigStore } from '../../store/config';
import { useRunsView } from '../../store/runsView';
import { useStudiesStore, useStudy, type StudyState } from '../../store/studies';
import {
  STUDY_INPUTS,
  type StudyKind,
  type StudyRequest,
  type TrainStage,
} from '../../worker/protocol';

/** The studies in words, for notes such as "the annotation study is running". */
export const STUDY_NAMES: Record<StudyKind, string> = {
  rewardHacking: 'reward-hacking',
  annotation: 'annotation-quality',
  distributionShift: 'distribution-shift',
  labelCost: 'label-cost',
  annotator: 'annotator-fit',
};

/**
 * 'stopped': the store still says 'running' but it is no longer the active study (it
 * was replaced by another; the Worker's "Cancelled." for it is not delivered).
 */
export type ShownStatus = StudyState['status'] | 'stopped';

export function shownStatus(
  status: StudyState['status'],
  kind: StudyKind,
  active: { kind: StudyKind } | null,
): ShownStatus {
  return status === 'running' && active?.kind !== kind ? 'stopped' : status;
}

/** When each request was sent (keyed by the request object the store keeps). */
const startedAt = new WeakMap<StudyRequest, number>();

/** Sends `request` to the study Worker with the configuration shown, noting the time. */
export function startStudy(request: StudyRequest): void {
  startedAt.set(request, Date.now());
  useStudiesStore.getState().run(request, useConfigStore.getState().config);
}

export function cancelStudy(): void {
  useStudiesStore.getState().cancel();
}

/** Whole seconds since `since` (ms), ticking once a second; null without a start. */
export function useElapsedSeconds(since: number | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === undefined) return;
    const tick = () => setNow(Date.now());
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [since]);
  return since === undefined ? null : Math.max(0, Math.round((now - since) / 1000));
}

export interface StudyRun<K extends StudyKind> {
  study: StudyState<K>;
  status: ShownStatus;
  /** The study that runs now, if another one. */
  otherRunning: StudyKind | null;
  /** Seconds since this study was started (while it runs). */
  elapsed: number | null;
}

export function useStudyRun<K extends StudyKind>(kind: K): StudyRun<K> {
  const study = useStudy(kind);
  const active = useStudiesStore((state) => state.active);
  const status = shownStatus(study.status, kind, active);
  const since = status === 'running' && study.request ? startedAt.get(study.request) : undefined;
  const elapsed = useElapsedSeconds(since);
  const otherRunning = active && active.kind !== kind ? active.kind : null;
  return { study, status, otherRunning, elapsed };
}

const STAGE_NAMES: Record<TrainStage, string> = {
  pretrain: 'pretrained',
  sft: 'SFT',
  reward: 'reward',
  ppo: 'PPO',
  dpo: 'DPO',
};

export interface StudyInputs {
  /** Every input model is loaded. */
  ready: boolean;
  /** Some are still loading (the shipped default run). */
  loading: boolean;
  /** "the SFT model", "the SFT, reward and PPO models". */
  models: string;
}

/** The models a study starts from, and whether the run shown has them yet. */
export function useStudyInputs(kind: StudyKind): StudyInputs {
  const stages = STUDY_INPUTS[kind];
  // A string, so the selector's result compares by value (no re-render loop).
  const states = useRunsView((state) =>
    stages
      .map((stage) =>
        state.stages[stage].checkpoint
          ? 'ready'
          : state.stages[stage].status === 'loading'
            ? 'loading'
            : 'missing',
      )
      .join(' '),
  ).split(' ');
  const names = stages.map((s) => STAGE_NAMES[s]);
  const models =
    names.length === 1
      ? `the ${names[0]} model`
      : `the ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} models`;
  return {
    ready: states.every((s) => s === 'ready'),
    loading: states.some((s) => s === 'loading'),
    models,
  };
}
