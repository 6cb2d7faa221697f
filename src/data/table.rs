//! The data set as read, and its numeric views.
//!
//! In: the header names and text cells produced by the reader.
//! Out: [`DataTable`] (text cells; columns are converted only when asked,
//! so unused columns may hold text), [`NumericData`] (the requested columns
//! as `Option<f64>`, `None` = missing), [`Complete`] (listwise-complete rows
//! as an n×p matrix) and [`MissingPatterns`] (for FIML).
//!
//! Row conventions: a field or argument called `row`/`rows` holds **data row
//! numbers**, 1-based with the header not counted (as in error messages); a
//! field called `*_index`/`*_indices` holds **0-based indices** into
//! [`NumericData::rows`] (data row number = index + 1).

use super::{DataError, TextEncoding};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Cell texts always read as missing, besides the user's codes. Matching is
/// on the trimmed cell text; the alphabetic ones ignore ASCII case
/// (`na`, `n/a`, `nan`, `null` are missing too).
///
/// R's `read.csv` treats only `NA` (and empty numeric cells) as missing; the
/// others are added because spreadsheets and SPSS/SAS/SQL exports write them:
/// `N/A` and `#N/A` (Excel), `.` (SPSS/SAS system missing), `NaN`, `NULL`.
pub const DEFAULT_MISSING_TOKENS: &[&str] = &["", "NA", "N/A", "#N/A", ".", "NaN", "NULL"];

/// How missing cells are recognised: the default tokens plus user codes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct MissingRule {
    text: Vec<String>,
    numeric: Vec<f64>,
}

impl MissingRule {
    pub(crate) fn new(codes: &[String], decimal_comma: bool) -> Self {
        let text: Vec<String> = codes
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        let numeric = text
            .iter()
            .filter_map(|c| parse_number(c, decimal_comma))
            .collect();
        MissingRule { text, numeric }
    }

    /// Whether a cell's text marks a missing value. Numeric user codes match
    /// numerically (`-99` matches `-99.0`), all codes also match by exact text.
    pub(crate) fn is_missing(&self, cell: &str, decimal_comma: bool) -> bool {
        let cell = cell.trim();
        // no default token starts with a digit: a number's cell skips them
        let digit_first = cell.as_bytes().first().is_some_and(u8::is_ascii_digit);
        if !digit_first
            && DEFAULT_MISSING_TOKENS
                .iter()
                .any(|t| t.eq_ignore_ascii_case(cell))
        {
            return true;
        }
        if self.text.iter().any(|c| c == cell) {
            return true;
        }
        if !self.numeric.is_empty() {
            if let Some(v) = parse_number(cell, decimal_comma) {
                return self.numeric.contains(&v);
            }
        }
        false
    }
}

