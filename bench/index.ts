/**
 * `npm run bench`: the core's speed, measured the same way each time, in one process.
 *
 * 1. Plain-JS float32 matmul: the register-tiled kernels and the textbook loop, on
 *    the shapes of the default model — the single-thread peak our step is held to.
 * 2. One training step of the default model (forward + backward + AdamW), ours vs the
 *    same model in TensorFlow.js: cpu backend, and wasm (SIMD) written naively
 *    (transposeA/B flags) and tuned (explicit transposes). Interleaved in rounds so
 *    that machine noise hits every contender alike; medians reported.
 * 3. Generation with and without the KV cache.
 * 4. Wall time of the default pipeline (pretraining + SFT), stage by stage.
 *
 * Figures are machine-dependent: compare the ratios printed in one run.
 */
import { DEFAULT_CONFIG } from '../src/sim/config';
import { createRng } from '../src/sim/core/rng';
import { matmulABt, matmulAB, matmulAtB, matmulNaive } from '../src/sim/core/matmul';
import { Gpt, initParams, trainingFlopsPerToken } from '../src/sim/model/gpt';
import { generate } from '../src/sim/model/generate';
import { AdamW } from '../src/sim/optim/adamw';
import { runPipeline } from '../src/sim/pipeline';
import { createTfjsTrainer, useTfjsBackend, type TfjsBackend, type TransposeMode } from './tfjsGpt';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const ROUNDS = QUICK ? 2 : 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const pad = (s: string, n: number) => s.padEnd(n);

const model = DEFAULT_CONFIG.model;
const B = DEFAULT_CONFIG.pretrain.batchSize;
const T = model.contextLength;
const N = B * T;
const C = model.width;
const rng = createRng(123);
console.log(
  `Pipeline Lab bench — Node ${process.version}, default model V=${model.vocabSize} T=${T} C=${C} H=${model.heads} L=${model.layers}, batch ${B}×${T}`,
);

// ---------------------------------------------------------------- 1. matmul peak
function matmulGflops(
  kind: 'ABt' | 'AB' | 'AtB' | 'naive',
  M: number,
  K: number,
  Ncols: number,
): number {
  const a = Float32Array.from({ length: M * K }, () => rng.normal());
  const b = Float32Array.from({ length: K * Ncols }, () => rng.normal());
  const out = new Float32Array(M * Ncols);
  const run = () => {
    if (kind === 'ABt') matmulABt(out, a, b, M, K, Ncols);
    else if (kind === 'AB') matmulAB(out, a, b, M, K, Ncols);
    else if (kind === 'AtB') matmulAtB(out, a, b, M, K, Ncols);
    else matmulNaive(out, a, b, M, K, Ncols);
  };
  for (let i = 0; i < 5; i++) run();
  const samples: number[] = [];
  for (let r = 0; r < 7; r++) samples.push(time(run));
  return (2 * M * K * Ncols) / median(samples) / 1e6;
}
console.log('\n1. Plain-JS float32 matmul (GFLOP/s, median of 7)');
const shapes: [string, number, number, number][] = [
  ['qkv     x·Wᵀ', N, C, 3 * C],
  ['mlp     x·Wᵀ', N, C, 4 * C],
  ['logits  x·Wᵀ', N, C, model.vocabSize],
];
let peak = 0;
for (const [name, M, K, Nc] of shapes) {
  const abt = matmulGflops('ABt', M, K, Nc);
  const ab = matmulGflops('AB', M, Nc, K);
  const atb = matmulGflops('AtB', Nc, M, K);
  const naive = matmulGflops('naive', M, K, Nc);
  peak = Math.max(peak, abt, ab, atb);
  console.log(
    `   ${pad(name, 14)} A·Bᵀ ${abt.toFixed(2)}  A·B ${ab.toFixed(2)}  Aᵀ·B ${atb.toFixed(2)}  | textbook loop ${naive.toFixed(2)}`,
  );
}
console.log(`   plain-JS peak (best tiled kernel): ${peak.toFixed(2)} GFLOP/s`);

// ---------------------------------------------------------------- 2. training step
const flopsPerStep = trainingFlopsPerToken(model) * N;
const tokens = Int32Array.from({ length: N }, () => rng.int(model.vocabSize));
const targets = Int32Array.from({ length: N }, () => rng.int(model.vocabSize));
const ours = new Gpt(model, initParams(model, rng.stream('bench')));
const adam = new AdamW(ours.layout, ours.params.length, { weightDecay: 0.01 });
const ourStep = () => {
  ours.lossAndGrad(tokens, targets, B, T);
  adam.step(ours.params, ours.grads, 1e-3);
};

