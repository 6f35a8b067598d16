import { Formula } from '../../../components/formula';
import { Section } from '../../../components/page/Section';

/**
 * The loss pretraining minimises. SEAM: pass `live` (and `liveText`) to <Formula>
 * with the current run's numbers, e.g. the mean loss at the latest step.
 */
export function CrossEntropySection() {
  return (
    <Section id="cross-entropy" title="The loss: cross-entropy">
      <p>
        At each position the model gives a probability to every token in its vocabulary. The loss is
        the average, over the positions of a batch, of minus the log-probability it gave to the
        token that actually came next. Perplexity is its exponential.
      </p>
      <Formula
        tex={String.raw`\mathcal{L}(\theta) = -\frac{1}{T}\sum_{t=1}^{T} \log p_\theta(x_t \mid x_{<t}), \qquad \mathrm{PPL} = e^{\mathcal{L}}`}
        text="L of theta equals minus one over T times the sum over t from 1 to T of log p theta of x t given the tokens before it; perplexity equals e to the power L."
      />
      <p>
        A model that guesses uniformly over a vocabulary of V tokens has loss log V and perplexity
        V; training should fall well below both.
      </p>
    </Section>
  );
}
