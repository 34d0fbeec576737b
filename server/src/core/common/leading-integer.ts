/**
 * The integer a C configuration parser reads from the start of a word with `atoi` / `atol`.
 *
 * HAProxy reads most of its counts this way, and the C library's semantics decide what it
 * accepts: both functions are `strtol(text, NULL, 10)` in glibc, which skips leading blanks,
 * takes an optional sign and as many decimal digits as follow, returns 0 when there are none,
 * and saturates at the limits of a 64-bit `long`. Whatever follows the digits is ignored (`7a`
 * is 7, `abc` is 0). What the daemon then compares is the value once stored: `atoi`, and `atol`
 * assigned to an `int`, keep its low 32 bits (two's complement), so `4294967376` reads as 80 and
 * `2147483648` as a negative number; `atol` into a `long` or a `size_t` keeps the saturated value.
 */

/** Where the value read is stored: a 32-bit C `int`, or a 64-bit `long` (or `size_t`). */
type CIntegerStore = 'int' | 'long';

/** Blanks `strtol` skips in the C locale (`isspace`): JavaScript's `\s` would take more. */
const LEADING = /^[ \t\n\v\f\r]*([+-]?)(\d+)/;

/** Digit runs this short fit in an `int` as they are, and need no big-integer arithmetic. */
const SHORT_DIGITS = 9;

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/**
 * The value C's `atoi` / `atol` reads from the start of `text`, as stored into `store` (default
 * `int`, the store of `atoi`): see the module comment for the exact semantics. A `long` beyond
 * 2^53 comes back as the nearest double, which is enough for the sign and range comparisons
 * callers make.
 */
export function leadingInteger(text: string, store: CIntegerStore = 'int'): number {
  const match = LEADING.exec(text);
  if (!match) return 0;
  const sign = match[1] ?? '';
  const digits = match[2] ?? '0';
  // `+ 0` turns the -0 of `-0` into the 0 C reads.
  if (digits.length <= SHORT_DIGITS) return Number(sign + digits) + 0;
  let value = BigInt(sign + digits);
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return Number(store === 'int' ? BigInt.asIntN(32, value) : value);
}
