//! The options that `semlab invariance`, `semlab compare` and `semlab
//! explore` share: the data file and how to read it (`--data`, `--sheet`,
//! `--missing-codes`, `--encoding`), the estimator and missing-data
//! handling (`--estimator`, `--missing`), `--json` and `--lang`.

use semlab::analysis::{Estimator, Missing, Options};
use semlab::data::{read_any, DataTable, ReadOptions, TextEncoding};
use semlab::i18n::{Lang, Localized};

/// How a data file is read: the sheet of a workbook, extra missing codes,
/// the text encoding.
#[derive(Default)]
pub struct ReadArgs {
    pub data: Option<String>,
    pub read: ReadOptions,
    pub sheet: Option<usize>,
}

impl ReadArgs {
    /// Takes `flag` if it says how to read the data (reading its value
    /// with `value`); Ok(false) if it is not such a flag.
    pub fn take(&mut self, flag: &str, value: Value) -> Result<bool, String> {
        match flag {
            "--data" => self.data = Some(value("--data")?),
            "--missing-codes" => {
                self.read.missing_codes = missing_codes(&value("--missing-codes")?)
            }
            "--sheet" => self.sheet = Some(sheet_index(&value("--sheet")?)?),
            "--encoding" => self.read.encoding = Some(encoding(&value("--encoding")?)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The data file's path and its table.
    pub fn table(&self, lang: Lang) -> Result<(String, DataTable), String> {
        let path = self.data.clone().ok_or("--data FILE is required")?;
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read the data file `{path}`: {e}"))?;
        if let Some(note) = sheet_note(&bytes, self.sheet, lang) {
            eprintln!("{note}");
        }
        let table = read_any(&bytes, &path, self.sheet, &self.read)
            .map_err(|e| format!("{path}: {}", e.message(lang)))?;
        for note in missing_code_notes(&table, None, lang) {
            eprintln!("{note}");
        }
        Ok((path, table))
    }
}

/// Notes (on standard error) for values of `table` that look like
/// missing-value codes (`semlab::data::missing_codes`), in the columns
/// `used` (every column when None), with the flag that declares them.
pub fn missing_code_notes(table: &DataTable, used: Option<&[String]>, lang: Lang) -> Vec<String> {
    // only the columns used, in file order (the note lists them that way)
    let columns: Vec<&String> = table
        .names()
        .iter()
        .filter(|c| used.is_none_or(|u| u.contains(c)))
        .collect();
    let codes = semlab::data::suspected_missing_codes_in(table, &columns);
    semlab::data::suspected_values(&codes)
        .iter()
        .map(|v| {
            let cols = v.columns.join(", ");
            match lang {
                Lang::Zh => format!(
                    "注意：{} 在 {cols} 中出现 {} 次，远离这些列的其他取值，看起来是缺失值代码；若是，请加上 --missing-codes {}",
                    v.code, v.count, v.code
                ),
                _ => format!(
                    "note: {} appears {} times in {cols}, far outside the other values of these columns: it looks like a missing-value code; if it is, add --missing-codes {}",
                    v.code, v.count, v.code
                ),
            }
        })
        .collect()
}

/// A note (on standard error) when a workbook with several sheets is read
/// without `--sheet`: which sheet is read and what the others are called,
/// so that a first sheet of notes is not taken for the data unawares
/// (the model then names columns the data do not have).
pub fn sheet_note(bytes: &[u8], sheet: Option<usize>, lang: Lang) -> Option<String> {
    if sheet.is_some() || !bytes.starts_with(b"PK") {
        return None;
    }
    let names = semlab::data::xlsx_sheet_names(bytes).ok()?;
    if names.len() < 2 {
        return None;
    }
    let list: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", i + 1))
        .collect();
    let list = list.join(", ");
    Some(match lang {
        Lang::Zh => format!(
            "注意：该工作簿有 {} 个工作表（{list}），读取的是第 1 个“{}”；要读取其他工作表，请加上 --sheet N",
            names.len(),
            names[0]
        ),
        _ => format!(
            "note: the workbook has {} sheets ({list}); sheet 1, `{}`, is read; choose another with --sheet N",
            names.len(),
            names[0]
        ),
    })
}

/// `--missing-codes a,b,c`: the extra codes that mean "missing".
pub fn missing_codes(v: &str) -> Vec<String> {
    semlab::data::missing_code_list(v)
}

/// `--sheet N` (1 = the first sheet) as the reader's 0-based index.
pub fn sheet_index(v: &str) -> Result<usize, String> {
    let n: usize = v
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("--sheet needs a sheet number (1 = the first), not `{v}`"))?;
    Ok(n - 1)
}

/// `--encoding NAME`: the text encoding of a CSV/TXT file.
pub fn encoding(v: &str) -> Result<TextEncoding, String> {
    TextEncoding::from_name(v).ok_or_else(|| {
        format!("unknown encoding `{v}`; choose utf-8, gbk, gb18030, windows-1252, latin1, utf-16le or utf-16be")
    })
}

/// A reader of one flag's value (`value("--flag")`).
pub type Value<'a> = &'a mut dyn FnMut(&str) -> Result<String, String>;

/// Walks the arguments of `semlab COMMAND`: `take` takes each flag it
/// knows (true if taken, reading values with the reader it is given);
/// `--help` gives `usage`, any other flag an error.
pub fn walk(
    mut it: impl Iterator<Item = String>,
    command: &str,
    usage: &str,
    mut take: impl FnMut(&str, Value) -> Result<bool, String>,
) -> Result<(), String> {
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(format!("{}{usage}", super::HELP));
        }
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        if !take(&flag, &mut value)? {
            return Err(format!(
                "unknown option `{flag}` for `semlab {command}` (see `semlab {command} --help`)"
            ));
        }
    }
    Ok(())
}

