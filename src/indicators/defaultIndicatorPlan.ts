import type { PlanEntry } from './computeAll.js';

/**
 * What `tickforge compute` and the universe benchmark calculate when the user names nothing:
 * the indicators most strategies start from, across trend, momentum, volatility, volume and
 * patterns. Shared intermediates (the slow EMA of MACD and EMA(26), the ATR(14) of ATR, NATR
 * and friends) are computed once per series.
 */
export const defaultIndicatorPlan: readonly PlanEntry[] = [
  { name: 'sma', parameters: { period: 20 } },
  { name: 'sma', parameters: { period: 50 } },
  { name: 'sma', parameters: { period: 200 } },
  { name: 'ema', parameters: { period: 12 } },
  { name: 'ema', parameters: { period: 26 } },
  { name: 'rsi' },
  { name: 'macd' },
  { name: 'stoch' },
  { name: 'adx' },
  { name: 'cci' },
  { name: 'willr' },
  { name: 'mfi' },
  { name: 'aroon' },
  { name: 'bbands', parameters: { period: 20 } },
  { name: 'atr' },
  { name: 'natr' },
  { name: 'keltner' },
  { name: 'donchian' },
  { name: 'supertrend' },
  { name: 'obv' },
  { name: 'ad' },
  { name: 'cmf' },
  { name: 'cdlengulfing' },
  { name: 'cdlhammer' },
  { name: 'cdldoji' },
];
