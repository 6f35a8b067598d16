/** The metformin progression in one line: what changed from one stage's answer to the next. */
import { VERDICT_LABELS, type Verdict } from '../../sim';
import { fmt } from '../../components/run/metrics';
import { listWords, signed } from './format';
import { MODEL_NAMES, type GradedAnswer, type ModelId } from './models';

/** Which answer each model's is compared with: SFT with base, PPO and DPO with SFT. */
export const PARENT: Partial<Record<ModelId, ModelId>> = { sft: 'base', ppo: 'sft', dpo: 'sft' };

function verdictText(v: Verdict | null): string {
  return v === null ? 'no verdict' : VERDICT_LABELS[v];
}

function direction(answer: GradedAnswer): string {
  if (answer.grade.statedVerdict === null) return '';
  return answer.grade.verdictCorrect ? ' (right direction)' : ' (wrong direction)';
}

function change(
  label: string,
  from: number | null,
  to: number | null,
  show: (x: number) => string,
) {
  if (from === null || to === null) return null;
  return show(from) === show(to)
    ? `${label} unchanged at ${show(to)}`
    : `${label} ${show(from)} → ${show(to)}`;
}

/** One clause per model that has a parent answer: verdict, reward and gold grade changes. */
export function progressionReading(answers: Partial<Record<ModelId, GradedAnswer>>): string {
  const clauses: string[] = [];
  for (const model of ['sft', 'ppo', 'dpo'] as const) {
    const parent = PARENT[model] as ModelId;
    const a = answers[parent];
    const b = answers[model];
    if (!a || !b) continue;
    const from = a.grade.statedVerdict;
    const to = b.grade.statedVerdict;
    const verdict =
      from === to
        ? `keeps ${verdictText(to)}${direction(b)}`
        : from === null
          ? `gains a verdict, ${verdictText(to)}${direction(b)}`
          : `${verdictText(from)} → ${verdictText(to)}${direction(b)}`;
    const parts = [
      verdict,
      change('reward', a.reward, b.reward, (x) => signed(x)),
      change('gold grade', a.grade.score, b.grade.score, (x) => fmt(x)),
    ].filter((p): p is string => p !== null);
    clauses.push(`${MODEL_NAMES[model]} (from ${MODEL_NAMES[parent]}): ${parts.join('; ')}.`);
  }
  const present = (Object.keys(answers) as ModelId[]).filter((m) => answers[m] !== undefined);
  const best = (key: (a: GradedAnswer) => number | null): ModelId[] => {
    const values = present.map((m) => key(answers[m] as GradedAnswer));
    const finite = values.filter((v): v is number => v !== null);
    if (finite.length === 0) return [];
    const max = Math.max(...finite);
    return present.filter((_, i) => values[i] === max);
  };
  const byReward = best((a) => a.reward);
  const byGold = best((a) => a.grade.score);
  if (byReward.length === 1 && byGold.length > 0 && present.length > 1) {
    const favourite = byReward[0];
    const gold = listWords(byGold.map((m) => MODEL_NAMES[m]));
    clauses.push(
      byGold.includes(favourite)
        ? `The reward model's favourite, ${MODEL_NAMES[favourite]}'s answer, is also ${byGold.length > 1 ? 'among ' : ''}the gold grader's best.`
        : `The reward model prefers ${MODEL_NAMES[favourite]}'s answer; the gold grader rates ${gold} highest${byGold.length > 1 ? ' (tied)' : ''}.`,
    );
  }
  return clauses.join(' ');
}
