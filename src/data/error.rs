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

use crate::i18n::zh::{self, phrase};
use crate::i18n::{Lang, Localized};
use serde::Serialize;
use std::fmt;

/// Everything that can go wrong while reading a data file or a covariance
/// matrix, or while computing something from the data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum DataError {
    /// The file has no content (or only blank lines).
    EmptyFile,
    /// The read was stopped by its caller (the person pressed *Cancel*),
    /// through the progress callback of [`super::read_any_with_progress`].
    Cancelled,
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
    /// A column used as numeric holds text in every cell that is not
    /// missing (a category such as 男/女): no cell to fix, the column needs
    /// recoding.
    TextColumn {
        /// Column name.
        column: String,
        /// Its first distinct values (at most three), in row order.
        values: Vec<String>,
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
    /// A worksheet column holds formulas whose results were never
    /// calculated (the workbook was written by a program that does not
    /// calculate, and never opened and saved in Excel), so it has no values.
    UncalculatedFormulas {
        /// Sheet name.
        sheet: String,
        /// The column's name (its header cell), or its letter when it has none.
        column: String,
        /// The first such cell, such as `C2`.
        cell: String,
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
            Cancelled => write!(f, "Reading the file was cancelled; the data in use are unchanged."),
            EmptyFile => write!(f, "The file is empty: it needs a header row with the column names and at least one row of data."),
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
            TextColumn { column, values } => write!(f, "Column \"{column}\" holds text, not numbers ({}): a category cannot enter the model as it is; recode it as numbers (e.g. 0 and 1 for two categories), or compare groups by it (the group column).", quoted_list(values)),
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
            UncalculatedFormulas { sheet, column, cell } => write!(f, "Sheet \"{sheet}\", column \"{column}\" (from cell {cell}): this column holds formulas that were never calculated, so it has no values; open the file in Excel (or LibreOffice), save it, and load it again."),
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

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A data error in Chinese.
fn zh_text(e: &DataError) -> String {
    use DataError::*;
    match e {
        Cancelled => "已取消读取文件；正在使用的数据没有改变。".into(),
        EmptyFile => "文件为空：需要一行列名（表头）和至少一行数据。".into(),
        NotText { looks_like } => format!("这不是文本（CSV）文件：它看起来是{}。请另存为 CSV（逗号或制表符分隔的文本）后载入。", phrase(looks_like)),
        InvalidUtf8 { line } => format!("文件第 {line} 行含有无效的 UTF-8 字符；请将文件另存为 UTF-8（在 Excel 中选择“CSV UTF-8”）后重新载入。"),
        InvalidDelimiter { delimiter } => {
            let d = match *delimiter {
                b'\t' => "制表符".to_string(),
                b'\n' | b'\r' => "换行符".to_string(),
                0x20..=0x7e => format!("'{}'", *delimiter as char),
                b => format!("字节 0x{b:02X}"),
            };
            format!("所选分隔符 {d} 不可用；请选择逗号、分号、制表符或其他单个 ASCII 字符（不能是引号或换行）。")
        }
        UnclosedQuote { line } => format!("第 {line} 行：某个单元格以双引号（\"）开头却没有闭合；请检查该行是否缺少或多出引号。"),
        EmptyColumnName { column } => format!("表头（第一行）中第 {column} 列没有名称；请为每一列命名。"),
        DuplicateColumnName { name, first, second } => format!("列名“{name}”在表头中出现了两次（第 {first} 列和第 {second} 列）；列名必须唯一。"),
        NoDataRows => "文件只有表头，没有数据行。".into(),
        WrongFieldCount { row, line, expected, found } => format!("第 {row} 行数据（文件第 {line} 行）有 {found} 个值，而表头有 {expected} 个列名。"),
        UnknownColumn { name } => format!("数据中没有名为“{name}”的列（列名区分大小写）。"),
        NotANumber { column, row, line, value } => format!("列“{column}”第 {row} 行（文件第 {line} 行）：“{value}”不是数字；请修改该单元格，若它表示缺失回答，可将其加入缺失值代码。"),
        TextColumn { column, values } => format!("列“{column}”是文本而不是数字（{}）：类别变量不能直接进入模型；请将其重新编码为数字（如两类编码为 0 和 1），或将其作为分组列比较各组。", zh::quoted_list(values)),
        TooFewRows { what, needed, found } => format!("{}至少需要 {needed} 行完整数据，而数据只有 {found} 行。", phrase(what)),
        SingularData { what, constant_columns } => {
            if constant_columns.is_empty() {
                format!("无法计算{}：题项线性相关（某个题项是其他题项的组合）；请删除多余的题项。", phrase(what))
            } else {
                format!("无法计算{}：列 {} 在所有完整行中取值相同；请删除。", phrase(what), zh::quoted_list(constant_columns))
            }
        }
        CovarianceNoNames => "协方差矩阵的第一行应为变量名，其后是数值行。".into(),
        CovarianceDuplicateName { name, first, second } => format!("变量名“{name}”在协方差矩阵的表头中出现了两次（第 {first} 个和第 {second} 个）；变量名必须唯一。"),
        CovarianceBadValue { line, position, value } => {
            if value.is_empty() {
                format!("协方差矩阵第 {line} 行第 {position} 个值为空；每个元素都必须是数字。")
            } else {
                format!("协方差矩阵第 {line} 行第 {position} 个值：“{value}”不是数字。")
            }
        }
        CovarianceShape { line, variables, detail } => {
            if *line == 0 {
                format!("{variables} 个变量的协方差矩阵必须是完整的 {variables}×{variables} 矩阵或下三角矩阵（第 1 行 1 个值，第 2 行 2 个值，……）：{detail}。")
            } else {
                format!("协方差矩阵第 {line} 行：{detail}（{variables} 个变量请给出完整的 {variables}×{variables} 矩阵或下三角矩阵：第 1 行 1 个值，第 2 行 2 个值，……）。")
            }
        }
        CovarianceRowName { line, expected, found } => format!("协方差矩阵第 {line} 行：该行名为“{found}”，但按表头应为“{expected}”；各行顺序必须与表头一致。"),
        CovarianceNotSymmetric { row, column, value, mirrored } => format!("协方差矩阵不对称：行“{row}”列“{column}”为 {value}，而行“{column}”列“{row}”为 {mirrored}。"),
        CovarianceNonPositiveVariance { name, value } => format!("“{name}”的方差（对角线元素）为 {value}；方差必须大于零。"),
        CovarianceCorrelationOutOfRange { row, column, correlation } => format!("“{row}”与“{column}”的协方差相对于其方差过大（意味着相关系数为 {correlation:.3}，超出 ±1）；请检查这些元素是否有输入错误。"),
        CovarianceNotPositiveDefinite => "协方差矩阵不是正定矩阵（任何真实数据都不会产生它）；请检查元素是否有输入错误，或删除作为其他变量组合的变量。".into(),
        InvalidSampleSize { n_obs } => format!("与协方差矩阵一起给出的观测数为 {n_obs}；至少应为 2。"),
        UnsupportedFormat { format, advice } => format!("该文件是{}，semlab 无法读取；{}。", phrase(format), phrase(advice)),
        CorruptFile { format, detail } => format!("无法读取该{}：{detail}。如果它能在原程序中打开，请重新保存（或另存为 CSV）后载入新文件。", phrase(format)),
        FileTooLarge { format, detail } => format!("该{}太大，无法在此读取：{detail}。", phrase(format)),
        SheetNotFound { index, sheets } => format!("工作簿有 {} 个工作表（{}）；没有第 {} 个工作表。", sheets.len(), zh::quoted_list(sheets), index + 1),
        SheetProblem { sheet, cell: Some(cell), problem } => format!("工作表“{sheet}”单元格 {cell}：{problem}。"),
        SheetProblem { sheet, cell: None, problem } => format!("工作表“{sheet}”：{problem}。"),
        UncalculatedFormulas { sheet, column, cell } => format!("工作表“{sheet}”列“{column}”（自单元格 {cell} 起）：此列是从未计算过的公式，因此没有数值；请在 Excel（或 LibreOffice）中打开并保存该文件，然后重新载入。"),
        SavVariable { variable, problem } => format!("SPSS 变量“{variable}”：{problem}。"),
        UnsupportedEncoding { encoding, context } => format!("该 SPSS 文件的文本使用 {encoding} 编码，semlab 无法解码（{context}）；请在 SPSS 中切换到 Unicode 模式（编辑 > 选项 > 语言），打开文件后重新保存，或另存为 CSV（UTF-8）。"),
    }
}

impl Localized for DataError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}
