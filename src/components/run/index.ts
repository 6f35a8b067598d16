export { RunPanel } from './RunPanel';
export { useShippedRun } from './useShippedRun';
export { runStatus, nextSeed, STAGE_NAMES, type RunStatusModel } from './runStatus';
export * from './metrics';
