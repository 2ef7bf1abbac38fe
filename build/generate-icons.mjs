// Draws the tray icons and the app icon as vector art (pdfkit) and rasterises them with
// poppler's pdftocairo (Debian: poppler-utils). Run by hand after changing the art:
//   node build/generate-icons.mjs
// The PNGs are committed; neither the build nor CI runs this.
//
// Tray (build/tray/): healthy (green leaf), collecting-1..3 (leaf + three dots, one lit per
// frame), attention (amber leaf, warning-triangle badge), error (red leaf, no-entry badge), each 16 px and
// @2x 32 px, and macOS template images (*Template.png: black + alpha), where the state shows
// by shape alone. App icon: build/icon.png, 1024 × 1024 (electron-builder derives .ico/.icns).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const here = dirname(fileURLToPath(import.meta.url));
const trayDir = join(here, 'tray');
const work = mkdtempSync(join(tmpdir(), 'printreleaf-icons-'));

const COLORS = {
  healthy: '#2f9e44',
  collecting: '#2f9e44',
  attention: '#f08c00',
  error: '#e03131',
};

// The leaf, along +x from its base (0, 0) to its tip (21, 0); the midrib is cut out of it.
const LEAF = 'M0 0 C 5 -8.2, 13.5 -8.6, 21 0 C 13.5 7.6, 5 7.2, 0 0 Z';
const vein = (w) => `M2.4 ${-w} C 8 ${-w - 0.8}, 14 ${-w - 0.45}, 18.4 ${-w + 0.3} L 18.4 ${w - 0.3} C 14 ${w}, 8 ${w + 0.2}, 2.4 ${w} Z`;

// 16 px icons get a bolder midrib and glyphs, so they survive the pixel grid.
const SIZES = {
  small: { vein: 0.85, badgeR: 8, gap: 1.3, bangW: 3, barH: 3.4, dotR: 2.5 },
  large: { vein: 0.6, badgeR: 7.6, gap: 1.25, bangW: 2.4, barH: 2.8, dotR: 2.3 },
};

function drawLeaf(doc, color, p) {
  doc.save();
  doc.translate(4.8, 27.2).rotate(-45).scale(1.5);
  doc.path(`${LEAF} ${vein(p.vein)}`).fill(color, 'evenodd');
  doc.restore();
  doc.save();
  doc.moveTo(5.4, 26.6).lineTo(2.2, 29.8).lineWidth(2.4).lineCap('round').stroke(color);
  doc.restore();
}

const polygon = (pts) => `M${pts.map(([x, y]) => `${x.toFixed(3)} ${y.toFixed(3)}`).join(' L')} Z`;
const rect = (x0, y0, x1, y1) => polygon([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);

// Needs attention: a warning triangle with "!". Error: a no-entry disc with a bar.
const TRIANGLE = [[23.8, 13.6], [32, 30.8], [15.6, 30.8]];
const DISC = { cx: 24, cy: 24 };

function scaled(pts, k) {
  const cx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const cy = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  return pts.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k]);
}

function badgeOutline(doc, kind, p, grow = 1) {
  if (kind === 'attention') doc.path(polygon(scaled(TRIANGLE, grow)));
  else doc.circle(DISC.cx, DISC.cy, p.badgeR * grow);
}

function glyphPaths(kind, p) {
  if (kind === 'attention') {
    const x = 23.9;
    const w = p.bangW / 2;
    return [polygon([[x - w, 19.2], [x + w, 19.2], [x + w * 0.75, 25.4], [x - w * 0.75, 25.4]]), rect(x - w, 26.6, x + w, 26.6 + 2 * w)];
  }
  const h = p.barH / 2;
  return [rect(DISC.cx - 4.9, DISC.cy - h, DISC.cx + 4.9, DISC.cy + h)];
}

/** Everything drawn inside `draw` leaves a gap around the badge. */
function withGap(doc, kind, p, draw) {
  doc.save();
  doc.rect(-1, -1, 34, 34);
  badgeOutline(doc, kind, p, p.gap);
  doc.clip('evenodd');
  draw();
  doc.restore();
}

function drawBadge(doc, kind, color, template, p) {
  if (template) {
    // black badge with the glyph cut out (transparent)
    badgeOutline(doc, kind, p);
    for (const g of glyphPaths(kind, p)) doc.path(g);
    doc.fill('#000000', 'evenodd');
    return;
  }
  badgeOutline(doc, kind, p);
  doc.fill(color);
  for (const g of glyphPaths(kind, p)) doc.path(g);
  doc.fill('#ffffff');
}

