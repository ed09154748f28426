import { TickforgeError } from '../../core/errors.js';
import { Random } from '../../core/Random.js';
import { gridSize, pointKey, randomPoints, type ParameterPoint, type ParameterRange } from './parameterSpace.js';

export interface EvolutionOptions {
  /** Individuals per generation; default 32. */
  population?: number;
  /** Generations after the first; default 10. */
  generations?: number;
  /** Chance that each gene moves to a neighbouring value; default 0.2. */
  mutationRate?: number;
  /** Best individuals carried over unchanged; default 2. */
  elite?: number;
  seed?: number;
}

export interface Evaluated {
  point: ParameterPoint;
  /** Higher is better; NaN (an undefined ratio) ranks last. */
  score: number;
}

/**
 * A genetic search over the values of the ranges, for spaces too large for a grid: tournament
 * selection, uniform crossover, mutation to a neighbouring value (parameters are ordered, so
 * a small step explores the region around a good point), elitism. Each generation is handed to
 * `evaluate` as one batch (so it can run on worker threads), and no point is evaluated twice.
 * Seeded and order-stable: the same ranges, seed and scores give the same search. Returns
 * every evaluated point, best first (ties broken by the point's canonical text).
 */
export async function evolveParameters(
  ranges: readonly ParameterRange[],
  evaluate: (points: ParameterPoint[]) => Promise<number[]>,
  options: EvolutionOptions = {},
): Promise<Evaluated[]> {
  const population = options.population ?? 32;
  const generations = options.generations ?? 10;
  const mutationRate = options.mutationRate ?? 0.2;
  const elite = options.elite ?? 2;
  check('population', population, 2, 100_000);
  check('generations', generations, 0, 10_000);
  check('elite', elite, 0, population - 1);
  if (!(mutationRate >= 0 && mutationRate <= 1)) throw invalid('mutationRate', mutationRate, 'a number from 0 to 1');
  const random = Random.fromSeed(options.seed ?? 1, 'evolve-parameters');
  const seen = new Map<string, Evaluated>();
  const score = async (points: ParameterPoint[]): Promise<Evaluated[]> => {
    const fresh = points.filter((point, k) => !seen.has(pointKey(point)) && points.findIndex((other) => pointKey(other) === pointKey(point)) === k);
    const scores = fresh.length === 0 ? [] : await evaluate(fresh);
    fresh.forEach((point, k) => seen.set(pointKey(point), { point, score: scores[k] }));
    return points.map((point) => seen.get(pointKey(point))!);
  };
  let current = await score(randomPoints(ranges, Math.min(population, gridSize(ranges)), random));
  for (let generation = 0; generation < generations && seen.size < gridSize(ranges); generation++) {
    const ranked = rank(current);
    const next: ParameterPoint[] = ranked.slice(0, elite).map((individual) => individual.point);
    while (next.length < population) {
      const child = crossover(tournament(ranked, random).point, tournament(ranked, random).point, ranges, random);
      next.push(mutate(child, ranges, mutationRate, random));
    }
    current = await score(next);
  }
  return rank([...seen.values()]);
}

function rank(individuals: readonly Evaluated[]): Evaluated[] {
  const value = (score: number) => (Number.isNaN(score) ? -Infinity : score);
  return [...individuals].sort((a, b) => value(b.score) - value(a.score) || (pointKey(a.point) < pointKey(b.point) ? -1 : 1));
}

function tournament(ranked: readonly Evaluated[], random: Random): Evaluated {
  // The better-ranked of two random picks: ranked is sorted best first.
  const a = random.nextInt(ranked.length);
  const b = random.nextInt(ranked.length);
  return ranked[Math.min(a, b)];
}

function crossover(a: ParameterPoint, b: ParameterPoint, ranges: readonly ParameterRange[], random: Random): ParameterPoint {
  const child: ParameterPoint = {};
  for (const range of ranges) child[range.name] = random.nextDouble() < 0.5 ? a[range.name] : b[range.name];
  return child;
}

function mutate(point: ParameterPoint, ranges: readonly ParameterRange[], rate: number, random: Random): ParameterPoint {
  for (const range of ranges) {
    if (range.values.length < 2 || random.nextDouble() >= rate) continue;
    const index = range.values.indexOf(point[range.name]);
    const step = random.nextDouble() < 0.5 ? -1 : 1;
    point[range.name] = range.values[Math.min(range.values.length - 1, Math.max(0, index + step * (1 + random.nextInt(2))))];
  }
  return point;
}

function check(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(name, value, `a whole number from ${min} to ${max}`);
}

function invalid(name: string, value: unknown, allowed: string): TickforgeError {
  return new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Evolution option ${name} must be ${allowed}, got ${JSON.stringify(value)}.`, { details: { option: name, value } });
}
