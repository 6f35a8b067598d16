import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';

/**
 * The masked SFT loss. SEAM: the SFT loss curve (<Chart>) goes below the formula,
 * and <Formula live=…> gets the run's numbers.
 */
export function SftLossSection() {
  return (
    <Section id="sft-loss" title="The loss: cross-entropy on the response only">
      <p>
        SFT uses the same next-token loss as pretraining, but averages it only over the positions of
        the response. The model is not trained to predict the instruction, only how an expert
        answers it.
      </p>
      <Formula
        tex={String.raw`\mathcal{L}_{\mathrm{SFT}}(\theta) = -\frac{1}{|R|}\sum_{t \in R} \log p_\theta(x_t \mid x_{<t})`}
        text="L SFT of theta equals minus one over the number of response positions, times the sum over response positions t of log p theta of x t given the tokens before it."
      />
      <p>R is the set of positions holding response tokens; every other position is masked.</p>
    </Section>
  );
}
