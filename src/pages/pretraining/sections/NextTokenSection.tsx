import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Chart } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { maxFinite, niceCeil } from '../../../components/run/metrics';
import { topTokensSteps } from '../../../inference/steps';
import { useCheckpointModel } from '../../../inference/useCheckpointModel';
import { useSlicedJobs, type Job } from '../../../inference/useSlicedJobs';
import { noModelText } from '../../shared/NoModel';
import { useStageCheckpoint, useStageStatus } from '../../shared/useStageRun';

const DEFAULT_CONTEXT = 'Metformin is contraindicated when eGFR is below';
const TOP_K = 10;
const MAX_CHARS = 300;

type Top = { token: number; probability: number }[];

/** The base model's probabilities for the next token after a context the reader types. */
export function NextTokenSection() {
  const id = useId();
  const status = useStageStatus('pretrain');
  const loaded = useCheckpointModel(useStageCheckpoint('pretrain'));
  const [context, setContext] = useState(DEFAULT_CONTEXT);
  const deferred = useDeferredValue(context);

  const jobs = useMemo<Job<Top>[] | null>(() => {
    if (!loaded || deferred.length === 0) return null;
    const ids = loaded.tokenizer.encode(deferred);
    return [() => topTokensSteps(loaded.model, ids, TOP_K)];
  }, [loaded, deferred]);
  const { results } = useSlicedJobs(jobs);
  const top = results[0];

  const bars = useMemo(() => {
    if (!loaded || !top) return null;
    const seen = new Set<string>();
    // Categories must be unique; two tokens never share bytes, but be safe.
    const labels = top.map(({ token }) => {
      let label = `“${loaded.tokenizer.tokenLabel(token)}”`;
      if (seen.has(label)) label = `${label} #${token}`;
      seen.add(label);
      return label;
    });
    return { labels, probabilities: top.map((t) => t.probability) };
  }, [loaded, top]);

  const yTop = niceCeil((bars ? maxFinite(bars.probabilities) : 1) * 1.05);
  const yRange = useMemo(() => [0, Math.min(1, yTop)] as const, [yTop]);

  const description = bars
    ? `After “${deferred}”, the most likely next tokens are ${bars.labels
        .slice(0, 3)
        .map((l, i) => `${l} ${(bars.probabilities[i] * 100).toFixed(1)}%`)
        .join(', ')}.`
    : 'The top next tokens appear here.';

  return (
    <Section id="next-token" title="Next-token prediction">
      <p>
        This is the whole task of pretraining: given the text so far, give every token in the
        vocabulary a probability of coming next. Generation just picks one and repeats. The model
        here is the base (pretrained) model of the run shown above.
      </p>
      {/* The chart stays mounted without a model (e.g. while a run trains), so a new
          checkpoint updates it instead of creating it: creating a plot is the costly part. */}
      <label className="field-label" htmlFor={`${id}-context`}>
        Context
      </label>
      <input
        id={`${id}-context`}
        className="text-input"
        type="text"
        maxLength={MAX_CHARS}
        value={context}
        onChange={(e) => setContext(e.target.value)}
      />
      <Chart
        title={`Top ${TOP_K} next tokens`}
        description={description}
        series={
          bars ? [{ name: 'probability', x: bars.labels, y: bars.probabilities, kind: 'bar' }] : []
        }
        yTitle="probability"
        yRange={yRange}
        axesWhenEmpty
        emptyMessage={
          !loaded
            ? noModelText(status, 'its predictions')
            : context.length === 0
              ? 'Type a context to see predictions.'
              : 'Computing…'
        }
        size="short"
      />
    </Section>
  );
}
