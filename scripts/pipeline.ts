/**
 * The headless pipeline: `npm run pipeline -- --stages pretrain,sft --seed 7 --out run.json`
 *
 * Prints progress like the seeds' "Program 1" (a line every N steps, then a summary
 * table) and writes every metric to JSON. Other options:
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
import { runPipeline, type PipelineStage } from '../src/sim/pipeline';

const STAGES: PipelineStage[] = ['pretrain', 'sft'];

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
console.log(`\nTeaching examples only — not medical advice.`);

if (values.out) {
  writeFileSync(values.out, JSON.stringify(result.json, null, 1));
  console.log(`wrote ${values.out}`);
}
