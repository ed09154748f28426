/**
 * The search engine of automatic SARIMA order selection, kept apart from any model fitting so
 * it can be driven by a synchronous scorer (this thread) or an asynchronous batch evaluator
 * (worker threads) and tested on a synthetic score. It proposes candidates in batches and reads
 * back their scores; which candidates it proposes, in which order, and what it chooses depend
 * only on the scores, never on when they arrive.
 */

export interface SarimaxCandidate {
  order: [number, number, number];
  /** [P, D, Q, s]; [0, 0, 0, 0] for a model without seasonal terms. */
  seasonalOrder: [number, number, number, number];
  /** 'c': an intercept in the (differenced) ARMA equation, a mean for d + D = 0 and a drift for d + D = 1; 'n': none. */
  trend: 'n' | 'c';
}

/** Why a candidate does not compete. */
export type CandidateFailure = 'not-converged' | 'non-stationary' | 'non-invertible' | 'non-finite' | 'error';

export type CandidateScore =
  | { ok: true; aic: number; bic: number; hqic: number; logLikelihood: number; warnings: string[] }
  | { ok: false; reason: CandidateFailure; message: string };

export type SelectionCriterion = 'aic' | 'bic' | 'hqic';

export interface TriedCandidate {
  candidate: SarimaxCandidate;
  /** 'arima(1,0,1)+c', 'sarima(0,1,1)(0,1,1,12)'. */
  label: string;
  /** 0: the initial models (stepwise) or the whole grid; k: the k-th stepwise move's neighbourhood. */
  round: number;
  score: CandidateScore;
  /** The criterion's value; null when the candidate failed. */
  criterion: number | null;
  /**
   * Whether the one-at-a-time stepwise search (R's auto.arima, pmdarima's auto_arima) fits
   * this candidate too. False only for neighbours fitted ahead in a batch beyond the first
   * improvement, which the sequential search never reaches; they are reported but never chosen.
   */
  onPath: boolean;
}

export interface OrderSearchSpace {
  /** Differences, fixed for the whole search. */
  d: number;
  seasonalD: number;
  /** Seasonal period; below 2 means no seasonal terms. */
  period: number;
  maxP: number;
  maxQ: number;
  maxSeasonalP: number;
  maxSeasonalQ: number;
  /** Stepwise starting model (auto_arima: 2, 2, 1, 1), capped by the maxima. */
  startP: number;
  startQ: number;
  startSeasonalP: number;
  startSeasonalQ: number;
  /** Whether candidates may carry an intercept (auto_arima: when d + D <= 1); the search then tries both. */
  allowConstant: boolean;
  criterion: SelectionCriterion;
  /** Grid mode: the largest p + q + P + Q (auto_arima's max_order). */
  maxOrder: number;
  /** Stepwise: the most candidates on the sequential path (R: 94; pmdarima: 100). */
  maxModels: number;
  /**
   * Stepwise: 'single' fits one candidate at a time, exactly as the sequential search;
   * 'neighbourhood' fits every untried neighbour of the current model in one batch (parallel
   * work), then walks them in the sequential order, so the path and the choice are the same
   * and only the extra, off-path fits differ.
   */
  batch: 'single' | 'neighbourhood';
  /** Stepwise: move to the first improving neighbour in auto_arima's order (default), or to the best one of the neighbourhood. */
  move: 'first' | 'best';
}

export type OrderSearchMode = 'stepwise' | 'grid';

export interface OrderSearchOutcome {
  /** The chosen candidate (the one with the lowest criterion among those on the path); null when every candidate failed. */
  chosen: TriedCandidate | null;
  /** Every candidate fitted, in the order the search proposed them. */
  candidates: TriedCandidate[];
  /** Stepwise moves made. */
  moves: number;
  /** Whether the stepwise search stopped at maxModels rather than at a model no neighbour improves. */
  reachedMaxModels: boolean;
}

/** The protocol between the engine and its drivers: it yields a batch and receives its scores, in the same order. */
export type OrderSearch = Generator<readonly SarimaxCandidate[], OrderSearchOutcome, readonly CandidateScore[]>;

