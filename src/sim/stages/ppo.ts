/**
 * Stage 4, RLHF with PPO (Schulman et al. 2017) against the reward model, as Ziegler
 * et al. 2019 and Ouyang et al. 2022 did it and as TRL's PPO trainer implements it:
 *
 * One iteration:
 * 1. Rollouts: B prompts drawn from the training prompts; the policy samples a
 *    response to each (temperature τ, whole vocabulary) until `<|end|>` or
 *    `maxNewTokens`.
 * 2. One batched forward of the policy (log-probs, entropies, and values from the
 *    value head on the same trunk), one of the frozen SFT reference (log-probs), one
 *    of the reward model (the score at the closing `<|end|>`). Like TRL, all log-probs
 *    are of the tempered distribution softmax(logits/τ), the one that was sampled.
 * 3. Per-token reward r_t = −β·(log π(a_t) − log π_ref(a_t)) (the k1 KL estimate), plus
 *    the reward-model score at the last response token (minus `missingEosPenalty`
 *    when the response never ended).
 * 4. GAE(γ, λ) per response with the rollout values; advantages whitened over all the
 *    batch's response tokens (TRL `masked_whiten`).
 * 5. `ppoEpochs` passes over the batch in `minibatches` shuffled minibatches: loss =
 *    −mean min(r·Â, clip(r, 1−ε, 1+ε)·Â) + vfCoef·½·mean max((V−R)², (V_clip−R)²),
 *    gradient-norm clipping over trunk + value head, AdamW.
 * 6. β is fixed, or adapted toward a target KL (Ziegler et al. 2019, §2.2).
 *
 * Design decisions (why):
 * - The value head shares the policy's trunk (TRL's AutoModelForCausalLMWithValueHead,
 *   Ziegler et al.'s setting) instead of a second model: half the cost in the browser.
 *   It starts at zero, so the first advantages are the λ-returns of the rewards.
 * - Held-out evaluation is greedy (deterministic, what a student sees as "the model's
 *   answer"), on prompts about facts PPO never trains on.
 * - Like every stage: a generator that never yields a NaN; a non-finite loss or norm
 *   ends the run with "diverged at iteration N" and the last good weights.
 */
import type { PipelineConfig } from '../config';
import { createRng, type Rng } from '../core/rng';
import { KNOWLEDGE_BASE, SEED_PPO_QUERIES, buildPpoPrompts, type PpoPrompt } from '../data';
import type { PharmaFact } from '../data/knowledgeBase';
import { gradeAnswer } from '../eval/grader';
import { KvDecoder, generate } from '../model/generate';
import { Gpt } from '../model/gpt';
import { ScalarHead } from '../model/scalarHead';
import { AdamW } from '../optim/adamw';
import { AdaptiveKlController, FixedKlController, type KlController } from '../rl/adaptiveKl';
import { gae, whiten } from '../rl/gae';
import { ppoClipGradient } from '../rl/ppo';
import { BpeTokenizer, SPECIAL_TOKENS, formatPrompt } from '../text';
import { scoreSequences, type RewardModel } from './reward';
import type { Checkpoint } from './types';

export interface PpoConfig {
  /** Rollout + update rounds. */
  iterations: number;
  /** Responses sampled per iteration (TRL: batch_size). */
  rolloutsPerIteration: number;
  /** Longest response, in tokens (TRL: response_length). */
  maxNewTokens: number;
  /** Passes over each batch of rollouts (TRL: num_ppo_epochs). */
  ppoEpochs: number;
  /** Minibatches per pass (TRL: num_mini_batches). */
  minibatches: number;
  learningRate: number;
  /** Global gradient-norm clip over trunk + value head (0 disables). */
  gradClip: number;
  /** Policy clip range ε (TRL: cliprange). */
  cliprange: number;
  /** Value clip range (TRL: cliprange_value). */
  cliprangeValue: number;
  /** Weight of the value loss (TRL: vf_coef). */
  vfCoef: number;
  gamma: number;
  /** GAE λ (TRL: lam). */
  lam: number;
  /** KL penalty coefficient β, or its starting value when adaptive (TRL: kl_coef). */
  klCoef: number;
  /** Adapt β toward `klTarget` (Ziegler et al. 2019) instead of holding it fixed. */
  adaptiveKl: boolean;
  /** Target KL per response (nats) for the adaptive controller. */
  klTarget: number;
  /** Responses over which the adaptive controller makes a full ±20 % correction. */
  klHorizon: number;
  /** Sampling temperature of the rollouts (TRL: temperature). */
  temperature: number;
  /** Subtracted from the score of a response that hits maxNewTokens without ending. */
  missingEosPenalty: number;
  /** Held-out evaluation every this many iterations (and before the first, and last). */
  evalEvery: number;
  /** Share of the facts whose prompts are held out (see buildPpoPrompts). */
  heldOutFraction: number;
  seed: number;
}

