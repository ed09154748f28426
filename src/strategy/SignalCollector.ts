import { TickforgeError } from '../core/errors.js';
import type { Signal, SignalFields } from './Signal.js';

/**
 * Turns what a strategy emits into `Signal`s, checking each one: bars in order and inside the
 * series, finite prices, a stop on the losing side of the bar's close, a size in (0, 1]. Both
 * runners go through it, so a strategy bug surfaces the same way in a backtest and live.
 */
export class SignalCollector {
  readonly signals: Signal[] = [];
  private lastIndex = -1;

  constructor(
    private readonly strategy: string,
    private readonly symbol: string,
    private readonly time: (index: number) => number,
    private readonly close: (index: number) => number,
  ) {}

  readonly emit = (index: number, fields: SignalFields): void => {
    if (!Number.isInteger(index) || index < this.lastIndex || !Number.isFinite(this.time(index))) {
      this.fail(index, `bar index ${index} is out of order or outside the series (the last signal was at ${this.lastIndex})`);
    }
    this.lastIndex = index;
    const { size, stopLoss, takeProfit, trailingStop, targets } = fields;
    if (size !== undefined && !(size > 0 && size <= 1)) this.fail(index, `size ${size} is outside (0, 1]`);
    // One call per field rather than a loop over a literal of pairs: this runs for every signal.
    this.checkPrice(index, 'stopLoss', stopLoss);
    this.checkPrice(index, 'takeProfit', takeProfit);
    this.checkPrice(index, 'trailingStop', trailingStop);
    if (targets?.some((value) => !(Number.isFinite(value) && value > 0))) this.fail(index, `a target in ${JSON.stringify(targets)} is not a positive finite price`);
    if (fields.kind === 'entry' && stopLoss !== undefined) {
      const close = this.close(index);
      if (fields.side === 'long' ? stopLoss >= close : stopLoss <= close) this.fail(index, `the stop ${stopLoss} of a ${fields.side} entry is on the wrong side of the close ${close}`);
    }
    const signal: Signal = { strategy: this.strategy, symbol: this.symbol, index, time: this.time(index), ...fields };
    this.signals.push(signal);
  };

  private checkPrice(index: number, name: string, value: number | undefined): void {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) this.fail(index, `${name} ${value} is not a positive finite price`);
  }

  private fail(index: number, problem: string): never {
    throw new TickforgeError('TF_ERR_STRATEGY_SIGNAL', `Strategy ${this.strategy} on ${this.symbol} emitted a bad signal at bar ${index}: ${problem}.`, {
      details: { strategy: this.strategy, symbol: this.symbol, index },
    });
  }
}
