//! Random-input tests ("fuzzing" on stable Rust) of everything that reads
//! what a user brings: the model parser (and the parameter table built from
//! it), the file readers (delimited text in every encoding, `.xlsx` with its
//! ZIP and DEFLATE layers, `.sav`/`.zsav`), the covariance-matrix reader, the
//! link (URL fragment) parser and the project-file parser.
//!
//! Each target draws inputs from a seeded generator: real inputs (the
//! fixtures, the example models) damaged by random mutations (bits flipped,
//! bytes set, inserted from a list of troublesome ones, deleted, repeated,
//! spliced, cut short), and inputs generated from the format's own pieces
//! (model tokens; workbook XML parts packed into a fresh archive, so the
//! damage reaches the XML behind the checksums). The property: no panic, and
//! every reader returns a table or a typed error. A panic names the target,
//! the seed and the iteration, and writes the input to
//! `target/fuzz-crash-<target>-<seed>-<iteration>`; such an input becomes a
//! test of its own.
//!
//! `cargo test --test fuzz` runs every target for a fixed number of seeded
//! iterations (the short run CI does). `scripts/fuzz SECONDS [TARGET...]`
//! runs the ignored `fuzz_for_a_while` for SECONDS per target with a fresh
//! seed (`FUZZ_SEED` to repeat one) and prints the inputs tried per target.

mod common;

use common::zip::stored_zip;
use semlab::data::{read_any, read_covariance, ReadOptions, TextEncoding};
use semlab::link::{self, Link};
use semlab::partable::{self, ModelOptions};
use semlab::project::Project;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- generator

/// xorshift64* (Vigna 2016): small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes that break parsers: separators, quotes, line ends, NUL, BOM and
/// UTF-8 lead bytes, GBK leads, digits and signs, XML and JSON syntax.
const NASTY: &[u8] =
    b"\x00\xff\xfe\xef\xbb\xbf\x80\xc3\xe4\x81\x30\"',;\t\n\r|.-+eE0123456789<>/&=#{}[]:%~*()";

/// 1 to 8 random mutations of `input`; `other` is spliced from.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let n = b.len();
        match rng.below(9) {
            0 if n > 0 => {
                let i = rng.below(n);
                b[i] ^= 1 << rng.below(8);
            }
            1 if n > 0 => {
                let i = rng.below(n);
                b[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(n + 1);
                b.insert(i, *rng.pick(NASTY));
            }
            3 if n > 0 => {
                let i = rng.below(n);
                let len = 1 + rng.below((n - i).min(64));
                b.drain(i..i + len);
            }
            4 if n > 0 => {
                let i = rng.below(n);
                let len = 1 + rng.below((n - i).min(64));
                let copy = b[i..i + len].to_vec();
                let at = rng.below(n + 1);
                b.splice(at..at, copy);
            }
            5 if !other.is_empty() => {
                let i = rng.below(other.len());
                let len = 1 + rng.below((other.len() - i).min(128));
                let at = rng.below(n + 1);
                b.splice(at..at, other[i..i + len].iter().copied());
            }
            6 if n > 0 => b.truncate(rng.below(n)),
            7 if n > 0 => {
                // Set a little-endian number: sizes, offsets and counts in
                // binary formats.
                let i = rng.below(n);
                let v = *rng.pick(&[0u64, 1, 0xFF, 0xFFFF, 0xFFFF_FFFF, u64::MAX, 1 << 31]);
                for (k, byte) in v.to_le_bytes().iter().take(n - i).enumerate() {
                    b[i + k] = *byte;
                }
            }
            _ => {
                let i = rng.below(n + 1);
                b.insert(i, rng.next() as u8);
            }
        }
    }
    b
}

/// Runs `f(input)`; a panic writes the input beside the build and fails,
/// naming the target, seed and iteration.
fn check(target: &str, seed: u64, iter: u64, input: &[u8], f: impl FnOnce(&[u8])) {
    if catch_unwind(AssertUnwindSafe(|| f(input))).is_err() {
        let path = format!(
            "{}/target/fuzz-crash-{target}-{seed}-{iter}",
            env!("CARGO_MANIFEST_DIR")
        );
        let _ = std::fs::write(&path, input);
        panic!("fuzz target {target} panicked (seed {seed}, iteration {iter}); input written to {path}");
    }
}

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

