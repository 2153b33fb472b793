// Draws media/icon.png (128×128): an open book on a dark blue tile, its lines
// in the four colours the status-code grammar uses (success, redirection,
// client error, server error). No image library: shapes are sampled 4×4 per
// pixel for smooth edges and written as an RGBA PNG with node's zlib.
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 128;
const SS = 4;

// Each shape: a test for a point (x, y in 0..128) and its colour [r, g, b].
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// A page: a quadrilateral whose top edge sags towards the spine, like an open book.
const page = (left) => (x, y) => {
  const xa = left ? 18 : 66;
  const xb = left ? 62 : 110;
  if (x < xa || x > xb) return false;
  const t = left ? (x - xa) / (xb - xa) : (xb - x) / (xb - xa);
  const top = 34 + 6 * t;
  const bottom = 98 + 6 * t;
  return y >= top && y <= bottom;
};
const bar = (left, row, length) => (x, y) => {
  const xa = left ? 25 : 73;
  const xb = xa + length;
  if (x < xa || x > xb) return false;
  const t = left ? (x - 18) / 44 : (110 - x) / 44;
  const yc = 48 + row * 13 + 6 * t;
  return Math.abs(y - yc) <= 2.6;
};

const BG = [24, 46, 77];
const PAGE = [244, 241, 232];
const GREEN = [46, 160, 67];
const BLUE = [47, 111, 219];
const ORANGE = [219, 118, 34];
const RED = [207, 45, 58];
const shapes = [
  [roundedRect(0, 0, 128, 128, 22), BG],
  [page(true), PAGE],
  [page(false), PAGE],
  [bar(true, 0, 30), GREEN],
  [bar(true, 1, 24), BLUE],
  [bar(true, 2, 32), ORANGE],
  [bar(true, 3, 20), RED],
  [bar(false, 0, 26), GREEN],
  [bar(false, 1, 32), BLUE],
  [bar(false, 2, 18), ORANGE],
  [bar(false, 3, 28), RED],
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        let colour;
        for (const [inside, c] of shapes) if (inside(x, y)) colour = c;
        if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a += 1; }
      }
    }
    const i = (py * SIZE + px) * 4;
    const n = SS * SS;
    // Colours are averaged over covered samples only; coverage becomes alpha.
    rgba[i] = a ? Math.round(r / a) : 0;
    rgba[i + 1] = a ? Math.round(g / a) : 0;
    rgba[i + 2] = a ? Math.round(b / a) : 0;
    rgba[i + 3] = Math.round((255 * a) / n);
  }
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync('media', { recursive: true });
fs.writeFileSync('media/icon.png', png);
console.log(`media/icon.png: ${png.length} bytes`);
