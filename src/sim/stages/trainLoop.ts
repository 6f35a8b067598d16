/**
 * The step-wise training loop shared by the stages that minimise a token-level
 * cross-entropy (pretraining and SFT): schedule → forward/backward → clip → AdamW,
 * with held-out evaluation at intervals and divergence detection.
 *
 * It is a generator: a caller (the Worker, the CLI, a test) pulls one step at a time,
 * can stop pulling to cancel, and never receives a NaN: a step whose loss or gradient
 * is not finite, or whose loss is far worse than guessing uniformly, ends the loop
 * with a "diverged at step N" result and the last good weights.
 */
import type { PipelineConfig, TrainConfig } from '../config';
import type { Gpt } from '../model/gpt';
import { AdamW } from '../optim/adamw';
import { clipGradNorm } from '../optim/clip';
import { learningRateAt } from '../optim/schedule';
import type { Checkpoint, StageEvent, StageName, StageResult, StepMetrics } from './types';

export interface Batch {
  tokens: Int32Array;
  targets: Int32Array;
  B: number;
  T: number;
}

export interface LoopOutcome {
  status: 'completed' | 'diverged';
  message: string;
  divergedAtStep?: number;
  metrics: StepMetrics[];
  /** The weights after the last finite step (a copy). */
  params: Float32Array;
}

export interface LoopOptions {
  model: Gpt;
  train: TrainConfig;
  /** The batch for a 0-based step (drawn from a seeded stream by the caller). */
  nextBatch: (step: number) => Batch;
  /** Mean held-out loss with the current weights (omitted: no held-out split). */
  evaluate?: () => number;
  /** Clock for the throughput figures only (never affects the numbers). */
  now?: () => number;
}

/** A loss this many nats worse than a uniform guess means the run has blown up. */
const DIVERGENCE_MARGIN_NATS = 3;

export function* trainLoop(options: LoopOptions): Generator<StepMetrics, LoopOutcome> {
  const { model, train, nextBatch, evaluate } = options;
  const now = options.now ?? (() => performance.now());
  const optimizer = new AdamW(model.layout, model.params.length, {
    weightDecay: train.weightDecay,
  });
  const metrics: StepMetrics[] = [];
  const lastGood = Float32Array.from(model.params);
  const uniformLoss = Math.log(model.config.vocabSize);
  const start = now();
  let tokensSeen = 0;

  const diverged = (step: number, why: string): LoopOutcome => ({
    status: 'diverged',
    divergedAtStep: step,
    message:
      `diverged at step ${step}: ${why}. The learning rate ${train.learningRate} is probably ` +
      'too high; the weights from the last good step are kept.',
    metrics,
    params: lastGood,
  });

  for (let step = 0; step < train.steps; step++) {
    const stepStart = now();
    const lr = learningRateAt(
      step,
      train.steps,
      train.learningRate,
      train.warmupSteps,
      train.minLrRatio,
    );
    const batch = nextBatch(step);
    const { loss, count } = model.lossAndGrad(batch.tokens, batch.targets, batch.B, batch.T);
    if (!Number.isFinite(loss)) return diverged(step, `the loss became ${loss}`);
    if (loss > uniformLoss + DIVERGENCE_MARGIN_NATS) {
      return diverged(
        step,
        `the loss rose to ${loss.toFixed(2)}, far above a uniform guess (${uniformLoss.toFixed(2)})`,
      );
    }
    const gradNorm = clipGradNorm(model.grads, train.gradClip);
    if (!Number.isFinite(gradNorm)) return diverged(step, `the gradient norm became ${gradNorm}`);
    lastGood.set(model.params);
    optimizer.step(model.params, model.grads, lr);
    tokensSeen += count;

    const m: StepMetrics = {
      step: step + 1,
      loss,
      perplexity: Math.exp(loss),
      learningRate: lr,
      gradNorm,
      tokensSeen,
      timing: { tokensPerSecond: 0, elapsedMs: 0 },
    };
    const isLast = step === train.steps - 1;
    if (evaluate && ((step + 1) % train.evalEvery === 0 || isLast || step === 0)) {
      const heldOut = evaluate();
      if (!Number.isFinite(heldOut))
        return diverged(step + 1, `the held-out loss became ${heldOut}`);
      m.heldOutLoss = heldOut;
      m.heldOutPerplexity = Math.exp(heldOut);
    }
    const end = now();
    m.timing = {
      tokensPerSecond: (batch.B * batch.T) / Math.max(1e-9, (end - stepStart) / 1000),
      elapsedMs: end - start,
    };
    metrics.push(m);
    yield m;
  }
  return {
    status: 'completed',
    message: `completed ${train.steps} steps`,
    metrics,
    params: Float32Array.from(model.params),
  };
}

/** Mean loss over a fixed list of batches, without touching gradients. */
export function meanLoss(model: Gpt, batches: Batch[]): number {
  let total = 0;
  let count = 0;
  for (const b of batches) {
    model.forward(b.tokens, b.B, b.T);
    const r = model.lossAndLogitGrad(b.targets, false);
    total += r.loss * r.count;
    count += r.count;
  }
  return count > 0 ? total / count : NaN;
}

/**
 * Runs `trainLoop` as a stage: re-yields each step's metrics as a stage event and
 * turns the outcome into a StageResult with this stage's checkpoint.
 */
export function* runAsStage(
  stage: StageName,
  config: PipelineConfig,
  tokenizer: Checkpoint['tokenizer'],
  loop: Generator<StepMetrics, LoopOutcome>,
): Generator<StageEvent, StageResult> {
  let next = loop.next();
  while (!next.done) {
    yield { type: 'metrics', metrics: next.value };
    next = loop.next();
  }
  const outcome = next.value;
  return {
    status: outcome.status,
    message: outcome.message,
    divergedAtStep: outcome.divergedAtStep,
    metrics: outcome.metrics,
    checkpoint: { stage, config: structuredClone(config), params: outcome.params, tokenizer },
  };
}
