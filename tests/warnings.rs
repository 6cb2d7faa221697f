//! Plain-language warnings: each improper or doubtful solution is reported
//! with what to try, and the analysis still returns its tables.

use semlab::analysis::{self, Analysis, DataInput, Options, WarningKind};
use semlab::data::read_covariance;

fn run_cov(cov: &str, n: usize, model: &str) -> Analysis {
    let c = read_covariance(cov, n).unwrap();
    analysis::run(&DataInput::Covariance(&c), model, &Options::default()).unwrap()
}

fn kinds(a: &Analysis) -> Vec<WarningKind> {
    a.warnings.iter().map(|w| w.kind).collect()
}

fn message(a: &Analysis, kind: WarningKind) -> &str {
    &a.warnings
        .iter()
        .find(|w| w.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} warning in {:?}", a.warnings))
        .message
}

/// The information matrix is singular: a warning says the model is probably
/// not identified, and no free parameter has an SE.
fn assert_no_standard_errors(a: &Analysis) {
    let m = message(a, WarningKind::StandardErrors);
    assert!(m.contains("not identified"), "{m}");
    assert!(a
        .parameters
        .iter()
        .filter(|p| p.free)
        .all(|p| p.se.is_none()));
}

/// The Holzinger–Swineford data of the reference fixture.
fn holzinger_swineford() -> semlab::data::DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv"
    );
    semlab::data::read_table(&std::fs::read(path).unwrap(), &Default::default()).unwrap()
}

/// Three items whose correlations imply a factor variance above the first
/// item's variance: ψ = .8 × .8 / .6 = 1.067 > 1, so θ₁ = −0.067.
const HEYWOOD: &str = "a b c\n1\n0.8 1\n0.8 0.6 1\n";

#[test]
fn negative_variance_is_a_heywood_case() {
    let a = run_cov(HEYWOOD, 200, "f =~ a + b + c");
    assert!(a.converged);
    let theta = a
        .parameters
        .iter()
        .find(|p| p.lhs == "a" && p.op == "~~")
        .unwrap();
    assert!(
        (theta.est - (1.0 - 0.64 / 0.6) * 199.0 / 200.0).abs() < 1e-6,
        "θ₁ = {}",
        theta.est
    );
    let m = message(&a, WarningKind::NegativeVariance);
    assert!(m.contains("`a`") && m.contains("Heywood"), "{m}");
}

#[test]
fn standardized_loading_above_one() {
    let a = run_cov(HEYWOOD, 200, "f =~ a + b + c");
    let m = message(&a, WarningKind::StandardizedAboveOne);
    assert!(m.contains("f =~ a") && m.contains("1.033"), "{m}");
}

#[test]
fn residual_matrix_not_positive_definite() {
    let a = run_cov(HEYWOOD, 200, "f =~ a + b + c");
    assert!(
        kinds(&a).contains(&WarningKind::NonPositiveDefiniteResidual),
        "{:?}",
        a.warnings
    );
}

#[test]
fn factor_correlation_above_one_is_a_non_positive_definite_latent_matrix() {
    // two factors whose items correlate more across than within
    let cov =
        "a b c d e f\n1\n.5 1\n.5 .5 1\n.55 .55 .55 1\n.55 .55 .55 .5 1\n.55 .55 .55 .5 .5 1\n";
    let a = run_cov(cov, 300, "f1 =~ a + b + c\nf2 =~ d + e + f");
    let r = a
        .parameters
        .iter()
        .find(|p| p.lhs == "f1" && p.rhs == "f2")
        .unwrap();
    assert!(
        r.std_all.unwrap() > 1.0,
        "factor correlation {:?}",
        r.std_all
    );
    assert!(
        kinds(&a).contains(&WarningKind::NonPositiveDefiniteLatent),
        "{:?}",
        a.warnings
    );
    assert!(kinds(&a).contains(&WarningKind::StandardizedAboveOne));
}

#[test]
fn small_sample_for_the_number_of_parameters() {
    let a = run_cov(HEYWOOD, 20, "f =~ a + b + c");
    let m = message(&a, WarningKind::SmallSample);
    assert!(
        m.contains("20 cases") && m.contains("6 free parameters"),
        "{m}"
    );
    let big = run_cov(HEYWOOD, 200, "f =~ a + b + c");
    assert!(!kinds(&big).contains(&WarningKind::SmallSample));
}

#[test]
fn unidentified_factor_gives_no_standard_errors() {
    // f1 has two indicators and is uncorrelated with f2: its loading and
    // variance cannot both be estimated, the information matrix is singular
    let cov = "a b c d e\n1\n.4 1\n.0 .0 1\n.0 .0 .5 1\n.0 .0 .5 .5 1\n";
    let a = run_cov(cov, 300, "f1 =~ a + b\nf2 =~ c + d + e\nf1 ~~ 0*f2");
    assert_no_standard_errors(&a);
}

#[test]
fn rows_left_out_are_reported() {
    let csv = b"x1,x2,x3\n1,2,3\n2,,4\n3,4,5\n4,5,7\n5,5,5\nNA,7,8\n2,3,1\n5,6,6\n6,6,7\n";
    let t = semlab::data::read_table(csv, &Default::default()).unwrap();
    let a = analysis::run(
        &DataInput::Table(&t),
        "f =~ x1 + x2 + x3",
        &Options::default(),
    )
    .unwrap();
    assert_eq!((a.data.rows_read, a.data.rows_used), (9, 7));
    assert_eq!(a.data.dropped_rows, vec![2, 6]);
    let m = message(&a, WarningKind::RowsDropped);
    assert!(
        m.contains("2 of 9 rows") && m.contains("7 rows were used"),
        "{m}"
    );
}

#[test]
fn a_clean_solution_has_no_warnings_about_the_solution() {
    let t = holzinger_swineford();
    let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9";
    let a = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap();
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_feedback_loop_that_is_not_identified_gives_no_standard_errors() {
    // visual ~ textual and textual ~ visual: four parameters (two paths, two
    // disturbance variances) for three factor moments. The information
    // matrix is singular up to rounding; lavaan's solve() finds it
    // "computationally singular" and gives no SEs, so must semlab (not SEs
    // in the millions).
    let t = holzinger_swineford();
    let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n\
                 textual ~ visual\nvisual ~ textual";
    let a = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap();
    assert_no_standard_errors(&a);
}
