//! GB18030 / GBK bytes → text: the one decoder of Chinese text used by the
//! delimited-file reader ([`super::text`]) and the SPSS reader.
//!
//! In: bytes in GB18030, or in one of its subsets: GBK (Windows code page
//! 936, what Chinese Excel and SPSS write by default) and GB2312 (EUC-CN).
//! Every GBK two-byte code means the same character in GB18030.
//! Out: characters, one sequence at a time ([`decode_char`]), or whole
//! strings ([`decode_lossy`]).
//!
//! Byte sequences (as Python's `gb18030` codec decodes them, plus 0x80):
//! - `00..=7F`: ASCII;
//! - `80`: the euro sign `€`, as Windows code page 936 writes it (Python
//!   rejects it; the WHATWG encoding standard, like Windows, accepts it);
//! - lead `81..=FE` + trail `40..=7E` or `80..=FE`: a two-byte code, looked
//!   up in the table (all 23,940 are characters, the user-defined areas being
//!   Private Use code points);
//! - `81..=FE`, `30..=39`, `81..=FE`, `30..=39`: a four-byte code, with the
//!   linear pointer `p` (see below); `p < 39420` is a BMP character found
//!   from a small table of ranges, `189000 <= p <= 1237575` is
//!   U+10000 + (p − 189000);
//! - anything else is invalid: `FF`, a lead byte followed by a byte that
//!   starts neither form, a sequence cut short by the end of the input, and
//!   four-byte codes whose pointer is not a character.
//!
//! The table, `gb18030.bin` beside this file, is generated from Python's
//! codecs by `scripts/gen_gbk_table.py`, which documents its format: the
//! 23,940 two-byte code points as wrapping u16 differences (47,880 bytes,
//! expanded into a lookup array on first use, so that gzip shrinks it to
//! about 17 KB in the wasm), then 206 (pointer, code point) u16 pairs for
//! the BMP four-byte ranges (824 bytes). `tests/data_encodings.rs` checks
//! every two-byte code and a sample of four-byte codes against Python.

use std::sync::OnceLock;

/// The generated table (format in `scripts/gen_gbk_table.py`).
static TABLE: &[u8] = include_bytes!("gb18030.bin");

/// Number of two-byte codes: 126 lead bytes × 190 trail bytes.
const TWO_BYTE_CODES: usize = 126 * 190;

/// Bytes of the two-byte part of [`TABLE`]; the four-byte ranges follow.
const TWO_BYTE_LEN: usize = 2 * TWO_BYTE_CODES;

/// Four-byte pointers below this are BMP characters (found by ranges).
const BMP_POINTERS: u32 = 39420;

/// The first four-byte pointer of the supplementary planes (U+10000).
const SUPPLEMENTARY_START: u32 = 189_000;

const _: () = assert!(
    TABLE.len() > TWO_BYTE_LEN && (TABLE.len() - TWO_BYTE_LEN).is_multiple_of(4),
    "gb18030.bin does not have the layout written by scripts/gen_gbk_table.py"
);

/// The code points of the two-byte codes, by [`two_byte_index`].
fn two_byte_table() -> &'static [u16] {
    static CODE_POINTS: OnceLock<Vec<u16>> = OnceLock::new();
    CODE_POINTS.get_or_init(|| {
        let mut cp = 0u16;
        TABLE[..TWO_BYTE_LEN]
            .chunks_exact(2)
            .map(|d| {
                cp = cp.wrapping_add(u16::from_le_bytes([d[0], d[1]]));
                cp
            })
            .collect()
    })
}

/// Index of the two-byte code `lead trail` in the table, when both bytes
/// are in range (lead `81..=FE`, trail `40..=7E` or `80..=FE`).
fn two_byte_index(lead: u8, trail: u8) -> Option<usize> {
    if !(0x81..=0xFE).contains(&lead) {
        return None;
    }
    let t = match trail {
        0x40..=0x7E => trail - 0x40,
        0x80..=0xFE => trail - 0x41,
        _ => return None,
    };
    Some((lead - 0x81) as usize * 190 + t as usize)
}

/// (pointer, code point) of the `i`-th four-byte range.
fn range(i: usize) -> (u32, u32) {
    let at = TWO_BYTE_LEN + 4 * i;
    let b = &TABLE[at..at + 4];
    (
        u16::from_le_bytes([b[0], b[1]]) as u32,
        u16::from_le_bytes([b[2], b[3]]) as u32,
    )
}

