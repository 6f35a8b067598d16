import { useMemo } from 'react';
import { BpeTokenizer, Gpt, type Checkpoint } from '../sim';

export interface LoadedModel {
  model: Gpt;
  tokenizer: BpeTokenizer;
  checkpoint: Checkpoint;
}

// One model and tokenizer per checkpoint, shared by every section that reads it.
const cache = new WeakMap<Checkpoint, LoadedModel>();

export function loadCheckpoint(checkpoint: Checkpoint): LoadedModel {
  let loaded = cache.get(checkpoint);
  if (!loaded) {
    loaded = {
      model: new Gpt(checkpoint.config.model, checkpoint.params),
      tokenizer: BpeTokenizer.fromJSON(checkpoint.tokenizer),
      checkpoint,
    };
    cache.set(checkpoint, loaded);
  }
  return loaded;
}

/** The runnable model of a checkpoint (null while there is none). */
export function useCheckpointModel(checkpoint: Checkpoint | null): LoadedModel | null {
  return useMemo(() => (checkpoint ? loadCheckpoint(checkpoint) : null), [checkpoint]);
}

/** Just the tokenizer of a checkpoint. */
export function useCheckpointTokenizer(checkpoint: Checkpoint | null): BpeTokenizer | null {
  return useCheckpointModel(checkpoint)?.tokenizer ?? null;
}
