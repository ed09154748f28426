import { describe, expect, it } from 'vitest';
import { Bars } from '../../core/Bars.js';
import { Timeframe, type TimeframeCode } from '../../core/Timeframe.js';
import { createMemo } from '../createMemo.js';
import { ColumnSet } from '../ColumnSet.js';
import { biasTimeframe, isCompleteBar, requireHigherInput } from './validateInput.js';

describe('validate input: the bias timeframe', () => {
  it('maps each base timeframe to its automatic higher timeframe', () => {
    const expected: [TimeframeCode, TimeframeCode][] = [['1m', '15m'], ['5m', '1h'], ['15m', '4h'], ['1h', '4h'], ['4h', '1d'], ['1d', '1w'], ['30m', '4h'], ['12h', '1w']];
    for (const [base, higher] of expected) expect(biasTimeframe('auto', Timeframe.of(base)).code, base).toBe(higher);
  });

  it('takes an explicit higher timeframe when it is a coarser multiple of the base', () => {
    expect(biasTimeframe('1d', Timeframe.of('1h')).code).toBe('1d');
    expect(biasTimeframe('1w', Timeframe.of('4h')).code).toBe('1w');
  });

  it('refuses weekly bars with auto, and an explicit timeframe that is not coarser, saying what to choose', () => {
    expect(() => biasTimeframe('auto', Timeframe.of('1w'))).toThrow(/1w bars have none: run it on 1d bars or finer/);
    expect(() => biasTimeframe('1h', Timeframe.of('4h'))).toThrow(/higherTimeframe 1h is not a coarser multiple of the 4h bars/);
    expect(() => biasTimeframe('6h', Timeframe.of('4h'))).toThrow(/6h is not a coarser multiple/);
    expect(() => biasTimeframe('1d', Timeframe.of('1d'))).toThrow(expect.objectContaining({ code: 'TF_ERR_STRATEGY_INPUT' }));
  });
});

describe('validate input: bars', () => {
  it('needs the higher-timeframe input that runStrategy aligns', () => {
    const bars = Bars.empty('X', Timeframe.of('1d'));
    const columns = new ColumnSet(new Map());
    expect(() => requireHigherInput({ symbol: 'X', bars, indicators: columns, memo: createMemo() })).toThrow(/smc on X needs higher-timeframe bars/);
    const higher = { bars, indicators: columns, visible: new Int32Array(0) };
    expect(requireHigherInput({ symbol: 'X', bars, indicators: columns, higher, memo: createMemo() })).toBe(higher);
  });

  it('treats a bar with any non-finite price or time as missing', () => {
    expect(isCompleteBar(0, 1, 2, 0.5, 1.5)).toBe(true);
    for (const k of [0, 1, 2, 3, 4]) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        const fields = [0, 1, 2, 0.5, 1.5];
        fields[k] = bad;
        expect(isCompleteBar(fields[0], fields[1], fields[2], fields[3], fields[4]), `field ${k} = ${bad}`).toBe(false);
      }
    }
  });
});
