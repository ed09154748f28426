import { createRequire } from 'node:module';
import { IndicatorsSync } from '@ixjb94/indicators';
import * as indicatorts from 'indicatorts';
import * as technicalindicators from 'technicalindicators';
import * as tradingSignals from 'trading-signals';

/**
 * The peer libraries of the indicators benchmark, each called through its fastest documented
 * batch API, the way its README shows, on input already converted to the format it needs.
 * Every runner returns the last value of the indicator's main output (SMA value, MACD line,
 * upper Bollinger band, slow %K, ADX, OBV, pattern signal) so the suite can keep the work
 * alive and compare values across libraries.
 */

export const indicatorCodes = ['SMA', 'EMA', 'RSI', 'MACD', 'ATR', 'BBANDS', 'STOCH', 'ADX', 'OBV', 'CDLENGULFING'] as const;
export type IndicatorCode = (typeof indicatorCodes)[number];

/** The parameters every implementation is given (TA-Lib's usual choices). */
export const benchParameters = {
  smaPeriod: 20,
  emaPeriod: 20,
  rsiPeriod: 14,
  macd: { fast: 12, slow: 26, signal: 9 },
  atrPeriod: 14,
  bbands: { period: 20, deviations: 2 },
  stoch: { fastK: 14, slowK: 3, slowD: 3 },
  adxPeriod: 14,
} as const;

export interface Candle {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One series in every format a peer wants, converted once, outside the timed region. */
export interface SeriesBundle {
  length: number;
  typed: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array };
  arrays: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] };
  candles: Candle[];
  /** Reusable output buffers of this length, for kernels that accept `out`. */
  outs: Float64Array[];
}

export type Runner = (series: SeriesBundle) => number;

export interface PeerImplementation {
  name: string;
  /** Pure JavaScript (the "fastest JavaScript library" target compares with these only). */
  javascript: boolean;
  runners: Partial<Record<IndicatorCode, Runner>>;
}

const last = <T>(values: readonly T[]): T => values[values.length - 1];
const p = benchParameters;

function technicalIndicatorsPeer(): PeerImplementation {
  const t = technicalindicators;
  return {
    name: 'technicalindicators',
    javascript: true,
    runners: {
      SMA: (s) => last(t.SMA.calculate({ period: p.smaPeriod, values: s.arrays.close })),
      EMA: (s) => last(t.EMA.calculate({ period: p.emaPeriod, values: s.arrays.close })),
      RSI: (s) => last(t.RSI.calculate({ period: p.rsiPeriod, values: s.arrays.close })),
      MACD: (s) =>
        last(
          t.MACD.calculate({
            values: s.arrays.close, fastPeriod: p.macd.fast, slowPeriod: p.macd.slow, signalPeriod: p.macd.signal,
            SimpleMAOscillator: false, SimpleMASignal: false,
          }),
        ).MACD ?? NaN,
      ATR: (s) => last(t.ATR.calculate({ high: s.arrays.high, low: s.arrays.low, close: s.arrays.close, period: p.atrPeriod })),
      BBANDS: (s) => last(t.BollingerBands.calculate({ period: p.bbands.period, values: s.arrays.close, stdDev: p.bbands.deviations })).upper,
      // No %K slowing in this library: its Stochastic is the fast %K with a %D signal.
      STOCH: (s) =>
        last(t.Stochastic.calculate({ high: s.arrays.high, low: s.arrays.low, close: s.arrays.close, period: p.stoch.fastK, signalPeriod: p.stoch.slowD })).k,
      ADX: (s) => last(t.ADX.calculate({ high: s.arrays.high, low: s.arrays.low, close: s.arrays.close, period: p.adxPeriod })).adx,
      OBV: (s) => last(t.OBV.calculate({ close: s.arrays.close, volume: s.arrays.volume })),
    },
  };
}

