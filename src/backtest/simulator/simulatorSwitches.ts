/**
 * The simulator's specialised paths, each on unless a caller turns it off: `simulateWith` takes
 * them so tests can run the general path on the same inputs and compare. Not part of the
 * package's API (index.ts exports `simulate`, which always uses the defaults).
 */
export interface SimulatorPaths {
  /** Check a lone symbol's bars block by block as the run reads them (`BarsCheck`) instead of in a pass of their own first. */
  checkBarsInRun: boolean;
  /** Run one symbol's long entry/exit arrays through `LongSignalRun` (what `coversLongSignals` accepts). */
  longSignals: boolean;
}

export const allSimulatorPaths: Readonly<SimulatorPaths> = Object.freeze({ checkBarsInRun: true, longSignals: true });
