//! Which fit measures the reports give, in which order, for each estimator:
//! the page's and the command line's fit table, APA Table 2 and the methods
//! paragraph lead with the same measures (scaled χ² and robust CFI, TLI and
//! RMSEA under MLR, MLM and WLSMV, as lavaan's summary and Mplus do) and
//! give the same χ²/df. References: lavaan 0.6 `fitMeasures()` of
//! `tests/fixtures/lavaan-advanced/{livecommerce_wlsmv,hs1939_mlr,hs1939_mlm}`
//! and `tests/fixtures/lavaan/hs1939_cfa`.

mod common;

use semlab::analysis::{Analysis, Options};
use semlab::report::{self, apa, methods, Lang, Table};

fn case(set: &str, name: &str) -> (common::Case, Analysis) {
    let c = common::load(set, name);
    let a = c.run();
    (c, a)
}

fn labels(t: &Table) -> Vec<&str> {
    t.rows.iter().map(|r| r[0].as_str()).collect()
}

fn row<'a>(t: &'a Table, label: &str) -> &'a [String] {
    t.rows
        .iter()
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label} in {:?}", labels(t)))
}

fn lavaan(c: &common::Case, key: &str) -> f64 {
    c.reference["fit"][key].as_f64().unwrap()
}

/// χ²/df of APA Table 2 (column 4 of the value row).
fn apa_ratio(a: &Analysis) -> String {
    apa::fit_table(a).rows[0][4].clone()
}

#[test]
fn robust_estimators_lead_with_the_scaled_test_and_the_robust_indices() {
    for (set, name) in [
        ("lavaan-advanced", "livecommerce_wlsmv"),
        ("lavaan-advanced", "hs1939_mlr"),
        ("lavaan-advanced", "hs1939_mlm"),
    ] {
        let (c, a) = case(set, name);
        let t = report::fit_table(&a);
        let l = labels(&t);
        assert_eq!(
            l[..5],
            [
                "χ² scaled",
                "df",
                "p (χ² scaled)",
                "scaling factor",
                "χ²/df"
            ],
            "{name}"
        );
        let at = |x: &str| l.iter().position(|y| *y == x).unwrap();
        for (robust, standard) in [
            ("CFI robust", "CFI"),
            ("TLI robust", "TLI (NNFI)"),
            ("RMSEA robust", "RMSEA"),
        ] {
            assert!(at(robust) < at(standard), "{name}: {l:?}");
            // the robust one is judged, the standard one only shown
            let r = row(&t, robust);
            assert!(r[3] == "yes" || r[3] == "no", "{name}: {r:?}");
            let s = row(&t, standard);
            assert_eq!((s[2].as_str(), s[3].as_str()), ("", ""), "{name}: {s:?}");
            assert_eq!(s[4], "for comparison only, not judged");
        }
        assert!(at("χ² scaled") < at("χ²"), "{name}");
        assert!(at("RMSEA robust") < at("RMSEA scaled"), "{name}");
        // χ²/df is the scaled χ² over df, on the page and in APA Table 2
        let ratio = lavaan(&c, "chisq.scaled") / lavaan(&c, "df");
        assert_eq!(row(&t, "χ²/df")[1], format!("{ratio:.3}"), "{name}");
        assert_eq!(apa_ratio(&a), format!("{ratio:.2}"), "{name}");
        // APA Table 2 and the methods paragraph give the robust CFI
        let cfi = apa::prop(Some(lavaan(&c, "cfi.robust")), 3);
        let apa_row = &apa::fit_table(&a).rows[0];
        assert_eq!(apa_row[7], cfi, "{name}");
        let p = methods::paragraph(&a, &Options::default(), Lang::En);
        assert!(p.contains(&format!("CFI = {cfi}")), "{name}: {p}");
    }
}

