/**
 * What the reward-hacking study's result says, in words and chart series (pure).
 * "Start" and "end" are the study's means over the first and last third of the
 * iterations (less noisy than one iteration).
 */
import type { ChartSeries } from '../../components/chart';
import type {
  AnnotatorBias,
  HackingRun,
  RewardHackingResult,
} from '../../sim/experiments/rewardHacking';
import { listText, num, pct, signed, trend } from './format';

export const BIAS_WORDS: Record<AnnotatorBias, string> = {
  permissive: 'permissive annotators (they prefer the answer that lets the patient have the drug)',
  length: 'length-biased annotators (they prefer the longer answer)',
};

/** Decimals shown: the proxy reward, the gold grade (0..1), the KL in nats. */
const PROXY_DIGITS = 2;
const GOLD_DIGITS = 3;
const KL_DIGITS = 1;

export const betaText = (beta: number) => `β = ${beta}`;

export interface RunReading {
  beta: number;
  proxyRose: boolean;
  goldFell: boolean;
  /** The proxy rose while the gold grade fell: over-optimisation. */
  hacked: boolean;
}

/** Compared as shown (a change hidden by rounding is no change). */
export function readRun(run: HackingRun): RunReading {
  const changed = (a: number, b: number, digits: number) => num(a, digits) !== num(b, digits);
  const proxyRose =
    run.end.proxy > run.start.proxy && changed(run.start.proxy, run.end.proxy, PROXY_DIGITS);
  const goldFell =
    run.end.gold < run.start.gold && changed(run.start.gold, run.end.gold, GOLD_DIGITS);
  return { beta: run.beta, proxyRose, goldFell, hacked: proxyRose && goldFell };
}

export const goldTrend = (run: HackingRun) => trend(run.start.gold, run.end.gold, GOLD_DIGITS);
export const proxyTrend = (run: HackingRun) => trend(run.start.proxy, run.end.proxy, PROXY_DIGITS);
export const klEnd = (run: HackingRun) => `${num(run.end.kl, KL_DIGITS)} nats`;

/** "β = 0: proxy reward rose from −0.39 to 1.14 while the gold grade fell from 0.192 to 0.072; KL to SFT ended at 16.0 nats." */
export function describeRun(run: HackingRun): string {
  const { hacked } = readRun(run);
  return `${betaText(run.beta)}: proxy reward ${proxyTrend(run)} ${hacked ? 'while' : 'and'} the gold grade ${goldTrend(run)}; KL to the SFT model ended at ${klEnd(run)}.`;
}

const byBeta = (result: RewardHackingResult) => [...result.runs].sort((a, b) => a.beta - b.beta);

/** The chart's text alternative: every β's start and end. */
export function hackingDescription(result: RewardHackingResult): string {
  if (result.runs.length === 0) return 'No PPO run in this result.';
  const iterations = result.options.iterations;
  return `PPO against a reward model fit to ${result.bias} annotators' labels, ${iterations} iterations per β (start and end: means of the first and last third). ${byBeta(
    result,
  )
    .map(describeRun)
    .join(' ')}`;
}

/** The reading under the charts: was the reward model over-optimised, and at which β. */
export function hackingVerdict(result: RewardHackingResult): string {
  const runs = byBeta(result);
  if (runs.length === 0) return 'No PPO run in this result.';
  const hacked = runs.filter((r) => readRun(r).hacked);
  const held = runs.filter((r) => !readRun(r).hacked);
  const betas = (rs: HackingRun[]) => listText(rs.map((r) => betaText(r.beta)));
  if (hacked.length === 0) {
    return `No over-optimisation at ${betas(runs)} in ${result.options.iterations} iterations: the gold grade did not fall while the proxy reward rose.`;
  }
  const head = `Over-optimisation at ${betas(hacked)}: the proxy reward rose while the gold grade fell — PPO learned what the biased reward model likes, not what is right.`;
  if (held.length === 0) {
    const least = [...hacked].sort(
      (a, b) => b.end.gold - b.start.gold - (a.end.gold - a.start.gold),
    )[0];
    return `${head} It happened at every β tried; the gold grade fell least at ${betaText(least.beta)} (${num(least.start.gold, GOLD_DIGITS)} → ${num(least.end.gold, GOLD_DIGITS)}, KL ${klEnd(least)}).`;
  }
  const heldText = held
    .map((r) => `${betaText(r.beta)}: ${goldTrend(r)}, KL ${klEnd(r)}`)
    .join('; ');
  const closer = Math.max(...held.map((r) => r.end.kl)) < Math.min(...hacked.map((r) => r.end.kl));
  return `${head} At ${betas(held)} the gold grade did not fall (${heldText})${
    closer ? ': the KL penalty kept the policy closer to the SFT model' : ''
  }.`;
}

