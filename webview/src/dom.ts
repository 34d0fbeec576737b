/**
 * Turns a scene (see `scene.ts`) into live SVG DOM. Only `createElementNS`, `setAttribute` and
 * `textContent` are used: configuration text never passes through an HTML parser, so a label
 * such as `<img src=x onerror=…>` stays text.
 *
 * @packageDocumentation
 */
import type { SceneNode } from './scene.js';
import { SAFE_NAME } from './svg-string.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Builds the DOM of a scene in the SVG namespace. `<style>` elements are skipped: the page's
 * stylesheet styles the live picture, and the Content-Security-Policy would refuse them anyway.
 */
export function toDom(node: SceneNode, doc: Document): SVGElement {
  const element = doc.createElementNS(SVG_NS, SAFE_NAME.test(node.tag) ? node.tag : 'g');
  for (const [name, value] of Object.entries(node.attrs)) {
    if (!SAFE_NAME.test(name) || /^on/i.test(name) || name === 'xmlns') continue;
    element.setAttribute(name, value);
  }
  if (node.text !== undefined) element.textContent = node.text;
  for (const child of node.children ?? []) {
    if (child.tag === 'style' || child.tag === 'script') continue;
    element.appendChild(toDom(child, doc));
  }
  return element;
}
