import { PlannedPage } from '../../components/page/PlannedPage';

export default function PharmaPage() {
  return (
    <PlannedPage
      title="Pharmaceutical applications"
      summary="The pharmaceutical examples followed through every stage, to show what each stage adds — and why an assistant for medicines questions needs all of them, and still needs a pharmacist."
      willTeach={[
        'Case study: drug-interaction detection — warfarin with ibuprofen, atorvastatin with grapefruit — answered by the base, SFT and PPO models.',
        'Case study: adverse-event discovery from free-text reports.',
        'Renal dosing followed through all four stages: metformin when eGFR is reduced.',
        'An alignment scorecard (accuracy, safety, admitting uncertainty) measured by the app on its own evaluation set, not typed in.',
        'Why every stage matters: what goes wrong when one is skipped.',
      ]}
    />
  );
}