/// Parses a number the way a survey export writes it: optional sign, digits,
/// optional decimal point (or a single decimal comma when `decimal_comma`),
/// optional exponent. `inf`, `nan`, hexadecimal, thousands separators,
/// percent signs and non-finite results are rejected.
pub fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let t = text.trim();
    if let Some(v) = small_integer(t) {
        return Some(v);
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b',' | b'e' | b'E'))
        || !t.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let replaced;
    let t = if t.contains(',') {
        if !decimal_comma || t.contains('.') || t.matches(',').count() > 1 {
            return None;
        }
        replaced = t.replace(',', ".");
        replaced.as_str()
    } else {
        t
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole number of at most 15 digits with an optional `-` (`4`, `-99`:
/// most cells of a survey file), read without the general parser. Every
/// such integer is exactly representable, so the result is the one
/// `str::parse::<f64>` gives; anything else is left to it.
fn small_integer(t: &str) -> Option<f64> {
    let (negative, digits) = match t.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = digits
        .iter()
        .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')) as f64;
    Some(if negative { -v } else { v })
}

/// A column's measurement level as SPSS records it (*Measure* in the
/// Variable View; the system file's extension record 11): a nominal
/// variable (gender, sales channel) names categories — a grouping
/// variable, never an item; an ordinal one (a Likert item) has ordered
/// categories; a scale one is a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MeasureLevel {
    Nominal,
    Ordinal,
    Scale,
}

impl MeasureLevel {
    /// SPSS's code (1 nominal, 2 ordinal, 3 scale; 0 unknown → None).
    pub fn from_spss(code: i32) -> Option<MeasureLevel> {
        match code {
            1 => Some(MeasureLevel::Nominal),
            2 => Some(MeasureLevel::Ordinal),
            3 => Some(MeasureLevel::Scale),
            _ => None,
        }
    }
}

/// A data set as read from a file: column names and text cells.
///
/// Cells are stored trimmed and unquoted, column by column. Nothing is
/// converted to numbers until [`DataTable::numeric`] is called, so columns
/// the model does not use may hold anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataTable {
    names: Vec<String>,
    columns: Vec<Cells>,
    lines: Vec<usize>,
    delimiter: u8,
    decimal_comma: bool,
    missing: MissingRule,
    /// Per-column descriptive labels (SPSS variable labels); empty when the
    /// file has none (CSV, xlsx).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<Option<String>>,
    /// Per-column value labels (cell text → label); empty when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    value_labels: Vec<Vec<(String, String)>>,
    /// Per-column measurement levels (SPSS's *Measure*); empty when the
    /// file has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    measures: Vec<Option<MeasureLevel>>,
    /// The encoding the file's text was read in (left out when UTF-8).
    #[serde(skip_serializing_if = "TextEncoding::is_utf8")]
    encoding: TextEncoding,
    /// Each column converted to numbers, the first time it is asked for
    /// (the table never changes after reading, so a refit — every pause in
    /// typing, every bootstrap — parses the cells once, not every time).
    #[serde(skip)]
    parsed: ParsedColumns,
}

/// The text cells of one column (or of one record while reading), one
/// after another in a single buffer with the offset where each ends: the
/// CSV reader makes no `String` per cell (a file of 10,000 cells made
/// 10,000 allocations, most of the time reading it took). Compares,
/// prints and serializes as the list of its cells.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct Cells {
    text: String,
    ends: Vec<usize>,
}

impl Cells {
    /// Number of cells.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of cell `i` (None past the end).
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    /// The cells in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = &self.text[start..end];
            start = end;
            cell
        })
    }

    /// Appends a whole cell.
    pub(crate) fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.end_cell();
    }

    /// Appends text to the cell being built (see [`Cells::end_cell`]).
    pub(crate) fn push_str(&mut self, part: &str) {
        self.text.push_str(part);
    }

    /// Appends one character to the cell being built.
    pub(crate) fn push_char(&mut self, c: char) {
        self.text.push(c);
    }

    /// Ends the cell being built: the text pushed since the last cell.
    pub(crate) fn end_cell(&mut self) {
        self.ends.push(self.text.len());
    }

    /// Removes every cell, keeping the memory (a record's cells are read
    /// into the same buffer, record after record).
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
}

impl From<Vec<String>> for Cells {
    fn from(cells: Vec<String>) -> Self {
        let mut out = Cells {
            text: String::with_capacity(cells.iter().map(String::len).sum()),
            ends: Vec::with_capacity(cells.len()),
        };
        for c in &cells {
            out.push(c);
        }
        out
    }
}

impl std::fmt::Debug for Cells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Cells {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The per-column number cache of a [`DataTable`]: derived from the cells,
/// so it takes no part in comparing or printing tables.
#[derive(Clone)]
struct ParsedColumns(Vec<OnceLock<ParsedColumn>>);

impl ParsedColumns {
    fn new(n_cols: usize) -> Self {
        ParsedColumns((0..n_cols).map(|_| OnceLock::new()).collect())
    }
}

impl PartialEq for ParsedColumns {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for ParsedColumns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

/// A column as numbers (`None` = missing), or the 0-based index of its first
/// cell that is neither a number nor a missing-value code.
type ParsedColumn = Result<Vec<Option<f64>>, usize>;

impl DataTable {
    pub(crate) fn from_parts<C: Into<Cells>>(
        names: Vec<String>,
        columns: Vec<C>,
        lines: Vec<usize>,
        delimiter: u8,
        decimal_comma: bool,
        missing: MissingRule,
    ) -> Self {
        DataTable {
            parsed: ParsedColumns::new(names.len()),
            names,
            columns: columns.into_iter().map(Into::into).collect(),
            lines,
            delimiter,
            decimal_comma,
            missing,
            labels: Vec::new(),
            value_labels: Vec::new(),
            measures: Vec::new(),
            encoding: TextEncoding::Utf8,
        }
    }