interface Contender {
  name: string;
  stepsPerRound: number;
  step: () => void;
  samples: number[];
}
const contenders: Contender[] = [
  { name: 'ours (plain TypeScript)', stepsPerRound: QUICK ? 5 : 10, step: ourStep, samples: [] },
];
const tfCfg = { ...model, batchSize: B };
const peers: [TfjsBackend, TransposeMode, string, number][] = [
  ['cpu', 'flags', 'tfjs cpu', 2],
  ['wasm', 'flags', 'tfjs wasm, transpose flags (naive)', 4],
  ['wasm', 'explicit', 'tfjs wasm, explicit transposes (tuned)', QUICK ? 4 : 8],
];
for (const [backend, mode, name, steps] of peers) {
  await useTfjsBackend(backend);
  const trainer = await createTfjsTrainer(tfCfg, backend, mode, { seed: 1 });
  contenders.push({
    name,
    stepsPerRound: steps,
    step: () => trainer.step(tokens, targets),
    samples: [],
  });
}
for (const c of contenders) for (let i = 0; i < 2; i++) c.step(); // warm-up / JIT
for (let r = 0; r < ROUNDS; r++) {
  for (const c of contenders) {
    for (let i = 0; i < c.stepsPerRound; i++) c.samples.push(time(c.step));
  }
}
console.log(
  `\n2. Training step, forward + backward + optimiser (${ROUNDS} interleaved rounds, median ms/step)`,
);
console.log(
  `   FLOPs per step: ${(flopsPerStep / 1e6).toFixed(1)} M (same formula for every contender; tfjs computes the full T×T attention, so it does a little more work)`,
);
const ourMs = median(contenders[0].samples);
for (const c of contenders) {
  const ms = median(c.samples);
  const gflops = flopsPerStep / ms / 1e6;
  const ratio = c === contenders[0] ? '' : `  ours/this = ${(ms / ourMs).toFixed(2)}×`;
  console.log(
    `   ${pad(c.name, 40)} ${ms.toFixed(1).padStart(7)} ms  ${Math.round(N / (ms / 1000))
      .toString()
      .padStart(6)} tok/s  ${gflops.toFixed(2)} GFLOP/s${ratio}`,
  );
}
const ourGflops = flopsPerStep / ourMs / 1e6;
console.log(
  `   ours achieves ${((100 * ourGflops) / peak).toFixed(0)}% of the plain-JS matmul peak`,
);

// ---------------------------------------------------------------- 3. generation
const genModel = new Gpt(model, initParams(model, createRng(5)));
const genTokens = 100;
const prompt = [1, 2, 3, 4];
const withCache = median(
  Array.from({ length: 5 }, () =>
    time(() =>
      generate(
        genModel,
        prompt,
        { temperature: 1, topK: 0, maxNewTokens: genTokens },
        createRng(1),
      ),
    ),
  ),
);
const withoutCache = median(
  Array.from({ length: 3 }, () =>
    time(() => {
      const seq = [...prompt];
      for (let i = 0; i < genTokens; i++) {
        const { logits } = genModel.forward(seq, 1, seq.length);
        const row = logits.subarray(
          (seq.length - 1) * model.vocabSize,
          seq.length * model.vocabSize,
        );
        let best = 0;
        for (let v = 1; v < row.length; v++) if (row[v] > row[best]) best = v;
        seq.push(best);
      }
    }),
  ),
);
console.log(
  `\n3. Generation of ${genTokens} tokens: KV cache ${withCache.toFixed(1)} ms (${Math.round(genTokens / (withCache / 1000))} tok/s), full recompute ${withoutCache.toFixed(1)} ms — ${(withoutCache / withCache).toFixed(1)}× faster with the cache`,
);

// ---------------------------------------------------------------- 4. pipeline
console.log(
  '\n4. Default pipeline, all stages (pretraining, SFT, reward model, PPO, DPO, evaluation), one core',
);
const stageStart: Record<string, number> = {};
const stageMs: Record<string, number> = {};
const t0 = performance.now();
const run = runPipeline(DEFAULT_CONFIG);
let next = run.next();
while (!next.done) {
  const e = next.value;
  if (e.type === 'stage-start') stageStart[e.stage] = performance.now();
  if (e.type === 'stage-end') stageMs[e.stage] = performance.now() - stageStart[e.stage];
  next = run.next();
}
const total = performance.now() - t0;
for (const [stage, ms] of Object.entries(stageMs))
  console.log(`   ${pad(stage, 10)} ${(ms / 1000).toFixed(2)} s`);
const iterations = DEFAULT_CONFIG.ppo.iterations;
console.log(
  `   PPO: ${(iterations / (stageMs.ppo / 1000)).toFixed(2)} iterations/s ` +
    `(${DEFAULT_CONFIG.ppo.rolloutsPerIteration} rollouts each, incl. held-out evaluations)`,
);
console.log(
  `   total incl. data, tokenizer and evaluations: ${(total / 1000).toFixed(2)} s (budget 20 s, aim 10 s)`,
);
for (const row of next.value.summary) console.log(`   ${pad(row.label, 44)} ${row.value}`);
