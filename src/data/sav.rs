//! SPSS system files (`.sav`, `.zsav`) → [`DataTable`].
//!
//! In: the bytes of an SPSS system file and [`ReadOptions`].
//! Out: a [`DataTable`] whose columns are the file's variables (long names
//! when the file has them), with variable labels ([`DataTable::label`]) and
//! value labels ([`DataTable::value_labels`]); numeric values are written so
//! that they read back exactly, string variables become text columns.
//!
//! Supported (layout as documented by GNU PSPP, "System File Format"):
//! - header `$FL2` (uncompressed or bytecode-compressed) and `$FL3` (zlib
//!   blocks, as written by SPSS 21+ "compressed .zsav"), little- and
//!   big-endian files;
//! - variable records with long-string continuations, variable labels,
//!   missing-value specifications (up to three values, a range, or a range
//!   plus a value; `LO`/`HI` bounds included);
//! - value labels (records 3 and 4; long-string labels in extension 21),
//!   document records (skipped), extension records 3 (character code),
//!   4 (system-missing value), 11 (measurement levels:
//!   [`DataTable::measure`]), 13 (long variable names), 14 (very long
//!   strings, over 255 bytes), 20 (encoding name), 22 (long-string missing
//!   values); other extensions are skipped;
//! - data: system-missing and user-missing values are written as empty
//!   cells, i.e. missing; [`ReadOptions::missing_codes`] apply on top;
//! - text encodings: UTF-8, Windows-1252 (decoded by table), ISO-8859-1,
//!   ASCII, and Chinese GBK / GB2312 / GB18030 (code page 936 or 54936, or
//!   an encoding record naming `GBK`, `GB2312`, `GB18030`, `CP936`,
//!   `windows-936` ...; decoded as GB18030, a superset of the others).
//!   Text in any other encoding (Shift-JIS, Big5, other code pages) is read
//!   while it is plain ASCII and is otherwise a
//!   [`DataError::UnsupportedEncoding`] naming the variable.
//!   [`ReadOptions::encoding`] overrides the file's encoding;
//!   [`DataTable::encoding`] tells the one used.
//!
//! Not used: the case weight variable (cases are not weighted), display
//! formats (dates stay SPSS seconds-since-1582 numbers), multiple-response
//! sets, the file label and documents. Every malformed or truncated file is a
//! [`DataError`], never a panic; data larger than [`MAX_CELLS`] cells are
//! refused.

use super::formats::format_number;
use super::gbk;
use super::progress::Progress;
use super::table::{DataTable, MeasureLevel, MissingRule};
use super::text::windows_1252;
use super::zip::{zlib_decompress, ZipError, MAX_ENTRY_SIZE};
use super::{DataError, ReadOptions, TextEncoding};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

const FORMAT: &str = "SPSS data file (.sav)";

/// Largest data set read: cases × variables.
pub const MAX_CELLS: usize = super::xlsx::MAX_CELLS;

/// A very long string of width `w` is stored as `ceil(w / 252)` segment
/// variables (SPSS's rule); each but the last is 255 bytes wide.
const SEGMENT_BYTES: usize = 252;

/// Cases read between two progress reports.
const CASES_PER_REPORT: usize = 4096;

/// The share of a `.zsav`'s progress for inflating its compressed blocks
/// (about as long as reading the cases from them).
const INFLATE_SHARE: f64 = 0.4;

fn corrupt(detail: impl Into<String>) -> DataError {
    DataError::CorruptFile {
        format: FORMAT.into(),
        detail: detail.into(),
    }
}

/// Reads an SPSS system file into a [`DataTable`]; see the module
/// documentation for what is supported. The table's delimiter is 0 and a
/// case's "line" (in error messages) is its case number + 1.
pub fn read_sav(bytes: &[u8], opts: &ReadOptions) -> Result<DataTable, DataError> {
    read_sav_inner(bytes, opts, &mut Progress::none())
}