/** The measured line of the seeds' "strong KL regularisation". */
export function klSolutionReading(result: RewardHackingResult): string {
  const runs = byBeta(result);
  if (runs.length < 2) return 'Only one β was run: select two or more to compare.';
  const low = runs[0];
  const high = runs[runs.length - 1];
  const lowHacked = readRun(low).hacked;
  const highHacked = readRun(high).hacked;
  const facts = `Largest β (${high.beta}): gold ${goldTrend(high)}, KL ${klEnd(high)}. Smallest β (${low.beta}): gold ${goldTrend(low)}, KL ${klEnd(low)}.`;
  let verdict: string;
  if (lowHacked && !highHacked) verdict = 'Here the larger β stopped the fall of the gold grade.';
  else if (lowHacked && highHacked) {
    const slowed = high.end.gold - high.start.gold > low.end.gold - low.start.gold;
    verdict = `Here the larger β did not stop the fall${slowed ? ', only slowed it' : ''}.`;
  } else if (!lowHacked && highHacked) verdict = 'Here the larger β did worse.';
  else
    verdict = 'Neither was over-optimised in these iterations, so this run cannot show the brake.';
  return `${facts} ${verdict}`;
}

/** The measured line of the seeds' "human validation" (the gold grader plays the pharmacist). */
export function validationReading(result: RewardHackingResult): string {
  const hacked = byBeta(result).filter((r) => readRun(r).hacked);
  if (hacked.length === 0) {
    return 'The gold grader plays the pharmacists here. Proxy and gold did not part ways in this result, so there was nothing to flag.';
  }
  const r = hacked[0];
  return `The gold grader plays the pharmacists here, and it flags the hacking: at ${betaText(r.beta)} the reward model's score changed by ${signed(r.end.proxy - r.start.proxy, PROXY_DIGITS)} while the gold grade changed by ${signed(r.end.gold - r.start.gold, GOLD_DIGITS)}. Without that independent check, the proxy alone looks like success.`;
}

/** How biased the proxy is: the labels it was fit on, and how well it matches the truth. */
export function proxyText(result: RewardHackingResult): string {
  return `The biased annotators flipped ${pct(result.flippedShare)} of the built-in preference labels. The proxy reward model fit to their labels agrees with them on ${pct(result.proxyAccuracy.biased)} of the pairs, and with the true preferences on ${pct(result.proxyAccuracy.truth)}.`;
}

/** Proxy reward (left axis, solid) and gold grade (right axis, dashed) per β; one colour per β. */
export function hackingSeries(result: RewardHackingResult): ChartSeries[] {
  return byBeta(result).flatMap((run, i) => {
    const x = run.points.map((p) => p.iteration);
    return [
      {
        name: `proxy reward, ${betaText(run.beta)}`,
        x,
        y: run.points.map((p) => p.proxy),
        paletteIndex: i,
      },
      {
        name: `gold grade, ${betaText(run.beta)}`,
        x,
        y: run.points.map((p) => p.gold),
        dashed: true,
        yaxis: 2 as const,
        paletteIndex: i,
      },
    ];
  });
}

/** KL to the SFT model per β, iteration by iteration. */
export function klSeries(result: RewardHackingResult): ChartSeries[] {
  return byBeta(result).map((run, i) => ({
    name: `KL, ${betaText(run.beta)}`,
    x: run.points.map((p) => p.iteration),
    y: run.points.map((p) => p.kl),
    paletteIndex: i,
  }));
}

export function klDescription(result: RewardHackingResult): string {
  const runs = byBeta(result);
  if (runs.length === 0) return 'No PPO run in this result.';
  return `KL to the SFT model at the end (mean of the last third): ${runs
    .map((r) => `${betaText(r.beta)} ${klEnd(r)}`)
    .join(', ')}.`;
}
