import { useEffect } from 'react';
import { preloadCharts } from '../../components/chart';
import { PageHeading } from '../../components/page/PageHeading';
import { useShippedRun } from '../../components/run';
import '../shared/stagePage.css';
import './challenges.css';
import { AnnotationSection } from './sections/AnnotationSection';
import { DistributionShiftSection } from './sections/DistributionShiftSection';
import { LabelCostSection } from './sections/LabelCostSection';
import { RewardHackingSection } from './sections/RewardHackingSection';

/**
 * Four ways RLHF goes wrong, each a study run on this app's own models (in the study
 * Worker, through the studies store), with the seeds' solutions set against what the
 * study measured. Results live in the store, so they survive navigating away and back.
 */
export default function ChallengesPage() {
  useShippedRun();
  // The studies' charts appear only with their results: have Plotly ready before then.
  useEffect(preloadCharts, []);
  return (
    <article className="page stage-page challenges-page">
      <PageHeading>Challenges and solutions</PageHeading>
      <p className="lede">
        Four ways RLHF goes wrong, each reproduced as an experiment on this app’s own models rather
        than described — and the seeds’ proposed solutions set against what the experiment measured.
        Every number below comes from a study you run here.
      </p>
      <p className="challenges-how">
        Each study starts from the models of the run the other pages show (the default run unless
        you trained another) and runs in a background Worker, so the page stays responsive. One
        study runs at a time. The seeds’ percentages (“92% effective”…) are quoted as claims: they
        were never measured.
      </p>
      <nav aria-label="The four studies" className="challenges-index">
        <ol>
          <li>
            <a href="#reward-hacking">Reward hacking</a>
          </li>
          <li>
            <a href="#annotation-quality">Annotation quality</a>
          </li>
          <li>
            <a href="#distribution-shift">Distribution shift</a>
          </li>
          <li>
            <a href="#label-cost">Scalability and label cost</a>
          </li>
        </ol>
      </nav>
      <RewardHackingSection />
      <AnnotationSection />
      <DistributionShiftSection />
      <LabelCostSection />
    </article>
  );
}
