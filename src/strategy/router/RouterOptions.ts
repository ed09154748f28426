import { TickforgeError } from '../../core/errors.js';
import { Timeframe } from '../../core/Timeframe.js';
import type { Signal } from '../Signal.js';

/**
 * How signals of several strategies on one symbol combine:
 * - `priority` (default): one position per symbol, owned by the strategy that opened it. At one
 *   step the highest-ranked entry on a symbol wins (ties: the strategy name first in code-unit
 *   order); only the owner closes or adds to the position; a strictly higher-ranked strategy
 *   preempts an opposite position (close, then open) and takes over a same-side one (no order).
 * - `netting`: one net position per symbol that every strategy shares. Entries of one step are
 *   summed with their signs (long and short cancel) and applied to the net position; an exit of
 *   any strategy reduces a net position on its side by its size fraction.
 * - `books`: each strategy keeps its own position per symbol (orders carry `book`); strategies
 *   never conflict, but the exposure limits and the open-position count are global.
 */
export type ConflictRule = 'priority' | 'netting' | 'books';

/** What an opening order that would pass an exposure limit becomes: shrunk to the room left (default), or rejected. */
export type ExposureOverflow = 'shrink' | 'reject';

export interface RouterOptions {
  conflictRule?: ConflictRule;
  /** Strategy ranks (higher first); unlisted strategies rank 0. They order every step's processing in every mode and decide conflicts in `priority`. */
  priorities?: Readonly<Record<string, number>>;
  /** Fraction of equity an entry of size 1 commits (an entry commits size x this); default 1. */
  positionFraction?: number;
  /** Most positions open at once (a `books` position is one strategy's on one symbol); default Infinity. */
  maxOpenPositions?: number;
  /** Most exposure on one symbol, as a fraction of equity, summing the entry sizes of its positions; default 1. */
  maxExposurePerSymbol?: number;
  /** Most exposure over all symbols, as a fraction of equity; default 1 (no leverage). */
  maxTotalExposure?: number;
  exposureOverflow?: ExposureOverflow;
  /** After a losing trade closed at bar c of a symbol, entries on it at bars c .. c + cooldownBars - 1 are rejected; default 0 (off). Needs `PositionClosed.index`. */
  cooldownBars?: number;
  /** After a losing trade closed at time t, entries on the symbol known at t .. t + cooldownMs (exclusive) are rejected; default 0 (off). */
  cooldownMs?: number;
  /** False rejects every short entry; default true. */
  allowShort?: boolean;
  /**
   * The bar timeframe of the signals: a signal is known at `timeframe.closeTime(signal.time)`, and
   * steps are merged by that time. Without it (and without `knownAt`), steps go by bar open time,
   * which orders them the same way when every signal comes from one timeframe.
   */
  timeframe?: Timeframe | string;
  /** The time a signal is known at, for signals of mixed timeframes; exclusive with `timeframe`. */
  knownAt?: (signal: Signal) => number;
}

export interface ResolvedRouterOptions {
  conflictRule: ConflictRule;
  priorities: ReadonlyMap<string, number>;
  positionFraction: number;
  maxOpenPositions: number;
  maxExposurePerSymbol: number;
  maxTotalExposure: number;
  exposureOverflow: ExposureOverflow;
  cooldownBars: number;
  cooldownMs: number;
  allowShort: boolean;
  knownAt: (signal: Signal) => number;
}

const optionNames = [
  'conflictRule', 'priorities', 'positionFraction', 'maxOpenPositions', 'maxExposurePerSymbol', 'maxTotalExposure',
  'exposureOverflow', 'cooldownBars', 'cooldownMs', 'allowShort', 'timeframe', 'knownAt',
];

