//! Integration tests of text encodings in the data readers: UTF-16 (Excel's
//! "Unicode Text"), Chinese GBK /
//! GB18030 and Western Windows-1252 delimited files (detected or chosen in
//! [`ReadOptions::encoding`]), GBK and GB18030 SPSS files, and the GB18030
//! decoder against Python's codec.
//!
//! Fixtures: `tests/fixtures/data/make_encoding_fixtures.py` wrote the
//! delimited files (Python's `str.encode`) and the `.sav` files (GNU PSPP);
//! `scripts/gen_gbk_table.py` wrote `gb18030_reference.txt` (Python's
//! decoding of every two-byte code and of sampled four-byte codes). Expected
//! values below are the texts given to those producers.

use semlab::data::{
    decode_text, read_any, read_sav, read_table, DataError, DataTable, ReadOptions, TextEncoding,
};

fn data(name: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn forced(e: TextEncoding) -> ReadOptions {
    ReadOptions {
        encoding: Some(e),
        ..ReadOptions::default()
    }
}

fn csv(name: &str) -> DataTable {
    read_table(&data(name), &opts()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn col(t: &DataTable, name: &str) -> Vec<String> {
    let j = t
        .column_index(name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", t.names()));
    (0..t.n_rows())
        .map(|i| t.cell(i, j).unwrap().to_string())
        .collect()
}

fn num(t: &DataTable, name: &str) -> Vec<Option<f64>> {
    t.numeric(&[name]).unwrap().column(0)
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// ---------------------------------------------------------------- GBK / GB18030 CSV

#[test]
fn gbk_csv_reads_chinese_names_and_numbers() {
    let t = csv("gbk_survey.csv");
    assert_eq!(t.encoding(), TextEncoding::Gbk);
    assert_eq!(t.encoding().description(), "GBK (Simplified Chinese)");
    assert_eq!(
        t.names(),
        ["编号", "题项1", "题项2", "信任", "城市", "备注"]
    );
    assert_eq!(t.delimiter(), b',');
    assert_eq!(
        num(&t, "题项1"),
        [Some(5.0), Some(3.0), Some(99.0), Some(4.0)]
    );
    assert_eq!(num(&t, "信任"), [Some(4.5), Some(3.0), None, Some(4.25)]);
    assert_eq!(col(&t, "城市"), ["北京", "上海", "广州", "深圳"]);
    assert_eq!(col(&t, "备注"), ["非常满意", "一般，还行", "", "“好”"]);
    // Through the dispatcher, and with the encoding chosen.
    assert_eq!(
        read_any(&data("gbk_survey.csv"), "问卷.csv", None, &opts()).unwrap(),
        t
    );
    let chosen = read_table(&data("gbk_survey.csv"), &forced(TextEncoding::Gbk)).unwrap();
    assert_eq!(chosen, t);
    let chosen = read_table(&data("gbk_survey.csv"), &forced(TextEncoding::Gb18030)).unwrap();
    assert_eq!(
        chosen, t,
        "the same decoder; GBK reported without four-byte codes"
    );
    // Missing-value codes and the model's columns work on Chinese names.
    let codes = ReadOptions {
        missing_codes: vec!["99".into()],
        ..ReadOptions::default()
    };
    let t = read_table(&data("gbk_survey.csv"), &codes).unwrap();
    let d = t.numeric(&["题项1", "题项2"]).unwrap();
    assert_eq!(d.listwise().dropped_rows, vec![3]);
    // The encoding is part of the serialized table only when not UTF-8.
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["encoding"], "GBK");
}

// ---------------------------------------------------------------- UTF-16 text

/// UTF-16LE bytes of `text` (no byte-order mark).
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

#[test]
fn utf16_text_from_excel_unicode_export_is_read() {
    // Written by Python's "utf-16" codec (BOM FF FE, little-endian), tab-separated, CRLF.
    let le = csv("utf16le_survey.txt");
    assert_eq!(le.encoding(), TextEncoding::Utf16Le);
    assert_eq!(le.delimiter(), b'\t');
    assert_eq!(
        le.names(),
        ["编号", "题项1", "题项2", "信任", "城市", "备注"]
    );
    assert_eq!(
        num(&le, "题项1"),
        [Some(5.0), Some(3.0), Some(99.0), Some(4.0)]
    );
    assert_eq!(num(&le, "信任"), [Some(4.5), Some(3.0), None, Some(4.25)]);
    assert_eq!(col(&le, "备注"), ["非常满意", "一般，还行", "", "吉田𠮷"]);
    // Big-endian with its mark ("utf-16-be" codec) reads the same cells.
    let be = csv("utf16be_survey.txt");
    assert_eq!(be.encoding(), TextEncoding::Utf16Be);
    assert_eq!(be.names(), le.names());
    assert_eq!(col(&be, "备注"), col(&le, "备注"));
    // Through the dispatcher, under any name; the mark wins over a chosen encoding.
    assert_eq!(
        read_any(&data("utf16le_survey.txt"), "问卷.txt", None, &opts()).unwrap(),
        le
    );
    assert_eq!(
        read_table(&data("utf16le_survey.txt"), &forced(TextEncoding::Gbk)).unwrap(),
        le
    );
    let json = serde_json::to_value(&le).unwrap();
    assert_eq!(json["encoding"], "UTF-16LE");
}

#[test]
fn utf16_without_a_mark_is_read_when_chosen_or_evident() {
    let bytes = utf16le("x\ty\n1\t2\n3\t4\n");
    let chosen = read_table(&bytes, &forced(TextEncoding::Utf16Le)).unwrap();
    assert_eq!(chosen.names(), ["x", "y"]);
    assert_eq!(chosen.encoding(), TextEncoding::Utf16Le);
    // Not chosen: the zero high bytes give it away.
    assert_eq!(read_table(&bytes, &opts()).unwrap(), chosen);
    let be: Vec<u8> = "x,y\n1,2\n"
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    let t = read_table(&be, &opts()).unwrap();
    assert_eq!(
        (t.encoding(), t.names()),
        (
            TextEncoding::Utf16Be,
            &["x".to_string(), "y".to_string()][..]
        )
    );
}

#[test]
fn broken_utf16_names_the_line() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le("x\ty\r\n1\t2\r\n"));
    bytes.extend([0x00, 0xD8]); // a lone high surrogate on line 3
    bytes.extend(utf16le("\t4\r\n"));
    let err = read_table(&bytes, &opts()).unwrap_err();
    assert!(matches!(err, DataError::CorruptFile { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("UTF-16") && msg.contains("line 3"), "{msg}");
    // Cut short in the middle of a character.
    let mut cut = vec![0xFF, 0xFE];
    cut.extend(utf16le("x\ty\n1\t2"));
    cut.push(b'\n');
    let msg = read_table(&cut, &opts()).unwrap_err().to_string();
    assert!(msg.contains("line 2") && msg.contains("cut short"), "{msg}");
}

#[test]
fn gb18030_four_byte_characters() {
    let t = csv("gb18030_names.csv");
    assert_eq!(t.encoding(), TextEncoding::Gb18030);
    assert_eq!(t.names(), ["编号", "姓名", "得分", "城市"]);
    // 𠮷 (U+20BB7, supplementary) and ß (U+00DF, BMP) are four-byte codes.
    assert_eq!(col(&t, "姓名"), ["吉田𠮷", "刘䶮", "Groß"]);
    assert_eq!(num(&t, "得分"), [Some(4.5), Some(3.5), Some(2.0)]);
}

#[test]
fn gbk_is_decoded_before_the_line_is_split() {
    // 東 is the bytes 96 7C: its second byte is the "|" delimiter.
    let t = csv("gbk_pipe.csv");
    assert_eq!(t.delimiter(), b'|');
    assert_eq!(t.names(), ["城市", "東", "人数"]);
    assert_eq!(col(&t, "城市"), ["北京", "上海"]);
    assert_eq!(num(&t, "人数"), [Some(20.0), Some(35.0)]);
}

// ---------------------------------------------------------------- Windows-1252 CSV

#[test]
fn windows_1252_csv_from_a_european_user() {
    let t = csv("cp1252_survey.csv");
    assert_eq!(t.encoding(), TextEncoding::Windows1252);
    assert_eq!(t.delimiter(), b';');
    assert!(t.decimal_comma());
    assert_eq!(
        t.names(),
        ["Name", "Stadt", "Größe", "Zufriedenheit", "Kommentar"]
    );
    assert_eq!(col(&t, "Name"), ["Müller", "Renée", "Øystein"]);
    assert_eq!(col(&t, "Stadt"), ["Zürich", "Genève", "Tromsø"]);
    // – “ ” € are Windows-1252's own (bytes 96 93 94 80).
    assert_eq!(
        col(&t, "Kommentar"),
        ["très bien – “gut”", "€ 20", "Ærlig talt"]
    );
    assert_eq!(num(&t, "Größe"), [Some(1.8), Some(1.65), Some(1.92)]);
    assert_eq!(num(&t, "Zufriedenheit"), [Some(4.5), Some(3.0), None]);
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["encoding"], "windows-1252");
}

#[test]
fn western_text_that_pairs_up_as_gbk_stays_western() {
    // "Müller,Zürich" in Windows-1252: FC 6C and FC 72 are valid GBK codes
    // (rare characters), but no common Chinese one: not Chinese.
    let t = read_table(b"Name,Stadt\nM\xFCller,Z\xFCrich\n", &opts()).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Windows1252);
    assert_eq!(t.names(), ["Name", "Stadt"]);
    assert_eq!(col(&t, "Name"), ["Müller"]);
    // ISO-8859-1 text is Windows-1252 text.
    let t = read_table(b"name,x\nab,1\ncaf\xE9,2\n", &opts()).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Windows1252);
    assert_eq!(col(&t, "name"), ["ab", "café"]);
}

// ---------------------------------------------------------------- refused and unchanged

#[test]
fn other_encodings_are_refused_not_misread() {
    // Korean (EUC-KR decodes cleanly as GBK), Russian Windows-1251, Big5,
    // Shift-JIS: each names line 1, the first that is not UTF-8.
    for name in [
        "euckr_refused.csv",
        "cp1251_refused.csv",
        "big5_refused.csv",
        "sjis_refused.csv",
    ] {
        let e = read_table(&data(name), &opts()).expect_err(name);
        assert_eq!(e, DataError::InvalidUtf8 { line: 1 }, "{name}");
        assert!(e.to_string().contains("UTF-8"), "{e}");
    }
    // A UTF-8 file with one damaged byte is not guessed at.
    let e = read_table(b"a,b\n\xE4\xB8\xAD,1\n\xD6\xD0\xFF,2\n", &opts()).unwrap_err();
    assert_eq!(e, DataError::InvalidUtf8 { line: 3 });
    // Nor is one that says it is UTF-8 with a byte-order mark.
    let e = read_table(b"\xEF\xBB\xBFa,b\n\xD6\xD0\xCE\xC4,1\n", &opts()).unwrap_err();
    assert_eq!(e, DataError::InvalidUtf8 { line: 2 });
    // Nor text with control characters.
    let e = read_table(b"a,b\n\x01\xD6\xD0\xCE\xC4,1\n", &opts()).unwrap_err();
    assert_eq!(e, DataError::InvalidUtf8 { line: 2 });
    // Nor bytes that are not text in any of them (81 is undefined in
    // Windows-1252 and cut short in GBK).
    let e = read_table(b"a,b\nx\x81,1\n", &opts()).unwrap_err();
    assert_eq!(e, DataError::InvalidUtf8 { line: 2 });
}

#[test]
fn utf8_path_is_unchanged() {
    let gbk = csv("gbk_survey.csv");
    let (utf8, used) = decode_text(&data("gbk_survey.csv"), None).unwrap();
    assert_eq!(used, TextEncoding::Gbk);
    let t = read_table(utf8.as_bytes(), &opts()).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Utf8);
    assert_eq!(t.names(), gbk.names());
    assert_eq!(t.preview(10), gbk.preview(10));
    assert!(serde_json::to_value(&t).unwrap().get("encoding").is_none());
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(utf8.as_bytes());
    assert_eq!(read_table(&bom, &opts()).unwrap(), t);
    // Text that is valid UTF-8 is UTF-8, whatever else it might be.
    let t = read_table("名字,x\nü,1\n".as_bytes(), &opts()).unwrap();
    assert_eq!(col(&t, "名字"), ["ü"]);
    assert_eq!(t.encoding(), TextEncoding::Utf8);
}

