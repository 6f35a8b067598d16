import { SectionPlaceholder } from '../../../components/page/SectionPlaceholder';

/** SEAM: samples from the base model, showing it continues text rather than answering. */
export function GenerationsSection() {
  return (
    <SectionPlaceholder
      id="generations"
      title="What the base model writes"
      seam="pretraining/generations"
      willShow={[
        'Continuations sampled from the base model for prompts from the corpus.',
        'A question put to it: it continues the text instead of answering — the limitation SFT addresses.',
      ]}
    />
  );
}
