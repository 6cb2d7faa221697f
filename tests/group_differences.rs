//! Whether a path differs between groups agrees with lavaan 0.6.14's
//! `lavTestWald(fit, constraints = "b_1 == b_2 …")` on each regression path
//! (`tests/fixtures/group_differences/`, from `scripts/make_wald_fixture.R`):
//! the live-commerce SEM by sales channel under MLR with equal loadings
//! (robust covariance, 1 df), and Holzinger–Swineford's three factors with
//! two structural paths by three age bands under ML with equal loadings and
//! intercepts (2 df per path).

use semlab::analysis::{self, DataInput, Estimator, Options};
use semlab::data::{read_table, ReadOptions};
use serde_json::Value;
use std::path::PathBuf;

fn check(case: &str, csv: &str, file: &str, estimator: Estimator) {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/group_differences")
        .join(case);
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join(file)).unwrap()).unwrap();
    let table = read_table(
        &std::fs::read(d.join(csv)).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let model = std::fs::read_to_string(d.join("model.lav")).unwrap();
    let group_equal = match &want["group.equal"] {
        Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        v => vec![v.as_str().unwrap().to_string()],
    };
    let opts = Options {
        group: Some(want["group"].as_str().unwrap().into()),
        group_equal,
        estimator,
        ..Options::default()
    };
    let a = analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
    let ours = &a.groups.expect("groups").path_differences;
    let paths = want["paths"].as_array().unwrap();
    assert_eq!(ours.len(), paths.len());
    for w in paths {
        let p = ours
            .iter()
            .find(|p| p.outcome == w["outcome"] && p.predictor == w["predictor"])
            .unwrap();
        let name = format!("{} ~ {}", p.outcome, p.predictor);
        for (o, l) in p.est.iter().zip(w["est"].as_array().unwrap()) {
            assert!(
                (o - l.as_f64().unwrap()).abs() < 1e-4,
                "{name} est {o} vs {l}"
            );
        }
        let (chisq, pvalue) = (w["chisq"].as_f64().unwrap(), w["pvalue"].as_f64().unwrap());
        let ours_chisq = p.chisq.unwrap();
        assert!(
            (ours_chisq - chisq).abs() < 1e-3 * chisq.max(1.0),
            "{name}: Wald {ours_chisq} vs {chisq}"
        );
        assert_eq!(p.df as u64, w["df"].as_u64().unwrap());
        assert!((p.pvalue.unwrap() - pvalue).abs() < 1e-4, "{name}: p");
        assert!(!p.equal_in_model);
    }
}

#[test]
fn live_commerce_paths_by_channel_under_mlr_match_lavtestwald() {
    check(
        "livecommerce",
        "livecommerce.csv",
        "wald_mlr.json",
        Estimator::Mlr,
    );
}

#[test]
fn three_age_bands_paths_match_lavtestwald() {
    check(
        "hs1939_three_ages",
        "hs1939_age.csv",
        "wald_ml.json",
        Estimator::Ml,
    );
}

// a label written once is recycled to every group: the path is equal by
// the model, so there is nothing to test
#[test]
fn a_path_equal_by_the_model_has_no_test() {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/group_differences/livecommerce");
    let table = read_table(
        &std::fs::read(d.join("livecommerce.csv")).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let model = std::fs::read_to_string(d.join("model.lav"))
        .unwrap()
        .replace("~ Trust", "~ h1*Trust");
    let opts = Options {
        group: Some("channel".into()),
        ..Options::default()
    };
    let a = analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
    let g = a.groups.unwrap();
    let trust = g
        .path_differences
        .iter()
        .find(|p| p.predictor == "Trust")
        .unwrap();
    assert!(trust.equal_in_model && trust.chisq.is_none());
    assert_eq!(trust.est[0], trust.est[1]);
    let norms = g
        .path_differences
        .iter()
        .find(|p| p.predictor == "SubjectiveNorms")
        .unwrap();
    assert!(!norms.equal_in_model && norms.chisq.is_some());
}
