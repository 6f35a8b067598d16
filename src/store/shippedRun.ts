/**
 * Loads the shipped default run (public/default-run/, written by `npm run checkpoints`)
 * into the runs store, so a page opened by deep link shows real curves at once.
 * Malformed files are reported, never installed half-way.
 */
import { DEFAULT_CONFIG } from '../sim/config';
import type { Checkpoint } from '../sim/stages/types';
import { bytesToFloat32, type ShippedManifest } from '../worker/shippedFormat';
import type { TrainStage } from '../worker/protocol';
import { STAGES, stageKey, useRunsStore } from './runs';
import { BUILT_IN_DATASETS } from './datasets';

let loading: Promise<void> | null = null;

function assertManifest(value: unknown): asserts value is ShippedManifest {
  const m = value as Partial<ShippedManifest> | null;
  if (!m || m.version !== 1 || !m.config || !m.stages)
    throw new Error('unexpected manifest format');
  for (const stage of STAGES) {
    const s = m.stages[stage];
    if (!s || !Array.isArray(s.metrics) || typeof s.paramsFile !== 'string') {
      throw new Error(`manifest lacks the ${stage} stage`);
    }
  }
}

/** Fetches and installs the default run once; later calls share the same promise. */
export function loadShippedRun(baseUrl = `${import.meta.env.BASE_URL}default-run/`): Promise<void> {
  if (loading) return loading;
  const store = useRunsStore.getState();
  for (const stage of STAGES) {
    if (store.stages[stage].status === 'idle') {
      store.install(stage, { ...store.stages[stage], status: 'loading' });
    }
  }
  loading = (async () => {
    try {
      const response = await fetch(`${baseUrl}manifest.json`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      // A static server answers a missing file with the app's index.html: say so plainly.
      if (!(response.headers.get('content-type') ?? '').includes('json')) {
        throw new Error('the default-run files are missing (run npm run checkpoints)');
      }
      const manifest: unknown = await response.json();
      assertManifest(manifest);
      // The shipped run must be the default configuration of this build.
      if (
        STAGES.some((stage) => stageKey(stage, manifest.config) !== stageKey(stage, DEFAULT_CONFIG))
      ) {
        throw new Error(
          'the shipped run was made with another configuration (run npm run checkpoints)',
        );
      }
      const params = await Promise.all(
        STAGES.map(async (stage) => {
          const r = await fetch(`${baseUrl}${manifest.stages[stage].paramsFile}`);
          if (!r.ok) throw new Error(`HTTP ${r.status} for ${stage} weights`);
          const values = bytesToFloat32(await r.arrayBuffer());
          if (values.length !== manifest.stages[stage].paramCount)
            throw new Error(`${stage} weights are truncated`);
          return values;
        }),
      );
      STAGES.forEach((stage: TrainStage, i) => {
        const current = useRunsStore.getState().stages[stage];
        if (current.status !== 'loading') return; // a live run started meanwhile: keep it
        const s = manifest.stages[stage];
        const checkpoint: Checkpoint = {
          stage,
          config: manifest.config,
          params: params[i],
          tokenizer: s.tokenizer,
        };
        if (s.head) {
          checkpoint.head = { w: Float32Array.from(s.head.w), b: s.head.b, offset: s.head.offset };
        }
        useRunsStore.getState().install(stage, {
          status: s.status,
          source: 'shipped',
          // Trained on the built-in data, whatever the student has imported since.
          key: stageKey(stage, manifest.config, BUILT_IN_DATASETS),
          metrics: s.metrics,
          progress: 1,
          checkpoint,
          summary: s.summary,
          message: s.message,
        });
      });
    } catch (error) {
      for (const stage of STAGES) {
        const current = useRunsStore.getState().stages[stage];
        if (current.status === 'loading') {
          useRunsStore.getState().install(stage, {
            ...current,
            status: 'idle',
            message: `The default run could not be loaded (${(error as Error).message}); train it live instead.`,
          });
        }
      }
    }
  })();
  return loading;
}
