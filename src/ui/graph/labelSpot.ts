// Where an edge's label goes: on its curve, clear of every node. The middle first, then spots
// further along either way; a label no spot keeps clear of the nodes is not drawn (the path is
// still there, and a selected path shows its label wherever it falls).
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Pt {
  x: number;
  y: number;
}

/** Along the curve, from its middle outwards. */
const SPOTS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];

const quad = (p1: Pt, c: Pt, p2: Pt, t: number): Pt => ({
  x: (1 - t) * (1 - t) * p1.x + 2 * (1 - t) * t * c.x + t * t * p2.x,
  y: (1 - t) * (1 - t) * p1.y + 2 * (1 - t) * t * c.y + t * t * p2.y,
});

const overlaps = (a: Box, b: Box) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0;

/**
 * The centre of the first spot where a label of `size` (graph units) covers none of `nodes`, or
 * undefined when every spot does.
 */
export function labelSpot(p1: Pt, c: Pt, p2: Pt, size: { w: number; h: number }, nodes: readonly Box[]): Pt | undefined {
  for (const t of SPOTS) {
    const at = quad(p1, c, p2, t);
    const box = { x: at.x - size.w / 2, y: at.y - size.h / 2, w: size.w, h: size.h };
    if (!nodes.some((n) => overlaps(box, n))) return at;
  }
  return undefined;
}

/** How large a one-line label is drawn (graph units): its text at `font` px, with its padding and border. */
export function labelSize(chars: number, font: number): { w: number; h: number } {
  // 0.62 em a character covers the wide glyphs of port lists ("TCP 8080, UDP 53"); the CSS caps
  // a label at 240 px.
  return { w: Math.min(240 * (font / 11), chars * font * 0.62 + 12), h: font * 1.35 + 4 };
}
