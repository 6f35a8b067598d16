/**
 * Public API of the data layer: the pharmaceutical knowledge base (teaching examples,
 * not medical advice) and the deterministic dataset builders derived from it.
 */
export {
  FACT_LIMITS,
  FAMILIES,
  FAMILY_LABELS,
  KNOWLEDGE_BASE,
  TEACHING_DISCLAIMER,
  VERDICTS,
  capitalize,
  displayDrug,
  keyFactPhrase,
  keyFactSentence,
  type Family,
  type KeyFact,
  type PharmaFact,
  type Verdict,
} from './knowledgeBase';
export { SEED_EXPERT_PAIRS, type SeedExpertPair } from './seeds';
export {
  SFT_LIMITS,
  VERDICT_LABELS,
  buildSftPairs,
  factInstructions,
  formatResponse,
  joinOr,
  splitSftPairs,
  startsWithVerdict,
  type SftPair,
} from './sft';
export {
  DEFAULT_CORPUS_OPTIONS,
  GENERAL_PROSE,
  KEY_PHRASINGS_PER_FACT,
  MAX_DOCUMENT_CHARS,
  MAX_PHRASINGS_PER_FACT,
  TEMPLATE_COUNT,
  buildCorpus,
  carriesKeyFact,
  corpusText,
  splitCorpus,
  type CorpusDocument,
  type CorpusOptions,
} from './corpus';
export { buildFactProbes, isProbeValue, probeContext, type FactProbe } from './probes';
export {
  PREFERENCE_LIMITS,
  PREFERENCE_QUALITIES,
  PREFERENCE_QUALITY_LABELS,
  SEED_PREFERENCE_PAIRS,
  buildPreferencePairs,
  qualityLabel,
  splitPreferencePairs,
  type PreferencePair,
  type PreferenceQuality,
  type SeedPreferencePair,
} from './preferences';
export {
  PPO_HELD_OUT_FRACTION,
  SEED_PPO_QUERIES,
  buildEvalSet,
  buildPpoPrompts,
  keyNumber,
  type EvalGold,
  type EvalItem,
  type PpoPrompt,
  type SeedPpoQuery,
} from './prompts';
export * from './userData';
