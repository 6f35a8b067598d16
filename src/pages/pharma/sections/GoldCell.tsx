import { fmt } from '../../../components/run/metrics';
import { VERDICT_LABELS, VERDICT_GROUP_LABELS, verdictGroup } from '../../../sim';
import { Verdict } from '../../shared/Verdict';
import type { GradedAnswer } from '../models';
import { RuleList } from './parts';

/** The gold grader's view of one answer: verdict read, right or wrong, grade, and the rules. */
export function GoldCell({ answer }: { answer: GradedAnswer }) {
  const stated = answer.grade.statedVerdict;
  return (
    <>
      <Verdict
        ok={answer.grade.verdictCorrect}
        yes="right verdict"
        no={stated === null ? 'no verdict' : 'wrong verdict'}
      />
      <span className="gold-line">
        {stated === null
          ? 'No verdict read.'
          : `Read as ${VERDICT_LABELS[stated]} (${VERDICT_GROUP_LABELS[verdictGroup(stated)]}).`}{' '}
        Grade <strong>{fmt(answer.grade.score)}</strong> of 1.
      </span>
      <details className="rules-details">
        <summary>The grader&apos;s rules</summary>
        <RuleList rules={answer.grade.rules} />
      </details>
    </>
  );
}
