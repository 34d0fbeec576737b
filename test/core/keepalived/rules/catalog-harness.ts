import * as assert from 'node:assert/strict';
import type { FileHost } from '../../../../server/src/core/common/file-host.js';
import type { Issue } from '../../../../server/src/core/common/issue.js';
import { runRules, type Rule } from '../../../../server/src/core/common/rule.js';
import { makeDocument, type KeepalivedDocument } from '../../../../server/src/core/document.js';
import { parseKeepalived } from '../../../../server/src/core/keepalived/index.js';
import type { KeepalivedRuleContext } from '../../../../server/src/core/keepalived/rules/index.js';
import { mark } from '../../../helpers/markers.js';

/** Options of one run: target version, included files, config-id. */
export interface RunOptions {
  readonly version?: string;
  readonly files?: FileHost;
  readonly configId?: string;
  readonly uri?: string;
}

/** Runs rules over a keepalived.conf; a throwing rule fails the test. */
export function runCatalogRules(
  rules: readonly Rule<KeepalivedRuleContext>[],
  text: string,
  options: RunOptions = {},
): Issue[] {
  const uri = options.uri ?? '/etc/keepalived/keepalived.conf';
  const document = makeDocument(
    'keepalived',
    uri,
    0,
    text,
    parseKeepalived(text),
  ) as KeepalivedDocument;
  return runRules(
    rules,
    {
      document,
      settings: { version: options.version ?? '2.2', severities: {} },
      files: options.files,
      configId: options.configId,
    },
    'keepalived',
    (code, error) => {
      throw new Error(`${code} threw: ${String(error)}`);
    },
  );
}

/** Asserts that `rule` reports exactly the `<|…|>` ranges of `input`, in order. */
export function expectRanges(
  rule: Rule<KeepalivedRuleContext>,
  input: string,
  options: RunOptions = {},
): { issues: Issue[]; text: string } {
  const { text, ranges } = mark(input);
  const issues = runCatalogRules([rule], text, options).sort((a, b) => a.start - b.start);
  assert.deepEqual(
    issues.map((issue) => ({ start: issue.start, end: issue.end })),
    ranges,
    issues.map((issue) => `${text.slice(issue.start, issue.end)}: ${issue.message}`).join('\n'),
  );
  return { issues, text };
}

/** Applies the edits of one fix. */
export function applyFirstFix(text: string, issue: Issue | undefined): string {
  const fix = issue?.fixes?.[0];
  assert.ok(fix, 'no fix');
  let result = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** A FileHost over an in-memory map of absolute paths (globs: `*` and `?`; `..` resolved). */
export function memoryFiles(files: Record<string, string>): FileHost {
  const dirname = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';
  return {
    readFile: (path) => files[path],
    glob(pattern, relativeTo) {
      const joined = pattern.startsWith('/') ? pattern : `${dirname(relativeTo)}/${pattern}`;
      const parts: string[] = [];
      for (const part of joined.split('/')) {
        if (part === '..') parts.pop();
        else if (part !== '.') parts.push(part);
      }
      const full = parts.join('/');
      const regex = new RegExp(
        `^${full
          .replace(/[.+^$()|\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      return Object.keys(files)
        .filter((path) => regex.test(path))
        .sort();
    },
  };
}

/** A complete, valid vrrp_instance with extra lines. */
export function vrrp(extra = '', name = 'VI_1'): string {
  return `vrrp_instance ${name} {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n${extra}  virtual_ipaddress {\n    10.0.0.1/24\n  }\n}\n`;
}