export const DEFAULT_PPO_CONFIG: PpoConfig = {
  iterations: 30,
  rolloutsPerIteration: 16,
  maxNewTokens: 40,
  ppoEpochs: 2,
  minibatches: 2,
  learningRate: 3e-4,
  gradClip: 1,
  cliprange: 0.2,
  cliprangeValue: 0.2,
  vfCoef: 0.1,
  gamma: 1,
  lam: 0.95,
  klCoef: 0.2,
  adaptiveKl: false,
  klTarget: 6,
  klHorizon: 1000,
  temperature: 0.7,
  missingEosPenalty: 1,
  evalEvery: 5,
  heldOutFraction: 0.25,
  seed: 1,
};

/** One iteration's numbers; TRL's log names in the comments. */
export interface PpoIterationMetrics {
  iteration: number;
  /** objective/scores: mean reward-model score of the rollouts (normalised). */
  score: number;
  /** Mean gold-grader score (0..1) of the rollouts. */
  goldScore: number;
  /** objective/kl: mean over responses of Σ_t (log π − log π_ref) (k1, nats). */
  klK1: number;
  /** Mean over responses of Σ_t k3 (never negative). */
  klK3: number;
  /** objective/non_score_reward: mean −β·Σ_t k1. */
  nonScoreReward: number;
  /** objective/rlhf_reward: score + non-score reward. */
  rlhfReward: number;
  /** objective/entropy, per token (nats). */
  entropy: number;
  /** loss/policy_avg. */
  policyLoss: number;
  /** loss/value_avg (before vfCoef). */
  valueLoss: number;
  /** policy/clipfrac_avg. */
  clipFraction: number;
  /** val/clipfrac_avg. */
  valueClipFraction: number;
  /** policy/approxkl_avg: ½·mean (log π − log π_old)² over the updates. */
  approxKl: number;
  /** val/ratio: mean π/π_old over the updates. */
  ratio: number;
  /** β used for this iteration's rewards. */
  beta: number;
  /** Mean response length (tokens, `<|end|>` included). */
  responseLength: number;
  /** Share of responses that ended with `<|end|>`. */
  endedFraction: number;
  /** Largest global gradient norm of the iteration's updates, before clipping. */
  gradNorm: number;
  /** Greedy answers to the held-out prompts (on evaluation iterations). */
  heldOutScore?: number;
  heldOutGoldScore?: number;
}

/** One rollout, token by token: what the step-through view shows. */
export interface RolloutTrace {
  prompt: string;
  factId: string;
  response: string;
  tokens: number[];
  /** Per response token. */
  logProb: number[];
  refLogProb: number[];
  /** −β·(log π − log π_ref). */
  klPenalty: number[];
  value: number[];
  /** KL penalty, plus the score on the last token. */
  reward: number[];
  /** Before whitening. */
  advantage: number[];
  returns: number[];
  score: number;
  goldScore: number;
}

export interface AnsweredPrompt {
  id: string;
  factId: string;
  prompt: string;
  answer: string;
  /** Reward-model score (normalised). */
  score: number;
  goldScore: number;
  verdictCorrect: boolean;
}

export interface PpoSnapshot {
  /** 0 = before any update (the SFT model). */
  iteration: number;
  answers: AnsweredPrompt[];
}

export interface PpoEvent {
  metrics: PpoIterationMetrics;
  /** The first rollout of the iteration, token by token. */
  trace: RolloutTrace;
}

export interface PpoResult {
  status: 'completed' | 'diverged';
  message: string;
  divergedAtIteration?: number;
  metrics: PpoIterationMetrics[];
  /** Policy trunk weights (the GPT layout), for generation. */
  checkpoint: Checkpoint;
  valueHead: { w: Float32Array; b: number };
  /** Greedy answers to the seed queries, before training and at chosen iterations. */
  snapshots: PpoSnapshot[];
  /** Greedy answers to the held-out prompts, before (SFT) and after PPO. */
  heldOut: { before: AnsweredPrompt[]; after: AnsweredPrompt[] };
  data: { trainPrompts: number; heldOutPrompts: number };
  config: PpoConfig;
}

