/**
 * The headless pipeline: `npm run pipeline -- --stages pretrain,sft,reward,ppo,dpo --seed 7 --out run.json`
 *
 * Prints progress like the seeds' "Program 1" and "Program 2" (a line every N steps,
 * PPO progress lines, the SFT-vs-PPO answers with their rewards, the scorecard, then a
 * summary table) and writes every metric to JSON. Other options:
 *   --set path=value   override any config field (repeatable), e.g. --set pretrain.steps=100
 *   --every N          print a progress line every N steps (default 25)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CONFIG_FIELDS,
  DEFAULT_CONFIG,
  setConfigValue,
  validateConfig,
  type PipelineConfig,
} from '../src/sim/config';
import { PIPELINE_STAGES, runPipeline, type PipelineStage } from '../src/sim/pipeline';
import { SCORECARD_METRICS } from '../src/sim/eval/scorecard';
import { cliRunFileText } from '../src/sim/runFormat';

const STAGES: readonly PipelineStage[] = PIPELINE_STAGES;

function fail(message: string): never {
  console.error(`pipeline: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    stages: { type: 'string', default: STAGES.join(',') },
    seed: { type: 'string' },
    out: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    every: { type: 'string', default: '25' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run pipeline -- [--stages ${STAGES.join(',')}] [--seed N] [--out run.json] [--set path=value]...
config fields:\n${CONFIG_FIELDS.map((f) => `  ${f.path} [${f.min}, ${f.max}]  ${f.description}`).join('\n')}`);
  process.exit(0);
}

const stages = values.stages.split(',').map((s) => s.trim()) as PipelineStage[];
for (const s of stages)
  if (!STAGES.includes(s)) fail(`unknown stage "${s}" (known: ${STAGES.join(', ')})`);

let config: PipelineConfig = structuredClone(DEFAULT_CONFIG);
if (values.seed !== undefined) config = setConfigValue(config, 'seed', Number(values.seed));
for (const assignment of values.set) {
  const [path, raw] = assignment.split('=');
  if (!CONFIG_FIELDS.some((f) => f.path === path))
    fail(`--set ${assignment}: unknown field "${path}"`);
  config = setConfigValue(config, path, Number(raw));
}
const issues = validateConfig(config);
if (issues.length > 0) fail(issues.map((i) => i.message).join('\n'));
const every = Math.max(1, Number(values.every) || 25);

const fmt = (x: number | undefined, digits = 3) => (x === undefined ? '—' : x.toFixed(digits));
const rule = '='.repeat(78);

console.log(rule);
console.log(`PIPELINE LAB — stages: ${stages.join(' → ')} — seed ${config.seed}`);
console.log(rule);

const run = runPipeline(config, { stages });
let current = '';
let next = run.next();
while (!next.done) {
  const event = next.value;
  if (event.type === 'stage-start') {
    current = event.stage;
    console.log(`\nSTAGE: ${event.stage.toUpperCase()}  ${event.description}`);
  } else if (event.type === 'metrics') {
    const m = event.metrics;
    const total = config[current as 'pretrain' | 'sft'].steps;
    if (m.step % every === 0 || m.step === 1 || m.step === total) {
      console.log(
        `  step ${String(m.step).padStart(5)}/${total} | loss ${fmt(m.loss)} | ppl ${fmt(m.perplexity, 1).padStart(6)} | ` +
          `held-out ${fmt(m.heldOutLoss)} | lr ${m.learningRate.toExponential(2)} | ‖g‖ ${fmt(m.gradNorm, 2)} | ` +
          `${Math.round(m.timing?.tokensPerSecond ?? 0)} tok/s`,
      );
    }
  } else if (event.type === 'reward-metrics') {
    const m = event.metrics;
    if (m.heldOutAccuracy !== undefined) {
      console.log(
        `  step ${String(m.step).padStart(5)}/${config.reward.steps} | BT loss ${fmt(m.loss)} | ` +
          `held-out accuracy ${fmt(m.heldOutAccuracy)} | held-out margin ${fmt(m.heldOutMargin, 2)}`,
      );
    }
  } else if (event.type === 'ppo-metrics') {
    const m = event.metrics;
    console.log(
      `  iter ${String(m.iteration).padStart(3)}/${config.ppo.iterations} | RM score ${fmt(m.score, 2)} | ` +
        `gold ${fmt(m.goldScore, 2)} | KL k1 ${fmt(m.klK1, 2)} k3 ${fmt(m.klK3, 2)} | ` +
        `entropy ${fmt(m.entropy, 2)} | clipfrac ${fmt(m.clipFraction, 2)} | β ${fmt(m.beta, 3)}` +
        (m.heldOutScore !== undefined
          ? ` | held-out RM ${fmt(m.heldOutScore, 2)} gold ${fmt(m.heldOutGoldScore, 3)}`
          : ''),
    );
  } else if (event.type === 'dpo-metrics') {
    const m = event.metrics;
    if (m.heldOutRewardAccuracy !== undefined) {
      console.log(
        `  step ${String(m.step).padStart(5)}/${config.dpo.steps} | DPO loss ${fmt(m.loss)} | ` +
          `held-out implicit-reward accuracy ${fmt(m.heldOutRewardAccuracy)} | margin ${fmt(m.heldOutRewardMargin, 2)}`,
      );
    }
  } else if (event.type === 'stage-end') {
    console.log(`  → ${event.result.status}: ${event.result.message}`);
  }
  next = run.next();
}
const result = next.value;

console.log(`\n${rule}\nSUMMARY\n${rule}`);
for (const row of result.summary) console.log(`  ${row.label.padEnd(44)} ${row.value}`);
if (result.samples.length > 0) {
  console.log(`\nSAMPLE ANSWERS (greedy)`);
  for (const s of result.samples) {
    console.log(`  Q: ${s.instruction}`);
    console.log(`     base: ${JSON.stringify(s.base)}`);
    if (s.sft !== undefined) console.log(`     sft:  ${JSON.stringify(s.sft)}`);
  }
}
if (result.sftVsPpo) {
  console.log(`\nSEED QUERIES: SFT vs PPO (greedy; reward-model score, gold grade)`);
  for (const row of result.sftVsPpo) {
    console.log(`  Q: ${row.prompt}`);
    console.log(
      `     sft [${fmt(row.sft.score, 2)}, ${fmt(row.sft.goldScore, 2)}]: ${JSON.stringify(row.sft.answer)}`,
    );
    console.log(
      `     ppo [${fmt(row.ppo.score, 2)}, ${fmt(row.ppo.goldScore, 2)}]: ${JSON.stringify(row.ppo.answer)}`,
    );
  }
}
if (result.comparison) {
  const names = Object.keys(result.comparison.models);
  console.log(`\nALIGNMENT SCORECARD (evaluation set, gold grader)`);
  console.log(`  ${'metric'.padEnd(34)} ${names.map((n) => n.padStart(8)).join(' ')}`);
  for (const [id, meta] of Object.entries(SCORECARD_METRICS)) {
    const cells = names.map((n) => {
      const m =
        result.comparison!.models[n].scorecard.metrics[id as keyof typeof SCORECARD_METRICS];
      return (m.value === null ? '—' : `${Math.round(m.value * 100)}%`).padStart(8);
    });
    console.log(`  ${meta.name.padEnd(34)} ${cells.join(' ')}`);
  }
  console.log(
    `  ${'mean gold grade'.padEnd(34)} ${names.map((n) => fmt(result.comparison!.models[n].meanGold).padStart(8)).join(' ')}`,
  );
  console.log(
    `  ${'Elo (Bradley–Terry fit)'.padEnd(34)} ${names.map((n) => String(Math.round(result.comparison!.elo[n])).padStart(8)).join(' ')}`,
  );
}
console.log(`\nTeaching examples only — not medical advice.`);

if (values.out) {
  // A run file (src/sim/runFormat.ts) that the app's Simulator can import.
  writeFileSync(values.out, cliRunFileText(result.json, new Date().toISOString()));
  console.log(`wrote ${values.out}`);
}
