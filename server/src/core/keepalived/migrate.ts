/**
 * Migrating a `keepalived.conf` to a target version: every keyword the catalog marks deprecated
 * or removed there, renamed when the deprecated-keyword rule already knows the rename is exact,
 * moved for `lvs_sync_daemon_interface`, listed otherwise.
 */
import type { TextEdit } from '../common/issue.js';
import type { Finding } from '../common/rule.js';
import type { KeepalivedDocument } from '../document.js';
import type { KeepalivedItem, KeepalivedNode } from './ast.js';
import { KEEPALIVED_MANPAGE_URL, lifecycleAt } from './catalog/index.js';
import { deprecatedKeyword } from './rules/deprecated-keyword.js';
import type { KeepalivedRuleContext } from './rules/context.js';
import { lifecycleTail, replacementFix } from './rules/keyword-lifecycle.js';
import { isConcrete, walkKeepalived } from './rules/walk.js';

/** One deprecated or removed keyword of a file and what a migration does with it. */
export interface KeepalivedMigrationStep {
  readonly keyword: string;
  /** Offset of the keyword. */
  readonly start: number;
  /** The edits that migrate it; absent when it needs a person's judgement. */
  readonly edits?: readonly TextEdit[];
  /** Why it was left alone (absent when `edits` are given). */
  readonly reason?: string;
  readonly docUrl: string;
}

const LVS_SYNC_INTERFACE = 'lvs_sync_daemon_interface';

/** The items of a block (or the file) that are keyword lines. */
function itemsOf(nodes: readonly KeepalivedNode[]): KeepalivedItem[] {
  return nodes.filter((node): node is KeepalivedItem => node.kind === 'item');
}

/** From the start of the item's line to the start of the next line. */
function lineOf(document: KeepalivedDocument, item: KeepalivedItem): TextEdit {
  const { lineIndex, text } = document;
  const first = lineIndex.positionAt(item.start).line;
  const last = lineIndex.positionAt(item.end).line;
  const start = lineIndex.offsetAt({ line: first, character: 0 });
  const next = lineIndex.offsetAt({ line: last + 1, character: 0 });
  return { start, end: next > start ? next : text.length, text: '' };
}

/**
 * `lvs_sync_daemon_interface IF` in `vrrp_instance NAME` is what `lvs_sync_daemon IF NAME` in
 * `global_defs` says (keepalived's handler sets the same two fields, and warns that the old
 * spelling is deprecated). Only a single such line without a global `lvs_sync_daemon` is moved:
 * keepalived ignores every line after the first, and which one was meant is a choice.
 */
function moveLvsSync(document: KeepalivedDocument): Map<number, readonly TextEdit[] | string> {
  const result = new Map<number, readonly TextEdit[] | string>();
  const top = itemsOf(document.parse.ast.items);
  const found: { item: KeepalivedItem; instance: KeepalivedItem }[] = [];
  for (const instance of top) {
    if (instance.keyword.value !== 'vrrp_instance' || !instance.block) continue;
    for (const item of itemsOf(instance.block.items)) {
      if (item.keyword.value === LVS_SYNC_INTERFACE) found.push({ item, instance });
    }
  }
  const globals = top.filter((item) => item.keyword.value === 'global_defs' && item.block);
  const hasGlobalSync = globals.some((block) =>
    itemsOf(block.block?.items ?? []).some((item) => item.keyword.value === 'lvs_sync_daemon'),
  );
  for (const { item, instance } of found) {
    const iface = item.args[0];
    const name = instance.args[0];
    let why: string | undefined;
    if (found.length > 1) {
      why = 'several instances name a sync interface; keepalived uses the first';
    } else if (hasGlobalSync) why = 'global_defs already has lvs_sync_daemon';
    else if (!iface || !name || ![iface, name, item.keyword].every(isConcrete)) {
      why = 'the interface or the instance name is not a plain word';
    } else if (item.condition || instance.condition) why = 'the line depends on a config-id';
    if (why !== undefined || !iface || !name) {
      result.set(item.keyword.start, why ?? '');
      continue;
    }
    const line = `lvs_sync_daemon ${iface.raw} ${name.raw}`;
    const global = globals[0];
    const close = global?.block?.close;
    const insert: TextEdit =
      global && close !== undefined
        ? { start: close, end: close, text: `    ${line}\n` }
        : { start: 0, end: 0, text: `global_defs {\n    ${line}\n}\n\n` };
    // `close` sits after the line break of the block's last line only when `}` opens its line.
    if (global && close !== undefined && !/(^|\n)[ \t]*$/.test(document.text.slice(0, close))) {
      result.set(item.keyword.start, 'global_defs closes on the line of its last keyword');
      continue;
    }
    result.set(item.keyword.start, [insert, lineOf(document, item)]);
  }
  return result;
}

/** What a migration of `document` to Keepalived `version` does with each keyword, in file order. */
export function keepalivedMigration(
  document: KeepalivedDocument,
  version: string,
): KeepalivedMigrationStep[] {
  // No `files`: included files are migrated as files of their own.
  const context: KeepalivedRuleContext = { document, settings: { version, severities: {} } };
  const steps: KeepalivedMigrationStep[] = [];
  const keywords = new Set<number>();
  const lvs = moveLvsSync(document);
  walkKeepalived(context, {
    item(visited) {
      const { spec, item, uri } = visited;
      const state = spec ? lifecycleAt(spec, version) : 'ok';
      if (!spec || uri !== undefined || (state !== 'deprecated' && state !== 'removed')) return;
      keywords.add(item.keyword.start);
      const base = { keyword: spec.name, start: item.keyword.start, docUrl: spec.docUrl };
      const moved = lvs.get(item.keyword.start);
      if (moved !== undefined && typeof moved !== 'string') {
        steps.push({ ...base, edits: moved });
        return;
      }
      const fix = replacementFix(visited, spec[state]?.replacement)?.[0];
      if (fix) {
        steps.push({ ...base, edits: fix.edits });
        return;
      }
      const why = moved || 'no mechanical replacement';
      const since = spec[state]?.since;
      steps.push({
        ...base,
        reason: `${why}; ${state} since Keepalived ${since ?? '?'}${lifecycleTail(spec, state)}`,
      });
    },
  });
  // Options inside list blocks (`gw` in a route): the rule knows which renames are exact.
  const values: Finding[] = [];
  deprecatedKeyword.check(context, (finding) => values.push(finding));
  for (const finding of values) {
    if (keywords.has(finding.start) || finding.uri !== undefined) continue;
    const keyword = document.text.slice(finding.start, finding.end);
    const fix = finding.fixes?.[0];
    steps.push({
      keyword,
      start: finding.start,
      docUrl: KEEPALIVED_MANPAGE_URL,
      ...(fix ? { edits: fix.edits } : { reason: `no mechanical replacement; ${finding.message}` }),
    });
  }
  return steps.sort((a, b) => a.start - b.start);
}
