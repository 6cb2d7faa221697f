//! Choosing the reader for a dropped file, and what all readers share.
//!
//! In: the file's bytes and name (for its extension), a sheet choice for
//! workbooks, and [`ReadOptions`].
//! Out: a [`DataTable`] from the right reader ([`read_any`]), or a
//! [`DataError`] that says what the file is and how to save it when semlab
//! cannot read that format.

use super::progress::Progress;
use super::sav::read_sav_inner;
use super::xlsx::read_xlsx_inner;
use super::{read_table_inner, DataError, DataTable, ReadOptions};

/// Writes a number so that [`super::parse_number`] reads back the identical
/// `f64`: Rust's shortest round-trip form, in exponent notation for very
/// large or very small magnitudes (`1e300`, `1.5e-7`), `0` for ±0.
pub(crate) fn format_number(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 {
        "0".to_string()
    } else if !(1e-5..1e15).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn unsupported(format: &str, advice: &str) -> DataError {
    DataError::UnsupportedFormat {
        format: format.into(),
        advice: advice.into(),
    }
}

/// Reads a data file of any supported kind into a [`DataTable`].
///
/// The format is chosen by the first bytes, then by the extension of
/// `file_name` (case-insensitive):
/// - `PK\x03\x04` (a zip archive) → [`read_xlsx`] with `sheet` (`None` = the
///   first sheet); OpenDocument, `.xlsb`, Word and other archives get a
///   message saying what they are;
/// - `$FL2` / `$FL3` → [`read_sav`] (`sheet` is ignored);
/// - the old Office signature (`D0 CF 11 E0`) → an old `.xls` workbook (or,
///   named `.xlsx`, a password-protected one): a message to save as `.xlsx`
///   or CSV;
/// - `.xls`, `.ods`, `.dta`, `.sas7bdat`, `.xpt`, `.por`, `.rds`, `.rdata`,
///   `.json`, `.parquet`, ... → a message naming the format and how to
///   export it; `.xlsx` or `.sav` without their signature → damaged file;
/// - anything else (`.csv`, `.tsv`, `.txt`, `.dat`, no extension) →
///   [`read_table`], which detects the delimiter.
pub fn read_any(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<usize>,
    opts: &ReadOptions,
) -> Result<DataTable, DataError> {
    read_any_inner(bytes, file_name, sheet, opts, &mut Progress::none())
}

/// [`read_any`] that reports how far it has come and can be stopped:
/// `progress` is called with the fraction done (0 to 1, never
/// decreasing, exactly 1 once the table is complete); when it returns
/// `false` the read stops with [`DataError::Cancelled`]. Each reader
/// reports as it goes: delimited text the share of the text split into
/// rows ([`super::read_table_with_progress`]), a workbook the share of its
/// sheet read, an SPSS file the share of its cases. The table, or the
/// error, is the one [`read_any`] gives.
pub fn read_any_with_progress(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<usize>,
    opts: &ReadOptions,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<DataTable, DataError> {
    read_any_inner(bytes, file_name, sheet, opts, &mut Progress::new(progress))
}

fn read_any_inner(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<usize>,
    opts: &ReadOptions,
    progress: &mut Progress,
) -> Result<DataTable, DataError> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let table = read_xlsx_inner(bytes, sheet, opts, progress)?;
        progress.report(1.0)?;
        return Ok(table);
    }
    if bytes.starts_with(b"$FL2") || bytes.starts_with(b"$FL3") {
        let table = read_sav_inner(bytes, opts, progress)?;
        progress.report(1.0)?;
        return Ok(table);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(if matches!(ext.as_str(), "xlsx" | "xlsm") {
            unsupported(
                "a password-protected Excel workbook (or an old .xls file renamed to .xlsx)",
                "open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx (Excel Workbook) or CSV",
            )
        } else {
            unsupported(
                "an old Excel workbook (.xls) or another old Office file",
                "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV",
            )
        });
    }
    match ext.as_str() {
        "xlsx" | "xlsm" => Err(DataError::CorruptFile {
            format: "Excel workbook (.xlsx)".into(),
            detail: "the file does not start like an .xlsx workbook (it may be damaged, or another kind of file renamed)".into(),
        }),
        "sav" | "zsav" => Err(DataError::CorruptFile {
            format: "SPSS data file (.sav)".into(),
            detail: "the file does not start with the SPSS signature \"$FL2\" (it may be damaged, or another kind of file renamed)".into(),
        }),
        "xls" if !bytes.is_ascii() => Err(unsupported(
            "an old Excel workbook (.xls)",
            "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV",
        )),
        "ods" | "fods" => Err(unsupported(
            "an OpenDocument spreadsheet (.ods)",
            "open it in LibreOffice or Excel and save it as .xlsx or CSV",
        )),
        "numbers" => Err(unsupported(
            "an Apple Numbers spreadsheet",
            "export it from Numbers as Excel (.xlsx) or CSV",
        )),
        "dta" => Err(unsupported(
            "a Stata data file (.dta)",
            "export it from Stata as CSV (export delimited) or Excel (export excel)",
        )),
        "sas7bdat" | "xpt" | "sas7bcat" => Err(unsupported(
            "a SAS data file",
            "export it from SAS as CSV (PROC EXPORT) or .xlsx",
        )),
        "por" => Err(unsupported(
            "an SPSS portable file (.por)",
            "open it in SPSS or PSPP and save it as a .sav data file or as CSV",
        )),
        "sps" => Err(unsupported(
            "an SPSS syntax file, not a data file",
            "load the .sav data file instead",
        )),
        "spv" | "spo" => Err(unsupported(
            "an SPSS output file, not a data file",
            "load the .sav data file instead",
        )),
        "rds" | "rdata" | "rda" => Err(unsupported(
            "an R data file",
            "write the data frame out from R with write.csv() (or haven::write_sav())",
        )),
        "json" => Err(unsupported(
            "a JSON file",
            "save the data as CSV or .xlsx with one column per variable",
        )),
        "parquet" | "feather" | "arrow" => Err(unsupported(
            "a columnar data file (Parquet/Arrow)",
            "save the data as CSV",
        )),
        "mat" => Err(unsupported(
            "a MATLAB data file",
            "save the data as CSV (writetable)",
        )),
        _ => read_table_inner(bytes, opts, progress),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_exactly() {
        for &x in &[
            0.1,
            1.0 / 3.0,
            3.3333333,
            -2.5e-7,
            1e300,
            123456789012345680.0,
            5e-324,
            f64::MAX,
            -0.0,
            42.0,
        ] {
            let s = format_number(x);
            let back = super::super::parse_number(&s, false).unwrap();
            assert_eq!(back, x, "{s}");
        }
        assert_eq!(format_number(42.0), "42");
        assert_eq!(format_number(0.5), "0.5");
    }
}
