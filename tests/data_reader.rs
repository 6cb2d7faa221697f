//! Integration tests of `semlab::data`: reading delimited files, missing
//! values, numeric conversion, listwise deletion, missing patterns, sample
//! moments, descriptives, Mardia's tests and covariance-matrix input.
//!
//! Reference numbers marked "from R" were computed with R 4.x, lavaan 0.6.14
//! and psych 2.2.9; the exact call is given beside each.

use nalgebra::DMatrix;
use semlab::data::{
    correlation, cov_to_cor, covariance_n, covariance_n1, mardia, mean_vector, parse_number,
    read_covariance, read_table, CovarianceLayout, DataError, DataTable, ReadOptions,
};

fn read(text: &str) -> DataTable {
    read_table(text.as_bytes(), &ReadOptions::default()).expect("file should be read")
}

fn read_err(text: &[u8]) -> DataError {
    read_table(text, &ReadOptions::default()).expect_err("file should be rejected")
}

fn with_codes(codes: &[&str]) -> ReadOptions {
    ReadOptions {
        missing_codes: codes.iter().map(|s| s.to_string()).collect(),
        ..ReadOptions::default()
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

#[track_caller]
fn assert_close(a: f64, b: f64, tol: f64) {
    assert!(close(a, b, tol), "{a} differs from {b} (tolerance {tol})");
}

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

// ---------------------------------------------------------------- basics

#[test]
fn reads_comma_separated_file_with_header() {
    let t = read("id,x1,x2\na,1,2\nb,3,4\n");
    assert_eq!(t.names(), ["id", "x1", "x2"]);
    assert_eq!(t.n_rows(), 2);
    assert_eq!(t.n_cols(), 3);
    assert_eq!(t.delimiter(), b',');
    assert!(!t.decimal_comma());
    assert_eq!(t.column_index("x2"), Some(2));
    assert_eq!(t.column_index("X2"), None);
    assert_eq!(t.cell(1, 0), Some("b"));
    assert_eq!(t.cell(2, 0), None);
    assert_eq!(t.line_of_row(1), Some(3));
    assert_eq!(
        t.preview(1),
        vec![vec!["a".to_string(), "1".to_string(), "2".to_string()]]
    );
    assert_eq!(t.preview(10).len(), 2);
    assert!(t.preview(0).is_empty());
    let d = t.numeric(&["x2", "x1"]).unwrap();
    assert_eq!(d.names, ["x2", "x1"]);
    assert_eq!(
        d.rows,
        vec![vec![Some(2.0), Some(1.0)], vec![Some(4.0), Some(3.0)]]
    );
    // &[String] works as well as &[&str].
    let d2 = t.numeric(&["x1".to_string()]).unwrap();
    assert_eq!(d2.column(0), vec![Some(1.0), Some(3.0)]);
}

#[test]
fn last_line_without_newline_and_trailing_blank_lines() {
    let t = read("a,b\n1,2\n3,4");
    assert_eq!(t.n_rows(), 2);
    let t = read("a,b\n1,2\n3,4\n\n\n   \n");
    assert_eq!(t.n_rows(), 2);
}

#[test]
fn blank_lines_in_the_middle_are_skipped_and_lines_still_counted() {
    let t = read("a,b\n1,2\n\n3,4\n5,9\n");
    // Row 3 is on line 5 because of the blank line 3.
    let e = t.numeric(&["a"]).unwrap();
    assert_eq!(e.n_rows(), 3);
    let err = read_err(b"a,b\n1,2\n\n3,4\n5,x,9\n");
    assert_eq!(
        err,
        DataError::WrongFieldCount {
            row: 3,
            line: 5,
            expected: 2,
            found: 3
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("Row 3"), "{msg}");
    assert!(msg.contains("line 5 of the file"), "{msg}");
    assert!(msg.contains("3 values"), "{msg}");
    assert!(msg.contains("2 column names"), "{msg}");
}

#[test]
fn crlf_and_cr_line_endings() {
    for text in [
        "x,y\r\n1,2\r\n3,4\r\n",
        "x,y\r1,2\r3,4\r",
        "x,y\n1,2\r\n3,4\r",
    ] {
        let t = read(text);
        assert_eq!(t.names(), ["x", "y"], "{text:?}");
        let d = t.numeric(&["x", "y"]).unwrap();
        assert_eq!(
            d.rows,
            vec![vec![Some(1.0), Some(2.0)], vec![Some(3.0), Some(4.0)]],
            "{text:?}"
        );
    }
    // Line numbers in errors count CRLF once.
    let err = read_err(b"x,y\r\n1,2\r\n3\r\n");
    assert_eq!(
        err,
        DataError::WrongFieldCount {
            row: 2,
            line: 3,
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn utf8_bom_is_removed() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("\"x1\",x2\n1,2\n".as_bytes());
    let t = read_table(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(t.names(), ["x1", "x2"]);
    assert_eq!(t.column_index("x1"), Some(0));
}

#[test]
fn non_ascii_text_survives() {
    let t = read("Größe,Ärger\n1,\"zwölf, elf\"\n");
    assert_eq!(t.names(), ["Größe", "Ärger"]);
    assert_eq!(t.cell(0, 1), Some("zwölf, elf"));
}

#[test]
fn invalid_utf8_names_the_line() {
    // UTF-8 ("Grüße" on line 2) with a Latin-1 "é" (0xE9) on line 3: mixed
    // encodings are not guessed at (all-Latin-1 text reads as Windows-1252,
    // tests/data_encodings.rs).
    let err = read_err(b"name,x\nGr\xC3\xBC\xC3\x9Fe,1\ncaf\xE9,2\n");
    assert_eq!(err, DataError::InvalidUtf8 { line: 3 });
    let msg = err.to_string();
    assert!(msg.contains("Line 3"), "{msg}");
    assert!(msg.contains("UTF-8"), "{msg}");
}

#[test]
fn binary_files_are_recognised() {
    let err = read_err(b"PK\x03\x04\x14\x00\x06\x00rest of zip");
    assert!(matches!(err, DataError::NotText { .. }));
    assert!(err.to_string().contains("Excel"), "{err}");
    assert!(err.to_string().contains("CSV"), "{err}");
    let err = read_err(b"x,y\n1,\x002\n");
    assert!(matches!(err, DataError::NotText { .. }));
}

#[test]
fn empty_file_and_header_only() {
    assert_eq!(read_err(b""), DataError::EmptyFile);
    assert_eq!(read_err(b"\n\n  \r\n"), DataError::EmptyFile);
    assert_eq!(read_err(&[0xEF, 0xBB, 0xBF]), DataError::EmptyFile);
    let err = read_err(b"x,y\n\n");
    assert_eq!(err, DataError::NoDataRows);
    assert!(err.to_string().contains("no data rows"));
}

// ------------------------------------------------------------ delimiters

#[test]
fn semicolon_with_decimal_comma() {
    let t = read("x;y;z\n3,5;2;-1,25\n4;1,0;.\n");
    assert_eq!(t.delimiter(), b';');
    assert!(t.decimal_comma());
    let d = t.numeric(&["x", "y", "z"]).unwrap();
    assert_eq!(
        d.rows,
        vec![
            vec![Some(3.5), Some(2.0), Some(-1.25)],
            vec![Some(4.0), Some(1.0), None]
        ]
    );
}

#[test]
fn semicolon_file_accepts_decimal_point_too() {
    let d = read("x;y\n3.5;2\n").numeric(&["x", "y"]).unwrap();
    assert_eq!(d.rows, vec![vec![Some(3.5), Some(2.0)]]);
}

#[test]
fn decimal_comma_can_be_switched_off_or_on() {
    let opts = ReadOptions {
        decimal_comma: Some(false),
        ..ReadOptions::default()
    };
    let t = read_table(b"x;y\n3,5;2\n", &opts).unwrap();
    let err = t.numeric(&["x"]).unwrap_err();
    assert!(err.to_string().contains("\"3,5\" is not a number"), "{err}");

    // In a comma file a quoted "3,5" is text unless decimal commas are asked for.
    let t = read("x,y\n\"3,5\",2\n");
    assert!(t.numeric(&["x"]).is_err());
    let opts = ReadOptions {
        decimal_comma: Some(true),
        ..ReadOptions::default()
    };
    let t = read_table(b"x,y\n\"3,5\",2\n", &opts).unwrap();
    assert_eq!(t.numeric(&["x"]).unwrap().rows, vec![vec![Some(3.5)]]);
}

#[test]
fn tab_separated_with_commas_inside_text() {
    let t = read("name\tscore\tgroup\nSmith, J\t4\tA\nDoe, K\t5\tB\n");
    assert_eq!(t.delimiter(), b'\t');
    assert!(!t.decimal_comma());
    assert_eq!(t.names(), ["name", "score", "group"]);
    assert_eq!(t.cell(0, 0), Some("Smith, J"));
    let d = t.numeric(&["score"]).unwrap();
    assert_eq!(d.column(0), vec![Some(4.0), Some(5.0)]);
}

#[test]
fn tab_separated_empty_cells_are_missing() {
    let t = read("a\tb\tc\n1\t\t3\n\t\t\n4\t5\t6\n");
    let d = t.numeric(&["a", "b", "c"]).unwrap();
    assert_eq!(
        d.rows,
        vec![
            vec![Some(1.0), None, Some(3.0)],
            vec![None, None, None],
            vec![Some(4.0), Some(5.0), Some(6.0)]
        ]
    );
}

#[test]
fn pipe_separated() {
    let t = read("a|b\n1|2\n");
    assert_eq!(t.delimiter(), b'|');
    assert_eq!(
        t.numeric(&["a", "b"]).unwrap().rows,
        vec![vec![Some(1.0), Some(2.0)]]
    );
}

#[test]
fn delimiter_detection_prefers_consistent_count() {
    // The header splits on both ',' and ';' into 2, but only ';' is consistent.
    let t = read("a;b,c\n1;2\n3;4\n");
    assert_eq!(t.delimiter(), b';');
    assert_eq!(t.names(), ["a", "b,c"]);
    // Commas inside quotes do not fool detection.
    let t = read("\"a;x\",b\n\"1;2\",3\n");
    assert_eq!(t.delimiter(), b',');
    assert_eq!(t.names(), ["a;x", "b"]);
}

#[test]
fn single_column_file() {
    let t = read("score\n1\n2\n\n3\n");
    assert_eq!(t.names(), ["score"]);
    assert_eq!(t.n_rows(), 3);
}

#[test]
fn explicit_delimiter_overrides_detection() {
    let opts = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    // Detection would choose ';'.
    let t = read_table(b"a;b\n1;2\n", &opts).unwrap();
    assert_eq!(t.names(), ["a;b"]);
    assert_eq!(t.delimiter(), b',');
}

#[test]
fn unusable_delimiter_option_is_an_error() {
    for d in [b'"', b'\n', b'\r', 0xE9] {
        let opts = ReadOptions {
            delimiter: Some(d),
            ..ReadOptions::default()
        };
        let err = read_table(b"a,b\n1,2\n", &opts).unwrap_err();
        assert_eq!(err, DataError::InvalidDelimiter { delimiter: d });
        assert!(err.to_string().contains("separator"), "{err}");
    }
}

// ---------------------------------------------------------------- quoting

#[test]
fn quoted_fields_with_delimiters_quotes_and_newlines() {
    let text =
        "id,comment,x\n1,\"a, b\",5\n2,\"she said \"\"no\"\"\",6\n3,\"two\nlines\",7\n4,\"\",8\n";
    let t = read(text);
    assert_eq!(t.n_rows(), 4);
    assert_eq!(t.cell(0, 1), Some("a, b"));
    assert_eq!(t.cell(1, 1), Some("she said \"no\""));
    assert_eq!(t.cell(2, 1), Some("two\nlines"));
    assert_eq!(t.cell(3, 1), Some(""));
    // The quoted cell spans lines 4-5, so row 4 starts on line 6.
    assert_eq!(t.line_of_row(2), Some(4));
    assert_eq!(t.line_of_row(3), Some(6));
    let d = t.numeric(&["x"]).unwrap();
    assert_eq!(
        d.column(0),
        vec![Some(5.0), Some(6.0), Some(7.0), Some(8.0)]
    );
}

#[test]
fn quoted_numbers_and_whitespace() {
    let t = read("x , \" y \",z\n  1 , \" 2 \" ,\"3\"\n");
    assert_eq!(t.names(), ["x", "y", "z"]);
    // Unquoted cells are trimmed.
    assert_eq!(t.cell(0, 0), Some("1"));
    let d = t.numeric(&["x", "y", "z"]).unwrap();
    assert_eq!(d.rows, vec![vec![Some(1.0), Some(2.0), Some(3.0)]]);
}

#[test]
fn unclosed_quote_names_the_line_where_it_starts() {
    let err = read_err(b"a,b\n1,2\n3,\"oops\n4,5\n");
    assert_eq!(err, DataError::UnclosedQuote { line: 3 });
    assert!(err.to_string().contains("Line 3"), "{err}");
}

// ----------------------------------------------------------------- header

#[test]
fn duplicate_header_names_the_positions() {
    let err = read_err(b"x1,x2,x1\n1,2,3\n");
    assert_eq!(
        err,
        DataError::DuplicateColumnName {
            name: "x1".into(),
            first: 1,
            second: 3
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("\"x1\""), "{msg}");
    assert!(msg.contains("columns 1 and 3"), "{msg}");
    // Trimming and unquoting happen before the comparison.
    let err = read_err(b"\"a\", a \n1,2\n");
    assert!(matches!(
        err,
        DataError::DuplicateColumnName {
            first: 1,
            second: 2,
            ..
        }
    ));
}

#[test]
fn empty_header_name_is_an_error_naming_the_column() {
    let err = read_err(b"x1,,x3\n1,2,3\n");
    assert_eq!(err, DataError::EmptyColumnName { column: 2 });
    assert!(err.to_string().contains("Column 2"), "{err}");
    // a first column without a name, when a column `X` exists already
    let err = read_err(b",X\n1,2\n");
    assert_eq!(err, DataError::EmptyColumnName { column: 1 });
}

/// R's `write.csv(d, "f.csv")` (row names on, the default) and pandas'
/// `to_csv` write the row names under an empty first header: the column is
/// read as `X`, as R's `read.csv` reads it, and the data columns are intact.
#[test]
fn row_names_column_of_r_write_csv_is_read_as_x() {
    let t = read("\"\",\"a 1\",\"b\"\n\"1\",NA,2.5\n\"2\",3,NA\n");
    assert_eq!(t.names(), ["X", "a 1", "b"]);
    assert_eq!(
        t.numeric(&["a 1", "b"]).unwrap().column(1),
        vec![Some(2.5), None]
    );
    assert_eq!(
        t.numeric(&["X"]).unwrap().column(0),
        vec![Some(1.0), Some(2.0)]
    );
    // pandas: an index without a header, unquoted
    let t = read(",x1,x2\n0,1,2\n1,3,4\n");
    assert_eq!(t.names(), ["X", "x1", "x2"]);
}

#[test]
fn trailing_delimiter_on_every_line_is_tolerated() {
    let t = read("a,b,c,\n1,2,3,\n4,5,6,\n");
    assert_eq!(t.names(), ["a", "b", "c"]);
    assert_eq!(
        t.numeric(&["c"]).unwrap().column(0),
        vec![Some(3.0), Some(6.0)]
    );
    // Header with the trailing delimiter, rows without it.
    let t = read("a,b,\n1,2\n");
    assert_eq!(t.names(), ["a", "b"]);
    // One row with a single extra empty cell.
    let t = read("a,b\n1,2,\n3,4\n");
    assert_eq!(t.n_rows(), 2);
    // A spreadsheet export with blank columns after the data (CRLF, BOM):
    // the unnamed empty columns are not columns.
    let t = read("\u{feff}a,b,,,\r\n1,2,,,\r\n3,4,,\r\n");
    assert_eq!(t.names(), ["a", "b"]);
    assert_eq!(t.n_rows(), 2);
    // An unnamed column with data is still an error: which name is meant?
    let err = read_err(b"a,,c\n1,2,3\n");
    assert_eq!(err, DataError::EmptyColumnName { column: 2 });
    // But an extra cell with content is an error.
    let err = read_err(b"a,b\n1,2\n3,4,5\n");
    assert_eq!(
        err,
        DataError::WrongFieldCount {
            row: 2,
            line: 3,
            expected: 2,
            found: 3
        }
    );
}

#[test]
fn short_row_is_an_error() {
    let err = read_err(b"a,b,c\n1,2,3\n4,5,6\n7,8\n");
    assert_eq!(
        err,
        DataError::WrongFieldCount {
            row: 3,
            line: 4,
            expected: 3,
            found: 2
        }
    );
    assert!(
        err.to_string()
            .contains("has 2 values but the header has 3 column names"),
        "{err}"
    );
}

// ---------------------------------------------------------- missing values

#[test]
fn default_missing_tokens() {
    let t = read("x\n1\n\nNA\n.\nN/A\n#N/A\nNaN\nNULL\nna\n\"\"\n  \"NA\"  \n2\n");
    let d = t.numeric(&["x"]).unwrap();
    let v = d.column(0);
    assert_eq!(v.first(), Some(&Some(1.0)));
    assert_eq!(v.last(), Some(&Some(2.0)));
    // The blank line is skipped (single-column file), everything else in between is missing.
    assert_eq!(v.len(), 11);
    assert!(v[1..10].iter().all(Option::is_none), "{v:?}");
}

#[test]
fn user_missing_codes_match_numerically_and_by_text() {
    let opts = with_codes(&["-99", "999", "refused"]);
    let t = read_table(
        b"x,y\n-99,1\n-99.0,2\n999,3\n9990,4\nrefused,5\n-99.5,6\n",
        &opts,
    )
    .unwrap();
    let d = t.numeric(&["x"]).unwrap();
    assert_eq!(
        d.column(0),
        vec![None, None, None, Some(9990.0), None, Some(-99.5)]
    );
    // Without the codes, -99 is a number and "refused" is not.
    let t = read("x\n-99\nrefused\n");
    let err = t.numeric(&["x"]).unwrap_err();
    assert_eq!(
        err,
        DataError::NotANumber {
            column: "x".into(),
            row: 2,
            line: 3,
            value: "refused".into()
        }
    );
    assert!(err.to_string().contains("missing-value codes"), "{err}");
}

#[test]
fn missing_codes_with_decimal_comma() {
    let opts = with_codes(&["-99"]);
    let t = read_table(b"x;y\n-99,0;1\n-99;2\n3,5;3\n", &opts).unwrap();
    assert_eq!(
        t.numeric(&["x"]).unwrap().column(0),
        vec![None, None, Some(3.5)]
    );
    assert!(t.is_missing_text("-99,00"));
    assert!(!t.is_missing_text("-9"));
}

/// The preview shows what the analysis uses: `3,5` is 3.5, `-99,0` (a
/// declared code) and an empty cell are missing, text stays text.
#[test]
fn preview_shows_cells_as_parsed() {
    let opts = with_codes(&["-99"]);
    let t = read_table(b"x;y;who\n-99,0;1;Anna\n;2;\n3,5;03;Ben\n", &opts).unwrap();
    assert_eq!(
        t.preview(3),
        vec![
            vec!["NA", "1", "Anna"],
            vec!["NA", "2", "NA"],
            vec!["3.5", "3", "Ben"],
        ]
    );
}

#[test]
fn unused_columns_may_hold_text() {
    let t = read("id,name,x\n1,Anna,4\n2,Ben,5\n");
    assert!(t.numeric(&["x", "id"]).is_ok());
    assert!(!t.is_numeric_column(1));
    assert!(t.is_numeric_column(2));
    assert!(!t.is_numeric_column(7));
    assert_eq!(t.numeric_column_names(), ["id", "x"]);
}

#[test]
fn non_numeric_cell_names_column_row_and_value() {
    let mut text = String::from("SN1,SN2\n");
    for i in 1..=20 {
        if i == 17 {
            text.push_str("3,four\n");
        } else {
            text.push_str(&format!("{},{}\n", i % 5 + 1, i % 4 + 1));
        }
    }
    let t = read(&text);
    assert!(t.numeric(&["SN1"]).is_ok());
    let err = t.numeric(&["SN1", "SN2"]).unwrap_err();
    assert_eq!(
        err,
        DataError::NotANumber {
            column: "SN2".into(),
            row: 17,
            line: 18,
            value: "four".into()
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("Column \"SN2\", row 17"), "{msg}");
    assert!(msg.contains("line 18 of the file"), "{msg}");
    assert!(msg.contains("\"four\" is not a number"), "{msg}");
}

#[test]
fn unknown_column_is_an_error() {
    let t = read("a,b\n1,2\n");
    let err = t.numeric(&["a", "B"]).unwrap_err();
    assert_eq!(err, DataError::UnknownColumn { name: "B".into() });
    assert!(err.to_string().contains("\"B\""), "{err}");
}

#[test]
fn number_syntax() {
    assert_eq!(parse_number("1e3", false), Some(1000.0));
    assert_eq!(parse_number("+2", false), Some(2.0));
    assert_eq!(parse_number(".5", false), Some(0.5));
    assert_eq!(parse_number("5.", false), Some(5.0));
    assert_eq!(parse_number(" -3.25 ", false), Some(-3.25));
    assert_eq!(parse_number("2,5", true), Some(2.5));
    assert_eq!(parse_number("2,5", false), None);
    assert_eq!(parse_number("1.234,5", true), None);
    assert_eq!(parse_number("1,2,3", true), None);
    for bad in [
        "inf", "-inf", "NaN", "infinity", "1e999", "0x10", "4 5", "5%", "e", "-", "", "1_000", "IV",
    ] {
        assert_eq!(parse_number(bad, true), None, "{bad}");
    }
}

/// Whole numbers take a shortcut past the general parser; it must give the
/// very number the general parser gives (signs, leading zeros, 15 and 16
/// digits, where the shortcut hands over).
#[test]
fn whole_numbers_read_as_the_general_parser_reads_them() {
    for text in [
        "0",
        "-0",
        "7",
        "-99",
        "999",
        "00012",
        "-000",
        "123456789012345",
        "-999999999999999",
        "1234567890123456",
        "99999999999999999999",
        "+5",
        "- 5",
        "5-",
        "--5",
    ] {
        let general = text.parse::<f64>().ok();
        let read = parse_number(text, false);
        assert_eq!(
            read.map(f64::to_bits),
            general.map(f64::to_bits),
            "{text}: read {read:?}, general parser {general:?}"
        );
    }
}

// ------------------------------------------------- listwise and patterns

#[test]
fn listwise_counts_and_dropped_rows() {
    let t = read("a,b,c,txt\n1,2,3,x\n,2,3,y\n4,5,6,\n7,NA,9,z\n1,1,1,w\n");
    let d = t.numeric(&["a", "b", "c"]).unwrap();
    let c = d.listwise();
    assert_eq!(c.names, ["a", "b", "c"]);
    assert_eq!(c.rows_read, 5);
    assert_eq!(c.rows_used, 3);
    assert_eq!(c.dropped_rows, vec![2, 4]);
    assert_eq!(c.data.shape(), (3, 3));
    assert_eq!(
        c.data.row(1).iter().copied().collect::<Vec<_>>(),
        vec![4.0, 5.0, 6.0]
    );
    // Only the requested columns decide completeness.
    let c = t.numeric(&["c"]).unwrap().listwise();
    assert_eq!(c.rows_used, 5);
    assert!(c.dropped_rows.is_empty());
}

#[test]
fn listwise_with_no_complete_rows() {
    let d = read("a,b\n1,\n,2\n").numeric(&["a", "b"]).unwrap();
    let c = d.listwise();
    assert_eq!(c.rows_used, 0);
    assert_eq!(c.data.shape(), (0, 2));
    assert_eq!(c.dropped_rows, vec![1, 2]);
}

#[test]
fn missing_patterns_in_lavaan_order() {
    let t = read("a,b,c\n1,2,3\n,2,3\n1,,3\n,,\n1,2,3\n,2,3\n1,2,\n");
    let mp = t.numeric(&["a", "b", "c"]).unwrap().patterns();
    let got: Vec<(Vec<bool>, usize, Vec<usize>)> = mp
        .patterns
        .iter()
        .map(|p| (p.observed.clone(), p.count, p.row_indices.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (vec![false, true, true], 2, vec![1, 5]),
            (vec![true, true, true], 2, vec![0, 4]),
            (vec![true, false, true], 1, vec![2]),
            (vec![true, true, false], 1, vec![6]),
        ]
    );
    assert_eq!(mp.empty_row_indices, vec![3]);
    assert_eq!(mp.n_nonempty(), 6);
    let cov = mp.coverage();
    assert_close(cov[(0, 0)], 4.0 / 6.0, 1e-15);
    assert_close(cov[(0, 1)], 3.0 / 6.0, 1e-15);
    assert_close(cov[(1, 2)], 4.0 / 6.0, 1e-15);
}

// ----------------------------------------------------------------- moments

#[test]
fn moments_by_hand() {
    // x = (1, 2, 3, 6), y = (2, 1, 4, 5): means 3 and 3,
    // deviations x (-2,-1,0,3), y (-1,-2,1,2): Sxx = 14, Syy = 10, Sxy = 2+2+0+6 = 10.
    let x = DMatrix::from_row_slice(4, 2, &[1.0, 2.0, 2.0, 1.0, 3.0, 4.0, 6.0, 5.0]);
    let m = mean_vector(&x);
    assert_eq!(m.as_slice(), &[3.0, 3.0]);
    let sn = covariance_n(&x);
    assert_close(sn[(0, 0)], 14.0 / 4.0, 1e-15);
    assert_close(sn[(1, 1)], 10.0 / 4.0, 1e-15);
    assert_close(sn[(0, 1)], 10.0 / 4.0, 1e-15);
    assert_eq!(sn[(0, 1)], sn[(1, 0)]);
    let s1 = covariance_n1(&x);
    assert_close(s1[(0, 0)], 14.0 / 3.0, 1e-15);
    assert_close(s1[(0, 1)], 10.0 / 3.0, 1e-15);
    let r = correlation(&x);
    assert_eq!(r[(0, 0)], 1.0);
    assert_close(r[(0, 1)], 10.0 / (140.0f64).sqrt(), 1e-15);
    let r2 = cov_to_cor(&s1);
    assert_close(r2[(1, 0)], r[(1, 0)], 1e-15);
}

#[test]
fn moments_do_not_panic_on_degenerate_input() {
    let empty = DMatrix::<f64>::zeros(0, 2);
    assert!(mean_vector(&empty)[0].is_nan());
    let one = DMatrix::from_row_slice(1, 2, &[1.0, 2.0]);
    assert!(covariance_n1(&one)[(0, 0)].is_nan());
    assert_eq!(covariance_n(&one)[(0, 0)], 0.0);
    let constant = DMatrix::from_row_slice(3, 2, &[1.0, 1.0, 1.0, 2.0, 1.0, 3.0]);
    assert!(correlation(&constant)[(0, 1)].is_nan());
}

// ------------------------------------------------------------ descriptives

#[test]
fn descriptives_match_r_psych_type_2() {
    let t = read_table(&fixture("data/items_small.csv"), &with_codes(&["-99"])).unwrap();
    assert_eq!(t.names(), ["id", "a", "b", "c", "d", "note"]);
    assert_eq!(t.cell(3, 5), Some("said \"no\""));
    let d = t.numeric(&["a", "b", "c", "d"]).unwrap();
    let desc = d.describe();
    assert_eq!(desc.len(), 4);
    // From R (psych 2.2.9):
    //   d <- read.csv("items_small.csv", na.strings = c("NA", ".", "-99", ""))
    //   psych::describe(d[, c("a", "b", "c")], type = 2)
    let expected = [
        // name, n, mean, sd, min, max, skew, kurtosis
        (
            "a",
            12,
            3.6666666666666665,
            1.6696942198734437,
            1.0,
            7.0,
            0.354139303345559,
            0.012476370510397,
        ),
        (
            "b",
            11,
            3.4181818181818184,
            1.826919911664538,
            0.8,
            6.6,
            0.379547596517601,
            -0.574714542903773,
        ),
        (
            "c",
            9,
            3.3333333333333335,
            std::f64::consts::SQRT_2, // R printed 1.4142135623730951
            1.0,
            5.0,
            -0.416687924627787,
            -1.08928571428571,
        ),
    ];
    for (got, (name, n, mean, sd, min, max, skew, kurt)) in desc.iter().zip(expected) {
        assert_eq!(got.name, name);
        assert_eq!(got.n, n);
        assert_eq!(got.missing, 12 - n);
        assert_close(got.mean.unwrap(), mean, 1e-14);
        assert_close(got.sd.unwrap(), sd, 1e-14);
        assert_eq!(got.min, Some(min));
        assert_eq!(got.max, Some(max));
        assert_close(got.skewness.unwrap(), skew, 1e-12);
        assert_close(got.kurtosis.unwrap(), kurt, 1e-12);
        assert!(!got.constant);
    }
    let (a, b, c, dd) = (&desc[0], &desc[1], &desc[2], &desc[3]);
    assert_eq!(a.n_distinct, 6);
    assert!(a.all_integer && a.looks_ordinal);
    assert_eq!(b.n_distinct, 11);
    assert!(!b.all_integer && !b.looks_ordinal);
    assert_eq!(c.n_distinct, 5);
    assert!(c.looks_ordinal);
    // A constant column: flagged, no skewness/kurtosis, not "ordinal".
    assert!(dd.constant);
    assert_eq!(dd.n_distinct, 1);
    assert_eq!(dd.sd, Some(0.0));
    assert_eq!((dd.skewness, dd.kurtosis), (None, None));
    assert!(dd.all_integer && !dd.looks_ordinal);
}

#[test]
fn skewness_and_kurtosis_formula_by_hand() {
    // Values 0, 0, 0, 4: mean 1, deviations (-1,-1,-1,3).
    // m2 = 12/4 = 3, m3 = (-3 + 27)/4 = 6, m4 = (3 + 81)/4 = 21.
    // g1 = 6 / 3^1.5, G1 = g1 * sqrt(4*3) / 2; g2 = 21/9 - 3, G2 = (5 g2 + 6) * 3 / (2 * 1).
    let d = semlab::data::describe_values("x", &[0.0, 0.0, 0.0, 4.0], 1);
    let g1 = 6.0 / 3f64.powf(1.5);
    let g2 = 21.0 / 9.0 - 3.0;
    assert_close(d.skewness.unwrap(), g1 * 12f64.sqrt() / 2.0, 1e-14);
    assert_close(d.kurtosis.unwrap(), (5.0 * g2 + 6.0) * 3.0 / 2.0, 1e-14);
    assert_close(d.kurtosis.unwrap(), 4.0, 1e-14);
    assert_eq!(d.missing, 1);
    assert_eq!(d.n_distinct, 2);
    // Too few values: no skewness (n < 3) / kurtosis (n < 4), no panic.
    let d = semlab::data::describe_values("x", &[1.0, 2.0, 4.0], 0);
    assert!(d.skewness.is_some() && d.kurtosis.is_none());
    let d = semlab::data::describe_values("x", &[], 5);
    assert_eq!(
        (d.n, d.missing, d.mean, d.sd, d.min),
        (0, 5, None, None, None)
    );
    assert!(d.constant && !d.looks_ordinal && !d.all_integer);
}

// ------------------------------------------------------------------ Mardia

#[test]
fn mardia_matches_r_on_hs1939_complete_rows() {
    let t = read_table(
        &fixture("lavaan-advanced/hs1939_listwise_missing/hs1939_listwise_missing.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let names: Vec<String> = (1..=9).map(|i| format!("x{i}")).collect();
    let c = t.numeric(&names).unwrap().listwise();
    let m = c.mardia().unwrap();
    // From R (psych 2.2.9):
    //   h <- read.csv("hs1939_listwise_missing.csv"); hc <- na.omit(h[, paste0("x", 1:9)])
    //   psych::mardia(hc, plot = FALSE)
    // (semTools::mardiaSkew(hc) / mardiaKurtosis(hc) give the same b1d, chi, b2d, z.)
    assert_eq!((m.n, m.p), (115, 9));
    assert_close(m.b1p, 11.5223311967538, 1e-11);
    assert_close(m.b2p, 96.683511678055, 1e-11);
    assert_close(m.skew_chisq, 220.844681271114, 1e-11);
    assert_eq!(m.skew_df, 165.0);
    assert_close(m.skew_p, 0.00241073426699186, 1e-9);
    assert_close(m.skew_chisq_small, 227.784040180771, 1e-11);
    assert_close(m.skew_p_small, 0.000871887090733856, 1e-9);
    assert_close(m.kurtosis_z, -0.882706743714722, 1e-10);
    assert_close(m.kurtosis_p, 0.377394737586101, 1e-10);
}

#[test]
fn mardia_matches_r_on_small_data() {
    // From R (psych 2.2.9), the 8 complete rows of a, b, c in items_small.csv:
    //   d <- read.csv("items_small.csv", na.strings = c("NA", ".", "-99", ""))
    //   psych::mardia(na.omit(d[, c("a", "b", "c")]), plot = FALSE)
    let t = read_table(&fixture("data/items_small.csv"), &with_codes(&["-99"])).unwrap();
    let c = t.numeric(&["a", "b", "c"]).unwrap().listwise();
    assert_eq!(c.rows_used, 8);
    assert_eq!(c.dropped_rows, vec![3, 4, 8, 12]);
    let m = mardia(&c.data).unwrap();
    assert_close(m.b1p, 1.72280055569213, 1e-11);
    assert_close(m.b2p, 7.87937392644473, 1e-11);
    assert_close(m.skew_chisq, 2.2970674075895, 1e-11);
    assert_close(m.skew_chisq_small, 3.79016122252268, 1e-11);
    assert_close(m.skew_p, 0.993514702709319, 1e-10);
    assert_close(m.skew_p_small, 0.956317045725483, 1e-10);
    assert_close(m.kurtosis_z, -1.83853774649666, 1e-11);
    assert_close(m.kurtosis_p, 0.0659832050401459, 1e-10);
}

#[test]
fn mardia_errors() {
    let x = DMatrix::from_row_slice(3, 3, &[1.0, 2.0, 3.0, 2.0, 1.0, 3.0, 4.0, 4.0, 1.0]);
    let err = mardia(&x).unwrap_err();
    assert_eq!(
        err,
        DataError::TooFewRows {
            what: "Mardia's multivariate skewness and kurtosis".into(),
            needed: 4,
            found: 3
        }
    );
    assert!(
        err.to_string().contains("at least 4 complete rows"),
        "{err}"
    );
    let t = read("a,b,k\n1,2,5\n2,1,5\n3,5,5\n4,3,5\n5,5,5\n");
    let c = t.numeric(&["a", "b", "k"]).unwrap().listwise();
    let err = c.mardia().unwrap_err();
    assert!(
        matches!(&err, DataError::SingularData { constant_columns, .. } if constant_columns == &["k"])
    );
    assert!(err.to_string().contains("\"k\""), "{err}");
    // Linear dependence without a constant column.
    let t = read("a,b,s\n1,2,3\n2,1,3\n3,5,8\n4,3,7\n5,5,10\n");
    let err = t
        .numeric(&["a", "b", "s"])
        .unwrap()
        .listwise()
        .mardia()
        .unwrap_err();
    assert!(
        matches!(&err, DataError::SingularData { constant_columns, .. } if constant_columns.is_empty())
    );
    assert!(err.to_string().contains("linearly dependent"), "{err}");
}

// ------------------------------------------------------- real fixtures

#[test]
fn livecommerce_fixture() {
    let t = read_table(
        &fixture("lavaan/livecommerce_sem/livecommerce_sem.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.n_rows(), 465);
    assert_eq!(t.n_cols(), 21);
    assert_eq!(t.names()[0], "T1");
    assert_eq!(t.names()[20], "RD3");
    let all: Vec<String> = t.names().to_vec();
    let d = t.numeric(&all).unwrap();
    let c = d.listwise();
    assert_eq!((c.rows_read, c.rows_used), (465, 465));
    assert_eq!(d.patterns().patterns.len(), 1);
    let desc = d.describe();
    assert!(desc
        .iter()
        .all(|x| x.looks_ordinal && x.n == 465 && x.missing == 0));
    // From R (psych 2.2.9):
    //   L <- read.csv("livecommerce_sem.csv"); psych::describe(L$T1, type = 2) (and SN2, RD3)
    let t1 = &desc[0];
    assert_close(t1.mean.unwrap(), 3.84301075268817, 1e-13);
    assert_close(t1.sd.unwrap(), 1.03966567171175, 1e-13);
    assert_close(t1.skewness.unwrap(), -0.75693113090072, 1e-12);
    assert_close(t1.kurtosis.unwrap(), 0.0969509264194732, 1e-12);
    assert_eq!((t1.min, t1.max, t1.n_distinct), (Some(1.0), Some(5.0), 5));
    let sn2 = desc.iter().find(|x| x.name == "SN2").unwrap();
    assert_close(sn2.skewness.unwrap(), -0.744677490798243, 1e-12);
    assert_close(sn2.kurtosis.unwrap(), -0.0332345879838232, 1e-12);
    let rd3 = &desc[20];
    assert_close(rd3.mean.unwrap(), 3.90752688172043, 1e-13);
    assert_close(rd3.skewness.unwrap(), -0.890870537678529, 1e-12);
    assert_close(rd3.kurtosis.unwrap(), 0.213488297780164, 1e-12);
    // From R: psych::mardia(L, plot = FALSE)
    let m = c.mardia().unwrap();
    assert_close(m.b1p, 40.3729881157391, 1e-11);
    assert_close(m.b2p, 530.483251668033, 1e-11);
    assert_close(m.skew_chisq, 3128.90657896978, 1e-11);
    assert_close(m.skew_chisq_small, 3150.93716422794, 1e-11);
    assert_eq!(m.skew_df, 1771.0);
    assert!(close(m.skew_p, 1.77052062291704e-78, 1e-6), "{}", m.skew_p);
    assert!(
        close(m.skew_p_small, 1.43058875895989e-80, 1e-6),
        "{}",
        m.skew_p_small
    );
    assert_close(m.kurtosis_z, 16.4720772176782, 1e-11);
    assert!(m.kurtosis_p < 1e-50);
}

#[test]
fn hs1939_listwise_fixture_matches_lavaan() {
    let t = read_table(
        &fixture("lavaan-advanced/hs1939_listwise_missing/hs1939_listwise_missing.csv"),
        &ReadOptions::default(),
    )
    .unwrap();
    let names: Vec<String> = (1..=9).map(|i| format!("x{i}")).collect();
    assert_eq!(t.names(), names.as_slice());
    assert_eq!(t.n_rows(), 301);
    let d = t.numeric(&names).unwrap();
    let c = d.listwise();
    // lavaan: nobs = 115 (reference.json); R: which(!complete.cases(h))[1:5] = 1 2 3 4 5.
    assert_eq!((c.rows_read, c.rows_used), (301, 115));
    assert_eq!(c.dropped_rows.len(), 186);
    assert_eq!(&c.dropped_rows[..5], &[1, 2, 3, 4, 5]);
    assert!(!c.dropped_rows.contains(&7) && c.dropped_rows.contains(&10));
    // x1 has 30 missing cells (R: sum(is.na(h$x1))).
    assert_eq!(d.describe()[0].missing, 30);

    // From R (lavaan 0.6.14), listwise fit of the three-factor CFA:
    //   fit <- cfa(model, data = h); ss <- lavInspect(fit, "sampstat"); ss$cov (divisor N)
    let s = c.covariance_n();
    assert_close(s[(0, 0)], 1.54970803776039, 1e-12);
    assert_close(s[(0, 1)], 0.354432889359546, 1e-12);
    assert_close(s[(8, 8)], 0.895436061805691, 1e-12);
    assert_close(s[(3, 6)], 0.0715574877153722, 1e-12);
    // From R: colMeans(hc), cov(hc)[3, 3], cor(hc)[1, 2], cor(hc)[4, 5].
    let m = c.mean();
    assert_close(m[0], 4.86521739365217, 1e-13);
    assert_close(m[4], 4.32173913043478, 1e-13);
    assert_close(m[8], 5.3557970973913, 1e-13);
    assert_close(c.covariance_n1()[(2, 2)], 1.37877336003051, 1e-12);
    let r = c.correlation();
    assert_close(r[(0, 1)], 0.252801998334847, 1e-12);
    assert_close(r[(3, 4)], 0.734842050168008, 1e-12);

    // Missing patterns as lavaan sorts them. From R:
    //   Mp <- lavaan:::lav_data_missing_patterns(as.matrix(h), sort.freq = TRUE)
    //   Mp$npatterns = 51; Mp$freq[1:8] = 115 16 16 13 13 12 11 11;
    //   Mp$id[1:8] = 111111111 110111111 111111011 101111111 111011111 011111111 111111101 111111110
    //   Mp$case.idx[[2]] = 1 42 60 72 112 126 191 224 238 242 246 251 285 288 296 299
    let mp = d.patterns();
    assert_eq!(mp.patterns.len(), 51);
    assert!(mp.empty_row_indices.is_empty());
    let counts: Vec<usize> = mp.patterns.iter().take(8).map(|p| p.count).collect();
    assert_eq!(counts, [115, 16, 16, 13, 13, 12, 11, 11]);
    let ids: Vec<String> = mp
        .patterns
        .iter()
        .take(8)
        .map(|p| {
            p.observed
                .iter()
                .map(|&o| if o { '1' } else { '0' })
                .collect()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "111111111",
            "110111111",
            "111111011",
            "101111111",
            "111011111",
            "011111111",
            "111111101",
            "111111110"
        ]
    );
    let idx: Vec<usize> = mp.patterns[1].row_indices.iter().map(|i| i + 1).collect();
    assert_eq!(
        idx,
        [1, 42, 60, 72, 112, 126, 191, 224, 238, 242, 246, 251, 285, 288, 296, 299]
    );
    // From R: lavInspect(cfa(model, data = h, missing = "ml"), "coverage")[1:2, 1:3]
    let cov = mp.coverage();
    assert_close(cov[(0, 0)], 0.900332225913621, 1e-13);
    assert_close(cov[(0, 1)], 0.813953488372093, 1e-13);
    assert_close(cov[(1, 2)], 0.810631229235880, 1e-13);
}

// ------------------------------------------------------ covariance input

const LOWER: &str = "
 x1 x2 x3
 1.0
 0.5 2.0
 0.3 0.4 1.5
";

fn expected_lower() -> DMatrix<f64> {
    DMatrix::from_row_slice(3, 3, &[1.0, 0.5, 0.3, 0.5, 2.0, 0.4, 0.3, 0.4, 1.5])
}

#[test]
fn covariance_lower_triangle_like_getcov() {
    let c = read_covariance(LOWER, 200).unwrap();
    assert_eq!(c.names, ["x1", "x2", "x3"]);
    assert_eq!(c.n_obs, 200);
    assert_eq!(c.layout, CovarianceLayout::Lower);
    assert_eq!(c.cov, expected_lower());
    // Flat sequence over arbitrary lines.
    let c = read_covariance("x1 x2 x3\n1.0 0.5 2.0\n0.3 0.4 1.5\n", 200).unwrap();
    assert_eq!(c.layout, CovarianceLayout::Lower);
    assert_eq!(c.cov, expected_lower());
    // Spreadsheet export of a lower triangle with trailing empty cells.
    let c = read_covariance("x1,x2,x3\n1.0,,\n0.5,2.0,\n0.3,0.4,1.5\n", 200).unwrap();
    assert_eq!(c.cov, expected_lower());
}

#[test]
fn covariance_full_with_header_and_optional_row_names() {
    let full = "x1,x2,x3\n1.0,0.5,0.3\n0.5,2.0,0.4\n0.3,0.4,1.5\n";
    let c = read_covariance(full, 50).unwrap();
    assert_eq!(c.layout, CovarianceLayout::Full);
    assert_eq!(c.cov, expected_lower());
    // R's write.csv(cov(d)) layout: empty first header cell, names as the first column.
    let r = "\"\",\"x1\",\"x2\",\"x3\"\r\n\"x1\",1.0,0.5,0.3\r\n\"x2\",0.5,2.0,0.4\r\n\"x3\",0.3,0.4,1.5\r\n";
    let c = read_covariance(r, 50).unwrap();
    assert_eq!(c.names, ["x1", "x2", "x3"]);
    assert_eq!(c.cov, expected_lower());
    // Whitespace-separated with row names, lower triangle with row names.
    let c = read_covariance("   x1  x2  x3\nx1 1.0\nx2 0.5 2.0\nx3 0.3 0.4 1.5", 50).unwrap();
    assert_eq!(c.layout, CovarianceLayout::Lower);
    assert_eq!(c.cov, expected_lower());
    // Upper triangle.
    let c = read_covariance("x1 x2 x3\n1.0 0.5 0.3\n2.0 0.4\n1.5\n", 50).unwrap();
    assert_eq!(c.layout, CovarianceLayout::Upper);
    assert_eq!(c.cov, expected_lower());
    // Semicolons with decimal commas, comments and blank lines.
    let c = read_covariance(
        "# from Table 2\nx1;x2;x3\n\n1,0\n0,5;2,0\n0,3;0,4;1,5\n",
        50,
    )
    .unwrap();
    assert_eq!(c.cov, expected_lower());
}

#[test]
fn covariance_tiny_asymmetry_is_accepted_and_averaged() {
    let text = "a b\n2.0 0.50000000001\n0.5 1.0\n";
    let c = read_covariance(text, 10).unwrap();
    assert_eq!(c.cov[(0, 1)], c.cov[(1, 0)]);
    assert_close(c.cov[(0, 1)], 0.5, 1e-10);
}

#[test]
fn covariance_errors_name_the_place() {
    // Not symmetric.
    let err = read_covariance("a,b,c\n1,0.2,0.3\n0.2,1,0.4\n0.3,0.45,1\n", 100).unwrap_err();
    assert_eq!(
        err,
        DataError::CovarianceNotSymmetric {
            row: "c".into(),
            column: "b".into(),
            value: 0.45,
            mirrored: 0.4
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("row \"c\", column \"b\" is 0.45"), "{msg}");
    assert!(msg.contains("row \"b\", column \"c\" is 0.4"), "{msg}");

    // Non-positive variance.
    let err = read_covariance("a b\n1\n0.2 0\n", 100).unwrap_err();
    assert_eq!(
        err,
        DataError::CovarianceNonPositiveVariance {
            name: "b".into(),
            value: 0.0
        }
    );
    assert!(err.to_string().contains("\"b\""));

    // Duplicate names.
    let err = read_covariance("a b a\n1\n0 1\n0 0 1\n", 100).unwrap_err();
    assert_eq!(
        err,
        DataError::CovarianceDuplicateName {
            name: "a".into(),
            first: 1,
            second: 3
        }
    );
    assert!(err.to_string().contains("positions 1 and 3"));

    // A value that is not a number, with line and position.
    let err = read_covariance("a b\n1\n0.2 x\n", 100).unwrap_err();
    assert_eq!(
        err,
        DataError::CovarianceBadValue {
            line: 3,
            position: 2,
            value: "x".into()
        }
    );
    assert!(err.to_string().contains("line 3, value 2: \"x\""), "{err}");
    let err = read_covariance("a,b\n1,\n,1\n", 100).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::CovarianceBadValue {
                line: 3,
                position: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("empty"), "{err}");

    // Shape problems.
    let err = read_covariance("a b c\n1\n0.2 1\n0.1 0.3\n", 100).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::CovarianceShape {
                line: 4,
                variables: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("row 3 has 2 values; expected 3"),
        "{err}"
    );
    let err = read_covariance("a b c\n1 0 0\n0 1 0 5\n0 0 1\n", 100).unwrap_err();
    assert!(
        matches!(err, DataError::CovarianceShape { line: 3, .. }),
        "{err:?}"
    );
    let err = read_covariance("a b\n1\n0 1\n0 0\n", 100).unwrap_err();
    assert!(
        err.to_string()
            .contains("3 rows of numbers but only 2 variables"),
        "{err}"
    );
    let err = read_covariance("a b c\n1\n0 1\n", 100).unwrap_err();
    assert!(
        matches!(err, DataError::CovarianceShape { line: 0, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("only 2 rows"), "{err}");
    let err = read_covariance("a b c\n1 2\n", 100).unwrap_err();
    assert!(err.to_string().contains("first row has 2 values"), "{err}");
    let err = read_covariance("a b\n", 100).unwrap_err();
    assert!(err.to_string().contains("no rows of numbers"), "{err}");

    // Row names out of order.
    let err = read_covariance("a b\nb 1\na 0 1\n", 100).unwrap_err();
    assert_eq!(
        err,
        DataError::CovarianceRowName {
            line: 2,
            expected: "a".into(),
            found: "b".into()
        }
    );

    // Correlation beyond 1, not positive definite.
    let err = read_covariance("a b\n1\n1.5 1\n", 100).unwrap_err();
    assert!(matches!(
        err,
        DataError::CovarianceCorrelationOutOfRange { .. }
    ));
    assert!(err.to_string().contains("1.500"), "{err}");
    let err = read_covariance("a b c\n1\n0.9 1\n0.9 0 1\n", 100).unwrap_err();
    assert_eq!(err, DataError::CovarianceNotPositiveDefinite);

    // No names, sample size.
    assert_eq!(
        read_covariance("1 2\n3 4\n", 100).unwrap_err(),
        DataError::CovarianceNoNames
    );
    assert_eq!(
        read_covariance("  \n", 100).unwrap_err(),
        DataError::CovarianceNoNames
    );
    let err = read_covariance(LOWER, 1).unwrap_err();
    assert_eq!(err, DataError::InvalidSampleSize { n_obs: 1 });
    assert!(err.to_string().contains("at least 2"));
}

// ------------------------------------------------------------ error type

#[test]
fn errors_are_std_errors_and_serialize_with_a_kind() {
    let err: Box<dyn std::error::Error> = Box::new(DataError::NoDataRows);
    assert!(!err.to_string().is_empty());
    let json = serde_json::to_value(DataError::NotANumber {
        column: "SN2".into(),
        row: 17,
        line: 18,
        value: "four".into(),
    })
    .unwrap();
    assert_eq!(json["kind"], "NotANumber");
    assert_eq!(json["column"], "SN2");
    assert_eq!(json["row"], 17);
    // Every message is one line.
    let samples = [
        DataError::EmptyFile,
        DataError::InvalidUtf8 { line: 2 },
        DataError::UnclosedQuote { line: 2 },
        DataError::EmptyColumnName { column: 1 },
        DataError::WrongFieldCount {
            row: 1,
            line: 2,
            expected: 3,
            found: 1,
        },
        DataError::SingularData {
            what: "X".into(),
            constant_columns: vec!["a".into(), "b".into()],
        },
        DataError::CovarianceNotPositiveDefinite,
    ];
    for e in samples {
        let m = e.to_string();
        assert!(!m.contains('\n'), "{m}");
    }
    assert!(DataError::WrongFieldCount {
        row: 1,
        line: 2,
        expected: 3,
        found: 1
    }
    .to_string()
    .contains("has 1 value but"));
    assert!(DataError::SingularData {
        what: "X".into(),
        constant_columns: vec!["a".into(), "b".into()]
    }
    .to_string()
    .contains("columns \"a\", \"b\" have the same value in every complete row; remove them"));
}

// ----------------------------------------------------------- robustness

/// Deterministic pseudo-random generator (64-bit LCG) for the no-panic test.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn never_panics_on_arbitrary_input() {
    let pieces: [&[u8]; 22] = [
        b",",
        b";",
        b"\t",
        b"|",
        b"\"",
        b"\"\"",
        b"\n",
        b"\r",
        b"\r\n",
        b" ",
        b"1",
        b"-2,5",
        b"3.5",
        b"NA",
        b".",
        b"x",
        "é".as_bytes(),
        b"\xE9",
        b"\xEF\xBB\xBF",
        b"1e400",
        b"#",
        b"\x00",
    ];
    let mut rng = Lcg(42);
    for _ in 0..3000 {
        let len = (rng.next() % 40) as usize;
        let mut bytes = Vec::new();
        for _ in 0..len {
            bytes.extend_from_slice(pieces[(rng.next() % pieces.len() as u64) as usize]);
        }
        let opts = match rng.next() % 3 {
            0 => ReadOptions::default(),
            1 => with_codes(&["-99", "x"]),
            _ => ReadOptions {
                delimiter: Some(b';'),
                ..ReadOptions::default()
            },
        };
        if let Ok(t) = read_table(&bytes, &opts) {
            let _ = t.preview(3);
            let _ = t.numeric_column_names();
            let names: Vec<String> = t.names().to_vec();
            if let Ok(d) = t.numeric(&names) {
                let _ = d.describe();
                let mp = d.patterns();
                let _ = mp.coverage();
                let c = d.listwise();
                let _ = c.covariance_n1();
                let _ = c.correlation();
                let _ = c.mardia();
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = read_covariance(text, 10);
        }
    }
}

/// Values such as 99 and -99 that repeat far outside a column's other
/// values are pointed out as likely missing-value codes; real extremes
/// (an age of 99, an income of 9999) and a single 99 are not.
#[test]
fn missing_value_codes_are_suspected() {
    use semlab::data::{suspected_missing_codes, SuspectedCode};
    let csv = "q1,q2,age,q3,income,name\n\
               1,2,18,1,1000,a\n\
               99,1,25,2,2000,b\n\
               3,4,99,3,9999,c\n\
               4,-99,70,99,4000,d\n\
               5,5,40,5,9000,e\n\
               99,-99,99,4,3000,f\n\
               2,3,33,2,5000,g\n";
    let t = read(csv);
    let found = suspected_missing_codes(&t);
    assert_eq!(
        found,
        vec![
            SuspectedCode {
                column: "q1".into(),
                value: 99.0,
                count: 2
            },
            SuspectedCode {
                column: "q2".into(),
                value: -99.0,
                count: 2
            },
        ]
    );
    // Gathered by value for the page's suggestion and the CLI's note, as
    // typed in the missing-value codes.
    let values = semlab::data::suspected_values(&found);
    assert_eq!(
        values
            .iter()
            .map(|v| (v.code.as_str(), v.count, v.columns.join(",")))
            .collect::<Vec<_>>(),
        vec![("-99", 2, "q2".to_string()), ("99", 2, "q1".to_string())]
    );
    // Once declared missing, nothing is left to point out.
    let opts = ReadOptions {
        missing_codes: vec!["99".into(), "-99".into()],
        ..ReadOptions::default()
    };
    let t = read_table(csv.as_bytes(), &opts).unwrap();
    assert!(suspected_missing_codes(&t).is_empty());
}

/// A column of category text (性别: 男/女) used in a model is named as a
/// text column with its values and what to do (recode, or group by it),
/// in both languages, not as "row 1: 女 is not a number; fix the cell"; a
/// numeric column with one stray text cell keeps that cell's message.
#[test]
fn a_text_column_is_named_as_a_category_not_a_bad_cell() {
    use semlab::i18n::{Lang, Localized};
    let t = read("q1,性别\n1,女\n2,\n3,男\n4,女\n5,男\n");
    let err = t.numeric(&["q1", "性别"]).unwrap_err();
    assert_eq!(
        err,
        DataError::TextColumn {
            column: "性别".into(),
            values: vec!["女".into(), "男".into()]
        }
    );
    assert_eq!(
        err.to_string(),
        "Column \"性别\" holds text, not numbers (\"女\", \"男\"): a category cannot enter the model as it is; recode it as numbers (e.g. 0 and 1 for two categories), or compare groups by it (the group column)."
    );
    assert_eq!(
        err.message(Lang::Zh),
        "列“性别”是文本而不是数字（“女”、“男”）：类别变量不能直接进入模型；请将其重新编码为数字（如两类编码为 0 和 1），或将其作为分组列比较各组。"
    );
    let t = read("x\n1\nn/a?\n3\n");
    assert!(matches!(
        t.numeric(&["x"]).unwrap_err(),
        DataError::NotANumber { row: 2, .. }
    ));
}

/// The page's editor marks where the model names a column that is not
/// numbers, at that column's first text cell: `first_text_cell` gives the
/// cell for a category column too (where `first_non_number` names the
/// column as a category), and nothing for a numeric column.
#[test]
fn the_first_text_cell_of_a_category_column_is_still_a_cell() {
    let t = read("q1,性别\n3,女\n4,男\n2,女\n");
    assert!(matches!(
        t.first_non_number(1),
        Some(DataError::TextColumn { .. })
    ));
    match t.first_text_cell(1) {
        Some(DataError::NotANumber { row, value, .. }) => {
            assert_eq!((row, value.as_str()), (1, "女"));
        }
        other => panic!("{other:?}"),
    }
    assert!(t.first_text_cell(0).is_none());
}
