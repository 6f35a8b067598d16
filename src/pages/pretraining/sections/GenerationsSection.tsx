import { useId, useMemo, useState, type FormEvent } from 'react';
import { Section } from '../../../components/page/Section';
import { generateSteps } from '../../../inference/steps';
import { useCheckpointModel, type LoadedModel } from '../../../inference/useCheckpointModel';
import { useSlicedJobs, type Job } from '../../../inference/useSlicedJobs';
import { SPECIAL_TOKENS, createRng, formatPrompt } from '../../../sim';
import { NoModel } from '../../shared/NoModel';
import { useStageCheckpoint, useStageStatus } from '../../shared/useStageRun';

const SAMPLING = { temperature: 0.8, topK: 20 } as const;
const NEW_TOKENS = 48;
const CHAT_QUESTION = 'Can a patient on warfarin take ibuprofen for pain?';

interface Prompt {
  title: string;
  /** What the model is given, as shown to the reader. */
  shown: string;
  /** Token ids fed to the model. */
  ids: (loaded: LoadedModel) => number[];
  greedy: boolean;
}

const PROMPTS: readonly Prompt[] = [
  {
    title: 'Text from the corpus’s world',
    shown: 'Warfarin with an NSAID',
    ids: ({ tokenizer }) => tokenizer.encode('Warfarin with an NSAID'),
    greedy: false,
  },
  {
    title: 'Another opening',
    shown: 'In older adults,',
    ids: ({ tokenizer }) => tokenizer.encode('In older adults,'),
    greedy: false,
  },
  {
    title: 'A question in the chat template',
    shown: `<|user|>${CHAT_QUESTION}<|end|><|assistant|>`,
    ids: ({ tokenizer }) => formatPrompt(tokenizer, CHAT_QUESTION),
    greedy: true,
  },
];

function jobFor(loaded: LoadedModel, ids: number[], greedy: boolean, seed: number): Job<string> {
  return function* () {
    // Plain text ends with its document; the chat question runs on, to show the rambling.
    const options = greedy
      ? { temperature: 0, topK: 0, maxNewTokens: NEW_TOKENS }
      : { ...SAMPLING, maxNewTokens: NEW_TOKENS, stopTokens: [SPECIAL_TOKENS.endOfText] };
    const tokens = yield* generateSteps(loaded.model, ids, options, createRng(seed));
    const end = greedy ? -1 : tokens.indexOf(SPECIAL_TOKENS.endOfText);
    return loaded.tokenizer.decode(end >= 0 ? tokens.slice(0, end) : tokens);
  };
}

/** Samples from the base model: it continues text, and does not answer a question. */
export function GenerationsSection() {
  const id = useId();
  const status = useStageStatus('pretrain');
  const loaded = useCheckpointModel(useStageCheckpoint('pretrain'));
  const seed = loaded?.checkpoint.config.seed ?? 1;
  const [draft, setDraft] = useState('');
  const [own, setOwn] = useState<string | null>(null);

  const jobs = useMemo(() => {
    if (!loaded) return null;
    const list = PROMPTS.map((p, i) => jobFor(loaded, p.ids(loaded), p.greedy, seed + i));
    if (own) list.push(jobFor(loaded, loaded.tokenizer.encode(own), false, seed));
    return list;
  }, [loaded, seed, own]);
  const { results } = useSlicedJobs(jobs);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    setOwn(text === '' ? null : text);
  };

  const cards = [...PROMPTS.map((p) => ({ title: p.title, shown: p.shown, greedy: p.greedy }))];
  if (own) cards.push({ title: 'Your prompt', shown: own, greedy: false });

  return (
    <Section id="generations" title="What the base model writes">
      <p>
        The base model has only learned to continue text like its corpus. Given the start of a
        sentence it writes on in the same style; given a question in a chat template it has never
        seen, it does not answer — it keeps producing corpus-like text. Its sentences sound like
        pharmacology and are often false: a model this small mixes facts up. Teaching it to answer
        is the job of the next stage, SFT.
      </p>
      {!loaded ? (
        <NoModel status={status} what="its generations" />
      ) : (
        <>
          <ul className="generations" aria-label="Generations">
            {cards.map((card, i) => (
              <li key={`${card.title}-${card.shown}`} className="generation">
                <p className="generation-title">
                  {card.title}{' '}
                  <span className="muted">
                    (
                    {card.greedy
                      ? 'greedy'
                      : `sampled: temperature ${SAMPLING.temperature}, top-${SAMPLING.topK}, seed ${seed + (i < PROMPTS.length ? i : 0)}`}
                    )
                  </span>
                </p>
                <p className="generation-text">
                  <span className="visually-hidden">Prompt: </span>
                  <mark className="generation-prompt">{card.shown}</mark>
                  <span className="visually-hidden"> The model continued: </span>
                  {results[i] === undefined ? (
                    <span className="muted"> …generating</span>
                  ) : (
                    <span className="generation-output">{results[i]}</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
          <form className="controls" onSubmit={submit}>
            <label htmlFor={`${id}-own`}>Your own opening</label>
            <input
              id={`${id}-own`}
              className="text-input text-input--inline"
              type="text"
              maxLength={200}
              value={draft}
              placeholder="e.g. Lithium levels"
              onChange={(e) => setDraft(e.target.value)}
            />
            <button type="submit" className="button">
              Continue it
            </button>
          </form>
        </>
      )}
    </Section>
  );
}
