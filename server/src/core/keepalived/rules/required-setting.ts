import { compareVersions } from '../../common/catalog.js';
import type { Finding, Rule } from '../../common/rule.js';
import type { KeepalivedItem, KeepalivedNode } from '../ast.js';
import { nodeIndex, type InstanceInfo } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { isStrictMode } from './helpers.js';
import { at, isConcrete, walkKeepalived } from './walk.js';

/**
 * Whether every node of the block has the given keyword, only some config-ids have it (all the
 * lines carrying it are `@id`/`@^id` lines and the config-id is unknown), or none has it.
 */
type Presence = 'always' | 'sometimes' | 'never';

function lines(block: KeepalivedItem, names: readonly string[]): KeepalivedItem[] {
  return (block.block?.items ?? []).filter(
    (node): node is KeepalivedItem => node.kind === 'item' && names.includes(node.keyword.value),
  );
}

/**
 * How present `names` are in the block. With a known config-id the view already dropped the lines
 * of other nodes, so any line left counts. With an unknown one, `@a`/`@b` lines cover only those
 * ids, `@^a` lines every id but `a`: the setting is always there when a line is unconditional,
 * when two different ids are negated, or when the one negated id is also named positively.
 */
function presence(
  block: KeepalivedItem,
  names: readonly string[],
  configId: string | undefined,
): Presence {
  const found = lines(block, names);
  if (found.length === 0) return 'never';
  if (configId !== undefined) return 'always';
  const positive = new Set<string>();
  const negated = new Set<string>();
  for (const line of found) {
    const condition = line.condition;
    if (!condition) return 'always';
    (condition.negated ? negated : positive).add(condition.id);
  }
  if (negated.size >= 2) return 'always';
  const [only] = negated;
  if (only !== undefined && positive.has(only)) return 'always';
  return 'sometimes';
}

/** Ids named by the conditional lines carrying one of `names`, for the message. */
function conditionIds(block: KeepalivedItem, names: readonly string[]): string {
  const ids = lines(block, names).map(
    (line) => `@${line.condition?.negated === true ? '^' : ''}${line.condition?.id ?? ''}`,
  );
  return [...new Set(ids)].join(', ');
}

/** Lines that may stand for anything (unexpanded parameters, templates, sequences, includes). */
function opaque(block: KeepalivedItem): boolean {
  return (block.block?.items ?? []).some(
    (node: KeepalivedNode) => node.kind !== 'item' || !isConcrete(node.keyword),
  );
}

/** Settings a block cannot do without, where keepalived reports them at the block's `}`. */
interface InnerRequirement {
  /** Any of these keywords satisfies the requirement. */
  readonly names: readonly string[];
  /** What keepalived does without it. */
  readonly effect: string;
}

const INNER: Readonly<Record<string, InnerRequirement>> = {
  // "No script set for vrrp_script chk - removing"
  vrrp_script: { names: ['script'], effect: 'removes the script' },
  // "No script path has been specified for MISC_CHECKER - skipping"
  MISC_CHECK: { names: ['misc_path'], effect: 'skips the checker' },
  // "HTTP/SSL_GET checker has no urls specified - ignoring"
  HTTP_GET: { names: ['url'], effect: 'ignores the checker' },
  SSL_GET: { names: ['url'], effect: 'ignores the checker' },
  // "HTTP/SSL_GET checker url has no path - ignoring"
  url: { names: ['path'], effect: 'ignores the url' },
  // "No name has been specified for BFD_CHECKER - skipping"
  BFD_CHECK: { names: ['name'], effect: 'skips the checker' },
  // "FILE_CHECK has no track_file specified - ignoring"
  FILE_CHECK: { names: ['track_file'], effect: 'ignores the checker' },
};

/** The block contexts in which the keywords of `INNER` open the blocks meant there. */
const INNER_CONTEXTS: Readonly<Record<string, readonly string[]>> = {
  vrrp_script: ['top'],
  MISC_CHECK: ['real_server'],
  HTTP_GET: ['real_server'],
  SSL_GET: ['real_server'],
  url: ['HTTP_GET', 'SSL_GET'],
  BFD_CHECK: ['real_server'],
  FILE_CHECK: ['real_server'],
};

const AUTH_TYPES = ['PASS', 'AH'];

/**
 * A block missing a setting keepalived cannot do without; each makes `keepalived -t` (2.2.7) exit
 * 5. In a `vrrp_instance`: `virtual_router_id` ("the virtual router id must be set"), `interface`
 * (2.2 wants one even for unicast, "Unknown interface!"), and an `auth_pass` when `authentication`
 * names an `auth_type` ("Authentication specified but no password given"). An instance without
 * `virtual_ipaddress` is dropped only in VRRPv3, for IPv6 and in strict mode ("No VIP specified;
 * at least one is required"); otherwise keepalived says one "is sensible" and runs the instance,
 * which then moves no address: a warning, by the severity policy. Inside blocks keepalived judges at their closing brace, so
 * that is where these are reported: a `vrrp_script` without `script`, a `MISC_CHECK` without
 * `misc_path`, an `HTTP_GET`/`SSL_GET` without `url` or a `url` without `path`, a `BFD_CHECK`
 * without `name`, a `FILE_CHECK` without `track_file`.
 *
 * A setting written only on `@id` lines while the node's config-id is unknown is a warning: the
 * nodes whose id none of those lines select lack it.
 */
