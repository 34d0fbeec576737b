/**
 * Serialises a scene (see `scene.ts`) to SVG text, for the CLI's `--format svg` and the preview's
 * SVG/PNG export. Every attribute value and text is escaped here, in one place, because labels
 * come from configuration files and a backend may well be named `<script>`.
 *
 * @packageDocumentation
 */
import type { SceneNode } from './scene.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Tag and attribute names the scene may use; anything else is dropped rather than written. */
export const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.:-]*$/;

/**
 * Escapes text for an XML attribute value (double-quoted) or element content. Control characters
 * that XML 1.0 forbids are dropped, so that a stray byte in a config cannot make the file unreadable.
 */
export function escapeXml(text: string): string {
  // Most labels need nothing: one test instead of six replacements keeps large exports fast.
  // eslint-disable-next-line no-control-regex -- the same characters as below
  if (!/[&<>"'\u0000-\u001F\uFFFE\uFFFF]/.test(text)) return text;
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

function write(node: SceneNode, out: string[], root: boolean): void {
  if (!SAFE_NAME.test(node.tag) || node.tag.toLowerCase() === 'script') return;
  out.push('<', node.tag);
  if (root && node.tag === 'svg' && node.attrs.xmlns === undefined) {
    out.push(` xmlns="${SVG_NS}"`);
  }
  for (const [name, value] of Object.entries(node.attrs)) {
    // Event-handler attributes are never produced by the scene; refusing them keeps it that way.
    if (!SAFE_NAME.test(name) || /^on/i.test(name)) continue;
    out.push(' ', name, '="', escapeXml(value), '"');
  }
  const children = node.children ?? [];
  if (node.text === undefined && children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  if (node.text !== undefined) out.push(escapeXml(node.text));
  for (const child of children) write(child, out, false);
  out.push('</', node.tag, '>');
}

/** SVG text of a scene, with an XML declaration when `declaration` is set (a standalone file). */
export function toSvgString(scene: SceneNode, declaration = false): string {
  const out: string[] = declaration ? ['<?xml version="1.0" encoding="UTF-8"?>\n'] : [];
  write(scene, out, true);
  return out.join('');
}
