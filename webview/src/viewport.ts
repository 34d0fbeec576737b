/**
 * Zoom and pan of the topology view: a CSS transform on the stage that holds the SVG. Setting
 * `style.transform` through the CSSOM is allowed by the page's Content-Security-Policy (inline
 * style attributes in markup are not). Until the user zooms or pans, the picture follows the
 * window size ("auto"); afterwards their view is kept across graph updates.
 *
 * @packageDocumentation
 */
import type { Box } from './layout.js';

/** The view, as saved with `vscode.setState`. */
export interface ViewportState {
  readonly zoom: number;
  readonly x: number;
  readonly y: number;
  /** The view fits the picture to the window on every change until the user zooms or pans. */
  readonly auto: boolean;
}

/** Operations of a viewport created by {@link createViewport}. */
export interface Viewport {
  state(): ViewportState;
  /** Size of the drawn picture, in its own units. */
  setContent(width: number, height: number): void;
  /** Fits the picture when the view is still automatic. */
  refit(): void;
  /** Fits the picture to the window and makes the view automatic again. */
  fit(): void;
  /** Zooms around the window's centre. */
  zoomBy(factor: number): void;
  centreOn(x: number, y: number): void;
  /** Pans as little as needed for a box to be visible. */
  ensureVisible(box: Box): void;
  /** The last pointer gesture moved the picture (its click must not select anything). */
  wasDrag(): boolean;
  /** The part of the picture in the window, in picture coordinates. */
  visible(): Box;
  /** Shows the picture's top-left corner at full size (the start of a large picture). */
  home(): void;
}

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;
const MARGIN = 16;
/** Pixels a pointer must move before a press becomes a drag rather than a click. */
const DRAG_THRESHOLD = 4;

/** Attaches zoom (wheel, buttons) and pan (drag) to `container`, transforming `stage`. */
export function createViewport(
  container: HTMLElement,
  stage: HTMLElement,
  initial: ViewportState | undefined,
  onChange: () => void,
  onMove: () => void = () => undefined,
): Viewport {
  let { zoom, x, y, auto } = initial ?? { zoom: 1, x: 0, y: 0, auto: true };
  let width = 0;
  let height = 0;
  let dragged = false;

  const apply = (): void => {
    stage.style.transform = `translate(${x}px, ${y}px) scale(${zoom})`;
    onMove();
  };
  const changed = (): void => {
    apply();
    onChange();
  };
  const zoomAt = (factor: number, px: number, py: number): void => {
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom * factor));
    // Keep the picture point under (px, py) where it is.
    x = px - ((px - x) * next) / zoom;
    y = py - ((py - y) * next) / zoom;
    zoom = next;
    auto = false;
    changed();
  };
  const fit = (): void => {
    const availableWidth = container.clientWidth - 2 * MARGIN;
    const availableHeight = container.clientHeight - 2 * MARGIN;
    if (width <= 0 || height <= 0 || availableWidth <= 0 || availableHeight <= 0) return;
    zoom = Math.max(MIN_ZOOM, Math.min(1, availableWidth / width, availableHeight / height));
    x = MARGIN + (availableWidth - width * zoom) / 2;
    y = MARGIN + (availableHeight - height * zoom) / 2;
    auto = true;
    changed();
  };

  container.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const rect = container.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    },
    { passive: false },
  );

  let start: { px: number; py: number; x: number; y: number; id: number } | undefined;
  container.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    dragged = false;
    start = { px: event.clientX, py: event.clientY, x, y, id: event.pointerId };
  });
  container.addEventListener('pointermove', (event) => {
    if (start === undefined || event.pointerId !== start.id) return;
    const dx = event.clientX - start.px;
    const dy = event.clientY - start.py;
    if (!dragged && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!dragged) container.setPointerCapture(event.pointerId);
    dragged = true;
    x = start.x + dx;
    y = start.y + dy;
    auto = false;
    apply();
  });
  const release = (event: PointerEvent): void => {
    if (start === undefined || event.pointerId !== start.id) return;
    start = undefined;
    if (dragged) onChange();
  };
  container.addEventListener('pointerup', release);
  container.addEventListener('pointercancel', release);

  new ResizeObserver(() => {
    if (auto) fit();
  }).observe(container);
  apply();

  return {
    state: () => ({ zoom, x, y, auto }),
    setContent(nextWidth, nextHeight) {
      width = nextWidth;
      height = nextHeight;
    },
    refit() {
      if (auto) fit();
    },
    fit,
    zoomBy(factor) {
      zoomAt(factor, container.clientWidth / 2, container.clientHeight / 2);
    },
    centreOn(px, py) {
      x = container.clientWidth / 2 - px * zoom;
      y = container.clientHeight / 2 - py * zoom;
      auto = false;
      changed();
    },
    ensureVisible(box) {
      const left = x + box.x * zoom;
      const top = y + box.y * zoom;
      const right = left + box.width * zoom;
      const bottom = top + box.height * zoom;
      let dx = 0;
      let dy = 0;
      if (left < MARGIN) dx = MARGIN - left;
      else if (right > container.clientWidth - MARGIN) dx = container.clientWidth - MARGIN - right;
      if (top < MARGIN) dy = MARGIN - top;
      else if (bottom > container.clientHeight - MARGIN) {
        dy = container.clientHeight - MARGIN - bottom;
      }
      if (dx === 0 && dy === 0) return;
      x += dx;
      y += dy;
      auto = false;
      changed();
    },
    wasDrag: () => dragged,
    visible: () => ({
      x: -x / zoom,
      y: -y / zoom,
      width: container.clientWidth / zoom,
      height: container.clientHeight / zoom,
    }),
    home() {
      zoom = 1;
      x = MARGIN;
      y = MARGIN;
      auto = false;
      changed();
    },
  };
}
