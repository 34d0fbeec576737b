import type { Rule } from '../../common/rule.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * The file does not end with a line feed. HAProxy reads its configuration line by line and takes a
 * last line without one for a truncated file: every version from 2.2 to 3.4 refuses it ("Missing
 * LF on last line, file might have been truncated"), whatever that line holds, a comment
 * included. Editors and templating tools often drop the final newline, so this is common in real
 * files; the fix is one character.
 */
export const missingFinalNewline: Rule<HaproxyRuleContext> = {
  code: 'missing-final-newline',
  defaultSeverity: 'error',
  summary: 'The file does not end with a newline, which HAProxy refuses as truncated.',
  check(context, report) {
    const text = context.document.text;
    if (text.length === 0 || text.endsWith('\n')) return;
    const lineStart = text.lastIndexOf('\n') + 1;
    report({
      message:
        'The last line has no newline at its end: HAProxy takes the file for truncated and refuses it.',
      start: lineStart,
      end: text.length,
      fixes: [
        {
          title: 'Add a newline at the end of the file',
          edits: [{ start: text.length, end: text.length, text: '\n' }],
          preferred: true,
          safe: true,
        },
      ],
    });
  },
};
