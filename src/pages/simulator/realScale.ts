/**
 * The "real scale" panel's arithmetic: the Chinchilla projection (Hoffmann et al.
 * 2022) for a model of N parameters trained on D tokens, on GPUs of a stated peak
 * speed and utilisation. A projection of a published law, not a simulation.
 */
import {
  chinchillaLoss,
  chinchillaOptimal,
  gpuHours,
  trainingFlops,
  type ChinchillaAllocation,
} from '../../sim';

export interface RealScaleInput {
  params: number;
  tokens: number;
  /** Peak dense FLOP/s of one GPU. */
  peakFlops: number;
  /** Share of the peak actually achieved (model FLOPs utilisation), 0..1. */
  utilisation: number;
}

export interface RealScaleFigures {
  flops: number;
  loss: number;
  tokensPerParam: number;
  optimal: ChinchillaAllocation & { loss: number };
  gpuHours: number;
}

/** H100 SXM dense BF16 peak (NVIDIA datasheet, without sparsity) and a typical 40% MFU. */
export const DEFAULT_REAL_SCALE: RealScaleInput = {
  params: 70e9,
  tokens: 1.4e12,
  peakFlops: 989e12,
  utilisation: 0.4,
};

/** Limits of the inputs, with the reason shown when one is out of range. */
export const REAL_SCALE_LIMITS: Record<keyof RealScaleInput, [number, number]> = {
  params: [1e6, 1e13],
  tokens: [1e6, 1e15],
  peakFlops: [1e12, 1e17],
  utilisation: [0.01, 1],
};

export function realScale(input: RealScaleInput): RealScaleFigures {
  const flops = trainingFlops(input.params, input.tokens);
  const optimal = chinchillaOptimal(flops);
  return {
    flops,
    loss: chinchillaLoss(input.params, input.tokens),
    tokensPerParam: input.tokens / input.params,
    optimal: { ...optimal, loss: chinchillaLoss(optimal.params, optimal.tokens) },
    gpuHours: gpuHours(flops, input.peakFlops, input.utilisation),
  };
}

/** Parses a typed number ("70e9", "1.4e12", "0.4"); null with a reason when invalid. */
export function parseScaleValue(
  key: keyof RealScaleInput,
  text: string,
): { value: number } | { error: string } {
  const value = Number(text.trim());
  const [lo, hi] = REAL_SCALE_LIMITS[key];
  if (text.trim() === '' || !Number.isFinite(value))
    return { error: `"${text}" is not a number (e.g. 70e9).` };
  if (value < lo || value > hi)
    return { error: `Must be between ${lo.toExponential(0)} and ${hi.toExponential(0)}.` };
  return { value };
}

/** 7.0e10 → "70B", 1.4e12 → "1.4T": the units the paper's tables use. */
export function shortScale(x: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(x) >= size) return `${Number((x / size).toPrecision(3))}${unit}`;
  }
  return String(Number(x.toPrecision(3)));
}
