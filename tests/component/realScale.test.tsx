/**
 * The Simulator's real-scale panel: the Chinchilla projection against hand-computed
 * values, and a typed value out of range refused with a message.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REAL_SCALE,
  parseScaleValue,
  realScale,
  shortScale,
} from '../../src/pages/simulator/realScale';
import { RealScaleSection } from '../../src/pages/simulator/sections/RealScaleSection';

describe('real-scale projection', () => {
  it('projects 70B parameters on 1.4T tokens as the law says', () => {
    const f = realScale(DEFAULT_REAL_SCALE);
    // 6·N·D; L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 ≈ 1.69 + 0.0835 + 0.163.
    expect(f.flops).toBeCloseTo(5.88e23, -20);
    expect(f.loss).toBeCloseTo(1.937, 3);
    expect(f.tokensPerParam).toBeCloseTo(20, 0);
    // The same compute split as Table 3 (~20 tokens per parameter).
    expect(f.optimal.tokens / f.optimal.params).toBeGreaterThan(19);
    expect(f.optimal.tokens / f.optimal.params).toBeLessThan(22);
    // 5.88e23 / (989e12 · 0.4) / 3600 ≈ 412,900 GPU-hours.
    expect(f.gpuHours).toBeCloseTo(412_900, -3);
    expect(shortScale(7e10)).toBe('70B');
    expect(shortScale(1.4e12)).toBe('1.4T');
  });

  it('refuses values that are not numbers or out of range, with the reason', () => {
    expect(parseScaleValue('params', '70e9')).toEqual({ value: 70e9 });
    expect(parseScaleValue('params', 'seventy')).toEqual({
      error: '"seventy" is not a number (e.g. 70e9).',
    });
    expect(parseScaleValue('utilisation', '1.5')).toEqual({
      error: 'Must be between 1e-2 and 1e+0.',
    });
  });

  it('updates the reading when a valid value is typed, and keeps it on an invalid one', () => {
    render(<RealScaleSection />);
    const reading = () => screen.getByTestId('real-scale-reading').textContent ?? '';
    expect(reading()).toContain('70B parameters on 1.4T tokens');
    fireEvent.change(screen.getByLabelText('Training tokens D'), { target: { value: '7e12' } });
    expect(reading()).toContain('70B parameters on 7T tokens');
    fireEvent.change(screen.getByLabelText('Training tokens D'), { target: { value: '-1' } });
    expect(screen.getByText(/Not applied: Must be between/)).toBeTruthy();
    expect(reading()).toContain('on 7T tokens');
  });
});
