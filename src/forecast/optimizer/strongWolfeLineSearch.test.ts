import { describe, expect, it } from 'vitest';
import { strongWolfeLineSearch, type LinePoint } from './strongWolfeLineSearch.js';

const line = (f: (a: number) => number, df: (a: number) => number) => (step: number): LinePoint => ({ step, value: f(step), slope: df(step) });

describe('strongWolfeLineSearch', () => {
  it('accepts the first step when both Wolfe conditions hold', () => {
    const result = strongWolfeLineSearch(line((a) => (a - 1) ** 2, (a) => 2 * (a - 1)), 1, -2, 1);
    expect(result.outcome).toBe('wolfe');
    expect(result.step).toBe(1);
    expect(result.evaluations).toBe(1);
  });

  it('zooms into a bracket when the first step overshoots, and the point meets strong Wolfe', () => {
    const f = (a: number): number => (a - 0.3) ** 2;
    const df = (a: number): number => 2 * (a - 0.3);
    const result = strongWolfeLineSearch(line(f, df), f(0), df(0), 5, { curvature: 0.1 });
    expect(result.outcome).toBe('wolfe');
    expect(result.value).toBeLessThanOrEqual(f(0) + 1e-4 * result.step * df(0));
    expect(Math.abs(result.slope)).toBeLessThanOrEqual(0.1 * Math.abs(df(0)));
  });

  it('extrapolates when the first step is far too short', () => {
    const f = (a: number): number => (a - 100) ** 2;
    const df = (a: number): number => 2 * (a - 100);
    const result = strongWolfeLineSearch(line(f, df), f(0), df(0), 0.01);
    expect(result.outcome).toBe('wolfe');
    expect(result.step).toBeGreaterThan(10);
  });

  it('backs off from NaN beyond a step and still lands on a Wolfe point', () => {
    let nan = 0;
    const evaluate = (step: number): LinePoint => {
      if (step > 1.5) {
        nan++;
        return { step, value: NaN, slope: NaN };
      }
      return { step, value: (step - 1) ** 2, slope: 2 * (step - 1) };
    };
    const result = strongWolfeLineSearch(evaluate, 1, -2, 64);
    expect(nan).toBeGreaterThan(0);
    expect(result.outcome).toBe('wolfe');
    expect(result.step).toBeLessThanOrEqual(1.5);
    expect(result.value).toBeLessThan(1);
  });

  it('stops at the maximum step (a bound) while the function still decreases there', () => {
    const result = strongWolfeLineSearch(line((a) => -a, () => -1), 0, -1, 1, { maxStep: 0.25 });
    expect(result.outcome).toBe('max-step');
    expect(result.step).toBe(0.25);
  });

  it('fails without a decrease along an ascent direction', () => {
    const result = strongWolfeLineSearch(line((a) => a * a + a, (a) => 2 * a + 1), 0, -1, 1, { maxEvaluations: 30 });
    // phi'(0) is claimed negative but phi rises immediately: no step gives sufficient decrease.
    expect(result.outcome).toBe('failed');
    expect(result.step).toBe(0);
  });
});
