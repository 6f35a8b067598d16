import { PageHeading } from '../../components/page/PageHeading';
import { RunPanel, useShippedRun } from '../../components/run';
import { RunExport } from '../../components/run/RunExport';
import '../shared/stagePage.css';
import './rewardModel.css';
import { AnnotatorSection } from './sections/AnnotatorSection';
import { BradleyTerrySection } from './sections/BradleyTerrySection';
import { LimitsSection } from './sections/LimitsSection';
import { ModelRatingsSection } from './sections/ModelRatingsSection';
import { PreferencePairsSection } from './sections/PreferencePairsSection';
import { RewardCurvesSection } from './sections/RewardCurvesSection';
import { ScoreDistributionSection } from './sections/ScoreDistributionSection';
import { ScoreYourOwnSection } from './sections/ScoreYourOwnSection';

/**
 * Stage 3. The curves come right under the run panel (as on the other stage pages),
 * then the data, the loss worked out on one pair, the score distributions, a box to
 * score answers of one's own, pairs to label oneself (a reward model fitted on those
 * labels), the models rated by the same Bradley–Terry model, and what it cannot do.
 */
export default function RewardModelPage() {
  useShippedRun();
  return (
    <article className="page stage-page">
      <PageHeading kicker="Stage 3 of 4">Reward model</PageHeading>
      <p className="lede">
        Experts find it easier to compare two answers than to write a perfect one. The reward model
        — the SFT model with its next-token output replaced by a single score — learns from those
        comparisons to score any (prompt, answer), so that the preferred answer scores higher.
      </p>
      <RunPanel stage="reward" />
      <RewardCurvesSection />
      <RunExport stage="reward" />
      <PreferencePairsSection />
      <BradleyTerrySection />
      <ScoreDistributionSection />
      <ScoreYourOwnSection />
      <AnnotatorSection />
      <ModelRatingsSection />
      <LimitsSection />
    </article>
  );
}
