import { useId, useMemo, useState } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Formula, type FormulaTerm } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import { fmt } from '../../../components/run/metrics';
import { useSlicedJobs } from '../../../inference/useSlicedJobs';
import { qualityLabel, type PreferencePair } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { Verdict } from '../../shared/Verdict';
import { useStageStatus } from '../../shared/useStageRun';
import { CHANCE_LOSS, btFigures, btLive, fmtPct, fmtSigned, type BtFigures } from '../figures';
import { useChangeCount } from '../useChangeCount';
import { usePreferenceData } from '../usePreferenceData';
import { scoreJob, useRewardModel, type LoadedRewardModel } from '../useRewardModel';

const SYMBOLIC = String.raw`P(y_c \succ y_r \mid x) = \sigma\big(r_\phi(x, y_c) - r_\phi(x, y_r)\big), \qquad \mathcal{L}(\phi) = -\log \sigma\big(r_\phi(x, y_c) - r_\phi(x, y_r)\big)`;
const BT_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`r_\phi(x, y_c) - r_\phi(x, y_r)`,
    text: 'the margin: reward of the chosen minus reward of the rejected response',
    seriesKey: 'rm-margin-heldout',
    where: 'margin chart, held-out pairs',
  },
  {
    tex: String.raw`\mathcal{L}(\phi)`,
    text: 'the loss L of phi, averaged over pairs',
    seriesKey: 'rm-loss-heldout',
    where: 'loss chart, held-out pairs',
  },
  {
    tex: String.raw`-\log \sigma(\cdot)\ \text{for this pair}`,
    text: 'minus log sigma for the pair picked',
    seriesKey: 'rm-this-pair',
    where: 'the loss curve below, this pair',
  },
];

const SYMBOLIC_TEXT =
  'The probability that the chosen response y c is preferred to the rejected response y r for prompt x is sigma of the reward of y c minus the reward of y r; the loss L of phi is minus log of that sigma.';

/** −log σ(m) against m, with the pair's margin marked (once scored); stays mounted across pairs. */
function LossCurve({ figures }: { figures: BtFigures | null }) {
  const reach = Math.max(6, figures ? Math.ceil(Math.abs(figures.margin)) + 1 : 0);
  const curve = useMemo<ChartSeries>(() => {
    const x = Array.from({ length: 121 }, (_, i) => -reach + (2 * reach * i) / 120);
    return {
      name: '−log σ(m)',
      x,
      y: x.map((m) => btFigures(m, 0)?.loss ?? Number.NaN),
      paletteIndex: 2,
    };
  }, [reach]);
  const series = useMemo<ChartSeries[]>(
    () =>
      figures
        ? [
            curve,
            {
              name: 'this pair',
              highlightKey: 'rm-this-pair',
              x: [figures.margin],
              y: [figures.loss],
              paletteIndex: 1,
            },
          ]
        : [curve],
    [curve, figures],
  );
  const revision = useChangeCount(series);
  return (
    <Chart
      title="The loss against the margin"
      description={
        `−log σ(m) is ln 2 = ${fmt(CHANCE_LOSS)} at m = 0, falls towards 0 as the chosen answer pulls ahead ` +
        'and grows almost linearly when the rejected answer scores higher. ' +
        (figures
          ? `This pair: m = ${fmtSigned(figures.margin)}, loss ${fmt(figures.loss, 3)}.`
          : 'Scoring this pair…')
      }
      series={series}
      xTitle="margin m = r(chosen) − r(rejected)"
      yTitle="loss"
      revision={revision}
      size="short"
    />
  );
}

