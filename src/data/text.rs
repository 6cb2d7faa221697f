//! Bytes → text.
//!
//! In: the raw bytes of an uploaded file, and optionally the encoding the
//! user chose.
//! Out: its text (a byte-order mark removed) and the [`TextEncoding`] it was
//! read in, or a [`DataError`] when the bytes are a binary spreadsheet
//! (says "save as CSV"), or text in no encoding semlab recognises (names
//! the line).
//!
//! **UTF-16** (Excel's "Unicode Text" export, tab-separated, common on
//! Chinese Windows) is read whenever the file starts with its byte-order
//! mark (`FF FE` little-endian, `FE FF` big-endian), whatever encoding was
//! chosen; without a mark when UTF-16LE/BE is chosen, or, with no choice,
//! when the zero bytes say so (see `utf16_without_bom`). A lone surrogate
//! or an odd final byte is a [`DataError::CorruptFile`] naming the line.
//!
//! Detection of the others, when no encoding is chosen
//! ([`ReadOptions::encoding`] is `None`):
//! 1. **UTF-8** (with or without a byte-order mark) whenever the bytes are
//!    valid UTF-8 — pure ASCII included; a file that starts with the UTF-8
//!    byte-order mark is UTF-8 or an error, never anything else.
//! 2. Else **GBK / GB18030** (Chinese Windows' default, code page 936) when
//!    the whole file decodes without an invalid sequence, contains no
//!    control character but tab, line breaks, form feed and Ctrl-Z, and
//!    looks Chinese: at least three quarters of its non-ASCII characters are
//!    two-byte codes of the GB2312 block (both bytes `A1..=FE`, lead at most
//!    `F7`, not user-defined) — the common simplified characters and the
//!    full-width punctuation. Western text that happens to pair up
//!    (`ü` + `l` of "Müller") lands in the rare GBK extensions instead, and
//!    Big5 or Shift-JIS text fails the same test. Korean EUC-KR text
//!    decodes cleanly into GB2312 too; it is told apart by its lead bytes
//!    (Hangul fills `B0..=C8` only): at least 20 distinct characters whose
//!    leads are all in `B0..=C8` are not taken as Chinese (a Chinese text
//!    has that chance of about 0.6^20). Reported as
//!    [`TextEncoding::Gb18030`] when a four-byte code occurs, else
//!    [`TextEncoding::Gbk`].
//! 3. Else **Windows-1252** (Western European Excel's default, a superset
//!    of the printable ISO-8859-1) when no byte is one of its five
//!    undefined ones (`81 8D 8F 90 9D`), no control character occurs (as
//!    above), the file holds no well-formed UTF-8 multi-byte sequence (that
//!    would be a UTF-8 file with a damaged byte, or two encodings mixed),
//!    and its non-ASCII bytes look like accented letters and the odd
//!    symbol: at most a third of the runs of consecutive non-ASCII bytes
//!    are three or more long (Cyrillic, Greek, Hebrew or Arabic code pages,
//!    EUC-KR and Shift-JIS fail this: whole words are non-ASCII), and they
//!    are not mostly `A1..=BF` (the symbols `¡`..`¿`) with some of them
//!    side by side (Big5 fails this: most of its lead bytes are there).
//!    Central European or Turkish code pages pass and read with a few
//!    wrong letters.
//! 4. Else [`DataError::InvalidUtf8`], naming the first line that is not
//!    UTF-8 (the advice to save as UTF-8 stands).
//!
//! A chosen encoding is used as it is: UTF-8 with the same error; GBK and
//! GB18030 (the same decoder) fail with a [`DataError::CorruptFile`] naming
//! the first line with an invalid sequence; Windows-1252 and ISO-8859-1
//! decode every byte (the five undefined Windows-1252 bytes become the C1
//! controls of the same value, as browsers do).
//!
//! [`ReadOptions::encoding`]: super::ReadOptions::encoding

use super::gbk;
use super::DataError;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

