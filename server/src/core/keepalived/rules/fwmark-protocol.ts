import type { Rule } from '../../common/rule.js';
import { nodeView } from '../analysis/view.js';
import type { KeepalivedRuleContext } from './context.js';
import { deleteLineFix } from './helpers.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * A `protocol` line in a `virtual_server fwmark <n>` block. The firewall mark already selects the
 * packets, so IPVS has no protocol for such a service: keepalived 2.2.7 drops the line ("protocol
 * specified for fwmark - protocol will be ignored") and, although it words this as a warning,
 * `keepalived -t` exits 5, so it is an error here.
 */
export const fwmarkProtocol: Rule<KeepalivedRuleContext> = {
  code: 'fwmark-protocol',
  defaultSeverity: 'error',
  summary: 'A protocol line in a fwmark virtual_server, which keepalived ignores.',
  check(context, report) {
    const view = nodeView(context);
    walkKeepalived(context, {
      item({ item, context: block }) {
        if (block !== 'top' || item.keyword.value !== 'virtual_server') return;
        const kind = item.args[0];
        if (!kind || !isConcrete(kind) || kind.value !== 'fwmark') return;
        for (const line of item.block?.items ?? []) {
          if (line.kind !== 'item' || !isConcrete(line.keyword)) continue;
          if (line.keyword.value !== 'protocol') continue;
          const uri = view.uriOf(line);
          report({
            ...at(line.keyword, uri),
            message:
              'A fwmark virtual_server has no protocol: Keepalived ignores this line and fails the config test.',
            fixes:
              uri === undefined ? [deleteLineFix(context, line, 'Remove the protocol line')] : [],
          });
        }
      },
    });
  },
};
