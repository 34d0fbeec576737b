import type { Rule } from '../../common/rule.js';
import { deprecatedKeyword } from './deprecated-keyword.js';
import { ignoredReplyOption } from './ignored-reply-option.js';
import type { HaproxyRuleContext } from './context.js';
import { aclNeverMatches } from './acl-never-matches.js';
import { invalidAcl } from './invalid-acl.js';
import { invalidActionArgument } from './invalid-action-argument.js';
import { invalidAddress } from './invalid-address.js';
import { invalidArgument } from './invalid-argument.js';
import { invalidName } from './invalid-name.js';
import { invalidOptionValue } from './invalid-option-value.js';
import { invalidSampleArgument } from './invalid-sample-argument.js';
import { invalidSampleExpression } from './invalid-sample-expression.js';
import { keywordNotAllowedHere } from './keyword-not-allowed-here.js';
import { missingArgument } from './missing-argument.js';
import { removedKeyword } from './removed-keyword.js';
import { replyWithoutContentType } from './reply-without-content-type.js';
import { serverTemplateRange } from './server-template-range.js';
import { tooManyArguments } from './too-many-arguments.js';
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
  invalidOptionValue,
  invalidAddress,
  serverTemplateRange,
  missingArgument,
  tooManyArguments,
  unknownSampleFetch,
  unknownConverter,
  invalidSampleArgument,
  invalidSampleExpression,
  invalidActionArgument,
  ignoredReplyOption,
  replyWithoutContentType,
  invalidAcl,
  aclNeverMatches,
  invalidName,
];