/// A text encoding of a data file (a delimited file's bytes, or the text
/// of an SPSS file). Serialized as its [`TextEncoding::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8 (ASCII included).
    #[default]
    #[serde(rename = "UTF-8")]
    Utf8,
    /// GBK, Windows code page 936 (Simplified Chinese), GB2312 included.
    #[serde(rename = "GBK")]
    Gbk,
    /// GB18030, the superset of GBK with four-byte codes for all of Unicode.
    #[serde(rename = "GB18030")]
    Gb18030,
    /// Windows-1252 (Western European), ISO-8859-1 included.
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// ISO-8859-1 (Latin-1): read when chosen or named by an SPSS file
    /// (detection says Windows-1252, which agrees on every letter).
    #[serde(rename = "ISO-8859-1")]
    Latin1,
    /// UTF-16, little-endian: Excel's "Unicode Text" export on Windows
    /// (tab-separated, with a byte-order mark).
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16, big-endian (with a byte-order mark).
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
}

impl TextEncoding {
    /// Every encoding, in the order a choice would list them.
    pub const ALL: [TextEncoding; 7] = [
        TextEncoding::Utf8,
        TextEncoding::Gbk,
        TextEncoding::Gb18030,
        TextEncoding::Windows1252,
        TextEncoding::Latin1,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ];

    /// The standard name: `UTF-8`, `GBK`, `GB18030`, `windows-1252`,
    /// `ISO-8859-1`, `UTF-16LE`, `UTF-16BE`.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Windows1252 => "windows-1252",
            TextEncoding::Latin1 => "ISO-8859-1",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The name with what it is for, for a sentence such as "read as GBK
    /// (Simplified Chinese)".
    pub fn description(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8 (Unicode)",
            TextEncoding::Gbk => "GBK (Simplified Chinese)",
            TextEncoding::Gb18030 => "GB18030 (Chinese)",
            TextEncoding::Windows1252 => "Windows-1252 (Western European)",
            TextEncoding::Latin1 => "ISO-8859-1 (Western European)",
            TextEncoding::Utf16Le => "UTF-16 (Unicode, little-endian)",
            TextEncoding::Utf16Be => "UTF-16 (Unicode, big-endian)",
        }
    }

    /// From a name or common alias, ignoring case, `_` versus `-`, and
    /// surrounding spaces: `utf-8` `utf8`; `gbk` `gb2312` `cp936`
    /// `windows-936` `ms936` `x-gbk` `euc-cn` `chinese` ...; `gb18030`;
    /// `windows-1252` `cp1252`; `iso-8859-1` `latin1` `l1` `cp819`;
    /// `utf-16le` `utf-16` `unicode` (Excel's name) `ucs-2`; `utf-16be`.
    /// `us-ascii` is UTF-8. None for any other encoding.
    pub fn from_name(name: &str) -> Option<TextEncoding> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        Some(match n.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "us-ascii" | "ascii" | "ansi-x3.4-1968" => {
                TextEncoding::Utf8
            }
            "gbk" | "gb2312" | "gb-2312" | "gb-2312-80" | "cp936" | "windows-936" | "ms936"
            | "x-gbk" | "euc-cn" | "csgb2312" | "iso-ir-58" | "csiso58gb231280" | "chinese" => {
                TextEncoding::Gbk
            }
            "gb18030" | "gb-18030" | "cp54936" | "windows-54936" => TextEncoding::Gb18030,
            "windows-1252" | "cp1252" | "x-cp1252" | "ms-ansi" => TextEncoding::Windows1252,
            "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "cp819" => {
                TextEncoding::Latin1
            }
            "utf-16le" | "utf16le" | "utf-16" | "utf16" | "unicode" | "ucs-2" | "ucs-2le"
            | "cp1200" => TextEncoding::Utf16Le,
            "utf-16be" | "utf16be" | "ucs-2be" | "cp1201" => TextEncoding::Utf16Be,
            _ => return None,
        })
    }

    /// Whether this is UTF-8 (the default, left out when serialized).
    pub fn is_utf8(&self) -> bool {
        *self == TextEncoding::Utf8
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Decodes the bytes of a delimited file: its text without a byte-order
/// mark, and the encoding used (`forced`, else detected; see the module
/// documentation).
pub(crate) fn decode(
    bytes: &[u8],
    forced: Option<TextEncoding>,
) -> Result<(Cow<'_, str>, TextEncoding), DataError> {
    // A UTF-16 byte-order mark decides (no other encoding's text starts
    // with `ÿþ` or `þÿ`); a chosen UTF-16 reads a file without one.
    let utf16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(TextEncoding::Utf16Le)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(TextEncoding::Utf16Be)
    } else {
        forced.filter(|e| matches!(e, TextEncoding::Utf16Le | TextEncoding::Utf16Be))
    };
    if let Some(enc) = utf16.or_else(|| forced.is_none().then(|| utf16_without_bom(bytes))?) {
        return decode_utf16(bytes, enc == TextEncoding::Utf16Be)
            .map(|text| (Cow::Owned(text), enc));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DataError::NotText {
            looks_like: kind.to_string(),
        });
    }
    let gb = |b: &[u8]| -> Result<(Cow<'_, str>, TextEncoding), usize> {
        let (text, four_byte) = decode_gb_strict(b)?;
        let enc = if four_byte {
            TextEncoding::Gb18030
        } else {
            TextEncoding::Gbk
        };
        Ok((Cow::Owned(strip_bom(text)), enc))
    };
    match forced {
        Some(TextEncoding::Gbk | TextEncoding::Gb18030) => {
            return gb(bytes).map_err(|bad| {
                let enc = forced.unwrap_or_default();
                DataError::CorruptFile {
                    format: format!("text file (read as {enc})"),
                    detail: format!(
                        "line {} contains bytes that are not {enc} text, so the file is in another encoding",
                        line_of_offset(bytes, bad)
                    ),
                }
            })
        }
        Some(enc @ (TextEncoding::Windows1252 | TextEncoding::Latin1)) => {
            let text = if enc == TextEncoding::Latin1 {
                bytes.iter().map(|&c| c as char).collect()
            } else {
                windows_1252(bytes)
            };
            return Ok((Cow::Owned(text), enc));
        }
        Some(TextEncoding::Utf8 | TextEncoding::Utf16Le | TextEncoding::Utf16Be) | None => {}
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let bad = match std::str::from_utf8(body) {
        Ok(s) => return Ok((Cow::Borrowed(s), TextEncoding::Utf8)),
        Err(e) => e.valid_up_to(),
    };
    let invalid = || DataError::InvalidUtf8 {
        line: line_of_offset(body, bad),
    };
    // A byte-order mark or a choice says UTF-8: no other encoding is tried.
    if forced.is_some() || body.len() < bytes.len() || has_stray_controls(bytes) {
        return Err(invalid());
    }
    if looks_chinese(bytes) {
        if let Ok(found) = gb(bytes) {
            return Ok(found);
        }
    }
    if looks_western(bytes) {
        return Ok((Cow::Owned(windows_1252(bytes)), TextEncoding::Windows1252));
    }
    Err(invalid())
}