#[test]
fn a_chosen_encoding_is_used_as_it_is() {
    // UTF-8 chosen: no fallback.
    let e = read_table(&data("cp1252_survey.csv"), &forced(TextEncoding::Utf8)).unwrap_err();
    assert_eq!(e, DataError::InvalidUtf8 { line: 1 });
    // GBK chosen for a Windows-1252 file: "–" (96 20) is no GBK code, on line 2.
    let e = read_table(&data("cp1252_survey.csv"), &forced(TextEncoding::Gbk)).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, DataError::CorruptFile { .. }), "{e:?}");
    assert!(msg.contains("line 2") && msg.contains("GBK"), "{msg}");
    // Windows-1252 chosen for a GBK file: read, as the user asked (mojibake).
    let t = read_table(&data("gbk_survey.csv"), &forced(TextEncoding::Windows1252)).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Windows1252);
    assert_eq!(t.names()[0], "±àºÅ");
    // ISO-8859-1 chosen: 96 is the C1 control U+0096, not "–".
    let t = read_table(&data("cp1252_survey.csv"), &forced(TextEncoding::Latin1)).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Latin1);
    assert_eq!(col(&t, "Kommentar")[0], "très bien \u{96} \u{93}gut\u{94}");
    // Options carry the choice through serde, by name; absent = detect.
    let o: ReadOptions = serde_json::from_str(
        r#"{"delimiter":null,"missing_codes":[],"decimal_comma":null,"encoding":"GBK"}"#,
    )
    .unwrap();
    assert_eq!(o.encoding, Some(TextEncoding::Gbk));
    let o: ReadOptions =
        serde_json::from_str(r#"{"delimiter":null,"missing_codes":[],"decimal_comma":null}"#)
            .unwrap();
    assert_eq!(o, ReadOptions::default());
}

