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
use super::table::{Cells, DataTable, MissingRule};
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
        // a cell that starts and ends with a visible ASCII character (most
        // cells: `3`, `4.5`, `NA`) has nothing to trim
        match (s.as_bytes().first(), s.as_bytes().last()) {
            (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => s,
            _ => s.trim_matches(|c: char| self.is_space_char(c)),
        }
    }

    /// Whether the line starting at `self.pos` is blank (empty or only
    /// spaces).
    fn blank_line(&self) -> bool {
        if self.bytes[self.pos].is_ascii_graphic() {
            return false;
        }
        let eol = self.line_end(self.pos);
        self.trim(&self.text[self.pos..eol]).is_empty()
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

    /// Reads the next record, skipping blank lines: its cell `j` is
    /// appended to `columns[j]`, the cells beyond `columns` to `beyond`
    /// (emptied first). Gives the file line the record starts on and its
    /// number of cells; `None` at the end of the text. The cells go
    /// straight where they are kept: no copy per record.
    pub(crate) fn next_record(
        &mut self,
        columns: &mut [Cells],
        beyond: &mut Cells,
    ) -> Option<Result<(usize, usize), DataError>> {
        // Skip blank lines.
        loop {
            if self.pos >= self.bytes.len() {
                return None;
            }
            if self.blank_line() {
                self.pos = self.line_end(self.pos);
                self.eat_newline();
                continue;
            }
            break;
        }
        let line = self.line;
        beyond.clear();
        let mut count = 0;
        loop {
            let cells = match columns.get_mut(count) {
                Some(c) => c,
                None => &mut *beyond,
            };
            count += 1;
            let mut p = self.pos;
            while p < self.bytes.len() && self.is_space_byte(self.bytes[p]) {
                p += 1;
            }
            if p < self.bytes.len() && self.bytes[p] == b'"' {
                let quote_line = self.line;
                p += 1;
                loop {
                    let Some(k) = self.bytes[p..].iter().position(|&b| b == b'"') else {
                        return Some(Err(DataError::UnclosedQuote { line: quote_line }));
                    };
                    let q = p + k;
                    cells.push_str(&self.text[p..q]);
                    self.line += self.count_breaks(p, q);
                    if self.bytes.get(q + 1) == Some(&b'"') {
                        cells.push_char('"');
                        p = q + 2;
                    } else {
                        p = q + 1;
                        break;
                    }
                }
                let end = self.field_end(p);
                cells.push_str(self.trim(&self.text[p..end]));
                cells.end_cell();
                self.pos = end;
            } else {
                let end = self.field_end(self.pos);
                cells.push(self.trim(&self.text[self.pos..end]));
                self.pos = end;
            }
            if self.bytes.get(self.pos) == Some(&self.delim) {
                self.pos += 1;
                continue;
            }
            self.eat_newline();
            break;
        }
        Some(Ok((line, count)))
    }
}

/// Number of real columns in a header record (trailing empty cells are
/// dropped; at least one column remains).
fn header_width(fields: &Cells) -> usize {
    let named = (0..fields.len())
        .rposition(|i| fields.get(i).is_some_and(|s| !s.is_empty()))
        .map_or(0, |i| i + 1);
    named.max(1).min(fields.len())
}

/// Whether a data record of `found` cells, with `beyond` the cells past
/// the header's, fits a header of `width` columns (see module doc).
fn fits<'a>(width: usize, found: usize, mut beyond: impl Iterator<Item = &'a str>) -> bool {
    found == width || (found > width && beyond.all(str::is_empty))
}

/// Picks the delimiter (see module doc).
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let mut best: Option<((bool, usize, usize), u8)> = None;
    let mut fields = Cells::default();
    for &d in &CANDIDATES {
        let mut tok = Tokenizer::new(text, d);
        let Some(Ok(_)) = tok.next_record(&mut [], &mut fields) else {
            continue;
        };
        let width = header_width(&fields);
        let mut consistent = 0;
        for _ in 0..SAMPLE_RECORDS {
            match tok.next_record(&mut [], &mut fields) {
                Some(Ok((_, found))) => {
                    if fits(width, found, fields.iter().skip(width)) {
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
    let mut fields = Cells::default();
    match tok.next_record(&mut [], &mut fields) {
        None => return Err(DataError::EmptyFile),
        Some(r) => r?,
    };
    // Header names are trimmed even inside quotes (`" x1 "` is `x1`).
    let width = header_width(&fields);
    let mut names: Vec<String> = fields
        .iter()
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

    let mut columns: Vec<Cells> = vec![Cells::default(); width];
    let mut lines = Vec::new();
    let mut row = 0;
    while let Some(record) = tok.next_record(&mut columns, &mut fields) {
        let (line, found) = record?;
        row += 1;
        if !fits(width, found, fields.iter()) {
            return Err(DataError::WrongFieldCount {
                row,
                line,
                expected: width,
                found,
            });
        }
        lines.push(line);
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