/// [`read_sav`], reporting the share of the data read every
/// [`CASES_PER_REPORT`] cases (see [`super::read_any_with_progress`]).
pub(crate) fn read_sav_inner(
    bytes: &[u8],
    opts: &ReadOptions,
    progress: &mut Progress,
) -> Result<DataTable, DataError> {
    progress.report(0.0)?;
    let mut cur = Cursor::new(bytes);
    let header = read_header(&mut cur)?;
    let dict = read_dictionary(&mut cur)?;
    let enc = match opts.encoding {
        Some(e) => Encoding::from_text_encoding(e),
        None => Encoding::choose(&dict),
    };
    let vars = build_variables(&dict, &enc)?;
    let elems: usize = vars.iter().map(|v| v.segments.iter().sum::<usize>()).sum();
    if header.case_size > 0 && header.case_size as usize != elems {
        return Err(corrupt(format!(
            "the header says a case has {} values but the variables take {elems}",
            header.case_size
        )));
    }
    let data_start = cur.pos;
    let decompressed;
    let (data, compressed): (&[u8], bool) = match header.compression {
        0 => (&bytes[data_start..], false),
        1 => (&bytes[data_start..], true),
        _ => {
            decompressed = inflate_zsav(&mut cur, progress)?;
            (&decompressed[..], true)
        }
    };
    // the cases' share of the progress (a .zsav's inflating took the rest)
    let (case_from, case_share) = if header.compression >= 2 {
        (INFLATE_SHARE, 1.0 - INFLATE_SHARE)
    } else {
        (0.0, 1.0)
    };
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); vars.len()];
    let expected = usize::try_from(header.n_cases).ok();
    let mut reader = CaseReader {
        data,
        pos: 0,
        compressed,
        bias: header.bias,
        be: cur.be,
        cmds: [0; 8],
        ci: 8,
        eof: false,
    };
    let mut n = 0usize;
    let mut case: Vec<[u8; 8]> = Vec::with_capacity(elems);
    loop {
        if expected.is_some_and(|e| n >= e) {
            break;
        }
        case.clear();
        for k in 0..elems {
            match reader.next()? {
                Some(e) => case.push(e),
                None if k == 0 => break,
                None => {
                    return Err(corrupt(format!(
                        "the data end in the middle of case {} (the file is incomplete)",
                        n + 1
                    )))
                }
            }
        }
        if case.len() < elems || elems == 0 {
            break;
        }
        n += 1;
        if n.is_multiple_of(CASES_PER_REPORT) && progress.wanted() {
            progress
                .report(case_from + case_share * reader.pos as f64 / data.len().max(1) as f64)?;
        }
        if n.saturating_mul(vars.len()) > MAX_CELLS {
            return Err(DataError::FileTooLarge {
                format: FORMAT.into(),
                detail: format!(
                    "it has over {} cases × {} variables, more than the {MAX_CELLS} values semlab reads",
                    n - 1,
                    vars.len()
                ),
            });
        }
        let mut at = 0;
        for (var, col) in vars.iter().zip(columns.iter_mut()) {
            col.push(var.cell(&case[at..], &dict, &enc, cur.be, n)?);
            at += var.segments.iter().sum::<usize>();
        }
    }
    if let Some(e) = expected {
        if n < e {
            return Err(corrupt(format!(
                "the header announces {e} cases but the data end after {n} (the file is incomplete)"
            )));
        }
    }
    if n == 0 {
        return Err(DataError::NoDataRows);
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for v in &vars {
        if !seen.insert(v.name.as_str()) {
            return Err(DataError::SavVariable {
                variable: v.name.clone(),
                problem: "the name is used by two variables (the file is damaged)".into(),
            });
        }
    }
    let decimal_comma = opts.decimal_comma.unwrap_or(false);
    let missing = MissingRule::new(&opts.missing_codes, decimal_comma);
    let names = vars.iter().map(|v| v.name.clone()).collect();
    let labels = vars.iter().map(|v| v.label.clone()).collect();
    let value_labels = vars.iter().map(|v| v.value_labels.clone()).collect();
    let measures = vars.iter().map(|v| v.measure).collect();
    let lines = (2..n + 2).collect();
    Ok(
        DataTable::from_parts(names, columns, lines, 0, decimal_comma, missing)
            .with_labels(labels, value_labels)
            .with_measures(measures)
            .with_encoding(enc.reported()),
    )
}

// ------------------------------------------------------------------ bytes

struct Cursor<'a> {
    d: &'a [u8],
    pos: usize,
    be: bool,
}

impl<'a> Cursor<'a> {
    fn new(d: &'a [u8]) -> Self {
        Cursor {
            d,
            pos: 0,
            be: false,
        }
    }

