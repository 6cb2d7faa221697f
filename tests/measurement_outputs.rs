//! The checks of the measurement in the outputs for the paper: the APA
//! tables (KMO and Bartlett, the EFA's loadings with their flags,
//! common-method bias) among the CFA's tables and in the HTML, LaTeX and
//! CSV exports, the report's tables, the methods paragraph and the R
//! script — in both languages, with the rows, flags and verdicts of the
//! tables the page and `semlab explore` show (one rule each), and the
//! marker-variable correction's table.

use semlab::analysis::{self, Analysis, DataInput, Options};
use semlab::data::{read_table, DataTable, ReadOptions};
use semlab::explore::ExploreOptions;
use semlab::i18n::Lang;
use semlab::measurement::{self, ItemSource, MeasurementCheck};
use semlab::report::{self, apa, measurement as m, methods, rscript, Table};
use serde_json::Value;
use std::path::PathBuf;

fn dir(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/explore")
        .join(case)
}

fn table(case: &str, file: &str) -> DataTable {
    read_table(
        &std::fs::read(dir(case).join(file)).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap()
}

struct Case {
    reference: Value,
    model: String,
    analysis: Analysis,
    check: MeasurementCheck,
}

/// Holzinger–Swineford's three factors: the checks and the CFA.
fn hs() -> Case {
    let t = table("hs1939_explore", "hs1939_cfa.csv");
    let model = std::fs::read_to_string(dir("hs1939_explore").join("model.lav")).unwrap();
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(dir("hs1939_explore").join("explore.json")).unwrap(),
    )
    .unwrap();
    let check = measurement::check(
        &t,
        &ItemSource::Model(&model),
        None,
        &ExploreOptions::default(),
    )
    .unwrap();
    let analysis = analysis::run(&DataInput::Table(&t), &model, &Options::default()).unwrap();
    Case {
        reference,
        model,
        analysis,
        check,
    }
}

fn ids(tables: &[Table]) -> Vec<&str> {
    tables.iter().map(|t| t.id.as_str()).collect()
}

/// Report numbers (`0.752`, `-0.040`) in a cell as APA writes them
/// (`.752`, `-.040`): a `0` before the point that does not follow a digit
/// goes.
fn apa_number(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let leading = *c == '0'
            && chars.get(i + 1) == Some(&'.')
            && !(i > 0 && chars[i - 1].is_ascii_digit());
        if !leading {
            out.push(*c);
        }
    }
    out
}

#[test]
fn apa_tables_place_the_checks_around_the_cfa_in_both_languages() {
    let c = hs();
    for lang in [Lang::En, Lang::Zh] {
        let with = apa::tables_with(&c.analysis, Some(&c.check), lang);
        assert_eq!(
            ids(&with),
            [
                "apa_kmo_bartlett",
                "apa_efa_loadings",
                "apa_measurement",
                "apa_fit",
                "apa_fornell_larcker",
                "apa_htmt",
                "apa_common_method_bias",
            ],
            "{lang:?}"
        );
        // without the checks: today's tables
        assert_eq!(
            apa::tables_with(&c.analysis, None, lang),
            apa::tables_in(&c.analysis, lang)
        );
        // the exports carry them
        let html = apa::html_with(&c.analysis, Some(&c.check), lang);
        let latex = apa::latex_with(&c.analysis, Some(&c.check), lang);
        let csv = apa::csv_files_with(&c.analysis, Some(&c.check), lang);
        assert_eq!(html.matches("<table").count(), with.len());
        assert_eq!(latex.matches("\\begin{table}").count(), with.len());
        assert_eq!(csv.len(), with.len());
        for t in &with[..2] {
            assert!(html.contains(&report::export::html_escape(&t.caption)));
        }
        assert!(csv.iter().any(|(n, _)| n == "apa_common_method_bias.csv"));
    }
    let zh = apa::tables_with(&c.analysis, Some(&c.check), Lang::Zh);
    assert_eq!(zh[0].caption, "取样适切性与球形检验");
    assert_eq!(zh.last().unwrap().caption, "共同方法偏差");
}

