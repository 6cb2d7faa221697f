//! Two nested models compared agree with lavaan 0.6.14's `anova(fit_a,
//! fit_b)` (= `lavTestLRT`): Holzinger–Swineford's three-factor CFA with and
//! without the residual covariance `x7 ~~ x8` (the largest modification
//! index), under ML, MLR and MLM (`tests/fixtures/compare/`, from
//! `scripts/make_compare_fixture.R`); pairs that are not nested or not
//! fitted to the same rows are refused with a message that says why.

use semlab::analysis::{DataInput, Estimator, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::i18n::{Lang, Localized};
use semlab::nested_models::{self, CompareError, Comparison, DifferenceMethod};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare/hs1939_residual_covariance")
}

fn compare(first: &str, second: &str, estimator: Estimator) -> Result<Comparison, CompareError> {
    let table = read_table(
        &std::fs::read(dir().join("hs1939.csv")).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let text = |m: &str| std::fs::read_to_string(dir().join(m)).unwrap();
    let opts = Options {
        estimator,
        ..Options::default()
    };
    nested_models::compare(
        &DataInput::Table(&table),
        (first, &text(first)),
        (second, &text(second)),
        &opts,
    )
}

fn close(what: &str, ours: Option<f64>, lavaan: &Value) {
    let (a, b) = (ours.unwrap_or(f64::NAN), lavaan.as_f64().unwrap());
    assert!(
        (a - b).abs() <= 1e-4 * b.abs().max(1.0),
        "{what}: {a} vs lavaan {b}"
    );
}

/// Each model's reported fit (scaled χ² and robust indices under MLR/MLM)
/// against fitMeasures(), and the anova() table's Df, AIC, BIC, Δχ², Δdf, p.
/// The models are given in either order; lavaan and semlab put the one
/// with fewer df first.
fn assert_matches(estimator: Estimator, file: &str) {
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join(file)).unwrap()).unwrap();
    let robust = estimator != Estimator::Ml;
    for (first, second) in [("cfa.lav", "cfa_x7x8.lav"), ("cfa_x7x8.lav", "cfa.lav")] {
        let c = compare(first, second, estimator).unwrap();
        assert_eq!(c.nobs, 301);
        assert_eq!(
            [c.models[0].name.as_str(), c.models[1].name.as_str()],
            ["cfa_x7x8.lav", "cfa.lav"]
        );
        assert_eq!(
            c.difference_method,
            if robust {
                DifferenceMethod::SatorraBentler2001
            } else {
                DifferenceMethod::Standard
            }
        );
        // fitMeasures: `fit[0]` is cfa.lav (the second row here)
        for (m, fm) in [
            (&c.models[1], &want["fit"][0]),
            (&c.models[0], &want["fit"][1]),
        ] {
            let f = &m.fit;
            let k = |plain: &str, scaled: &str| &fm[if robust { scaled } else { plain }];
            close("chisq", f.chisq, k("chisq", "chisq_scaled"));
            close("pvalue", f.pvalue, k("pvalue", "pvalue_scaled"));
            close("cfi", f.cfi, k("cfi", "cfi_robust"));
            close("tli", f.tli, k("tli", "tli_robust"));
            close("rmsea", f.rmsea, k("rmsea", "rmsea_robust"));
            close("srmr", f.srmr, &fm["srmr"]);
            assert_eq!(m.npar as u64, fm["npar"].as_u64().unwrap());
        }
        for (m, row) in c.models.iter().zip(want["anova"].as_array().unwrap()) {
            close("anova Df", m.fit.df, &row["df"]);
            close("anova AIC", m.fit.aic, &row["aic"]);
            close("anova BIC", m.fit.bic, &row["bic"]);
        }
        let row = &want["anova"][1];
        let d = &c.difference;
        close("Chisq diff", d.delta_chisq, &row["delta_chisq"]);
        close("Df diff", d.delta_df, &row["delta_df"]);
        close("Pr(>Chisq)", d.delta_pvalue, &row["delta_pvalue"]);
        let delta = |k: &str| {
            let k = if robust {
                format!("{k}_robust")
            } else {
                k.to_string()
            };
            serde_json::json!(
                want["fit"][0][&k].as_f64().unwrap() - want["fit"][1][&k].as_f64().unwrap()
            )
        };
        close("ΔCFI", d.delta_cfi, &delta("cfi"));
        close("ΔRMSEA", d.delta_rmsea, &delta("rmsea"));
    }
}

