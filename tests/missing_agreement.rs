//! Missing data: full-information ML (`missing = "ml"`) and listwise
//! deletion agree with lavaan 0.6.14 / semTools 0.5-6 on the
//! Holzinger–Swineford data with holes: estimates, observed-information
//! SEs, standardized solutions, every fit measure lavaan reports (with the
//! FIML baseline and the FIML-corrected robust CFI/TLI/RMSEA), R²,
//! modification indices, ω, AVE, α and HTMT — within the tolerances of
//! `common::compare_all`. Plus the data summary: rows used, rows dropped,
//! the missing-data patterns and their coverage.

mod common;

use semlab::analysis::{self, DataInput, Missing, Options, WarningKind};
use semlab::data::{read_table, ReadOptions};

const HS_MODEL: &str =
    "visual  =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed   =~ x7 + x8 + x9\n";

fn hs_with_holes() -> String {
    std::fs::read_to_string(
        common::fixtures_dir().join("lavaan-advanced/hs1939_fiml/hs1939_fiml.csv"),
    )
    .unwrap()
}

fn run_csv(csv: &str, model: &str, missing: Missing) -> Result<semlab::analysis::Analysis, String> {
    let table = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let opts = Options {
        missing,
        ..Options::default()
    };
    analysis::run(&DataInput::Table(&table), model, &opts).map_err(|e| e.to_string())
}

fn fit(a: &semlab::analysis::Analysis, key: &str) -> f64 {
    a.fit[key].unwrap()
}

/// 301 pupils, nine tests with 10% of the values missing at random
/// (115 complete rows): lavaan's `cfa(..., missing = "ml")` gives
/// χ² = 72.372 on 24 df, CFI .932, RMSEA .082 and robust (FIML-corrected)
/// CFI .930 / RMSEA .091.
#[test]
fn holzinger_swineford_with_holes_by_full_information_ml() {
    let a = common::agree("lavaan-advanced", "hs1939_fiml");
    assert_eq!(a.nobs, 301);
    assert!((fit(&a, "chisq") - 72.372).abs() < 1e-3);
    assert!((fit(&a, "cfi.robust") - 0.92958).abs() < 1e-5);
    // the SEs come from the observed information: visual =~ x2 .1139
    let x2 = a
        .parameters
        .iter()
        .find(|p| p.lhs == "visual" && p.op == "=~" && p.rhs == "x2")
        .unwrap();
    assert!((x2.se.unwrap() - 0.113900).abs() < 1e-5);
}

/// MLR on the FIML likelihood: Huber–White SEs from the casewise scores
/// by pattern, the Yuan–Bentler (Mplus) scaled χ² (80.876, c = 0.895) and
/// the FIML-corrected robust CFI/RMSEA (version V3).
#[test]
fn holzinger_swineford_with_holes_by_mlr() {
    let a = common::agree("lavaan-missing", "hs1939_fiml_mlr");
    assert_eq!(a.estimator, "MLR");
    assert!((fit(&a, "chisq.scaled") - 80.8756224266462).abs() < 1e-3);
    assert!((fit(&a, "cfi.robust") - 0.931120039913333).abs() < 1e-5);
}

/// Complete data under `missing = "ml"`: one pattern, the same χ² as ML
/// (85.306), with observed-information SEs.
#[test]
fn complete_data_by_full_information_ml() {
    let a = common::agree("lavaan-missing", "hs1939_complete_fiml");
    assert_eq!(a.data.missing_patterns.len(), 1);
    assert!((fit(&a, "chisq") - 85.30552).abs() < 1e-3);
}

/// Bollen's Political Democracy SEM (equality constraints, residual
/// covariances) with 6 values deleted per variable (31 complete rows of 75).
#[test]
fn political_democracy_with_holes_by_full_information_ml() {
    common::agree("lavaan-missing", "poldem_fiml");
}

/// The same by MLR: robust SEs and the scaled test under equality constraints.
#[test]
fn political_democracy_with_holes_by_mlr() {
    common::agree("lavaan-missing", "poldem_fiml_mlr");
}

/// The live-commerce SEM (21 items, N = 465) with 5% of the values deleted:
/// 139 missing-data patterns, 146 complete rows.
#[test]
fn live_commerce_with_holes_by_full_information_ml() {
    let a = common::agree("lavaan-missing", "livecommerce_fiml");
    assert_eq!(a.data.missing_patterns.len(), 139);
}

/// The same data with listwise deletion: only the 115 complete rows.
#[test]
fn holzinger_swineford_with_holes_by_listwise_deletion() {
    let a = common::agree("lavaan-advanced", "hs1939_listwise_missing");
    assert_eq!(a.nobs, 115);
    assert_eq!(a.data.rows_used, 115);
    assert_eq!(a.data.dropped_rows.len(), 186);
    assert!(a
        .warnings
        .iter()
        .any(|w| w.kind == WarningKind::RowsDropped && w.message.contains("186 of 301 rows")));
}

