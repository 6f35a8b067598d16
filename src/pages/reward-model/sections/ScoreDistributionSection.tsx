import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { fmt } from '../../../components/run/metrics';
import { NoModel } from '../../shared/NoModel';
import { useStageStatus, useStageSummary } from '../../shared/useStageRun';
import { fmtSigned, histogram, mean, median, pairsRankedRight } from '../figures';
import { useChangeCount } from '../useChangeCount';

/** Held-out scores of chosen vs rejected answers (measured in the Worker at the end of the run). */
export function ScoreDistributionSection() {
  const status = useStageStatus('reward');
  const reward = useStageSummary('reward')?.reward;
  const distribution = reward?.scoreDistribution;
  const chosen = distribution?.chosen;
  const rejected = distribution?.rejected;

  const series = useMemo<ChartSeries[]>(() => {
    if (!chosen || !rejected) return [];
    const h = histogram([chosen, rejected]);
    const x = h.centres.map((c) => Number(c.toPrecision(6)));
    return [
      { name: 'chosen answers', x, y: h.counts[0], kind: 'bar', paletteIndex: 0 },
      { name: 'rejected answers', x, y: h.counts[1], kind: 'bar', paletteIndex: 3 },
    ];
  }, [chosen, rejected]);
  const revision = useChangeCount(series);

  let body;
  if (!reward || !chosen || !rejected) {
    body = <NoModel status={status} what="the score distributions" />;
  } else if (chosen.length === 0) {
    body = <p className="no-model">This run held no pairs out, so there is nothing to plot.</p>;
  } else {
    const n = chosen.length;
    const right = pairsRankedRight(chosen, rejected);
    const meanChosen = mean(chosen);
    const meanRejected = mean(rejected);
    const lowestChosen = Math.min(...chosen);
    const overlap = rejected.filter((r) => r > lowestChosen).length;
    const gap = meanChosen !== null && meanRejected !== null ? meanChosen - meanRejected : null;
    const sentence =
      `On the ${n} held-out pairs, chosen answers score ${fmtSigned(meanChosen)} on average (median ${fmtSigned(median(chosen))}), ` +
      `rejected answers ${fmtSigned(meanRejected)} (median ${fmtSigned(median(rejected))}): a gap of ${fmt(gap)}. ` +
      `In ${right} of ${n} pairs the chosen answer scores higher than its own rejected answer.`;
    body = (
      <>
        <p className="figure-line">
          <strong>
            Chosen {fmtSigned(meanChosen)}, rejected {fmtSigned(meanRejected)} on average
          </strong>{' '}
          — {right} of {n} held-out pairs ranked the experts&apos; way.
        </p>
        <Chart
          title="Scores of held-out answers"
          description={sentence}
          series={series}
          xTitle="score (normalised: expert training answers average 0)"
          yTitle="answers"
          revision={revision}
          exportName="reward-model-scores"
        />
        <p>
          {overlap > 0
            ? `The two overlap: ${overlap} of ${n} rejected answers score above the lowest-scoring chosen answer. A score means little on its own, only next to another answer to the same prompt. `
            : 'Every rejected answer scores below every chosen one. '}
          The offset subtracted from the raw scores is {fmt(reward.normalisation.offset)}, the mean
          raw score of the chosen answers of the training pairs.
        </p>
      </>
    );
  }

  return (
    <Section id="score-distribution" title="Scores of chosen and rejected answers">
      <p>
        Once trained, the model scores every held-out answer on its own. If it has learned what
        experts prefer, chosen answers sit to the right of rejected ones.
      </p>
      {body}
    </Section>
  );
}
