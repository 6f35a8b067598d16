/**
 * Dev check of the TensorFlow.js peer: `npx tsx bench/tfjsSmoke.ts`.
 *
 * For each backend x transpose mode: 3 warm-up steps, then 10 timed steps on one
 * fixed random batch; prints ms/step, tokens/s, GFLOP/s and the loss at steps 1 and
 * 13, and checks that both modes give the same loss trajectory.
 */
import * as tf from '@tensorflow/tfjs';
import {
  createTfjsTrainer,
  tfjsGptFlopsPerStep,
  tfjsGptParamCounts,
  useTfjsBackend,
  type TfjsBackend,
  type TfjsGptConfig,
  type TransposeMode,
} from './tfjsGpt.ts';

const cfg: TfjsGptConfig = {
  vocabSize: 512,
  contextLength: 64,
  width: 64,
  heads: 4,
  layers: 2,
  batchSize: 8,
};
const WARMUP = 3;
const TIMED = 10;
const AGREE_TOL = 1e-4;

function fixedBatch(seed: number): { tokens: Int32Array; targets: Int32Array } {
  const n = cfg.batchSize * cfg.contextLength;
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // LCG
    return s >>> 8;
  };
  const tokens = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    tokens[i] = next() % cfg.vocabSize;
    targets[i] = next() % cfg.vocabSize;
  }
  return { tokens, targets };
}

interface Result {
  backend: TfjsBackend;
  mode: TransposeMode;
  msPerStep: number;
  losses: number[];
  tensorsGrew: number;
  tensorsLeft: number;
}

async function run(backend: TfjsBackend, mode: TransposeMode): Promise<Result> {
  const { tokens, targets } = fixedBatch(42);
  const tensorsAtStart = tf.memory().numTensors;
  const trainer = await createTfjsTrainer(cfg, backend, mode, { seed: 7 });
  const losses: number[] = [];
  for (let i = 0; i < WARMUP; i++) losses.push(trainer.step(tokens, targets));
  const tensorsBefore = tf.memory().numTensors;
  const t0 = performance.now();
  for (let i = 0; i < TIMED; i++) losses.push(trainer.step(tokens, targets));
  const msPerStep = (performance.now() - t0) / TIMED;
  const tensorsGrew = tf.memory().numTensors - tensorsBefore;
  trainer.dispose();
  const tensorsLeft = tf.memory().numTensors - tensorsAtStart;
  return { backend, mode, msPerStep, losses, tensorsGrew, tensorsLeft };
}

async function main(): Promise<void> {
  const flops = tfjsGptFlopsPerStep(cfg);
  const params = tfjsGptParamCounts(cfg);
  const tokensPerStep = cfg.batchSize * cfg.contextLength;
  console.log(`config ${JSON.stringify(cfg)}`);
  console.log(
    `params: non-embedding ${params.nonEmbedding}, embedding ${params.embedding}; ` +
      `FLOPs/step ${(flops.total / 1e6).toFixed(1)}M = 6*(nonEmb+V*C)*B*T ` +
      `${(flops.dense / 1e6).toFixed(1)}M + causal attention 6*L*B*T^2*C ` +
      `${(flops.attn / 1e6).toFixed(1)}M (dense T*T as executed: ${(flops.attnExecuted / 1e6).toFixed(1)}M)`,
  );
  const results: Result[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    const info = await useTfjsBackend(backend);
    if (backend === 'wasm') {
      console.log(
        `wasm: binary ${info.wasmBinary}, SIMD ${info.wasmSimd}, threads ${info.wasmThreads}`,
      );
    }
    for (const mode of ['flags', 'explicit'] as const) results.push(await run(backend, mode));
  }

  console.log(
    '\nbackend  mode       ms/step   tokens/s  GFLOP/s  loss step1 -> step13  tensors +step/left',
  );
  for (const r of results) {
    const first = r.losses[0];
    const last = r.losses[r.losses.length - 1];
    console.log(
      `${r.backend.padEnd(8)} ${r.mode.padEnd(9)} ${r.msPerStep.toFixed(1).padStart(8)} ` +
        `${((tokensPerStep * 1000) / r.msPerStep).toFixed(0).padStart(10)} ` +
        `${(flops.total / r.msPerStep / 1e6).toFixed(2).padStart(8)}  ` +
        `${first.toFixed(4)} -> ${last.toFixed(4)}${last < first ? '' : '  NOT DECREASING'}` +
        `  ${r.tensorsGrew}/${r.tensorsLeft}`,
    );
  }
  console.log(`ln(V) = ${Math.log(cfg.vocabSize).toFixed(4)}`);

  let ok = true;
  const maxDiff = (a: number[], b: number[]): number =>
    Math.max(...a.map((x, i) => Math.abs(x - b[i])));
  for (const backend of ['cpu', 'wasm'] as const) {
    const [f, e] = (['flags', 'explicit'] as const).map(
      (m) => results.find((r) => r.backend === backend && r.mode === m)!.losses,
    );
    const d = maxDiff(f, e);
    ok &&= d <= AGREE_TOL;
    console.log(
      `${backend}: flags vs explicit, max |loss diff| over ${f.length} steps = ${d.toExponential(2)} ` +
        (d <= AGREE_TOL ? 'agree' : 'DISAGREE'),
    );
  }
  const cross = maxDiff(results[0].losses, results[2].losses);
  console.log(`cpu vs wasm (flags): max |loss diff| = ${cross.toExponential(2)}`);
  for (const r of results) {
    ok &&=
      r.losses[r.losses.length - 1] < r.losses[0] && r.tensorsGrew === 0 && r.tensorsLeft === 0;
  }
  if (!ok) {
    console.log('FAILED');
    process.exitCode = 1;
  }
}

await main();