#[test]
fn residual_covariance_under_ml_matches_anova() {
    assert_matches(Estimator::Ml, "compare_ml.json");
}

// Satorra–Bentler (2001): Δχ² = 322.5 on 1 df although the scaled χ² differ
// by 35 — c_d = 24·c₀ − 23·c₁ is small here; lavaan gives the same
#[test]
fn residual_covariance_under_mlr_matches_anova() {
    assert_matches(Estimator::Mlr, "compare_mlr.json");
}

#[test]
fn residual_covariance_under_mlm_matches_anova() {
    assert_matches(Estimator::Mlm, "compare_mlm.json");
}

#[test]
fn equal_df_is_not_nested() {
    let e = compare("cfa.lav", "cfa.lav", Estimator::Ml).unwrap_err();
    assert_eq!(e, CompareError::SameDf { df: 24.0 });
    assert!(e.to_string().contains("not nested"), "{e}");
    assert!(e.message(Lang::Zh).contains("非嵌套"));
}

// the three-factor model (24 df, χ² = 85.3) against one with x7 ~~ x8
// freed but two visual loadings fixed at 0.5 (25 df, χ² = 60.2): the model
// with more df fits better, so it cannot be a restriction of the other
#[test]
fn the_more_restricted_model_fitting_better_is_not_nested() {
    let e = compare("cfa.lav", "cfa_x7x8_visual_fixed.lav", Estimator::Ml).unwrap_err();
    let CompareError::RestrictedFitsBetter { restricted, .. } = &e else {
        panic!("{e}");
    };
    assert_eq!(restricted, "cfa_x7x8_visual_fixed.lav");
    assert!(e.to_string().contains("not nested"), "{e}");
    assert!(e.message(Lang::Zh).contains("非嵌套"));
}

// listwise deletion: a model without x9 uses the rows where only x9 is
// missing, the full model does not
#[test]
fn different_variables_mean_different_rows_and_are_named() {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan-advanced/hs1939_listwise_missing");
    let table = read_table(
        &std::fs::read(d.join("hs1939_listwise_missing.csv")).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let full = std::fs::read_to_string(d.join("model.lav")).unwrap();
    let short = full.replace(" + x9", "");
    let e = nested_models::compare(
        &DataInput::Table(&table),
        ("A", &full),
        ("B", &short),
        &Options::default(),
    )
    .unwrap_err();
    let CompareError::DifferentVariables {
        only_first,
        only_second,
        rows_first,
        rows_second,
        ..
    } = &e
    else {
        panic!("{e}");
    };
    assert_eq!(
        (only_first.as_slice(), only_second.len()),
        (&["x9".to_string()][..], 0)
    );
    assert!(rows_first < rows_second);
    let en = e.to_string();
    assert!(
        en.contains("only in A: `x9`") && en.contains("not fitted to the same data"),
        "{en}"
    );
    assert!(
        en.contains(&format!("A uses {rows_first} complete rows")),
        "{en}"
    );
    assert!(e.message(Lang::Zh).contains("`x9`"));
}

// WLSMV (ordinal items): the scaled-and-shifted difference of Satorra
// (2000), as lavTestLRT computes it by default, from the less restricted
// model's Δ, information and Γ and the restricted model's Δ: two equal
// loadings against free ones (tests/fixtures/compare/livecommerce_ordinal,
// scripts/make_compare_fixture.R)
/// The WLSMV comparison of `more` (fewer df) and `less` of
/// tests/fixtures/compare/livecommerce_ordinal against the fixture `file`,
/// on `data` (every column but `group` ordered); the models are given with
/// the restricted one first, and semlab lists them as lavaan, fewer df first.
fn assert_wlsmv_comparison(data: &Path, group: Option<&str>, more: &str, less: &str, file: &str) {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare/livecommerce_ordinal");
    let table = read_table(&std::fs::read(data).unwrap(), &ReadOptions::default()).unwrap();
    let text = |m: &str| std::fs::read_to_string(d.join(m)).unwrap();
    let opts = Options {
        estimator: Estimator::Wlsmv,
        ordered: vec!["all".into()],
        group: group.map(str::to_string),
        ..Options::default()
    };
    let c = nested_models::compare(
        &DataInput::Table(&table),
        (less, &text(less)),
        (more, &text(more)),
        &opts,
    )
    .unwrap();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join(file)).unwrap()).unwrap();
    assert!(want["anova_heading"]
        .as_str()
        .unwrap()
        .contains("satorra.2000"));
    assert_eq!(c.difference_method, DifferenceMethod::Satorra2000);
    assert_eq!(c.models[0].name, more);
    let row = &want["anova"][1];
    close("Δχ²", c.difference.delta_chisq, &row["delta_chisq"]);
    close("Δdf", c.difference.delta_df, &row["delta_df"]);
    close("p", c.difference.delta_pvalue, &row["delta_pvalue"]);
    // each model's reported fit: the scaled χ² and the robust indices (the
    // fixture's in the order the models were given to lavaan)
    for m in &c.models {
        let k = want["models"]
            .as_array()
            .unwrap()
            .iter()
            .position(|n| n == m.name.as_str())
            .unwrap();
        let f = &want["fit"][k];
        close("χ² scaled", m.fit.chisq, &f["chisq_scaled"]);
        close("CFI robust", m.fit.cfi, &f["cfi_robust"]);
        close("RMSEA robust", m.fit.rmsea, &f["rmsea_robust"]);
    }
}