#[test]
fn apa_tables_have_the_pages_rows_flags_and_verdicts_in_apa_numbers() {
    let c = hs();
    for lang in [Lang::En, Lang::Zh] {
        let [kmo, efa, cmb] = m::apa_tables(&c.check, lang);
        let page = [
            m::kmo_table(&c.check, lang),
            m::loadings_table(&c.check, lang),
            m::cmb_table(&c.check, lang),
        ];
        for (apa_t, page_t) in [&kmo, &efa, &cmb].into_iter().zip(&page) {
            assert_eq!(apa_t.caption, page_t.caption);
            assert_eq!(apa_t.columns, page_t.columns);
            assert_eq!(apa_t.rows.len(), page_t.rows.len());
            for (a, p) in apa_t.rows.iter().zip(&page_t.rows) {
                for (x, y) in a.iter().zip(p) {
                    assert_eq!(x, &apa_number(y), "{}", apa_t.id);
                }
            }
        }
        // lavaan's KMO, with Kaiser's label
        let want = c.reference["kmo"]["overall"].as_f64().unwrap();
        assert_eq!(kmo.rows[0][1], apa_number(&format!("{want:.3}")));
    }
    let [kmo, efa, cmb] = m::apa_tables(&c.check, Lang::En);
    assert_eq!(kmo.rows[0][2], "middling");
    // the flags are the engine's: a cross-loading on x9 (speed and visual)
    let flags = efa.columns.len() - 1;
    let rotated = &c.check.exploration.efa.rotated;
    for (row, item) in efa.rows.iter().zip(&rotated.items) {
        assert_eq!(row[0], item.item);
        assert_eq!(
            row[flags].contains("cross-loading"),
            !item.cross_loadings.is_empty()
        );
        assert_eq!(row[flags].contains("weak"), item.weak);
    }
    assert!(efa.rows.iter().any(|r| r[flags].contains("cross-loading")));
    // Harman under 50%: no concern; the CLF points to method variance
    assert_eq!(cmb.rows[0][1], "35.74%");
    assert_eq!(cmb.rows[0][3], "no");
    assert_eq!(cmb.rows.last().unwrap()[3], "yes");
    assert!(cmb.rows.last().unwrap()[1].contains("ΔCFI = .033"));
}

#[test]
fn the_report_inserts_the_checks_before_the_fit_and_before_the_hypotheses() {
    let c = hs();
    for lang in [Lang::En, Lang::Zh] {
        let mut tables = report::all_tables_in(&c.analysis, lang);
        let n = tables.len();
        report::insert_measurement(&mut tables, &c.check, lang);
        let got = ids(&tables);
        let at = |id: &str| got.iter().position(|x| *x == id).unwrap();
        assert_eq!(tables.len(), n + m::tables(&c.check, lang).len());
        assert!(at("kmo_bartlett") < at("efa_fit"));
        assert!(at("efa_loadings") < at("fit"));
        assert!(at("fit") < at("common_method_bias"));
        assert!(at("htmt") < at("common_method_bias"));
        assert!(at("clf_loadings") < at("hypotheses"));
    }
}

#[test]
fn methods_paragraph_includes_the_checks_sentences() {
    let c = hs();
    let opts = Options::default();
    for lang in [Lang::En, Lang::Zh] {
        let plain = methods::paragraph(&c.analysis, &opts, lang);
        let with = methods::paragraph_with(&c.analysis, &opts, Some(&c.check), lang);
        let checks = m::methods_paragraph(&c.check, lang);
        assert!(with.contains(&checks), "{with}");
        assert_eq!(
            methods::paragraph_with(&c.analysis, &opts, None, lang),
            plain
        );
        assert!(with.len() > plain.len());
    }
    let en = m::methods_paragraph(&c.check, Lang::En);
    for s in [
        "sampling adequacy was middling (KMO = .752; Kaiser, 1974)",
        "Bartlett's test of sphericity was significant, χ²(36) = 904.10, p < .001",
        "geomin rotation; lavaan efa()) with 3 factors fitted χ²(12) = 22.90",
        "explained 35.74% of the variance, below both the usual 50% threshold (Podsakoff et al., 2003) and the stricter 40%",
        "a one-factor CFA fitted poorly, χ²(27) = 312.26",
        "(hypothesized model: CFI = .931)",
        "ΔCFI = .033; this points to common-method variance",
    ] {
        assert!(en.contains(s), "missing `{s}` in\n{en}");
    }
    let zh = m::methods_paragraph(&c.check, Lang::Zh);
    for s in [
        "KMO 值为 .752（中等；Kaiser, 1974）",
        "Bartlett 球形检验显著",
        "也低于较严的 40%",
        "单因子验证性因子分析拟合较差",
        "提示存在共同方法变异",
    ] {
        assert!(zh.contains(s), "missing `{s}` in\n{zh}");
    }
}

#[test]
fn r_script_of_the_page_and_of_the_command_line_share_the_checks() {
    let c = hs();
    let checks = m::r_checks(&c.check, Some("model"));
    for s in [
        "items <- c(\"x1\", \"x2\", \"x3\", \"x4\", \"x5\", \"x6\", \"x7\", \"x8\", \"x9\")",
        "efa_fits <- efa(data = x, nfactors = 1:3, rotation = \"geomin\")",
        "one_factor <- sem(r\"(General =~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9)\", data = data)",
        "CMV =~ 1*x1 + 1*x2 + 1*x3 + 1*x4 + 1*x5 + 1*x6 + 1*x7 + 1*x8 + 1*x9",
        "CMV ~~ 0*visual",
        "fit_model <- sem(model, data = data)",
        "print(lavTestLRT(fit_clf, fit_model))",
        "lhs != \"CMV\"",
    ] {
        assert!(checks.contains(s), "missing `{s}` in\n{checks}");
    }
    // the CLI's script: the data and the model, then the same lines
    let cli = m::r_script(&c.check, &rscript::RData::csv("hs.csv"), Some(&c.model));
    assert!(cli.contains("data <- read.csv(\"hs.csv\""));
    assert!(cli.contains("model <- r\"("));
    assert!(cli.ends_with(&checks));
    // without a model: no CLF part
    assert!(!m::r_checks(&c.check, None).contains("model_clf"));
}

