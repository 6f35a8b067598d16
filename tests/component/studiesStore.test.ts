/**
 * The studies store: a study asks the study Worker with the checkpoints of the runs
 * shown, says what is missing in words, and follows progress to a result or an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import type { LabelCostResult } from '../../src/sim/experiments/labelCost';
import type { Checkpoint } from '../../src/sim/stages/types';
import { useStudiesStore } from '../../src/store/studies';
import { setStudyWorkerForTests } from '../../src/worker/client';
import type { WorkerRequest } from '../../src/worker/protocol';
import { makeRun, setRuns } from './runFixtures';

const checkpoint: Checkpoint = {
  stage: 'sft',
  config: DEFAULT_CONFIG,
  params: new Float32Array(1),
  tokenizer: { version: 1, merges: [] },
};

afterEach(() => setStudyWorkerForTests(null));

describe('studies store', () => {
  it('says which model a study needs when it is missing, and sends nothing', () => {
    const sent: WorkerRequest[] = [];
    setStudyWorkerForTests({ post: (r) => sent.push(r) });
    setRuns({});
    useStudiesStore.getState().run({ kind: 'annotation', seed: 1, options: {} }, DEFAULT_CONFIG);
    const study = useStudiesStore.getState().studies.annotation;
    expect(study.status).toBe('error');
    expect(study.message).toMatch(/starts from the SFT model/);
    expect(sent).toEqual([]);
  });

  it('sends the study with its checkpoints and follows progress to the result', () => {
    const sent: WorkerRequest[] = [];
    setStudyWorkerForTests({ post: (r) => sent.push(r) });
    setRuns({ sft: makeRun('sft', { checkpoint }) });
    const request = { kind: 'labelCost' as const, seed: 3, options: { repeats: 1 } };
    useStudiesStore.getState().run(request, DEFAULT_CONFIG);
    expect(sent).toHaveLength(1);
    const start = sent[0];
    expect(start.type).toBe('study');
    if (start.type !== 'study') return;
    expect(start.study).toEqual(request);
    expect(start.bases.sft).toBe(checkpoint);
    const { handle } = useStudiesStore.getState();
    handle({
      type: 'study-progress',
      runId: start.runId,
      kind: 'labelCost',
      done: 1,
      total: 2,
      note: 'fitting',
    });
    expect(useStudiesStore.getState().studies.labelCost.progress?.note).toBe('fitting');
    const result: LabelCostResult = {
      points: [],
      pairs: { total: 218, train: 172, heldOut: 46 },
      costModel: { minutesPerComparison: 3, hourlyRate: 100 },
      initialLabels: 8,
      acquisitionBatch: 4,
      repeats: 1,
      seed: 3,
      heldOutFraction: 0.2,
      l2: 3,
    };
    handle({ type: 'study-done', runId: start.runId, kind: 'labelCost', result });
    const study = useStudiesStore.getState().studies.labelCost;
    expect(study.status).toBe('done');
    expect(study.result).toBe(result);
    expect(useStudiesStore.getState().active).toBeNull();
  });
});
