import type { Rule } from '../../common/rule.js';
import type { NamedDefinition, NodeIndex, TrackUse } from '../analysis/index-node.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { closeNames, ownLine, rangeOf, replaceWordFix } from './helpers.js';

/** What differs between the `track_script` / `track_file` / `track_process` reference rules. */
export interface ReferenceRuleSpec {
  readonly code: string;
  readonly summary: string;
  /** Noun keepalived uses in its message, e.g. `track script`. */
  readonly noun: string;
  /** Keyword that defines the target, e.g. `vrrp_script`. */
  readonly definer: string;
  readonly definitions: (index: NodeIndex) => ReadonlyMap<string, NamedDefinition>;
  readonly uses: (owner: {
    trackScripts: readonly TrackUse[];
    trackFiles: readonly TrackUse[];
    trackProcesses: readonly TrackUse[];
  }) => readonly TrackUse[];
}

/**
 * Builds a rule flagging tracked names without a definition. keepalived 2.2.7 logs
 * "`<noun>` X not found, ignoring" and `-t` exits 5, so the finding is an error.
 */
export function referenceRule(spec: ReferenceRuleSpec): Rule<KeepalivedRuleContext> {
  return {
    code: spec.code,
    defaultSeverity: 'error',
    summary: spec.summary,
    check(context, report) {
      const index = nodeIndex(context);
      const definitions = spec.definitions(index);
      for (const owner of [...index.instances, ...index.syncGroups]) {
        for (const use of spec.uses(owner)) {
          if (use.word.hasTemplate || definitions.has(use.name)) continue;
          const fixes = ownLine(index, use.item)
            ? closeNames(use.name, definitions.keys()).map((name) =>
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
