// The tray icons and the app icon as files: every icon the tray asks for exists at 1x and
// @2x, the macOS template images are black + alpha only, the coloured ones carry their
// state's colour, and the app icon is 1024 × 1024. A small PNG reader (node:zlib) decodes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COLLECTING_FRAMES, trayIconFile, type TrayIcon } from '../../main/desktop/tray-state';

const build = join(import.meta.dirname, '..', '..', 'build');

interface Image {
  width: number;
  height: number;
  /** RGBA, 8 bits each */
  pixels: Uint8Array;
}

function decodePng(file: string): Image {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('ascii', pos + 4, pos + 8);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8], `${file}: bit depth`).toBe(8);
      colorType = data[9]!;
      expect(data[12], `${file}: interlace`).toBe(0);
    }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  expect(colorType, `${file}: RGBA`).toBe(6);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? line[i - 4]! : 0;
      const up = prev[i]!;
      const c = i >= 4 ? prev[i - 4]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (a + up) >> 1;
      else if (filter === 4) {
        const p = a + up - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      }
      line[i] = (line[i]! + add) & 255;
    }
    pixels.set(line, y * stride);
    prev = line;
  }
  return { width, height, pixels };
}

/** Mean colour of the clearly visible pixels, and how many there are. */
function ink(img: Image): { r: number; g: number; b: number; count: number } {
  let r = 0;
  let g = 0;
  let b = 0;
  let count = 0;
  for (let i = 0; i < img.pixels.length; i += 4) {
    if (img.pixels[i + 3]! < 200) continue;
    const [pr, pg, pb] = [img.pixels[i]!, img.pixels[i + 1]!, img.pixels[i + 2]!];
    if (pr > 235 && pg > 235 && pb > 235) continue; // white glyphs on the badges
    r += pr;
    g += pg;
    b += pb;
    count++;
  }
  return { r: r / count, g: g / count, b: b / count, count };
}

const STATES: TrayIcon[] = ['healthy', 'collecting', 'attention', 'error'];
const files = (platform: NodeJS.Platform) => STATES.flatMap((s) => (s === 'collecting' ? Array.from({ length: COLLECTING_FRAMES }, (_, f) => trayIconFile(s, f, platform)) : [trayIconFile(s, 0, platform)]));

describe('tray icons', () => {
  it('every icon the tray uses exists at 16 px and @2x 32 px', () => {
    for (const name of [...files('win32'), ...files('darwin')]) {
      const one = decodePng(join(build, 'tray', name));
      const two = decodePng(join(build, 'tray', name.replace(/\.png$/, '@2x.png')));
      expect([one.width, one.height], name).toEqual([16, 16]);
      expect([two.width, two.height], name).toEqual([32, 32]);
      expect(ink(two).count, name).toBeGreaterThan(150); // something is drawn
    }
  });

  it('macOS template images are black and alpha only', () => {
    for (const name of files('darwin').flatMap((n) => [n, n.replace(/\.png$/, '@2x.png')])) {
      const img = decodePng(join(build, 'tray', name));
      let coloured = 0;
      let transparent = 0;
      for (let i = 0; i < img.pixels.length; i += 4) {
        if (img.pixels[i + 3] === 0) transparent++;
        else if (img.pixels[i]! + img.pixels[i + 1]! + img.pixels[i + 2]! > 0) coloured++;
      }
      expect(coloured, name).toBe(0);
      expect(transparent, name).toBeGreaterThan(img.width * img.height * 0.3);
    }
  });

  it('the states differ by shape, not only colour (template images are not alike)', () => {
    const alphas = ['healthy', 'collecting-1', 'collecting-2', 'attention', 'error'].map((n) => decodePng(join(build, 'tray', `${n}Template@2x.png`)).pixels.filter((_, i) => i % 4 === 3));
    for (let a = 0; a < alphas.length; a++) {
      for (let b = a + 1; b < alphas.length; b++) {
        const differing = alphas[a]!.reduce((n, v, i) => n + (Math.abs(v - alphas[b]![i]!) > 128 ? 1 : 0), 0);
        expect(differing, `${a} vs ${b}`).toBeGreaterThan(4);
      }
    }
  });

  it('colours: green leaf when healthy or collecting, amber for attention, red for error', () => {
    const healthy = ink(decodePng(join(build, 'tray', 'healthy@2x.png')));
    expect(healthy.g).toBeGreaterThan(healthy.r + 60);
    expect(healthy.g).toBeGreaterThan(healthy.b + 60);
    const collecting = ink(decodePng(join(build, 'tray', 'collecting-1@2x.png')));
    expect(collecting.g).toBeGreaterThan(collecting.r + 60);
    const amber = ink(decodePng(join(build, 'tray', 'attention@2x.png')));
    expect(amber.r).toBeGreaterThan(200);
    expect(amber.g).toBeGreaterThan(100);
    expect(amber.b).toBeLessThan(60);
    const red = ink(decodePng(join(build, 'tray', 'error@2x.png')));
    expect(red.r).toBeGreaterThan(180);
    expect(red.g).toBeLessThan(90);
  });

  it('the collecting frames light one dot each', () => {
    const frames = [1, 2, 3].map((f) => decodePng(join(build, 'tray', `collecting-${f}@2x.png`)));
    // The dots sit on the bottom row band; the lit one is opaque there.
    const dotAlpha = (img: Image, x: number) => img.pixels[(27 * img.width + x) * 4 + 3]!;
    expect(frames.map((img) => [17, 23, 29].map((x) => dotAlpha(img, x) > 200))).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
  });
});

describe('app icon', () => {
  it('is 1024 × 1024 with a transparent margin (electron-builder derives .ico and .icns from it)', () => {
    const icon = decodePng(join(build, 'icon.png'));
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    expect(icon.pixels[3]).toBe(0); // corner
    expect(icon.pixels[(512 * 1024 + 512) * 4 + 3]).toBe(255); // body
  });
});
