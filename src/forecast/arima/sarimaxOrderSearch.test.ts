import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateKey,
  candidateLabel,
  gridOrderSearch,
  runOrderSearch,
  runOrderSearchSync,
  stepwiseOrderSearch,
  type CandidateScore,
  type OrderSearchSpace,
  type SarimaxCandidate,
} from './sarimaxOrderSearch.js';

const nonSeasonal: OrderSearchSpace = {
  d: 0,
  seasonalD: 0,
  period: 0,
  maxP: 5,
  maxQ: 5,
  maxSeasonalP: 0,
  maxSeasonalQ: 0,
  startP: 2,
  startQ: 2,
  startSeasonalP: 1,
  startSeasonalQ: 1,
  allowConstant: true,
  criterion: 'aic',
  maxOrder: 5,
  maxModels: 94,
  batch: 'single',
  move: 'first',
};

const ok = (aic: number): CandidateScore => ({ ok: true, aic, bic: aic + 1, hqic: aic + 2, logLikelihood: -aic / 2, warnings: [] });

/** A synthetic criterion with its minimum at (3, 0) with a constant: 10 |p - 3| + 7 q + 1 without the constant. */
const valley = (candidate: SarimaxCandidate): CandidateScore => {
  const [p, , q] = candidate.order;
  return ok(10 * Math.abs(p - 3) + 7 * q + (candidate.trend === 'c' ? 0 : 1));
};

const labels = (entries: { label: string }[]): string[] => entries.map((entry) => entry.label);

