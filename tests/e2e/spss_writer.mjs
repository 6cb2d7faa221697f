// SPSS system files for the browser tests, written here (tens of MB are not
// kept in the repository): numeric variables v1, v2, … in a bytecode-
// compressed `.sav` ($FL2) or a zlib-compressed `.zsav` ($FL3, its bytecode
// in zlib blocks of SPSS's size, with the block trailer), as SPSS, PSPP and
// ReadStat (haven::write_sav) write them.

import { deflateSync } from "node:zlib";

/** SPSS's uncompressed size of a `.zsav` block. */
const ZBLOCK = 0x3ff000;

/** A `.sav` (or, with `zsav`, a `.zsav`) of `cases` cases of `vars`
 * numeric variables: values with two decimals (stored raw, 9 bytes a
 * value) and now and then a system-missing one; a Buffer. */
export function spssFile(cases, vars, { zsav = false } = {}) {
  const head = Buffer.alloc(176, 0x20);
  head.write(zsav ? "$FL3" : "$FL2", 0, "latin1");
  head.write("@(#) SPSS DATA FILE semlab e2e", 4, "latin1");
  head.writeInt32LE(2, 64); // layout code
  head.writeInt32LE(vars, 68); // elements per case
  head.writeInt32LE(zsav ? 2 : 1, 72); // compression
  head.writeInt32LE(0, 76); // no weight
  head.writeInt32LE(cases, 80);
  head.writeDoubleLE(100, 84); // bias
  head.write("07 Dec 2608:00:00", 92, "latin1");
  const dict = [head];
  const fmt = (5 << 16) | (8 << 8) | 2; // F8.2
  for (let j = 0; j < vars; j++) {
    const rec = Buffer.alloc(32, 0x20);
    rec.writeInt32LE(2, 0);
    rec.writeInt32LE(0, 4); // numeric
    rec.writeInt32LE(0, 8); // no label
    rec.writeInt32LE(0, 12); // no missing values
    rec.writeInt32LE(fmt, 16);
    rec.writeInt32LE(fmt, 20);
    rec.write(`V${j + 1}`, 24, "latin1");
    dict.push(rec);
  }
  const end = Buffer.alloc(8);
  end.writeInt32LE(999, 0);
  dict.push(end);

  // The bytecode: 8 codes, then the raw values of their code-253 entries.
  const n = cases * vars;
  const stream = Buffer.alloc(n * 9 + 16);
  let at = 0;
  let seed = 2026;
  for (let k = 0; k < n; k += 8) {
    const codesAt = at;
    at += 8;
    for (let c = 0; c < 8; c++) {
      const i = k + c;
      if (i >= n) {
        stream[codesAt + c] = 0;
      } else if (i % 997 === 0) {
        stream[codesAt + c] = 255; // system-missing
      } else {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        stream[codesAt + c] = 253;
        stream.writeDoubleLE(Math.round((1 + (seed / 2147483648) * 6) * 100) / 100, at);
        at += 8;
      }
    }
  }
  const data = stream.subarray(0, at);
  const before = Buffer.concat(dict);
  if (!zsav) return Buffer.concat([before, data]);

  const headerAt = before.length;
  const blocks = [];
  for (let s = 0; s < data.length; s += ZBLOCK) blocks.push(deflateSync(data.subarray(s, s + ZBLOCK)));
  const trailerAt = headerAt + 24 + blocks.reduce((a, b) => a + b.length, 0);
  const zheader = Buffer.alloc(24);
  zheader.writeBigInt64LE(BigInt(headerAt), 0);
  zheader.writeBigInt64LE(BigInt(trailerAt), 8);
  zheader.writeBigInt64LE(BigInt(24 + 24 * blocks.length), 16);
  const trailer = Buffer.alloc(24 + 24 * blocks.length);
  trailer.writeBigInt64LE(-100n, 0);
  trailer.writeBigInt64LE(0n, 8);
  trailer.writeInt32LE(ZBLOCK, 16);
  trailer.writeInt32LE(blocks.length, 20);
  let zat = headerAt + 24;
  blocks.forEach((b, i) => {
    const o = 24 + 24 * i;
    const size = Math.min(ZBLOCK, data.length - i * ZBLOCK);
    trailer.writeBigInt64LE(BigInt(headerAt + i * ZBLOCK), o);
    trailer.writeBigInt64LE(BigInt(zat), o + 8);
    trailer.writeInt32LE(size, o + 16);
    trailer.writeInt32LE(b.length, o + 20);
    zat += b.length;
  });
  return Buffer.concat([before, zheader, ...blocks, trailer]);
}
