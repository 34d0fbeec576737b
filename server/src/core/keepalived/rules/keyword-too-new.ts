import type { Rule } from '../../common/rule.js';
import { effectiveVersion, lifecycleAt } from '../catalog/index.js';
import type { KeepalivedRuleContext } from './context.js';
import { at, walkKeepalived } from './walk.js';

/**
 * A keyword that only exists after the target version (`keepalived.version`): the older
 * keepalived reports it as unknown and fails the config test.
 */
export const keywordTooNew: Rule<KeepalivedRuleContext> = {
  code: 'keyword-too-new',
  defaultSeverity: 'error',
  summary: 'A Keepalived keyword newer than the target version.',
  check(context, report) {
    const version = effectiveVersion(context.settings.version);
    walkKeepalived(context, {
      item({ spec, item, uri }) {
        if (!spec || lifecycleAt(spec, version) !== 'not-yet') return;
        report({
          ...at(item.keyword, uri),
          message: `'${spec.name}' needs Keepalived ${spec.since ?? '?'}; Keepalived ${version} reports it as an unknown keyword (set keepalived.version if you target a newer release).`,
        });
      },
    });
  },
};
