/**
 * A run read from a file (src/export/runFile.ts), turned into what the comparison
 * keeps: the same figures, computed the same way (runFigures), as a live run's. Pure.
 */
import type { ParsedRun, ParsedStage } from '../../export/runFile';
import { stageKey } from '../../store/runs';
import { cleanName, MAX_NAME_LENGTH, type RunFigures } from '../../store/savedRuns';
import type { TrainStage } from '../../worker/protocol';
import { compactFigures, runFigures, type FigureStage, type FigureStages } from './runFigures';

export const IMPORTED_SUFFIX = ' (imported)';

function figureStage<S extends TrainStage>(stage: S, run: ParsedRun): FigureStage<S> {
  const parsed = run.stages[stage] as ParsedStage<S> | undefined;
  return parsed
    ? { key: stageKey(stage, run.config), metrics: parsed.metrics, summary: parsed.summary }
    : { key: null, metrics: [], summary: null };
}

/** The figures of an imported run, thinned and rounded as a kept run's are. */
export function importedFigures(run: ParsedRun): RunFigures {
  const stages: FigureStages = {
    pretrain: figureStage('pretrain', run),
    sft: figureStage('sft', run),
    reward: figureStage('reward', run),
    ppo: figureStage('ppo', run),
    dpo: figureStage('dpo', run),
  };
  const { series, finals } = runFigures(stages, run.config);
  return compactFigures({ series, finals });
}

/** The name an imported run gets: the file's own label, else its file name, marked imported. */
export function importedName(run: ParsedRun, fileName: string): string {
  const base = cleanName(run.name ?? fileName.replace(/\.json$/i, '')) || 'Run';
  return `${base.slice(0, MAX_NAME_LENGTH - IMPORTED_SUFFIX.length).trim()}${IMPORTED_SUFFIX}`;
}
