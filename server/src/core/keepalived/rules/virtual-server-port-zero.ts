import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../ast.js';
import { addressProblem } from './addresses.js';
import type { KeepalivedRuleContext } from './context.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * A `virtual_server <address>` with port 0 or no port and no `persistence_timeout`. Port 0 means
 * "every port", which IPVS only allows for persistent services: keepalived 2.2.7 says "zero port
 * only valid for persistent services" and `-t` exits 5. `fwmark` and `group` services have no port.
 */
export const virtualServerPortZero: Rule<KeepalivedRuleContext> = {
  code: 'virtual-server-port-zero',
  defaultSeverity: 'error',
  summary: 'A virtual_server with port 0 (or none) that is not persistent.',
  check(context, report) {
    walkKeepalived(context, {
      item({ item, context: block, uri }) {
        if (block !== 'top' || item.keyword.value !== 'virtual_server') return;
        const [address, port] = item.args;
        if (!address || !isConcrete(address)) return;
        if (address.value.includes('/') || addressProblem(address.value) !== undefined) return;
        if (port && (!isConcrete(port) || !/^0+$/.test(port.value))) return;
        if (persistent(item)) return;
        const word = port ?? address;
        report({
          ...at(word, uri),
          message: port
            ? 'Port 0 is only allowed for a persistent virtual_server; add persistence_timeout or give a port.'
            : 'This virtual_server has no port, which means port 0, only allowed for persistent services; add a port or persistence_timeout.',
        });
      },
    });
  },
};

/** Whether the block sets `persistence_timeout`, or may set it through a line we cannot read. */
function persistent(item: KeepalivedItem): boolean {
  return (item.block?.items ?? []).some(
    (node) =>
      node.kind !== 'item' ||
      !isConcrete(node.keyword) ||
      node.keyword.value === 'persistence_timeout',
  );
}
