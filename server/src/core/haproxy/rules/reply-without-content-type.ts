import type { Rule } from '../../common/rule.js';
import {
  findOption,
  httpReplies,
  LOG_FORMAT_PAYLOADS,
  PAYLOADS,
  type HttpReply,
} from './http-replies.js';
import type { HaproxyRuleContext } from './context.js';

/** Statuses that carry no body: HAProxy refuses a payload there whatever the content type. */
const BODILESS_STATUSES: ReadonlySet<string> = new Set(['204', '304']);

function status(reply: HttpReply): string | undefined {
  const option = reply.options.find(
    (candidate) => candidate.name.value === 'status' || candidate.name.value === 'deny_status',
  );
  return option?.values[0]?.value;
}

/**
 * An HTTP reply with a payload (`string`, `lf-string`, `file`, `lf-file`) and no `content-type`:
 * HAProxy refuses the line ("a content type must be defined when non-empty payload is
 * configured", "… with a log-format payload"), for `http-request`/`http-response`
 * `return`/`deny`/`tarpit` and `http-error` alike (checked with haproxy -c 2.6.12 and 3.0.11).
 * That is an error, except for `file`: HAProxy only asks for a type when the file is not empty,
 * and the file is read on the host, so this one is a warning.
 */
export const replyWithoutContentType: Rule<HaproxyRuleContext> = {
  code: 'reply-without-content-type',
  scope: 'section',
  defaultSeverity: 'error',
  summary: 'An HTTP reply with a payload (string, lf-string, file, lf-file) and no content-type.',
  check(context, report) {
    for (const reply of httpReplies(context)) {
      const payload = findOption(reply, PAYLOADS);
      if (!payload || reply.options.some((option) => option.name.value === 'content-type')) {
        continue;
      }
      // HAProxy reports the body itself there ("No body expected for 204 responses").
      if (BODILESS_STATUSES.has(status(reply) ?? '')) continue;
      const kind = payload.name.value;
      const value = payload.values[0];
      // An empty string is refused for itself ("'string' expects <str> as argument").
      if (!value || value.value === '') continue;
      const hostFile = kind === 'file';
      const why = LOG_FORMAT_PAYLOADS.has(kind)
        ? 'HAProxy requires one with a log-format payload'
        : hostFile
          ? 'HAProxy refuses the line unless the file is empty'
          : 'HAProxy requires one with a non-empty payload';
      report({
        message: `'${reply.label}': the '${kind}' payload needs a 'content-type' (for example 'content-type text/plain'); ${why}.`,
        start: payload.name.start,
        end: value.end,
        ...(hostFile ? { severity: 'warning' as const } : {}),
        fixes: [
          {
            title: "Add 'content-type text/plain'",
            edits: [
              {
                start: payload.name.start,
                end: payload.name.start,
                text: 'content-type text/plain ',
              },
            ],
          },
        ],
      });
    }
  },
};
