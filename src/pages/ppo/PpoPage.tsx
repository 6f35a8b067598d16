import { PageHeading } from '../../components/page/PageHeading';
import { RunPanel, useShippedRun } from '../../components/run';
import { RunExport } from '../../components/run/RunExport';
import '../shared/stagePage.css';
import './ppo.css';
import { ClipObjectiveSection } from './sections/ClipObjectiveSection';
import { PpoCurvesSection } from './sections/PpoCurvesSection';
import { PpoLoopSection } from './sections/PpoLoopSection';
import { PpoSettingsSection } from './sections/PpoSettingsSection';
import { RolloutTraceSection } from './sections/RolloutTraceSection';
import { SftVsPpoSection } from './sections/SftVsPpoSection';
import { StepThroughSection } from './sections/StepThroughSection';
import { WatchForSection } from './sections/WatchForSection';

/**
 * Stage 4. The run's curves come right under the run panel (as on the other stage
 * pages), then the settings to try, the loop, the clipped objective to play with,
 * one rollout token by token, PPO stepped through one iteration at a time (after the
 * rollout table, which it reuses, has been explained), the answers before and after,
 * and the limits.
 */
export default function PpoPage() {
  useShippedRun();
  return (
    <article className="page stage-page">
      <PageHeading kicker="Stage 4 of 4">RLHF with PPO</PageHeading>
      <p className="lede">
        The SFT model now writes its own answers to prompts, the reward model scores them, and
        proximal policy optimisation (PPO) nudges the model towards higher scores — while a KL
        penalty keeps it close to the SFT model it started from.
      </p>
      <RunPanel stage="ppo" />
      <PpoCurvesSection />
      <RunExport stage="ppo" />
      <PpoSettingsSection />
      <PpoLoopSection />
      <ClipObjectiveSection />
      <RolloutTraceSection />
      <StepThroughSection />
      <SftVsPpoSection />
      <WatchForSection />
    </article>
  );
}
