import { useMemo } from 'react';
import {
  DEFAULT_REWARD_CONFIG,
  buildPreferencePairs,
  splitPreferencePairs,
  type PreferencePair,
} from '../../sim';

export interface PreferenceData {
  /** Every built-in pair, in the core's order (seed pairs first). */
  pairs: PreferencePair[];
  /** Ids of the held-out pairs (whole facts the reward model never trains on). */
  heldOut: ReadonlySet<string>;
  /** The distinct prompts, held-out ones first, each with its pairs. */
  prompts: { prompt: string; heldOut: boolean; pairs: PreferencePair[] }[];
}

/** The preference pairs and the train/held-out split the reward stage makes for `seed`. */
export function preferenceData(seed: number): PreferenceData {
  const pairs = buildPreferencePairs();
  const split = splitPreferencePairs(pairs, DEFAULT_REWARD_CONFIG.heldOutFraction, seed);
  const heldOut = new Set(split.heldOut.map((p) => p.id));
  const byPrompt = new Map<string, PreferencePair[]>();
  for (const p of pairs) {
    const list = byPrompt.get(p.prompt);
    if (list) list.push(p);
    else byPrompt.set(p.prompt, [p]);
  }
  const prompts = [...byPrompt].map(([prompt, list]) => ({
    prompt,
    // Held out by fact (or by prompt), so a prompt's pairs share one side of the split.
    heldOut: list.every((p) => heldOut.has(p.id)),
    pairs: list,
  }));
  return {
    pairs,
    heldOut,
    prompts: [...prompts.filter((p) => p.heldOut), ...prompts.filter((p) => !p.heldOut)],
  };
}

export function usePreferenceData(seed: number): PreferenceData {
  return useMemo(() => preferenceData(seed), [seed]);
}