export interface PpoOptions extends Partial<PpoConfig> {
  /** Training and held-out prompts (default: buildPpoPrompts with the seed). */
  prompts?: { train: readonly PpoPrompt[]; heldOut: readonly PpoPrompt[] };
  /** Iterations (besides 0 and the last) at which to answer the seed queries. */
  snapshotAt?: readonly number[];
  /**
   * Re-centre the reward model on the SFT policy's own samples before training, so
   * SFT outputs score 0 on average (lm-human-preferences; Huang et al. 2022). Default on.
   */
  normaliseReward?: boolean;
}

function assertPpoConfig(c: PpoConfig): void {
  const problems: string[] = [];
  const positiveInt = (name: keyof PpoConfig) => {
    const v = c[name];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 1))
      problems.push(`${name} must be a positive integer, got ${String(v)}`);
  };
  const inRange = (name: keyof PpoConfig, lo: number, hi: number, open = false) => {
    const v = c[name];
    const ok = typeof v === 'number' && v >= lo && (open ? v < hi : v <= hi);
    if (!ok) problems.push(`${name} must be in [${lo}, ${hi}${open ? ')' : ']'}, got ${String(v)}`);
  };
  const positive = (name: keyof PpoConfig) => {
    const v = c[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0))
      problems.push(`${name} must be a finite number > 0, got ${String(v)}`);
  };
  const nonNegative = (name: keyof PpoConfig) => {
    const v = c[name];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0))
      problems.push(`${name} must be a finite number ≥ 0, got ${String(v)}`);
  };
  positiveInt('iterations');
  positiveInt('rolloutsPerIteration');
  positiveInt('maxNewTokens');
  positiveInt('ppoEpochs');
  positiveInt('minibatches');
  positiveInt('evalEvery');
  positive('learningRate');
  positive('cliprange');
  positive('cliprangeValue');
  positive('temperature');
  positive('klTarget');
  positive('klHorizon');
  nonNegative('gradClip');
  nonNegative('vfCoef');
  nonNegative('klCoef');
  nonNegative('missingEosPenalty');
  inRange('gamma', 0, 1);
  inRange('lam', 0, 1);
  inRange('heldOutFraction', 0, 1, true);
  if (c.adaptiveKl && !(c.klCoef > 0))
    problems.push('klCoef must be > 0 when adaptiveKl is on (β is adapted multiplicatively)');
  if (c.minibatches > c.rolloutsPerIteration)
    problems.push(
      `minibatches (${c.minibatches}) must not exceed rolloutsPerIteration (${c.rolloutsPerIteration})`,
    );
  if (!Number.isFinite(c.seed)) problems.push(`seed must be a finite number, got ${c.seed}`);
  if (problems.length > 0) throw new RangeError(`ppo: ${problems.join('; ')}`);
}

/** A sampled response and everything measured on it at rollout time. */
interface Rollout {
  prompt: PpoPrompt;
  promptIds: number[];
  /** Response tokens, the closing `<|end|>` included when sampled. */
  response: number[];
  ended: boolean;
  text: string;
  oldLogp: Float64Array;
  refLogp: Float64Array;
  oldValues: Float64Array;
  entropy: number;
  score: number;
  gold: number;
  rewards: Float64Array;
  advantages: Float64Array;
  returns: Float64Array;
}

/** Pads sequences with `<|endoftext|>` into one [B, T] batch and runs the forward pass. */
function forwardBatch(model: Gpt, seqs: readonly number[][]) {
  const B = seqs.length;
  const T = Math.max(...seqs.map((s) => s.length));
  const tokens = new Int32Array(B * T).fill(SPECIAL_TOKENS.endOfText);
  seqs.forEach((s, b) => tokens.set(s, b * T));
  const out = model.forward(tokens, B, T);
  return { ...out, T };
}

/**
 * log softmax(logits/τ)[token] and the entropy of softmax(logits/τ) for one row; when
 * `probs` is given it receives the tempered probabilities (for the gradient).
 */
function temperedRow(
  logits: Float32Array,
  offset: number,
  V: number,
  token: number,
  tau: number,
  probs?: Float64Array,
): { logp: number; entropy: number } {
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (logits[offset + v] > max) max = logits[offset + v];
  let sum = 0;
  let weighted = 0;
  for (let v = 0; v < V; v++) {
    const z = (logits[offset + v] - max) / tau;
    const e = Math.exp(z);
    sum += e;
    weighted += e * z;
    if (probs) probs[v] = e;
  }
  const logZ = Math.log(sum);
  if (probs) for (let v = 0; v < V; v++) probs[v] /= sum;
  return {
    logp: (logits[offset + token] - max) / tau - logZ,
    entropy: logZ - weighted / sum,
  };
}

