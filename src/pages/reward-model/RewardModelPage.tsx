import { Formula } from '../../components/formula';
import { PlannedPage } from '../../components/page/PlannedPage';
import { Section } from '../../components/page/Section';

export default function RewardModelPage() {
  return (
    <PlannedPage
      title="Reward model"
      kicker="Stage 3 of 4"
      summary="Experts find it easier to compare two answers than to write a perfect one. The reward model learns from those comparisons to give any (prompt, response) a score, so that the preferred answer scores higher."
      willTeach={[
        'Preference pairs from the pharmaceutical set: a prompt, the answer experts chose and the one they rejected (e.g. warfarin with ibuprofen: the answer that flags the bleeding risk vs a vague one).',
        'The Bradley–Terry loss with this run’s numbers, and how the sigmoid turns a score margin into a preference probability.',
        'The reward margin and accuracy while it trains — accuracy on held-out pairs, which must clearly beat the 50% of chance.',
        'The distribution of scores for chosen and rejected answers.',
        'What disagreeing annotators (noisy labels) do to its accuracy.',
      ]}
    >
      <Section id="bradley-terry" title="The loss: Bradley–Terry">
        <Formula
          tex={String.raw`\mathcal{L}(\phi) = -\log \sigma\big(r_\phi(x, y_c) - r_\phi(x, y_r)\big)`}
          text="L of phi equals minus log sigma of the reward of the chosen response minus the reward of the rejected response, for prompt x."
        />
        <p>
          r<sub>φ</sub> is the reward model, y<sub>c</sub> the chosen and y<sub>r</sub> the rejected
          response; σ is the logistic sigmoid. The loss only cares about the difference of the two
          scores, so rewards have no natural zero.
        </p>
      </Section>
    </PlannedPage>
  );
}
