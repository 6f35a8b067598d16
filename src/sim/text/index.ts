export {
  BpeTokenizer,
  FIRST_MERGE_ID,
  MAX_VOCAB_SIZE,
  PRETOKEN_PATTERN,
  SPECIAL_TOKENS,
  isSpecialToken,
  pretokenize,
} from './bpe';
export type {
  AppliedMerge,
  BpeTokenizerJSON,
  ExplainedToken,
  ExplainedWord,
  Explanation,
} from './bpe';
export {
  IGNORE_INDEX,
  cutAtEndOfTurn,
  formatChat,
  formatPrompt,
  splitResponse,
} from './chatTemplate';
export type { ChatTokenizer, CutResponse, FormattedChat } from './chatTemplate';