    fn bytes(&mut self, n: usize, what: &str) -> Result<&'a [u8], DataError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.d.len());
        match end {
            Some(end) => {
                let s = &self.d[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(corrupt(format!(
                "the file ends too early (while reading {what}), so it is incomplete"
            ))),
        }
    }

    fn i32(&mut self, what: &str) -> Result<i32, DataError> {
        let b = self.bytes(4, what)?;
        let a = [b[0], b[1], b[2], b[3]];
        Ok(if self.be {
            i32::from_be_bytes(a)
        } else {
            i32::from_le_bytes(a)
        })
    }

    /// A count that must be non-negative and whose items (of `item` bytes
    /// each) fit in the rest of the file.
    fn count(&mut self, item: usize, what: &str) -> Result<usize, DataError> {
        let n = self.i32(what)?;
        let remaining = self.d.len() - self.pos;
        match usize::try_from(n) {
            Ok(n) if n.saturating_mul(item.max(1)) <= remaining => Ok(n),
            _ => Err(corrupt(format!("{what} has an impossible count ({n})"))),
        }
    }

    fn i64(&mut self, what: &str) -> Result<i64, DataError> {
        let b = self.bytes(8, what)?;
        let a: [u8; 8] = b.try_into().unwrap_or([0; 8]);
        Ok(if self.be {
            i64::from_be_bytes(a)
        } else {
            i64::from_le_bytes(a)
        })
    }

    fn f64(&mut self, what: &str) -> Result<f64, DataError> {
        let b = self.bytes(8, what)?;
        Ok(f64_of(b, self.be))
    }
}

fn f64_of(b: &[u8], be: bool) -> f64 {
    let a: [u8; 8] = b.get(..8).and_then(|s| s.try_into().ok()).unwrap_or([0; 8]);
    if be {
        f64::from_be_bytes(a)
    } else {
        f64::from_le_bytes(a)
    }
}

/// Removes trailing spaces and NULs (SPSS pads strings with spaces).
fn trim_end(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|&c| c != b' ' && c != 0)
        .map_or(0, |i| i + 1);
    &b[..end]
}

// ------------------------------------------------------------------ header

struct Header {
    compression: i32,
    case_size: i32,
    n_cases: i32,
    bias: f64,
}

fn read_header(cur: &mut Cursor) -> Result<Header, DataError> {
    let magic = cur.bytes(4, "the file header")?;
    let zlib = match magic {
        b"$FL2" => false,
        b"$FL3" => true,
        _ => {
            return Err(corrupt(
                "it does not start with the SPSS signature \"$FL2\"",
            ))
        }
    };
    cur.bytes(60, "the file header")?;
    let layout = cur.bytes(4, "the file header")?;
    let le = i32::from_le_bytes([layout[0], layout[1], layout[2], layout[3]]);
    let be = i32::from_be_bytes([layout[0], layout[1], layout[2], layout[3]]);
    cur.be = if matches!(le, 2 | 3) {
        false
    } else if matches!(be, 2 | 3) {
        true
    } else {
        return Err(corrupt("its header has an unknown layout code"));
    };
    let case_size = cur.i32("the file header")?;
    let compression = cur.i32("the file header")?;
    let _weight = cur.i32("the file header")?;
    let n_cases = cur.i32("the file header")?;
    let bias = cur.f64("the file header")?;
    cur.bytes(9 + 8 + 64 + 3, "the file header")?;
    match (zlib, compression) {
        (false, 0 | 1) | (true, 2) => {}
        (false, 2) | (true, _) => {
            return Err(corrupt(
                "the header's signature and compression setting disagree",
            ))
        }
        (false, c) => {
            return Err(DataError::UnsupportedFormat {
                format: format!("an SPSS data file with an unknown compression ({c})"),
                advice: "open it in SPSS or PSPP and save it again as an uncompressed or standard compressed .sav, or as CSV".into(),
            })
        }
    }
    Ok(Header {
        compression,
        case_size,
        n_cases,
        bias,
    })
}

// ------------------------------------------------------------------ dictionary

/// One variable record (type 2), continuation records included.
struct VarRecord {
    /// 0 = numeric, 1..=255 = string width, -1 = continuation.
    width: i32,
    name: Vec<u8>,
    label: Option<Vec<u8>>,
    /// Raw missing-value count: 0, 1..=3, -2 (range), -3 (range + value).
    n_missing: i32,
    missing: Vec<[u8; 8]>,
}

/// Raw value labels: the 8-byte values with their labels, and the
/// 1-based record indices of the variables they apply to.
struct LabelSet {
    labels: Vec<([u8; 8], Vec<u8>)>,
    vars: Vec<usize>,
}

/// Long-string value labels (extension 21): variable name, (value, label).
struct LongLabels {
    var: Vec<u8>,
    labels: Vec<(Vec<u8>, Vec<u8>)>,
}

/// Long-string missing values (extension 22): variable name, values.
type LongMissing = (Vec<u8>, Vec<Vec<u8>>);

#[derive(Default)]
struct Dictionary {
    records: Vec<VarRecord>,
    label_sets: Vec<LabelSet>,
    long_labels: Vec<LongLabels>,
    long_missing: Vec<LongMissing>,
    long_names: Option<Vec<u8>>,
    very_long: Option<Vec<u8>>,
    encoding_name: Option<String>,
    character_code: Option<i32>,
    /// Extension 11 (variable display parameters): per variable record
    /// that starts a variable, measure, [width,] alignment.
    display: Option<Vec<i32>>,
    sysmis: Option<f64>,
    /// Whether numbers are big-endian.
    be: bool,
}

