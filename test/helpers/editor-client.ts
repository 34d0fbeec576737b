import * as assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

/**
 * For a test driving a real editor: when the editor is missing, fails under CI (the set-up must
 * install it) and otherwise prints one skip line and skips. True when the test must stop.
 */
export function editorMissing(
  t: TestContext,
  missing: boolean,
  editor: string,
  what: string,
): boolean {
  if (!missing) return false;
  if (process.env['CI']) assert.fail(`${what} is not installed (scripts/install-test-deps.sh)`);
  console.log(`skipped: ${editor} client test (${what} is not installed)`);
  t.skip(`${what} is not installed`);
  return true;
}