/// WLSMV's standard CFI of the live-commerce model is 1: it must not come
/// first with a "met" beside it while the robust .989 is the one to report.
#[test]
fn wlsmv_does_not_judge_the_unscaled_cfi() {
    let (c, a) = case("lavaan-advanced", "livecommerce_wlsmv");
    assert_eq!(lavaan(&c, "cfi"), 1.0);
    for lang in Lang::ALL {
        let w = report::words::words(lang);
        let t = report::fit_table_in(&a, lang);
        let first_cfi = t.rows.iter().find(|r| r[0].contains("CFI")).unwrap();
        assert_eq!(first_cfi[1], format!("{:.3}", lavaan(&c, "cfi.robust")));
        let standard = t.rows.iter().find(|r| r[1] == "1.000").unwrap();
        assert_eq!(standard[4], w.fit_comparison, "{lang:?}");
        assert!(standard[3].is_empty());
    }
}

#[test]
fn ml_keeps_the_standard_order_and_the_same_ratio_everywhere() {
    let (c, a) = case("lavaan", "hs1939_cfa");
    let t = report::fit_table(&a);
    let l = labels(&t);
    assert_eq!(l[..4], ["χ²", "df", "p (χ²)", "χ²/df"]);
    assert!(!l
        .iter()
        .any(|x| x.contains("scaled") || x.contains("robust")));
    let ratio = lavaan(&c, "chisq") / lavaan(&c, "df");
    assert_eq!(row(&t, "χ²/df")[1], format!("{ratio:.3}"));
    assert_eq!(apa_ratio(&a), format!("{ratio:.2}"));
    assert_eq!(
        a.fit["chisq/df"],
        semlab::fitmeasures::chisq_df(&a.fit),
        "the JSON's χ²/df is the reports'"
    );
}