/** Rows of a [B, T] batch whose logits predict each response token of sequence b. */
function responseRows(b: number, T: number, promptLength: number, n: number): number[] {
  return Array.from({ length: n }, (_, j) => b * T + promptLength - 1 + j);
}

/** The reward model's sequence: the response, closed with `<|end|>` if it was cut off. */
function rewardInput(r: { promptIds: number[]; response: number[]; ended: boolean }): number[] {
  const seq = [...r.promptIds, ...r.response];
  if (!r.ended) seq.push(SPECIAL_TOKENS.endOfTurn);
  return seq;
}

/** Response tokens → text, cut at the first stop token. */
function responseText(tokenizer: BpeTokenizer, response: readonly number[]): string {
  const end = response.findIndex(
    (t) => t === SPECIAL_TOKENS.endOfTurn || t === SPECIAL_TOKENS.endOfText,
  );
  return tokenizer.decode(end >= 0 ? response.slice(0, end) : [...response]);
}

/** Normalised reward-model scores of several (prompt, response) sequences. */
function scoreMany(rm: RewardModel, seqs: readonly number[][], perForward = 16): number[] {
  const out: number[] = [];
  for (let i = 0; i < seqs.length; i += perForward) {
    const { scores } = scoreSequences(rm.trunk, rm.head, seqs.slice(i, i + perForward));
    for (const s of scores) out.push(s - rm.offset);
  }
  return out;
}

function factOf(byId: Map<string, PharmaFact>, id: string): PharmaFact {
  const fact = byId.get(id);
  if (!fact) throw new RangeError(`ppo: prompt refers to unknown fact '${id}'`);
  return fact;
}

/**
 * Greedy answers of `model` to `prompts`, with reward-model and gold scores. Exported
 * for the pipeline summary and the app.
 */
