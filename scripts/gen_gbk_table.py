#!/usr/bin/env python3
"""Generates the GBK / GB18030 decoding table of src/data/gbk.rs from Python's codecs.

Writes
  src/data/gb18030.bin                        the table (format below), read with include_bytes!
  tests/fixtures/data/gb18030_reference.txt   Python's decoding of every two-byte code and of
                                              a sample of four-byte codes, for tests/data_encodings.rs

Both come from `bytes.decode('gb18030')` alone. Python's 'gbk' (= 'cp936') is checked to be a
subset of it with the same characters (the script stops otherwise), so one table decodes both.

Format of src/data/gb18030.bin (every number a little-endian u16):
  1. The code points of the 23,940 two-byte codes, lead byte 0x81..=0xFE (126) times trail byte
     0x40..=0x7E, 0x80..=0xFE (190), code (lead, trail) at index
         i = (lead - 0x81) * 190 + (trail - 0x40) - (1 if trail >= 0x80 else 0),
     each stored as its difference from the one before: d[i] = (cp[i] - cp[i-1]) mod 65536,
     cp[-1] = 0, so the decoder rebuilds cp by a running sum (wrapping) once, at first use.
     Python decodes all 23,940, so no code point is 0. 47,880 bytes. (Differences, because
     the GBK extensions are in Unicode order: gzip -9 packs the whole file into 17 KB,
     against 45 KB with the plain code points.)
  2. The BMP four-byte ranges, to the end of the file: pairs (pointer, code point), sorted by
     pointer, the first pointer being 0. A four-byte code b1 b2 b3 b4 (b1, b3 in 0x81..=0xFE;
     b2, b4 in 0x30..=0x39) has the pointer
         p = (((b1 - 0x81) * 10 + (b2 - 0x30)) * 126 + (b3 - 0x81)) * 10 + (b4 - 0x30);
     for p < 39420 it is the character (code point + p - pointer) of the last pair whose
     pointer <= p; the pointers 39420..189000 are not characters. (Pointers 189000..=1237575
     are U+10000..=U+10FFFF in order, which needs no table.)

Run from the repository root (any Python 3; the table is Unicode-version independent):
    python3 scripts/gen_gbk_table.py
"""

import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TABLE = os.path.join(ROOT, "src", "data", "gb18030.bin")
REFERENCE = os.path.join(ROOT, "tests", "fixtures", "data", "gb18030_reference.txt")

TRAILS = list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))
BMP_POINTERS = 39420


def four_byte(p):
    b4 = p % 10
    p //= 10
    b3 = p % 126
    p //= 126
    b2 = p % 10
    b1 = p // 10
    return bytes([0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4])


def decode(b, codec):
    try:
        return b.decode(codec)
    except UnicodeDecodeError:
        return None


def main():
    two = []
    for lead in range(0x81, 0xFF):
        for trail in TRAILS:
            b = bytes([lead, trail])
            c = decode(b, "gb18030")
            assert c is not None and len(c) == 1, b.hex()
            g = decode(b, "gbk")
            assert g is None or g == c, f"gbk and gb18030 differ at {b.hex()}"
            two.append(ord(c))
    assert len(two) == 126 * 190

    ranges = []
    four = []
    prev = None
    for p in range(BMP_POINTERS):
        c = decode(four_byte(p), "gb18030")
        assert c is not None and len(c) == 1, p
        cp = ord(c)
        four.append(cp)
        if prev is None or cp != prev + 1:
            ranges.append((p, cp))
        prev = cp
    assert decode(four_byte(BMP_POINTERS), "gb18030") is None
    # Every BMP character but ASCII and the surrogates once, in one of the two parts.
    covered = sorted(two + four)
    expected = [c for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000]
    assert covered == expected, "the two-byte and four-byte parts do not cover the BMP once"

    with open(TABLE, "wb") as f:
        deltas = [(c - p) % 65536 for p, c in zip([0] + two, two)]
        f.write(struct.pack(f"<{len(deltas)}H", *deltas))
        for p, cp in ranges:
            f.write(struct.pack("<HH", p, cp))

    boundaries = set()
    for p, _ in ranges:
        boundaries.update(q for q in (p - 1, p, p + 1) if 0 <= q < BMP_POINTERS)
    samples = sorted(boundaries | set(range(0, BMP_POINTERS, 97)))
    supplementary = [189000, 189001, 189000 + 0x10000, 189000 + 0xFFFFF]
    with open(REFERENCE, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Python's GB18030 decoding, written by scripts/gen_gbk_table.py.\n")
        f.write("# '2 LL' + 190 characters: the codes LL 40..7E, LL 80..FE in order.\n")
        f.write("# '4 BYTES HEX': the four-byte code BYTES is the code point HEX.\n")
        for i, lead in enumerate(range(0x81, 0xFF)):
            f.write(f"2 {lead:02X} " + "".join(map(chr, two[i * 190:(i + 1) * 190])) + "\n")
        for p in samples:
            f.write(f"4 {four_byte(p).hex().upper()} {four[p]:04X}\n")
        for p in supplementary:
            b = four_byte(p)
            f.write(f"4 {b.hex().upper()} {ord(b.decode('gb18030')):04X}\n")
    print(f"{TABLE}: {os.path.getsize(TABLE)} bytes ({len(ranges)} four-byte ranges)")
    print(f"{REFERENCE}: {os.path.getsize(REFERENCE)} bytes")


if __name__ == "__main__":
    main()
