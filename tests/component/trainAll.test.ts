/**
 * "Run all": every stage not yet trained for the configuration is queued in pipeline
 * order, each starting from the checkpoints of the stages before it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/sim/config';
import { useRunsStore } from '../../src/store/runs';
import { setTrainingWorkerForTests } from '../../src/worker/client';
import type { WorkerRequest } from '../../src/worker/protocol';
import { idleRun } from './runFixtures';

afterEach(() => setTrainingWorkerForTests(null));

describe('runs store: trainAll', () => {
  it('starts pretraining and queues SFT, reward model, PPO and DPO after it', () => {
    const sent: WorkerRequest[] = [];
    setTrainingWorkerForTests({ post: (r) => sent.push(r) });
    useRunsStore.setState({
      stages: {
        pretrain: idleRun(),
        sft: idleRun(),
        reward: idleRun(),
        ppo: idleRun(),
        dpo: idleRun(),
      },
      active: null,
    });
    useRunsStore.getState().trainAll(DEFAULT_CONFIG);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'start', stage: 'pretrain' });
    expect(useRunsStore.getState().active?.queue).toEqual(['sft', 'reward', 'ppo', 'dpo']);
  });
});