/// `--lang en|zh`.
pub fn parse_lang(v: &str) -> Result<Lang, String> {
    Lang::parse(v).ok_or_else(|| format!("--lang is `en` or `zh` (简体中文), not `{v}`"))
}

/// The shared options of the commands that fit models with ML, MLR or MLM.
pub struct FitArgs {
    pub input: ReadArgs,
    pub json: bool,
    pub lang: Lang,
    pub opts: Options,
}

impl FitArgs {
    pub fn new() -> Self {
        FitArgs {
            input: ReadArgs::default(),
            json: false,
            lang: Lang::En,
            opts: Options::default(),
        }
    }

    /// `result` as pretty JSON with `--json`, else as `text` says.
    pub fn output<T: serde::Serialize>(
        &self,
        result: &T,
        text: impl FnOnce(&T, Lang) -> String,
    ) -> Result<String, String> {
        if self.json {
            serde_json::to_string_pretty(result).map_err(|e| e.to_string())
        } else {
            Ok(text(result, self.lang))
        }
    }

    /// Takes `flag` if it is one of the shared ones; Ok(false) otherwise.
    pub fn take(&mut self, flag: &str, value: Value) -> Result<bool, String> {
        match flag {
            "--estimator" => {
                let v = value("--estimator")?;
                self.opts.estimator = Estimator::parse(&v).ok_or_else(|| {
                    format!("unknown estimator `{v}`; choose ML, MLR, MLM or WLSMV")
                })?;
            }
            "--missing" => {
                let v = value("--missing")?;
                self.opts.missing = match v.as_str() {
                    "listwise" => Missing::Listwise,
                    "ml" | "fiml" => Missing::Ml,
                    _ => return Err(format!("unknown --missing `{v}`; choose listwise or ml")),
                };
            }
            "--ordered" => self.opts.ordered = comma_list(&value("--ordered")?),
            "--group" => self.opts.group = Some(value("--group")?),
            "--group-equal" => self.opts.group_equal = comma_list(&value("--group-equal")?),
            "--json" => self.json = true,
            "--lang" => self.lang = parse_lang(&value("--lang")?)?,
            other => return self.input.take(other, value),
        }
        Ok(true)
    }
}

/// `a, b,c` as `["a", "b", "c"]` (empty items left out).
pub fn comma_list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A number with `digits` decimals, or a dash when there is none.
pub fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or("—".into(), |v| format!("{v:.digits$}"))
}

/// The column heads of [`fit_cells`].
pub const FIT_HEADS: &str = "       χ²   df      p    CFI    TLI  RMSEA   SRMR";

/// A model's χ², df, p, CFI, TLI, RMSEA and SRMR as table cells under
/// [`FIT_HEADS`] (p as everywhere in semlab, [`semlab::format::pval`]).
pub fn fit_cells(f: &semlab::nested_models::ReportedFit) -> String {
    format!(
        "{:>9} {:>4} {:>6} {:>6} {:>6} {:>6} {:>6}",
        num(f.chisq, 3),
        num(f.df, 0),
        semlab::format::pval(f.pvalue),
        num(f.cfi, 3),
        num(f.tli, 3),
        num(f.rmsea, 3),
        num(f.srmr, 3)
    )
}
