/**
 * Links into the official HTML configuration manual (docs.haproxy.org, built by haproxy-dconv).
 * Its anchors are `<section number>-<keyword>`, with spaces in the keyword written `%20`, and a
 * bare `<section number>` for a chapter.
 */

export const HAPROXY_DOC_BASE = 'https://docs.haproxy.org';

/** Manual version linked by default: the current LTS whose section numbers the catalog uses. */
export const HAPROXY_DOC_VERSION = '3.2';

/** Anchor of a keyword inside a manual section, as dconv builds it. */
export function haproxyDocAnchor(section: string, keyword: string): string {
  return keyword === '' ? section : `${section}-${keyword.replace(/ /g, '%20')}`;
}

/**
 * URL of one keyword (or of a whole section when `keyword` is empty) in the configuration
 * manual of `version`, using that manual's section numbers.
 */
export function haproxyDocUrl(version: string, section: string, keyword: string): string {
  return `${HAPROXY_DOC_BASE}/${version}/configuration.html#${haproxyDocAnchor(section, keyword)}`;
}
