/**
 * Internal switches of the simulator's specialised paths, for tests that compare them with the
 * general path on the same inputs. Not part of the package's API; production code leaves them on.
 */
export const simulatorSwitches = {
  /** Check a lone symbol's bars block by block as the run reads them (`BarsCheck`) instead of in a pass of their own first. */
  checkBarsInRun: true,
  /** Run one symbol's long entry/exit arrays through `LongSignalRun` (what `coversLongSignals` accepts). */
  longSignals: true,
};