fn read_dictionary(cur: &mut Cursor) -> Result<Dictionary, DataError> {
    let mut d = Dictionary {
        be: cur.be,
        ..Dictionary::default()
    };
    loop {
        let rec = cur.i32("the variable list")?;
        match rec {
            2 => {
                let what = "a variable record";
                let width = cur.i32(what)?;
                let has_label = cur.i32(what)?;
                let n_missing = cur.i32(what)?;
                cur.bytes(8, what)?; // print and write formats
                let name = cur.bytes(8, what)?.to_vec();
                if !(-1..=255).contains(&width) {
                    return Err(corrupt(format!(
                        "variable record {} has an invalid width ({width})",
                        d.records.len() + 1
                    )));
                }
                let label = if has_label == 1 {
                    let len = cur.count(1, "a variable label")?;
                    let padded = len.div_ceil(4) * 4;
                    let raw = cur.bytes(padded, "a variable label")?;
                    Some(raw[..len].to_vec())
                } else {
                    None
                };
                let count = match n_missing {
                    0..=3 => n_missing as usize,
                    -2 => 2,
                    -3 => 3,
                    _ => {
                        return Err(corrupt(format!(
                            "variable record {} has an invalid missing-value count ({n_missing})",
                            d.records.len() + 1
                        )))
                    }
                };
                let mut missing = Vec::with_capacity(count);
                for _ in 0..count {
                    let b = cur.bytes(8, "missing values")?;
                    missing.push(b.try_into().unwrap_or([0; 8]));
                }
                d.records.push(VarRecord {
                    width,
                    name,
                    label,
                    n_missing,
                    missing,
                });
            }
            3 => {
                let n = cur.count(9, "a value-label record")?;
                let mut labels = Vec::with_capacity(n);
                for _ in 0..n {
                    let value: [u8; 8] =
                        cur.bytes(8, "a value label")?.try_into().unwrap_or([0; 8]);
                    let len = cur.bytes(1, "a value label")?[0] as usize;
                    let padded = (len + 1).div_ceil(8) * 8 - 1;
                    let raw = cur.bytes(padded, "a value label")?;
                    labels.push((value, raw[..len].to_vec()));
                }
                if cur.i32("a value-label record")? != 4 {
                    return Err(corrupt(
                        "a value-label record is not followed by its list of variables",
                    ));
                }
                let k = cur.count(4, "a value-label variable list")?;
                let mut vars = Vec::with_capacity(k);
                for _ in 0..k {
                    let i = cur.i32("a value-label variable list")?;
                    vars.push(usize::try_from(i).unwrap_or(0));
                }
                d.label_sets.push(LabelSet { labels, vars });
            }
            4 => return Err(corrupt("a value-label variable list stands alone")),
            6 => {
                let n = cur.count(80, "the documents")?;
                cur.bytes(n * 80, "the documents")?;
            }
            7 => {
                let what = "an extension record";
                let subtype = cur.i32(what)?;
                let size = cur.i32(what)?;
                let count = cur.i32(what)?;
                let len = usize::try_from(size)
                    .ok()
                    .zip(usize::try_from(count).ok())
                    .and_then(|(s, c)| s.checked_mul(c))
                    .ok_or_else(|| corrupt("an extension record has an impossible size"))?;
                let body = cur.bytes(len, what)?;
                let be = cur.be;
                let i32_at = |i: usize| {
                    body.get(i * 4..i * 4 + 4).map(|b| {
                        let a = [b[0], b[1], b[2], b[3]];
                        if be {
                            i32::from_be_bytes(a)
                        } else {
                            i32::from_le_bytes(a)
                        }
                    })
                };
                match subtype {
                    3 if size == 4 => d.character_code = i32_at(7),
                    4 if size == 8 && count >= 1 => d.sysmis = Some(f64_of(body, be)),
                    11 if size == 4 => {
                        d.display = Some((0..count as usize).filter_map(i32_at).collect())
                    }
                    13 => d.long_names = Some(body.to_vec()),
                    14 => d.very_long = Some(body.to_vec()),
                    20 => {
                        d.encoding_name =
                            Some(String::from_utf8_lossy(trim_end(body)).trim().to_string())
                    }
                    21 => d.long_labels = parse_long_labels(body, be)?,
                    22 => d.long_missing = parse_long_missing(body, be)?,
                    _ => {}
                }
            }
            999 => {
                cur.i32("the end of the variable list")?;
                break;
            }
            other => {
                return Err(corrupt(format!(
                    "the variable list has a record of unknown type {other}"
                )))
            }
        }
    }
    if d.records.is_empty() {
        return Err(corrupt("it defines no variables"));
    }
    Ok(d)
}

/// A sub-cursor over an extension body.
fn sub<'a>(body: &'a [u8], be: bool) -> Cursor<'a> {
    Cursor {
        d: body,
        pos: 0,
        be,
    }
}

