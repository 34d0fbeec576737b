/** The catalog-driven Keepalived rules (keywords, arguments, list values, includes). */
import type { Rule } from '../../common/rule.js';
import { deprecatedKeyword } from './deprecated-keyword.js';
import { includeNotFound } from './include-not-found.js';
import type { KeepalivedRuleContext } from './context.js';
import { invalidArgument } from './invalid-argument.js';
import { invalidListValue } from './invalid-list-value.js';
import { keywordNotAllowedHere } from './keyword-not-allowed-here.js';
import { keywordTooNew } from './keyword-too-new.js';
import { missingArgument } from './missing-argument.js';
import { requiredSetting } from './required-setting.js';
import { tooManyArguments } from './too-many-arguments.js';
import { unknownKeyword } from './unknown-keyword.js';

/** In report order: include problems first, then keywords, then their arguments. */
export const CATALOG_RULES: readonly Rule<KeepalivedRuleContext>[] = [
  includeNotFound,
  unknownKeyword,
  keywordNotAllowedHere,
  keywordTooNew,
  deprecatedKeyword,
  missingArgument,
  tooManyArguments,
  invalidArgument,
  invalidListValue,
  requiredSetting,
];
