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

#[test]
fn every_extra_case_is_tested() {
    common::assert_every_case_tested("lavaan-extra", &std::fs::read_to_string(file!()).unwrap());
}
