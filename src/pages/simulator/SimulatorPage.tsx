import { PlannedPage } from '../../components/page/PlannedPage';

export default function SimulatorPage() {
  return (
    <PlannedPage
      title="Simulator"
      summary="Every knob of the pipeline in one place: change the model, the data and each stage’s training, run it, and compare runs side by side."
      willTeach={[
        'Sliders for every setting — model width and depth, corpus size, steps, learning rates, the KL coefficient β, PPO iterations — with their valid ranges.',
        'Runs compared side by side: loss, reward-model accuracy, reward and KL.',
        'Any run shared as a link: the settings live in the page address.',
        'A projection to real scale with the Chinchilla scaling law (Hoffmann et al. 2022), clearly labelled as a projection from a published fit.',
      ]}
    />
  );
}
