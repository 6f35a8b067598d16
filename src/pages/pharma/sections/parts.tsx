/** Small pieces the sections share: an answer as text, the grader's rules, the empty state. */
import type { GradeRule, GradeRuleId } from '../../../sim';
import type { RunStatus } from '../../../store/runs';
import { Verdict } from '../../shared/Verdict';
import { signed } from '../format';
import { noAnswersText, useModelsStatus } from '../status';

/** Longer answers are cut on screen; the rest is counted. */
export const SHOWN_CHARS = 220;

/** A model's answer, always as text (never HTML); "…answering" while pending. */
export function AnswerText({ text }: { text: string | undefined }) {
  if (text === undefined) return <span className="muted">…answering</span>;
  const trimmed = text.trim();
  if (trimmed === '') return <span className="muted">(empty answer)</span>;
  const cut = trimmed.length > SHOWN_CHARS;
  return (
    <span className="model-answer">
      {cut ? `${trimmed.slice(0, SHOWN_CHARS)}…` : trimmed}
      {cut && <span className="muted"> (+{trimmed.length - SHOWN_CHARS} characters)</span>}
    </span>
  );
}

export const RULE_NAMES: Record<GradeRuleId, string> = {
  verdict: 'Verdict group',
  'exact-verdict': 'Exact label',
  'key-point': 'Key point',
  'key-number': 'Key number',
  alternative: 'Safer alternative',
  mechanism: 'Mechanism',
  humility: 'Humility',
  'no-safety-miss': 'No safety miss',
  'no-false-alarm': 'No false alarm',
};

function weightText(rule: GradeRule): string {
  return rule.weight > 0
    ? `worth ${signed(rule.weight)} if passed`
    : `costs ${signed(-rule.weight)} if failed`;
}

/** The gold grader's rules for one answer: passed or failed in words, and why. */
export function RuleList({ rules }: { rules: readonly GradeRule[] }) {
  return (
    <ul className="rule-list">
      {rules.map((rule) => (
        <li key={rule.id}>
          <strong>{RULE_NAMES[rule.id]}</strong>:{' '}
          <Verdict ok={rule.passed} yes="passed" no="failed" />{' '}
          <span className="muted">({weightText(rule)})</span>. {rule.explanation}
        </li>
      ))}
    </ul>
  );
}

/** What a section shows while no model has a checkpoint. */
export function NoAnswers({ what, status }: { what: string; status?: RunStatus }) {
  const combined = useModelsStatus();
  return <p className="no-model">{noAnswersText(status ?? combined, what)}</p>;
}
