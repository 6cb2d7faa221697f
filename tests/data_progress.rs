//! Reading with progress ([`read_any_with_progress`],
//! [`read_table_with_progress`]): what the browser's worker uses to show a
//! progress bar and to stop a long read. The fractions never go back and
//! end at 1; a `false` from the callback stops the read with
//! [`DataError::Cancelled`]; the table is the plain readers' table.

mod common;

use common::zip::stored_zip;
use semlab::data::{
    read_any, read_any_with_progress, read_table, read_table_with_progress, DataError, ReadOptions,
};
use semlab::i18n::{Lang, Localized};

/// A CSV of `rows` rows (about 60 bytes each), with a quoted cell holding a
/// line break now and then, missing cells and a decimal point.
fn big_csv(rows: usize) -> Vec<u8> {
    let mut s = String::from("id,x1,x2,x3,x4,x5,note\n");
    for i in 0..rows {
        let note = if i % 997 == 0 {
            "\"two\nlines, quoted\""
        } else {
            "ok"
        };
        let x3 = if i % 13 == 0 {
            "NA".to_string()
        } else {
            format!("{}", (i * 7) % 5 + 1)
        };
        s.push_str(&format!(
            "{i},{}.{},{},{x3},{},{},{note}\n",
            i % 5 + 1,
            i % 10,
            (i * 3) % 7 + 1,
            (i * 11) % 5 + 1,
            (i % 3) as f64 * 0.25,
        ));
    }
    s.into_bytes()
}

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Every fraction reported, in order.
fn reported(read: impl FnOnce(&mut dyn FnMut(f64) -> bool)) -> Vec<f64> {
    let mut seen = Vec::new();
    read(&mut |f| {
        seen.push(f);
        true
    });
    seen
}

fn assert_monotone_to_one(seen: &[f64]) {
    assert!(!seen.is_empty());
    assert_eq!(seen[0], 0.0, "starts at 0");
    for w in seen.windows(2) {
        assert!(w[1] >= w[0], "went back: {} then {}", w[0], w[1]);
    }
    assert!(seen.iter().all(|f| (0.0..=1.0).contains(f)));
    assert_eq!(*seen.last().unwrap(), 1.0, "ends at exactly 1");
}

#[test]
fn a_large_csv_reports_progress_monotone_up_to_one_and_reads_the_same_table() {
    let bytes = big_csv(60_000);
    let opts = ReadOptions::default();
    let plain = read_table(&bytes, &opts).unwrap();
    let mut table = None;
    let seen = reported(|cb| table = Some(read_table_with_progress(&bytes, &opts, cb)));
    assert_eq!(table.unwrap().unwrap(), plain);
    assert_monotone_to_one(&seen);
    // Every 4096 rows: about 60000 / 4096 reports in between, spread out.
    assert!(seen.len() >= 12, "{} reports", seen.len());
    let middle = seen.iter().filter(|f| **f > 0.3 && **f < 0.7).count();
    assert!(middle >= 3, "reports between 30 % and 70 %: {middle}");

    // read_any gives the same through the extension's reader.
    let mut any = None;
    let seen =
        reported(|cb| any = Some(read_any_with_progress(&bytes, "big.csv", None, &opts, cb)));
    assert_eq!(any.unwrap().unwrap(), plain);
    assert_monotone_to_one(&seen);
}

#[test]
fn returning_false_stops_the_read_with_a_typed_error() {
    let bytes = big_csv(60_000);
    let opts = ReadOptions::default();
    for stop_at in [1, 3, 7] {
        let mut calls = 0;
        let result = read_table_with_progress(&bytes, &opts, &mut |_| {
            calls += 1;
            calls < stop_at
        });
        assert_eq!(result.unwrap_err(), DataError::Cancelled);
        assert_eq!(calls, stop_at, "no call after the one that said stop");
    }
    // At the very start (before anything is decoded), and through read_any.
    let result = read_any_with_progress(&bytes, "big.csv", None, &opts, &mut |_| false);
    assert_eq!(result.unwrap_err(), DataError::Cancelled);
    // A stop on the last report (1) still stops: nothing is returned.
    let result = read_table_with_progress(&bytes, &opts, &mut |f| f < 1.0);
    assert_eq!(result.unwrap_err(), DataError::Cancelled);
}

