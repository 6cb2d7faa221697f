//! Data layer: file bytes → data table → numeric data → sample moments and
//! descriptives.
//!
//! In: the bytes of a delimited text file (CSV, TSV, semicolon-separated;
//! UTF-8, UTF-16 with a byte-order mark, or detected Chinese GBK/GB18030 or
//! Western Windows-1252: [`TextEncoding`]),
//! an Excel workbook (`.xlsx`, [`read_xlsx`]), an SPSS system file (`.sav`,
//! [`read_sav`]) — [`read_any`] picks the reader — or the text of a
//! covariance matrix. Nothing here touches the file
//! system, so it runs the same natively and in wasm32.
//! Out: [`DataTable`] (text cells), [`NumericData`] (chosen columns,
//! `None` = missing), [`Complete`] (listwise rows as a matrix),
//! [`MissingPatterns`], [`ItemDescriptives`], [`Mardia`], sample moments
//! ([`moments`]) and [`CovarianceInput`]; every failure is a [`DataError`]
//! whose message names the line, row, column and value.
//!
//! ```
//! use semlab::data::{read_table, ReadOptions};
//! let csv = b"x1;x2;group\n3,5;2;a\nNA;4;b\n1;1;c\n";
//! let table = read_table(csv, &ReadOptions::default()).unwrap();
//! assert_eq!(table.delimiter(), b';');
//! let data = table.numeric(&["x1", "x2"]).unwrap();
//! assert_eq!(data.rows[0], vec![Some(3.5), Some(2.0)]);
//! let complete = data.listwise();
//! assert_eq!((complete.rows_read, complete.rows_used), (3, 2));
//! assert_eq!(complete.dropped_rows, vec![2]);
//! ```
//!
//! Missing values: a cell is missing when, trimmed, it is empty or one of
//! [`DEFAULT_MISSING_TOKENS`] (`NA`, `N/A`, `#N/A`, `.`, `NaN`, `NULL`, the
//! alphabetic ones in any case), or one of [`ReadOptions::missing_codes`]
//! (compared numerically when both parse as numbers, else as exact text).

mod covariance;
mod delimited;
mod describe;
mod error;
mod formats;
mod gbk;
pub mod groups;
mod missing_codes;
pub mod moments;
mod progress;
mod sav;
mod table;
mod text;
mod xlsx;
mod xml;
mod zip;

pub use covariance::{read_covariance, CovarianceInput, CovarianceLayout};
pub use describe::{
    describe, describe_values, mardia, mark_declared_levels, ItemDescriptives, Mardia,
    ORDINAL_MAX_CATEGORIES,
};
pub use error::DataError;
pub use formats::{read_any, read_any_with_progress};
pub use missing_codes::{
    missing_code_list, suspected_codes, suspected_missing_codes, suspected_missing_codes_in,
    suspected_values, SuspectedCode, SuspectedValue,
};
pub use moments::{correlation, cov_to_cor, covariance_n, covariance_n1, mean_vector};
pub use sav::read_sav;
pub use table::{
    parse_number, Complete, DataTable, MeasureLevel, MissingPattern, MissingPatterns, NumericData,
    DEFAULT_MISSING_TOKENS,
};
pub use text::TextEncoding;
pub use xlsx::{read_xlsx, xlsx_sheet_names};

use serde::{Deserialize, Serialize};

/// How to read a delimited file. `ReadOptions::default()` detects everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadOptions {
    /// Cell separator; `None` = detect among `,` tab `;` `|` from the first lines.
    pub delimiter: Option<u8>,
    /// Extra codes that mean "missing" (e.g. `-99`, `999`), besides
    /// [`DEFAULT_MISSING_TOKENS`]. Numeric codes match numerically.
    pub missing_codes: Vec<String>,
    /// Whether `3,5` means 3.5; `None` = yes exactly when the delimiter is `;`.
    pub decimal_comma: Option<bool>,
    /// The text encoding of a delimited file, or of an SPSS file's text
    /// (overriding what the file says); `None` = detect (see [`read_table`]).
    /// Not used for `.xlsx`, whose text is always Unicode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
}

