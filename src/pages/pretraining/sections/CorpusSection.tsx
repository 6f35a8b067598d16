import { useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import {
  FAMILIES,
  FAMILY_LABELS,
  KNOWLEDGE_BASE,
  buildCorpus,
  splitCorpus,
  type CorpusDocument,
  type Family,
} from '../../../sim';
import { useConfigStore } from '../../../store/config';
import { stageKey } from '../../../store/runs';
import { Pager } from '../../shared/Pager';
import { useStageKey, useStageSummary } from '../../shared/useStageRun';

const PAGE_SIZE = 6;
const number = new Intl.NumberFormat('en-GB');

type FamilyFilter = 'all' | 'prose' | Family;
type SplitFilter = 'all' | 'train' | 'held-out';

const familyOfFact = new Map(KNOWLEDGE_BASE.map((fact) => [fact.id, fact.family]));

function familyLabel(doc: CorpusDocument): string {
  const family = doc.factId ? familyOfFact.get(doc.factId) : undefined;
  return family ? FAMILY_LABELS[family] : 'General pharmacology';
}

/** The corpus of this configuration (its data settings and seed), split as the run splits it. */
export function CorpusSection() {
  const id = useId();
  const config = useConfigStore((state) => state.config);
  const { data, seed } = config;
  const runKey = useStageKey('pretrain');
  const runSummary = useStageSummary('pretrain');
  const [family, setFamily] = useState<FamilyFilter>('all');
  const [split, setSplit] = useState<SplitFilter>('all');
  const [page, setPage] = useState(0);

  const corpus = useMemo(() => {
    const docs = buildCorpus(KNOWLEDGE_BASE, { phrasingsPerFact: data.phrasingsPerFact, seed });
    const { heldOut } = splitCorpus(docs, data.heldOutFraction, seed);
    const held = new Set(heldOut.map((d) => d.id));
    const chars = docs.reduce((sum, d) => sum + d.text.length, 0);
    return { docs, held, chars };
  }, [data.phrasingsPerFact, data.heldOutFraction, seed]);

  const shown = corpus.docs.filter((doc) => {
    const docFamily = doc.factId ? familyOfFact.get(doc.factId) : undefined;
    if (family === 'prose' ? doc.factId !== null : family !== 'all' && docFamily !== family) {
      return false;
    }
    const isHeld = corpus.held.has(doc.id);
    return split === 'all' || (split === 'held-out') === isHeld;
  });
  const pageCount = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);
  const heldCount = corpus.held.size;
  // Token counts belong to a run: quote them only when it was made with this configuration.
  const summary = runKey === stageKey('pretrain', config) ? runSummary : null;

  return (
    <Section id="corpus" title="The corpus">
      <p>
        Every pharmaceutical fact in the app&apos;s knowledge base, phrased {data.phrasingsPerFact}{' '}
        ways, plus short paragraphs of general pharmacology.{' '}
        <strong>
          {number.format(corpus.docs.length)} documents, {number.format(corpus.chars)} characters
        </strong>
        : {number.format(corpus.docs.length - heldCount)} for training and {heldCount} held out to
        measure how well the model generalises to wordings it never saw.
        {summary?.trainTokens !== undefined && (
          <>
            {' '}
            The run&apos;s tokenizer turns them into {number.format(summary.trainTokens)} training
            and {number.format(summary.heldOutTokens ?? 0)} held-out tokens.
          </>
        )}
      </p>
      <div className="controls">
        <label htmlFor={`${id}-family`}>Topic</label>
        <select
          id={`${id}-family`}
          value={family}
          onChange={(e) => {
            setFamily(e.target.value as FamilyFilter);
            setPage(0);
          }}
        >
          <option value="all">All topics</option>
          {FAMILIES.map((f) => (
            <option key={f} value={f}>
              {FAMILY_LABELS[f]}
            </option>
          ))}
          <option value="prose">General pharmacology</option>
        </select>
        <label htmlFor={`${id}-split`}>Split</label>
        <select
          id={`${id}-split`}
          value={split}
          onChange={(e) => {
            setSplit(e.target.value as SplitFilter);
            setPage(0);
          }}
        >
          <option value="all">Training and held out</option>
          <option value="train">Training only</option>
          <option value="held-out">Held out only</option>
        </select>
        <span className="controls-count" aria-live="polite">
          {shown.length} documents
        </span>
      </div>
      <ul className="doc-list" aria-label="Corpus documents">
        {shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((doc) => (
          <li key={doc.id} className="doc">
            <p className="doc-meta">
              <span className="tag">{familyLabel(doc)}</span>
              <span className={corpus.held.has(doc.id) ? 'tag tag--held' : 'tag'}>
                {corpus.held.has(doc.id) ? 'Held out' : 'Training'}
              </span>
              {doc.carriesKeyFact && <span className="tag tag--key">States a probed fact</span>}
            </p>
            <p className="doc-text">{doc.text}</p>
          </li>
        ))}
      </ul>
      <Pager page={current} pageCount={pageCount} onPage={setPage} label="Corpus documents" />
    </Section>
  );
}