    /// Attaches the columns' measurement levels (one per column); used by
    /// the SPSS reader.
    pub(crate) fn with_measures(mut self, measures: Vec<Option<MeasureLevel>>) -> Self {
        self.measures = measures;
        self
    }

    /// The measurement level the file declares for column `col` (SPSS's
    /// *Measure*: nominal, ordinal or scale), if any.
    pub fn measure(&self, col: usize) -> Option<MeasureLevel> {
        self.measures.get(col).copied().flatten()
    }

    /// The label of a cell's value (`"2"` → `"female"`), if the file gave one.
    pub fn value_label(&self, col: usize, cell: &str) -> Option<&str> {
        self.value_labels(col)
            .iter()
            .find(|(v, _)| v == cell)
            .map(|(_, l)| l.as_str())
    }

    /// Records the text encoding the file was read in (UTF-8 unless set).
    pub(crate) fn with_encoding(mut self, encoding: TextEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The text encoding the file was read in: detected or chosen for a
    /// delimited file, the file's own for SPSS, UTF-8 for `.xlsx`. Anything
    /// but [`TextEncoding::Utf8`] is worth telling the user ("read as
    /// [`TextEncoding::description`]").
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// Attaches column labels and value labels (one entry per column each,
    /// or empty for none); used by the SPSS reader. The delimiter of a
    /// table read from a binary format (xlsx, sav) is 0.
    pub(crate) fn with_labels(
        mut self,
        labels: Vec<Option<String>>,
        value_labels: Vec<Vec<(String, String)>>,
    ) -> Self {
        self.labels = labels;
        self.value_labels = value_labels;
        self
    }

    /// The descriptive label of column `col` (an SPSS variable label such as
    /// "I trust this seller"), when the file gave one.
    pub fn label(&self, col: usize) -> Option<&str> {
        self.labels.get(col)?.as_deref()
    }

    /// The value labels of column `col` as (cell text, label) pairs, e.g.
    /// `("1", "strongly disagree")`; empty when the file gave none. The cell
    /// text is written as the column's cells are, so it can be looked up.
    pub fn value_labels(&self, col: usize) -> &[(String, String)] {
        self.value_labels.get(col).map_or(&[], Vec::as_slice)
    }

    /// Column names in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of data rows (header not counted).
    pub fn n_rows(&self) -> usize {
        self.lines.len()
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.names.len()
    }

    /// 0-based position of the column called `name` (case-sensitive).
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The delimiter used (given or detected).
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Whether `3,5` is read as 3.5 in this table.
    pub fn decimal_comma(&self) -> bool {
        self.decimal_comma
    }

    /// Trimmed text of the cell at 0-based `row_index`, `col`.
    pub fn cell(&self, row_index: usize, col: usize) -> Option<&str> {
        self.columns.get(col)?.get(row_index)
    }

    /// 1-based file line on which the data row with 0-based `row_index` starts.
    pub fn line_of_row(&self, row_index: usize) -> Option<usize> {
        self.lines.get(row_index).copied()
    }

    /// Whether the text `cell` counts as missing under this table's rules.
    pub fn is_missing_text(&self, cell: &str) -> bool {
        self.missing.is_missing(cell, self.decimal_comma)
    }

    /// Whether every non-missing cell of column `col` is a number (false
    /// for an unknown column; true for a column that is entirely missing).
    pub fn is_numeric_column(&self, col: usize) -> bool {
        self.parsed_column(col).is_some_and(|c| c.is_ok())
    }

    /// Column `col` as numbers (`None` for a missing cell), or None when
    /// the column is unknown or holds a cell that is not a number: the
    /// conversion [`DataTable::numeric`] uses, without copying the column.
    pub fn numeric_column(&self, col: usize) -> Option<&[Option<f64>]> {
        self.parsed_column(col)?.as_deref().ok()
    }

    /// The first cell of column `col` that is neither a number nor a
    /// missing-value code, as [`DataError::NotANumber`] (None for a numeric
    /// or unknown column).
    /// A column with no number at all, every cell words or missing (男/女),
    /// is [`DataError::TextColumn`] instead: a category, not a cell to fix.
    pub fn first_non_number(&self, col: usize) -> Option<DataError> {
        self.parsed_column(col)?.as_ref().err()?;
        let cells = &self.columns[col];
        // no number, and every other cell has a letter (`3,5` under a
        // point decimal is a number written the other way, not a category)
        let category = |c: &str| self.is_missing_text(c) || c.chars().any(char::is_alphabetic);
        if cells.iter().all(category) {
            let mut values: Vec<String> = Vec::new();
            for c in cells.iter().filter(|c| !self.is_missing_text(c)) {
                if values.len() == 3 {
                    break;
                }
                if !values.iter().any(|v| v == c) {
                    values.push(c.to_string());
                }
            }
            return Some(DataError::TextColumn {
                column: self.names[col].clone(),
                values,
            });
        }
        self.first_text_cell(col)
    }

    /// The first cell of column `col` that is neither a number nor a
    /// missing-value code, always as [`DataError::NotANumber`] (a text
    /// column too: the page's editor places it where the model names the
    /// column); None for a numeric or unknown column.
    pub fn first_text_cell(&self, col: usize) -> Option<DataError> {
        let i = *self.parsed_column(col)?.as_ref().err()?;
        Some(DataError::NotANumber {
            column: self.names[col].clone(),
            row: i + 1,
            line: self.lines[i],
            value: self.columns[col].get(i).unwrap_or_default().to_string(),
        })
    }

    /// Column `col` as numbers, converted on first use and kept.
    fn parsed_column(&self, col: usize) -> Option<&ParsedColumn> {
        let cells = self.columns.get(col)?;
        Some(self.parsed.0[col].get_or_init(|| {
            let mut values = Vec::with_capacity(cells.len());
            for (i, cell) in cells.iter().enumerate() {
                values.push(self.cell_value(cell).ok_or(i)?);
            }
            Ok(values)
        }))
    }

    /// A cell as a number: `Some(None)` when missing, `None` when it is
    /// neither a number nor a missing-value code.
    fn cell_value(&self, cell: &str) -> Option<Option<f64>> {
        if self.is_missing_text(cell) {
            Some(None)
        } else {
            parse_number(cell, self.decimal_comma).map(Some)
        }
    }

    /// Names of the columns for which [`DataTable::is_numeric_column`] holds.
    pub fn numeric_column_names(&self) -> Vec<String> {
        (0..self.n_cols())
            .filter(|&j| self.is_numeric_column(j))
            .map(|j| self.names[j].clone())
            .collect()
    }

    /// The first `n` data rows as semlab reads them (all columns, file
    /// order): a number as the number it was parsed to (`3,5` under a
    /// decimal comma shows `3.5`), a missing cell or missing-value code
    /// (`-99` when declared, an empty cell) as `NA` (as R prints it), any
    /// other text as written. What the user sees is what the analysis uses.
    pub fn preview(&self, n: usize) -> Vec<Vec<String>> {
        (0..n.min(self.n_rows()))
            .map(|i| {
                self.columns
                    .iter()
                    .map(|c| {
                        let cell = c.get(i).unwrap_or_default();
                        match self.cell_value(cell) {
                            Some(None) => "NA".to_string(),
                            Some(Some(v)) => v.to_string(),
                            None => cell.to_string(),
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Converts the named columns (in the order given) to numbers, every row
    /// kept; missing cells become `None`. A name `x:w` that is not itself a
    /// column but whose parts are is the interaction term of a model
    /// (`y ~ x + w + x:w`): the product of the raw columns, row by row,
    /// missing where a part is missing — as lavaan builds it
    /// (lavaan `R/lav_data.R`, `lav_data_full`: the product of the raw,
    /// uncentred columns).
    ///
    /// Errors: [`DataError::UnknownColumn`] for a name not in the data,
    /// [`DataError::NotANumber`] for the first cell (in row order, then
    /// column order) that is neither a number nor a missing-value code.
    pub fn numeric<S: AsRef<str>>(&self, columns: &[S]) -> Result<NumericData, DataError> {
        // the data columns of each requested name: one, or the factors of a product
        let mut idx: Vec<Vec<usize>> = Vec::with_capacity(columns.len());
        for c in columns {
            let name = c.as_ref();
            let factors = match self.column_index(name) {
                Some(j) => Some(vec![j]),
                None if name.contains(':') => name
                    .split(':')
                    .map(|part| self.column_index(part))
                    .collect::<Option<Vec<usize>>>(),
                None => None,
            };
            match factors {
                Some(f) => idx.push(f),
                None => {
                    return Err(DataError::UnknownColumn {
                        name: name.to_string(),
                    })
                }
            }
        }
        let used: Vec<usize> = idx.iter().flatten().copied().collect();
        // the first bad cell in row order, then column order
        let bad = used
            .iter()
            .filter_map(|&j| {
                self.parsed_column(j)
                    .expect("column index from column_index")
                    .as_ref()
                    .err()
                    .map(|&i| (i, j))
            })
            .min_by_key(|&(i, _)| i);
        if let Some(e) = bad.and_then(|(_, j)| self.first_non_number(j)) {
            return Err(e);
        }
        let cols: Vec<Vec<&[Option<f64>]>> = idx
            .iter()
            .map(|f| {
                f.iter()
                    .map(|&j| {
                        self.parsed_column(j)
                            .expect("column index from column_index")
                            .as_ref()
                            .map(Vec::as_slice)
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .collect();
        let rows = (0..self.n_rows())
            .map(|i| {
                cols.iter()
                    .map(|f| f.iter().map(|c| c[i]).product::<Option<f64>>())
                    .collect()
            })
            .collect();
        Ok(NumericData {
            names: idx
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|&j| self.names[j].as_str())
                        .collect::<Vec<_>>()
                        .join(":")
                })
                .collect(),
            rows,
        })
    }

    /// The table with one more column, `name`: the composite score of
    /// `items`, the mean of a row's items (R's `rowMeans`, missing where
    /// any item is missing), written so that it reads back as the same
    /// number. How a construct enters a product term `x:w`, which lavaan
    /// takes only between observed variables.
    ///
    /// Errors: [`DataError::DuplicateColumnName`] when `name` is taken,
    /// [`DataError::UnknownColumn`] or [`DataError::NotANumber`] for the items
    /// ([`DataTable::numeric`]), [`DataError::UnknownColumn`] for no items.
    pub fn with_composite<S: AsRef<str>>(
        &self,
        name: &str,
        items: &[S],
    ) -> Result<DataTable, DataError> {
        if let Some(j) = self.column_index(name) {
            return Err(DataError::DuplicateColumnName {
                name: name.to_string(),
                first: j + 1,
                second: self.n_cols() + 1,
            });
        }
        if items.is_empty() {
            return Err(DataError::UnknownColumn {
                name: String::new(),
            });
        }
        let d = self.numeric(items)?;
        let cells: Vec<String> = d
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .copied()
                    .sum::<Option<f64>>()
                    .map(|s| format!("{}", s / r.len() as f64))
                    .unwrap_or_default()
            })
            .collect();
        let mut t = self.clone();
        t.names.push(name.to_string());
        t.columns.push(cells.into());
        if !t.labels.is_empty() {
            t.labels.push(None);
        }
        if !t.value_labels.is_empty() {
            t.value_labels.push(Vec::new());
        }
        if !t.measures.is_empty() {
            t.measures.push(Some(MeasureLevel::Scale));
        }
        t.parsed = ParsedColumns::new(t.names.len());
        Ok(t)
    }

    /// [`DataTable::numeric`] with the variables of every interaction term
    /// mean-centred first, as PROCESS's centring option: each part of an
    /// `x:w` term (and that variable's own column, where the model has it)
    /// minus its mean over the rows complete on all `columns` (the rows
    /// listwise deletion analyses), and the product made of the centred
    /// values. Without an interaction term, the same as `numeric`.
    pub fn numeric_centered<S: AsRef<str>>(&self, columns: &[S]) -> Result<NumericData, DataError> {
        let mut data = self.numeric(columns)?;
        let mut parts: Vec<&str> = data
            .names
            .iter()
            .filter(|n| n.contains(':'))
            .flat_map(|n| n.split(':'))
            .collect();
        crate::sorting::sort(&mut parts);
        parts.dedup();
        if parts.is_empty() {
            return Ok(data);
        }
        let raw = self.numeric(&parts)?;
        let complete: Vec<usize> = (0..data.n_rows())
            .filter(|&i| data.rows[i].iter().all(Option::is_some))
            .collect();
        let means: Vec<f64> = (0..parts.len())
            .map(|k| {
                complete.iter().filter_map(|&i| raw.rows[i][k]).sum::<f64>() / complete.len() as f64
            })
            .collect();
        let centred = |i: usize, part: &str| {
            let k = parts.iter().position(|p| *p == part)?;
            raw.rows[i][k].map(|v| v - means[k])
        };
        for (j, name) in data.names.clone().iter().enumerate() {
            let factors: Vec<&str> = name.split(':').collect();
            if !factors.iter().all(|f| parts.contains(f)) {
                continue;
            }
            for i in 0..data.n_rows() {
                data.rows[i][j] = factors.iter().map(|f| centred(i, f)).product();
            }
        }
        Ok(data)
    }
}

/// Chosen columns as numbers, row-major, every data row kept in file order:
/// `rows[i][j]` is column `names[j]` of data row `i + 1`; `None` = missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumericData {
    /// Column names, in the order requested.
    pub names: Vec<String>,
    /// One entry per data row.
    pub rows: Vec<Vec<Option<f64>>>,
}

impl NumericData {
    /// Number of rows (all rows read, missing or not).
    pub fn n_rows(&self) -> usize {
        self.rows.len()
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.names.len()
    }

    /// Values of column `j` (empty when out of range).
    pub fn column(&self, j: usize) -> Vec<Option<f64>> {
        if j >= self.n_cols() {
            return Vec::new();
        }
        self.rows
            .iter()
            .map(|r| r.get(j).copied().flatten())
            .collect()
    }

    /// Listwise deletion: keeps the rows with a value in every column.
    pub fn listwise(&self) -> Complete {
        let p = self.n_cols();
        let mut values = Vec::new();
        let mut dropped_rows = Vec::new();
        let mut used = 0;
        for (i, row) in self.rows.iter().enumerate() {
            if row.len() == p && row.iter().all(Option::is_some) {
                values.extend(row.iter().map(|v| v.unwrap_or(f64::NAN)));
                used += 1;
            } else {
                dropped_rows.push(i + 1);
            }
        }
        Complete {
            names: self.names.clone(),
            data: DMatrix::from_row_slice(used, p, &values),
            rows_read: self.n_rows(),
            rows_used: used,
            dropped_rows,
        }
    }

    /// The distinct patterns of observed/missing values, ordered as lavaan
    /// orders them for its data object (`lav_data_missing_patterns(...,
    /// sort.freq = TRUE)`): most frequent first, ties by the 0/1 pattern
    /// string ascending (1 = observed). Rows missing on every column belong to no
    /// pattern; they are listed in [`MissingPatterns::empty_row_indices`]
    /// (lavaan drops such cases with a warning).
    pub fn patterns(&self) -> MissingPatterns {
        let p = self.n_cols();
        let mut map: std::collections::BTreeMap<Vec<bool>, Vec<usize>> =
            std::collections::BTreeMap::new();
        let mut empty = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let obs: Vec<bool> = (0..p)
                .map(|j| row.get(j).copied().flatten().is_some())
                .collect();
            if obs.iter().any(|&o| o) {
                map.entry(obs).or_default().push(i);
            } else {
                empty.push(i);
            }
        }
        let mut patterns: Vec<MissingPattern> = map
            .into_iter()
            .map(|(observed, row_indices)| MissingPattern {
                count: row_indices.len(),
                observed,
                row_indices,
            })
            .collect();
        // Stable: equal counts keep the BTreeMap's ascending pattern order.
        crate::sorting::sort_by_key(&mut patterns, |p| std::cmp::Reverse(p.count));
        MissingPatterns {
            names: self.names.clone(),
            patterns,
            empty_row_indices: empty,
        }
    }

    /// Per-column descriptives; see [`super::describe::describe`].
    pub fn describe(&self) -> Vec<super::describe::ItemDescriptives> {
        super::describe::describe(self)
    }
}

/// The complete cases of some columns (listwise deletion).
#[derive(Debug, Clone, PartialEq)]
pub struct Complete {
    /// Column names.
    pub names: Vec<String>,
    /// `rows_used` × p matrix of values, rows in file order.
    pub data: DMatrix<f64>,
    /// Rows in the file.
    pub rows_read: usize,
    /// Rows without any missing value in these columns.
    pub rows_used: usize,
    /// Data row numbers (1-based, header not counted) of the rows left out.
    pub dropped_rows: Vec<usize>,
}

impl Complete {
    /// Mean vector; see [`super::moments::mean_vector`].
    pub fn mean(&self) -> nalgebra::DVector<f64> {
        super::moments::mean_vector(&self.data)
    }

    /// Covariance with divisor N; see [`super::moments::covariance_n`].
    pub fn covariance_n(&self) -> DMatrix<f64> {
        super::moments::covariance_n(&self.data)
    }

    /// Covariance with divisor N − 1; see [`super::moments::covariance_n1`].
    pub fn covariance_n1(&self) -> DMatrix<f64> {
        super::moments::covariance_n1(&self.data)
    }

    /// Pearson correlations; see [`super::moments::correlation`].
    pub fn correlation(&self) -> DMatrix<f64> {
        super::moments::correlation(&self.data)
    }

    /// Mardia's tests; see [`super::describe::mardia`].
    pub fn mardia(&self) -> Result<super::describe::Mardia, DataError> {
        super::describe::mardia_named(&self.data, Some(&self.names))
    }
}

/// Missing-data patterns of a [`NumericData`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingPatterns {
    /// Column names.
    pub names: Vec<String>,
    /// Distinct patterns with at least one observed value, most frequent first.
    pub patterns: Vec<MissingPattern>,
    /// 0-based indices of rows with every value missing.
    pub empty_row_indices: Vec<usize>,
}

/// One pattern of observed values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingPattern {
    /// `observed[j]`: column `j` has a value in these rows.
    pub observed: Vec<bool>,
    /// Number of rows with this pattern.
    pub count: usize,
    /// 0-based indices into [`NumericData::rows`], ascending.
    pub row_indices: Vec<usize>,
}

impl MissingPatterns {
    /// Number of rows that have at least one value.
    pub fn n_nonempty(&self) -> usize {
        self.patterns.iter().map(|p| p.count).sum()
    }

    /// Coverage: entry (j, k) is the proportion of non-empty rows in which
    /// both column j and column k are observed (lavaan's `Mp$coverage`).
    pub fn coverage(&self) -> DMatrix<f64> {
        let p = self.names.len();
        let total = self.n_nonempty();
        let mut c = DMatrix::zeros(p, p);
        for pat in &self.patterns {
            for j in 0..p {
                for k in 0..p {
                    if pat.observed.get(j) == Some(&true) && pat.observed.get(k) == Some(&true) {
                        c[(j, k)] += pat.count as f64;
                    }
                }
            }
        }
        if total > 0 {
            c /= total as f64;
        }
        c
    }
}
