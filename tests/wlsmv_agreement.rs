//! WLSMV for ordinal (Likert) items agrees with lavaan 0.6.14 / semTools
//! 0.5-6: `sem(model, data, ordered = <all 21 items>, estimator = "WLSMV")`
//! on the live-commerce survey (465 respondents, 21 five-point items,
//! seven constructs), `tests/fixtures/lavaan-advanced/livecommerce_wlsmv`.

mod common;

use semlab::analysis::{self, AnalysisError, DataInput, Estimator, Options};
use semlab::data::{read_table, ReadOptions};

fn livecommerce() -> (common::Case, semlab::analysis::Analysis) {
    let case = common::load("lavaan-advanced", "livecommerce_wlsmv");
    let a = case.run();
    (case, a)
}

/// Every number lavaan and semTools report: estimates, robust SEs,
/// p-values, standardized solution, every fit measure (standard, scaled
/// and robust), R², the modification indices, ω, AVE, α and HTMT.
#[test]
fn live_commerce_wlsmv_agrees_with_lavaan() {
    let (case, a) = livecommerce();
    assert_eq!(a.estimator, "WLSMV");
    common::compare_all(&case, &a);
}

/// Step 1 and 2 of the estimation, against `lavInspect(fit, "sampstat")`
/// and `lavTech(fit, "gamma")` of the same lavaan fit: thresholds,
/// polychoric correlations and their asymptotic covariance matrix Γ.
#[test]
fn thresholds_polychorics_and_gamma_agree_with_lavaan() {
    let case = common::load("lavaan-advanced", "livecommerce_wlsmv");
    let bytes = std::fs::read(case.dir.join("livecommerce_wlsmv.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let names = table.names().to_vec();
    let x = table.numeric(&names).unwrap().listwise().data;
    let od = semlab::samplestats::ordinal::OrdinalData::from_matrix(&x, &names).unwrap();
    let st = semlab::samplestats::ordinal::ordinal_stats(&od);
    assert_eq!((st.n_th, st.pairs.len()), (84, 210));
    // T1 | t1 … t4, T2 | t1
    let lavaan_th = [
        -1.848596288501408,
        -1.263382882199592,
        -0.448540116381291,
        0.508999337950757,
        -2.115250508783626,
    ];
    for (k, want) in lavaan_th.iter().enumerate() {
        assert!(
            (st.obs[k] - want).abs() < 1e-12,
            "threshold {k}: {}",
            st.obs[k]
        );
    }
    // polychoric correlations T2–T1, T3–T1, RD3–RD2
    for (i, j, want) in [
        (1, 0, 0.535360793051819),
        (2, 0, 0.574443400114040),
        (20, 19, 0.717197303686211),
    ] {
        assert!(
            (st.cor[(i, j)] - want).abs() < 1e-7,
            "r({i},{j}) = {}",
            st.cor[(i, j)]
        );
    }
    // Γ: T1|t1 with itself and with T1|t2; r(T2,T1) with itself, with T1|t1
    // and with r(T3,T1)
    for (a, b, want) in [
        (0, 0, 5.979926500270811),
        (0, 1, 2.22924051356019),
        (84, 84, 0.777103465278914),
        (84, 0, 0.424943249010485),
        (85, 84, 0.241249165235480),
    ] {
        let got = st.gamma[(a, b)];
        assert!(
            (got - want).abs() < 1e-4 * want.abs(),
            "Γ[{a},{b}] = {got}, lavaan {want}"
        );
    }
    assert!(st.pair_fits.iter().all(|f| f.converged));
}

/// lavaan's parameter table for ordered items (delta parameterization):
/// thresholds `T1 | t1` … `T1 | t4` are free parameters with SEs; the
/// scaling factors `T1 ~*~ T1` are fixed to 1, the intercepts to 0, and the
/// residual variance of an item is no parameter but 1 − R².
#[test]
fn thresholds_show_in_the_parameter_table() {
    let (_, a) = livecommerce();
    let find = |lhs: &str, op: &str, rhs: &str| {
        a.parameters
            .iter()
            .find(|p| p.lhs == lhs && p.op == op && p.rhs == rhs)
            .unwrap_or_else(|| panic!("no row {lhs} {op} {rhs}"))
    };
    let t1 = find("T1", "|", "t1");
    assert!(t1.free);
    assert!((t1.est - -1.84859628850141).abs() < 1e-6);
    assert!((t1.se.unwrap() - 0.113524326159172).abs() < 1e-5);
    assert_eq!(a.parameters.iter().filter(|p| p.op == "|").count(), 84);
    let scale = find("T1", "~*~", "T1");
    assert!(!scale.free && scale.est == 1.0);
    let int = find("T1", "~1", "");
    assert!(!int.free && int.est == 0.0);
    let theta = find("T1", "~~", "T1");
    assert!(!theta.free && theta.se == Some(0.0));
    assert!((theta.est - (1.0 - a.r2["T1"])).abs() < 1e-12);
    assert!((theta.est - 0.461526542991661).abs() < 1e-5);
    // the scaled test and the robust indices under lavaan's names
    for key in [
        "chisq.scaled",
        "df.scaled",
        "pvalue.scaled",
        "chisq.scaling.factor",
        "cfi.robust",
        "rmsea.robust",
        "wrmr",
    ] {
        assert!(a.fit.get(key).copied().flatten().is_some(), "{key}");
    }
}

/// The same model with its thresholds written out, and with `ordered`
/// alone (lavaan then picks WLSMV itself).
#[test]
fn written_thresholds_and_ordered_alone_give_the_same_fit() {
    let case = common::load("lavaan-advanced", "livecommerce_wlsmv");
    let (_, a) = livecommerce();
    let bytes = std::fs::read(case.dir.join("livecommerce_wlsmv.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = format!("{}\nT1 | t1 + t2 + t3 + t4\n", case.model);
    let opts = Options {
        ordered: vec!["all".into()],
        ..Options::default()
    };
    let b = analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
    assert_eq!(b.estimator, "WLSMV");
    assert_eq!(a.parameters.len(), b.parameters.len());
    let chisq = |x: &semlab::analysis::Analysis| x.fit["chisq.scaled"].unwrap();
    assert!((chisq(&a) - chisq(&b)).abs() < 1e-6);
    // equal first thresholds of T1 and T2: one more degree of freedom
    let model = format!("{}\nT1 | a*t1\nT2 | a*t1\n", case.model);
    let c = analysis::run(&DataInput::Table(&table), &model, &opts).unwrap();
    assert!(c.converged);
    assert_eq!(c.fit["df"], Some(176.0));
    let t = |lhs: &str| {
        c.parameters
            .iter()
            .find(|p| p.lhs == lhs && p.op == "|" && p.rhs == "t1")
            .unwrap()
            .est
    };
    assert!((t("T1") - t("T2")).abs() < 1e-12);
}

fn likert_with(extra_name: &str, extra: impl Fn(usize) -> String) -> semlab::data::DataTable {
    let case = common::load("lavaan-advanced", "livecommerce_wlsmv");
    let text = std::fs::read_to_string(case.dir.join("livecommerce_wlsmv.csv")).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let add = if i == 0 {
            format!("\"{extra_name}\"")
        } else {
            extra(i)
        };
        out.push_str(&format!("{line},{add}\n"));
    }
    read_table(out.as_bytes(), &ReadOptions::default()).unwrap()
}

fn run_err(
    table: &semlab::data::DataTable,
    model: &str,
    ordered: &[&str],
    estimator: Estimator,
) -> String {
    let opts = Options {
        ordered: ordered.iter().map(|s| s.to_string()).collect(),
        estimator,
        ..Options::default()
    };
    match analysis::run(&DataInput::Table(table), model, &opts) {
        Ok(_) => panic!("{model} should fail"),
        Err(e) => e.to_string(),
    }
}

/// A continuous item declared ordinal: the message names it and says how
/// many distinct values it has.
#[test]
fn a_continuous_item_declared_ordinal_is_refused() {
    let table = likert_with("income", |i| {
        format!("{}", 1000.0 + 37.25 * (i % 97) as f64)
    });
    let model = "F =~ T1 + T2 + T3 + income";
    let msg = run_err(&table, model, &["all"], Estimator::Wlsmv);
    assert!(
        msg.contains("`income` is declared ordinal but has 97 distinct values"),
        "{msg}"
    );
    assert!(matches!(
        analysis::run(
            &DataInput::Table(&table),
            model,
            &Options {
                ordered: vec!["income".into()],
                ..Options::default()
            }
        ),
        Err(AnalysisError::Ordinal(
            semlab::samplestats::ordinal::OrdinalError::NotOrdinal { distinct: 97, .. }
        ))
    ));
}

/// An item whose every answer is the same has one observed category.
#[test]
fn an_item_with_one_observed_category_is_refused() {
    let table = likert_with("same", |_| "4".into());
    let msg = run_err(
        &table,
        "F =~ T1 + T2 + T3 + same",
        &["all"],
        Estimator::Wlsmv,
    );
    assert!(
        msg.contains("`same` is declared ordinal but every row used has the same answer (4)"),
        "{msg}"
    );
}

/// WLSMV without ordinal items, ordinal and continuous items mixed, a
/// threshold the item does not have, and an unknown item name.
#[test]
fn other_wlsmv_mistakes_are_explained() {
    let table = likert_with("age", |i| format!("{}.5", 20 + i % 40));
    let msg = run_err(&table, "F =~ T1 + T2 + T3", &[], Estimator::Wlsmv);
    assert!(msg.contains("WLSMV is for ordinal items"), "{msg}");
    let msg = run_err(
        &table,
        "F =~ T1 + T2 + T3 + age",
        &["T1", "T2", "T3"],
        Estimator::Wlsmv,
    );
    assert!(
        msg.contains("mixes ordinal and continuous items (`age`"),
        "{msg}"
    );
    // one sentence, the advice inside the parentheses
    assert!(
        msg.ends_with("e.g. `--ordered all`) is not supported yet"),
        "{msg}"
    );
    // a continuous covariate is not an item: say so, and what to do
    let msg = run_err(
        &table,
        "F =~ T1 + T2 + T3\nF ~ age",
        &["T1", "T2", "T3"],
        Estimator::Wlsmv,
    );
    assert!(
        msg.contains("a continuous covariate (`age`) in a WLSMV model")
            && msg.contains("fit the model with ML or MLR")
            && !msg.contains("declare"),
        "{msg}"
    );
    let msg = run_err(
        &table,
        "F =~ T1 + T2 + T3\nT1 | t5",
        &["all"],
        Estimator::Wlsmv,
    );
    assert!(
        msg.contains("`T1` has 5 observed categories, so its thresholds are `t1` to `t4`"),
        "{msg}"
    );
    let msg = run_err(&table, "F =~ T1 + T2 + T3", &["t1"], Estimator::Wlsmv);
    assert!(
        msg.contains(
            "`t1` is declared ordinal but is not a column of the data (did you mean `T1`?)"
        ),
        "{msg}"
    );
    let msg = run_err(&table, "F =~ T1 + T2 + T3", &["all"], Estimator::Mlr);
    assert!(msg.contains("MLR estimator for ordinal items"), "{msg}");
}

/// `semlab fit --estimator WLSMV --ordered all --json` prints lavaan's names.
#[test]
fn the_command_line_runs_wlsmv() {
    let case = common::load("lavaan-advanced", "livecommerce_wlsmv");
    let data = case.dir.join("livecommerce_wlsmv.csv");
    let model = case.dir.join("model.lav");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_semlab"))
        .args(["fit", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .args(["--estimator", "WLSMV", "--ordered", "all", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["estimator"], "WLSMV");
    let scaled = j["fit"]["chisq.scaled"].as_f64().unwrap();
    assert!((scaled - 200.955676125664).abs() < 1e-3, "{scaled}");
    assert!(j["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["lhs"] == "RD3" && p["op"] == "|" && p["rhs"] == "t4"));
}