/** Runs a search with a scorer on this thread. */
export function runOrderSearchSync(search: OrderSearch, score: (batch: readonly SarimaxCandidate[]) => readonly CandidateScore[]): OrderSearchOutcome {
  let step = search.next(undefined as unknown as readonly CandidateScore[]);
  while (!step.done) step = search.next(checkedScores(step.value, score(step.value)));
  return step.value;
}

/** Runs a search with an asynchronous batch evaluator (worker threads, say): one batch at a time, its candidates in parallel. */
export async function runOrderSearch(search: OrderSearch, evaluate: (batch: readonly SarimaxCandidate[]) => Promise<readonly CandidateScore[]>): Promise<OrderSearchOutcome> {
  let step = search.next(undefined as unknown as readonly CandidateScore[]);
  while (!step.done) step = search.next(checkedScores(step.value, await evaluate(step.value)));
  return step.value;
}

function checkedScores(batch: readonly SarimaxCandidate[], scores: readonly CandidateScore[]): readonly CandidateScore[] {
  if (scores.length !== batch.length) throw new Error(`An order-search evaluator returned ${scores.length} scores for ${batch.length} candidates; it must return one per candidate, in order.`);
  return scores;
}

export function candidateKey(candidate: SarimaxCandidate): string {
  return `${candidate.order.join(',')}|${candidate.seasonalOrder.join(',')}|${candidate.trend}`;
}

export function candidateLabel(candidate: SarimaxCandidate): string {
  const [P, D, Q, s] = candidate.seasonalOrder;
  const base = `(${candidate.order.join(',')})`;
  const seasonal = P + D + Q > 0 ? `(${P},${D},${Q},${s})` : '';
  return `${seasonal ? 'sarima' : 'arima'}${base}${seasonal}${candidate.trend === 'c' ? '+c' : ''}`;
}

/** The searches' shared bookkeeping: candidates by key, in the order they were fitted. */
class Ledger {
  readonly tried = new Map<string, TriedCandidate>();
  constructor(private readonly criterion: SelectionCriterion) {}

  record(candidates: readonly SarimaxCandidate[], scores: readonly CandidateScore[], round: number, onPath: boolean): TriedCandidate[] {
    return candidates.map((candidate, k) => {
      const score = scores[k];
      const value = score.ok ? score[this.criterion] : NaN;
      const entry: TriedCandidate = { candidate, label: candidateLabel(candidate), round, score, criterion: Number.isFinite(value) ? value : null, onPath };
      this.tried.set(candidateKey(candidate), entry);
      return entry;
    });
  }

  /** Failures compare as +Infinity, so they never win and never block a move. */
  static value(entry: TriedCandidate | undefined): number {
    return entry?.criterion ?? Infinity;
  }
}

function makeCandidate(space: OrderSearchSpace, p: number, q: number, P: number, Q: number, constant: boolean): SarimaxCandidate {
  const seasonal = space.period >= 2 && P + space.seasonalD + Q > 0;
  return {
    order: [p, space.d, q],
    seasonalOrder: seasonal ? [P, space.seasonalD, Q, space.period] : [0, 0, 0, 0],
    trend: constant && space.allowConstant ? 'c' : 'n',
  };
}

/** Orders a SARIMAX can take: non-seasonal lags below the period when seasonal AR or MA terms are present (statsmodels' rule). */
function isValid(candidate: SarimaxCandidate): boolean {
  const [p, , q] = candidate.order;
  const [P, , Q, s] = candidate.seasonalOrder;
  return !((P > 0 && p >= s) || (Q > 0 && q >= s));
}

function uniqueValid(candidates: readonly SarimaxCandidate[], exclude: ReadonlyMap<string, unknown> = new Map()): SarimaxCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = candidateKey(candidate);
    if (seen.has(key) || exclude.has(key) || !isValid(candidate)) return false;
    seen.add(key);
    return true;
  });
}

