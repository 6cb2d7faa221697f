//! A sample covariance matrix that is singular — two identical items, an
//! item that is the sum of others — is refused before any fit (lavaan stops
//! with "sample covariance matrix is not positive-definite"), with a message
//! that names the items of the linear dependency, in English and Chinese.

use semlab::analysis::{self, AnalysisError, DataInput, Options};
use semlab::data::{read_table, DataTable, ReadOptions};
use semlab::i18n::{Lang, Localized};
use semlab::samplestats::moments::MomentsError;

/// Holzinger–Swineford (301 rows) with two computed columns: `x1copy`
/// (= x1) and `total` (= x4 + x5 + x6), as a user's spreadsheet might hold.
fn hs_with_computed_columns() -> DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(&format!("{line},\"x1copy\",\"total\"\n"));
            continue;
        }
        let v: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
        out.push_str(&format!("{line},{},{}\n", v[0], v[3] + v[4] + v[5]));
    }
    read_table(out.as_bytes(), &ReadOptions::default()).unwrap()
}

fn refusal(model: &str, opts: &Options) -> AnalysisError {
    let t = hs_with_computed_columns();
    match analysis::run(&DataInput::Table(&t), model, opts) {
        Ok(a) => panic!(
            "a singular covariance matrix was fitted (converged: {})",
            a.converged
        ),
        Err(e) => e,
    }
}

#[test]
fn an_exact_copy_of_an_item_is_refused_naming_both() {
    let model = "visual =~ x1 + x2 + x3 + x1copy\ntextual =~ x4 + x5 + x6";
    let e = refusal(model, &Options::default());
    assert_eq!(
        e,
        AnalysisError::Moments(MomentsError::LinearDependency {
            item: "x1copy".into(),
            others: vec!["x1".into()],
        })
    );
    let en = e.message(Lang::En);
    assert!(en.contains("`x1copy`") && en.contains("`x1`"), "{en}");
    assert!(en.contains("copy"), "{en}");
    let zh = e.message(Lang::Zh);
    assert!(zh.contains("`x1copy`") && zh.contains("`x1`"), "{zh}");
    assert!(zh.contains("复制"), "{zh}");
}

#[test]
fn an_item_that_is_the_sum_of_others_is_refused_naming_all_of_them() {
    let model = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6 + total";
    let e = refusal(model, &Options::default());
    assert_eq!(
        e,
        AnalysisError::Moments(MomentsError::LinearDependency {
            item: "total".into(),
            others: vec!["x4".into(), "x5".into(), "x6".into()],
        })
    );
    let en = e.message(Lang::En);
    assert!(
        en.contains("`total`") && en.contains("`x4`, `x5` and `x6`"),
        "{en}"
    );
    let zh = e.message(Lang::Zh);
    assert!(zh.contains("`x4`、`x5` 和 `x6`"), "{zh}");
}

#[test]
fn refused_under_fiml_and_the_robust_estimators_too() {
    let model = "visual =~ x1 + x2 + x3 + x1copy";
    for opts in [
        Options {
            missing: analysis::Missing::Ml,
            ..Options::default()
        },
        Options {
            estimator: analysis::Estimator::Mlr,
            ..Options::default()
        },
    ] {
        assert!(matches!(
            refusal(model, &opts),
            AnalysisError::Moments(MomentsError::LinearDependency { .. })
        ));
    }
}

#[test]
fn a_covariance_matrix_input_with_a_dependency_is_refused() {
    let t = hs_with_computed_columns();
    let names: Vec<String> = ["x4", "x5", "x6", "total"].map(String::from).to_vec();
    let d = t.numeric(&names).unwrap().listwise().data;
    let n = d.nrows() as f64;
    let cov = semlab::data::covariance_n(&d) * (n / (n - 1.0));
    let input = semlab::data::CovarianceInput {
        names: names.clone(),
        cov,
        n_obs: d.nrows(),
        layout: semlab::data::CovarianceLayout::Full,
    };
    let e = analysis::run(
        &DataInput::Covariance(&input),
        "textual =~ x4 + x5 + x6 + total",
        &Options::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, AnalysisError::Moments(MomentsError::LinearDependency { item, .. }) if item == "total"),
        "{e}"
    );
}

#[test]
fn fewer_rows_than_items_is_said_as_such() {
    let t = read_table(
        b"a,b,c,d\n1,2,3,5\n2,1,4,4\n3,5,1,2\n",
        &ReadOptions::default(),
    )
    .unwrap();
    let e = analysis::run(
        &DataInput::Table(&t),
        "f =~ a + b + c + d",
        &Options::default(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            AnalysisError::Moments(MomentsError::FewerRowsThanItems { rows: 3, items: 4 })
        ),
        "{e}"
    );
}

#[test]
fn two_identical_ordinal_items_are_refused_under_wlsmv() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan-advanced/livecommerce_wlsmv/livecommerce_wlsmv.csv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let first = line.split(',').next().unwrap();
        let extra = if i == 0 { "\"T1b\"" } else { first };
        out.push_str(&format!("{line},{extra}\n"));
    }
    let t = read_table(out.as_bytes(), &ReadOptions::default()).unwrap();
    let opts = Options {
        estimator: analysis::Estimator::Wlsmv,
        ordered: vec!["all".into()],
        ..Options::default()
    };
    let e = analysis::run(&DataInput::Table(&t), "Trust =~ T1 + T2 + T3 + T1b", &opts).unwrap_err();
    assert_eq!(
        e,
        AnalysisError::Moments(MomentsError::LinearDependency {
            item: "T1b".into(),
            others: vec!["T1".into()],
        })
    );
}