function drawTray(doc, state, template, frame, p) {
  const color = template ? '#000000' : COLORS[state];
  if (state === 'healthy') {
    drawLeaf(doc, color, p);
  } else if (state === 'collecting') {
    doc.save();
    doc.rect(-1, -1, 34, 34).rect(13.2, 23, 21, 11).clip('evenodd');
    drawLeaf(doc, color, p);
    doc.restore();
    [17.4, 23.2, 29].forEach((x, i) => {
      doc.save();
      doc.fillOpacity(i === frame ? 1 : 0.38);
      doc.circle(x, 27.6, p.dotR).fill(color);
      doc.restore();
    });
  } else {
    withGap(doc, state, p, () => drawLeaf(doc, color, p));
    drawBadge(doc, state, color, template, p);
  }
}

function drawAppIcon(doc) {
  const S = 1024;
  const body = 880;
  const o = (S - body) / 2;
  const bg = doc.linearGradient(0, o, 0, o + body);
  bg.stop(0, '#3fb45a').stop(1, '#1b6e35');
  doc.roundedRect(o, o, body, body, 196).fill(bg);

  // a sheet of paper, its top-right corner folded
  doc.save();
  doc.translate(512, 520).rotate(-8);
  const w = 420;
  const h = 540;
  const fold = 110;
  doc.save();
  doc.fillOpacity(0.18);
  doc.path(`M${-w / 2 + 14} ${-h / 2 + 22} h${w - fold} l${fold} ${fold} v${h - fold} h${-w} Z`).fill('#0b3d1c');
  doc.restore();
  doc.path(`M${-w / 2} ${-h / 2} h${w - fold} l${fold} ${fold} v${h - fold} h${-w} Z`).fill('#ffffff');
  doc.path(`M${w / 2 - fold} ${-h / 2} v${fold} h${fold} Z`).fill('#d5e8d9');
  // printed lines at the top of the page
  for (let i = 0; i < 3; i++) doc.roundedRect(-w / 2 + 56, -h / 2 + 96 + i * 52, i === 2 ? 150 : 230, 18, 9).fill('#c9d6cc');
  // the leaf on the page, its stem toward the lower left
  doc.save();
  doc.translate(-118, 196).rotate(-40).scale(14.5);
  doc.path(`${LEAF} ${vein(0.42)}`).fill('#2f9e44', 'evenodd');
  doc.restore();
  doc.moveTo(-110, 189).lineTo(-150, 229).lineWidth(26).lineCap('round').stroke('#2f9e44');
  doc.restore();
}

function render(pdfName, size, draw, outputs) {
  const pdf = join(work, `${pdfName}.pdf`);
  const doc = new PDFDocument({ size: [size, size], margin: 0, autoFirstPage: true });
  const done = new Promise((resolve, reject) => {
    const out = createWriteStream(pdf);
    out.on('finish', resolve);
    out.on('error', reject);
    doc.pipe(out);
  });
  draw(doc);
  doc.end();
  return done.then(() => {
    for (const { file, px } of outputs) {
      const prefix = file.replace(/\.png$/, '');
      execFileSync('pdftocairo', ['-png', '-singlefile', '-transp', '-scale-to', String(px), pdf, prefix]);
    }
  });
}

mkdirSync(trayDir, { recursive: true });
const jobs = [];
for (const template of [false, true]) {
  const suffix = template ? 'Template' : '';
  const variants = [
    ['healthy', 'healthy', 0],
    ['attention', 'attention', 0],
    ['error', 'error', 0],
    ['collecting', 'collecting-1', 0],
    ['collecting', 'collecting-2', 1],
    ['collecting', 'collecting-3', 2],
  ];
  for (const [state, name, frame] of variants) {
    jobs.push(
      render(`${name}${suffix}`, 32, (doc) => drawTray(doc, state, template, frame, SIZES.small), [{ file: join(trayDir, `${name}${suffix}.png`), px: 16 }]),
      render(`${name}${suffix}@2x`, 32, (doc) => drawTray(doc, state, template, frame, SIZES.large), [{ file: join(trayDir, `${name}${suffix}@2x.png`), px: 32 }]),
    );
  }
}
jobs.push(render('icon', 1024, drawAppIcon, [{ file: join(here, 'icon.png'), px: 1024 }]));
await Promise.all(jobs);
rmSync(work, { recursive: true, force: true });
console.error(`icons written to ${trayDir} and ${join(here, 'icon.png')}`);
