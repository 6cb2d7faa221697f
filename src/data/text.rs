//! Bytes → text.
//!
//! In: the raw bytes of an uploaded file.
//! Out: a `&str` view of them with a UTF-8 byte-order mark removed, or a
//! [`DataError`] when the bytes are UTF-16 (says "save as UTF-8"), a binary
//! spreadsheet (says "save as CSV"), or not valid UTF-8 (names the line).

use super::DataError;

/// Decodes `bytes` as UTF-8 text, stripping a leading UTF-8 BOM.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, DataError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DataError::Utf16);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DataError::NotText {
            looks_like: kind.to_string(),
        });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bad = e.valid_up_to();
            Err(DataError::InvalidUtf8 {
                line: line_of_offset(body, bad),
            })
        }
    }
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
