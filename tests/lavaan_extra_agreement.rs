//! More model shapes, checked against lavaan 0.6.14 / semTools 0.5-6 with
//! the same tolerances as `lavaan_agreement.rs`. The cases in
//! `tests/fixtures/lavaan-extra/` were made with `scripts/make_fixture.R`
//! from R's `HolzingerSwineford1939` and `PoliticalDemocracy` data.

mod common;

/// Latent variables regressed on observed covariates (fixed.x), with an
/// unused text column in the data.
#[test]
fn mimic_model_with_exogenous_covariates() {
    common::agree("lavaan-extra", "mimic_covariates");
}

/// A path model among observed variables only: OLS starts, fixed.x.
#[test]
fn observed_path_model() {
    common::agree("lavaan-extra", "path_fixed_x");
}

/// `x1 ~ 1` turns on the mean structure: all intercepts free.
#[test]
fn cfa_with_mean_structure() {
    common::agree("lavaan-extra", "hs1939_meanstructure");
}

#[test]
fn second_order_factor() {
    common::agree("lavaan-extra", "hs1939_second_order");
}

/// `a == b + 0.2`: a linear equality constraint by reparametrization.
#[test]
fn linear_equality_constraint() {
    common::agree("lavaan-extra", "hs1939_linear_constraint");
}

#[test]
fn orthogonal_factors() {
    common::agree("lavaan-extra", "hs1939_orthogonal");
}

/// A single-indicator factor: its indicator's residual variance is fixed to 0.
#[test]
fn single_indicator_factor() {
    common::agree("lavaan-extra", "poldem_single_indicator");
}

/// `std.lv` with equality-constrained loadings and `:=` effects.
#[test]
fn mediation_with_std_lv() {
    common::agree("lavaan-extra", "poldem_mediation_stdlv");
}

/// `NA*x1 + 1*x2`: the marker moved to the second item.
#[test]
fn marker_on_second_indicator() {
    common::agree("lavaan-extra", "hs1939_free_first_marker");
}

/// A two-indicator factor with a negative residual variance (Heywood): the
/// sepc.all of residual covariances with that item divide by the square
/// root of its absolute variance, as lavaan's `cov.std`. The model writes
/// `F2 ~~ F1`, which lavaan (and semlab) list as `F1 ~~ F2`.
#[test]
fn heywood_case_with_two_indicator_factor() {
    let a = common::agree("lavaan-extra", "heywood_two_indicator_factor");
    assert!(a
        .parameters
        .iter()
        .any(|p| p.lhs == "F1" && p.op == "~~" && p.rhs == "F2"));
    assert!(!a
        .parameters
        .iter()
        .any(|p| p.lhs == "F2" && p.op == "~~" && p.rhs == "F1"));
}