/// UTF-16 without a byte-order mark, recognised by its zero bytes: an even
/// length, and in the first 4096 bytes the high byte of at least a quarter
/// of the characters is zero (ASCII digits, tabs and line breaks: every
/// data file has many) while no low byte is. Binary formats have zeros in
/// both places.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    let zeros = |first: bool| {
        head.chunks_exact(2)
            .filter(|p| p[usize::from(!first)] == 0)
            .count()
    };
    let (zero_first, zero_second) = (zeros(true), zeros(false));
    if zero_first == 0 && zero_second * 4 >= pairs {
        Some(TextEncoding::Utf16Le)
    } else if zero_second == 0 && zero_first * 4 >= pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Decodes UTF-16 (`big_endian` or little) strictly, dropping a
/// byte-order mark; a lone surrogate or an odd final byte is a
/// [`DataError::CorruptFile`] naming the line.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> Result<String, DataError> {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2 + 16);
    let bad = |text: &str, what: &str| DataError::CorruptFile {
        format: "text file (UTF-16)".into(),
        detail: format!(
            "line {} {what}",
            1 + text.matches('\n').count() + text.matches('\r').count()
                - text.matches("\r\n").count()
        ),
    };
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(bad(
                    &text,
                    "contains a broken character (a lone UTF-16 surrogate)",
                ))
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(bad(
            &text,
            "ends in the middle of a character (the file is cut short)",
        ));
    }
    Ok(strip_bom(text))
}

