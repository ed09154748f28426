/**
 * Step 7, the risk-reward filter: the reward to the first target over the risk to the stop,
 * from the entry (the trigger bar's close). A long: (takeProfit - entry) / (entry - stop);
 * a short mirrors it. NaN when the stop is not on the losing side of the entry.
 */
export function riskReward(direction: 1 | -1, entry: number, stop: number, takeProfit: number): number {
  const risk = direction === 1 ? entry - stop : stop - entry;
  const reward = direction === 1 ? takeProfit - entry : entry - takeProfit;
  return risk > 0 ? reward / risk : NaN;
}

/** Whether a trade pays enough: its ratio is at least `minRiskReward` (a NaN ratio never passes). */
export function passesRiskReward(ratio: number, minRiskReward: number): boolean {
  return ratio >= minRiskReward;
}
