import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig } from '../../src/sim/config';
import { configToQuery, parseConfigQuery, useConfigStore } from '../../src/store/config';

describe('parseConfigQuery', () => {
  it('returns the defaults, without notices, for an empty query', () => {
    for (const search of ['', '?']) {
      const { config, notices } = parseConfigQuery(search);
      expect(config).toEqual(DEFAULT_CONFIG);
      expect(notices).toEqual([]);
    }
  });

  it('reads dotted paths, with or without the leading "?"', () => {
    const { config, notices } = parseConfigQuery('?pretrain.learningRate=0.01&seed=7');
    expect(config.pretrain.learningRate).toBe(0.01);
    expect(config.seed).toBe(7);
    expect(config.sft).toEqual(DEFAULT_CONFIG.sft);
    expect(notices).toEqual([]);
    expect(parseConfigQuery('model.layers=3').config.model.layers).toBe(3);
  });

  it('accepts exponent notation', () => {
    expect(parseConfigQuery('sft.learningRate=5e-4').config.sft.learningRate).toBe(5e-4);
  });

  it('applies a named scenario (?preset=), lets explicit settings override it, and names an unknown one', () => {
    const hacking = parseConfigQuery('?preset=reward-hacking');
    expect(hacking.config.ppo.klCoef).toBe(0);
    expect(hacking.config.ppo.iterations).toBe(120);
    expect(hacking.notices).toEqual([]);
    const overridden = parseConfigQuery('?preset=reward-hacking&ppo.iterations=40');
    expect(overridden.config.ppo.iterations).toBe(40);
    expect(overridden.config.ppo.klCoef).toBe(0);
    const unknown = parseConfigQuery('?preset=nope');
    expect(unknown.config).toEqual(DEFAULT_CONFIG);
    expect(unknown.notices).toEqual(['Unknown scenario "nope" ignored.']);
  });

  it('ignores unknown keys with a notice', () => {
    const { config, notices } = parseConfigQuery('foo=1&model.colour=3');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(notices).toEqual([
      'Unknown setting "foo" ignored.',
      'Unknown setting "model.colour" ignored.',
    ]);
  });

  it.each(['abc', '', ' ', '0x10', 'Infinity', 'NaN', '1,5', '7abc'])(
    'ignores the non-numeric value %j with a notice and keeps the default',
    (value) => {
      const { config, notices } = parseConfigQuery(`seed=${encodeURIComponent(value)}`);
      expect(config.seed).toBe(DEFAULT_CONFIG.seed);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('seed');
      expect(notices[0]).toContain('is not a number');
    },
  );

  it('clamps out-of-range values, naming the field and the range', () => {
    const { config, notices } = parseConfigQuery('pretrain.learningRate=99&model.layers=0');
    expect(config.pretrain.learningRate).toBe(1);
    expect(config.model.layers).toBe(1);
    expect(notices).toEqual([
      'Learning rate (pretrain.learningRate) = 99 is outside 1e-6–1; clamped to 1.',
      'Layers (model.layers) = 0 is outside 1–8; clamped to 1.',
    ]);
  });

  it('rounds integer knobs with a notice', () => {
    const { config, notices } = parseConfigQuery('pretrain.steps=10.6');
    expect(config.pretrain.steps).toBe(11);
    expect(notices[0]).toContain('whole number');
  });

  it('reports heads that do not divide the width, and uses the nearest divisor', () => {
    const { config, notices } = parseConfigQuery('model.heads=3');
    expect(config.model.heads).toBe(4);
    expect(notices).toEqual([
      'Heads (model.heads) = 3 does not divide Width (model.width) = 64; using 4 heads.',
    ]);
    expect(parseConfigQuery('model.width=48&model.heads=5').config.model.heads).toBe(6);
  });

  it('uses the last of repeated keys, with a notice', () => {
    const { config, notices } = parseConfigQuery('seed=2&seed=3');
    expect(config.seed).toBe(3);
    expect(notices[0]).toContain('more than once');
  });

  it('handles the mixed bad query from the e2e test without throwing', () => {
    const { config, notices } = parseConfigQuery('?seed=abc&pretrain.learningRate=99&foo=1');
    expect(config.seed).toBe(1);
    expect(config.pretrain.learningRate).toBe(1);
    expect(notices).toHaveLength(3);
  });

  it('always yields a valid config', () => {
    const queries = [
      'model.width=7&model.heads=16',
      'model.width=256&model.heads=0',
      'data.heldOutFraction=-3&sft.steps=1e9',
      'seed=-1&pretrain.warmupSteps=1e30',
    ];
    for (const q of queries) expect(validateConfig(parseConfigQuery(q).config)).toEqual([]);
  });
});

describe('configToQuery', () => {
  it('writes nothing for the defaults', () => {
    expect(configToQuery(DEFAULT_CONFIG)).toBe('');
  });

  it('writes only the values that differ, and round-trips', () => {
    const { config } = parseConfigQuery('seed=7&pretrain.learningRate=0.01&model.layers=3');
    const query = configToQuery(config);
    expect(query.split('&').sort()).toEqual(
      ['model.layers=3', 'pretrain.learningRate=0.01', 'seed=7'].sort(),
    );
    expect(parseConfigQuery(query)).toEqual({ config, notices: [] });
  });
});

describe('useConfigStore.setField', () => {
  it('clamps, reports, and keeps the config valid', () => {
    const notice = useConfigStore.getState().setField('model.layers', 50);
    expect(notice).toContain('clamped to 8');
    expect(useConfigStore.getState().config.model.layers).toBe(8);
  });

  it('refuses a non-finite value and keeps the old one', () => {
    useConfigStore.getState().setField('seed', Number.NaN);
    expect(useConfigStore.getState().config.seed).toBe(DEFAULT_CONFIG.seed);
    expect(useConfigStore.getState().notices[0]).toContain('must be a number');
  });

  it('fixes the heads when the width changes', () => {
    useConfigStore.getState().setField('model.width', 36);
    const { model } = useConfigStore.getState().config;
    expect(model.width % model.heads).toBe(0);
  });
});