// ---------------------------------------------------------------- targets

const MODELS: [&str; 3] = [
    "lavaan/hs1939_cfa/model.lav",
    "lavaan/poldem_mediation/model.lav",
    "lavaan/livecommerce_sem/model.lav",
];

const MODEL_PIECES: &[&str] = &[
    "f",
    "x1",
    "x2",
    "visual",
    "y",
    "=~",
    "~",
    "~~",
    ":=",
    "==",
    "<",
    ">",
    "|",
    "~*~",
    "<~",
    "%",
    "+",
    "-",
    "*",
    "/",
    "^",
    "(",
    ")",
    "c(",
    ",",
    "NA",
    "0.5",
    "1e400",
    "-1",
    "a",
    "b",
    "a*b",
    "start(",
    "fixed(",
    "label(\"a\")",
    "equal(\"a\")",
    "t1",
    "group:",
    "level:",
    "#",
    "!",
    "\"",
    "'",
    "\n",
    " ",
    "\t",
    ";",
    "1",
    "0",
    "sqrt(",
    "exp(",
    "abs(",
    "ε",
    "因子",
    "=~ x1 + x2",
];

fn model_target(rng: &mut Rng, seed: u64, iter: u64, models: &[Vec<u8>]) {
    let input = if rng.chance(2) {
        let a = rng.pick(models);
        let b = rng.pick(models);
        mutate(rng, a, b)
    } else {
        let mut s = String::new();
        for _ in 0..1 + rng.below(40) {
            let piece: &&str = rng.pick(MODEL_PIECES);
            s.push_str(piece);
            if rng.chance(3) {
                s.push(' ');
            }
        }
        s.into_bytes()
    };
    check("model", seed, iter, &input, |b| {
        let text = String::from_utf8_lossy(b);
        if semlab::syntax::parse(&text).is_ok() {
            let columns: Vec<String> = (1..=9).map(|i| format!("x{i}")).collect();
            let opts = ModelOptions::default();
            let _ = partable::build(&text, &columns, &opts, 1);
            let _ = partable::build(&text, &columns, &opts, 2);
        }
    });
}

/// Reads `bytes` as a file called `name` with random options; a table read
/// is converted to numbers, column by column.
fn read_with_random_options(rng: &mut Rng, bytes: &[u8], name: &str) {
    let opts = ReadOptions {
        delimiter: rng.chance(4).then(|| *rng.pick(b",;\t| x\"")),
        missing_codes: if rng.chance(3) {
            vec!["-99".into(), "999".into(), "".into(), "NA".into()]
        } else {
            Vec::new()
        },
        decimal_comma: rng.chance(3).then(|| rng.chance(2)),
        encoding: rng.chance(4).then(|| *rng.pick(&TextEncoding::ALL)),
    };
    let sheet = rng.chance(4).then(|| rng.below(3));
    if let Ok(t) = read_any(bytes, name, sheet, &opts) {
        assert_eq!(t.names().len(), t.n_cols());
        for j in 0..t.n_cols() {
            let _ = t.numeric(&[t.names()[j].as_str()]);
            let _ = t.value_labels(j);
        }
    }
}

fn csv_target(rng: &mut Rng, seed: u64, iter: u64, files: &[Vec<u8>]) {
    let a = rng.pick(files);
    let b = rng.pick(files);
    let input = mutate(rng, a, b);
    let name = *rng.pick(&["data.csv", "data.txt", "data.tsv", "data"]);
    let mut inner = Rng::new(rng.next());
    check("csv", seed, iter, &input, |b| {
        read_with_random_options(&mut inner, b, name)
    });
}

fn binary_target(target: &str, rng: &mut Rng, seed: u64, iter: u64, files: &[Vec<u8>], name: &str) {
    let a = rng.pick(files);
    let b = rng.pick(files);
    let input = mutate(rng, a, b);
    let mut inner = Rng::new(rng.next());
    check(target, seed, iter, &input, |b| {
        read_with_random_options(&mut inner, b, name)
    });
}