export function answerPrompts(
  model: Gpt,
  rm: RewardModel,
  tokenizer: BpeTokenizer,
  prompts: readonly { id: string; factId: string; prompt: string }[],
  maxNewTokens: number,
  kb: readonly PharmaFact[] = KNOWLEDGE_BASE,
): AnsweredPrompt[] {
  const byId = new Map(kb.map((f) => [f.id, f]));
  const decoder = new KvDecoder(model);
  const rng = createRng(0); // greedy decoding draws nothing
  const rows = prompts.map((p) => {
    const promptIds = formatPrompt(tokenizer, p.prompt);
    const room = model.config.contextLength - promptIds.length;
    const gen =
      room >= 1
        ? generate(
            model,
            promptIds,
            {
              temperature: 0,
              topK: 0,
              maxNewTokens: Math.min(maxNewTokens, room),
              stopTokens: [SPECIAL_TOKENS.endOfTurn],
            },
            rng,
            decoder,
          )
        : { tokens: [] as number[] };
    const ended = gen.tokens.includes(SPECIAL_TOKENS.endOfTurn);
    return { p, promptIds, response: gen.tokens, ended };
  });
  const scores = scoreMany(
    rm,
    rows.map((r) => rewardInput(r)),
  );
  return rows.map((r, i) => {
    const text = responseText(tokenizer, r.response);
    const grade = gradeAnswer(text, factOf(byId, r.p.factId));
    return {
      id: r.p.id,
      factId: r.p.factId,
      prompt: r.p.prompt,
      answer: text,
      score: scores[i],
      goldScore: grade.score,
      verdictCorrect: grade.verdictCorrect,
    };
  });
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * RLHF with PPO from the SFT checkpoint against `rewardModel` (see the file comment).
 * The SFT weights are also the frozen reference. Yields each iteration's metrics and
 * one rollout's trace; returns the policy, snapshots and held-out answers.
 */
export function* ppo(
  config: PipelineConfig,
  sftCheckpoint: Checkpoint,
  rewardModel: RewardModel,
  options: PpoOptions = {},
): Generator<PpoEvent, PpoResult> {
  const { prompts: givenPrompts, snapshotAt, normaliseReward = true, ...overrides } = options;
  const pc: PpoConfig = {
    ...DEFAULT_PPO_CONFIG,
    seed: config.seed,
    iterations: config.ppo.iterations,
    rolloutsPerIteration: config.ppo.rolloutsPerIteration,
    learningRate: config.ppo.learningRate,
    klCoef: config.ppo.klCoef,
    cliprange: config.ppo.cliprange,
    adaptiveKl: config.ppo.klTarget > 0,
    klTarget: config.ppo.klTarget > 0 ? config.ppo.klTarget : DEFAULT_PPO_CONFIG.klTarget,
    ...overrides,
  };
  assertPpoConfig(pc);
  if (JSON.stringify(config.model) !== JSON.stringify(sftCheckpoint.config.model)) {
    throw new RangeError('ppo: config.model must match the SFT checkpoint');
  }
  if (JSON.stringify(rewardModel.trunk.config) !== JSON.stringify(sftCheckpoint.config.model)) {
    throw new RangeError('ppo: the reward model must have the SFT checkpoint’s model shape');
  }
  const prompts = givenPrompts ?? buildPpoPrompts(KNOWLEDGE_BASE, pc.seed, pc.heldOutFraction);
  if (prompts.train.length === 0) throw new RangeError('ppo: no training prompts given');

  const modelCfg = sftCheckpoint.config.model;
  const V = modelCfg.vocabSize;
  const tau = pc.temperature;
  const tokenizer = BpeTokenizer.fromJSON(sftCheckpoint.tokenizer);
  const byId = new Map(KNOWLEDGE_BASE.map((f) => [f.id, f]));
  for (const p of [...prompts.train, ...prompts.heldOut]) factOf(byId, p.factId);
  const maxPrompt = Math.max(...prompts.train.map((p) => formatPrompt(tokenizer, p.prompt).length));
  if (maxPrompt + pc.maxNewTokens + 1 > modelCfg.contextLength) {
    throw new RangeError(
      `ppo: maxNewTokens (${pc.maxNewTokens}) leaves no room: the longest prompt takes ` +
        `${maxPrompt} of ${modelCfg.contextLength} positions`,
    );
  }

  const policy = new Gpt(modelCfg, Float32Array.from(sftCheckpoint.params));
  const reference = new Gpt(modelCfg, Float32Array.from(sftCheckpoint.params));
  const valueHead = ScalarHead.init(modelCfg.width);
  const policyOpt = new AdamW(policy.layout, policy.params.length, { weightDecay: 0 });
  const headOpt = new AdamW(valueHead.layout, valueHead.params.length, { weightDecay: 0 });
  const kl: KlController = pc.adaptiveKl
    ? new AdaptiveKlController(pc.klCoef, pc.klTarget, pc.klHorizon)
    : new FixedKlController(pc.klCoef);
  const rng = createRng(pc.seed);
  const promptRng = rng.stream('ppo/prompts');
  const sampleRng = rng.stream('ppo/sampling');
  const minibatchRng = rng.stream('ppo/minibatches');
  const decoder = new KvDecoder(policy);
  const seedQueries = SEED_PPO_QUERIES.filter((q) => byId.has(q.factId));
  // A copy, so the caller's reward model keeps its own offset.
  const rm: RewardModel = { ...rewardModel };
  if (normaliseReward) {
    const calibration = rng.stream('ppo/reward-normalisation');
    const seqs = Array.from({ length: 2 * pc.rolloutsPerIteration }, () =>
      rewardInput(sampleRollout(calibration, calibration)),
    );
    rm.offset += mean(scoreMany(rm, seqs));
  }
  const snapshotIterations = new Set([...(snapshotAt ?? []), pc.iterations]);

  const metrics: PpoIterationMetrics[] = [];
  const snapshots: PpoSnapshot[] = [
    {
      iteration: 0,
      answers: answerPrompts(policy, rm, tokenizer, seedQueries, pc.maxNewTokens),
    },
  ];
  const heldOutBefore = answerPrompts(policy, rm, tokenizer, prompts.heldOut, pc.maxNewTokens);
  const lastPolicy = Float32Array.from(policy.params);
  const lastHead = Float32Array.from(valueHead.params);

  const finish = (status: 'completed' | 'diverged', message: string, at?: number): PpoResult => {
    policy.params.set(lastPolicy);
    valueHead.params.set(lastHead);
    return {
      status,
      message,
      divergedAtIteration: at,
      metrics,
      checkpoint: {
        stage: 'ppo',
        config: sftCheckpoint.config,
        params: Float32Array.from(policy.params),
        tokenizer: sftCheckpoint.tokenizer,
      },
      valueHead: { w: Float32Array.from(valueHead.w), b: valueHead.b },
      snapshots,
      heldOut: {
        before: heldOutBefore,
        after:
          status === 'completed' && metrics.length > 0
            ? answerPrompts(policy, rm, tokenizer, prompts.heldOut, pc.maxNewTokens)
            : heldOutBefore,
      },
      data: { trainPrompts: prompts.train.length, heldOutPrompts: prompts.heldOut.length },
      config: pc,
    };
  };
  const diverged = (iteration: number, why: string) =>
    finish(
      'diverged',
      `diverged at iteration ${iteration}: ${why}. The learning rate ${pc.learningRate} is ` +
        'probably too high; the weights from the last good iteration are kept.',
      iteration,
    );

  for (let iteration = 1; iteration <= pc.iterations; iteration++) {
    const beta = kl.beta;
    const batch = collectRollouts(pc.rolloutsPerIteration);
    const trace = traceOf(batch[0], beta);

    // Whiten advantages over every response token of the batch.
    const flat = whiten(batch.flatMap((r) => Array.from(r.advantages)));
    let k = 0;
    const whitened = batch.map((r) => r.advantages.map(() => flat[k++]));

    const update = ppoUpdate(batch, whitened);
    if (!update.ok) return diverged(iteration, update.why);
    lastPolicy.set(policy.params);
    lastHead.set(valueHead.params);

    const klK1PerSeq = batch.map((r) => sum(r.oldLogp, (lp, t) => lp - r.refLogp[t]));
    const klK3PerSeq = batch.map((r) =>
      sum(r.oldLogp, (lp, t) => Math.max(0, Math.expm1(r.refLogp[t] - lp) - (r.refLogp[t] - lp))),
    );
    const klK1 = mean(klK1PerSeq);
    const m: PpoIterationMetrics = {
      iteration,
      score: mean(batch.map((r) => r.score)),
      goldScore: mean(batch.map((r) => r.gold)),
      klK1,
      klK3: mean(klK3PerSeq),
      nonScoreReward: -beta * klK1,
      rlhfReward: mean(batch.map((r) => r.score)) - beta * klK1,
      entropy: mean(batch.map((r) => r.entropy)),
      policyLoss: update.policyLoss,
      valueLoss: update.valueLoss,
      clipFraction: update.clipFraction,
      valueClipFraction: update.valueClipFraction,
      approxKl: update.approxKl,
      ratio: update.ratio,
      beta,
      responseLength: mean(batch.map((r) => r.response.length)),
      endedFraction: mean(batch.map((r) => (r.ended ? 1 : 0))),
      gradNorm: update.gradNorm,
    };
    kl.update(klK1, batch.length);

    if (iteration % pc.evalEvery === 0 || iteration === pc.iterations) {
      const answers = answerPrompts(policy, rm, tokenizer, prompts.heldOut, pc.maxNewTokens);
      if (answers.length > 0) {
        m.heldOutScore = mean(answers.map((a) => a.score));
        m.heldOutGoldScore = mean(answers.map((a) => a.goldScore));
      }
    }
    if (snapshotIterations.has(iteration)) {
      snapshots.push({
        iteration,
        answers: answerPrompts(policy, rm, tokenizer, seedQueries, pc.maxNewTokens),
      });
    }
    const finite = Object.values(m).every((v) => Number.isFinite(v));
    if (!finite) return diverged(iteration, 'a metric became non-finite');
    metrics.push(m);
    yield { metrics: m, trace };
  }
  return finish('completed', `completed ${pc.iterations} iterations`);

  // ───────────────────────────── the steps ─────────────────────────────

  /** A training prompt drawn with `pick`, and the policy's sampled response (`draw`). */
  function sampleRollout(pick: Rng, draw: Rng) {
    const prompt = prompts.train[pick.int(prompts.train.length)];
    const promptIds = formatPrompt(tokenizer, prompt.prompt);
    const gen = generate(
      policy,
      promptIds,
      {
        temperature: tau,
        topK: 0,
        maxNewTokens: pc.maxNewTokens,
        stopTokens: [SPECIAL_TOKENS.endOfTurn],
      },
      draw,
      decoder,
    );
    const ended = gen.tokens[gen.tokens.length - 1] === SPECIAL_TOKENS.endOfTurn;
    return { prompt, promptIds, response: gen.tokens, ended };
  }

  function collectRollouts(n: number): Rollout[] {
    const sampled = Array.from({ length: n }, () => sampleRollout(promptRng, sampleRng));
    const seqs = sampled.map((r) => [...r.promptIds, ...r.response]);

    // Policy: log-probs, entropies, values (one forward).
    const pol = forwardBatch(policy, seqs);
    const rows = sampled.map((r, b) =>
      responseRows(b, pol.T, r.promptIds.length, r.response.length),
    );
    const values = valueHead.forward(pol.hidden, rows.flat());
    let vi = 0;
    const polStats = sampled.map((r, b) => {
      const logp = new Float64Array(r.response.length);
      const vals = new Float64Array(r.response.length);
      let entropy = 0;
      r.response.forEach((tok, j) => {
        const s = temperedRow(pol.logits, rows[b][j] * V, V, tok, tau);
        logp[j] = s.logp;
        entropy += s.entropy;
        vals[j] = values[vi++];
      });
      return { logp, vals, entropy: entropy / r.response.length };
    });
    // Reference log-probs (the frozen SFT model).
    const ref = forwardBatch(reference, seqs);
    const refLogps = sampled.map((r, b) =>
      Float64Array.from(r.response, (tok, j) => {
        const row = b * ref.T + r.promptIds.length - 1 + j;
        return temperedRow(ref.logits, row * V, V, tok, tau).logp;
      }),
    );
    const scores = scoreMany(
      rm,
      sampled.map((r) => rewardInput(r)),
    );

    return sampled.map((r, b) => {
      const n = r.response.length;
      const score = scores[b] - (r.ended ? 0 : pc.missingEosPenalty);
      const rewards = new Float64Array(n);
      for (let t = 0; t < n; t++) rewards[t] = -kl.beta * (polStats[b].logp[t] - refLogps[b][t]);
      rewards[n - 1] += score;
      const { advantages, returns } = gae(rewards, polStats[b].vals, pc.gamma, pc.lam);
      const text = responseText(tokenizer, r.response);
      return {
        ...r,
        text,
        oldLogp: polStats[b].logp,
        refLogp: refLogps[b],
        oldValues: polStats[b].vals,
        entropy: polStats[b].entropy,
        score,
        gold: gradeAnswer(text, factOf(byId, r.prompt.factId)).score,
        rewards,
        advantages,
        returns,
      };
    });
  }

  function ppoUpdate(batch: Rollout[], advantages: Float64Array[]) {
    const totals = {
      policyLoss: 0,
      valueLoss: 0,
      clipped: 0,
      valueClipped: 0,
      approxKl: 0,
      ratio: 0,
    };
    let tokens = 0;
    let gradNorm = 0;
    const order = Array.from({ length: batch.length }, (_, i) => i);
    const size = Math.ceil(batch.length / pc.minibatches);
    for (let epoch = 0; epoch < pc.ppoEpochs; epoch++) {
      minibatchRng.shuffle(order);
      for (let start = 0; start < order.length; start += size) {
        const mb = order.slice(start, start + size);
        const samples: PpoSample[] = mb.map((i) => ({
          promptIds: batch[i].promptIds,
          response: batch[i].response,
          oldLogp: batch[i].oldLogp,
          oldValues: batch[i].oldValues,
          advantages: advantages[i],
          returns: batch[i].returns,
        }));
        const out = ppoLossAndGrad(policy, valueHead, samples, pc);
        totals.policyLoss += out.sums.policyLoss;
        totals.valueLoss += out.sums.valueLoss;
        totals.clipped += out.sums.clipped;
        totals.valueClipped += out.sums.valueClipped;
        totals.approxKl += out.sums.approxKl;
        totals.ratio += out.sums.ratio;
        tokens += out.tokens;

        let sq = 0;
        for (const g of [policy.grads, valueHead.grads])
          for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
        const norm = Math.sqrt(sq);
        if (!Number.isFinite(norm) || !Number.isFinite(out.loss)) {
          return {
            ok: false as const,
            why: `the loss or gradient norm became non-finite (${norm})`,
          };
        }
        gradNorm = Math.max(gradNorm, norm);
        if (pc.gradClip > 0 && norm > pc.gradClip) {
          const scale = pc.gradClip / norm;
          for (const g of [policy.grads, valueHead.grads])
            for (let i = 0; i < g.length; i++) g[i] *= scale;
        }
        policyOpt.step(policy.params, policy.grads, pc.learningRate);
        headOpt.step(valueHead.params, valueHead.grads, pc.learningRate);
      }
    }
    return {
      ok: true as const,
      policyLoss: totals.policyLoss / tokens,
      valueLoss: totals.valueLoss / tokens,
      clipFraction: totals.clipped / tokens,
      valueClipFraction: totals.valueClipped / tokens,
      approxKl: totals.approxKl / tokens,
      ratio: totals.ratio / tokens,
      gradNorm,
    };
  }

  function traceOf(r: Rollout, beta: number): RolloutTrace {
    return {
      prompt: r.prompt.prompt,
      factId: r.prompt.factId,
      response: r.text,
      tokens: [...r.response],
      logProb: Array.from(r.oldLogp),
      refLogProb: Array.from(r.refLogp),
      klPenalty: Array.from(r.oldLogp, (lp, t) => -beta * (lp - r.refLogp[t])),
      value: Array.from(r.oldValues),
      reward: Array.from(r.rewards),
      advantage: Array.from(r.advantages),
      returns: Array.from(r.returns),
      score: r.score,
      goldScore: r.gold,
    };
  }
}

/** One sampled response, as a PPO minibatch needs it. */
export interface PpoSample {
  promptIds: readonly number[];
  response: readonly number[];
  /** log π_old per response token (tempered), from rollout time. */
  oldLogp: ArrayLike<number>;
  oldValues: ArrayLike<number>;
  /** Whitened advantages per response token. */
  advantages: ArrayLike<number>;
  returns: ArrayLike<number>;
}

/**
 * The PPO loss of one minibatch and its gradient, written into `policy.grads` and
 * `valueHead.grads` (both zeroed first):
 *   loss = −mean_t min(r_t·Â_t, clip(r_t, 1−ε, 1+ε)·Â_t) + vfCoef·½·mean_t max((V_t−R_t)², (V_clip,t−R_t)²)
 * with r_t = π(a_t)/π_old(a_t) of the tempered distributions and the means over all
 * response tokens of the minibatch (TRL's masked means). `sums` are the un-averaged
 * per-token figures, for the iteration's metrics.
 */
export function ppoLossAndGrad(
  policy: Gpt,
  valueHead: ScalarHead,
  samples: readonly PpoSample[],
  pc: Pick<PpoConfig, 'cliprange' | 'cliprangeValue' | 'vfCoef' | 'temperature'>,
): {
  loss: number;
  tokens: number;
  sums: {
    policyLoss: number;
    valueLoss: number;
    clipped: number;
    valueClipped: number;
    approxKl: number;
    ratio: number;
  };
} {
  const V = policy.config.vocabSize;
  const tau = pc.temperature;
  const probs = new Float64Array(V);
  const seqs = samples.map((x) => [...x.promptIds, ...x.response]);
  const { logits, hidden, T } = forwardBatch(policy, seqs);
  const rows = samples.map((x, b) => responseRows(b, T, x.promptIds.length, x.response.length));
  const flatRows = rows.flat();
  const n = flatRows.length;
  const values = valueHead.forward(hidden, flatRows);
  const dLogits = policy.logitGradBuffer();
  dLogits.fill(0);
  const dValues = new Float64Array(n);
  const sums = { policyLoss: 0, valueLoss: 0, clipped: 0, valueClipped: 0, approxKl: 0, ratio: 0 };
  let vi = 0;
  samples.forEach((x, b) => {
    for (let j = 0; j < x.response.length; j++) {
      const row = rows[b][j];
      const tok = x.response[j];
      const { logp } = temperedRow(logits, row * V, V, tok, tau, probs);
      const logRatio = logp - x.oldLogp[j];
      const ratio = Math.exp(logRatio);
      const adv = x.advantages[j];
      const clippedRatio = Math.min(Math.max(ratio, 1 - pc.cliprange), 1 + pc.cliprange);
      sums.policyLoss += -Math.min(ratio * adv, clippedRatio * adv);
      const dObjDRatio = ppoClipGradient(ratio, adv, pc.cliprange);
      if (dObjDRatio === 0 && adv !== 0) sums.clipped++;
      sums.approxKl += 0.5 * logRatio * logRatio;
      sums.ratio += ratio;
      // d(−L^CLIP)/d log π = −(dL^CLIP/dr)·r; d log π/d logits = (onehot − p)/τ.
      const g = (-dObjDRatio * ratio) / n / tau;
      const base = row * V;
      for (let v = 0; v < V; v++) dLogits[base + v] = -g * probs[v];
      dLogits[base + tok] += g;

      // Clipped value loss ½·max((V−R)², (V_clip−R)²) and its gradient.
      const value = values[vi];
      const old = x.oldValues[j];
      const ret = x.returns[j];
      const vClip = Math.min(Math.max(value, old - pc.cliprangeValue), old + pc.cliprangeValue);
      const lossPlain = (value - ret) ** 2;
      const lossClip = (vClip - ret) ** 2;
      sums.valueLoss += 0.5 * Math.max(lossPlain, lossClip);
      if (lossClip > lossPlain) sums.valueClipped++;
      const dv = lossPlain >= lossClip ? value - ret : value === vClip ? vClip - ret : 0;
      dValues[vi] = (pc.vfCoef * dv) / n;
      vi++;
    }
  });
  const dHidden = new Float32Array(hidden.length);
  valueHead.zeroGrad();
  valueHead.backward(hidden, flatRows, dValues, dHidden);
  policy.zeroGrad();
  policy.backward(true, dHidden);
  return {
    loss: sums.policyLoss / n + (pc.vfCoef * sums.valueLoss) / n,
    tokens: n,
    sums,
  };
}

function sum(xs: Float64Array, f: (x: number, i: number) => number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += f(xs[i], i);
  return s;
}
