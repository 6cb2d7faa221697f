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

/// An SPSS system file of `cases` cases and `vars` numeric variables
/// (v1, v2, …): values 1–7, now and then a fraction (stored raw) or a
/// system-missing value. `zlib`: a `.zsav` whose bytecode stream is cut
/// into zlib blocks of `block` bytes (stored deflate blocks: the reader
/// inflates them as any other), else a bytecode-compressed `.sav`.
fn big_sav(cases: usize, vars: usize, zlib: bool, block: usize) -> Vec<u8> {
    let i32le = |v: i32| v.to_le_bytes();
    let mut out = Vec::new();
    out.extend_from_slice(if zlib { b"$FL3" } else { b"$FL2" });
    out.extend_from_slice(&[b' '; 60]);
    out.extend_from_slice(&i32le(2)); // layout code
    out.extend_from_slice(&i32le(vars as i32)); // elements per case
    out.extend_from_slice(&i32le(if zlib { 2 } else { 1 }));
    out.extend_from_slice(&i32le(0)); // no weight
    out.extend_from_slice(&i32le(cases as i32));
    out.extend_from_slice(&100f64.to_le_bytes()); // bias
    out.extend_from_slice(&[b' '; 9 + 8 + 64 + 3]);
    for j in 0..vars {
        out.extend_from_slice(&i32le(2));
        out.extend_from_slice(&i32le(0)); // numeric
        out.extend_from_slice(&i32le(0)); // no label
        out.extend_from_slice(&i32le(0)); // no missing values
        let f8_2 = (5 << 16) | (8 << 8) | 2;
        out.extend_from_slice(&i32le(f8_2));
        out.extend_from_slice(&i32le(f8_2));
        let mut name = format!("v{}", j + 1).into_bytes();
        name.resize(8, b' ');
        out.extend_from_slice(&name);
    }
    out.extend_from_slice(&i32le(999));
    out.extend_from_slice(&i32le(0));
    // The bytecode: blocks of 8 codes, each followed by the raw values of
    // its code-253 entries.
    let mut stream = Vec::new();
    let mut codes = Vec::with_capacity(8);
    let mut raws: Vec<f64> = Vec::new();
    let flush = |codes: &mut Vec<u8>, raws: &mut Vec<f64>, stream: &mut Vec<u8>| {
        codes.resize(8, 0);
        stream.extend_from_slice(codes);
        for r in raws.drain(..) {
            stream.extend_from_slice(&r.to_le_bytes());
        }
        codes.clear();
    };
    for i in 0..cases {
        for j in 0..vars {
            let k = i * vars + j;
            if k.is_multiple_of(101) {
                codes.push(255); // system-missing
            } else if k.is_multiple_of(7) {
                codes.push(253);
                raws.push((k % 50) as f64 / 8.0);
            } else {
                codes.push(100 + (k % 7) as u8 + 1);
            }
            if codes.len() == 8 {
                flush(&mut codes, &mut raws, &mut stream);
            }
        }
    }
    if !codes.is_empty() {
        flush(&mut codes, &mut raws, &mut stream);
    }
    if !zlib {
        out.extend_from_slice(&stream);
        return out;
    }
    let header_at = out.len();
    let mut blocks = Vec::new();
    for piece in stream.chunks(block) {
        blocks.push(zlib_stored(piece));
    }
    let trailer_at = header_at + 24 + blocks.iter().map(Vec::len).sum::<usize>();
    let trailer_len = 24 + 24 * blocks.len();
    out.extend_from_slice(&(header_at as i64).to_le_bytes());
    out.extend_from_slice(&(trailer_at as i64).to_le_bytes());
    out.extend_from_slice(&(trailer_len as i64).to_le_bytes());
    let mut at = header_at + 24;
    let mut trailer = Vec::new();
    trailer.extend_from_slice(&(-100i64).to_le_bytes());
    trailer.extend_from_slice(&0i64.to_le_bytes());
    trailer.extend_from_slice(&i32le(block as i32));
    trailer.extend_from_slice(&i32le(blocks.len() as i32));
    for (b, (z, piece)) in blocks.iter().zip(stream.chunks(block)).enumerate() {
        trailer.extend_from_slice(&((header_at + b * block) as i64).to_le_bytes());
        trailer.extend_from_slice(&(at as i64).to_le_bytes());
        trailer.extend_from_slice(&i32le(piece.len() as i32));
        trailer.extend_from_slice(&i32le(z.len() as i32));
        out.extend_from_slice(z);
        at += z.len();
    }
    out.extend_from_slice(&trailer);
    out
}

