import type { ReactNode } from 'react';
import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import { DEFAULT_PPO_CONFIG } from '../../../sim';
import { formatNumber } from '../../../store/config';
import { useStageRun } from '../../shared/useStageRun';
import { num } from '../ppoRun';
import { usePpoSettings } from '../usePpoSettings';

interface LoopStep {
  id: string;
  title: ReactNode;
  does: ReactNode;
  /** What the arrow to the next step carries, with this run's numbers. */
  carries: ReactNode;
}

const fixed = DEFAULT_PPO_CONFIG;

/** One PPO iteration as boxes and arrows, each arrow labelled with what it carries. */
export function PpoLoopSection() {
  const { ppo, fromRun } = usePpoSettings();
  const run = useStageRun('ppo');
  const metrics = useThrottledValue(run.metrics, 1000);
  const last = metrics[metrics.length - 1];
  const n = ppo.rolloutsPerIteration;
  const at = last ? ` (iteration ${last.iteration}` : '';
  const tokens = last ? Math.round(last.responseLength * n) : null;

  const steps: LoopStep[] = [
    {
      id: 'policy',
      title: (
        <>
          Policy π<sub>θ</sub>
        </>
      ),
      does: (
        <>
          Starts as the SFT model. A value head on the same network predicts, for each token, the
          reward still to come.
        </>
      ),
      carries: (
        <>
          {n} training prompts per iteration, answered by sampling at temperature{' '}
          {fixed.temperature}, at most {fixed.maxNewTokens} tokens each
        </>
      ),
    },
    {
      id: 'rollouts',
      title: 'Rollouts',
      does: <>The policy&apos;s own answers, with log π and the value of every token.</>,
      carries: (
        <>
          {n} responses
          {last &&
            `${at}: ${num(last.responseLength, 1)} tokens on average, ${fmtPercent(last.endedFraction)} ended with <|end|>)`}
        </>
      ),
    },
    {
      id: 'reward-model',
      title: 'Reward model',
      does: (
        <>
          Scores each whole response once. A response that never ends loses{' '}
          {fixed.missingEosPenalty} point.
        </>
      ),
      carries: (
        <>
          {n} scores{last && `${at}: mean ${num(last.score)})`}
        </>
      ),
    },
    {
      id: 'rewards',
      title: 'Rewards with the KL penalty',
      does: (
        <>
          Every token is charged −β·(log π − log π<sub>ref</sub>) against the frozen SFT model; the
          score is added on the last token.
        </>
      ),
      carries: (
        <>
          {ppo.klTarget > 0
            ? `β starting at ${formatNumber(ppo.klCoef)}, adapted toward ${formatNumber(ppo.klTarget)} nats of KL`
            : `β = ${formatNumber(ppo.klCoef)}, fixed`}
          {last && `${at}: β ${num(last.beta, 3)}, KL ${num(last.klK3)} nats per response)`}
        </>
      ),
    },
    {
      id: 'advantages',
      title: 'Advantages (GAE)',
      does: (
        <>
          How much better each token turned out than the value head expected: γ = {fixed.gamma}, λ ={' '}
          {fixed.lam}, then whitened over the batch.
        </>
      ),
      carries: (
        <>
          One advantage per response token
          {tokens !== null && `${at}: ${tokens} tokens)`}
        </>
      ),
    },
    {
      id: 'update',
      title: 'Clipped update',
      does: (
        <>
          {fixed.ppoEpochs} passes over the batch in {fixed.minibatches} minibatches, learning rate{' '}
          {formatNumber(ppo.learningRate)}, ratio clipped to 1 ± ε with ε ={' '}
          {formatNumber(ppo.cliprange)}.
        </>
      ),
      carries: (
        <>
          New weights back to the policy, for {ppo.iterations} iterations in all
          {last && `${at}: ${fmtPercent(last.clipFraction)} of tokens clipped)`}
        </>
      ),
    },
  ];

  return (
    <Section id="ppo-loop" title="The loop">
      <p>
        One PPO iteration, in order. Under each box: what passes to the next one, with{' '}
        {fromRun
          ? 'the settings of the run shown'
          : 'the settings of your configuration (no run yet)'}
        {last ? ` and its numbers at iteration ${last.iteration}` : ''}.
      </p>
      <ol className="ppo-loop" aria-label="One PPO iteration">
        {steps.map((step, i) => (
          <li key={step.id} className="ppo-loop-step">
            <h3 className="ppo-loop-title">
              <span className="ppo-loop-number" aria-hidden="true">
                {i + 1}
              </span>
              {step.title}
            </h3>
            <p className="ppo-loop-does">{step.does}</p>
            <p className="ppo-loop-carries">
              <span className="ppo-loop-carries-label">
                {i < steps.length - 1 ? 'Passes on' : 'Back to step 1'}:
              </span>{' '}
              {step.carries}
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