/// Reads a delimited text file with a header row.
///
/// - Encoding: `opts.encoding`, else detected: UTF-8 (with or without a
///   byte-order mark) when the bytes are valid UTF-8; otherwise Chinese
///   GBK/GB18030 when the whole file decodes in it and reads as Chinese,
///   else Windows-1252 when it decodes and reads as Western European text
///   (the rules are in `src/data/text.rs`); UTF-16 whenever the file
///   starts with its byte-order mark (Excel's "Unicode Text");
///   [`DataTable::encoding`] tells which. Text in none of these (naming the
///   first line that is not UTF-8) and binary files (xlsx, xls, sav, pdf)
///   are rejected with a message saying how to save the file.
/// - Delimiter: `opts.delimiter`, else detected among `,` tab `;` `|`: the
///   one that splits the header into more than one column and gives the
///   most of the first 50 rows the header's cell count (ties in that order).
/// - Quotes (RFC 4180): `"a, b"`, `""` for a quote inside, line breaks inside
///   quotes; an unclosed quote is an error naming the line it starts on.
/// - Line endings LF, CRLF or CR; lines that are empty or all spaces are
///   skipped anywhere (R's `blank.lines.skip`); unquoted cells and all header
///   names are trimmed.
/// - Header: names must be non-empty and unique (errors name the 1-based
///   column position).
/// - Cell count: every row must have as many cells as the header. Tolerated:
///   a trailing delimiter on every line (header's last cell empty: that
///   column is dropped), and a row with exactly one extra cell that is empty.
///   Otherwise the error names the data row (1-based, header not counted),
///   the line of the file, and the expected and found counts.
/// - Cells stay text; see [`DataTable::numeric`] for conversion, the
///   module documentation for missing values, and [`ReadOptions`] for the
///   decimal comma.
pub fn read_table(bytes: &[u8], opts: &ReadOptions) -> Result<DataTable, DataError> {
    read_table_inner(bytes, opts, &mut progress::Progress::none())
}

/// [`read_table`] that reports how far it has come: `progress` is called
/// with the fraction done (0 to 1, never decreasing; after decoding, the
/// share of the text split into rows, every few thousand rows), and with
/// exactly 1 when the table is complete. When it returns `false` the read
/// stops with [`DataError::Cancelled`]. The table is the one
/// [`read_table`] gives.
pub fn read_table_with_progress(
    bytes: &[u8],
    opts: &ReadOptions,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<DataTable, DataError> {
    read_table_inner(bytes, opts, &mut progress::Progress::new(progress))
}

fn read_table_inner(
    bytes: &[u8],
    opts: &ReadOptions,
    progress: &mut progress::Progress,
) -> Result<DataTable, DataError> {
    progress.report(0.0)?;
    if let Some(d) = opts.delimiter {
        if !d.is_ascii() || matches!(d, b'"' | b'\n' | b'\r' | 0) {
            return Err(DataError::InvalidDelimiter { delimiter: d });
        }
    }
    let (text, encoding) = text::decode(bytes, opts.encoding)?;
    if text.trim().is_empty() {
        return Err(DataError::EmptyFile);
    }
    let delim = match opts.delimiter {
        Some(d) => d,
        None => delimited::detect_delimiter(&text),
    };
    let table = delimited::parse_table(&text, delim, opts, progress)?.with_encoding(encoding);
    progress.report(1.0)?;
    Ok(table)
}

/// Decodes the bytes of a text file as [`read_table`] does: in `encoding`,
/// else in the detected one; returns the text (without a byte-order mark)
/// and the encoding used. Errors as [`read_table`]'s (binary files, text
/// in no encoding semlab reads).
pub fn decode_text(
    bytes: &[u8],
    encoding: Option<TextEncoding>,
) -> Result<(String, TextEncoding), DataError> {
    let (text, used) = text::decode(bytes, encoding)?;
    Ok((text.into_owned(), used))
}
