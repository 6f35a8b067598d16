import { Section } from '../../../components/page/Section';
import { NoModel } from '../../shared/NoModel';
import {
  useStageCheckpoint,
  useStageRun,
  useStageStatus,
  useStageSummary,
} from '../../shared/useStageRun';
import { RolloutTraceView, useTokenizer } from '../RolloutTraceView';

/** One rollout of the last iteration, token by token, and how its rewards add up. */
export function RolloutTraceSection() {
  const status = useStageStatus('ppo');
  const summary = useStageSummary('ppo');
  const run = useStageRun('ppo');
  // The tokenizer of the PPO (or SFT) checkpoint, for token labels.
  const ppo = useStageCheckpoint('ppo');
  const sft = useStageCheckpoint('sft');
  const tokenizer = useTokenizer((ppo ?? sft)?.tokenizer);
  const trace = summary?.ppo?.lastTrace ?? null;
  const last = run.metrics[run.metrics.length - 1];

  return (
    <Section id="ppo-rollout" title="One rollout, token by token">
      <p>
        The first rollout of the run&apos;s last iteration, as the update saw it. Every token costs
        a KL penalty for moving away from the SFT model; only the last token also receives the
        reward model&apos;s score. The value head&apos;s guesses turn those rewards into advantages:
        how much better each token turned out than expected.
      </p>
      {!trace ? (
        <NoModel status={status} what="the rollout's numbers" />
      ) : (
        <RolloutTraceView
          trace={trace}
          tokenizer={tokenizer}
          iteration={last?.iteration}
          beta={last?.beta}
        />
      )}
    </Section>
  );
}
