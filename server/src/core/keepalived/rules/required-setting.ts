import { compareVersions } from '../../common/catalog.js';
import type { Rule } from '../../common/rule.js';
import type { KeepalivedItem } from '../ast.js';
import type { KeepalivedRuleContext } from './index.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/** Whether the block holds a line starting with one of `names`. */
function has(block: KeepalivedItem, names: readonly string[]): boolean {
  return (block.block?.items ?? []).some(
    (node) => node.kind === 'item' && names.includes(node.keyword.value),
  );
}

/**
 * A `vrrp_instance` missing a setting keepalived cannot do without: `virtual_router_id` ("the
 * virtual router id must be set"), `interface` (2.2 wants one even for unicast) ("Unknown interface!"),
 * and at least one address in `virtual_ipaddress` ("No VIP specified"); a `vrrp_script` without
 * `script`. Each fails the config test.
 */
export const requiredSetting: Rule<KeepalivedRuleContext> = {
  code: 'required-setting',
  defaultSeverity: 'error',
  summary: 'A vrrp_instance or vrrp_script missing a setting Keepalived requires.',
  check(context, report) {
    walkKeepalived(context, {
      item({ item, context: block, uri }) {
        const kind = item.keyword.value;
        if (block !== 'top' || !item.block) return;
        if (kind !== 'vrrp_instance' && kind !== 'vrrp_script') return;
        // Lines that are not plain keywords (unexpanded parameters, templates, sequences,
        // unresolved includes) may provide anything: judge only fully known blocks.
        const opaque = item.block.items.some(
          (node) => node.kind !== 'item' || !isConcrete(node.keyword),
        );
        if (opaque) return;
        const name = item.args[0]?.value ?? '';
        if (kind === 'vrrp_script') {
          // "No script set for vrrp_script … - removing".
          if (!has(item, ['script'])) {
            report({
              ...at(item.keyword, uri),
              message: `vrrp_script ${name} has no script; Keepalived removes it and fails the config test.`,
              data: { setting: 'script' },
            });
          }
          return;
        }
        const missing: string[] = [];
        if (!has(item, ['virtual_router_id'])) missing.push('virtual_router_id');
        // keepalived 2.2.7 wants an interface even for unicast; later versions may do without.
        const unicastOk = compareVersions(context.settings.version, '2.3') >= 0;
        if (!has(item, ['interface']) && !(unicastOk && has(item, ['unicast_peer']))) {
          missing.push('interface');
        }
        const vips = item.block.items.some(
          (node) =>
            node.kind === 'item' &&
            node.keyword.value === 'virtual_ipaddress' &&
            (node.block?.items.length ?? 0) > 0,
        );
        if (!vips) missing.push('virtual_ipaddress');
        for (const setting of missing) {
          report({
            ...at(item.keyword, uri),
            message: `vrrp_instance ${name} has no ${setting}; Keepalived rejects the instance without it.`,
            data: { setting },
          });
        }
      },
    });
  },
};