/// Two factors regressed on fixed covariates x7, x8 (lavaan's fixed.x),
/// two entirely empty rows: lavaan deletes the 61 rows missing a covariate
/// (the two empty rows among them) and fits the other 242 by FIML, with the
/// covariates' marginal log-likelihood subtracted from logl.
#[test]
fn fiml_with_fixed_covariates_drops_rows_without_them() {
    let a = common::agree("lavaan-missing", "fiml_fixedx");
    assert_eq!(a.nobs, 242);
    assert_eq!(a.data.rows_read, 303);
    assert_eq!(a.data.rows_used, 242);
    assert_eq!(a.data.dropped_rows.len(), 61);
    assert_eq!(a.data.empty_rows, vec![11, 201]);
    assert!(a.warnings.iter().any(|w| w
        .message
        .contains("59 rows miss a value on an exogenous covariate")));
}

/// The same model by MLR: robust SEs and scaled tests with fixed covariates.
#[test]
fn mlr_with_fixed_covariates() {
    let a = common::agree("lavaan-missing", "fiml_fixedx_mlr");
    assert_eq!(a.nobs, 242);
}

/// A row without any value carries no information: FIML leaves it out and
/// says so; everything else is as without that row.
#[test]
fn an_empty_row_is_dropped_and_counted() {
    let mut csv = hs_with_holes();
    csv.push_str(",,,,,,,,\n");
    let a = run_csv(&csv, HS_MODEL, Missing::Ml).unwrap();
    assert_eq!(a.nobs, 301);
    assert_eq!(a.data.rows_read, 302);
    assert_eq!(a.data.rows_used, 301);
    assert_eq!(a.data.empty_rows, vec![302]);
    assert_eq!(a.data.dropped_rows, vec![302]);
    let w = a
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::RowsDropped)
        .expect("a warning about the empty row");
    assert!(
        w.message.contains("1 of 302 rows have no value"),
        "{}",
        w.message
    );
    assert!((fit(&a, "chisq") - 72.3723679691401).abs() < 1e-4 * 72.37);
}

/// A model variable with no value in any row cannot be estimated; the
/// message names it (for FIML and for listwise deletion).
#[test]
fn a_variable_without_any_value_is_named() {
    let csv = hs_with_holes();
    let mut lines = csv.lines();
    let mut out = format!("{},x10\n", lines.next().unwrap());
    for l in lines {
        out.push_str(l);
        out.push_str(",\n");
    }
    let model = "visual  =~ x1 + x2 + x3 + x10\ntextual =~ x4 + x5 + x6\n";
    for missing in [Missing::Ml, Missing::Listwise] {
        let e = run_csv(&out, model, missing).unwrap_err();
        assert!(e.contains("`x10` has no values"), "{e}");
    }
}

/// The data summary lists the missing-data patterns in lavaan's order
/// (`lavInspect(fit, "patterns")`: most frequent first) and the coverage
/// (`lavInspect(fit, "coverage")`).
#[test]
fn the_data_summary_shows_the_missing_data_patterns() {
    let a = run_csv(&hs_with_holes(), HS_MODEL, Missing::Ml).unwrap();
    let pats = &a.data.missing_patterns;
    assert_eq!(pats.len(), 51);
    assert_eq!(pats.iter().map(|p| p.count).sum::<usize>(), 301);
    let obs = |p: &semlab::samplestats::missing::PatternSummary| -> String {
        p.observed
            .iter()
            .map(|&o| if o { '1' } else { '0' })
            .collect()
    };
    assert_eq!((pats[0].count, obs(&pats[0]).as_str()), (115, "111111111"));
    assert_eq!((pats[1].count, obs(&pats[1]).as_str()), (16, "110111111"));
    assert_eq!((pats[2].count, obs(&pats[2]).as_str()), (16, "111111011"));
    assert_eq!((pats[3].count, obs(&pats[3]).as_str()), (13, "101111111"));
    assert_eq!(a.data.missing, Missing::Ml);
    // every item is observed in 271 of the 301 rows; x1 and x2 together in 245
    assert!((a.data.coverage[0][0] - 0.9003322259).abs() < 1e-9);
    assert!((a.data.coverage[0][1] - 0.8139534884).abs() < 1e-9);
    // listwise deletion shows the same patterns (of all rows read)
    let l = run_csv(&hs_with_holes(), HS_MODEL, Missing::Listwise).unwrap();
    assert_eq!(l.data.missing_patterns, a.data.missing_patterns);
    assert_eq!(l.data.missing, Missing::Listwise);
}