// A workbook's parts, packed fresh each time so damage to the XML is not
// stopped by the archive's checksums.
const XLSX_PARTS: [(&str, &str); 6] = [
    (
        "[Content_Types].xml",
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="问卷" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    ),
    (
        "xl/sharedStrings.xml",
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3"><si><t>x1</t></si><si><r><t>x</t></r><r><t xml:space="preserve">2</t></r><rPh><t>p</t></rPh></si><si><t>A &amp; B</t></si></sst>"#,
    ),
    (
        "xl/worksheets/sheet1.xml",
        r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>总分</t></is></c></row><row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2"><f>A2+B2</f><v>2.5</v></c></row><row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3"><v>-99</v></c><c r="C3" t="str"><f>A3</f><v></v></c></row><row><c><v>3E2</v></c><c r="C4" t="s"><v>2</v></c></row></sheetData></worksheet>"#,
    ),
];

fn xlsx_xml_target(rng: &mut Rng, seed: u64, iter: u64) {
    let hit = rng.below(XLSX_PARTS.len());
    let parts: Vec<(&str, Vec<u8>)> = XLSX_PARTS
        .iter()
        .enumerate()
        .map(|(k, (name, xml))| {
            let bytes = if k == hit || rng.chance(8) {
                mutate(rng, xml.as_bytes(), XLSX_PARTS[5].1.as_bytes())
            } else {
                xml.as_bytes().to_vec()
            };
            (*name, bytes)
        })
        .collect();
    let input = stored_zip(&parts);
    let mut inner = Rng::new(rng.next());
    check("xlsx-xml", seed, iter, &input, |b| {
        read_with_random_options(&mut inner, b, "book.xlsx");
        let _ = semlab::data::xlsx_sheet_names(b);
    });
}

fn covariance_target(rng: &mut Rng, seed: u64, iter: u64) {
    const COV: &str = "x1 x2 x3\n1.0\n0.5 2.0\n0.3 0.4 1.5\n";
    const FULL: &str = "x1,x2\nx1,1,0.2\nx2,0.2,1\n";
    let base = *rng.pick(&[COV, FULL]);
    let input = mutate(rng, base.as_bytes(), FULL.as_bytes());
    let n = *rng.pick(&[0usize, 1, 2, 100, usize::MAX]);
    check("covariance", seed, iter, &input, |b| {
        let _ = read_covariance(&String::from_utf8_lossy(b), n);
    });
}

fn link_target(rng: &mut Rng, seed: u64, iter: u64) {
    let good = format!(
        "#example=hs1939&model={}&estimator=MLR&stdlv=1&lang=zh&ordered=x1,x2",
        link::encode("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5")
    );
    let input = mutate(rng, good.as_bytes(), b"%E4%B8%AD%ZZ%%=&&#");
    check("link", seed, iter, &input, |b| {
        let text = String::from_utf8_lossy(b);
        let (parsed, _) = Link::parse(&text);
        let again = Link::parse(&parsed.fragment()).0;
        assert_eq!(again, parsed, "a link's fragment reads back as itself");
        let _ = link::decode(&text);
    });
}

fn project_target(rng: &mut Rng, seed: u64, iter: u64) {
    let json = Project::new(
        "visual =~ x1 + x2 + x3\n# 注释\ntextual =~ x4 + x5",
        &semlab::analysis::Options::default(),
    )
    .to_json();
    let input = mutate(rng, json.as_bytes(), b"{\"model\":null,\"version\":99,[]}");
    check("project", seed, iter, &input, |b| {
        let _ = Project::from_json(&String::from_utf8_lossy(b));
    });
}

// ---------------------------------------------------------------- runner

const TARGETS: [&str; 9] = [
    "model",
    "csv",
    "xlsx",
    "xlsx-xml",
    "sav",
    "zsav",
    "covariance",
    "link",
    "project",
];