describe('stepwise order search on a synthetic criterion', () => {
  it('follows the hand-checked path of auto_arima, one candidate at a time', () => {
    const outcome = runOrderSearchSync(stepwiseOrderSearch(nonSeasonal), (batch) => batch.map(valley));
    // Initial models: start (2,0,2) 24, null 30, AR (1,0,0) 20, MA (0,0,1) 37, null without constant 31.
    // From (1,0,0)+c: p - 1 is on the path; p + 1 = (2,0,0)+c scores 10 < 20: move.
    // From (2,0,0)+c: p - 1 on the path; (3,0,0)+c scores 0: move.
    // From (3,0,0)+c: (4,0,0) 10, (3,0,1) 7, (2,0,1) 17, (4,0,1) 17, (3,0,0) without constant 1: none improves.
    expect(labels(outcome.candidates)).toEqual([
      'arima(2,0,2)+c',
      'arima(0,0,0)+c',
      'arima(1,0,0)+c',
      'arima(0,0,1)+c',
      'arima(0,0,0)',
      'arima(2,0,0)+c',
      'arima(3,0,0)+c',
      'arima(4,0,0)+c',
      'arima(3,0,1)+c',
      'arima(2,0,1)+c',
      'arima(4,0,1)+c',
      'arima(3,0,0)',
    ]);
    expect(outcome.candidates.map((entry) => entry.round)).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3]);
    expect(outcome.candidates.every((entry) => entry.onPath)).toBe(true);
    expect(outcome.chosen?.label).toBe('arima(3,0,0)+c');
    expect(outcome.chosen?.criterion).toBe(0);
    expect(outcome.moves).toBe(2);
    expect(outcome.reachedMaxModels).toBe(false);
  });

  it('fits whole neighbourhoods in one batch and reaches the same path and choice', async () => {
    const batches: string[][] = [];
    const outcome = await runOrderSearch(stepwiseOrderSearch({ ...nonSeasonal, batch: 'neighbourhood' }), async (batch) => {
      batches.push(batch.map(candidateLabel));
      return batch.map(valley);
    });
    expect(batches).toEqual([
      ['arima(2,0,2)+c', 'arima(0,0,0)+c', 'arima(1,0,0)+c', 'arima(0,0,1)+c', 'arima(0,0,0)'],
      // Neighbours of (1,0,0)+c not yet on the path, in auto_arima's order.
      ['arima(2,0,0)+c', 'arima(1,0,1)+c', 'arima(2,0,1)+c', 'arima(1,0,0)'],
      // Neighbours of (2,0,0)+c: (2,0,1)+c was fitted ahead already and is not fitted again.
      ['arima(3,0,0)+c', 'arima(3,0,1)+c', 'arima(2,0,0)'],
      ['arima(4,0,0)+c', 'arima(4,0,1)+c', 'arima(3,0,0)'],
    ]);
    const sequential = runOrderSearchSync(stepwiseOrderSearch(nonSeasonal), (batch) => batch.map(valley));
    expect(outcome.chosen?.label).toBe(sequential.chosen?.label);
    expect(labels(outcome.candidates.filter((entry) => entry.onPath)).sort()).toEqual(labels(sequential.candidates).sort());
    expect(labels(outcome.candidates.filter((entry) => !entry.onPath))).toEqual(['arima(1,0,1)+c', 'arima(1,0,0)', 'arima(2,0,0)']);
  });

  it('walks the seasonal neighbours first, and toggles the constant last', () => {
    const seasonal: OrderSearchSpace = { ...nonSeasonal, period: 12, maxP: 2, maxQ: 2, maxSeasonalP: 1, maxSeasonalQ: 1, allowConstant: false };
    // Minimum at (0,0,1)(1,0,0,12).
    const score = (candidate: SarimaxCandidate): CandidateScore => {
      const [p, , q] = candidate.order;
      const [P, , Q] = candidate.seasonalOrder;
      return ok(3 * p + 5 * Math.abs(q - 1) + 4 * Math.abs(P - 1) + 2 * Q);
    };
    const outcome = runOrderSearchSync(stepwiseOrderSearch(seasonal), (batch) => batch.map(score));
    // Initial: start (2,0,2)(1,0,1) 13, null 9, AR (1,0,0)(1,0,0) 8, MA (0,0,1)(0,0,1) 6: the MA model.
    // From (0,0,1)(0,0,1): P + 1 -> (0,0,1)(1,0,1) scores 2 < 6: move. From there: P - 1 is on the path,
    // Q - 1 -> (0,0,1)(1,0,0) scores 0: move. From there nothing improves.
    expect(labels(outcome.candidates).slice(0, 6)).toEqual([
      'sarima(2,0,2)(1,0,1,12)',
      'arima(0,0,0)',
      'sarima(1,0,0)(1,0,0,12)',
      'sarima(0,0,1)(0,0,1,12)',
      'sarima(0,0,1)(1,0,1,12)',
      'sarima(0,0,1)(1,0,0,12)',
    ]);
    expect(outcome.chosen?.label).toBe('sarima(0,0,1)(1,0,0,12)');
    expect(outcome.candidates.every((entry) => entry.candidate.trend === 'n')).toBe(true);
  });

  it('never chooses a failed candidate, lists it with its reason, and stops at maxModels', () => {
    const failing = (candidate: SarimaxCandidate): CandidateScore =>
      candidate.order[0] === 3 ? { ok: false, reason: 'not-converged', message: 'stopped short' } : valley(candidate);
    const outcome = runOrderSearchSync(stepwiseOrderSearch(nonSeasonal), (batch) => batch.map(failing));
    expect(outcome.chosen?.label).toBe('arima(2,0,0)+c');
    const failed = outcome.candidates.find((entry) => entry.label === 'arima(3,0,0)+c');
    expect(failed?.criterion).toBeNull();
    expect(failed?.score).toEqual({ ok: false, reason: 'not-converged', message: 'stopped short' });

    const limited = runOrderSearchSync(stepwiseOrderSearch({ ...nonSeasonal, maxModels: 6 }), (batch) => batch.map(valley));
    expect(limited.candidates).toHaveLength(6);
    expect(limited.chosen?.label).toBe('arima(2,0,0)+c');
    expect(limited.reachedMaxModels).toBe(true);

    const none = runOrderSearchSync(stepwiseOrderSearch(nonSeasonal), (batch) => batch.map((): CandidateScore => ({ ok: false, reason: 'error', message: 'no' })));
    expect(none.chosen).toBeNull();
  });

  it('refuses an evaluator that returns the wrong number of scores', () => {
    expect(() => runOrderSearchSync(stepwiseOrderSearch({ ...nonSeasonal, batch: 'neighbourhood' }), () => [])).toThrow(/returned 0 scores for 5 candidates/);
  });
});

