//! Delimited text → [`DataTable`].
//!
//! In: decoded text of a CSV/TSV-like file and [`ReadOptions`].
//! Out: a [`DataTable`] (header names + cells kept as trimmed text), or a
//! [`DataError`] naming the line/row/column that is wrong.
//!
//! Rules (RFC 4180 plus what spreadsheets actually write):
//! - records end at LF, CRLF or CR outside quotes; lines that are empty or
//!   hold only spaces are skipped anywhere in the file (R's
//!   `blank.lines.skip = TRUE`);
//! - a cell starting with `"` (after optional spaces) is quoted: it may hold
//!   delimiters and line breaks, `""` inside it is one `"`; text after the
//!   closing quote up to the next delimiter is appended (lenient, like most
//!   readers) and an unclosed quote is an error naming the line it starts on;
//! - unquoted cells are trimmed of surrounding whitespace (a tab is not
//!   whitespace when it is the delimiter); quoted cells keep theirs, except
//!   header names, which are always trimmed;
//! - the delimiter is detected among `,` `\t` `;` `|` by reading the header
//!   and up to [`SAMPLE_RECORDS`] records with each candidate and keeping the
//!   one that splits the header into more than one column and gives the
//!   most rows with the header's cell count (ties: the order listed);
//! - trailing empty cells: the header's empty cells at its end are dropped
//!   (lines ending with a delimiter, or the blank columns a spreadsheet
//!   export adds: `x1,x2,,`), and a data row longer than the header is
//!   accepted when every extra cell is empty. Any other count mismatch is an
//!   error;
//! - a first column without a name is the row names that R's `write.csv`
//!   (its default `row.names = TRUE`) and pandas' `to_csv` write: it is read
//!   as `X`, the name R's `read.csv` gives it (unless a column is already
//!   called `X`); any other column without a name is an error.

use super::progress::Progress;
use super::table::{DataTable, MissingRule};
use super::{DataError, ReadOptions};
use std::collections::HashMap;

/// Number of data records read with each candidate delimiter during detection.
pub(crate) const SAMPLE_RECORDS: usize = 50;

/// Records split between two progress reports.
const RECORDS_PER_REPORT: usize = 4096;

/// The name of an unnamed first column: R's `read.csv` calls the row names
/// that `write.csv` writes there `X` (`make.names("")`).
const ROW_NAMES: &str = "X";

/// Candidate delimiters in order of preference on ties.
const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];

/// One parsed record: its cells and the file line it starts on.
pub(crate) struct Record {
    pub fields: Vec<String>,
    pub line: usize,
}

/// Streaming tokenizer over the text; delimiters and quotes are ASCII, so
/// byte offsets found by scanning are always `char` boundaries.
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    delim: u8,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(text: &'a str, delim: u8) -> Self {
        Tokenizer {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            delim,
        }
    }

    fn is_space_char(&self, c: char) -> bool {
        c.is_whitespace() && c != self.delim as char && c != '\n' && c != '\r'
    }

    fn is_space_byte(&self, b: u8) -> bool {
        (b == b' ' || b == b'\t') && b != self.delim
    }

    fn trim<'s>(&self, s: &'s str) -> &'s str {
        s.trim_matches(|c: char| self.is_space_char(c))
    }

    /// Offset of the next delimiter, CR or LF at or after `from` (or the end).
    fn field_end(&self, from: usize) -> usize {
        let d = self.delim;
        self.bytes[from..]
            .iter()
            .position(|&b| b == d || b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |k| from + k)
    }

    /// Offset of the next CR or LF at or after `from` (or the end).
    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |k| from + k)
    }

    /// Consumes one line terminator at `self.pos`, if any.
    fn eat_newline(&mut self) {
        match self.bytes.get(self.pos) {
            Some(b'\r') => {
                self.pos += 1;
                if self.bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
                self.line += 1;
            }
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
            }
            _ => {}
        }
    }

    /// Counts line breaks in `bytes[from..to]` (CRLF once).
    fn count_breaks(&self, from: usize, to: usize) -> usize {
        let seg = &self.bytes[from..to];
        let mut n = 0;
        for (k, &b) in seg.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && seg.get(k + 1) != Some(&b'\n')) {
                n += 1;
            }
        }
        n
    }

    /// Next record, skipping blank lines; `None` at the end of the text.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record, DataError>> {
        // Skip blank lines.
        loop {
            if self.pos >= self.bytes.len() {
                return None;
            }
            let eol = self.line_end(self.pos);
            if self.trim(&self.text[self.pos..eol]).is_empty() {
                self.pos = eol;
                self.eat_newline();
                continue;
            }
            break;
        }
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            let mut p = self.pos;
            while p < self.bytes.len() && self.is_space_byte(self.bytes[p]) {
                p += 1;
            }
            if p < self.bytes.len() && self.bytes[p] == b'"' {
                let quote_line = self.line;
                p += 1;
                let mut value = String::new();
                loop {
                    let Some(k) = self.bytes[p..].iter().position(|&b| b == b'"') else {
                        return Some(Err(DataError::UnclosedQuote { line: quote_line }));
                    };
                    let q = p + k;
                    value.push_str(&self.text[p..q]);
                    self.line += self.count_breaks(p, q);
                    if self.bytes.get(q + 1) == Some(&b'"') {
                        value.push('"');
                        p = q + 2;
                    } else {
                        p = q + 1;
                        break;
                    }
                }
                let end = self.field_end(p);
                value.push_str(self.trim(&self.text[p..end]));
                fields.push(value);
                self.pos = end;
            } else {
                let end = self.field_end(self.pos);
                fields.push(self.trim(&self.text[self.pos..end]).to_string());
                self.pos = end;
            }
            if self.bytes.get(self.pos) == Some(&self.delim) {
                self.pos += 1;
                continue;
            }
            self.eat_newline();
            break;
        }
        Some(Ok(Record { fields, line }))
    }
}

