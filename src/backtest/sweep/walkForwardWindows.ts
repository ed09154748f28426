import { TickforgeError } from '../../core/errors.js';

/** One walk-forward step: optimise on [inStart, inEnd), then test on [outStart, outEnd) (bar indexes). */
export interface WalkForwardWindow {
  inStart: number;
  inEnd: number;
  outStart: number;
  outEnd: number;
}

export interface WalkForwardOptions {
  /** Bars in each in-sample window (the first one, when anchored). */
  inSample: number;
  /** Bars in each out-of-sample window; windows advance by this much, so the tests tile the series. */
  outOfSample: number;
  /** Anchored: every in-sample window starts at bar 0 and grows; rolling (default): it slides. */
  anchored?: boolean;
}

/**
 * The windows of a walk-forward analysis over `length` bars. Out-of-sample windows follow
 * their in-sample window directly and never overlap each other; the last one may be shorter.
 * @throws TF_ERR_CORE_ARGUMENT_INVALID when the series is too short for one window
 */
export function walkForwardWindows(length: number, options: WalkForwardOptions): WalkForwardWindow[] {
  const { inSample, outOfSample } = options;
  for (const [name, value] of [['inSample', inSample], ['outOfSample', outOfSample]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Walk-forward ${name} must be a whole number of bars >= 1, got ${value}.`, { details: { option: name, value } });
    }
  }
  if (length < inSample + 1) {
    throw new TickforgeError('TF_ERR_CORE_ARGUMENT_INVALID', `Walk-forward needs more than inSample (${inSample}) bars; the series has ${length}. Shorten the windows.`, {
      details: { option: 'inSample', value: inSample, length },
    });
  }
  const windows: WalkForwardWindow[] = [];
  for (let outStart = inSample; outStart < length; outStart += outOfSample) {
    windows.push({ inStart: options.anchored ? 0 : outStart - inSample, inEnd: outStart, outStart, outEnd: Math.min(length, outStart + outOfSample) });
  }
  return windows;
}
