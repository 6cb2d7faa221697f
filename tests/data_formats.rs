//! Integration tests of the binary data readers: Excel `.xlsx`
//! ([`read_xlsx`], [`xlsx_sheet_names`]), SPSS `.sav`/`.zsav` ([`read_sav`])
//! and the dispatcher [`read_any`].
//!
//! The fixtures in `tests/fixtures/data/` were written by real producers
//! (XlsxWriter, openpyxl, ReadStat through pyreadstat, GNU PSPP); the script
//! `tests/fixtures/data/make_fixtures.py` made them and says how it was run.
//! Expected values below are the values given to those producers.

use semlab::data::{
    read_any, read_sav, read_table, read_xlsx, xlsx_sheet_names, DataError, DataTable, ReadOptions,
};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

fn data(name: &str) -> Vec<u8> {
    fixture(&format!("data/{name}"))
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn with_codes(codes: &[&str]) -> ReadOptions {
    ReadOptions {
        missing_codes: codes.iter().map(|s| s.to_string()).collect(),
        ..ReadOptions::default()
    }
}

fn xlsx(name: &str) -> DataTable {
    read_xlsx(&data(name), None, &opts()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sav(name: &str) -> DataTable {
    read_sav(&data(name), &opts()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// All cells of a column as text.
fn col(t: &DataTable, name: &str) -> Vec<String> {
    let j = t
        .column_index(name)
        .unwrap_or_else(|| panic!("no column {name}"));
    (0..t.n_rows())
        .map(|i| t.cell(i, j).unwrap().to_string())
        .collect()
}

/// One numeric column.
fn num(t: &DataTable, name: &str) -> Vec<Option<f64>> {
    t.numeric(&[name]).unwrap().column(0)
}

fn label_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// ---------------------------------------------------------------- xlsx

#[test]
fn xlsx_shared_strings_sparse_cells_and_types() {
    // XlsxWriter: shared strings (one with rich-text runs), column E empty
    // throughout, sheet row 5 empty, C4 missing, an #N/A error cell in D6.
    let t = xlsx("survey.xlsx");
    assert_eq!(t.names(), ["id", "group", "x1", "x2", "flag", "when"]);
    assert_eq!(t.n_rows(), 5);
    assert_eq!(t.delimiter(), 0);
    // The "line" of a data row is its sheet row; row 5 was skipped.
    let lines: Vec<_> = (0..5).map(|i| t.line_of_row(i).unwrap()).collect();
    assert_eq!(lines, [2, 3, 4, 6, 7]);
    assert_eq!(
        col(&t, "group"),
        [
            "control",
            "treatment",
            "treatment",
            "control",
            "Grüße, ü & <b>"
        ]
    );
    // Numbers come back as the exact f64 the file holds (XlsxWriter writes 16
    // significant digits); the missing cell C4 and the #N/A cell are missing.
    assert_eq!(
        num(&t, "x1"),
        [
            Some(1.0 / 3.0),
            Some(123456.7890123457),
            None,
            Some(5.0),
            Some(-99.0)
        ]
    );
    assert_eq!(
        num(&t, "x2"),
        [Some(0.3), Some(-2.5e20), Some(1e-10), None, Some(7.0)]
    );
    assert_eq!(col(&t, "x2")[3], "");
    // Booleans are 1/0; dates stay Excel serial day numbers.
    assert_eq!(col(&t, "flag"), ["1", "0", "", "1", "0"]);
    assert_eq!(
        num(&t, "when"),
        [Some(45352.0), None, Some(36525.0), None, None]
    );
    assert!(t.is_numeric_column(0) && !t.is_numeric_column(1));
    assert_eq!(t.numeric_column_names(), ["id", "x1", "x2", "flag", "when"]);
    // No labels from a workbook.
    assert_eq!(t.label(0), None);
    assert!(t.value_labels(0).is_empty());
    // Missing-value codes apply as for CSV.
    let t = read_xlsx(&data("survey.xlsx"), None, &with_codes(&["-99"])).unwrap();
    assert_eq!(num(&t, "x1")[4], None);
}

#[test]
fn xlsx_sheets_by_index_and_errors_name_the_sheet() {
    let bytes = data("survey.xlsx");
    assert_eq!(
        xlsx_sheet_names(&bytes).unwrap(),
        ["Data", "Second", "Chart"]
    );
    let t = read_xlsx(&bytes, Some(1), &opts()).unwrap();
    assert_eq!(t.names(), ["a", "b"]);
    assert_eq!(col(&t, "b"), ["one", "two"]);
    assert_eq!(
        read_xlsx(&bytes, Some(0), &opts()).unwrap(),
        xlsx("survey.xlsx")
    );

    let e = read_xlsx(&bytes, Some(2), &opts()).unwrap_err();
    assert!(matches!(&e, DataError::SheetProblem { sheet, cell: None, .. } if sheet == "Chart"));
    assert_eq!(
        e.to_string(),
        "Sheet \"Chart\": it is a chart sheet, not a sheet of cells; choose another sheet."
    );
    let e = read_xlsx(&bytes, Some(3), &opts()).unwrap_err();
    assert_eq!(
        e,
        DataError::SheetNotFound {
            index: 3,
            sheets: vec!["Data".into(), "Second".into(), "Chart".into()]
        }
    );
    assert_eq!(
        e.to_string(),
        "The workbook has 3 sheets (\"Data\", \"Second\", \"Chart\"); there is no sheet number 4."
    );
}

/// A text column of a workbook (group: control/treatment) asked for as
/// numbers is named as a category column with its first values.
#[test]
fn xlsx_text_column_is_named_as_a_category() {
    let t = xlsx("survey.xlsx");
    let e = t.numeric(&["id", "group"]).unwrap_err();
    assert_eq!(
        e,
        DataError::TextColumn {
            column: "group".into(),
            values: vec![
                "control".into(),
                "treatment".into(),
                "Grüße, ü & <b>".into()
            ]
        }
    );
}

#[test]
fn xlsx_inline_strings_rich_text_and_error_cells() {
    // openpyxl writes every string inline (<is><t>), rich text as <r> runs.
    let t = xlsx("openpyxl.xlsx");
    assert_eq!(t.names(), ["item", "value", "yes"]);
    assert_eq!(col(&t, "item"), ["a", "bold", "c"]);
    assert_eq!(num(&t, "value"), [Some(0.3), None, Some(1.5)]);
    assert_eq!(col(&t, "yes"), ["1", "0", ""]);
    assert_eq!(
        xlsx_sheet_names(&data("openpyxl.xlsx")).unwrap(),
        ["Sheet A"]
    );

    // XlsxWriter's constant_memory mode: inline strings, formula string
    // results (t="str"), a blank styled cell, escaped markup characters.
    let t = xlsx("inline.xlsx");
    assert_eq!(t.names(), ["name", "score", "ok", "label"]);
    assert_eq!(col(&t, "name"), ["Ana", "Bo & <Co>"]);
    assert_eq!(num(&t, "score"), [Some(std::f64::consts::E), None]);
    assert_eq!(col(&t, "ok"), ["1", "0"]);
    assert_eq!(col(&t, "label"), ["Ana!", "Bo & <Co>!"]);
}

// ---------------------------------------------------------------- known data

/// The first 50 rows of the lavaan HolzingerSwineford1939 fixture, read
/// from the CSV, from an openpyxl workbook and from a ReadStat .sav file,
/// give the identical numeric matrix.
#[test]
fn hs1939_first_50_rows_equal_the_csv_exactly() {
    let csv = fixture("lavaan/hs1939_cfa/hs1939_cfa.csv");
    let csv = read_table(&csv, &opts()).unwrap();
    let names: Vec<String> = csv.names().to_vec();
    let want = csv.numeric(&names).unwrap();
    let want = &want.rows[..50];
    for (file, table) in [
        ("hs1939_50.xlsx", xlsx("hs1939_50.xlsx")),
        ("hs1939_50.sav", sav("hs1939_50.sav")),
    ] {
        assert_eq!(table.names(), names.as_slice(), "{file}");
        assert_eq!(table.n_rows(), 50, "{file}");
        let got = table.numeric(&names).unwrap();
        for (i, (g, w)) in got.rows.iter().zip(want).enumerate() {
            for (j, (a, b)) in g.iter().zip(w).enumerate() {
                assert_eq!(
                    a.map(f64::to_bits),
                    b.map(f64::to_bits),
                    "{file}: row {}, column {}",
                    i + 1,
                    names[j]
                );
            }
        }
    }
}

/// A workbook written by openpyxl with formulas it never calculated (no
/// cached values): the column is named, with how to fix it, not read as
/// empty.
#[test]
fn uncalculated_formula_column_is_named() {
    let e = read_xlsx(&data("formulas.xlsx"), None, &opts()).unwrap_err();
    assert_eq!(
        e,
        DataError::UncalculatedFormulas {
            sheet: "问卷".into(),
            column: "总分".into(),
            cell: "C2".into(),
        }
    );
    let msg = e.to_string();
    assert!(msg.contains("formulas that were never calculated"), "{msg}");
    assert!(msg.contains("open the file in Excel"), "{msg}");
    let zh = semlab::i18n::Localized::message(&e, semlab::i18n::Lang::Zh);
    assert!(
        zh.contains("列“总分”") && zh.contains("从未计算过的公式"),
        "{zh}"
    );
    // Calculated formulas (XlsxWriter stores the results) read as values.
    let t = xlsx("inline.xlsx");
    assert_eq!(col(&t, "label"), ["Ana!", "Bo & <Co>!"]);
}

/// ZIP64 workbooks (Info-ZIP `zip -fz`: ZIP64 end-of-directory record,
/// locator and 64-bit sizes in the central directory; Python's zipfile
/// with `force_zip64`: ZIP64 local headers) read like the plain workbook.
#[test]
fn zip64_workbooks_read_like_the_plain_one() {
    let plain = xlsx("hs1939_50.xlsx");
    for name in ["hs1939_50_zip64.xlsx", "hs1939_50_pyzip64.xlsx"] {
        assert_eq!(xlsx(name), plain, "{name}");
        assert_eq!(
            read_any(&data(name), name, None, &opts()).unwrap(),
            plain,
            "{name}"
        );
    }
    let bytes = data("hs1939_50_zip64.xlsx");
    let eocd = bytes.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let locator = eocd - 20;
    assert_eq!(&bytes[locator..locator + 4], b"PK\x06\x07");
    // The locator pointing anywhere but at the ZIP64 record: damaged, said so.
    let mut bad = bytes.clone();
    bad[locator + 8] ^= 0x10;
    let e = read_xlsx(&bad, None, &opts()).unwrap_err();
    assert!(matches!(e, DataError::CorruptFile { .. }), "{e:?}");
    assert!(e.to_string().contains("ZIP64"), "{e}");
    assert!(!e.to_string().contains("4 GB"), "{e}");
}

// ---------------------------------------------------------------- sav (ReadStat)

#[test]
fn sav_uncompressed_bytecode_and_zlib_give_the_same_table() {
    let plain = sav("survey.sav");
    assert_eq!(
        plain.names(),
        [
            "id",
            "gender",
            "q1",
            "q2",
            "trust_in_the_seller_overall",
            "comment",
            "longtext"
        ]
    );
    assert_eq!(sav("survey_bytecode.sav"), plain);
    assert!(data("survey.zsav").starts_with(b"$FL3"));
    assert_eq!(sav("survey.zsav"), plain);
    assert_eq!(
        read_any(&data("survey.zsav"), "survey.zsav", None, &opts()).unwrap(),
        plain
    );
}

#[test]
fn sav_labels_missing_values_and_strings() {
    let t = sav("survey.sav");
    assert_eq!(t.n_rows(), 5);
    assert_eq!(t.delimiter(), 0);
    assert_eq!(t.line_of_row(0), Some(2));
    // Variable labels, including a non-ASCII one (UTF-8 file).
    assert_eq!(t.label(0), Some("Respondent number"));
    assert_eq!(t.label(2), Some("I trust this seller"));
    assert_eq!(t.label(3), None);
    assert_eq!(t.label(4), Some("Trust (mean of items) – Vertrauen"));
    assert_eq!(t.label(99), None);
    // Value labels keyed by the cell text.
    assert_eq!(
        t.value_labels(1),
        label_pairs(&[("1", "male"), ("2", "female")])
    );
    assert_eq!(
        t.value_labels(2),
        label_pairs(&[
            ("1", "strongly disagree"),
            ("5", "strongly agree"),
            ("99", "no answer")
        ])
    );
    assert!(t.value_labels(0).is_empty());
    // System-missing (NaN in pandas) and user-missing (99; range -9..-1) are missing.
    assert_eq!(
        num(&t, "gender"),
        [Some(1.0), Some(2.0), Some(2.0), Some(1.0), None]
    );
    assert_eq!(num(&t, "q1"), [Some(4.0), None, Some(3.0), None, Some(5.0)]);
    assert_eq!(
        num(&t, "q2"),
        [None, Some(2.0), Some(1.0), Some(0.5), Some(-0.25)]
    );
    // A long (> 8 bytes) variable name; full double precision.
    assert_eq!(
        num(&t, "trust_in_the_seller_overall"),
        [
            Some(1.0 / 3.0),
            Some(2.0 / 3.0),
            Some(0.1),
            Some(1e-300),
            Some(12345678.9)
        ]
    );
    // A string variable (its user-missing "n/a" is missing) and a very long
    // string of 300 bytes stored in two segments.
    assert_eq!(col(&t, "comment"), ["gut", "Grüße", "", "", "ok"]);
    let long: String = (0..100).map(|i| format!("{i:03}")).collect();
    let rev: String = long.chars().rev().collect();
    assert_eq!(col(&t, "longtext"), [long.as_str(), "short", "", &rev, "x"]);
    // Missing-value codes from the options apply on top.
    let t = read_sav(&data("survey.sav"), &with_codes(&["3", "ok"])).unwrap();
    assert_eq!(num(&t, "q1"), [Some(4.0), None, None, None, Some(5.0)]);
    assert!(t.is_missing_text(&col(&t, "comment")[4]));
}

// ---------------------------------------------------------------- sav (PSPP)

#[test]
fn sav_windows_1252_text_is_decoded() {
    let t = sav("pspp_cp1252.sav");
    assert_eq!(t.names(), ["id", "satisfaction", "city"]);
    assert_eq!(col(&t, "city"), ["Köln", "Zürich", "Genève"]);
    assert_eq!(t.label(1), Some("Zufriedenheit – gesamt (€)"));
    assert_eq!(
        t.value_labels(1),
        label_pairs(&[("4.5", "größer"), ("99", "keine Angabe")])
    );
    assert_eq!(num(&t, "satisfaction"), [Some(4.5), Some(3.0), None]);
}

#[test]
fn sav_unsupported_encoding_is_named() {
    // GBK is decoded (tests/data_encodings.rs); Shift-JIS is not.
    let e = sav_err("pspp_sjis.sav");
    assert!(
        matches!(&e, DataError::UnsupportedEncoding { encoding, .. } if encoding == "SHIFT_JIS"),
        "{e:?}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("SHIFT_JIS encoding")
            && msg.contains("the label of variable \"id\"")
            && msg.contains("save it as CSV"),
        "{msg}"
    );
}

fn sav_err(name: &str) -> DataError {
    read_sav(&data(name), &opts()).expect_err("should be refused")
}

#[test]
fn sav_ranges_long_string_labels_and_very_long_strings() {
    let t = sav("pspp_compressed.sav");
    assert_eq!(
        t.names(),
        ["respondent_identifier", "q", "answer", "big", "essay"]
    );
    assert_eq!(t.label(0), Some("Respondent"));
    // q: MISSING VALUES (LO THRU -1, 99); big: (100 THRU HI).
    assert_eq!(num(&t, "q"), [Some(3.0), None, None, Some(120.0), None]);
    assert_eq!(
        num(&t, "big"),
        [Some(1.5), Some(2.25), Some(-1.0), None, Some(3.0)]
    );
    assert_eq!(
        t.value_labels(1),
        label_pairs(&[("3", "three"), ("99", "refused")])
    );
    // A30 string: long-string value labels (extension 21) and missing values (22).
    assert_eq!(
        col(&t, "answer"),
        ["yes, definitely", "", "maybe", "no", ""]
    );
    assert_eq!(
        t.value_labels(2),
        label_pairs(&[("yes, definitely", "Yes (a long-string value label)")])
    );
    // A600 string: three segments.
    let essay: String = (0..200).map(|i| format!("{i:03}")).collect();
    assert_eq!(col(&t, "essay"), [essay.as_str(), "short", "", "x", "y"]);
    // The same data zlib-compressed.
    assert_eq!(sav("pspp.zsav"), t);
}

#[test]
fn sav_big_endian_equals_little_endian() {
    let le = sav("pspp_le.sav");
    assert_eq!(le.names(), ["x", "y", "name"]);
    assert_eq!(num(&le, "x"), [Some(1.25), None, Some(0.1)]);
    assert_eq!(num(&le, "y"), [Some(-3.0), Some(1e10), None]);
    assert_eq!(col(&le, "name"), ["abc", "defgh", ""]);
    assert_eq!(le.label(0), Some("The x variable"));
    assert_eq!(le.value_labels(1), label_pairs(&[("-3", "minus three")]));
    assert_eq!(sav("pspp_be.sav"), le);
}

// ---------------------------------------------------------------- dispatch

#[test]
fn read_any_dispatches_by_signature_then_extension() {
    let csv = fixture("data/items_small.csv");
    assert_eq!(
        read_any(&csv, "items_small.csv", None, &opts()).unwrap(),
        read_table(&csv, &opts()).unwrap()
    );
    assert_eq!(
        read_any(&csv, "ITEMS.TXT", None, &opts()).unwrap(),
        read_table(&csv, &opts()).unwrap()
    );
    // The signature wins over a wrong extension.
    assert_eq!(
        read_any(&data("survey.xlsx"), "survey.csv", None, &opts()).unwrap(),
        xlsx("survey.xlsx")
    );
    assert_eq!(
        read_any(&data("survey.xlsx"), "x.xlsx", Some(1), &opts()).unwrap(),
        read_xlsx(&data("survey.xlsx"), Some(1), &opts()).unwrap()
    );
    assert_eq!(
        read_any(&data("survey.sav"), "noext", Some(5), &opts()).unwrap(),
        sav("survey.sav")
    );

    let ole = [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let unsupported = |bytes: &[u8], name: &str| match read_any(bytes, name, None, &opts()) {
        Err(e @ DataError::UnsupportedFormat { .. }) => e.to_string(),
        other => panic!("{name}: {other:?}"),
    };
    let m = unsupported(&ole, "old.xls");
    assert!(
        m.contains("old Excel workbook (.xls)") && m.contains("save it as .xlsx"),
        "{m}"
    );
    let m = unsupported(&ole, "locked.xlsx");
    assert!(m.contains("password-protected"), "{m}");
    assert!(unsupported(b"\x73\x01\x02", "study.dta").contains("Stata"));
    assert!(unsupported(b"x", "survey.ods").contains("OpenDocument"));
    assert!(unsupported(b"x", "survey.por").contains("SPSS portable"));
    assert!(unsupported(b"x", "data.sas7bdat").contains("SAS"));
    assert!(unsupported(b"x", "data.rds").contains("R data"));

    for name in ["broken.xlsx", "broken.sav"] {
        let e = read_any(b"id,x\n1,2\n", name, None, &opts()).unwrap_err();
        assert!(matches!(e, DataError::CorruptFile { .. }), "{name}: {e:?}");
    }
    // Errors serialize with their kind, for the web app.
    let e = read_any(&ole, "old.xls", None, &opts()).unwrap_err();
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["kind"], "UnsupportedFormat");
}

// ---------------------------------------------------------------- zip edge cases

/// Offsets of the central-directory headers of a zip archive.
fn central_headers(bytes: &[u8]) -> Vec<usize> {
    (0..bytes.len().saturating_sub(4))
        .filter(|&i| bytes[i..].starts_with(b"PK\x01\x02"))
        .collect()
}

#[test]
fn xlsx_encrypted_unsupported_method_and_huge_entries_are_refused() {
    let orig = data("survey.xlsx");
    let cds = central_headers(&orig);
    assert!(cds.len() > 5);

    // Encryption flag on every entry.
    let mut b = orig.clone();
    for &c in &cds {
        b[c + 8] |= 1;
    }
    let e = read_xlsx(&b, None, &opts()).unwrap_err();
    assert!(e.to_string().contains("password-protected"), "{e}");

    // Compression method 12 (bzip2).
    let mut b = orig.clone();
    for &c in &cds {
        b[c + 10] = 12;
        b[c + 11] = 0;
    }
    let e = read_xlsx(&b, None, &opts()).unwrap_err();
    assert!(
        matches!(&e, DataError::UnsupportedFormat { format, .. } if format.contains("bzip2")),
        "{e:?}"
    );

    // An entry claiming to unpack to 2 GB.
    let mut b = orig.clone();
    for &c in &cds {
        b[c + 24..c + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    }
    let e = read_xlsx(&b, None, &opts()).unwrap_err();
    assert!(matches!(e, DataError::FileTooLarge { .. }), "{e:?}");

    // A wrong CRC is caught.
    let mut b = orig.clone();
    for &c in &cds {
        b[c + 16] ^= 0x55;
    }
    let e = read_xlsx(&b, None, &opts()).unwrap_err();
    assert!(
        matches!(&e, DataError::CorruptFile { detail, .. } if detail.contains("checksum")),
        "{e:?}"
    );

    // Cut short: the directory at the end is gone.
    let e = read_xlsx(&orig[..orig.len() / 2], None, &opts()).unwrap_err();
    assert!(e.to_string().contains("incomplete"), "{e}");
}

#[test]
fn sav_truncated_file_says_incomplete() {
    let b = data("survey.sav");
    let e = read_sav(&b[..b.len() - 3], &opts()).unwrap_err();
    assert!(e.to_string().contains("incomplete"), "{e}");
    let e = read_sav(&b[..300], &opts()).unwrap_err();
    assert!(matches!(e, DataError::CorruptFile { .. }), "{e:?}");
    let e = read_sav(b"$FL2", &opts()).unwrap_err();
    assert!(e.to_string().contains("SPSS data file (.sav)"), "{e}");
}

// ---------------------------------------------------------------- robustness

const ALL: &[&str] = &[
    "survey.xlsx",
    "openpyxl.xlsx",
    "inline.xlsx",
    "hs1939_50.xlsx",
    "hs1939_50_zip64.xlsx",
    "hs1939_50_pyzip64.xlsx",
    "formulas.xlsx",
    "survey.sav",
    "survey_bytecode.sav",
    "survey.zsav",
    "hs1939_50.sav",
    "pspp_cp1252.sav",
    "pspp_gbk.sav",
    "pspp_gbk_names.sav",
    "pspp_gb18030.sav",
    "pspp_sjis.sav",
    "pspp_compressed.sav",
    "pspp.zsav",
    "pspp_le.sav",
    "pspp_be.sav",
];

fn read_all_ways(bytes: &[u8], name: &str) {
    let _ = read_any(bytes, name, None, &opts());
    if name.ends_with(".xlsx") {
        let _ = xlsx_sheet_names(bytes);
        let _ = read_xlsx(bytes, Some(1), &opts());
    }
}

/// Every prefix of every fixture is read without a panic (an error or,
/// for a few prefixes of an uncompressed .sav, fewer rows is fine).
#[test]
fn truncated_files_never_panic() {
    for name in ALL {
        let b = data(name);
        for len in 0..b.len() {
            read_all_ways(&b[..len], name);
        }
    }
}

/// Flipping bytes anywhere never panics, hangs or allocates without bound.
#[test]
fn corrupted_bytes_never_panic() {
    for name in ALL {
        let b = data(name);
        let mut m = b.clone();
        for i in 0..b.len() {
            for x in [0xFFu8, 0x01] {
                m[i] = b[i] ^ x;
                read_all_ways(&m, name);
            }
            m[i] = 0;
            read_all_ways(&m, name);
            m[i] = b[i];
        }
    }
}

/// Deterministic pseudo-random multi-byte damage, including to the
/// decompressed parts (the zip CRC would stop most single flips early).
#[test]
fn random_damage_never_panics() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for name in ALL {
        let b = data(name);
        for _ in 0..300 {
            let mut m = b.clone();
            for _ in 0..1 + next() % 8 {
                let i = (next() % m.len() as u64) as usize;
                m[i] = next() as u8;
            }
            read_all_ways(&m, name);
        }
    }
}

/// pyreadstat 1.3.8 (`make_fixtures.py measures`): a member survey whose
/// SPSS file declares gender and channel nominal (with value labels), the
/// Likert items q1–q3 ordinal and age scale. The levels are read
/// (extension record 11); a nominal column is no item (not suggested as
/// ordinal) and comes first among the group columns, with the labels of
/// its values.
#[test]
fn sav_measurement_levels_make_nominal_columns_groups_not_items() {
    use semlab::data::groups::{group_columns, MAX_GROUP_LEVELS};
    use semlab::data::{mark_declared_levels, MeasureLevel};
    let t = sav("survey_measures.sav");
    let level = |name: &str| t.measure(t.column_index(name).unwrap());
    assert_eq!(level("gender"), Some(MeasureLevel::Nominal));
    assert_eq!(level("channel"), Some(MeasureLevel::Nominal));
    assert_eq!(level("q1"), Some(MeasureLevel::Ordinal));
    assert_eq!(level("age"), Some(MeasureLevel::Scale));
    assert_eq!(t.value_label(0, "2"), Some("female"));
    assert_eq!(t.value_label(1, "3"), Some("app"));
    // a file without the record declares nothing
    let plain = sav("survey.sav");
    assert!((0..plain.n_cols()).all(|j| plain.measure(j).is_none()));

    let names: Vec<&str> = t.names().iter().map(String::as_str).collect();
    let mut items = t.numeric(&names).unwrap().describe();
    assert!(
        items[0].looks_ordinal,
        "1/2 looks like a two-point item by its values"
    );
    mark_declared_levels(&mut items, &t);
    let by = |n: &str| items.iter().find(|i| i.name == n).unwrap();
    assert!(by("gender").nominal && !by("gender").looks_ordinal);
    assert!(by("channel").nominal && !by("channel").looks_ordinal);
    assert!(!by("q1").nominal && by("q1").looks_ordinal);

    let groups = group_columns(&t, MAX_GROUP_LEVELS);
    let order: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(&order[..2], ["gender", "channel"], "{order:?}");
    let gender = &groups[0];
    assert!(gender.nominal);
    let shown: Vec<(String, Option<String>)> = gender
        .levels
        .iter()
        .map(|(v, _)| v.clone())
        .zip(gender.labels.clone())
        .collect();
    assert!(
        shown.contains(&("1".into(), Some("male".into()))),
        "{shown:?}"
    );
    assert!(
        shown.contains(&("2".into(), Some("female".into()))),
        "{shown:?}"
    );
    assert_eq!(gender.levels.iter().map(|(_, n)| n).sum::<usize>(), 40);
}