/// `b1 > 1.5` with the estimate on the bound: lavaan treats the active
/// inequality as an equality for the standard errors (the other SEs, the
/// `:=` SEs and the modification indices are those of the model with
/// `b1` fixed at 1.5, and `b1` has no SE), while the degrees of freedom
/// stay those of the model with `b1` free. The fixture is the fixed model.
#[test]
fn active_inequality_bound_is_held_for_standard_errors() {
    use semlab::analysis::{self, DataInput};
    use semlab::data::{read_table, ReadOptions};
    let case = common::load("lavaan-extra", "poldem_active_bound");
    common::agree("lavaan-extra", "poldem_active_bound");
    let model = case
        .model
        .replace("dem60 ~ 1.5*ind60", "dem60 ~ b1*ind60")
        .replace("ind := 1.5*b3", "ind := b1*b3\nb1 > 1.5");
    assert!(model.contains("b1 > 1.5"));
    let bytes = std::fs::read(case.dir.join("poldem_active_bound.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let a = analysis::run(&DataInput::Table(&table), &model, &Default::default()).unwrap();
    let r = &case.reference;
    let mut rep = common::Report::new("poldem_active_bound (b1 > 1.5)");
    for rp in r["parameters"].as_array().unwrap() {
        let p = a
            .parameters
            .iter()
            .find(|p| common::same_param(p, rp))
            .unwrap();
        let name = format!("{} {} {}", p.lhs, p.op, p.rhs);
        rep.check(
            common::close_abs(Some(p.est), common::num(&rp["est"]), 1e-4),
            || format!("{name}: est {} vs {}", p.est, rp["est"]),
        );
        if p.label == "b1" {
            rep.check(p.free && p.se.is_none(), || {
                format!("{name}: se {:?}, expected none", p.se)
            });
        } else {
            let want = common::num(&rp["se"]).unwrap();
            rep.check(
                p.se.is_some_and(|x| (x - want).abs() <= 1e-3 * want.abs().max(1e-8)),
                || format!("{name}: se {:?} vs {want}", p.se),
            );
        }
        // (`1.5*b3` standardizes only b3; `b1*b3` both)
        rep.check(
            p.op == ":=" || common::close_abs(p.se_std_all, common::num(&rp["se_std_all"]), 1e-4),
            || {
                format!(
                    "{name}: se(std.all) {:?} vs {}",
                    p.se_std_all, rp["se_std_all"]
                )
            },
        );
    }
    let fit = |k: &str| a.fit.get(k).copied().flatten().unwrap();
    let want = |k: &str| common::num(&r["fit"][k]).unwrap();
    rep.check(
        (fit("chisq") - want("chisq")).abs() < 1e-4 * want("chisq"),
        || format!("chisq {} vs {}", fit("chisq"), want("chisq")),
    );
    rep.check(fit("df") == want("df") - 1.0, || {
        format!("df {} vs lavaan's {} - 1", fit("df"), want("df"))
    });
    for m in r["modindices"].as_array().unwrap().iter().take(10) {
        let ours = a
            .modindices
            .iter()
            .find(|x| x.lhs == m["lhs"] && x.op == m["op"] && x.rhs == m["rhs"]);
        let want = common::num(&m["mi"]).unwrap();
        rep.check(
            ours.is_some_and(|x| (x.mi - want).abs() <= 1e-4 * want.max(1.0)),
            || {
                format!(
                    "MI {} {} {}: {:?} vs {want}",
                    m["lhs"],
                    m["op"],
                    m["rhs"],
                    ours.map(|x| x.mi)
                )
            },
        );
    }
    rep.finish();
}

/// A bound next to a linear equality constraint (`a == b + 0.2`, `c > 0.5`)
/// is enforced: the constraint is solved for an unbounded parameter, so
/// the bounded one stays a coordinate the optimizer can hold. Here the
/// bound is active (x5's variance is 0.446 without it): the fit is the one
/// with `x5 ~~ 0.5*x5`, as in lavaan, except one more free parameter.
#[test]
fn bound_with_linear_equality_constraint() {
    use semlab::analysis::{self, DataInput};
    use semlab::data::{read_table, ReadOptions};
    let case = common::load("lavaan-extra", "hs1939_linear_constraint");
    let bytes = std::fs::read(case.dir.join("hs1939_linear_constraint.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let fit = |extra: &str| {
        let model = format!("{}\n{extra}", case.model.trim_end());
        analysis::run(&DataInput::Table(&table), &model, &Default::default()).unwrap()
    };
    let bound = fit("x5 ~~ c*x5\nc > 0.5");
    let fixed = fit("x5 ~~ 0.5*x5");
    for p in &fixed.parameters {
        let q = bound
            .parameters
            .iter()
            .find(|q| q.lhs == p.lhs && q.op == p.op && q.rhs == p.rhs)
            .unwrap();
        assert!((p.est - q.est).abs() < 1e-6, "{} {} {}", p.lhs, p.op, p.rhs);
        if q.label == "c" {
            assert!(q.free && q.se.is_none());
        } else {
            let (a, b) = (p.se.unwrap(), q.se.unwrap());
            assert!(
                (a - b).abs() <= 1e-6 * a.max(1e-3),
                "{} {} {}",
                p.lhs,
                p.op,
                p.rhs
            );
        }
    }
    let get = |a: &analysis::Analysis, k: &str| a.fit.get(k).copied().flatten().unwrap();
    assert!((get(&bound, "chisq") - get(&fixed, "chisq")).abs() < 1e-6);
    assert_eq!(get(&bound, "df"), get(&fixed, "df") - 1.0);
}

/// lavaan's `Demo.growth` as a linear growth model with fixed intercepts,
/// free growth-factor means, covariates of the factors and time-varying
/// covariates (`t1 ~ c1`): every loading fixed, and the items also
/// regressed. lavaan's modification indices free every fixed row of the
/// model, so `i =~ t3` (3.79) and `s =~ t2` are listed although an item in
/// a regression is not a loading candidate of the full table.
#[test]
fn growth_model_with_time_varying_covariates() {
    let a = common::agree("lavaan-extra", "growth_covariates");
    assert!(a
        .modindices
        .iter()
        .any(|m| m.lhs == "i" && m.op == "=~" && m.rhs == "t3" && m.mi > 3.0));
}

/// x9 on two factors and `x7 ~~ x8`: x8's residual variance is negative
/// (a Heywood case) and the speed factor barely identified (SE of
/// x7 ~~ x8 2.7). The modification indices at the estimates, as lavaan's
/// modindices() gives them once its extended model keeps the estimates as
/// starting values (lavaan 0.6.14 resets x7's and x8's (co)variances to
/// 1, 0, 1 there: `make.R` says why); semlab warns of the negative variance.
#[test]
fn heywood_case_modification_indices_at_the_estimates() {
    let a = common::agree("lavaan-extra", "hs1939_heywood_cross");
    assert!(a
        .warnings
        .iter()
        .any(|w| w.kind == semlab::warnings::WarningKind::NegativeVariance));
    let mi = |l: &str, r: &str| {
        a.modindices
            .iter()
            .find(|m| m.lhs == l && m.rhs == r)
            .unwrap()
            .clone()
    };
    assert!((mi("visual", "x7").mi - 6.1757).abs() < 1e-3);
    assert!(mi("x9", "x8").epc < 0.0);
}

#[test]
fn every_extra_case_is_tested() {
    common::assert_every_case_tested("lavaan-extra", &std::fs::read_to_string(file!()).unwrap());
}

/// `visual =~ … + x9` beside `speed =~ … + x9`: an item loading on two
/// factors. ω counts only each factor's own loadings (semTools
/// `compRelSEM`: .596 and .619, not .682 and .720); AVE is undefined for
/// both factors (`AVE`: NA).
#[test]
fn cross_loading_reliability_as_semtools() {
    common::agree("lavaan-extra", "hs1939_cross_loading");
}

/// The same cross-loading model: semTools' `htmt` stops on it ("sample
/// covariance matrix is not positive-definite": x9 is in both constructs'
/// items), and HTMT assumes each item measures one construct. semlab gives
/// no HTMT for visual–speed, which share x9, keeps the other pairs, and the
/// table's note says why, in both languages.
#[test]
fn no_htmt_for_constructs_sharing_an_item() {
    use semlab::report::{htmt_table_in, methods::Lang};
    let a = common::agree("lavaan-extra", "hs1939_cross_loading");
    assert_eq!(a.htmt.names, ["visual", "textual", "speed"]);
    let m = &a.htmt.matrix;
    assert_eq!((m[0][2], m[2][0]), (None, None), "visual–speed share x9");
    assert!(m[0][1].is_some() && m[1][2].is_some(), "{m:?}");
    let en = htmt_table_in(&a, Lang::En).note.unwrap();
    assert!(
        en.contains("visual and speed share x9: HTMT assumes each item measures one construct"),
        "{en}"
    );
    assert!(!en.contains("textual and"), "{en}");
    let zh = htmt_table_in(&a, Lang::Zh).note.unwrap();
    assert!(zh.contains("visual 与 speed 共用题项 x9"), "{zh}");
}

/// Correlated residuals within and across factors: ω's denominator is the
/// observed variance of the sum score, which holds them.
#[test]
fn correlated_residuals_reliability_as_semtools() {
    common::agree("lavaan-extra", "hs1939_correlated_residuals");
}

/// `visual =~ x1 + x2 + x3 + 0*x9`: a loading fixed at zero says x9 is not
/// an indicator of visual. ω, AVE and α leave it out (semTools
/// `compRelSEM` .612 and `AVE` .371 for visual, α .626 of x1–x3), where
/// semlab gave .419, no AVE and α .667 before.
#[test]
fn loading_fixed_at_zero_is_not_an_indicator() {
    common::agree("lavaan-extra", "hs1939_zero_loading");
}

// WLSMV with a residual covariance between two ordinal items of one factor
// (delta parameterization: the residual variances are 1 − the explained
// part, the covariance is free): estimates, robust SEs and every fit measure
// of the less restricted model of tests/nested_models.rs's satorra.2000 case
#[test]
fn ordinal_residual_covariance_under_wlsmv() {
    let a = common::agree("lavaan-extra", "livecommerce_wlsmv_residual_covariance");
    assert_eq!(a.estimator, "WLSMV");
}

/// One group under WLSMV with the first thresholds of T1 and T2 equal
/// (`T1 | a*t1`, `T2 | a*t1`): lavaan's catML refit fails on the
/// constraint, so its robust CFI, TLI and RMSEA are NA — here too.
#[test]
fn equal_thresholds_in_one_group_leave_the_robust_indices_undefined() {
    let a = common::agree("lavaan-extra", "livecommerce_wlsmv_equal_thresholds");
    for k in ["cfi.robust", "tli.robust", "rmsea.robust"] {
        assert_eq!(a.fit[k], None, "{k}");
    }
    assert!(a.fit["cfi.scaled"].is_some());
}