fn parse_long_labels(body: &[u8], be: bool) -> Result<Vec<LongLabels>, DataError> {
    let mut c = sub(body, be);
    let mut out = Vec::new();
    let what = "the long-string value labels";
    while c.pos < body.len() {
        let n = c.count(1, what)?;
        let var = c.bytes(n, what)?.to_vec();
        let _width = c.i32(what)?;
        let k = c.count(8, what)?;
        let mut labels = Vec::with_capacity(k);
        for _ in 0..k {
            let n = c.count(1, what)?;
            let value = c.bytes(n, what)?.to_vec();
            let n = c.count(1, what)?;
            let label = c.bytes(n, what)?.to_vec();
            labels.push((value, label));
        }
        out.push(LongLabels { var, labels });
    }
    Ok(out)
}

fn parse_long_missing(body: &[u8], be: bool) -> Result<Vec<LongMissing>, DataError> {
    let mut c = sub(body, be);
    let mut out = Vec::new();
    let what = "the long-string missing values";
    while c.pos < body.len() {
        let n = c.count(1, what)?;
        let var = c.bytes(n, what)?.to_vec();
        let k = c.bytes(1, what)?[0] as usize;
        let len = c.count(1, what)?;
        let mut values = Vec::with_capacity(k);
        for _ in 0..k {
            values.push(c.bytes(len, what)?.to_vec());
        }
        out.push((var, values));
    }
    Ok(out)
}

// ------------------------------------------------------------------ encoding

/// How the file's text bytes are decoded.
enum Encoding {
    Utf8,
    Cp1252,
    Latin1,
    /// GBK, GB2312 or GB18030 (which one the file names), all decoded as
    /// GB18030 by [`gbk`].
    Gb(TextEncoding),
    /// Named but not decodable here; ASCII text still reads.
    Unsupported(String),
    /// Not stated: UTF-8 when the bytes are valid UTF-8, else Windows-1252
    /// (set when that happened).
    Guess(Cell<bool>),
}

impl Encoding {
    fn choose(d: &Dictionary) -> Encoding {
        if let Some(name) = &d.encoding_name {
            let n = name.to_ascii_lowercase().replace('_', "-");
            return match n.as_str() {
                "utf-8" | "utf8" => Encoding::Utf8,
                "windows-1252" | "cp1252" | "x-cp1252" | "ms-ansi" => Encoding::Cp1252,
                "iso-8859-1" | "latin1" | "latin-1" | "iso8859-1" | "l1" | "cp819" => {
                    Encoding::Latin1
                }
                "us-ascii" | "ascii" | "ansi-x3.4-1968" => Encoding::Cp1252,
                _ => match TextEncoding::from_name(&n) {
                    Some(e @ (TextEncoding::Gbk | TextEncoding::Gb18030)) => Encoding::Gb(e),
                    _ => Encoding::Unsupported(name.clone()),
                },
            };
        }
        match d.character_code {
            Some(65001) => Encoding::Utf8,
            Some(1252) | Some(2) | Some(3) | Some(20127) => Encoding::Cp1252,
            Some(28591) => Encoding::Latin1,
            Some(936 | 20936) => Encoding::Gb(TextEncoding::Gbk),
            Some(54936) => Encoding::Gb(TextEncoding::Gb18030),
            Some(c) if c > 3 && c != 1 => Encoding::Unsupported(format!("code page {c}")),
            Some(1) => Encoding::Unsupported("EBCDIC".into()),
            _ => Encoding::Guess(Cell::new(false)),
        }
    }

    /// The decoding of an encoding chosen in [`ReadOptions::encoding`].
    fn from_text_encoding(e: TextEncoding) -> Encoding {
        match e {
            TextEncoding::Utf8 => Encoding::Utf8,
            TextEncoding::Windows1252 => Encoding::Cp1252,
            TextEncoding::Latin1 => Encoding::Latin1,
            TextEncoding::Gbk | TextEncoding::Gb18030 => Encoding::Gb(e),
            // SPSS never stores its text in UTF-16: only ASCII text reads.
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => Encoding::Unsupported(e.name().into()),
        }
    }

    /// The encoding to report in [`DataTable::encoding`] (UTF-8 when an
    /// unsupported one only ever had ASCII text to decode).
    fn reported(&self) -> TextEncoding {
        match self {
            Encoding::Utf8 | Encoding::Unsupported(_) => TextEncoding::Utf8,
            Encoding::Cp1252 => TextEncoding::Windows1252,
            Encoding::Latin1 => TextEncoding::Latin1,
            Encoding::Gb(e) => *e,
            Encoding::Guess(fell_back) if fell_back.get() => TextEncoding::Windows1252,
            Encoding::Guess(_) => TextEncoding::Utf8,
        }
    }