/** trading-signals has no batch functions for these: its documented bulk call is `updates(values)`. */
function tradingSignalsPeer(): PeerImplementation {
  const t = tradingSignals;
  return {
    name: 'trading-signals',
    javascript: true,
    runners: {
      SMA: (s) => last(new t.SMA(p.smaPeriod).updates(s.arrays.close, false)) ?? NaN,
      EMA: (s) => last(new t.EMA(p.emaPeriod).updates(s.arrays.close, false)) ?? NaN,
      RSI: (s) => last(new t.RSI(p.rsiPeriod).updates(s.arrays.close, false)) ?? NaN,
      MACD: (s) =>
        last(new t.MACD(new t.EMA(p.macd.fast), new t.EMA(p.macd.slow), new t.EMA(p.macd.signal)).updates(s.arrays.close, false))?.macd ?? NaN,
      ATR: (s) => last(new t.ATR(p.atrPeriod).updates(s.candles, false)) ?? NaN,
      BBANDS: (s) => last(new t.BollingerBands(p.bbands.period, p.bbands.deviations).updates(s.arrays.close, false))?.upper ?? NaN,
      STOCH: (s) =>
        last(new t.StochasticOscillator({ kPeriod: p.stoch.fastK, kSlowingPeriod: p.stoch.slowK, dPeriod: p.stoch.slowD }).updates(s.candles, false))?.stochK ??
        NaN,
      ADX: (s) => last(new t.ADX(p.adxPeriod).updates(s.candles, false)) ?? NaN,
      // Its OBV keeps `interval` candles and needs two to compare closes; 2 is the plain OBV.
      OBV: (s) => last(new t.OBV(2).updates(s.candles, false)) ?? NaN,
    },
  };
}

function ixjb94Peer(): PeerImplementation {
  const t = new IndicatorsSync();
  return {
    name: '@ixjb94/indicators',
    javascript: true,
    runners: {
      SMA: (s) => last(t.sma(s.arrays.close, p.smaPeriod)),
      EMA: (s) => last(t.ema(s.arrays.close, p.emaPeriod)),
      RSI: (s) => last(t.rsi(s.arrays.close, p.rsiPeriod)),
      MACD: (s) => last(t.macd(s.arrays.close, p.macd.fast, p.macd.slow, p.macd.signal)[0]),
      ATR: (s) => last(t.atr(s.arrays.high, s.arrays.low, s.arrays.close, p.atrPeriod)),
      // Tulip's order: lower, middle, upper.
      BBANDS: (s) => last(t.bbands(s.arrays.close, p.bbands.period, p.bbands.deviations)[2]),
      STOCH: (s) => last(t.stoch(s.arrays.high, s.arrays.low, s.arrays.close, p.stoch.fastK, p.stoch.slowK, p.stoch.slowD)[0]),
      // Its ADX takes high and low only.
      ADX: (s) => last(t.adx(s.arrays.high, s.arrays.low, p.adxPeriod)),
      OBV: (s) => last(t.obv(s.arrays.close, s.arrays.volume)),
    },
  };
}

function indicatortsPeer(): PeerImplementation {
  const t = indicatorts;
  return {
    name: 'indicatorts',
    javascript: true,
    runners: {
      SMA: (s) => last(t.sma(s.arrays.close, { period: p.smaPeriod })),
      EMA: (s) => last(t.ema(s.arrays.close, { period: p.emaPeriod })),
      RSI: (s) => last(t.rsi(s.arrays.close, { period: p.rsiPeriod })),
      MACD: (s) => last(t.macd(s.arrays.close, { fast: p.macd.fast, slow: p.macd.slow, signal: p.macd.signal }).macdLine),
      // Its "ATR" is a simple average of the true range (not Wilder's).
      ATR: (s) => last(t.atr(s.arrays.high, s.arrays.low, s.arrays.close, { period: p.atrPeriod }).atrLine),
      // Its bands are fixed at 2 standard deviations, which is what the others are given.
      BBANDS: (s) => last(t.bb(s.arrays.close, { period: p.bbands.period }).upper),
      // No %K slowing: its %K is the fast one.
      STOCH: (s) => last(t.stoch(s.arrays.high, s.arrays.low, s.arrays.close, { kPeriod: p.stoch.fastK, dPeriod: p.stoch.slowD }).k),
      OBV: (s) => last(t.obv(s.arrays.close, s.arrays.volume)),
    },
  };
}

interface TulindIndicator {
  indicator(inputs: number[][], options: number[], callback: (error: unknown, results: number[][]) => void): unknown;
}

