import { Formula } from '../../components/formula';
import { PlannedPage } from '../../components/page/PlannedPage';
import { Section } from '../../components/page/Section';

export default function PpoPage() {
  return (
    <PlannedPage
      title="RLHF with PPO"
      kicker="Stage 4 of 4"
      summary="The SFT model now writes its own answers to prompts, the reward model scores them, and proximal policy optimisation (PPO) nudges the model towards higher scores — while a KL penalty keeps it close to the SFT model it started from."
      willTeach={[
        'The loop: sample answers from the policy, score them with the reward model, subtract the KL penalty, update with PPO.',
        'The clipped objective with this run’s numbers: the probability ratio against the policy that collected the samples, and the clip range ε.',
        'Advantages from generalised advantage estimation (GAE).',
        'Training dynamics: reward, KL to the SFT model (never negative), clip fraction, and the adaptive KL coefficient β (Ziegler et al. 2019).',
        'The same prompt answered by the base, SFT and PPO models; change β and watch the trade-off.',
      ]}
    >
      <Section id="ppo-clip" title="The objective: clipped surrogate">
        <Formula
          tex={String.raw`L^{\mathrm{CLIP}}(\theta) = \mathbb{E}_t\Big[\min\big(\rho_t(\theta)\,\hat A_t,\; \operatorname{clip}(\rho_t(\theta), 1-\epsilon, 1+\epsilon)\,\hat A_t\big)\Big], \quad \rho_t(\theta) = \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\mathrm{old}}}(a_t \mid s_t)}`}
          text="L clip of theta equals the expectation over t of the minimum of rho t times the advantage, and rho t clipped to between 1 minus epsilon and 1 plus epsilon times the advantage; rho t is the probability of the token under the current policy divided by its probability under the policy that collected the samples."
        />
        <p>
          PPO maximises this. The clip removes the incentive to move the probability ratio more than
          ε away from 1 in one update; the reward it optimises is the reward model’s score minus β
          times the KL divergence from the SFT model.
        </p>
      </Section>
    </PlannedPage>
  );
}
