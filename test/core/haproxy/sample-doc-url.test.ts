/**
 * Fetch and converter links follow the target version: the manual of the target's series, in
 * the section that manual uses (`bs.id` is under 7.3.5 in the 3.0 manual, 7.3.4 from 3.2 on;
 * `wait_end` under 7.3.5 until 3.0), and the catalog's own link where that manual does not
 * describe the sample. The same link reaches hover and completion.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import {
  createLanguageService,
  resolveSettings,
  type ClientFormat,
} from '../../../server/src/core/index.js';
import { HAPROXY_CATALOG } from '../../../server/src/core/haproxy/catalog/index.js';
import { sampleDocUrl } from '../../../server/src/core/haproxy/catalog/doc-url.js';
import type { SampleSpec } from '../../../server/src/core/haproxy/catalog/types.js';
import { mark } from '../../helpers/markers.js';

const MANUAL = 'https://docs.haproxy.org';

function fetch(name: string): SampleSpec {
  const found = HAPROXY_CATALOG.fetches.find((entry) => entry.name === name);
  assert.ok(found, name);
  return found;
}

function converter(name: string): SampleSpec {
  const found = HAPROXY_CATALOG.converters.find((entry) => entry.name === name);
  assert.ok(found, name);
  return found;
}

test('a sample links to the manual of the target series', () => {
  assert.equal(sampleDocUrl(fetch('src'), '2.6'), `${MANUAL}/2.6/configuration.html#7.3.3-src`);
  assert.equal(sampleDocUrl(fetch('src'), '3.0.11'), `${MANUAL}/3.0/configuration.html#7.3.3-src`);
  assert.equal(
    sampleDocUrl(converter('lower'), '2.8'),
    `${MANUAL}/2.8/configuration.html#7.3.1-lower`,
  );
  assert.equal(
    sampleDocUrl(converter('map_beg'), '2.6'),
    `${MANUAL}/2.6/configuration.html#7.3.1-map`,
  );
});

test('the section is the one that manual files the sample under', () => {
  assert.equal(sampleDocUrl(fetch('bs.id'), '3.0'), `${MANUAL}/3.0/configuration.html#7.3.5-bs.id`);
  assert.equal(sampleDocUrl(fetch('bs.id'), '3.2'), `${MANUAL}/3.2/configuration.html#7.3.4-bs.id`);
  assert.equal(
    sampleDocUrl(fetch('wait_end'), '2.6'),
    `${MANUAL}/2.6/configuration.html#7.3.5-wait_end`,
  );
  assert.equal(
    sampleDocUrl(fetch('wait_end'), '3.4'),
    `${MANUAL}/3.4/configuration.html#7.3.2-wait_end`,
  );
});

test('where the target manual does not describe the sample, the catalog link stays', () => {
  // The date converter came in 3.2; bs.id in 3.0; fc_src_port is first described by 3.0's manual.
  assert.equal(sampleDocUrl(converter('date'), '2.6'), converter('date').docUrl);
  assert.equal(sampleDocUrl(fetch('bs.id'), '2.8'), fetch('bs.id').docUrl);
  assert.equal(sampleDocUrl(fetch('fc_src_port'), '2.6'), fetch('fc_src_port').docUrl);
  assert.equal(
    sampleDocUrl(fetch('fc_src_port'), '3.0'),
    `${MANUAL}/3.0/configuration.html#7.3.3-fc_src_port`,
  );
  // An unsupported target keeps the default link.
  assert.equal(sampleDocUrl(fetch('src'), '1.8'), fetch('src').docUrl);
});

const service = createLanguageService();
const MARKDOWN: ClientFormat = { markdown: true, snippets: false, deprecatedTag: false };

test('hover and completion of samples link to the target manual', () => {
  const settings = resolveSettings({ haproxy: { version: '2.6' } });
  const hoverDoc = (input: string): string => {
    const { text, cursors } = mark(input);
    const document = service.parse('haproxy', 'file:///h.cfg', text);
    const hover = service.getHover(document, cursors[0] ?? 0, { settings, format: MARKDOWN });
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  };
  // A fetch in a condition, an ACL criterion made of a fetch and a suffix, a converter.
  const base = 'frontend fe\n  bind :80\n';
  assert.match(
    hoverDoc(`${base}  http-request deny if { sr<|>c 192.0.2.1 }\n`),
    /\(https:\/\/docs\.haproxy\.org\/2\.6\/configuration\.html#7\.3\.3-src\)/,
  );
  assert.match(
    hoverDoc(`${base}  http-request deny if { path_b<|>eg /admin }\n`),
    /\(https:\/\/docs\.haproxy\.org\/2\.6\/configuration\.html#7\.3\.6-path\)/,
  );
  assert.match(
    hoverDoc(`${base}  http-request set-var(txn.h) req.hdr(host),low<|>er\n`),
    /\(https:\/\/docs\.haproxy\.org\/2\.6\/configuration\.html#7\.3\.1-lower\)/,
  );

  const { text, cursors } = mark(`${base}  http-request deny if { bs.<|> }\n`);
  const document = service.parse('haproxy', 'file:///c.cfg', text);
  const at30 = resolveSettings({ haproxy: { version: '3.0' } });
  const items = service.getCompletions(document, cursors[0] ?? 0, {
    settings: at30,
    format: MARKDOWN,
  });
  const item = items.find((candidate) => candidate.label === 'bs.id');
  assert.match(
    (item?.documentation as MarkupContent | undefined)?.value ?? '',
    /\(https:\/\/docs\.haproxy\.org\/3\.0\/configuration\.html#7\.3\.5-bs\.id\)/,
  );
});
