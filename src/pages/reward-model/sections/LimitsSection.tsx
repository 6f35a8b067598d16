import { AppLink } from '../../../components/nav/AppLink';
import { Section } from '../../../components/page/Section';
import { SEED_PREFERENCE_PAIRS } from '../../../sim';

/** What the reward model cannot do, said plainly before PPO optimises against it. */
export function LimitsSection() {
  return (
    <Section id="limits" title="What it cannot do">
      <ul className="limits-list">
        <li>
          <strong>It learned what its pairs separate, not pharmacology.</strong> Each pair contrasts
          one quality — the verdict, a mechanism, an alternative, a hedge — and all but the{' '}
          {SEED_PREFERENCE_PAIRS.length} pairs rebuilt from the seed documents follow templates. The
          model rewards answers that look like the chosen ones; it knows no facts beyond what
          pretraining stored in the trunk, so a wrong answer in the experts&apos; style can still
          score well.
        </li>
        <li>
          <strong>Its accuracy holds for answers like its pairs.</strong> The held-out pairs are
          about new facts but written the same way. Answers of another kind — such as a
          policy&apos;s own text as PPO changes it — are a distribution shift, and its ranking of
          them can be worse.
        </li>
        <li>
          <strong>It is only as good as its labels.</strong> Flipped or biased preferences teach it
          the annotators&apos; mistakes; the label-noise setting flips a share of the training
          labels to show it.
        </li>
        <li>
          <strong>A high score is not a good answer.</strong> PPO maximises this score, and a policy
          can find answers the reward model overrates: reward hacking. The{' '}
          <AppLink to="/challenges">Challenges page</AppLink> reproduces it with a reward model
          trained on biased labels on purpose: the policy&apos;s score rises while its graded
          quality falls, and the KL penalty is the brake.
        </li>
      </ul>
    </Section>
  );
}
