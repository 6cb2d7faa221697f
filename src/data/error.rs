//! Errors of the data layer.
//!
//! In: nothing — every other `data` submodule returns these.
//! Out: [`DataError`], a serializable enum whose `Display` is one plain-English
//! line for a survey researcher, naming where the problem is (line of the
//! file, data row, column name, value).
//!
//! Numbering used in every message:
//! - **row** = data row, 1-based, the header not counted (row 1 is the first
//!   respondent; in a spreadsheet it is sheet row 2);
//! - **line** = physical line of the file, 1-based, the header being line 1
//!   (differs from row + 1 when blank lines are skipped or a quoted cell
//!   spans several lines);
//! - **column** (position) = 1-based, counted from the left.

use serde::Serialize;
use std::fmt;

/// Everything that can go wrong while reading a data file or a covariance
/// matrix, or while computing something from the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum DataError {
    /// The file has no content (or only blank lines).
    EmptyFile,
    /// The file starts with a UTF-16 byte-order mark.
    Utf16,
    /// The bytes look like an Excel workbook or another binary format.
    NotText {
        /// What the file looks like ("an Excel workbook (.xlsx)", ...).
        looks_like: String,
    },
    /// A byte sequence that is not valid UTF-8.
    InvalidUtf8 {
        /// 1-based line of the file.
        line: usize,
    },
    /// `ReadOptions::delimiter` is unusable (a quote, line break, or non-ASCII byte).
    InvalidDelimiter {
        /// The byte given.
        delimiter: u8,
    },
    /// A quoted cell whose closing quote never comes.
    UnclosedQuote {
        /// 1-based line where the quoted cell starts.
        line: usize,
    },
    /// A header cell is empty.
    EmptyColumnName {
        /// 1-based column position.
        column: usize,
    },
    /// Two header cells carry the same name.
    DuplicateColumnName {
        /// The repeated name.
        name: String,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of the repetition.
        second: usize,
    },
    /// A header but no data rows.
    NoDataRows,
    /// A data row has a different number of cells than the header.
    WrongFieldCount {
        /// 1-based data row.
        row: usize,
        /// 1-based line of the file.
        line: usize,
        /// Number of column names in the header.
        expected: usize,
        /// Number of cells in this row.
        found: usize,
    },
    /// A requested column is not in the data.
    UnknownColumn {
        /// The name asked for.
        name: String,
    },
    /// A cell of a column used as numeric is neither a number nor a missing-value code.
    NotANumber {
        /// Column name.
        column: String,
        /// 1-based data row.
        row: usize,
        /// 1-based line of the file.
        line: usize,
        /// The cell's text.
        value: String,
    },
    /// A computation needs more complete rows than there are.
    TooFewRows {
        /// What was being computed.
        what: String,
        /// Rows needed.
        needed: usize,
        /// Complete rows available.
        found: usize,
    },
    /// The sample covariance matrix of the items cannot be inverted.
    SingularData {
        /// What was being computed.
        what: String,
        /// Columns that are constant (may be empty when the dependence is subtler).
        constant_columns: Vec<String>,
    },
    /// The covariance text has no line of variable names.
    CovarianceNoNames,
    /// A variable name repeats in the covariance header.
    CovarianceDuplicateName {
        /// The repeated name.
        name: String,
        /// 1-based position of its first occurrence.
        first: usize,
        /// 1-based position of the repetition.
        second: usize,
    },
    /// A covariance cell that is not a number.
    CovarianceBadValue {
        /// 1-based line of the text.
        line: usize,
        /// 1-based position of the value on that line (after any row name).
        position: usize,
        /// The text found.
        value: String,
    },
    /// The covariance rows do not form a full square or a lower triangle.
    CovarianceShape {
        /// 1-based line of the text where the shape breaks (0 = whole text).
        line: usize,
        /// Number of variable names.
        variables: usize,
        /// Plain description of what was found.
        detail: String,
    },
    /// A row name in the covariance matrix does not match the header.
    CovarianceRowName {
        /// 1-based line of the text.
        line: usize,
        /// The name the header says should be there.
        expected: String,
        /// The name found.
        found: String,
    },
    /// The full matrix is not symmetric.
    CovarianceNotSymmetric {
        /// Row variable.
        row: String,
        /// Column variable.
        column: String,
        /// Value in row `row`, column `column`.
        value: f64,
        /// Value in row `column`, column `row`.
        mirrored: f64,
    },
    /// A variance (diagonal element) is zero or negative.
    CovarianceNonPositiveVariance {
        /// The variable.
        name: String,
        /// Its variance.
        value: f64,
    },
    /// A covariance implies a correlation beyond ±1.
    CovarianceCorrelationOutOfRange {
        /// First variable.
        row: String,
        /// Second variable.
        column: String,
        /// The implied correlation.
        correlation: f64,
    },
    /// The covariance matrix is not positive definite.
    CovarianceNotPositiveDefinite,
    /// The number of observations given with a covariance matrix is too small.
    InvalidSampleSize {
        /// The number given.
        n_obs: usize,
    },
    /// A file format semlab does not read (old Excel `.xls`, OpenDocument,
    /// Stata, SAS, ...), or a feature of a format it does not support.
    UnsupportedFormat {
        /// What the file is ("an old Excel workbook (.xls)", ...).
        format: String,
        /// What to do instead.
        advice: String,
    },
    /// A workbook or SPSS file that is damaged, cut short, or not what it claims to be.
    CorruptFile {
        /// The kind of file ("Excel workbook (.xlsx)", "SPSS data file (.sav)").
        format: String,
        /// What is wrong, in plain words.
        detail: String,
    },
    /// A file larger than semlab reads (a bound that protects the browser tab).
    FileTooLarge {
        /// The kind of file.
        format: String,
        /// What exceeds which limit.
        detail: String,
    },
    /// The requested sheet does not exist in the workbook.
    SheetNotFound {
        /// 0-based sheet index asked for.
        index: usize,
        /// The names of the sheets there are, in workbook order.
        sheets: Vec<String>,
    },
    /// A problem in one sheet (and possibly one cell) of a workbook.
    SheetProblem {
        /// Sheet name.
        sheet: String,
        /// Cell reference such as `C17`, when one cell is at fault.
        cell: Option<String>,
        /// What is wrong, in plain words.
        problem: String,
    },
    /// A problem with one variable of an SPSS file.
    SavVariable {
        /// The variable's name (as far as it could be read).
        variable: String,
        /// What is wrong, in plain words.
        problem: String,
    },
    /// Text in an SPSS file is stored in an encoding semlab cannot decode.
    UnsupportedEncoding {
        /// The encoding named by the file ("GBK", "code page 874", ...).
        encoding: String,
        /// Where the undecodable text is ("the name of variable 3", ...).
        context: String,
    },
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use DataError::*;
        match self {
            EmptyFile => write!(f, "The file is empty: it needs a header row with the column names and at least one row of data."),
            Utf16 => write!(f, "The file is saved as UTF-16 text; save it as UTF-8 (in Excel: \"CSV UTF-8\") and load it again."),
            NotText { looks_like } => write!(f, "This is not a text (CSV) file: it looks like {looks_like}. Save it as CSV (comma- or tab-separated text) and load that."),
            InvalidUtf8 { line } => write!(f, "Line {line} of the file contains characters that are not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\") and load it again."),
            InvalidDelimiter { delimiter } => write!(f, "The chosen separator {} cannot be used; choose a comma, semicolon, tab or another single ASCII character that is not a quote or line break.", describe_byte(*delimiter)),
            UnclosedQuote { line } => write!(f, "Line {line}: a cell starts with a double quote (\") that is never closed; check that line for a missing or stray quote."),
            EmptyColumnName { column } => write!(f, "Column {column} has no name in the header row (the first line); give every column a name."),
            DuplicateColumnName { name, first, second } => write!(f, "The column name \"{name}\" appears twice in the header row (columns {first} and {second}); column names must be unique."),
            NoDataRows => write!(f, "The file has a header row but no data rows."),
            WrongFieldCount { row, line, expected, found } => write!(f, "Row {row} (line {line} of the file) has {found} {} but the header has {expected} column names.", plural(*found, "value", "values")),
            UnknownColumn { name } => write!(f, "There is no column named \"{name}\" in the data (names are case-sensitive)."),
            NotANumber { column, row, line, value } => write!(f, "Column \"{column}\", row {row} (line {line} of the file): \"{value}\" is not a number; fix the cell, or add it to the missing-value codes if it marks a missing answer."),
            TooFewRows { what, needed, found } => write!(f, "{what} needs at least {needed} complete {} but the data have {found}.", plural(*needed, "row", "rows")),
            SingularData { what, constant_columns } => {
                if constant_columns.is_empty() {
                    write!(f, "{what} cannot be computed: the items are linearly dependent (one item is a combination of others); remove the redundant item.")
                } else {
                    let k = constant_columns.len();
                    write!(f, "{what} cannot be computed: {} {} {} the same value in every complete row; remove {}.", plural(k, "column", "columns"), quoted_list(constant_columns), plural(k, "has", "have"), plural(k, "it", "them"))
                }
            }
            CovarianceNoNames => write!(f, "The covariance matrix needs the variable names on its first line, then the rows of numbers."),
            CovarianceDuplicateName { name, first, second } => write!(f, "The variable name \"{name}\" appears twice in the covariance matrix header (positions {first} and {second}); names must be unique."),
            CovarianceBadValue { line, position, value } => {
                if value.is_empty() {
                    write!(f, "Covariance matrix, line {line}, value {position} is empty; every entry must be a number.")
                } else {
                    write!(f, "Covariance matrix, line {line}, value {position}: \"{value}\" is not a number.")
                }
            }
            CovarianceShape { line, variables, detail } => {
                if *line == 0 {
                    write!(f, "The covariance matrix for {variables} variables must be a full {variables}×{variables} matrix or a lower triangle (row 1 with 1 value, row 2 with 2, ...): {detail}.")
                } else {
                    write!(f, "Covariance matrix, line {line}: {detail} (for {variables} variables give a full {variables}×{variables} matrix or a lower triangle: row 1 with 1 value, row 2 with 2, ...).")
                }
            }
            CovarianceRowName { line, expected, found } => write!(f, "Covariance matrix, line {line}: the row is named \"{found}\" but the header says it should be \"{expected}\"; rows must be in the same order as the header."),
            CovarianceNotSymmetric { row, column, value, mirrored } => write!(f, "The covariance matrix is not symmetric: row \"{row}\", column \"{column}\" is {value} but row \"{column}\", column \"{row}\" is {mirrored}."),
            CovarianceNonPositiveVariance { name, value } => write!(f, "The variance of \"{name}\" (its diagonal entry) is {value}; variances must be greater than zero."),
            CovarianceCorrelationOutOfRange { row, column, correlation } => write!(f, "The covariance of \"{row}\" and \"{column}\" is too large for their variances (it implies a correlation of {correlation:.3}, beyond ±1); check these entries for a typo."),
            CovarianceNotPositiveDefinite => write!(f, "The covariance matrix is not positive definite (no real data could produce it); check the entries for typos, or remove a variable that is a combination of others."),
            InvalidSampleSize { n_obs } => write!(f, "The number of observations given with the covariance matrix is {n_obs}; it must be at least 2."),
            UnsupportedFormat { format, advice } => write!(f, "This file is {format}, which semlab cannot read; {advice}."),
            CorruptFile { format, detail } => write!(f, "The {format} cannot be read: {detail}. If it opens in its own program, save it again (or save it as CSV) and load the new file."),
            FileTooLarge { format, detail } => write!(f, "The {format} is too large to read here: {detail}."),
            SheetNotFound { index, sheets } => write!(f, "The workbook has {} {} ({}); there is no sheet number {}.", sheets.len(), plural(sheets.len(), "sheet", "sheets"), quoted_list(sheets), index + 1),
            SheetProblem { sheet, cell: Some(cell), problem } => write!(f, "Sheet \"{sheet}\", cell {cell}: {problem}."),
            SheetProblem { sheet, cell: None, problem } => write!(f, "Sheet \"{sheet}\": {problem}."),
            SavVariable { variable, problem } => write!(f, "SPSS variable \"{variable}\": {problem}."),
            UnsupportedEncoding { encoding, context } => write!(f, "The SPSS file stores its text in the {encoding} encoding, which semlab cannot decode ({context}); in SPSS switch to Unicode mode (Edit > Options > Language), open the file and save it again, or save it as CSV (UTF-8)."),
        }
    }
}

impl std::error::Error for DataError {}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe_byte(b: u8) -> String {
    match b {
        b'\t' => "tab".to_string(),
        b'\n' => "line feed".to_string(),
        b'\r' => "carriage return".to_string(),
        b'"' => "'\"'".to_string(),
        0x20..=0x7e => format!("'{}'", b as char),
        _ => format!("byte 0x{b:02X}"),
    }
}
