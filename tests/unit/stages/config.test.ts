import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, setConfigValue, validateConfig } from '../../../src/sim/config';
import { pretrain } from '../../../src/sim/stages/pretrain';

describe('configuration validation', () => {
  it('accepts the default configuration', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual([]);
  });

  it.each([
    ['model.layers', 0, /model\.layers must be between 1 and 8 \(got 0\)/],
    ['model.contextLength', 0, /model\.contextLength must be between/],
    ['model.heads', 3, /model\.heads \(3\) must divide model\.width \(64\)/],
    ['pretrain.learningRate', -0.01, /pretrain\.learningRate must be between/],
    ['sft.steps', 2.5, /sft\.steps must be a whole number/],
    ['seed', Number.NaN, /seed must be a finite number/],
  ])('refuses %s = %s with a message naming the field', (path, value, message) => {
    const config = setConfigValue(DEFAULT_CONFIG, path, value);
    const issues = validateConfig(config);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.map((i) => i.message).join('\n')).toMatch(message);
    // The stage refuses to start, before doing any work.
    expect(() => pretrain(config).next()).toThrow(message);
  });
});
