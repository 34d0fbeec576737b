import type { QuickFix } from '../../common/issue.js';
import type { Rule } from '../../common/rule.js';
import { KEEPALIVED_CATALOG } from '../catalog/index.js';
import type { KeepalivedRuleContext } from './context.js';
import { at, walkKeepalived } from './walk.js';

/**
 * A keyword the catalog knows in no block at all. keepalived reports "Unknown keyword" and fails the
 * config test; an unknown block is skipped whole so its lines do not each add a finding.
 */
export const unknownKeyword: Rule<KeepalivedRuleContext> = {
  code: 'unknown-keyword',
  defaultSeverity: 'error',
  summary: 'A keyword Keepalived does not know.',
  check(context, report) {
    walkKeepalived(context, {
      item({ item, context: block, spec, uri }) {
        if (spec) return;
        const name = item.keyword.value;
        if (KEEPALIVED_CATALOG.contextsOf(name).length > 0) return;
        const suggestions = KEEPALIVED_CATALOG.suggest(block, name);
        const where = block === 'top' ? 'at the top level' : `in '${block}'`;
        const hint =
          suggestions.length > 0
            ? `; did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?`
            : '.';
        // Edits only make sense on the text as written in the document being edited.
        const editable = uri === undefined && item.keyword.raw === name;
        const fixes: QuickFix[] = editable
          ? suggestions.map((suggestion, index) => ({
              title: `Replace with '${suggestion}'`,
              edits: [{ start: item.keyword.start, end: item.keyword.end, text: suggestion }],
              // One close keyword is the obvious repair, safe for fix-all; two are a choice.
              ...(index === 0 && suggestions.length === 1 ? { preferred: true, safe: true } : {}),
            }))
          : [];
        report({
          ...at(item.keyword, uri),
          message: `Unknown Keepalived keyword '${name}' ${where}${hint}`,
          ...(fixes.length > 0 ? { fixes } : {}),
          ...(suggestions.length > 0 ? { data: { suggestions } } : {}),
        });
      },
    });
  },
};
