/**
 * Learning-rate schedule: linear warmup to the peak, then cosine decay to a floor
 * (peak · minRatio) at the last step — the schedule of GPT-3 and Chinchilla-style runs.
 * `step` is 0-based; the first step already uses a non-zero rate.
 */
export function learningRateAt(
  step: number,
  totalSteps: number,
  peak: number,
  warmupSteps: number,
  minRatio: number,
): number {
  if (warmupSteps > 0 && step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  const floor = peak * minRatio;
  const decaySteps = Math.max(1, totalSteps - warmupSteps - 1);
  const progress = Math.min(1, Math.max(0, (step - warmupSteps) / decaySteps));
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
}

/** The whole schedule, for a chart. */
export function learningRateSchedule(
  totalSteps: number,
  peak: number,
  warmupSteps: number,
  minRatio: number,
): number[] {
  return Array.from({ length: totalSteps }, (_, s) =>
    learningRateAt(s, totalSteps, peak, warmupSteps, minRatio),
  );
}
