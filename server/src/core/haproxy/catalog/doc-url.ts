/**
 * Links into the official HTML configuration manual (docs.haproxy.org, built by haproxy-dconv).
 * Its anchors are `<section number>-<keyword>`, with spaces in the keyword written `%20`, and a
 * bare `<section number>` for a chapter.
 */
import type { SampleSpec } from './types.js';
import { isAvailable, isSupportedVersion, majorMinor } from './versions.js';

const HAPROXY_DOC_BASE = 'https://docs.haproxy.org';

/** Manual version linked by default: the current LTS whose section numbers the catalog uses. */
export const HAPROXY_DOC_VERSION = '3.2';

/** Anchor of a keyword inside a manual section, as dconv builds it. */
function haproxyDocAnchor(section: string, keyword: string): string {
  return keyword === '' ? section : `${section}-${keyword.replace(/ /g, '%20')}`;
}

/**
 * URL of one keyword (or of a whole section when `keyword` is empty) in the configuration
 * manual of `version`, using that manual's section numbers.
 */
export function haproxyDocUrl(version: string, section: string, keyword: string): string {
  return `${HAPROXY_DOC_BASE}/${version}/configuration.html#${haproxyDocAnchor(section, keyword)}`;
}

/** A keyword link as {@link haproxyDocUrl} builds it: manual version, section, anchor keyword. */
const KEYWORD_LINK =
  /^https:\/\/docs\.haproxy\.org\/(\d+\.\d+)\/configuration\.html#([\d.]+)-(.+)$/;

/**
 * The link of a fetch or converter for a target version: the manual of the target's series, in
 * the section that manual files the sample under (`docSections` where it moved or some manuals
 * leave it out). Where that manual does not describe the sample (the sample came later, or the
 * target is no supported series), the catalog's own link.
 */
export function sampleDocUrl(sample: SampleSpec, target: string): string {
  const link = KEYWORD_LINK.exec(sample.docUrl);
  const manual = majorMinor(target);
  if (!link || !isSupportedVersion(manual)) return sample.docUrl;
  const [, , section = '', keyword = ''] = link;
  const documented = sample.docSections
    ? sample.docSections[manual]
    : isAvailable(sample, manual)
      ? section
      : undefined;
  return documented === undefined ? sample.docUrl : haproxyDocUrl(manual, documented, keyword);
}