#[test]
fn marker_correction_table_lists_every_pair_with_lindell_and_whitney() {
    let t = table("hs1939_explore", "hs1939_cfa.csv");
    let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n";
    let check = measurement::check(
        &t,
        &ItemSource::Model(model),
        Some("x7"),
        &ExploreOptions::default(),
    )
    .unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let pairs = m::marker_pairs_table(&check, lang).unwrap();
        assert_eq!(pairs.rows.len(), 15);
        let after = check.marker.as_ref().unwrap().significant_after;
        let yes = if lang == Lang::En { "yes" } else { "是" };
        assert_eq!(
            pairs.rows.iter().filter(|r| r[5] == yes).count(),
            after,
            "the table's verdicts are the counts' rule"
        );
        assert!(m::tables(&check, lang)
            .iter()
            .any(|t| t.id == "marker_correlations"));
    }
    // R: r_M = min(positive cor(x7, x1..x6)) = .0669; x1–x2: r = .297, r_A = .247
    let pairs = m::marker_pairs_table(&check, Lang::En).unwrap();
    assert_eq!(
        pairs.rows[0][..5],
        ["x1 – x2", "0.297", "< .001", "0.247", "< .001"]
    );
    assert!(pairs.caption.contains("x7"));
    assert!(pairs.note.as_ref().unwrap().contains("r_M = 0.067"));
    let script = m::r_checks(&check, Some("model"));
    assert!(script.contains("marker <- \"x7\""));
}

/// A rotation that stopped before converging: its loadings are shown with
/// a warning that leads them, the same text in the terminal report and on
/// the page (`measurement::rotation_warning`), in both languages; none for
/// a converged one.
#[test]
fn an_unconverged_rotation_is_announced_before_its_loadings() {
    let mut c = hs().check;
    assert_eq!(m::rotation_warning(&c, Lang::En), None);
    assert!(!m::text(&c, Lang::En).starts_with('!'));
    c.exploration.efa.rotated.converged = false;
    let en = m::rotation_warning(&c, Lang::En).unwrap();
    assert!(en.contains("geomin"), "{en}");
    assert!(m::text(&c, Lang::En).starts_with(&format!("! {en}")));
    let zh = m::rotation_warning(&c, Lang::Zh).unwrap();
    assert!(zh != en && zh.contains("geomin"), "{zh}");
}

/// Holzinger–Swineford with x9 on visual and speed and `x2 ~~ x3`: the
/// method factor's variance is estimated negative (lavaan: −0.02155194,
/// "some estimated lv variances are negative"), so every loading rises a
/// little with the CLF. The loadings' table says so in both languages
/// instead of showing the rise as a correction; a proper CLF (the three
/// factors without the cross-loading) keeps the plain note.
#[test]
fn an_improper_method_factor_is_named_under_the_clf_loadings() {
    let t = table("hs1939_explore", "hs1939_cfa.csv");
    let check = |model: &str| {
        measurement::check(
            &t,
            &ItemSource::Model(model),
            None,
            &ExploreOptions::default(),
        )
        .unwrap()
    };
    let cross =
        "visual =~ x1 + x2 + x3 + x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\nx2 ~~ x3\n";
    let c = check(cross);
    let clf = c.method_bias.clf.as_ref().unwrap();
    assert!(
        (clf.method_variance - -0.02155194).abs() < 1e-5,
        "{}",
        clf.method_variance
    );
    assert!(clf.improper());
    let en = m::clf_table(&c, Lang::En).unwrap().note.unwrap();
    assert!(en.contains("The method factor's variance is estimated at -0.022, not above 0: the items share no common method variance"), "{en}");
    let zh = m::clf_table(&c, Lang::Zh).unwrap().note.unwrap();
    assert!(zh.contains("方法因子的方差估计为 -0.022，不大于 0"), "{zh}");
    let plain = check(&std::fs::read_to_string(dir("hs1939_explore").join("model.lav")).unwrap());
    let clf = plain.method_bias.clf.as_ref().unwrap();
    assert!(!clf.improper(), "{}", clf.method_variance);
    let note = m::clf_table(&plain, Lang::En).unwrap().note.unwrap();
    assert!(!note.contains("variance is estimated"), "{note}");
}
