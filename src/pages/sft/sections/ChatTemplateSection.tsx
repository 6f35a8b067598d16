import { useId, useMemo, useState } from 'react';
import { Section } from '../../../components/page/Section';
import { MaskLegend, TokenChips } from '../../../components/tokens/TokenChips';
import { useCheckpointTokenizer } from '../../../inference/useCheckpointModel';
import { SEED_EXPERT_PAIRS, formatChat } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { useStageCheckpoint, useStageStatus } from '../../shared/useStageRun';

/** A few short pairs to lay out; the seeds are the ones readers recognise. */
const EXAMPLES = SEED_EXPERT_PAIRS.slice(0, 4);

/** One pair in the chat template, token by token, with the loss mask marked on each token. */
export function ChatTemplateSection() {
  const id = useId();
  const pretrainStatus = useStageStatus('pretrain');
  const sftCheckpoint = useStageCheckpoint('sft');
  const preCheckpoint = useStageCheckpoint('pretrain');
  // SFT keeps the base model's tokenizer; either checkpoint has it.
  const tokenizer = useCheckpointTokenizer(sftCheckpoint ?? preCheckpoint);
  const [index, setIndex] = useState(1);
  const pair = EXAMPLES[index];

  const chat = useMemo(() => {
    if (!tokenizer) return null;
    const formatted = formatChat(tokenizer, pair.instruction, pair.response);
    return formatted.ids.map((tokenId, j) => ({
      id: tokenId,
      label: tokenizer.tokenLabel(tokenId),
      counted: formatted.lossMask[j] === 1,
    }));
  }, [tokenizer, pair]);
  const counted = chat ? chat.filter((t) => t.counted).length : 0;

  return (
    <Section id="chat-template" title="The chat template and the loss mask">
      <p>
        Each pair becomes one sequence: <code>&lt;|user|&gt;</code> instruction{' '}
        <code>&lt;|end|&gt;</code> <code>&lt;|assistant|&gt;</code> response{' '}
        <code>&lt;|end|&gt;</code>. The model reads all of it, but the loss counts only the response
        and the final <code>&lt;|end|&gt;</code> (so it learns to stop): it is trained to answer,
        not to write instructions.
      </p>
      {!chat ? (
        <NoModel status={pretrainStatus} what="the tokenized template" />
      ) : (
        <>
          <div className="controls">
            <label htmlFor={`${id}-pair`}>Pair</label>
            <select
              id={`${id}-pair`}
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
            >
              {EXAMPLES.map((p, i) => (
                <option key={p.id} value={i}>
                  {p.instruction}
                </option>
              ))}
            </select>
          </div>
          <p className="figure-line">
            <strong>
              {chat.length} tokens: {chat.length - counted} ignored, {counted} counted
            </strong>{' '}
            — the loss is the mean over the {counted} counted positions only.
          </p>
          <MaskLegend counted={counted} ignored={chat.length - counted} />
          <TokenChips label="The pair in the chat template, token by token" tokens={chat} />
        </>
      )}
    </Section>
  );
}
