import { describe, expect, it } from 'vitest';
import { answerSteps, generateSteps, type Steps } from '../../src/inference/steps';
import {
  BpeTokenizer,
  Gpt,
  answer,
  createRng,
  generate,
  initParams,
  type ModelConfig,
} from '../../src/sim';

function run<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const tokenizer = BpeTokenizer.train('metformin warfarin eGFR below 30 '.repeat(20), 300);
const config: ModelConfig = {
  vocabSize: tokenizer.vocabSize,
  contextLength: 32,
  width: 16,
  heads: 2,
  layers: 1,
};
const model = new Gpt(config, initParams(config, createRng(3)));

describe('sliced generation matches the core', () => {
  it('generateSteps equals generate (sampled, seeded)', () => {
    const prompt = tokenizer.encode('warfarin with');
    const options = { temperature: 0.8, topK: 20, maxNewTokens: 12 };
    const expected = generate(model, prompt, options, createRng(5)).tokens;
    expect(run(generateSteps(model, prompt, options, createRng(5)))).toEqual(expected);
  });

  it('generateSteps truncates a prompt longer than the context, as generate does', () => {
    const prompt = tokenizer.encode('metformin eGFR below 30 '.repeat(20));
    expect(prompt.length).toBeGreaterThan(config.contextLength);
    const options = { temperature: 0, topK: 0, maxNewTokens: 5 };
    expect(run(generateSteps(model, prompt, options, createRng(0)))).toEqual(
      generate(model, prompt, options, createRng(0)).tokens,
    );
  });

  it('answerSteps equals answer', () => {
    for (const question of ['Can a patient on warfarin take ibuprofen?', 'eGFR 28?']) {
      expect(run(answerSteps(model, tokenizer, question))).toBe(answer(model, tokenizer, question));
    }
  });
});
