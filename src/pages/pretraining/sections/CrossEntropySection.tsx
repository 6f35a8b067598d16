import { Formula, type FormulaTerm } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import {
  FINAL_WINDOW,
  finalTrainLoss,
  fmt,
  fmtPerplexity,
  lastHeldOut,
} from '../../../components/run/metrics';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import { useConfigStore } from '../../../store/config';
import { useStageCheckpoint, useStageRun } from '../../shared/useStageRun';

const CROSS_ENTROPY_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`\mathcal{L}(\theta)\ \text{on training batches}`,
    text: 'L of theta on the training batches',
    seriesKey: 'pretrain-loss-train',
    where: 'loss chart, train line',
  },
  {
    tex: String.raw`\mathcal{L}(\theta)\ \text{on held-out text}`,
    text: 'L of theta on held-out text',
    seriesKey: 'pretrain-loss-heldout',
    where: 'loss chart, held-out line',
  },
  {
    tex: String.raw`-\log p_{\text{unigram}}(x_t)`,
    text: 'minus log of the unigram probability of x t',
    seriesKey: 'pretrain-unigram',
    where: 'loss chart, unigram baseline',
  },
];

/** The loss pretraining minimises, and the same formula with the run's numbers. */
export function CrossEntropySection() {
  const run = useStageRun('pretrain');
  const configVocab = useConfigStore((state) => state.config.model.vocabSize);
  const vocab = useStageCheckpoint('pretrain')?.config.model.vocabSize ?? configVocab;
  // Typeset at most once a second, in a task of its own, while a run streams.
  const metrics = useThrottledValue(run.metrics, 1000);
  const train = finalTrainLoss(metrics);
  const held = lastHeldOut(metrics);
  const unigram = run.summary?.unigramLoss;

  let live: string | undefined;
  let liveText: string | undefined;
  if (train !== null && held) {
    const lines = [
      String.raw`\mathcal{L}_{\text{train}} = ${fmt(train)}, \qquad \mathcal{L}_{\text{held-out}} = ${fmt(held.loss)} \;\Rightarrow\; \mathrm{PPL} = e^{${fmt(held.loss)}} = ${fmtPerplexity(Math.exp(held.loss))}`,
    ];
    liveText =
      `Train loss ${fmt(train)} (mean of the last ${FINAL_WINDOW} steps), held-out loss ${fmt(held.loss)} at step ${held.step}, ` +
      `so held-out perplexity is e to the ${fmt(held.loss)}, ${fmtPerplexity(Math.exp(held.loss))}.`;
    if (unigram !== undefined) {
      lines.push(
        String.raw`\text{unigram baseline: } ${fmt(unigram)} \;(\mathrm{PPL}\ ${fmtPerplexity(Math.exp(unigram))}), \qquad \text{uniform guess: } \ln ${vocab} = ${fmt(Math.log(vocab))} \;(\mathrm{PPL}\ ${vocab})`,
      );
      liveText += ` Unigram baseline ${fmt(unigram)}, perplexity ${fmtPerplexity(Math.exp(unigram))}; a uniform guess over ${vocab} tokens scores ln ${vocab} = ${fmt(Math.log(vocab))}.`;
    }
    live = String.raw`\begin{gathered}${lines.join(String.raw`\\[4pt]`)}\end{gathered}`;
  }

  return (
    <Section id="cross-entropy" title="The loss: cross-entropy">
      <p>
        At each position the model gives a probability to every token in its vocabulary. The loss is
        the average, over the positions of a batch, of minus the log-probability it gave to the
        token that actually came next. Perplexity is its exponential: the number of tokens the model
        is, in effect, choosing between.
      </p>
      <Formula
        tex={String.raw`\mathcal{L}(\theta) = -\frac{1}{T}\sum_{t=1}^{T} \log p_\theta(x_t \mid x_{<t}), \qquad \mathrm{PPL} = e^{\mathcal{L}}`}
        text="L of theta equals minus one over T times the sum over t from 1 to T of log p theta of x t given the tokens before it; perplexity equals e to the power L."
        live={live}
        liveText={liveText}
        liveLabel={`With this run's numbers (train: mean of the last ${FINAL_WINDOW} steps; held-out: step ${held?.step ?? '—'})`}
        terms={CROSS_ENTROPY_TERMS}
      />
      <p>
        A model that guesses uniformly over a vocabulary of V tokens has loss ln V and perplexity V;
        the unigram baseline does better by knowing token frequencies; training should fall well
        below both.
      </p>
    </Section>
  );
}