describe('grid order search', () => {
  it('fits every model with p + q <= maxOrder in one batch and picks the lowest (the first on ties)', async () => {
    const space = { ...nonSeasonal, maxP: 2, maxQ: 2, maxOrder: 3 };
    const batches: number[] = [];
    const outcome = await runOrderSearch(gridOrderSearch(space), async (batch) => {
      batches.push(batch.length);
      return batch.map((candidate) => ok(Math.abs(candidate.order[0] - 1) + Math.abs(candidate.order[2] - 1)));
    });
    // 9 (p, q) pairs less (2, 2), each with and without the constant.
    expect(batches).toEqual([16]);
    expect(outcome.chosen?.label).toBe('arima(1,0,1)+c');
  });

  it('leaves out seasonal models whose non-seasonal lags reach the period', () => {
    const outcome = runOrderSearchSync(gridOrderSearch({ ...nonSeasonal, period: 2, maxP: 2, maxQ: 0, maxSeasonalP: 1, maxSeasonalQ: 0, allowConstant: false }), (batch) => batch.map(() => ok(1)));
    expect(labels(outcome.candidates)).toEqual(['arima(0,0,0)', 'sarima(0,0,0)(1,0,0,2)', 'arima(1,0,0)', 'sarima(1,0,0)(1,0,0,2)', 'arima(2,0,0)']);
  });
});

describe('stepwise search properties', () => {
  /** A random criterion table: a hash of the candidate and the seed, with some failures. */
  const randomScore = (seed: number, failureRate: number) => (candidate: SarimaxCandidate): CandidateScore => {
    let hash = seed >>> 0;
    for (const char of candidateKey(candidate)) hash = Math.imul(hash ^ char.charCodeAt(0), 2654435761) >>> 0;
    const unit = hash / 2 ** 32;
    return unit < failureRate ? { ok: false, reason: 'non-stationary', message: 'x' } : ok(Math.round(unit * 1000));
  };

  it('batching changes only the off-path fits: the same path set, choice and moves; the choice is the lowest on the path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.constantFrom(0, 0.2),
        fc.boolean(),
        fc.integer({ min: 5, max: 94 }),
        async (seed, failureRate, seasonal, maxModels) => {
          const space: OrderSearchSpace = { ...nonSeasonal, maxModels, ...(seasonal ? { period: 4, maxP: 3, maxQ: 3, maxSeasonalP: 2, maxSeasonalQ: 2 } : {}) };
          const score = randomScore(seed, failureRate);
          const single = runOrderSearchSync(stepwiseOrderSearch(space), (batch) => batch.map(score));
          const batched = await runOrderSearch(stepwiseOrderSearch({ ...space, batch: 'neighbourhood' }), async (batch) => batch.map(score));
          expect(batched.chosen?.label).toEqual(single.chosen?.label);
          expect(batched.moves).toBe(single.moves);
          expect(labels(batched.candidates.filter((entry) => entry.onPath)).sort()).toEqual(labels(single.candidates).sort());
          expect(single.candidates.length).toBeLessThanOrEqual(maxModels);
          expect(new Set(labels(batched.candidates)).size).toBe(batched.candidates.length);
          if (single.chosen !== null) {
            for (const entry of single.candidates) if (entry.criterion !== null) expect(single.chosen.criterion as number).toBeLessThanOrEqual(entry.criterion);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the 'best' move never ends above the 'first' move's starting point and is deterministic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const score = randomScore(seed, 0.1);
        const run = () => runOrderSearchSync(stepwiseOrderSearch({ ...nonSeasonal, move: 'best' }), (batch) => batch.map(score));
        const first = run();
        expect(labels(run().candidates)).toEqual(labels(first.candidates));
        const initialBest = Math.min(...first.candidates.filter((entry) => entry.round === 0 && entry.criterion !== null).map((entry) => entry.criterion as number));
        if (first.chosen !== null && Number.isFinite(initialBest)) expect(first.chosen.criterion as number).toBeLessThanOrEqual(initialBest);
      }),
    );
  });
});
