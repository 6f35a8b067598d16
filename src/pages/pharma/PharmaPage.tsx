import { PageHeading } from '../../components/page/PageHeading';
import { useShippedRun } from '../../components/run';
import '../shared/stagePage.css';
import './pharma.css';
import { AnsweringStatus } from './sections/AnsweringStatus';
import { CaseStudySection } from './sections/CaseStudySection';
import { IntegrationSection } from './sections/IntegrationSection';
import { MetforminSection } from './sections/MetforminSection';
import { RatingsSection } from './sections/RatingsSection';
import { ScorecardSection } from './sections/ScorecardSection';
import { usePharmaAnswers } from './usePharmaAnswers';
import { useScorecards } from './useScorecards';

const INTERACTIONS_INTRO =
  'An interaction is a second drug changing what the first one does: an NSAID adds ' +
  'bleeding risk to warfarin; omeprazole blocks the enzyme (CYP2C19) that activates ' +
  'clopidogrel; clarithromycin blocks the enzyme (CYP3A4) that clears simvastatin. ' +
  'To catch one, a model must connect two drugs and a mechanism it read in ' +
  "pretraining. Here are the models' answers to every interaction question of the " +
  'evaluation set.';

const ADVERSE_EVENTS_INTRO =
  'An adverse event is harm from a drug in ordinary use. Some call for stopping it ' +
  'for good (allopurinol at the first rash, an ACE inhibitor after angioedema); ' +
  'others for monitoring or a lower dose (lithium levels when a patient is ' +
  'dehydrated, muscle pain on a statin, citalopram in older adults). A model that ' +
  'says “avoid” to everything is right on the first kind and raises false alarms on ' +
  'the second.';

/**
 * The pharmaceutical examples followed through every stage of the run shown. All
 * answers are computed here once (usePharmaAnswers: main-thread inference in slices)
 * and shared by the sections; the scorecards over them are computed once too.
 */
export default function PharmaPage() {
  useShippedRun();
  const answers = usePharmaAnswers();
  const cards = useScorecards(answers);
  return (
    <article className="page stage-page pharma-page">
      <PageHeading kicker="All stages together">Pharmaceutical applications</PageHeading>
      <p className="lede">
        What does each stage add to an assistant for medicines questions? The same questions go to
        the base, SFT, PPO and DPO models of the run shown, answered in this tab; a rule-based
        grader checks every answer against the knowledge base, and the reward model scores it. Every
        figure below is measured, none typed in. The facts are teaching examples, not medical
        advice.
      </p>
      <AnsweringStatus answers={answers} />
      <MetforminSection
        models={answers.models}
        progression={answers.progression}
        seed={answers.seed}
        ready={answers.ready}
        hasRewardModel={answers.hasRewardModel}
      />
      <ScorecardSection answers={answers} cards={cards} />
      <RatingsSection cards={cards} models={answers.models} ready={answers.ready} />
      <CaseStudySection
        id="interactions"
        title="Case study: detecting drug interactions"
        family="interaction"
        featured="warfarin-nsaid"
        answers={answers}
        intro={INTERACTIONS_INTRO}
      />
      <CaseStudySection
        id="adverse-events"
        title="Case study: recognising adverse events"
        family="adverse-event"
        featured="lithium-toxicity"
        answers={answers}
        intro={ADVERSE_EVENTS_INTRO}
      />
      <IntegrationSection cards={cards} />
    </article>
  );
}
