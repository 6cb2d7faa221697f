//! semlab agrees with lavaan 0.6.14 / semTools 0.5-6 on every reference case
//! in `tests/fixtures/lavaan/`: estimates, SEs, p-values, standardized
//! solutions, fit measures, R², modification indices, ω, AVE, α and HTMT,
//! within the tolerances of the estimator issue (see `common::compare_all`).

mod common;

#[test]
fn holzinger_swineford_three_factor_cfa() {
    common::agree("lavaan", "hs1939_cfa");
}

#[test]
fn holzinger_swineford_cfa_with_std_lv() {
    common::agree("lavaan", "hs1939_cfa_stdlv");
}

#[test]
fn holzinger_swineford_with_fixed_values_zero_covariance_and_residual_covariance() {
    common::agree("lavaan", "hs1939_fixed_constraints");
}

#[test]
fn political_democracy_sem_with_equality_constraints() {
    common::agree("lavaan", "poldem_sem");
}

#[test]
fn political_democracy_with_indirect_and_total_effects() {
    common::agree("lavaan", "poldem_mediation");
}

#[test]
fn live_commerce_value_co_creation_sem() {
    common::agree("lavaan", "livecommerce_sem");
}

/// Every folder in tests/fixtures/lavaan has a test above.
#[test]
fn every_reference_case_is_tested() {
    common::assert_every_case_tested("lavaan", &std::fs::read_to_string(file!()).unwrap());
}
