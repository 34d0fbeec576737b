/**
 * What HAProxy makes of the words after a section keyword and its name, shared by the rule that
 * reports them and the rules that must not pile more findings on a section HAProxy never created.
 */
import type { Section, Word } from '../ast.js';
import { opaque } from './catalog-helpers.js';

/** Sections whose parser refuses any word after the name ("cannot handle unexpected argument"). */
const STRICT_SECTIONS = new Set([
  'peers',
  'userlist',
  'cache',
  'program',
  'log-forward',
  'fcgi-app',
  'crt-store',
]);

const PROXIES = new Set(['frontend', 'listen', 'backend']);

/** Words of a section line HAProxy refuses, and what becomes of the section. */
interface HeaderProblem {
  /** The refused words, first to last. */
  readonly words: readonly Word[];
  /**
   * `address`: a frontend or listen line holding more than `from <defaults>` (the pre-1.5 form
   * `listen stats 0.0.0.0:8404`); `dropped`: a backend line doing the same, which HAProxy skips
   * without a word; `extra`: words after the name of a section that takes none.
   */
  readonly kind: 'address' | 'dropped' | 'extra';
}

/**
 * The words HAProxy refuses on a section line, or undefined when it accepts the line (or when an
 * environment variable or template span makes the words unknown). `global` takes no word at all;
 * `resolvers`, `ring`, `mailers`, `http-errors` and `defaults` ignore extra words (checked with
 * `haproxy -c` 2.6 and 3.0).
 */
export function headerProblem(section: Section): HeaderProblem | undefined {
  const words = section.header.words.slice(1);
  if (words.some(opaque)) return undefined;
  const type = section.type;
  if (type === 'global') return words.length > 0 ? { words, kind: 'extra' } : undefined;
  const rest = words.slice(1);
  if (PROXIES.has(type)) {
    // `<name> from <defaults>` is the only form with more words.
    if (rest.length === 0 || (rest.length === 2 && rest[0]?.value === 'from')) return undefined;
    return { words: rest, kind: type === 'backend' ? 'dropped' : 'address' };
  }
  if (STRICT_SECTIONS.has(type) && rest.length > 0) return { words: rest, kind: 'extra' };
  return undefined;
}
