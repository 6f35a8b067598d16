/**
 * The four stages as the Home diagram shows them: what goes in, what the stage
 * learns, what comes out, and what it cannot do. Content as data, kept accurate
 * (InstructGPT, Ouyang et al. 2022; Christiano et al. 2017; Ziegler et al. 2019).
 */
import type { PageId } from '../../app/pages';

export interface StageSummary {
  page: PageId;
  number: 1 | 2 | 3 | 4;
  name: string;
  input: string;
  learns: string;
  output: string;
  cannot: string;
}

export const STAGES: readonly StageSummary[] = [
  {
    page: 'pretraining',
    number: 1,
    name: 'Pretraining',
    input: 'Unlabelled pharmaceutical text.',
    learns: 'To predict the next token.',
    output: 'A base model that continues text.',
    cannot: 'Answer a question: it continues the prompt instead. It knows only its corpus.',
  },
  {
    page: 'sft',
    number: 2,
    name: 'Fine-tuning (SFT)',
    input: 'The base model + expert (instruction, response) pairs.',
    learns: 'To imitate the experts; the loss counts response tokens only.',
    output: 'A model that answers in the experts’ format.',
    cannot: 'Judge which of two answers is better. It copies its examples, errors included.',
  },
  {
    page: 'reward-model',
    number: 3,
    name: 'Reward model',
    input: 'The SFT model + pairs of answers: one chosen, one rejected.',
    learns: 'To score the chosen answer above the rejected one (Bradley–Terry).',
    output: 'A score for any (prompt, response).',
    cannot: 'Write answers. Its score is a proxy for experts, unreliable on unfamiliar answers.',
  },
  {
    page: 'ppo',
    number: 4,
    name: 'RLHF with PPO',
    input: 'The SFT model + the reward model + prompts without answers.',
    learns: 'To raise the reward, with a KL penalty to stay near the SFT model.',
    output: 'The aligned policy.',
    cannot: 'Beat its reward model: pushed too hard, it games the model’s flaws (reward hacking).',
  },
];
