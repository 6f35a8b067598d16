import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import { TokenChips } from '../../../components/tokens/TokenChips';
import { useCheckpointTokenizer } from '../../../inference/useCheckpointModel';
import type { BpeTokenizer, Explanation } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { useStageCheckpoint, useStageStatus, useStageSummary } from '../../shared/useStageRun';

const DEFAULT_TEXT = 'Metformin is contraindicated when eGFR is below 30 mL/min.';
/** Long enough for a paragraph; short enough to tokenize on every keystroke. */
const MAX_CHARS = 400;
/** Words whose merges are listed (the chips show every token). */
const MAX_WORDS = 6;

function MergeTable({
  tokenizer,
  explanation,
}: {
  tokenizer: BpeTokenizer;
  explanation: Explanation;
}) {
  const words = explanation.words.filter((w) => w.text.trim() !== '');
  const label = (id: number) => tokenizer.tokenLabel(id);
  return (
    <div className="table-scroll">
      <table className="data-table merge-table">
        <caption className="visually-hidden">The merges that built each word&apos;s tokens</caption>
        <thead>
          <tr>
            <th scope="col">Word</th>
            <th scope="col">Merges, in the order applied (merge rank)</th>
            <th scope="col">Tokens</th>
          </tr>
        </thead>
        <tbody>
          {words.slice(0, MAX_WORDS).map((word) => (
            <tr key={word.start}>
              <th scope="row">
                <code>{word.text.replace(/ /g, '␣')}</code>
              </th>
              <td>
                {word.merges.length === 0 ? (
                  <span className="muted">none: single bytes</span>
                ) : (
                  <ol className="merge-steps">
                    {word.merges.map((m, i) => (
                      <li key={i}>
                        <code>{label(m.left)}</code> + <code>{label(m.right)}</code> →{' '}
                        <code>{label(m.result)}</code>{' '}
                        <span className="muted">(#{m.rank + 1})</span>
                      </li>
                    ))}
                  </ol>
                )}
              </td>
              <td>
                {word.ids.map((tokenId, i) => (
                  <code key={i} className="merge-token">
                    {label(tokenId)}
                  </code>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {words.length > MAX_WORDS && (
        <p className="muted">
          {words.length - MAX_WORDS} more words are tokenized above; their merges are not listed.
        </p>
      )}
    </div>
  );
}

/** The run's BPE tokenizer, live: type text, see its tokens and the merges behind them. */
export function TokenizerSection() {
  const id = useId();
  const status = useStageStatus('pretrain');
  const summary = useStageSummary('pretrain');
  const tokenizer = useCheckpointTokenizer(useStageCheckpoint('pretrain'));
  const [text, setText] = useState(DEFAULT_TEXT);
  const deferredText = useDeferredValue(text);
  const explanation = useMemo(
    () => (tokenizer ? tokenizer.explain(deferredText) : null),
    [tokenizer, deferredText],
  );

  return (
    <Section id="tokenizer" title="Tokenizer (byte-pair encoding)">
      <p>
        The model reads tokens, not letters. Byte-pair encoding starts from the 256 byte values and,
        trained on the corpus, repeatedly merges the most frequent adjacent pair into a new token:
        frequent words become one token, rare ones stay in pieces.
      </p>
      {!tokenizer || !explanation ? (
        <NoModel status={status} what="the run's tokenizer and its tokens" />
      ) : (
        <>
          <label className="field-label" htmlFor={`${id}-text`}>
            Text to tokenize
          </label>
          <textarea
            id={`${id}-text`}
            className="text-input"
            rows={2}
            maxLength={MAX_CHARS}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <p className="figure-line" aria-live="polite">
            <strong>
              {deferredText.length} characters → {explanation.tokens.length} tokens
            </strong>
            {explanation.tokens.length > 0 &&
              `: ${(deferredText.length / explanation.tokens.length).toFixed(2)} characters per token`}
            {summary?.compression !== undefined &&
              ` (on the training corpus: ${summary.compression.toFixed(2)})`}
            . Vocabulary: {tokenizer.vocabSize} tokens = 256 bytes + 4 special +{' '}
            {tokenizer.merges.length} merges.
          </p>
          <TokenChips
            label="Tokens"
            tokens={explanation.tokens.map((t) => ({ id: t.id, label: t.label }))}
          />
          <h3>How the merges built them</h3>
          <MergeTable tokenizer={tokenizer} explanation={explanation} />
        </>
      )}
    </Section>
  );
}
