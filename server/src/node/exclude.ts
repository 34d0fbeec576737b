/**
 * `files.exclude` patterns (VS Code globs: `**`, `*`, `?`, `[…]`, `{a,b}`) as a test of the paths
 * the folder scan meets, matched by picomatch.
 *
 * picomatch compiles a glob into a backtracking regular expression, and the patterns come from a
 * workspace's `.vscode/settings.json`, which anyone proposing a repository writes: `*a*a*a*a*a*b`
 * against a forty-letter name takes picomatch seconds, and several such segments take hours. So
 * a pattern is only compiled within bounds that keep every match cheap on the paths the scan
 * produces (at most `maxDepth` + 1 names): the core's glob length and brace limits, at most one
 * `*` per name and at most three `**`. A pattern past them is left out and reported; leaving out
 * an exclusion only makes the scan read more, within its own limits.
 */
import picomatch from 'picomatch';
import { expandBraces, MAX_BRACE_ALTERNATIVES, MAX_GLOB_LENGTH } from '../core/index.js';

/** Most `**` segments in one pattern: each multiplies the ways a path can be split. */
const MAX_EXCLUDE_GLOBSTARS = 3;
/** Most `*` wildcards inside one name of a pattern: two already multiply across names. */
const MAX_EXCLUDE_STARS_PER_NAME = 1;

/** Why a pattern is not used, or undefined when it is within bounds. */
function refusal(pattern: string): string | undefined {
  if (pattern.length > MAX_GLOB_LENGTH) return `longer than ${MAX_GLOB_LENGTH} characters`;
  const alternatives = expandBraces(pattern);
  if (alternatives === undefined) {
    return `its {…} groups expand into more than ${MAX_BRACE_ALTERNATIVES} patterns`;
  }
  for (const alternative of alternatives) {
    const names = alternative.split('/');
    if (names.filter((name) => name === '**').length > MAX_EXCLUDE_GLOBSTARS) {
      return `more than ${MAX_EXCLUDE_GLOBSTARS} '**'`;
    }
    const starred = names.some(
      (name) => name !== '**' && (name.match(/\*+/g)?.length ?? 0) > MAX_EXCLUDE_STARS_PER_NAME,
    );
    if (starred) return `more than ${MAX_EXCLUDE_STARS_PER_NAME} '*' in one name`;
  }
  return undefined;
}

/**
 * Compiles the patterns into one test of a path relative to the folder scanned (`/`-separated,
 * no leading `./`). The test matches that path itself; a caller that wants "below an excluded
 * folder" tests the folders on the way, as the scan does by not entering them. `refused` hears
 * about each pattern left out and why.
 */
export function excludeMatcher(
  patterns: readonly string[],
  refused?: (pattern: string, reason: string) => void,
): (relative: string) => boolean {
  const accepted: string[] = [];
  for (const written of patterns) {
    const pattern = written.replace(/^\.\//, '');
    const reason = refusal(pattern);
    if (reason !== undefined) {
      refused?.(written, reason);
      continue;
    }
    // Braces are expanded by the core's bounded expansion, never by picomatch.
    accepted.push(...(expandBraces(pattern) ?? []));
  }
  if (accepted.length === 0) return () => false;
  // VS Code's globs let wildcards match dot names and know no negation or extended globs.
  const options = { dot: true, nobrace: true, noextglob: true, nonegate: true };
  const tests = accepted.flatMap((pattern) => {
    try {
      return [picomatch(pattern, options)];
    } catch (error) {
      refused?.(pattern, error instanceof Error ? error.message : String(error));
      return [];
    }
  });
  return (relative) => tests.some((test) => test(relative));
}
