import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { closeNames, ownLine, rangeOf, replaceWordFix } from './helpers.js';

/** What differs between the `track_script` / `track_file` / `track_process` reference rules. */
interface ReferenceRuleSpec {
  readonly code: string;
  readonly summary: string;
  /** Noun keepalived uses in its message, e.g. `track script`. */
  readonly noun: string;
  /** What defines the target, for the message, e.g. `vrrp_script`. */
  readonly definer: string;
  /** The kind of name the tracking entries refer to, as the catalog spells it. */
  readonly kind: string;
}

/**
 * Builds a rule flagging the names tracked by VRRP instances and sync groups that the reference
 * table resolves to no definition. keepalived 2.2.7 logs "`<noun>` X not found, ignoring" and
 * `-t` exits 5, so the finding is an error.
 */
export function referenceRule(spec: ReferenceRuleSpec): Rule<KeepalivedRuleContext> {
  return {
    code: spec.code,
    defaultSeverity: 'error',
    summary: spec.summary,
    check(context, report) {
      const index = nodeIndex(context);
      const table = index.references;
      const instances = new Set(index.instances.map((instance) => instance.item));
      const groups = new Set(index.syncGroups.map((group) => group.item));
      const uses = table.references(spec.kind).filter((site) => !site.dynamic);
      const names = [...new Set(table.definitions(spec.kind).map((site) => site.name))];
      // The instances' entries first, then the sync groups'.
      for (const owners of [instances, groups]) {
        for (const use of uses) {
          if (!owners.has(use.owner) || table.resolve(use).length > 0) continue;
          const fixes = ownLine(index, use.item)
            ? closeNames(use.name, names).map((name) =>
                replaceWordFix(use.word, name, `Change to '${name}'`),
              )
            : [];
          report({
            message: `${spec.noun} '${use.name}' is not defined by any ${spec.definer}: keepalived ignores it ("${spec.noun} ${use.name} not found, ignoring").`,
            ...rangeOf(index, use.item, use.word),
            ...(fixes.length > 0 ? { fixes } : {}),
          });
        }
      }
    },
  };
}
