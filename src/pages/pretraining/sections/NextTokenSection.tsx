import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Chart } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { topTokensSteps } from '../../../inference/steps';
import { useCheckpointModel } from '../../../inference/useCheckpointModel';
import { useSlicedJobs, type Job } from '../../../inference/useSlicedJobs';
import { NoModel } from '../../shared/NoModel';
import { useStageCheckpoint, useStageRun } from '../../shared/useStageRun';

const DEFAULT_CONTEXT = 'Metformin is contraindicated when eGFR is below';
const TOP_K = 10;
const MAX_CHARS = 300;

type Top = { token: number; probability: number }[];

/** The base model's probabilities for the next token after a context the reader types. */
export function NextTokenSection() {
  const id = useId();
  const run = useStageRun('pretrain');
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
        vocabulary a probability of coming next. Generation just picks one and repeats. The
        model here is the base (pretrained) model of the run shown above.
      </p>
      {!loaded ? (
        <NoModel run={run} what="its predictions" />
      ) : (
        <>
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
          {context.length === 0 && <p className="muted">Type a context to see predictions.</p>}
          <Chart
            title={`Top ${TOP_K} next tokens`}
            description={description}
            series={
              bars ? [{ name: 'probability', x: bars.labels, y: bars.probabilities, kind: 'bar' }] : []
            }
            yTitle="probability"
            emptyMessage={context.length === 0 ? 'No context.' : 'Computing…'}
            size="short"
          />
        </>
      )}
    </Section>
  );
}