/** Tulip's callback runs synchronously inside the native call; checked, since timing depends on it. */
function tulindPeer(tulind: { indicators: Record<string, TulindIndicator> }): PeerImplementation {
  const call = (name: string, inputs: number[][], options: number[], output = 0): number => {
    let value = NaN;
    let called = false;
    tulind.indicators[name].indicator(inputs, options, (error, results) => {
      if (error) throw new Error(`tulind ${name}: ${String(error)}`);
      value = last(results[output]);
      called = true;
    });
    if (!called) throw new Error(`tulind ${name} did not call back synchronously: its time would not be measured.`);
    return value;
  };
  return {
    name: 'tulind',
    javascript: false,
    runners: {
      SMA: (s) => call('sma', [s.arrays.close], [p.smaPeriod]),
      EMA: (s) => call('ema', [s.arrays.close], [p.emaPeriod]),
      RSI: (s) => call('rsi', [s.arrays.close], [p.rsiPeriod]),
      MACD: (s) => call('macd', [s.arrays.close], [p.macd.fast, p.macd.slow, p.macd.signal]),
      ATR: (s) => call('atr', [s.arrays.high, s.arrays.low, s.arrays.close], [p.atrPeriod]),
      BBANDS: (s) => call('bbands', [s.arrays.close], [p.bbands.period, p.bbands.deviations], 2),
      STOCH: (s) => call('stoch', [s.arrays.high, s.arrays.low, s.arrays.close], [p.stoch.fastK, p.stoch.slowK, p.stoch.slowD]),
      ADX: (s) => call('adx', [s.arrays.high, s.arrays.low, s.arrays.close], [p.adxPeriod]),
      OBV: (s) => call('obv', [s.arrays.close, s.arrays.volume], []),
    },
  };
}

interface TalibResult {
  begIndex: number;
  nbElement: number;
  result: Record<string, number[]>;
}

/** The `talib` binding's synchronous `execute`, with plain arrays (it misreads typed arrays). */
function talibPeer(talib: { execute(request: Record<string, unknown>): TalibResult }): PeerImplementation {
  const call = (request: Record<string, unknown>, output: string, length: number): number => {
    const response = talib.execute({ startIdx: 0, endIdx: length - 1, ...request });
    return response.result[output][response.nbElement - 1];
  };
  const sma = 0; // TA_MAType_SMA
  return {
    name: 'talib',
    javascript: false,
    runners: {
      SMA: (s) => call({ name: 'SMA', inReal: s.arrays.close, optInTimePeriod: p.smaPeriod }, 'outReal', s.length),
      EMA: (s) => call({ name: 'EMA', inReal: s.arrays.close, optInTimePeriod: p.emaPeriod }, 'outReal', s.length),
      RSI: (s) => call({ name: 'RSI', inReal: s.arrays.close, optInTimePeriod: p.rsiPeriod }, 'outReal', s.length),
      MACD: (s) =>
        call({ name: 'MACD', inReal: s.arrays.close, optInFastPeriod: p.macd.fast, optInSlowPeriod: p.macd.slow, optInSignalPeriod: p.macd.signal }, 'outMACD', s.length),
      ATR: (s) => call({ name: 'ATR', high: s.arrays.high, low: s.arrays.low, close: s.arrays.close, optInTimePeriod: p.atrPeriod }, 'outReal', s.length),
      BBANDS: (s) =>
        call(
          { name: 'BBANDS', inReal: s.arrays.close, optInTimePeriod: p.bbands.period, optInNbDevUp: p.bbands.deviations, optInNbDevDn: p.bbands.deviations, optInMAType: sma },
          'outRealUpperBand',
          s.length,
        ),
      STOCH: (s) =>
        call(
          {
            name: 'STOCH', high: s.arrays.high, low: s.arrays.low, close: s.arrays.close,
            optInFastK_Period: p.stoch.fastK, optInSlowK_Period: p.stoch.slowK, optInSlowK_MAType: sma, optInSlowD_Period: p.stoch.slowD, optInSlowD_MAType: sma,
          },
          'outSlowK',
          s.length,
        ),
      ADX: (s) => call({ name: 'ADX', high: s.arrays.high, low: s.arrays.low, close: s.arrays.close, optInTimePeriod: p.adxPeriod }, 'outReal', s.length),
      OBV: (s) => call({ name: 'OBV', inReal: s.arrays.close, volume: s.arrays.volume }, 'outReal', s.length),
      CDLENGULFING: (s) =>
        call({ name: 'CDLENGULFING', open: s.arrays.open, high: s.arrays.high, low: s.arrays.low, close: s.arrays.close }, 'outInteger', s.length),
    },
  };
}

/**
 * Every peer that loads. talib and tulind are optional native modules: one that fails to load
 * is left out with a note saying why.
 */
export function loadIndicatorPeers(notes: string[]): PeerImplementation[] {
  const peers = [technicalIndicatorsPeer(), tradingSignalsPeer(), ixjb94Peer(), indicatortsPeer()];
  const require = createRequire(import.meta.url);
  for (const [name, build] of [
    ['tulind', (module: unknown) => tulindPeer(module as Parameters<typeof tulindPeer>[0])],
    ['talib', (module: unknown) => talibPeer(module as Parameters<typeof talibPeer>[0])],
  ] as const) {
    try {
      peers.push(build(require(name)));
    } catch (error) {
      notes.push(`${name} (optional native module) did not load, so it is not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return peers;
}
