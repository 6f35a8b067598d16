import { SectionPlaceholder } from '../../../components/page/SectionPlaceholder';

/** SEAM: loss and perplexity curves (train, held-out, unigram baseline) and the LR schedule. */
export function TrainingCurvesSection() {
  return (
    <SectionPlaceholder
      id="training-curves"
      title="Loss, perplexity and learning rate"
      seam="pretraining/training-curves"
      willShow={[
        'Training and held-out loss as the model trains, against the unigram baseline.',
        'Perplexity, the same numbers as an effective number of choices per token.',
        'The learning-rate schedule: linear warmup, then cosine decay.',
      ]}
    />
  );
}