/// Decodes GB18030 (GBK) strictly: the text and whether a four-byte code
/// occurred, or the offset of the first invalid sequence.
fn decode_gb_strict(b: &[u8]) -> Result<(String, bool), usize> {
    let mut out = String::with_capacity(b.len() + b.len() / 2);
    let mut four_byte = false;
    let mut at = 0;
    while at < b.len() {
        match gbk::decode_char(&b[at..]) {
            (Some(c), n) => {
                four_byte |= n == 4;
                out.push(c);
                at += n;
            }
            (None, _) => return Err(at),
        }
    }
    Ok((out, four_byte))
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// Whether a control character other than tab, LF, CR, form feed and
/// Ctrl-Z (an old end-of-file mark) occurs: text files have none.
fn has_stray_controls(b: &[u8]) -> bool {
    b.iter()
        .any(|&c| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || c == 0x7F)
}

/// The GB2312-block test of the module documentation, on the byte pairs
/// a GB18030 decoder would form (invalid sequences are left to the decoder).
fn looks_chinese(b: &[u8]) -> bool {
    let (mut non_ascii, mut common) = (0usize, 0usize);
    let mut low_hanzi: HashSet<[u8; 2]> = HashSet::new();
    let mut high_hanzi = false;
    let mut rest = b;
    while !rest.is_empty() {
        let (c, n) = gbk::decode_char(rest);
        let Some(c) = c else { return false };
        if n >= 2 {
            non_ascii += 1;
            let (lead, trail) = (rest[0], rest[1]);
            let private = ('\u{E000}'..='\u{F8FF}').contains(&c);
            if n == 2 && lead <= 0xF7 && trail >= 0xA1 && !private {
                common += 1;
                if lead >= 0xB0 {
                    if lead > 0xC8 {
                        high_hanzi = true;
                    } else if low_hanzi.len() < 20 {
                        low_hanzi.insert([lead, trail]);
                    }
                }
            }
        }
        rest = &rest[n..];
    }
    let korean = !high_hanzi && low_hanzi.len() >= 20;
    non_ascii > 0 && common * 4 >= non_ascii * 3 && !korean
}

/// The Windows-1252 test of the module documentation.
fn looks_western(b: &[u8]) -> bool {
    if b.iter()
        .any(|c| matches!(c, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        return false;
    }
    if has_utf8_sequence(b) {
        return false;
    }
    let (mut runs, mut long, mut paired) = (0usize, 0usize, false);
    for run in b.split(u8::is_ascii).filter(|r| !r.is_empty()) {
        runs += 1;
        long += usize::from(run.len() >= 3);
        paired |= run.len() >= 2;
    }
    let non_ascii = b.iter().filter(|c| !c.is_ascii()).count();
    let symbols = b.iter().filter(|c| (0xA1..=0xBF).contains(*c)).count();
    runs > 0 && long * 3 <= runs && !(paired && symbols * 2 > non_ascii)
}

/// Whether `b` contains a well-formed UTF-8 sequence of two or more bytes.
fn has_utf8_sequence(b: &[u8]) -> bool {
    let mut rest = b;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                if !rest[..e.valid_up_to()].is_ascii() {
                    return true;
                }
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len());
                rest = rest.get(skip..).unwrap_or(&[]);
            }
        }
    }
}

/// Windows-1252 code points of bytes 0x80..=0x9F (undefined bytes map to
/// the C1 control of the same value, as the WHATWG encoding standard does).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// Decodes Windows-1252; every byte is a character.
pub(crate) fn windows_1252(b: &[u8]) -> String {
    b.iter()
        .map(|&c| match c {
            0x80..=0x9F => {
                char::from_u32(CP1252_HIGH[(c - 0x80) as usize] as u32).unwrap_or('\u{FFFD}')
            }
            _ => c as char,
        })
        .collect()
}

/// Recognises the file signatures of common binary formats people drop by mistake.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("an Excel workbook (.xlsx) or another zip archive")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("an old Excel workbook (.xls)")
    } else if bytes.starts_with(b"$FL2") || bytes.starts_with(b"$FL3") {
        Some("an SPSS data file (.sav)")
    } else if bytes.starts_with(b"%PDF") {
        Some("a PDF document")
    } else if bytes.iter().take(4096).any(|&b| b == 0) {
        // NUL bytes never occur in text; UTF-16 without a BOM is the usual cause.
        Some("a binary file (or UTF-16 text without a byte-order mark)")
    } else {
        None
    }
}

/// 1-based line number of byte `offset`, counting LF, CR and CRLF as one break each.
pub(crate) fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let mut line = 1;
    let mut i = 0;
    let end = offset.min(bytes.len());
    while i < end {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' => {
                line += 1;
                if i + 1 < end && bytes[i + 1] == b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    line
}