fn livecommerce_ordinal() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare/livecommerce_ordinal/livecommerce_ordinal.csv")
}

#[test]
fn wlsmv_comparison_is_lavaan_s_satorra_2000_difference() {
    assert_wlsmv_comparison(
        &livecommerce_ordinal(),
        None,
        "sem.lav",
        "sem_equal_loadings.lav",
        "compare_wlsmv_equal_loadings.json",
    );
    assert!(DifferenceMethod::Satorra2000.text_zh().contains("Satorra"));
}

// A residual covariance between two ordinal items of one factor (T1 ~~ T2):
// the constraint between the models (A, the orthogonal complement of
// H = Δ₁⁺Δ₀) mixes that covariance with the loadings and factor
// covariances, and was computed 0.03 off the complement (2.5315 instead
// of lavaan's 2.5526) before `linalg::orthogonal_complement`
#[test]
fn wlsmv_comparison_of_a_freed_residual_covariance() {
    assert_wlsmv_comparison(
        &livecommerce_ordinal(),
        None,
        "sem_t1_t2.lav",
        "sem.lav",
        "compare_wlsmv_residual_covariance.json",
    );
}

// the same two models in each sales channel (2 df)
#[test]
fn wlsmv_comparison_of_a_freed_residual_covariance_with_groups() {
    assert_wlsmv_comparison(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
            "tests/fixtures/lavaan-groups/livecommerce_groups_wlsmv/livecommerce_groups_wlsmv.csv",
        ),
        Some("channel"),
        "sem_t1_t2.lav",
        "sem.lav",
        "compare_wlsmv_residual_covariance_groups.json",
    );
}

// The comparison table reports the numbers of each model's own fit table:
// the same decision (`fitmeasures::reported_key`) picks them
#[test]
fn compared_fit_is_the_fit_table_s_reported_measures() {
    use semlab::report::cutoffs::{measures, reported};
    for estimator in [Estimator::Ml, Estimator::Mlr, Estimator::Mlm] {
        let c = compare("cfa.lav", "cfa_x7x8.lav", estimator).unwrap();
        let table = read_table(
            &std::fs::read(dir().join("hs1939.csv")).unwrap(),
            &ReadOptions::default(),
        )
        .unwrap();
        let text = std::fs::read_to_string(dir().join("cfa.lav")).unwrap();
        let opts = Options {
            estimator,
            ..Options::default()
        };
        let a = semlab::analysis::run(&DataInput::Table(&table), &text, &opts).unwrap();
        let ms = measures(&a.fit);
        let shown = |base: &str| reported(&ms, base).and_then(|m| m.value);
        let f = &c.models[1].fit;
        assert_eq!(c.models[1].name, "cfa.lav");
        for (base, ours) in [
            ("chisq", f.chisq),
            ("pvalue", f.pvalue),
            ("cfi", f.cfi),
            ("tli", f.tli),
            ("rmsea", f.rmsea),
            ("srmr", f.srmr),
        ] {
            assert_eq!(ours, shown(base), "{estimator:?} {base}");
        }
    }
}
