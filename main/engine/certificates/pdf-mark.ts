// The certificate's emblem: a sprig of leaves drawn as vector paths (no image file), so
// it stays sharp at any zoom and adds no bytes that could vary.

interface LeafSpec {
  /** Where the leaf joins the stem, in sprig units (height 1, y down, centre at 0,0). */
  x: number;
  y: number;
  length: number;
  /** Degrees from upright; negative leans left. */
  angle: number;
}

const LEAF_WIDTH = 0.34; // width / length of one leaf

const STEM = 'M -0.01 0.5 C 0.03 0.3, -0.02 0.05, 0 -0.22';

const LEAVES: LeafSpec[] = [
  { x: 0, y: -0.22, length: 0.28, angle: 0 },
  { x: 0, y: -0.13, length: 0.27, angle: -42 },
  { x: 0, y: -0.13, length: 0.27, angle: 42 },
  { x: 0.004, y: 0.06, length: 0.26, angle: -54 },
  { x: 0.004, y: 0.06, length: 0.26, angle: 54 },
  { x: 0.01, y: 0.25, length: 0.22, angle: -64 },
  { x: 0.01, y: 0.25, length: 0.22, angle: 64 },
];

/** Leaf pointing up from its base at 0,0 to its tip at 0,-length. */
function leafPath(length: number): string {
  const w = (LEAF_WIDTH * length) / 2;
  const l = length;
  return (
    `M 0 0 C ${2.1 * w} ${-0.22 * l}, ${1.9 * w} ${-0.7 * l}, 0 ${-l} ` +
    `C ${-1.9 * w} ${-0.7 * l}, ${-2.1 * w} ${-0.22 * l}, 0 0 Z`
  );
}

/** Draws the sprig centred on (cx, cy), `height` points tall. */
export function drawLeafMark(doc: PDFKit.PDFDocument, cx: number, cy: number, height: number, color: string): void {
  doc.save();
  doc.translate(cx, cy).scale(height);
  doc.path(STEM).lineWidth(1.1 / height).lineCap('round').strokeColor(color).stroke();
  for (const leaf of LEAVES) {
    doc.save();
    doc.translate(leaf.x, leaf.y).rotate(leaf.angle, { origin: [0, 0] });
    doc.path(leafPath(leaf.length)).fillColor(color).fill();
    // The midrib, in the paper's colour, is what makes the shape read as a leaf.
    doc
      .moveTo(0, -0.04 * leaf.length)
      .lineTo(0, -0.78 * leaf.length)
      .lineWidth(0.45 / height)
      .strokeColor('#ffffff')
      .stroke();
    doc.restore();
  }
  doc.restore();
}

/** A thin double ring with the sprig inside: the certificate's seal. */
export function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, radius: number, color: string): void {
  doc.save();
  doc.circle(cx, cy, radius).lineWidth(0.9).strokeColor(color).stroke();
  doc.circle(cx, cy, radius - 3.2).lineWidth(0.35).strokeColor(color).stroke();
  doc.restore();
  drawLeafMark(doc, cx, cy + radius * 0.04, radius * 1.15, color);
}
