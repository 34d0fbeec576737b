import type { Rule } from '../../common/rule.js';
import type { Section } from '../ast.js';
import type { ProxySymbol } from '../analysis/symbols.js';
import type { HaproxyRuleContext } from './context.js';
import {
  deleteLineFix,
  describeProxy,
  liveByName,
  referencesOf,
  relatedAt,
} from './symbol-helpers.js';

/** The sections that may use the ACLs of `proxy`: itself and, for a defaults section, its heirs. */
function users(proxy: ProxySymbol, proxies: readonly ProxySymbol[]): Set<Section> {
  const sections = new Set([proxy.section]);
  if (proxy.kind !== 'defaults') return sections;
  for (const other of proxies) {
    // A defaults section may itself inherit (`defaults b from a`): follow the chain, bounded.
    let parent = other.defaults;
    for (let depth = 0; parent !== undefined && depth < 16; depth++) {
      if (parent === proxy) {
        sections.add(other.section);
        break;
      }
      parent = parent.defaults;
    }
  }
  return sections;
}

/**
 * An ACL defined in a proxy and used nowhere: no condition (`if`/`unless` of any rule, `use_backend`,
 * `monitor fail`, `stats admin`, …) and no `acl()` fetch of the proxy names it. HAProxy accepts it
 * silently (checked with `haproxy -c` 2.6.12 and 3.0.11), but it is dead text that reads as if it
 * mattered, or the sign of a condition that names the wrong ACL. An ACL of a named `defaults`
 * section counts as used when a proxy inheriting from it uses the name. A warning, tagged
 * unnecessary, with a fix removing each line of the ACL.
 */
export const unusedAcl: Rule<HaproxyRuleContext> = {
  code: 'unused-acl',
  defaultSeverity: 'warning',
  summary: 'An ACL defined in a proxy that no condition uses.',
  check(context, report) {
    const table = referencesOf(context);
    const { proxies } = table.symbols;
    // Every use counts, dead `.if` branches included: the ACL is written for some version.
    const used = new Map<Section, Set<string>>();
    const opaque = new Set<Section>();
    for (const site of table.references('acl')) {
      if (site.dynamic) opaque.add(site.section);
      let names = used.get(site.section);
      if (!names) {
        names = new Set();
        used.set(site.section, names);
      }
      names.add(site.name);
    }
    for (const proxy of proxies) {
      const definitions = liveByName(table.definitionsIn(proxy.section, 'acl'));
      if (definitions.size === 0) continue;
      const sections = [...users(proxy, proxies)];
      // A name computed at run time (`$VAR`, templates) may be any of them.
      if (sections.some((section) => opaque.has(section))) continue;
      for (const [name, sites] of definitions) {
        if (sections.some((section) => used.get(section)?.has(name) === true)) continue;
        if (sites.some((site) => site.dynamic || !site.exact)) continue;
        for (const site of sites) {
          const statement = site.statement;
          if (!statement) continue;
          report({
            message: `ACL '${name}' is defined in ${describeProxy(proxy)} but no condition uses it${proxy.kind === 'defaults' ? ', here or in a section inheriting from it' : ''}. Remove it, or use it where it was meant.`,
            start: site.start,
            end: site.end,
            tags: ['unnecessary'],
            related:
              sites.length > 1
                ? sites
                    .filter((other) => other !== site)
                    .map((other) => relatedAt(context, other.word, 'another line of this ACL'))
                : [],
            fixes: [
              deleteLineFix(context.document.text, statement, `Remove this line of ACL '${name}'`),
            ],
          });
        }
      }
    }
  },
};
