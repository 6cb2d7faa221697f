//! Multi-group models agree with lavaan 0.6.14 / semTools 0.5-6 on the
//! reference cases in `tests/fixtures/lavaan-advanced/`: `group = "school"`
//! on Holzinger–Swineford (configural; loadings equal), and the live-commerce
//! SEM by sales channel with loadings and intercepts equal except `T2 ~ 1`
//! (partial scalar invariance, latent means free in group 2). Every
//! parameter row of both groups, every fit measure, R², ω and AVE per group
//! and the modification indices, with the tolerances of `common::compare_all`.

mod common;

use semlab::analysis::{self, DataInput, Options};
use semlab::data::{read_table, ReadOptions};

#[test]
fn holzinger_swineford_two_schools_configural() {
    let a = common::agree("lavaan-advanced", "hs1939_groups_configural");
    let g = a.groups.expect("group results");
    assert_eq!(g.labels, vec!["Pasteur", "Grant-White"]);
    assert_eq!(g.nobs, vec![156, 145]);
    // each school's contribution to χ² = 115.85 (lavaan's stat.group)
    assert!((g.chisq.iter().sum::<f64>() - 115.851343875559).abs() < 1e-3);
}

#[test]
fn holzinger_swineford_two_schools_equal_loadings_mlr() {
    // Yuan–Bentler scaled χ² summed over the schools, robust (Huber–White)
    // SEs and the robust CFI/TLI/RMSEA (lavaan 0.6.14, scripts/make_fixture.R)
    let a = common::agree("lavaan-groups", "hs1939_groups_mlr");
    assert_eq!(a.estimator, "MLR");
}

#[test]
fn live_commerce_scalar_invariance_by_channel_mlm() {
    // Satorra–Bentler scaled χ², robust SEs, latent means free in Douyin
    let a = common::agree("lavaan-groups", "livecommerce_groups_mlm");
    assert_eq!(a.estimator, "MLM");
}

#[test]
fn holzinger_swineford_two_schools_strict_invariance() {
    // loadings, intercepts and residual variances equal across schools
    let a = common::agree("lavaan-groups", "hs1939_groups_strict");
    let theta = |g: usize| {
        a.parameters
            .iter()
            .find(|p| p.lhs == "x3" && p.op == "~~" && p.rhs == "x3" && p.group == g)
            .unwrap()
            .est
    };
    assert_eq!(theta(1), theta(2));
}

#[test]
fn holzinger_swineford_three_age_bands_scalar_invariance() {
    // three groups in order of first appearance; latent means free in the
    // second and third
    let a = common::agree("lavaan-groups", "hs1939_three_ages_scalar");
    let g = a.groups.expect("group results");
    assert_eq!(g.labels, vec!["13", "12 or younger", "14 or older"]);
    assert_eq!(g.nobs, vec![110, 109, 82]);
}

#[test]
fn holzinger_swineford_three_age_bands_configural_mlr() {
    common::agree("lavaan-groups", "hs1939_three_ages_mlr");
}

#[test]
fn every_lavaan_groups_case_is_tested() {
    common::assert_every_case_tested("lavaan-groups", &std::fs::read_to_string(file!()).unwrap());
}

#[test]
fn holzinger_swineford_two_schools_equal_loadings() {
    common::agree("lavaan-advanced", "hs1939_groups_metric");
}

#[test]
fn live_commerce_partial_scalar_invariance_by_channel() {
    let a = common::agree("lavaan-advanced", "livecommerce_groups_scalar_partial");
    // the single labels H1 and H2 are recycled to both groups (equal paths),
    // but with group.equal lavaan does not warn
    assert!(!a
        .warnings
        .iter()
        .any(|w| w.message.contains("written once in a multi-group model")));
}

fn live_commerce(opts: &Options) -> Result<analysis::Analysis, analysis::AnalysisError> {
    let case = common::load("lavaan-advanced", "livecommerce_groups_scalar_partial");
    let bytes = std::fs::read(case.dir.join("livecommerce_groups_scalar_partial.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    analysis::run(&DataInput::Table(&table), &case.model, opts)
}

#[test]
fn a_single_label_in_several_groups_is_recycled_with_lavaan_warning() {
    let a = live_commerce(&Options {
        group: Some("channel".into()),
        ..Options::default()
    })
    .unwrap();
    let w = a
        .warnings
        .iter()
        .find(|w| w.message.contains("written once in a multi-group model"))
        .expect("single-label warning");
    assert!(w.message.contains("`H1`, `H2`"), "{}", w.message);
    let h1: Vec<f64> = a
        .parameters
        .iter()
        .filter(|p| p.label == "H1")
        .map(|p| p.est)
        .collect();
    assert_eq!(h1.len(), 2);
    assert_eq!(h1[0], h1[1]);
}

#[test]
fn group_partial_naming_no_parameter_is_refused() {
    let e = live_commerce(&Options {
        group: Some("channel".into()),
        group_equal: vec!["loadings".into(), "intercepts".into()],
        group_partial: vec!["T9 ~ 1".into()],
        ..Options::default()
    })
    .unwrap_err();
    assert!(e.to_string().contains("`T9 ~ 1`"), "{e}");
}