#[test]
fn cancelled_says_so_in_both_languages() {
    let e = DataError::Cancelled;
    assert!(
        e.message(Lang::En).contains("cancelled"),
        "{}",
        e.message(Lang::En)
    );
    assert!(
        e.message(Lang::Zh).contains("已取消"),
        "{}",
        e.message(Lang::Zh)
    );
}

/// A workbook of one sheet: a header row `a,b,c` and `rows` rows of numbers.
fn big_xlsx(rows: usize) -> Vec<u8> {
    let mut sheet = String::from(
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>"#,
    );
    for i in 0..rows {
        let r = i + 2;
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><v>{}</v></c><c r="B{r}"><v>{}.5</v></c><c r="C{r}"><v>{}</v></c></row>"#,
            i % 7,
            i % 5,
            i % 3
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let entries: Vec<(&str, Vec<u8>)> = parts
        .into_iter()
        .map(|(n, x)| (n, x.into_bytes()))
        .collect();
    stored_zip(&entries)
}

#[test]
fn a_large_workbook_reports_its_rows_as_read() {
    let bytes = big_xlsx(50_000);
    let opts = ReadOptions::default();
    let plain = read_any(&bytes, "big.xlsx", None, &opts).unwrap();
    assert_eq!(plain.n_rows(), 50_000);
    let mut table = None;
    let seen =
        reported(|cb| table = Some(read_any_with_progress(&bytes, "big.xlsx", None, &opts, cb)));
    assert_eq!(table.unwrap().unwrap(), plain);
    assert_monotone_to_one(&seen);
    let middle = seen.iter().filter(|f| **f > 0.35 && **f < 0.85).count();
    assert!(middle >= 5, "reports while the sheet is read: {seen:?}");
    let mut calls = 0;
    let stopped = read_any_with_progress(&bytes, "big.xlsx", None, &opts, &mut |_| {
        calls += 1;
        calls < 6
    });
    assert_eq!(stopped.unwrap_err(), DataError::Cancelled);
    assert_eq!(calls, 6);
}

#[test]
fn small_files_workbooks_and_spss_files_report_their_start_and_end() {
    let opts = ReadOptions::default();
    for (name, bytes) in [
        ("small.csv", b"a,b\n1,2\n3,4\n".to_vec()),
        ("survey.xlsx", fixture("data/survey.xlsx")),
        ("hs1939_50.sav", fixture("data/hs1939_50.sav")),
    ] {
        let plain = read_any(&bytes, name, None, &opts).unwrap();
        let mut table = None;
        let seen =
            reported(|cb| table = Some(read_any_with_progress(&bytes, name, None, &opts, cb)));
        assert_eq!(table.unwrap().unwrap(), plain, "{name}");
        assert_monotone_to_one(&seen);
        let stopped = read_any_with_progress(&bytes, name, None, &opts, &mut |_| false);
        assert_eq!(stopped.unwrap_err(), DataError::Cancelled, "{name}");
    }
}

#[test]
fn a_file_that_cannot_be_read_gives_the_plain_readers_error() {
    let opts = ReadOptions::default();
    let bad = b"a,b\n1,2\n3,4,5,6\n".to_vec();
    let plain = read_any(&bad, "bad.csv", None, &opts).unwrap_err();
    let with = read_any_with_progress(&bad, "bad.csv", None, &opts, &mut |_| true).unwrap_err();
    assert_eq!(with, plain);
    assert!(matches!(with, DataError::WrongFieldCount { row: 2, .. }));
}
