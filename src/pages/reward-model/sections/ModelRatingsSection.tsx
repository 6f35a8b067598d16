import { useMemo } from 'react';
import '../../pharma/pharma.css';
import { RatingsSection } from '../../pharma/sections/RatingsSection';
import { usePharmaAnswers } from '../../pharma/usePharmaAnswers';
import { useScorecards } from '../../pharma/useScorecards';

/**
 * Elo-scale Bradley–Terry ratings of the base, SFT, PPO and DPO models: the Pharma
 * page's section and hooks, reused as they are (no second copy of the ratings code).
 *
 * Cost: the games need every model's greedy answer to every evaluation question
 * (62 questions × up to 4 models, plus the metformin query), computed on the main
 * thread in short slices (usePharmaAnswers: inference only, ≈ 15 ms per answer on two
 * cores, ≈ 4–5 s in all), so the page stays responsive while the table fills in.
 * Answers are cached per checkpoint in that module, so the Pharma page reuses them
 * (and this section reuses the Pharma page's) instead of answering again.
 */
export function ModelRatingsSection() {
  const answers = usePharmaAnswers();
  const cards = useScorecards(answers);
  const { answered, total, done, ready, hasRewardModel } = answers;
  const note = useMemo(
    () => (
      <p>
        It is the Bradley–Terry model of this page’s loss again: there it turns an expert’s
        preference between two answers into a difference of rewards; here it turns games between
        models into ratings. The judge of each game is the rule-based gold grader, not the reward
        model
        {hasRewardModel
          ? ' (the Pharmaceutical page shows its scores next to the grades)'
          : ''}.{' '}
        {ready &&
          (done
            ? `All ${total} answers were computed in this tab, greedy, and are shared with the Pharmaceutical page.`
            : `Answering ${answered} of ${total} questions in this tab (shared with the Pharmaceutical page); the table fills in as answers arrive.`)}
      </p>
    ),
    [answered, total, done, ready, hasRewardModel],
  );
  return <RatingsSection cards={cards} models={answers.models} ready={ready} note={note} />;
}
