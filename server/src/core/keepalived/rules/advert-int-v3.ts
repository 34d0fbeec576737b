import type { Rule } from '../../common/rule.js';
import { nodeIndex } from '../analysis/index-node.js';
import type { KeepalivedRuleContext } from './context.js';
import { ownLine, rangeOf, replaceWordFix } from './helpers.js';
import { trimEndWhile } from '../../common/text-scan.js';

/** Longest VRRPv3 interval: the advert field holds 12 bits of centiseconds (4095). */
const V3_MAX = '40.95';

/** Whether a decimal word has more than two significant digits after the point. */
function finerThanCentiseconds(value: string): boolean {
  const fraction = value.split('.')[1] ?? '';
  return trimEndWhile(fraction, (code) => code === 48 /* 0 */).length > 2;
}

/**
 * `advert_int` a VRRPv3 instance cannot carry: 40.96 s or more, or a step finer than 10 ms.
 * keepalived 2.2.7 clamps ("VRRPv3 advertisement interval 41.00s is out of range. Must be less
 * than 40.96s") or rounds ("must be in units of 10ms - rounding") and `-t` exits 5 for either.
 * An instance with an explicit `version 2` is left to `advert-int-v2` even with IPv6 addresses:
 * 2.2.7 does not complain about it there.
 */
export const advertIntV3: Rule<KeepalivedRuleContext> = {
  code: 'advert-int-v3',
  defaultSeverity: 'error',
  summary: 'advert_int is 40.96 s or more, or not in 10 ms steps, on a VRRP version 3 instance.',
  check(context, report) {
    const index = nodeIndex(context);
    for (const instance of index.instances) {
      const line = instance.advertInt;
      const word = line?.value;
      if (!line || !word || instance.version !== 3) continue;
      if (instance.versionLine?.value?.value === '2') continue;
      if (!/^(\d+(\.\d*)?|\.\d+)$/.test(word.value)) continue;
      const value = Number(word.value);
      // Values outside the catalog range (0.01…255) belong to invalid-argument.
      if (!Number.isFinite(value) || value < 0.01 || value > 255) continue;
      const fix = (text: string): ReturnType<typeof replaceWordFix>[] =>
        ownLine(index, line.item) ? [replaceWordFix(word, text, `Change to ${text}`)] : [];
      if (value >= 40.96) {
        report({
          message: `VRRPv3 advertisement interval ${word.value}s is out of range: it must be below 40.96 s, and Keepalived uses ${V3_MAX}.`,
          ...rangeOf(index, line.item, word),
          fixes: fix(V3_MAX),
        });
      } else if (finerThanCentiseconds(word.value)) {
        const rounded = String(Math.max(1, Math.round(value * 100)) / 100);
        report({
          message: `VRRPv3 advertisement interval ${word.value}s is not a multiple of 10 ms: Keepalived rounds it.`,
          ...rangeOf(index, line.item, word),
          fixes: fix(rounded),
        });
      }
    }
  },
};