    /// Decodes `b`; `context` names the text for an error.
    fn decode(&self, b: &[u8], context: impl FnOnce() -> String) -> Result<String, DataError> {
        if b.is_ascii() {
            return Ok(String::from_utf8_lossy(b).into_owned());
        }
        Ok(match self {
            // SPSS cuts labels at a byte limit, which may split a character:
            // such a broken tail becomes U+FFFD rather than an error.
            Encoding::Utf8 => String::from_utf8_lossy(b).into_owned(),
            Encoding::Gb(_) => gbk::decode_lossy(b),
            Encoding::Cp1252 => windows_1252(b),
            Encoding::Latin1 => b.iter().map(|&c| c as char).collect(),
            Encoding::Guess(fell_back) => match std::str::from_utf8(b) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    fell_back.set(true);
                    windows_1252(b)
                }
            },
            Encoding::Unsupported(name) => {
                return Err(DataError::UnsupportedEncoding {
                    encoding: name.clone(),
                    context: context(),
                })
            }
        })
    }
}

// ------------------------------------------------------------------ variables

enum Missing {
    None,
    Numeric {
        values: Vec<f64>,
        range: Option<(f64, f64)>,
    },
    Text(Vec<Vec<u8>>),
}

struct Variable {
    short: String,
    name: String,
    /// 0 = numeric, else the string width in bytes.
    width: usize,
    label: Option<String>,
    value_labels: Vec<(String, String)>,
    /// SPSS's *Measure* (extension 11), if the file gives it.
    measure: Option<MeasureLevel>,
    missing: Missing,
    /// 8-byte elements taken by each segment (one segment unless the
    /// string is longer than 255 bytes).
    segments: Vec<usize>,
}

impl Variable {
    /// The cell text of this variable in one case; `elems` starts at its
    /// first element. Missing values (system or user) give "".
    fn cell(
        &self,
        elems: &[[u8; 8]],
        dict: &Dictionary,
        enc: &Encoding,
        be: bool,
        case: usize,
    ) -> Result<String, DataError> {
        if self.width == 0 {
            let v = f64_of(&elems[0], be);
            let sysmis = dict.sysmis.unwrap_or(-f64::MAX);
            if v.is_nan() || v == sysmis || v == -f64::MAX || v.is_infinite() {
                return Ok(String::new());
            }
            if let Missing::Numeric { values, range } = &self.missing {
                if values.contains(&v) || range.is_some_and(|(lo, hi)| lo <= v && v <= hi) {
                    return Ok(String::new());
                }
            }
            return Ok(format_number(v));
        }
        // Each segment holds up to 255 bytes of the string (in 256 bytes
        // of storage); the last holds the rest.
        let mut raw: Vec<u8> = Vec::with_capacity(self.width);
        let mut at = 0;
        for &e in &self.segments {
            let bytes = elems[at..at + e].concat();
            let used = (self.width - raw.len()).min(255).min(bytes.len());
            raw.extend_from_slice(&bytes[..used]);
            at += e;
        }
        let raw = trim_end(&raw);
        if let Missing::Text(values) = &self.missing {
            if values.iter().any(|m| trim_end(m) == raw) {
                return Ok(String::new());
            }
        }
        let text = enc.decode(raw, || {
            format!("a value of variable \"{}\" in case {case}", self.name)
        })?;
        Ok(text.trim().to_string())
    }
}