/// Number of real columns in a header record (trailing empty cells are
/// dropped; at least one column remains).
fn header_width(fields: &[String]) -> usize {
    let named = fields
        .iter()
        .rposition(|s| !s.is_empty())
        .map_or(0, |i| i + 1);
    named.max(1).min(fields.len())
}

/// Whether a data record fits a header of `width` columns (see module doc).
fn fits(width: usize, fields: &[String]) -> bool {
    fields.len() == width || (fields.len() > width && fields[width..].iter().all(|s| s.is_empty()))
}

/// Picks the delimiter (see module doc).
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut best: Option<((bool, usize, usize), u8)> = None;
    for &d in &CANDIDATES {
        let mut tok = Tokenizer::new(text, d);
        let Some(Ok(header)) = tok.next_record() else {
            continue;
        };
        let width = header_width(&header.fields);
        let mut consistent = 0;
        for _ in 0..SAMPLE_RECORDS {
            match tok.next_record() {
                Some(Ok(r)) => {
                    if fits(width, &r.fields) {
                        consistent += 1;
                    }
                }
                _ => break,
            }
        }
        let key = (width > 1, consistent, width);
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, d));
        }
    }
    best.map_or(b',', |(_, d)| d)
}

/// Parses the whole text with delimiter `delim` into a table, reporting
/// the share of the text read every [`RECORDS_PER_REPORT`] records.
pub(crate) fn parse_table(
    text: &str,
    delim: u8,
    opts: &ReadOptions,
    progress: &mut Progress,
) -> Result<DataTable, DataError> {
    let mut tok = Tokenizer::new(text, delim);
    let header = match tok.next_record() {
        None => return Err(DataError::EmptyFile),
        Some(r) => r?,
    };
    // Header names are trimmed even inside quotes (`" x1 "` is `x1`).
    let width = header_width(&header.fields);
    let mut names: Vec<String> = header
        .fields
        .into_iter()
        .take(width)
        .map(|n| n.trim().to_string())
        .collect();
    if width > 1 && names[0].is_empty() && !names.iter().any(|n| n == ROW_NAMES) {
        names[0] = ROW_NAMES.to_string();
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            return Err(DataError::EmptyColumnName { column: i + 1 });
        }
        if let Some(&first) = seen.get(name.as_str()) {
            return Err(DataError::DuplicateColumnName {
                name: name.clone(),
                first: first + 1,
                second: i + 1,
            });
        }
        seen.insert(name.as_str(), i);
    }
    drop(seen);

    let mut columns: Vec<Vec<String>> = vec![Vec::new(); width];
    let mut lines = Vec::new();
    let mut row = 0;
    while let Some(rec) = tok.next_record() {
        let rec = rec?;
        row += 1;
        let found = rec.fields.len();
        if !fits(width, &rec.fields) {
            return Err(DataError::WrongFieldCount {
                row,
                line: rec.line,
                expected: width,
                found,
            });
        }
        for (col, cell) in columns.iter_mut().zip(rec.fields) {
            col.push(cell);
        }
        lines.push(rec.line);
        if row.is_multiple_of(RECORDS_PER_REPORT) && progress.wanted() {
            progress.report(tok.pos as f64 / text.len() as f64)?;
        }
    }
    if row == 0 {
        return Err(DataError::NoDataRows);
    }
    let decimal_comma = opts.decimal_comma.unwrap_or(delim == b';');
    let missing = MissingRule::new(&opts.missing_codes, decimal_comma);
    Ok(DataTable::from_parts(
        names,
        columns,
        lines,
        delim,
        decimal_comma,
        missing,
    ))
}
