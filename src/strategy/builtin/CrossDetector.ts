/**
 * Detects a value crossing a level from a comparison per bar (`compareLevels`,
 * `compareAtScale`: -1 below, 0 level, 1 above). A cross up is a move from at-or-below (the
 * last comparison <= 0) to strictly above; a cross down mirrors it. A level reading is not a
 * cross by itself, so two series that touch and part again cross once, on the bar they part.
 * NaN comparisons (warm-up, a missing bar) are skipped: the next one is compared with the last
 * valid one, and the first valid comparison is never a cross.
 */
export class CrossDetector {
  private previous = NaN;

  /** +1 on a cross up, -1 on a cross down, 0 otherwise. */
  update(comparison: number): number {
    if (Number.isNaN(comparison)) return 0;
    const previous = this.previous;
    this.previous = comparison;
    if (previous <= 0 && comparison > 0) return 1;
    if (previous >= 0 && comparison < 0) return -1;
    return 0;
  }
}
