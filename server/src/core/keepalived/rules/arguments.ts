/**
 * Argument checks shared by the argument rules: how many words a keyword takes according to its
 * catalog entry, and whether one word fits its `ArgSpec`. The checks stay conservative: a word is
 * only rejected for what keepalived 2.2 itself rejects (ranges, enums, numbers, booleans).
 */
import type { ArgSpec } from '../../common/catalog.js';
import type { KeepalivedKeywordSpec } from '../catalog/index.js';

/** Types whose value may span several words (script lines, free text, option lists). */
const OPEN_TYPES: ReadonlySet<ArgSpec['type']> = new Set(['command', 'string', 'options']);

/** Number of mandatory leading arguments. */
export function requiredCount(spec: KeepalivedKeywordSpec): number {
  let count = 0;
  for (const arg of spec.args) {
    if (arg.optional) break;
    count += 1;
    if (arg.variadic || OPEN_TYPES.has(arg.type)) break;
  }
  return count;
}

/** Largest number of arguments, or undefined when the last ones take any number of words. */
export function maximumCount(spec: KeepalivedKeywordSpec): number | undefined {
  for (const arg of spec.args) {
    if (arg.variadic || OPEN_TYPES.has(arg.type)) return undefined;
  }
  return spec.args.length;
}

/** The spec each argument word is checked against (positions after a multi-word one are not). */
export function positionalSpecs(spec: KeepalivedKeywordSpec): readonly ArgSpec[] {
  const result: ArgSpec[] = [];
  for (const arg of spec.args) {
    if (arg.variadic || OPEN_TYPES.has(arg.type)) break;
    result.push(arg);
  }
  return result;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const BOOLEANS = ['on', 'off', 'true', 'false', 'yes', 'no'];

/** Why `value` does not fit `arg`, or undefined when it does (or cannot be judged). */
export function argumentProblem(arg: ArgSpec, value: string): string | undefined {
  const type = arg.type;
  if (type === 'int' || type === 'port') {
    if (!INTEGER.test(value)) return `'${value}' is not a whole number`;
    return rangeProblem(arg, Number(value));
  }
  if (type === 'float' || type === 'time') {
    if (!DECIMAL.test(value)) return `'${value}' is not a number`;
    return rangeProblem(arg, Number(value));
  }
  if (type === 'enum') {
    const values = arg.values ?? [];
    if (values.length === 0) return undefined;
    // Some enums are read case-insensitively by keepalived (protocol); never flag case alone.
    const lower = value.toLowerCase();
    if (values.some((candidate) => candidate.toLowerCase() === lower)) return undefined;
    return `'${value}' is not one of ${values.join(', ')}`;
  }
  if (type === 'bool') {
    return BOOLEANS.includes(value.toLowerCase())
      ? undefined
      : `'${value}' is not a boolean (on/off, true/false, yes/no)`;
  }
  // Addresses, names, paths and free words are left to more specific rules.
  return undefined;
}

function rangeProblem(arg: ArgSpec, value: number): string | undefined {
  const { min, max } = arg;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const low = min ?? '-∞';
    const high = max ?? '∞';
    return `${value} is outside the range ${low}…${high}`;
  }
  return undefined;
}