/** Every model of the bounded grid with p + q + P + Q <= maxOrder, in one batch (nested p, q, P, Q, then with and without the constant). */
export function* gridOrderSearch(space: OrderSearchSpace): OrderSearch {
  const seasonal = space.period >= 2;
  const all: SarimaxCandidate[] = [];
  for (let p = 0; p <= space.maxP; p++) {
    for (let q = 0; q <= space.maxQ; q++) {
      for (let P = 0; P <= (seasonal ? space.maxSeasonalP : 0); P++) {
        for (let Q = 0; Q <= (seasonal ? space.maxSeasonalQ : 0); Q++) {
          if (p + q + P + Q > space.maxOrder) continue;
          for (const constant of space.allowConstant ? [true, false] : [false]) all.push(makeCandidate(space, p, q, P, Q, constant));
        }
      }
    }
  }
  const batch = uniqueValid(all);
  const ledger = new Ledger(space.criterion);
  const entries = ledger.record(batch, yield batch, 0, true);
  return { chosen: lowest(entries), candidates: entries, moves: 0, reachedMaxModels: false };
}

/** The first entry with the lowest finite criterion; null when none has one. */
function lowest(entries: readonly TriedCandidate[]): TriedCandidate | null {
  let best: TriedCandidate | null = null;
  for (const entry of entries) if (entry.criterion !== null && (best === null || entry.criterion < (best.criterion as number))) best = entry;
  return best;
}

/**
 * Hyndman and Khandakar's (2008) stepwise search as R's `auto.arima` and pmdarima's
 * `auto_arima` implement it: fit four starting models ((2,d,2)(1,D,1), (0,d,0)(0,D,0),
 * (1,d,0)(1,D,0), (0,d,1)(0,D,1)) and, with a constant, the null model without it; from the best,
 * try the neighbours that change P, Q, (P, Q), p, q, (p, q) by one, then toggle the constant,
 * in auto_arima's order, moving to the first that lowers the criterion, until none does.
 */
export function* stepwiseOrderSearch(space: OrderSearchSpace): OrderSearch {
  const seasonal = space.period >= 2;
  const maxSP = seasonal ? space.maxSeasonalP : 0;
  const maxSQ = seasonal ? space.maxSeasonalQ : 0;
  const constant = space.allowConstant;
  const start = makeCandidate(space, Math.min(space.startP, space.maxP), Math.min(space.startQ, space.maxQ), Math.min(space.startSeasonalP, maxSP), Math.min(space.startSeasonalQ, maxSQ), constant);
  const initial: SarimaxCandidate[] = [start, makeCandidate(space, 0, 0, 0, 0, constant)];
  if (space.maxP > 0 || maxSP > 0) initial.push(makeCandidate(space, space.maxP > 0 ? 1 : 0, 0, maxSP > 0 ? 1 : 0, 0, constant));
  if (space.maxQ > 0 || maxSQ > 0) initial.push(makeCandidate(space, 0, space.maxQ > 0 ? 1 : 0, 0, maxSQ > 0 ? 1 : 0, constant));
  if (constant) initial.push(makeCandidate(space, 0, 0, 0, 0, false));
  const ledger = new Ledger(space.criterion);
  const onPath = new Set<string>();
  const candidates: TriedCandidate[] = [];
  const fit = function* (batch: readonly SarimaxCandidate[], round: number, path: boolean): Generator<readonly SarimaxCandidate[], TriedCandidate[], readonly CandidateScore[]> {
    if (batch.length === 0) return [];
    const entries = ledger.record(batch, yield batch, round, path);
    candidates.push(...entries);
    if (path) for (const entry of entries) onPath.add(candidateKey(entry.candidate));
    return entries;
  };

  const firstBatch = uniqueValid(initial).slice(0, space.maxModels);
  const initialEntries: TriedCandidate[] = [];
  if (space.batch === 'single') for (const candidate of firstBatch) initialEntries.push(...(yield* fit([candidate], 0, true)));
  else initialEntries.push(...(yield* fit(firstBatch, 0, true)));
  // auto_arima keeps the start model as the current one while nothing beats it (even if it failed).
  let current: TriedCandidate | undefined = lowest(initialEntries) ?? initialEntries.at(0);
  let moves = 0;
  let reachedMaxModels = false;
  while (current !== undefined) {
    const neighbours: SarimaxCandidate[] = uniqueValid(neighbourhood(space, current.candidate, maxSP, maxSQ)).filter((candidate) => !onPath.has(candidateKey(candidate)));
    if (neighbours.length === 0) break;
    const budget = space.maxModels - onPath.size;
    if (budget <= 0) {
      reachedMaxModels = true;
      break;
    }
    const round = moves + 1;
    const considered: SarimaxCandidate[] = neighbours.slice(0, budget);
    let next: TriedCandidate | undefined;
    if (space.batch === 'neighbourhood' || space.move === 'best') {
      const fresh = considered.filter((candidate) => !ledger.tried.has(candidateKey(candidate)));
      yield* fit(fresh, round, false);
      next = space.move === 'best' ? bestOf(considered, ledger, onPath, current) : firstImprovement(considered, ledger, onPath, current);
    } else {
      for (const candidate of considered) {
        const key = candidateKey(candidate);
        const entry = ledger.tried.get(key) ?? (yield* fit([candidate], round, true))[0];
        onPath.add(key);
        entry.onPath = true;
        if (Ledger.value(entry) < Ledger.value(current)) {
          next = entry;
          break;
        }
      }
    }
    if (next === undefined) {
      if (considered.length < neighbours.length) reachedMaxModels = true;
      break;
    }
    current = next;
    moves++;
  }
  const chosen = current !== undefined && current.criterion !== null ? current : null;
  return { chosen, candidates, moves, reachedMaxModels };
}