fn build_variables(d: &Dictionary, enc: &Encoding) -> Result<Vec<Variable>, DataError> {
    // Record index (0-based) of each variable's first record.
    // Long names (extension 13): "SHORT=Long Name\tSHORT2=..." by short name.
    let mut long_names: HashMap<String, String> = HashMap::new();
    if let Some(body) = &d.long_names {
        let text = enc.decode(body, || "the list of long variable names".into())?;
        for entry in text.split('\t') {
            let Some((short, long)) = entry.split_once('=') else {
                continue;
            };
            let long = long.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            if !long.is_empty() {
                long_names.insert(crate::letter_case::upper(short.trim()), long.to_string());
            }
        }
    }
    let mut vars: Vec<Variable> = Vec::new();
    let mut first_record: Vec<usize> = Vec::new();
    for (i, r) in d.records.iter().enumerate() {
        if r.width < 0 {
            match vars.last_mut() {
                Some(v) if v.width > 0 => {
                    if let Some(last) = v.segments.last_mut() {
                        *last += 1;
                    }
                }
                _ => {
                    return Err(corrupt(format!(
                        "variable record {} continues a variable that is not a string",
                        i + 1
                    )))
                }
            }
            continue;
        }
        let short_raw = trim_end(&r.name);
        let short = enc.decode(short_raw, || {
            format!("the name of variable {}", vars.len() + 1)
        })?;
        let short = short.trim().to_string();
        if short.is_empty() {
            return Err(corrupt(format!("variable {} has no name", vars.len() + 1)));
        }
        let name = long_names
            .get(&crate::letter_case::upper(&short))
            .cloned()
            .unwrap_or_else(|| short.clone());
        let label = match &r.label {
            Some(l) => {
                let t = enc.decode(trim_end(l), || format!("the label of variable \"{name}\""))?;
                let t = t.trim().trim_end_matches('\u{FFFD}').trim().to_string();
                (!t.is_empty()).then_some(t)
            }
            None => None,
        };
        let missing = if r.n_missing == 0 {
            Missing::None
        } else if r.width == 0 {
            let vals: Vec<f64> = r.missing.iter().map(|m| f64_of(m, d.be)).collect();
            match r.n_missing {
                -2 => Missing::Numeric {
                    values: Vec::new(),
                    range: Some((vals[0], vals[1])),
                },
                -3 => Missing::Numeric {
                    values: vec![vals[2]],
                    range: Some((vals[0], vals[1])),
                },
                _ => Missing::Numeric {
                    values: vals,
                    range: None,
                },
            }
        } else {
            Missing::Text(r.missing.iter().map(|m| m.to_vec()).collect())
        };
        first_record.push(i);
        vars.push(Variable {
            name,
            short,
            width: r.width as usize,
            label,
            value_labels: Vec::new(),
            measure: None,
            missing,
            segments: vec![1],
        });
    }
    // Measurement levels (extension 11): 3 values (or 2, without the
    // width) per variable, before very long strings are merged. A record of
    // another length is ignored, as SPSS does: the levels are display
    // information, not data.
    if let Some(display) = &d.display {
        let n = vars.len();
        let stride = [3, 2].into_iter().find(|k| n > 0 && display.len() == k * n);
        if let Some(k) = stride {
            for (v, entry) in vars.iter_mut().zip(display.chunks(k)) {
                v.measure = MeasureLevel::from_spss(entry[0]);
            }
        }
    }
    // Check each string's element count against its width.
    for v in &vars {
        if v.width > 0 && v.segments[0] != v.width.div_ceil(8) {
            return Err(DataError::SavVariable {
                variable: v.short.clone(),
                problem: "its storage does not match its width (the file is damaged)".into(),
            });
        }
    }
    // Value labels (records 3/4) by record index, before any merging.
    for set in &d.label_sets {
        for &ri in &set.vars {
            let Some(vi) = first_record.iter().position(|&f| f + 1 == ri) else {
                return Err(corrupt(format!(
                    "value labels refer to variable record {ri}, which does not start a variable"
                )));
            };
            let v = &vars[vi];
            let mut out = Vec::with_capacity(set.labels.len());
            for (value, label) in &set.labels {
                let key = if v.width == 0 {
                    format_number(f64_of(value, d.be))
                } else {
                    enc.decode(trim_end(value), || {
                        format!("a value label of variable \"{}\"", v.name)
                    })?
                    .trim()
                    .to_string()
                };
                let text = enc.decode(trim_end(label), || {
                    format!("a value label of variable \"{}\"", v.name)
                })?;
                out.push((key, text.trim().to_string()));
            }
            vars[vi].value_labels.extend(out);
        }
    }
    // Very long strings: merge the segment variables into the first.
    if let Some(body) = &d.very_long {
        let text = enc.decode(body, || "the list of very long strings".into())?;
        for entry in text.split('\t') {
            let entry = entry.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            let Some((short, width)) = entry.split_once('=') else {
                continue;
            };
            let Ok(width) = width.trim_matches('\0').trim().parse::<usize>() else {
                return Err(corrupt(format!(
                    "the very-long-string width of \"{short}\" is unreadable"
                )));
            };
            let Some(i) = vars
                .iter()
                .position(|v| v.short.eq_ignore_ascii_case(short))
            else {
                continue;
            };
            let n = width.div_ceil(SEGMENT_BYTES);
            if width <= 255 || i + n > vars.len() {
                return Err(DataError::SavVariable {
                    variable: short.to_string(),
                    problem: "its very-long-string segments are inconsistent (the file is damaged)"
                        .into(),
                });
            }
            let rest: Vec<Variable> = vars.drain(i + 1..i + n).collect();
            if rest.iter().any(|r| r.width == 0) {
                return Err(DataError::SavVariable {
                    variable: short.to_string(),
                    problem: "its very-long-string segments are inconsistent (the file is damaged)"
                        .into(),
                });
            }
            let v = &mut vars[i];
            v.width = width;
            v.segments.extend(rest.iter().map(|r| r.segments[0]));
        }
    }
    // Long-string value labels and missing values refer to long names.
    let find = |vars: &[Variable], raw: &[u8]| -> Result<Option<usize>, DataError> {
        let name = enc.decode(raw, || "a long-string variable name".into())?;
        let name = name.trim();
        Ok(vars
            .iter()
            .position(|v| v.name == name || v.short.eq_ignore_ascii_case(name)))
    };
    for ll in &d.long_labels {
        let Some(i) = find(&vars, &ll.var)? else {
            continue;
        };
        for (value, label) in &ll.labels {
            let var = &vars[i].name;
            let key = enc.decode(trim_end(value), || {
                format!("a value label of variable \"{var}\"")
            })?;
            let text = enc.decode(trim_end(label), || {
                format!("a value label of variable \"{var}\"")
            })?;
            let pair = (key.trim().to_string(), text.trim().to_string());
            vars[i].value_labels.push(pair);
        }
    }
    for (name, values) in &d.long_missing {
        if let Some(i) = find(&vars, name)? {
            vars[i].missing = Missing::Text(values.clone());
        }
    }
    Ok(vars)
}

