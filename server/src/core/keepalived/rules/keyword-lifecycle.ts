/** Shared message pieces of the keyword lifecycle rules. */
import type { QuickFix } from '../../common/issue.js';
import type { KeepalivedKeywordSpec } from '../catalog/index.js';
import { KEEPALIVED_CATALOG } from '../catalog/index.js';
import type { VisitedItem } from './walk.js';

/**
 * A replace-the-keyword fix when the replacement is itself a keyword of the same block: one
 * obvious outcome, so fix-all and `halint --fix` apply it (`QuickFix.safe`).
 */
export function replacementFix(
  visited: VisitedItem,
  replacement: string | undefined,
): QuickFix[] | undefined {
  const { item, context, uri } = visited;
  if (replacement === undefined || uri !== undefined) return undefined;
  if (item.keyword.raw !== item.keyword.value) return undefined;
  if (!KEEPALIVED_CATALOG.keyword(context, replacement)) return undefined;
  return [
    {
      title: `Replace with '${replacement}'`,
      edits: [{ start: item.keyword.start, end: item.keyword.end, text: replacement }],
      preferred: true,
      safe: true,
    },
  ];
}

/** `; use X instead (note)` tail of a lifecycle message. */
export function lifecycleTail(
  spec: KeepalivedKeywordSpec,
  which: 'deprecated' | 'removed',
): string {
  const lifecycle = spec[which];
  if (!lifecycle) return '.';
  const use = lifecycle.replacement ? `; use ${lifecycle.replacement} instead` : '';
  const note = lifecycle.note ? ` ${lifecycle.note}` : '';
  return `${use}.${note}`;
}
