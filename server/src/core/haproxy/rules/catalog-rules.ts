import type { Rule } from '../../common/rule.js';
import { deprecatedKeyword } from './deprecated-keyword.js';
import type { HaproxyRuleContext } from './index.js';
import { invalidArgument } from './invalid-argument.js';
import { keywordNotAllowedHere } from './keyword-not-allowed-here.js';
import { removedKeyword } from './removed-keyword.js';
import { unknownAction } from './unknown-action.js';
import { unknownKeyword } from './unknown-keyword.js';
import { unknownConverter } from './unknown-converter.js';
import { unknownOption } from './unknown-option.js';
import { unknownSampleFetch } from './unknown-sample-fetch.js';

/** The rules that check every line against the keyword catalog. */
export const CATALOG_RULES: readonly Rule<HaproxyRuleContext>[] = [
  unknownKeyword,
  keywordNotAllowedHere,
  removedKeyword,
  deprecatedKeyword,
  unknownOption,
  unknownAction,
  invalidArgument,
  unknownSampleFetch,
  unknownConverter,
];
