/**
 * The Reward Model page's model ratings: the Pharma page's ratings section and hooks,
 * fed by real (tiny, random) checkpoints answered in slices in this test, so the table
 * holds whatever the Bradley–Terry fit makes of the games those answers play.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ModelRatingsSection } from '../../src/pages/reward-model/sections/ModelRatingsSection';
import { evalSet } from '../../src/pages/pharma/models';
import {
  DEFAULT_CONFIG,
  createRng,
  initParams,
  type Checkpoint,
  type ModelConfig,
  type PipelineConfig,
} from '../../src/sim';
import { makeRun, setRuns } from './runFixtures';

// Bytes-only tokens; a one-layer model answers in well under a millisecond per token.
const TINY: ModelConfig = { vocabSize: 260, contextLength: 160, width: 8, heads: 2, layers: 1 };

function tinyCheckpoint(stage: 'pretrain' | 'sft', seed: number): Checkpoint {
  const config: PipelineConfig = { ...DEFAULT_CONFIG, model: TINY };
  return {
    stage,
    config,
    params: initParams(TINY, createRng(seed).stream('init')),
    tokenizer: { version: 1, merges: [] },
  };
}

describe('model ratings on the Reward Model page', () => {
  it('answers in this tab and rates the models from the games', async () => {
    setRuns({
      pretrain: makeRun('pretrain', { checkpoint: tinyCheckpoint('pretrain', 1) }),
      sft: makeRun('sft', { checkpoint: tinyCheckpoint('sft', 2) }),
    });
    render(<ModelRatingsSection />);
    const section = screen.getByRole('region', { name: 'Ratings from head-to-head comparisons' });
    expect(section.textContent).toContain('the Bradley–Terry model of this page’s loss again');
    const total = evalSet().length * 2;
    await within(section).findByText(
      new RegExp(`All ${total} answers were computed in this tab`),
      {},
      { timeout: 20_000 },
    );
    const table = await within(section).findByRole('table', {
      name: new RegExp(`Ratings from ${evalSet().length} games`),
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent).sort()).toEqual([
      'Base',
      'SFT',
    ]);
    // Elo scale: two ratings that average 1000.
    const ratings = rows.map((r) => Number(r.querySelector('.figure')?.textContent));
    expect(ratings[0] + ratings[1]).toBeGreaterThanOrEqual(1999);
    expect(ratings[0] + ratings[1]).toBeLessThanOrEqual(2001);
  }, 30_000);
});