/// `data` as a zlib stream of stored (uncompressed) deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut z = vec![0x78, 0x01];
    let pieces: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, p) in pieces.iter().enumerate() {
        z.push(u8::from(i + 1 == pieces.len()));
        z.extend_from_slice(&(p.len() as u16).to_le_bytes());
        z.extend_from_slice(&(!(p.len() as u16)).to_le_bytes());
        z.extend_from_slice(p);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + u32::from(x)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());
    z
}

#[test]
fn a_large_spss_file_reports_its_cases_as_read_and_can_be_stopped() {
    let opts = ReadOptions::default();
    let bytes = big_sav(60_000, 10, false, 0);
    let plain = read_any(&bytes, "big.sav", None, &opts).unwrap();
    assert_eq!((plain.n_rows(), plain.n_cols()), (60_000, 10));
    let mut table = None;
    let seen =
        reported(|cb| table = Some(read_any_with_progress(&bytes, "big.sav", None, &opts, cb)));
    assert_eq!(table.unwrap().unwrap(), plain);
    assert_monotone_to_one(&seen);
    let middle = seen.iter().filter(|f| **f > 0.3 && **f < 0.7).count();
    assert!(middle >= 3, "reports while the cases are read: {seen:?}");
    let mut calls = 0;
    let stopped = read_any_with_progress(&bytes, "big.sav", None, &opts, &mut |_| {
        calls += 1;
        calls < 5
    });
    assert_eq!(stopped.unwrap_err(), DataError::Cancelled);
    assert_eq!(calls, 5);
}

#[test]
fn a_large_zsav_reports_its_blocks_inflated_and_its_cases_read_and_can_be_stopped_in_either() {
    let opts = ReadOptions::default();
    let sav = read_any(&big_sav(60_000, 10, false, 0), "big.sav", None, &opts).unwrap();
    let bytes = big_sav(60_000, 10, true, 64 * 1024);
    let plain = read_any(&bytes, "big.zsav", None, &opts).unwrap();
    assert_eq!(plain, sav, "the .zsav holds the .sav's table");
    let mut table = None;
    let seen =
        reported(|cb| table = Some(read_any_with_progress(&bytes, "big.zsav", None, &opts, cb)));
    assert_eq!(table.unwrap().unwrap(), plain);
    assert_monotone_to_one(&seen);
    // the bytecode in 64 KB blocks: a report after each block inflated
    // (below 40 %), then every 4096 cases read (above)
    let blocks = bytes.len() / (64 * 1024);
    assert!(blocks >= 15, "{} bytes", bytes.len());
    let inflating = seen.iter().filter(|f| **f > 0.0 && **f < 0.4).count();
    let cases = seen.iter().filter(|f| **f > 0.45 && **f < 0.95).count();
    assert!(
        inflating >= blocks,
        "a report per block inflated ({blocks}): {seen:?}"
    );
    assert!(cases >= 3, "reports while the cases are read: {seen:?}");
    for stop_at in [3, inflating + 4] {
        let mut calls = 0;
        let stopped = read_any_with_progress(&bytes, "big.zsav", None, &opts, &mut |_| {
            calls += 1;
            calls < stop_at
        });
        assert_eq!(
            stopped.unwrap_err(),
            DataError::Cancelled,
            "stop at {stop_at}"
        );
        assert_eq!(calls, stop_at);
    }
}