/// The command line prints the same order: the scaled χ² before the
/// unscaled one, the robust CFI before the standard one.
#[test]
fn the_command_line_leads_with_the_measures_to_report() {
    let dir = common::fixtures_dir().join("lavaan-advanced/hs1939_mlr");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_semlab"))
        .args([
            "fit",
            "--data",
            dir.join("hs1939_mlr.csv").to_str().unwrap(),
            "--model",
            dir.join("model.lav").to_str().unwrap(),
            "--estimator",
            "MLR",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    // the line whose label column is `label`
    let line = |label: &str| {
        text.lines()
            .position(|l| l.strip_prefix(label).is_some_and(|r| r.starts_with("  ")))
            .unwrap_or_else(|| panic!("no line {label}: {text}"))
    };
    assert!(line("χ² scaled") < line("χ²"), "{text}");
    assert!(line("CFI robust") < line("CFI"), "{text}");
    assert!(line("χ²/df") < line("CFI robust"), "{text}");
}

/// The workbench's one-line summary under the editor gives χ²/df, CFI,
/// RMSEA and SRMR as the fit table reports them: the standard ones under
/// ML, the robust CFI and RMSEA under MLR, in both languages.
#[test]
fn the_fit_summary_line_reads_the_reported_measures() {
    let (_, ml) = case("lavaan", "hs1939_cfa");
    let t = report::fit_table(&ml);
    let line = report::fit_summary_line(&ml, Lang::En).unwrap();
    let expected = ["χ²/df", "CFI", "RMSEA", "SRMR"]
        .map(|k| format!("{k} = {}", row(&t, k)[1]))
        .join(" · ");
    assert_eq!(line, expected);

    let (_, mlr) = case("lavaan-advanced", "hs1939_mlr");
    let t = report::fit_table(&mlr);
    let line = report::fit_summary_line(&mlr, Lang::En).unwrap();
    for k in ["CFI robust", "RMSEA robust", "SRMR"] {
        assert!(
            line.contains(&format!("{k} = {}", row(&t, k)[1])),
            "{k} in {line}"
        );
    }
    assert!(
        !line.contains("CFI = "),
        "the standard CFI is not the one reported: {line}"
    );
    let zh = report::fit_summary_line(&mlr, Lang::Zh).unwrap();
    let t_zh = report::fit_table_in(&mlr, Lang::Zh);
    // the same row of the Chinese table (same order), with its Chinese label
    let i = t.rows.iter().position(|r| r[0] == "CFI robust").unwrap();
    let r = &t_zh.rows[i];
    assert!(zh.contains(&format!("{} = {}", r[0], r[1])), "{zh}");
}

/// The kind of CFI, TLI and RMSEA a fit table leads with, read from the
/// label of its first (reported) CFI row: `CFI robust` / `稳健 CFI`,
/// `CFI scaled` / `校正 CFI`, or the standard `CFI`.
fn table_kind(t: &Table) -> &'static str {
    let first = t.rows.iter().find(|r| r[0].contains("CFI")).unwrap();
    let l = first[0].as_str();
    if l.contains("robust") || l.contains("稳健") {
        "robust"
    } else if l.contains("scaled") || l.contains("校正") {
        "scaled"
    } else {
        "standard"
    }
}

/// The value after `{name} = ` in a sentence (`CFI = .997`).
fn stated(p: &str, name: &str) -> String {
    let at = p
        .find(&format!(", {name} = "))
        .unwrap_or_else(|| panic!("{name}: {p}"));
    p[at + name.len() + 5..]
        .split([',', ' ', '。'])
        .next()
        .unwrap()
        .to_string()
}

/// The methods paragraph names the indices the fit table and APA Table 2
/// show, and gives their values. A WLSMV fit whose robust CFI, TLI and
/// RMSEA lavaan leaves NA (the first thresholds of T1 and T2 equal:
/// lavaan's catML refit fails) leads with the scaled ones everywhere; the
/// paragraph used to call them "the robust CFI, TLI and RMSEA" and the
/// table notes to say so. Robust (WLSMV, MLR) and standard (ML) fits keep
/// their own. One rule: `fitmeasures::Indices::of_fit`.
#[test]
fn the_paragraph_names_the_indices_the_fit_tables_show() {
    for (set, name, kind) in [
        (
            "lavaan-extra",
            "livecommerce_wlsmv_equal_thresholds",
            "scaled",
        ),
        ("lavaan-advanced", "livecommerce_wlsmv", "robust"),
        ("lavaan-advanced", "hs1939_mlr", "robust"),
        ("lavaan", "hs1939_cfa", "standard"),
    ] {
        let (c, a) = case(set, name);
        let key = |base: &str| match kind {
            "standard" => base.to_string(),
            k => format!("{base}.{k}"),
        };
        // lavaan: the scaled fit has no robust indices, the others have them
        if kind != "standard" {
            let robust_na = c.reference["fit"]["cfi.robust"].is_null();
            assert_eq!(robust_na, kind == "scaled", "{name}");
        }
        for lang in Lang::ALL {
            let t = report::fit_table_in(&a, lang);
            assert_eq!(table_kind(&t), kind, "{name} {lang:?}");
            let apa_t = apa::fit_table_in(&a, lang);
            let p = methods::paragraph(&a, &Options::default(), lang);
            for (label, base, col) in [("CFI", "cfi", 7), ("TLI", "tli", 8), ("RMSEA", "rmsea", 11)]
            {
                let v = apa::prop(Some(lavaan(&c, &key(base))), 3);
                assert_eq!(apa_t.rows[0][col], v, "{name} {lang:?} {label}");
                assert_eq!(stated(&p, label), v, "{name} {lang:?} {label}: {p}");
            }
            let (robust, scaled) = match lang {
                Lang::En => (
                    "and the robust CFI, TLI and RMSEA",
                    "and the scaled CFI, TLI and RMSEA",
                ),
                Lang::Zh => ("及稳健的 CFI、TLI 和 RMSEA", "及校正的 CFI、TLI 和 RMSEA"),
            };
            assert_eq!(p.contains(robust), kind == "robust", "{name} {lang:?}: {p}");
            assert_eq!(p.contains(scaled), kind == "scaled", "{name} {lang:?}: {p}");
            // the notes of both tables say which versions they show
            let (fit_note, apa_note) = (t.note.unwrap(), apa_t.note.unwrap());
            let (robust_note, apa_robust) = match lang {
                Lang::En => ("CFI, TLI and RMSEA robust)", "RMSEA their robust versions"),
                Lang::Zh => ("稳健的 CFI、TLI 和 RMSEA）", "RMSEA 为其稳健版本"),
            };
            assert_eq!(
                fit_note.contains(robust_note),
                kind == "robust",
                "{fit_note}"
            );
            assert_eq!(
                apa_note.contains(apa_robust),
                kind == "robust",
                "{apa_note}"
            );
        }
    }
}