// ------------------------------------------------------------------ data

/// Yields the 8-byte elements of the case data, decompressing bytecode.
struct CaseReader<'a> {
    data: &'a [u8],
    pos: usize,
    compressed: bool,
    bias: f64,
    be: bool,
    cmds: [u8; 8],
    ci: usize,
    eof: bool,
}

impl CaseReader<'_> {
    fn raw(&mut self) -> Option<[u8; 8]> {
        let b = self.data.get(self.pos..self.pos + 8)?;
        self.pos += 8;
        b.try_into().ok()
    }

    fn next(&mut self) -> Result<Option<[u8; 8]>, DataError> {
        if self.eof {
            return Ok(None);
        }
        if !self.compressed {
            let r = self.raw();
            if r.is_none() {
                self.eof = true;
                if self.pos < self.data.len() {
                    return Err(corrupt(
                        "the data end in the middle of a value (the file is incomplete)",
                    ));
                }
            }
            return Ok(r);
        }
        loop {
            if self.ci == 8 {
                match self.raw() {
                    Some(c) => {
                        self.cmds = c;
                        self.ci = 0;
                    }
                    None => {
                        self.eof = true;
                        return Ok(None);
                    }
                }
            }
            let c = self.cmds[self.ci];
            self.ci += 1;
            let value = match c {
                0 => continue,
                1..=251 => c as f64 - self.bias,
                252 => {
                    self.eof = true;
                    return Ok(None);
                }
                253 => match self.raw() {
                    Some(r) => return Ok(Some(r)),
                    None => return Err(corrupt(
                        "the compressed data end in the middle of a value (the file is incomplete)",
                    )),
                },
                254 => return Ok(Some(*b"        ")),
                _ => -f64::MAX,
            };
            return Ok(Some(if self.be {
                value.to_be_bytes()
            } else {
                value.to_le_bytes()
            }));
        }
    }
}

/// Inflates the zlib blocks of a `$FL3` file into one bytecode stream,
/// reporting after each block the share of the compressed bytes inflated
/// (up to [`INFLATE_SHARE`]: reading the cases is the rest).
fn inflate_zsav(cur: &mut Cursor, progress: &mut Progress) -> Result<Vec<u8>, DataError> {
    let start = cur.pos;
    let what = "the compressed-data header";
    let header_ofs = cur.i64(what)?;
    let trailer_ofs = cur.i64(what)?;
    let _trailer_len = cur.i64(what)?;
    let len = cur.d.len();
    let trailer = usize::try_from(trailer_ofs)
        .ok()
        .filter(|&t| t >= cur.pos && t <= len);
    let (Some(trailer), true) = (trailer, header_ofs == start as i64) else {
        return Err(corrupt(
            "the compressed-data header points outside the file (the file is incomplete or damaged)",
        ));
    };
    let mut out = Vec::new();
    let mut at = cur.pos;
    while at < trailer {
        let limit = MAX_ENTRY_SIZE as usize - out.len();
        let (block, used) =
            zlib_decompress(&cur.d[at..trailer], 0, limit).map_err(|e| match e {
                ZipError::TooLarge(_) => DataError::FileTooLarge {
                    format: FORMAT.into(),
                    detail: format!("its data unpack to more than {MAX_ENTRY_SIZE} bytes"),
                },
                other => corrupt(format!("its compressed data are damaged ({other})")),
            })?;
        out.extend_from_slice(&block);
        at += used;
        if progress.wanted() {
            let done = (at - cur.pos) as f64 / (trailer - cur.pos).max(1) as f64;
            progress.report(INFLATE_SHARE * done)?;
        }
    }
    cur.pos = trailer;
    Ok(out)
}
