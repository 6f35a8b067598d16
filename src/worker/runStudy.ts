/**
 * Runs one of the Challenges page's studies (src/sim/experiments) in time slices and
 * reports progress through `post`, like runStage.ts does for the stages. Each study
 * starts from checkpoints of the run the page shows (STUDY_INPUTS).
 */
import type { PipelineConfig } from '../sim/config';
import { KNOWLEDGE_BASE, buildPpoPrompts, buildPreferencePairs } from '../sim/data';
import { runAnnotationStudy } from '../sim/experiments/annotation';
import { annotatorFitSteps } from '../sim/experiments/annotatorFit';
import {
  DISTRIBUTION_SHIFT_PHASES,
  distributionShiftSteps,
} from '../sim/experiments/distributionShift';
import { runLabelCostStudy } from '../sim/experiments/labelCost';
import {
  DEFAULT_REWARD_HACKING_OPTIONS,
  runRewardHackingStudy,
} from '../sim/experiments/rewardHacking';
import { extractPairFeatures } from '../sim/experiments/rewardProbe';
import { Gpt } from '../sim/model/gpt';
import type { Checkpoint } from '../sim/stages/types';
import { BpeTokenizer } from '../sim/text';
import type {
  StudyKind,
  StudyRequest,
  StudyResponse,
  StudyResultMap,
  TrainStage,
  WorkerRequest,
} from './protocol';
import { rewardModelFromCheckpoint, SLICE_MS, type StageRunner } from './runStage';

type StudyStart = Extract<WorkerRequest, { type: 'study' }>;
interface Progress {
  done: number;
  total: number;
  note: string;
}

function need(bases: StudyStart['bases'], stage: TrainStage, kind: StudyKind): Checkpoint {
  const base = bases[stage];
  if (!base) throw new Error(`the ${kind} study needs the ${stage} checkpoint`);
  return base;
}

/** Trunk features of every built-in preference pair, then the probe study on them. */
function* probeStudy(
  study: Extract<StudyRequest, { kind: 'annotation' | 'labelCost' }>,
  sft: Checkpoint,
): Generator<Progress, StudyResultMap['annotation' | 'labelCost']> {
  yield { done: 0, total: 2, note: 'reading every preference pair with the SFT model' };
  const pairs = buildPreferencePairs();
  const trunk = new Gpt(sft.config.model, sft.params);
  const features = extractPairFeatures(trunk, BpeTokenizer.fromJSON(sft.tokenizer), pairs);
  yield { done: 1, total: 2, note: 'fitting reward models' };
  return study.kind === 'annotation'
    ? runAnnotationStudy(pairs, features, study.seed, study.options)
    : runLabelCostStudy(pairs, features, study.seed, study.options);
}

function* studySteps(
  request: StudyStart,
  config: PipelineConfig,
): Generator<Progress, StudyResultMap[StudyKind]> {
  const { study, bases } = request;
  switch (study.kind) {
    case 'annotation':
    case 'labelCost':
      return yield* probeStudy(study, need(bases, 'sft', study.kind));
    case 'rewardHacking': {
      const sft = need(bases, 'sft', study.kind);
      const options = { ...DEFAULT_REWARD_HACKING_OPTIONS, seed: study.seed, ...study.options };
      const total = options.betas.length * options.iterations;
      let done = 0;
      const gen = runRewardHackingStudy(config, sft, options);
      let next = gen.next();
      while (!next.done) {
        done++;
        yield {
          done,
          total,
          note: `PPO at β = ${next.value.beta}, iteration ${next.value.metrics.iteration}`,
        };
        next = gen.next();
      }
      return next.value;
    }
    case 'distributionShift': {
      const sft = need(bases, 'sft', study.kind);
      const rm = rewardModelFromCheckpoint(need(bases, 'reward', study.kind));
      const policy = need(bases, 'ppo', study.kind);
      const steps = distributionShiftSteps(
        sft,
        policy.params,
        rm,
        buildPpoPrompts(KNOWLEDGE_BASE, study.seed).train,
        KNOWLEDGE_BASE,
        { ...study.options, seed: study.seed },
      );
      const phases: readonly string[] = DISTRIBUTION_SHIFT_PHASES;
      let note = phases[0];
      let next = steps.next();
      while (!next.done) {
        if (typeof next.value === 'string') note = next.value;
        yield { done: Math.max(0, phases.indexOf(note)), total: phases.length, note };
        next = steps.next();
      }
      return next.value;
    }
    case 'annotator': {
      // The Reward Model page's fit on the student's labels (reads ≈ 60 pairs, ~1 s).
      const sft = need(bases, 'sft', study.kind);
      return yield* annotatorFitSteps(
        new Gpt(sft.config.model, sft.params),
        BpeTokenizer.fromJSON(sft.tokenizer),
        buildPreferencePairs(),
        study.seed,
        study.options,
      );
    }
  }
}

export function createStudyRunner(
  request: StudyStart,
  post: (message: StudyResponse) => void,
  now: () => number = () => performance.now(),
): StageRunner {
  const { runId, config } = request;
  const kind = request.study.kind;
  const steps = studySteps(request, config);
  return {
    slice() {
      const start = now();
      let last: Progress | null = null;
      try {
        while (now() - start < SLICE_MS) {
          const next = steps.next();
          if (next.done) {
            post({ type: 'study-done', runId, kind, result: next.value } as StudyResponse);
            return false;
          }
          last = next.value;
        }
      } catch (error) {
        post({ type: 'study-error', runId, kind, message: (error as Error).message });
        return false;
      }
      if (last) post({ type: 'study-progress', runId, kind, ...last });
      return true;
    },
  };
}
