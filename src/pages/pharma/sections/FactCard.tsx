import { VERDICT_GROUP_LABELS, VERDICT_LABELS, verdictGroup, type PharmaFact } from '../../../sim';

/** The knowledge-base fact behind a question: what the expert says, and why. */
export function FactCard({ fact }: { fact: PharmaFact }) {
  return (
    <dl className="fact-card" aria-label="The expert's answer (teaching example)">
      <dt>Expert verdict</dt>
      <dd>
        {VERDICT_LABELS[fact.verdict]} ({VERDICT_GROUP_LABELS[verdictGroup(fact.verdict)]})
        {fact.uncertain && ' — the evidence is uncertain, and a good answer says so'}
      </dd>
      <dt>Why</dt>
      <dd>
        {fact.answer} {fact.mechanism}
      </dd>
      {fact.alternatives.length > 0 && (
        <>
          <dt>Instead</dt>
          <dd>{fact.alternatives.join('; ')}</dd>
        </>
      )}
      <dt>Source</dt>
      <dd>{fact.source}. A teaching example, not medical advice.</dd>
    </dl>
  );
}