function ScoredPair({ loaded, pair }: { loaded: LoadedRewardModel; pair: PreferencePair }) {
  const jobs = useMemo(
    () => [
      scoreJob(loaded, pair.prompt, pair.chosen),
      scoreJob(loaded, pair.prompt, pair.rejected),
    ],
    [loaded, pair],
  );
  const { results, error } = useSlicedJobs(jobs);
  const [rChosen, rRejected] = results;
  const figures =
    rChosen !== undefined && rRejected !== undefined ? btFigures(rChosen, rRejected) : null;
  const live =
    figures && rChosen !== undefined && rRejected !== undefined
      ? btLive(rChosen, rRejected, figures)
      : null;

  return (
    <>
      <dl className="pref-answers pref-answers--scored" aria-live="polite">
        <dt>Prompt x</dt>
        <dd>{pair.prompt}</dd>
        <dt>
          <span aria-hidden="true">✓ </span>Chosen y<sub>c</sub>
        </dt>
        <dd>
          {pair.chosen}{' '}
          <span className="score-chip">
            r<sub>c</sub> = {rChosen === undefined ? '…' : fmtSigned(rChosen)}
          </span>
        </dd>
        <dt>
          <span aria-hidden="true">✗ </span>Rejected y<sub>r</sub>
        </dt>
        <dd>
          {pair.rejected}{' '}
          <span className="score-chip">
            r<sub>r</sub> = {rRejected === undefined ? '…' : fmtSigned(rRejected)}
          </span>
        </dd>
      </dl>
      {error && <p className="no-model">The pair could not be scored: {error}</p>}
      {figures && (
        <p className="figure-line">
          <Verdict
            ok={figures.margin > 0}
            yes="ranked the experts' way"
            no="ranked the wrong way round"
          />{' '}
          — it puts the probability that experts prefer the chosen answer at{' '}
          <strong>{fmtPct(figures.probability)}</strong>; this pair&apos;s loss is{' '}
          <strong>{fmt(figures.loss, 3)}</strong> (a coin toss: ln 2 = {fmt(CHANCE_LOSS, 3)}).
        </p>
      )}
      <Formula
        tex={SYMBOLIC}
        text={SYMBOLIC_TEXT}
        live={live?.tex}
        liveText={live?.text}
        liveLabel="With this pair's scores from the reward model shown"
        terms={BT_TERMS}
      />
      <LossCurve figures={figures} />
    </>
  );
}

/** Pick a pair; the reward model scores both answers and the loss is worked out with them. */
function PairPicker({ loaded }: { loaded: LoadedRewardModel }) {
  const id = useId();
  const { pairs, heldOut } = usePreferenceData(loaded.checkpoint.config.seed);
  const held = pairs.filter((p) => heldOut.has(p.id));
  const train = pairs.filter((p) => !heldOut.has(p.id));
  const [pairId, setPairId] = useState<string | null>(null);
  const pair = pairs.find((p) => p.id === pairId) ?? held[0] ?? pairs[0];
  const option = (p: PreferencePair) => (
    <option key={p.id} value={p.id}>
      {qualityLabel(p.quality)}: {p.prompt}
    </option>
  );
  return (
    <>
      <div className="controls">
        <label htmlFor={`${id}-pair`}>Pair</label>
        <select
          id={`${id}-pair`}
          className="wide-select"
          value={pair.id}
          onChange={(e) => setPairId(e.target.value)}
        >
          {held.length > 0 && (
            <optgroup label={`Held out (${held.length}): never trained on`}>
              {held.map(option)}
            </optgroup>
          )}
          <optgroup label={`Training (${train.length})`}>{train.map(option)}</optgroup>
        </select>
      </div>
      <ScoredPair loaded={loaded} pair={pair} />
    </>
  );
}

/** The Bradley–Terry loss, worked out with the current reward model's scores for one pair. */
export function BradleyTerrySection() {
  const status = useStageStatus('reward');
  const loaded = useRewardModel();
  return (
    <Section id="bradley-terry" title="The loss: Bradley–Terry">
      <p>
        The reward model r<sub>φ</sub> gives any (prompt, answer) one number. The Bradley–Terry
        model turns the difference of two scores into the probability that an expert prefers the
        first: σ, the logistic sigmoid, maps a margin of 0 to 50%. Training minimises minus the log
        of that probability for the answer the experts actually chose. Only the difference counts,
        so scores have no natural zero: this app shifts them so that the expert answers of the
        training pairs average 0.
      </p>
      {!loaded ? (
        <>
          <Formula tex={SYMBOLIC} text={SYMBOLIC_TEXT} />
          <NoModel status={status} what="a pair's scores and its loss" />
        </>
      ) : (
        <PairPicker loaded={loaded} />
      )}
    </Section>
  );
}
