import type { Rule } from '../../common/rule.js';
import { ERROR_FILES, findOption, httpReplies, PAYLOADS } from './http-replies.js';
import type { HaproxyRuleContext } from './context.js';

/**
 * An HTTP reply option HAProxy reads and then drops: a `content-type` on a reply without a
 * payload ("content-type 'text/plain' ignored by the http reply because neither errorfile nor
 * payload defined."), and a `content-type` or `hdr` on a reply made from an error file ("… ignored
 * by the http reply when used with an erorrfile."), whose own headers are sent as they are. The
 * line is accepted, so this is a warning, as HAProxy's. `http-error` replies are judged alike.
 */
export const ignoredReplyOption: Rule<HaproxyRuleContext> = {
  code: 'ignored-reply-option',
  scope: 'section',
  defaultSeverity: 'warning',
  summary: 'A content-type or hdr on an HTTP reply that ignores it (no payload, or an error file).',
  check(context, report) {
    for (const reply of httpReplies(context)) {
      const { label, options } = reply;
      const payload = findOption(reply, PAYLOADS) !== undefined;
      const errorFile = findOption(reply, ERROR_FILES);
      // Both at once is an error HAProxy reports instead ("'string' already defined").
      if (payload && errorFile) continue;
      // A second content-type replaces the first, and HAProxy judges only the one it keeps.
      const contentType = options.filter((option) => option.name.value === 'content-type').at(-1);
      let headersReported = false;
      for (const option of options) {
        const last = option.values.at(-1) ?? option.name;
        if (option === contentType && (errorFile || !payload)) {
          const type = option.values[0]?.value ?? '';
          report({
            message: errorFile
              ? `'${label}': content-type '${type}' is ignored with '${errorFile.name.value}', whose file brings its own headers; remove it.`
              : `'${label}': content-type '${type}' is ignored because the reply has no payload; add one ('string', 'lf-string', 'file' or 'lf-file') or remove it.`,
            start: option.name.start,
            end: last.end,
          });
        } else if (option.name.value === 'hdr' && errorFile && !headersReported) {
          // HAProxy warns once for all the hdr options of the line.
          headersReported = true;
          report({
            message: `'${label}': hdr options are ignored with '${errorFile.name.value}', whose file brings its own headers; put the headers in the file or remove them.`,
            start: option.name.start,
            end: last.end,
          });
        }
      }
    }
  },
};
