import { useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import {
  PREFERENCE_QUALITIES,
  PREFERENCE_QUALITY_LABELS,
  qualityLabel,
  SEED_PREFERENCE_PAIRS,
  type PreferencePair,
  type PreferenceQuality,
  type SeedPreferencePair,
} from '../../../sim';
import { useConfigStore } from '../../../store/config';
import { Pager } from '../../shared/Pager';
import { usePreferenceData } from '../usePreferenceData';

const PAGE_SIZE = 6;

type QualityFilter = 'all' | PreferenceQuality;
type SplitFilter = 'all' | 'train' | 'held-out' | 'seed';

const SPLIT_LABELS: Record<SplitFilter, string> = {
  all: 'All pairs',
  train: 'Training only',
  'held-out': 'Held out only',
  seed: 'From the seed documents',
};

const SEEDS = new Map<string, SeedPreferencePair>(SEED_PREFERENCE_PAIRS.map((p) => [p.id, p]));

/** What the seed documents said for a pair rebuilt from them, and what was corrected. */
function SeedNote({ seed }: { seed: SeedPreferencePair }) {
  return (
    <details className="pref-seed">
      <summary>
        {seed.correction ? 'Seed said / corrected' : 'Seed said (only reformatted)'}
      </summary>
      <dl className="pref-seed-details">
        <dt>Seed preferred</dt>
        <dd>{seed.seedPreferred}</dd>
        {seed.seedDispreferred && (
          <>
            <dt>Seed ranked lower</dt>
            <dd>{seed.seedDispreferred}</dd>
          </>
        )}
        {seed.correction && (
          <>
            <dt>Corrected</dt>
            <dd>{seed.correction}</dd>
          </>
        )}
        <dt>From</dt>
        <dd>{seed.origin}</dd>
      </dl>
    </details>
  );
}

function PairCard({ pair, heldOut }: { pair: PreferencePair; heldOut: boolean }) {
  const seed = SEEDS.get(pair.id);
  return (
    <li className="pref-pair">
      <p className="doc-meta">
        <span className="tag">{qualityLabel(pair.quality)}</span>
        <span className={heldOut ? 'tag tag--held' : 'tag'}>
          {heldOut ? 'Held out' : 'Training'}
        </span>
        {seed && <span className="tag tag--key">Seed</span>}
      </p>
      <p className="pref-prompt">{pair.prompt}</p>
      <dl className="pref-answers">
        <dt>
          <span aria-hidden="true">✓ </span>Chosen
        </dt>
        <dd>{pair.chosen}</dd>
        <dt>
          <span aria-hidden="true">✗ </span>Rejected
        </dt>
        <dd>{pair.rejected}</dd>
      </dl>
      {seed && <SeedNote seed={seed} />}
    </li>
  );
}

/** The preference pairs, filtered by the quality that separates them and by split. */
export function PreferencePairsSection() {
  const id = useId();
  const seed = useConfigStore((state) => state.config.seed);
  const labelNoise = useConfigStore((state) => state.config.reward.labelNoise);
  const { pairs, heldOut } = usePreferenceData(seed);
  const [quality, setQuality] = useState<QualityFilter>('all');
  const [split, setSplit] = useState<SplitFilter>('all');
  const [page, setPage] = useState(0);

  const shown = useMemo(
    () =>
      pairs.filter((p) => {
        if (quality !== 'all' && p.quality !== quality) return false;
        if (split === 'seed') return p.source === 'seed';
        if (split === 'all') return true;
        return (split === 'held-out') === heldOut.has(p.id);
      }),
    [pairs, heldOut, quality, split],
  );
  const pageCount = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pageCount - 1);

  return (
    <Section id="preference-pairs" title="The preference pairs">
      <p>
        <strong>
          {pairs.length} pairs: {pairs.length - heldOut.size} for training, {heldOut.size} held out
        </strong>{' '}
        — each a prompt, the answer experts chose and the one they rejected, differing in one
        quality. Comparing two answers is easier for an expert than writing a perfect one. The
        rejected answers are written so that no single surface feature (length, a verdict label, a
        keyword) gives the label away.
      </p>
      {labelNoise > 0 && (
        <p className="run-panel-note">
          This configuration flips {fmtShare(labelNoise)} of the training labels (label noise), as
          careless annotators would; the pairs below show the true preference.
        </p>
      )}
      <div className="controls">
        <label htmlFor={`${id}-quality`}>Quality</label>
        <select
          id={`${id}-quality`}
          value={quality}
          onChange={(e) => {
            setQuality(e.target.value as QualityFilter);
            setPage(0);
          }}
        >
          <option value="all">All five qualities</option>
          {PREFERENCE_QUALITIES.map((q) => (
            <option key={q} value={q}>
              {PREFERENCE_QUALITY_LABELS[q]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-split`}>Show</label>
        <select
          id={`${id}-split`}
          value={split}
          onChange={(e) => {
            setSplit(e.target.value as SplitFilter);
            setPage(0);
          }}
        >
          {(Object.keys(SPLIT_LABELS) as SplitFilter[]).map((s) => (
            <option key={s} value={s}>
              {SPLIT_LABELS[s]}
            </option>
          ))}
        </select>
        <span className="controls-count" aria-live="polite">
          {shown.length} pairs
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="no-model">No pair matches both filters.</p>
      ) : (
        <ul className="pref-list" aria-label="Preference pairs">
          {shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE).map((p) => (
            <PairCard key={p.id} pair={p} heldOut={heldOut.has(p.id)} />
          ))}
        </ul>
      )}
      <Pager page={current} pageCount={pageCount} onPage={setPage} label="Preference pairs" />
    </Section>
  );
}

function fmtShare(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