#[test]
fn encoding_names() {
    for e in TextEncoding::ALL {
        assert_eq!(TextEncoding::from_name(e.name()), Some(e));
        assert_eq!(e.to_string(), e.name());
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, format!("\"{}\"", e.name()));
    }
    for (alias, e) in [
        ("cp936", TextEncoding::Gbk),
        ("GB2312", TextEncoding::Gbk),
        ("Windows-936", TextEncoding::Gbk),
        (" gb_18030 ", TextEncoding::Gb18030),
        ("CP1252", TextEncoding::Windows1252),
        ("latin1", TextEncoding::Latin1),
        ("utf8", TextEncoding::Utf8),
    ] {
        assert_eq!(TextEncoding::from_name(alias), Some(e), "{alias}");
    }
    assert_eq!(TextEncoding::from_name("Shift_JIS"), None);
    assert_eq!(TextEncoding::from_name("big5"), None);
}

// ---------------------------------------------------------------- SPSS

fn sav(name: &str) -> DataTable {
    read_sav(&data(name), &opts()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn sav_gbk_labels_and_strings() {
    // As pyreadstat 1.3.7 reads it: id labelled 编号, city 北京 / 上海.
    let t = sav("pspp_gbk.sav");
    assert_eq!(t.encoding(), TextEncoding::Gbk);
    assert_eq!(t.names(), ["id", "city"]);
    assert_eq!(t.label(0), Some("编号"));
    assert_eq!(t.label(1), None);
    assert_eq!(col(&t, "city"), ["北京", "上海"]);
    assert_eq!(num(&t, "id"), [Some(1.0), Some(2.0)]);
}

#[test]
fn sav_gbk_variable_names_and_value_labels() {
    // As PSPP's DISPLAY DICTIONARY and LIST, and pyreadstat, show it.
    let t = sav("pspp_gbk_names.sav");
    assert_eq!(t.encoding(), TextEncoding::Gbk);
    assert_eq!(t.names(), ["编号", "题项1", "信任", "城市"]);
    assert_eq!(t.label(1), Some("我信任这个卖家"));
    assert_eq!(t.label(2), Some("信任（均值）"));
    assert_eq!(
        t.value_labels(1),
        pairs(&[("1", "非常不同意"), ("5", "非常同意"), ("99", "未回答")])
    );
    // PSPP 1.6.2 writes a string value label's value in UTF-8 whatever the
    // locale (北京 = E5 8C 97 E4 BA AC), so the file holds that; PSPP and
    // pyreadstat read it back as GBK too and show 鍖椾含.
    assert_eq!(t.value_labels(3), pairs(&[("鍖椾含", "首都")]));
    assert_eq!(col(&t, "城市"), ["北京", "上海", "广州"]);
    assert_eq!(num(&t, "题项1"), [Some(5.0), Some(3.0), None]); // 99 is user-missing
    assert_eq!(num(&t, "信任"), [Some(4.5), Some(3.0), None]);
}

#[test]
fn sav_code_page_936_alone_is_gbk() {
    // Without the encoding record (subtype 20 renamed to an unknown 99, which
    // is skipped), record 7.3's code page 936 decides.
    let mut b = data("pspp_gbk_names.sav");
    let rec20: [u8; 8] = [7, 0, 0, 0, 20, 0, 0, 0];
    let at = b
        .windows(8)
        .position(|w| w == rec20)
        .expect("an encoding record");
    b[at + 4] = 99;
    let t = read_sav(&b, &opts()).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Gbk);
    assert_eq!(t.names(), ["编号", "题项1", "信任", "城市"]);
    assert_eq!(t.label(2), Some("信任（均值）"));
}

#[test]
fn sav_gb18030_four_byte_characters() {
    let t = sav("pspp_gb18030.sav");
    assert_eq!(t.encoding(), TextEncoding::Gb18030);
    assert_eq!(t.names(), ["编号", "姓名", "得分"]);
    assert_eq!(col(&t, "姓名"), ["吉田𠮷", "刘䶮", "Groß"]);
    assert_eq!(t.label(1), Some("姓名（含 𠮷 与 ß）"));
    assert_eq!(t.label(2), Some("总分"));
    assert_eq!(t.value_labels(2), pairs(&[("2", "低"), ("4.5", "高")]));
}

#[test]
fn sav_encoding_choice_overrides_the_file() {
    let t = read_sav(&data("pspp_gbk.sav"), &forced(TextEncoding::Windows1252)).unwrap();
    assert_eq!(t.encoding(), TextEncoding::Windows1252);
    assert_eq!(t.label(0), Some("±àºÅ"));
    // A Shift-JIS file (unsupported) read as if GBK gives text, not an error.
    let t = read_sav(&data("pspp_sjis.sav"), &forced(TextEncoding::Gbk)).unwrap();
    assert_eq!(t.names(), ["id", "city"]);
    let e = read_sav(&data("pspp_sjis.sav"), &opts()).unwrap_err();
    assert!(
        matches!(&e, DataError::UnsupportedEncoding { encoding, .. } if encoding == "SHIFT_JIS"),
        "{e:?}"
    );
}

// ---------------------------------------------------------------- the decoder against Python

/// Python's decoding of the two-byte codes of one lead byte, in trail order.
type TwoByteRow = (u8, Vec<char>);

/// Python's decoding: two-byte codes by lead byte, and four-byte samples.
fn reference() -> (Vec<TwoByteRow>, Vec<([u8; 4], u32)>) {
    let text = String::from_utf8(data("gb18030_reference.txt")).unwrap();
    let (mut two, mut four) = (Vec::new(), Vec::new());
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix("2 ") {
            let lead = u8::from_str_radix(&rest[..2], 16).unwrap();
            let chars: Vec<char> = rest[3..].chars().collect();
            assert_eq!(chars.len(), 190, "lead {lead:02X}");
            two.push((lead, chars));
        } else if let Some(rest) = line.strip_prefix("4 ") {
            let (bytes, cp) = rest.split_once(' ').unwrap();
            let b: Vec<u8> = (0..4)
                .map(|i| u8::from_str_radix(&bytes[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            four.push((
                [b[0], b[1], b[2], b[3]],
                u32::from_str_radix(cp, 16).unwrap(),
            ));
        }
    }
    assert_eq!(two.len(), 126);
    assert!(four.len() > 800);
    (two, four)
}

/// Decodes one character of GB18030 after an ASCII "x" (so that a U+FEFF is
/// not taken for a byte-order mark).
fn gb(bytes: &[u8]) -> Result<String, DataError> {
    let mut b = b"x".to_vec();
    b.extend_from_slice(bytes);
    decode_text(&b, Some(TextEncoding::Gb18030)).map(|(s, _)| s[1..].to_string())
}

#[test]
fn every_two_byte_code_decodes_as_python_does() {
    let (two, _) = reference();
    let trails: Vec<u8> = (0x40..=0x7E).chain(0x80..=0xFE).collect();
    let mut n = 0;
    for (lead, chars) in &two {
        for (&trail, &c) in trails.iter().zip(chars) {
            assert_eq!(
                gb(&[*lead, trail]).unwrap(),
                c.to_string(),
                "{lead:02X} {trail:02X}"
            );
            n += 1;
        }
    }
    assert_eq!(n, 23940);
    // Spot checks against well-known GBK codes.
    assert_eq!(gb(b"\xD6\xD0").unwrap(), "中");
    assert_eq!(gb(b"\xA1\xA1").unwrap(), "\u{3000}");
    assert_eq!(gb(b"\xA3\xAC").unwrap(), "，");
    assert_eq!(gb(b"\x80").unwrap(), "€", "Windows code page 936's euro");
}

#[test]
fn four_byte_codes_decode_as_python_does() {
    let (_, four) = reference();
    for (b, cp) in &four {
        let want = char::from_u32(*cp).unwrap().to_string();
        assert_eq!(gb(b).unwrap(), want, "{b:02X?}");
    }
    // Every BMP character but ASCII and surrogates exactly once, in the
    // two-byte or the four-byte part (as in Python, checked by the generator).
    let mut seen = vec![0u8; 0x10000];
    for lead in 0x81..=0xFEu8 {
        for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
            let s = gb(&[lead, trail]).unwrap();
            seen[s.chars().next().unwrap() as usize] += 1;
        }
    }
    let mut pointer = 0u32;
    'all: for b1 in 0x81..=0x84u8 {
        for b2 in 0x30..=0x39u8 {
            for b3 in 0x81..=0xFEu8 {
                for b4 in 0x30..=0x39u8 {
                    if pointer == 39420 {
                        break 'all;
                    }
                    let s = gb(&[b1, b2, b3, b4]).unwrap();
                    seen[s.chars().next().unwrap() as usize] += 1;
                    pointer += 1;
                }
            }
        }
    }
    for (c, &k) in seen.iter().enumerate() {
        let expected = u8::from(c >= 0x80 && !(0xD800..0xE000).contains(&c));
        assert_eq!(k, expected, "U+{c:04X}");
    }
    // Past the BMP ranges and the supplementary planes: not characters.
    for bad in [
        b"\x84\x31\xA5\x30",
        b"\x8F\x39\xFE\x39",
        b"\xE3\x32\x9A\x36",
    ] {
        assert!(gb(bad).is_err(), "{bad:02X?}");
    }
}

// ---------------------------------------------------------------- robustness

const TEXT_FIXTURES: &[&str] = &[
    "gbk_survey.csv",
    "gb18030_names.csv",
    "gbk_pipe.csv",
    "cp1252_survey.csv",
    "euckr_refused.csv",
    "cp1251_refused.csv",
    "big5_refused.csv",
    "sjis_refused.csv",
];

fn read_every_way(bytes: &[u8]) {
    let _ = read_table(bytes, &opts());
    let _ = read_any(bytes, "x.csv", None, &opts());
    for e in TextEncoding::ALL {
        let _ = read_table(bytes, &forced(e));
        let _ = decode_text(bytes, Some(e));
    }
}

/// Every prefix, byte flips and pseudo-random bytes rich in GBK lead and
/// trail bytes: errors, never a panic.
#[test]
fn damaged_text_never_panics() {
    for name in TEXT_FIXTURES {
        let b = data(name);
        for len in 0..=b.len() {
            read_every_way(&b[..len]);
        }
        let mut m = b.clone();
        for i in 0..b.len() {
            for x in [0x80u8, 0xFF, 0x30] {
                m[i] = b[i] ^ x;
                read_every_way(&m);
            }
            m[i] = b[i];
        }
    }
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let pieces: &[&[u8]] = &[
        b"\x81",
        b"\xFE",
        b"\xFF",
        b"\x80",
        b"\x30",
        b"\x39",
        b"\xA1",
        b",",
        b"\n",
        b"\r",
        b"|",
        b"\"",
        b"a",
        b"1",
        b"\xD6\xD0",
        b"\x81\x30\x81\x30",
        b"\xE3\x32\x9A\x36",
        b"\xEF\xBB\xBF",
        b"\x84\x31\x95\x33",
    ];
    for _ in 0..5000 {
        let len = (next() % 30) as usize;
        let mut bytes = Vec::new();
        for _ in 0..len {
            bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        read_every_way(&bytes);
    }
}

/// The new .sav fixtures, cut short or with bytes flipped: errors, never a panic.
#[test]
fn damaged_chinese_sav_never_panics() {
    for name in ["pspp_gbk_names.sav", "pspp_gb18030.sav", "pspp_sjis.sav"] {
        let b = data(name);
        for len in 0..b.len() {
            let _ = read_sav(&b[..len], &opts());
        }
        let mut m = b.clone();
        for i in 0..b.len() {
            for x in [0xFFu8, 0x80] {
                m[i] = b[i] ^ x;
                let _ = read_sav(&m, &opts());
                let _ = read_sav(&m, &forced(TextEncoding::Gb18030));
            }
            m[i] = b[i];
        }
    }
}