/// The character of a four-byte pointer, if it is one.
fn four_byte_char(pointer: u32) -> Option<char> {
    if pointer < BMP_POINTERS {
        // The last range starting at or before `pointer` (range 0 starts at 0).
        let (mut lo, mut hi) = (0, (TABLE.len() - TWO_BYTE_LEN) / 4);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if range(mid).0 <= pointer {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let (start, cp) = range(lo);
        char::from_u32(cp + (pointer - start))
    } else if (SUPPLEMENTARY_START..=SUPPLEMENTARY_START + 0xFFFFF).contains(&pointer) {
        char::from_u32(0x10000 + pointer - SUPPLEMENTARY_START)
    } else {
        None
    }
}

/// Decodes the character at the start of `b`: `(Some(c), n)` for a valid
/// sequence of `n` bytes, `(None, n)` for an invalid one, `n` bytes of which
/// are skipped (as the WHATWG decoder does: a lead byte alone, or with a
/// non-ASCII byte that cannot follow it, or a whole four-byte code that is
/// not a character). `n` is 0 only for empty input.
pub(crate) fn decode_char(b: &[u8]) -> (Option<char>, usize) {
    let Some(&first) = b.first() else {
        return (None, 0);
    };
    match first {
        0x00..=0x7F => (Some(first as char), 1),
        0x80 => (Some('\u{20AC}'), 1),
        0xFF => (None, 1),
        lead => {
            let Some(&second) = b.get(1) else {
                return (None, 1);
            };
            if let Some(i) = two_byte_index(lead, second) {
                let c = two_byte_table().get(i).copied().unwrap_or(0);
                return match char::from_u32(c as u32).filter(|&c| c != '\0') {
                    Some(c) => (Some(c), 2),
                    None => (None, 2),
                };
            }
            if (0x30..=0x39).contains(&second) {
                return match (b.get(2), b.get(3)) {
                    (Some(&third @ 0x81..=0xFE), Some(&fourth @ 0x30..=0x39)) => {
                        let pointer = (((lead - 0x81) as u32 * 10 + (second - 0x30) as u32) * 126
                            + (third - 0x81) as u32)
                            * 10
                            + (fourth - 0x30) as u32;
                        (four_byte_char(pointer), 4)
                    }
                    _ => (None, 1),
                };
            }
            (None, if second.is_ascii() { 1 } else { 2 })
        }
    }
}

/// Decodes `b`, each invalid sequence becoming U+FFFD (as SPSS text cut at
/// a byte limit may end in half a character).
pub(crate) fn decode_lossy(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    let mut rest = b;
    while !rest.is_empty() {
        let (c, n) = decode_char(rest);
        out.push(c.unwrap_or('\u{FFFD}'));
        rest = &rest[n.max(1)..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes() {
        assert_eq!(decode_lossy(b"ab"), "ab");
        assert_eq!(decode_lossy(b"\xD6\xD0\xCE\xC4"), "中文");
        assert_eq!(decode_lossy(b"\x81\x40"), "丂");
        assert_eq!(decode_lossy(b"\xFE\xFE"), "\u{E4C5}");
        assert_eq!(decode_lossy(b"\x80\xA2\xE3"), "€€");
        assert_eq!(decode_lossy(b"\x81\x30\x81\x30"), "\u{80}");
        assert_eq!(decode_lossy(b"\x84\x31\xA4\x39"), "\u{FFFF}");
        assert_eq!(decode_lossy(b"\x90\x30\x81\x30"), "\u{10000}");
        assert_eq!(decode_lossy(b"\xE3\x32\x9A\x35"), "\u{10FFFF}");
        assert_eq!(decode_lossy(b"\x81\x30\x89\x38"), "ß");
        assert_eq!(decode_lossy(b"\x95\x34\xB2\x35"), "\u{20BB7}");
    }

    #[test]
    fn invalid_sequences() {
        // A lead byte cut short, before ASCII (kept), before a byte that
        // cannot follow (both skipped), FF, pointers that are no characters.
        assert_eq!(decode_char(b""), (None, 0));
        assert_eq!(decode_char(b"\xB1"), (None, 1));
        assert_eq!(decode_lossy(b"\xB1,1"), "\u{FFFD},1");
        assert_eq!(decode_lossy(b"\xB1\xFFx"), "\u{FFFD}x");
        assert_eq!(decode_lossy(b"\xFF"), "\u{FFFD}");
        assert_eq!(decode_lossy(b"\x84\x31\xA5\x30"), "\u{FFFD}");
        assert_eq!(decode_lossy(b"\xE3\x32\x9A\x36"), "\u{FFFD}");
        assert_eq!(decode_lossy(b"\xFE\x39\xFE\x39"), "\u{FFFD}");
        assert_eq!(decode_lossy(b"\x81\x30\x81"), "\u{FFFD}0\u{FFFD}");
        assert_eq!(decode_lossy(b"\x81\x30x1"), "\u{FFFD}0x1");
    }
}
