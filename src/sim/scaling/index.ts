/** Scaling-law projections for the "real scale" panels. */
export {
  CHINCHILLA_FIT,
  CHINCHILLA_TABLE3,
  CHINCHILLA_TABLE3_COEFFICIENT,
  chinchillaLoss,
  chinchillaOptimal,
  chinchillaOptimalApproach3,
  gpuHours,
  trainingFlops,
  type ChinchillaAllocation,
  type ChinchillaTableRow,
} from './chinchilla';
