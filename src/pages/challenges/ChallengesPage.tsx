import { PlannedPage } from '../../components/page/PlannedPage';

export default function ChallengesPage() {
  return (
    <PlannedPage
      title="Challenges and solutions"
      summary="Four ways RLHF goes wrong, each reproduced as an experiment on this app’s own models rather than described — with a mitigation measured the same way."
      willTeach={[
        'Annotation quality: flip a share of preference labels and watch reward-model accuracy fall; agreement between annotators measured with Fleiss’ kappa.',
        'Reward hacking: optimise too hard against the reward model and its score rises while true quality falls; the KL penalty as the brake.',
        'Distribution shift: prompts unlike the training data, and how the reward model’s judgement degrades on them.',
        'Scalability of human data: accuracy against the number of labelled pairs — what each extra label buys.',
      ]}
    />
  );
}