export const requiredSetting: Rule<KeepalivedRuleContext> = {
  code: 'required-setting',
  defaultSeverity: 'error',
  summary: 'A Keepalived block (instance, script, checker, url) missing a setting it requires.',
  check(context, report) {
    const configId = context.configId;
    // Built on first use: a lookup per instance, not a search of every instance for each one.
    let infoByItem: Map<KeepalivedItem, InstanceInfo> | undefined;
    walkKeepalived(context, {
      item({ item, context: block, uri }) {
        const kind = item.keyword.value;
        if (!item.block || opaque(item)) return;
        const name = item.args[0]?.value ?? '';
        const label = name === '' ? kind : `${kind} ${name}`;
        const inner = INNER[kind];
        if (inner && INNER_CONTEXTS[kind]?.includes(block) === true) {
          let found = presence(item, inner.names, configId);
          // A url without path is dropped, so only urls with one count (the url's own `}` gets
          // its report too).
          if (found !== 'never' && (kind === 'HTTP_GET' || kind === 'SSL_GET')) {
            const usable = lines(item, ['url']).some(
              (url) => !url.block || opaque(url) || presence(url, ['path'], configId) !== 'never',
            );
            if (!usable) found = 'never';
          }
          if (found === 'always') return;
          const close = item.block.close;
          // Where keepalived points: the closing brace (the opener when the block never closes).
          const where =
            close === undefined ? at(item.keyword, uri) : at({ start: close, end: close + 1 }, uri);
          const setting = inner.names[0] ?? '';
          const what =
            setting === 'url' && lines(item, ['url']).length > 0 ? 'url with a path' : setting;
          const finding: Finding =
            found === 'never'
              ? {
                  ...where,
                  message: `${label} has no ${what}; Keepalived ${inner.effect} and fails the config test.`,
                  data: { setting },
                }
              : {
                  ...where,
                  severity: 'warning',
                  message: `${label} sets ${setting} only on ${conditionIds(item, inner.names)} lines; on a node with another config-id Keepalived ${inner.effect}.`,
                  data: { setting },
                };
          report(finding);
          return;
        }
        if (block !== 'top' || kind !== 'vrrp_instance') return;
        const missing: string[] = [];
        const partial: string[] = [];
        const need = (setting: string, names: readonly string[] = [setting]): void => {
          const found = presence(item, names, configId);
          if (found === 'never') missing.push(setting);
          else if (found === 'sometimes') partial.push(setting);
        };
        need('virtual_router_id');
        // keepalived 2.2.7 wants an interface even for unicast; later versions may do without.
        const unicastOk = compareVersions(context.settings.version, '2.3') >= 0;
        if (!(unicastOk && lines(item, ['unicast_peer']).length > 0)) need('interface');
        const vipLines = lines(item, ['virtual_ipaddress']).filter(
          (line) => (line.block?.items.length ?? 0) > 0,
        );
        for (const setting of missing) {
          report({
            ...at(item.keyword, uri),
            message: `vrrp_instance ${name} has no ${setting}; Keepalived rejects the instance without it.`,
            data: { setting },
          });
        }
        if (vipLines.length === 0) {
          const index = nodeIndex(context);
          infoByItem ??= new Map(index.instances.map((instance) => [instance.item, instance]));
          const info = infoByItem.get(item);
          const why =
            info?.version === 3
              ? 'VRRPv3'
              : info?.family === 6
                ? 'an IPv6 instance'
                : isStrictMode(index, item, configId)
                  ? 'strict mode'
                  : undefined;
          report({
            ...at(item.keyword, uri),
            ...(why === undefined
              ? {
                  severity: 'warning',
                  message: `vrrp_instance ${name} has no virtual_ipaddress; Keepalived runs it, but it moves no address on failover.`,
                }
              : {
                  message: `vrrp_instance ${name} has no virtual_ipaddress, which ${why} requires; Keepalived drops the instance.`,
                }),
            data: { setting: 'virtual_ipaddress' },
          });
        }
        for (const setting of partial) {
          report({
            ...at(item.keyword, uri),
            severity: 'warning',
            message: `vrrp_instance ${name} sets ${setting} only on ${conditionIds(item, [setting])} lines; on a node with another config-id Keepalived rejects the instance.`,
            data: { setting },
          });
        }
        checkAuthentication(item, configId, uri, report);
      },
    });
  },
};

/**
 * `authentication` naming a known `auth_type` but no `auth_pass`: keepalived drops the
 * authentication and fails the config test. Without `auth_type` (or with an unknown one, reported
 * by the argument rules) keepalived says nothing about the password.
 */
function checkAuthentication(
  instance: KeepalivedItem,
  configId: string | undefined,
  uri: string | undefined,
  report: (finding: Finding) => void,
): void {
  for (const auth of lines(instance, ['authentication'])) {
    if (!auth.block || opaque(auth)) continue;
    const type = lines(auth, ['auth_type']).at(-1)?.args[0];
    if (!type || !isConcrete(type) || !AUTH_TYPES.includes(type.value)) continue;
    if (presence(auth, ['auth_pass'], configId) !== 'never') continue;
    report({
      ...at(auth.keyword, uri),
      message: `authentication of vrrp_instance ${instance.args[0]?.value ?? ''} has auth_type ${type.value} but no auth_pass; Keepalived ignores the authentication and fails the config test.`,
      data: { setting: 'auth_pass' },
    });
  }
}