function invalid(option: string, problem: string, value: unknown): never {
  throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Signal router option ${option} ${problem}, got ${describe(value)}.`, { details: { option, value: describe(value) } });
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) invalid(option, 'must be a number above 0 (Infinity for no limit)', value);
  return value;
}

function wholeAtLeast(option: string, value: number | undefined, minimum: number, fallback: number): number {
  if (value === undefined) return fallback;
  const unlimited = fallback === Infinity && value === Infinity;
  if (typeof value !== 'number' || value < minimum || !(Number.isInteger(value) || unlimited)) {
    invalid(option, `must be a whole number of at least ${minimum}${fallback === Infinity ? ' (or Infinity)' : ''}`, value);
  }
  return value;
}

function choice<T extends string>(option: string, value: T | undefined, choices: readonly T[]): T {
  if (value === undefined) return choices[0];
  if (!choices.includes(value)) invalid(option, `must be one of ${choices.join(', ')}`, value);
  return value;
}

function knownAtOf(options: RouterOptions): (signal: Signal) => number {
  if (options.knownAt !== undefined && options.timeframe !== undefined) invalid('knownAt', 'cannot be given together with timeframe; pass one of them', 'both');
  if (options.knownAt !== undefined) {
    if (typeof options.knownAt !== 'function') invalid('knownAt', 'must be a function from a signal to a time in ms', options.knownAt);
    return options.knownAt;
  }
  if (options.timeframe !== undefined) {
    let timeframe: Timeframe;
    try {
      timeframe = Timeframe.parse(options.timeframe);
    } catch (error) {
      return invalid('timeframe', `must be a timeframe code (${error instanceof Error ? error.message : String(error)})`, options.timeframe);
    }
    return (signal) => timeframe.closeTime(signal.time);
  }
  return (signal) => signal.time;
}

/** Checks every option and fills the defaults. @throws TF_ERR_CORE_ARGUMENT_INVALID naming the option */
export function resolveRouterOptions(options: RouterOptions = {}): ResolvedRouterOptions {
  if (typeof options !== 'object' || options === null) invalid('options', 'must be an object', options);
  for (const name of Object.keys(options)) {
    if (!optionNames.includes(name)) invalid(name, `is unknown; the options are ${optionNames.join(', ')}`, (options as Record<string, unknown>)[name]);
  }
  const priorities = options.priorities ?? {};
  if (typeof priorities !== 'object' || priorities === null || Array.isArray(priorities)) invalid('priorities', 'must be an object of strategy name to rank', priorities);
  for (const [strategy, rank] of Object.entries(priorities)) {
    if (typeof rank !== 'number' || !Number.isFinite(rank)) invalid(`priorities.${strategy}`, 'must be a finite number', rank);
  }
  const positionFraction = positive('positionFraction', options.positionFraction, 1);
  if (!Number.isFinite(positionFraction)) invalid('positionFraction', 'must be finite', positionFraction);
  const cooldownMs = options.cooldownMs ?? 0;
  if (typeof cooldownMs !== 'number' || !(cooldownMs >= 0) || !Number.isFinite(cooldownMs)) invalid('cooldownMs', 'must be a finite number of milliseconds, 0 or more', cooldownMs);
  const allowShort = options.allowShort ?? true;
  if (typeof allowShort !== 'boolean') invalid('allowShort', 'must be true or false', allowShort);
  return {
    conflictRule: choice<ConflictRule>('conflictRule', options.conflictRule, ['priority', 'netting', 'books']),
    priorities: new Map(Object.entries(priorities)),
    positionFraction,
    maxOpenPositions: wholeAtLeast('maxOpenPositions', options.maxOpenPositions, 1, Infinity),
    maxExposurePerSymbol: positive('maxExposurePerSymbol', options.maxExposurePerSymbol, 1),
    maxTotalExposure: positive('maxTotalExposure', options.maxTotalExposure, 1),
    exposureOverflow: choice<ExposureOverflow>('exposureOverflow', options.exposureOverflow, ['shrink', 'reject']),
    cooldownBars: wholeAtLeast('cooldownBars', options.cooldownBars, 0, 0),
    cooldownMs,
    allowShort,
    knownAt: knownAtOf(options),
  };
}