/// Runs `target` from `seed` until `iters` inputs or the `deadline`;
/// returns the number of inputs tried.
fn run(target: &str, seed: u64, iters: u64, deadline: Option<Instant>) -> u64 {
    let models: Vec<Vec<u8>> = MODELS.iter().map(|m| fixture(m)).collect();
    let csvs: Vec<Vec<u8>> = [
        "lavaan/hs1939_cfa/hs1939_cfa.csv",
        "data/gbk_survey.csv",
        "data/gb18030_names.csv",
        "data/cp1252_survey.csv",
        "data/utf16le_survey.txt",
        "data/utf16be_survey.txt",
        "data/items_small.csv",
    ]
    .iter()
    .map(|p| {
        // Large fixtures are cut to their first 4 KB: the readers' paths are
        // the same, and each input is read faster.
        let mut b = fixture(p);
        b.truncate(4096);
        b
    })
    .collect();
    let xlsx: Vec<Vec<u8>> = [
        "survey.xlsx",
        "openpyxl.xlsx",
        "inline.xlsx",
        "hs1939_50_zip64.xlsx",
        "formulas.xlsx",
    ]
    .iter()
    .map(|p| fixture(&format!("data/{p}")))
    .collect();
    let sav: Vec<Vec<u8>> = [
        "survey.sav",
        "survey_bytecode.sav",
        "pspp_gbk_names.sav",
        "pspp_compressed.sav",
        "pspp_be.sav",
    ]
    .iter()
    .map(|p| fixture(&format!("data/{p}")))
    .collect();
    let zsav: Vec<Vec<u8>> = ["survey.zsav", "pspp.zsav"]
        .iter()
        .map(|p| fixture(&format!("data/{p}")))
        .collect();
    let mut rng = Rng::new(
        seed ^ target
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31) + b as u64),
    );
    let mut n = 0;
    while n < iters && deadline.is_none_or(|d| Instant::now() < d) {
        match target {
            "model" => model_target(&mut rng, seed, n, &models),
            "csv" => csv_target(&mut rng, seed, n, &csvs),
            "xlsx" => binary_target("xlsx", &mut rng, seed, n, &xlsx, "book.xlsx"),
            "xlsx-xml" => xlsx_xml_target(&mut rng, seed, n),
            "sav" => binary_target("sav", &mut rng, seed, n, &sav, "data.sav"),
            "zsav" => binary_target("zsav", &mut rng, seed, n, &zsav, "data.zsav"),
            "covariance" => covariance_target(&mut rng, seed, n),
            "link" => link_target(&mut rng, seed, n),
            "project" => project_target(&mut rng, seed, n),
            other => panic!(
                "unknown fuzz target {other}; targets: {}",
                TARGETS.join(" ")
            ),
        }
        n += 1;
    }
    n
}

/// The short seeded run CI does: every target, a fixed number of inputs.
#[test]
fn every_input_reader_survives_random_input() {
    for target in TARGETS {
        let iters = match target {
            "xlsx" | "sav" | "zsav" | "xlsx-xml" => 1000,
            _ => 5000,
        };
        assert_eq!(run(target, 20261205, iters, None), iters);
    }
}

/// The unpacked XML of the workbook the `xlsx-xml` target damages reads as
/// intended, so the target starts from a valid workbook.
#[test]
fn the_generated_workbook_reads() {
    let parts: Vec<(&str, Vec<u8>)> = XLSX_PARTS
        .iter()
        .map(|(n, x)| (*n, x.as_bytes().to_vec()))
        .collect();
    let t = read_any(
        &stored_zip(&parts),
        "book.xlsx",
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.names(), ["x1", "x2", "总分"]);
    assert_eq!(t.n_rows(), 3);
}

/// `scripts/fuzz`: FUZZ_SECONDS per target (default 10), targets from
/// FUZZ_TARGETS (space-separated; default all), seed FUZZ_SEED (default:
/// from the clock, printed).
#[test]
#[ignore = "long; run by scripts/fuzz"]
fn fuzz_for_a_while() {
    let secs: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let targets = std::env::var("FUZZ_TARGETS").unwrap_or_default();
    let chosen: Vec<&str> = if targets.trim().is_empty() {
        TARGETS.to_vec()
    } else {
        targets.split_whitespace().collect()
    };
    eprintln!("fuzz seed {seed}, {secs} s per target");
    for target in chosen {
        let start = Instant::now();
        let n = run(
            target,
            seed,
            u64::MAX,
            Some(start + Duration::from_secs(secs)),
        );
        eprintln!(
            "fuzz {target:<11} {n:>10} inputs in {:>5.0} s, 0 panics",
            start.elapsed().as_secs_f64()
        );
    }
}