/// Under FIML, α is Cronbach's α of each construct's complete rows (the
/// rows in which all of its items are observed), and the reliability
/// tables say so in both languages; listwise deletion and complete data
/// say nothing of it.
#[test]
fn fiml_alpha_uses_each_constructs_complete_rows_and_says_so() {
    use semlab::i18n::Lang;
    use semlab::report::{self, apa, words::words};
    let csv = hs_with_holes();
    let a = run_csv(&csv, HS_MODEL, Missing::Ml).unwrap();
    // α of visual by hand, on the rows where x1, x2 and x3 are all observed
    let rows: Vec<Vec<f64>> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(',').take(3).collect();
            cells.iter().map(|c| c.parse::<f64>().ok()).collect()
        })
        .collect();
    let n = rows.len() as f64;
    let var = |f: &dyn Fn(&[f64]) -> f64| {
        let m = rows.iter().map(|r| f(r)).sum::<f64>() / n;
        rows.iter().map(|r| (f(r) - m).powi(2)).sum::<f64>() / (n - 1.0)
    };
    let items: f64 = (0..3).map(|j| var(&|r: &[f64]| r[j])).sum();
    let total = var(&|r: &[f64]| r.iter().sum());
    let by_hand = 1.5 * (1.0 - items / total);
    let visual = a.constructs.iter().find(|c| c.name == "visual").unwrap();
    assert!(
        (visual.alpha.unwrap() - by_hand).abs() < 1e-9,
        "{visual:?} vs {by_hand}"
    );
    assert!(rows.len() < 301, "{}", rows.len());
    let listwise = run_csv(&csv, HS_MODEL, Missing::Listwise).unwrap();
    let complete = run_csv(
        &std::fs::read_to_string(common::fixtures_dir().join("lavaan/hs1939_cfa/hs1939_cfa.csv"))
            .unwrap(),
        HS_MODEL,
        Missing::Ml,
    )
    .unwrap();
    for lang in Lang::ALL {
        let said = words(lang).fiml_alpha_note.trim();
        let notes = |a: &semlab::analysis::Analysis| {
            [
                report::reliability_table_in(a, lang).note.unwrap(),
                apa::measurement_table_in(a, lang).note.unwrap(),
            ]
        };
        for note in notes(&a) {
            assert!(note.contains(said), "{lang:?}: {note}");
        }
        for note in notes(&listwise).into_iter().chain(notes(&complete)) {
            assert!(!note.contains(said), "{lang:?}: {note}");
        }
    }
}

/// FIML needs the rows themselves, not a covariance matrix.
#[test]
fn fiml_needs_raw_data() {
    let cov = semlab::data::read_covariance("a b\n1\n0.5 1\n", 100).unwrap();
    let opts = Options {
        missing: Missing::Ml,
        ..Options::default()
    };
    let e = analysis::run(&DataInput::Covariance(&cov), "a ~ b", &opts).unwrap_err();
    assert!(e.to_string().contains("needs the raw data"), "{e}");
}

/// Holzinger–Swineford's items cut into four categories with 8 % of each
/// item missing at random, WLSMV (listwise: 137 of 301 rows): the fit on
/// the complete rows as lavaan; Cronbach's α on the rows where each
/// construct's items are observed, as with continuous items (visual .532,
/// where the fit's 137 rows gave .550: α changed with the estimator).
#[test]
fn ordinal_items_with_missing_values() {
    let a = common::agree("lavaan-missing", "hs_ordinal_listwise");
    assert_eq!(a.nobs, 137);
}

/// Every folder in tests/fixtures/lavaan-missing has a test above.
#[test]
fn every_missing_data_case_is_tested() {
    common::assert_every_case_tested("lavaan-missing", &std::fs::read_to_string(file!()).unwrap());
}

/// The analytic observed information (the Hessian of the FIML discrepancy)
/// equals lavaan's numerical one — Richardson differences of the gradient,
/// h = 1e-6 — to about 1e-7, here on the model with covariates too.
#[test]
fn analytic_observed_information_matches_numerical_differences() {
    use semlab::estimate::Problem;
    use semlab::samplestats::missing::MissingGroup;
    for (set, name) in [
        ("lavaan-advanced", "hs1939_fiml"),
        ("lavaan-missing", "fiml_fixedx"),
    ] {
        let case = common::load(set, name);
        let file = case.dir.join(case.reference["data_file"].as_str().unwrap());
        let table = read_table(&std::fs::read(file).unwrap(), &ReadOptions::default()).unwrap();
        let opts = Options {
            missing: Missing::Ml,
            ..Options::default()
        };
        let pt = analysis::build_model(&case.model, table.names(), &opts).unwrap();
        let x_idx = semlab::samplestats::vech::fixed_x_indices(&pt);
        let mg = vec![MissingGroup::new(&table.numeric(&pt.vars.ov).unwrap(), &x_idx).unwrap()];
        let sm = semlab::samplestats::moments::SampleMoments {
            names: pt.vars.ov.clone(),
            groups: vec![mg[0].group_moments(&pt.vars.ov).unwrap()],
        };
        let mut prob = Problem::new(&pt, &sm).unwrap();
        prob.discrepancy = semlab::estimate::Discrepancy::Fiml(&mg);
        let theta = prob.fit().theta;
        let ev = prob.evaluate(&theta).unwrap();
        let analytic = prob.fiml_observed_information(&ev).unwrap();
        let numeric = semlab::inference::robust::observed_information(&prob, &theta).unwrap();
        let scale = numeric.amax();
        let diff = (&analytic - &numeric).amax();
        assert!(
            diff < 1e-7 * scale,
            "{name}: max difference {diff:e} (scale {scale:e})"
        );
    }
}
