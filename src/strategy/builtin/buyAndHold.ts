import type { Strategy } from '../Strategy.js';

/**
 * The benchmark every report compares with: one long entry at the first complete bar, held to
 * the end. No parameters, no indicators.
 */
export const buyAndHold: Strategy = {
  name: 'buy-and-hold',
  title: 'Buy and hold',
  description: 'Enters long at the close of the first bar with finite prices and never exits: the benchmark of every report.',
  parameters: [],
  indicators: () => [],
  run({ bars }, _parameters, emit) {
    for (let i = 0; i < bars.length; i++) {
      if (Number.isFinite(bars.close[i])) {
        emit(i, { kind: 'entry', side: 'long', tag: 'benchmark', reason: 'buy and hold from the first bar' });
        return;
      }
    }
  },
  createState() {
    let entered = false;
    return {
      update(bar, emit) {
        if (entered || !Number.isFinite(bar.close)) return;
        entered = true;
        emit(bar.index, { kind: 'entry', side: 'long', tag: 'benchmark', reason: 'buy and hold from the first bar' });
      },
    };
  },
};
