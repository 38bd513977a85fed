// Draws the installable app's icons (public/icon-192.png, public/icon-512.png): the brand blue
// square with a white plate (its blue band, the characters as bars, the region box) in the
// middle 60 %, inside the safe zone of a maskable icon. Run by hand when the design changes
// (`node icons.mjs`); the PNGs are committed and build.mjs copies them as they are, so the
// build does not depend on this zlib's output.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const BRAND = [0x1d, 0x3f, 0x94];
const WHITE = [0xff, 0xff, 0xff];
const INK = [0x11, 0x11, 0x11];

function draw(n) {
  const px = Buffer.alloc(n * n * 3);
  const fill = (x0, y0, x1, y1, c) => {
    for (let y = Math.round(y0 * n); y < Math.round(y1 * n); y++)
      for (let x = Math.round(x0 * n); x < Math.round(x1 * n); x++) px.set(c, (y * n + x) * 3);
  };
  fill(0, 0, 1, 1, BRAND);
  // The plate: 0.2–0.8 wide, 0.38–0.62 high, a dark border.
  fill(0.18, 0.37, 0.82, 0.63, INK);
  fill(0.19, 0.385, 0.81, 0.615, WHITE);
  fill(0.19, 0.385, 0.27, 0.615, BRAND);
  // Two digits, the letter, three digits (as bars), the region box.
  for (const x of [0.3, 0.36]) fill(x, 0.43, x + 0.035, 0.57, INK);
  fill(0.42, 0.47, 0.48, 0.53, INK);
  for (const x of [0.51, 0.57, 0.63]) fill(x, 0.43, x + 0.035, 0.57, INK);
  fill(0.69, 0.385, 0.7, 0.615, INK);
  fill(0.725, 0.45, 0.78, 0.57, INK);
  return px;
}

function png(n) {
  const table = Array.from({ length: 256 }, (_, k) => {
    let c = k;
    for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const px = draw(n);
  const raw = Buffer.alloc(n * (n * 3 + 1));
  for (let y = 0; y < n; y++) px.copy(raw, y * (n * 3 + 1) + 1, y * n * 3, (y + 1) * n * 3);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const n of [192, 512]) writeFileSync(path.join(here, "public", `icon-${n}.png`), png(n));
console.log("public/icon-192.png, public/icon-512.png written");
