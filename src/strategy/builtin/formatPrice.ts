/**
 * A price for a signal's reason: seven significant digits, trailing zeros dropped (12.34,
 * 101.2346, 0.0001234). Reasons print bar prices and parameters only, never indicator outputs:
 * both forms of a strategy see the same bars, so the text is identical, whereas an indicator's
 * last bits differ between the batch and the stream and could round either way.
 *
 * Defined as `String(Number(value.toPrecision(7)))`. Most prices are already short (a quote in
 * cents), and then that is `String(value)`: the shortest decimal that reads back as the value
 * lies within half a unit in the last binary place of it, far inside half a step of the
 * seventh digit, so rounding to seven digits gives that same decimal. `toPrecision` costs
 * several times as much and runs for every signal, so it is left for the other values.
 */
export function formatPrice(value: number): string {
  // Quotes in cents (nearly every stock price) are written from the integer number of cents:
  // when value is the double nearest to c / 100, that decimal is its shortest text, and with
  // at most seven digits it is the answer. Printing an integer costs a fraction of a double.
  const cents = Math.round(value * 100);
  if (cents / 100 === value && cents < 10_000_000 && cents > -10_000_000) return centsText(cents);
  const text = String(value);
  let digits = 0;
  let leading = true;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code >= 49 && code <= 57) {
      leading = false;
      digits++;
    } else if (code === 48) {
      if (!leading) digits++;
    } else if (code !== 46 && code !== 45) {
      // An exponent ('e'), NaN or Infinity: the general form.
      return String(Number(value.toPrecision(7)));
    }
  }
  return digits <= 7 ? text : String(Number(value.toPrecision(7)));
}

/** `c / 100` as `String` prints it: 1234 -> "12.34", 1230 -> "12.3", 1200 -> "12", -5 -> "-0.05", -0 -> "0". */
function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = cents < 0 ? -cents : cents;
  const whole = Math.floor(magnitude / 100);
  const fraction = magnitude - whole * 100;
  if (fraction === 0) return `${sign}${whole}`;
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
  return `${sign}${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}
