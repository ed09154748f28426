/**
 * The batch half of the missing-value rule: a row where any input is non-finite gets NaN in
 * every output and is skipped, as if that bar were absent; the rows around it are computed
 * over the finite rows only, so one missing field never poisons the rest of the series.
 * The clean case (no missing values, nearly always) costs one fused scan.
 */
export function hasNonFinite(inputs: readonly Float64Array[]): boolean {
  for (const input of inputs) {
    // x * 0 is 0 for finite x and NaN for NaN and ±Infinity; four accumulators keep the
    // loop free of a serial dependency chain.
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    const n = input.length;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      a += input[i] * 0;
      b += input[i + 1] * 0;
      c += input[i + 2] * 0;
      d += input[i + 3] * 0;
    }
    for (; i < n; i++) a += input[i] * 0;
    if (a + b + c + d !== 0) return true;
  }
  return false;
}

/**
 * Runs `kernel` over the finite rows only and scatters its outputs back, NaN on skipped rows.
 * `kernel` fills its outputs (warm-up included) for inputs that are all finite.
 */
export function withFiniteRows(
  inputs: readonly Float64Array[],
  outputs: readonly Float64Array[],
  kernel: (inputs: Float64Array[], outputs: Float64Array[]) => void,
): void {
  if (!hasNonFinite(inputs)) {
    kernel(inputs as Float64Array[], outputs as Float64Array[]);
    return;
  }
  const n = inputs[0].length;
  const rows = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let finite = true;
    for (const input of inputs) if (!Number.isFinite(input[i])) finite = false;
    if (finite) rows[kept++] = i;
  }
  const compactInputs = inputs.map((input) => {
    const compact = new Float64Array(kept);
    for (let k = 0; k < kept; k++) compact[k] = input[rows[k]];
    return compact;
  });
  const compactOutputs = outputs.map(() => new Float64Array(kept));
  kernel(compactInputs, compactOutputs);
  outputs.forEach((output, index) => {
    output.fill(NaN);
    const compact = compactOutputs[index];
    for (let k = 0; k < kept; k++) output[rows[k]] = compact[k];
  });
}

/**
 * `withFiniteRows` for kernels that detect a non-finite input themselves for free (a running
 * sum that any NaN or infinity turns non-finite): the kernel runs once on the raw inputs and
 * returns whether they were all finite; only when they were not is the work redone over the
 * finite rows. Saves the separate scan, a large share of the fastest kernels' time.
 */
export function withFiniteRowsDetected(
  inputs: readonly Float64Array[],
  outputs: readonly Float64Array[],
  kernel: (inputs: Float64Array[], outputs: Float64Array[]) => boolean,
): void {
  if (kernel(inputs as Float64Array[], outputs as Float64Array[])) return;
  withFiniteRows(inputs, outputs, (finiteInputs, finiteOutputs) => {
    kernel(finiteInputs, finiteOutputs);
  });
}