/** Walks the fitted neighbourhood in order, putting each on the path, up to the first that beats `current`. */
function firstImprovement(considered: readonly SarimaxCandidate[], ledger: Ledger, onPath: Set<string>, current: TriedCandidate): TriedCandidate | undefined {
  for (const candidate of considered) {
    const key = candidateKey(candidate);
    const entry = ledger.tried.get(key) as TriedCandidate;
    onPath.add(key);
    entry.onPath = true;
    if (Ledger.value(entry) < Ledger.value(current)) return entry;
  }
  return undefined;
}

/** Puts the whole neighbourhood on the path and returns its lowest member if it beats `current` (ties: the earliest). */
function bestOf(considered: readonly SarimaxCandidate[], ledger: Ledger, onPath: Set<string>, current: TriedCandidate): TriedCandidate | undefined {
  let best: TriedCandidate | undefined;
  for (const candidate of considered) {
    const key = candidateKey(candidate);
    const entry = ledger.tried.get(key) as TriedCandidate;
    onPath.add(key);
    entry.onPath = true;
    if (Ledger.value(entry) < Ledger.value(best ?? current)) best = entry;
  }
  return best;
}

/** auto_arima's neighbours of a model, in its order (pmdarima's `solve_stepwise`, R's `search.arima` stepwise loop). */
function neighbourhood(space: OrderSearchSpace, candidate: SarimaxCandidate, maxSP: number, maxSQ: number): SarimaxCandidate[] {
  const [p, , q] = candidate.order;
  const [P, , Q] = candidate.seasonalOrder;
  const constant = candidate.trend === 'c';
  const { maxP, maxQ } = space;
  const out: SarimaxCandidate[] = [];
  const add = (condition: boolean, np: number, nq: number, nP: number, nQ: number, withConstant = constant): void => {
    if (condition) out.push(makeCandidate(space, np, nq, nP, nQ, withConstant));
  };
  add(P > 0, p, q, P - 1, Q);
  add(P < maxSP, p, q, P + 1, Q);
  add(Q > 0, p, q, P, Q - 1);
  add(Q < maxSQ, p, q, P, Q + 1);
  add(Q > 0 && P > 0, p, q, P - 1, Q - 1);
  add(Q < maxSQ && P > 0, p, q, P - 1, Q + 1);
  add(Q > 0 && P < maxSP, p, q, P + 1, Q - 1);
  add(Q < maxSQ && P < maxSP, p, q, P + 1, Q + 1);
  add(p > 0, p - 1, q, P, Q);
  add(p < maxP, p + 1, q, P, Q);
  add(q > 0, p, q - 1, P, Q);
  add(q < maxQ, p, q + 1, P, Q);
  add(q > 0 && p > 0, p - 1, q - 1, P, Q);
  add(q < maxQ && p > 0, p - 1, q + 1, P, Q);
  add(q > 0 && p < maxP, p + 1, q - 1, P, Q);
  add(q < maxQ && p < maxP, p + 1, q + 1, P, Q);
  add(space.allowConstant, p, q, P, Q, !constant);
  return out;
}
