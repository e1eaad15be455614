// Where an edge's label goes: on its curve, clear of every node and of the labels placed before
// it. The middle first, then spots further along either way; a label no spot keeps clear is not
// drawn (the path is still there, and a selected path shows its label wherever it falls).
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
 * The centre of the first spot where a label of `size` (graph units) covers none of `nodes` (nor
 * of `taken`), or undefined when every spot does.
 */
export function labelSpot(p1: Pt, c: Pt, p2: Pt, size: { w: number; h: number }, nodes: readonly Box[], taken: readonly Box[] = []): Pt | undefined {
  for (const t of SPOTS) {
    const at = quad(p1, c, p2, t);
    const box = { x: at.x - size.w / 2, y: at.y - size.h / 2, w: size.w, h: size.h };
    if (!nodes.some((n) => overlaps(box, n)) && !taken.some((n) => overlaps(box, n))) return at;
  }
  return undefined;
}

/** One edge's label to place: its curve and its size (graph units). */
export interface LabelItem {
  id: string;
  p1: Pt;
  c: Pt;
  p2: Pt;
  size: { w: number; h: number };
  /** Shown wherever it falls (on its curve) when no spot is clear: the selected path's label. */
  always?: boolean;
}

/** Between two labels: a hair of space, so that their borders do not touch. */
const GAP = 2;

/**
 * Where each label goes, in the order given (the first ones win a crowded spot): clear of the
 * nodes and of each other. Labels that fit nowhere are left out, except `always` ones, which fall
 * on their curve's middle (over whatever is there: the user chose that path).
 */
export function placeLabels(items: readonly LabelItem[], nodes: readonly Box[]): Map<string, Pt> {
  const spots = new Map<string, Pt>();
  const taken: Box[] = [];
  for (const item of items) {
    const padded = { w: item.size.w + GAP * 2, h: item.size.h + GAP * 2 };
    const at = labelSpot(item.p1, item.c, item.p2, padded, nodes, taken) ?? (item.always ? quad(item.p1, item.c, item.p2, 0.5) : undefined);
    if (!at) continue;
    spots.set(item.id, at);
    taken.push({ x: at.x - padded.w / 2, y: at.y - padded.h / 2, w: padded.w, h: padded.h });
  }
  return spots;
}

/** How large a one-line label is drawn (graph units): its text at `font` px, with its padding and border. */
export function labelSize(chars: number, font: number): { w: number; h: number } {
  // 0.62 em a character covers the wide glyphs of port lists ("TCP 8080, UDP 53"); the CSS caps
  // a label at 240 px.
  return { w: Math.min(240 * (font / 11), chars * font * 0.62 + 12), h: font * 1.35 + 4 };
}
