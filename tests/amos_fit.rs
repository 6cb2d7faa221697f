//! The AMOS model fit summary (`semlab fit --fit-table amos`): for each
//! case in `tests/fixtures/amos` (written by `scripts/make_amos_fixture.R`
//! from the lavaan fixture of the same name), every measure lavaan's
//! `fitMeasures()` has equals lavaan's, the independence model's RMR and
//! GFI family equal lavaan's on `lav_object_independence()`, and the
//! measures only AMOS prints equal AMOS's formulas (Appendix C) evaluated
//! in R on lavaan's χ².

mod common;

use common::{close_rel, load};
use semlab::analysis::{self, DataInput, Estimator, Missing, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::fitmeasures::amos::{AmosFit, AmosModel};
use semlab::report::{amos, Lang};
use serde_json::Value;

const CASES: [(&str, &str); 5] = [
    ("lavaan", "hs1939_cfa"),
    ("lavaan-extra", "mimic_covariates"),
    ("lavaan-extra", "hs1939_meanstructure"),
    ("lavaan-extra", "path_fixed_x"),
    // two groups (school), strict invariance: each group's N in BCC, no BIC
    // or CAIC, RMSEA with lavaan's √G
    ("lavaan-groups", "hs1939_groups_strict"),
];

fn reference(name: &str) -> Value {
    let path = common::fixtures_dir().join(format!("amos/{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fitted(set: &str, name: &str) -> (semlab::analysis::Analysis, AmosFit) {
    let a = load(set, name).run();
    let f = amos::amos_fit_of(&a).expect("an AMOS summary for an ML fit");
    (a, f)
}

/// The fields of [`AmosModel`] by the names the R script writes.
fn field(m: &AmosModel, key: &str) -> Option<f64> {
    let v = serde_json::to_value(m).unwrap();
    v[key].as_f64()
}

#[test]
fn every_amos_measure_agrees_with_lavaan_and_appendix_c() {
    for (set, name) in CASES {
        let (_, f) = fitted(set, name);
        let r = reference(name);
        let mut checked = 0;
        for (row, ours) in [
            ("default", &f.default),
            ("saturated", &f.saturated),
            ("independence", &f.independence),
        ] {
            for (key, want) in r["amos"][row].as_object().unwrap() {
                let got = field(ours, key);
                assert!(
                    close_rel(got, want.as_f64(), 1e-6),
                    "{name} {row} {key}: semlab {got:?}, R {want}"
                );
                checked += 1;
            }
        }
        // (with groups: no BIC or CAIC)
        assert!(checked >= 39, "{name}: only {checked} values compared");
        // the measures lavaan has, as lavaan has them
        let fit = &r["fit"];
        let d = &f.default;
        for (ours, key) in [
            (d.cmin, "chisq"),
            (d.p, "pvalue"),
            (d.rmr, "rmr"),
            (d.gfi, "gfi"),
            (d.agfi, "agfi"),
            (d.pgfi, "pgfi"),
            (d.nfi, "nfi"),
            (d.rfi, "rfi"),
            (d.ifi, "ifi"),
            (d.tli, "tli"),
            (d.cfi, "cfi"),
            (d.pnfi, "pnfi"),
            (d.rmsea, "rmsea"),
            (d.rmsea_lo, "rmsea.ci.lower"),
            (d.rmsea_hi, "rmsea.ci.upper"),
            (d.pclose, "rmsea.pvalue"),
            (d.ecvi, "ecvi"),
            (d.hoelter_05, "cn_05"),
            (d.hoelter_01, "cn_01"),
        ] {
            assert!(
                close_rel(ours, fit[key].as_f64(), 1e-6),
                "{name} {key}: semlab {ours:?}, lavaan {}",
                fit[key]
            );
        }
        let i = &f.independence;
        for (ours, key) in [
            (i.rmr, "rmr"),
            (i.gfi, "gfi"),
            (i.agfi, "agfi"),
            (i.pgfi, "pgfi"),
        ] {
            assert!(
                close_rel(ours, r["baseline"][key].as_f64(), 1e-6),
                "{name} independence {key}: semlab {ours:?}, lavaan {}",
                r["baseline"][key]
            );
        }
    }
}

/// Holzinger–Swineford three-factor CFA (N = 301): AIC 127.306 is above
/// the saturated model's 90.000, BIC 205.155 below its 256.820, as the
/// printed table shows; Hoelter's N is printed as a whole number.
#[test]
fn the_table_judges_information_criteria_against_both_other_models() {
    let (a, f) = fitted("lavaan", "hs1939_cfa");
    assert!(f.default.aic.unwrap() > f.saturated.aic.unwrap());
    assert!(f.default.bic.unwrap() < f.saturated.bic.unwrap());
    for lang in [Lang::En, Lang::Zh] {
        let t = amos::amos_table_in(&a, lang).unwrap();
        let row = |label: &str| t.rows.iter().find(|r| r[0] == label).unwrap().clone();
        let (yes, no) = match lang {
            Lang::En => ("yes", "no"),
            Lang::Zh => ("是", "否"),
        };
        assert_eq!(row("AIC")[5], no);
        assert_eq!(row("BIC")[5], yes);
        assert_eq!(row("AIC")[2], "90.000");
        assert_eq!(row("HOELTER .05")[1], "129");
        assert_eq!(row("CMIN")[1], "85.306");
        // the saturated model has no RMSEA, the independence model has
        assert_eq!(row("RMSEA")[2], "");
        assert_eq!(row("RMSEA")[3], "0.285");
        assert_eq!(t.columns.len(), 6);
    }
}

/// With groups the table leaves BIC and CAIC empty (AMOS prints them for
/// one group only) and says how the groups enter.
#[test]
fn groups_leave_bic_and_caic_empty_and_say_so() {
    let (a, f) = fitted("lavaan-groups", "hs1939_groups_strict");
    assert_eq!(a.groups.as_ref().unwrap().nobs.len(), 2);
    for m in [&f.default, &f.saturated, &f.independence] {
        assert_eq!((m.bic, m.caic), (None, None));
        assert!(m.bcc.is_some());
    }
    for (lang, words) in [(Lang::En, "With 2 groups"), (Lang::Zh, "共 2 组")] {
        let t = amos::amos_table_in(&a, lang).unwrap();
        let row = |label: &str| t.rows.iter().find(|r| r[0] == label).unwrap().clone();
        assert_eq!(row("BIC")[1], "");
        assert_eq!(row("CAIC")[1], "");
        assert_eq!(row("BIC")[5], "—", "not judged without a value");
        assert!(t.note.unwrap().contains(words));
    }
}

fn hs_table() -> semlab::data::DataTable {
    let case = load("lavaan", "hs1939_cfa");
    let bytes = std::fs::read(case.dir.join("hs1939_cfa.csv")).unwrap();
    read_table(&bytes, &ReadOptions::default()).unwrap()
}

#[test]
fn robust_estimators_get_the_ml_rows_and_a_note_wlsmv_none() {
    let case = load("lavaan", "hs1939_cfa");
    let t = hs_table();
    let ml = amos::amos_fit_of(&case.run()).unwrap();
    let opts = Options {
        estimator: Estimator::Mlr,
        ..Options::default()
    };
    let mlr = analysis::run(&DataInput::Table(&t), &case.model, &opts).unwrap();
    let f = amos::amos_fit_of(&mlr).unwrap();
    assert!(close_rel(f.default.cmin, ml.default.cmin, 1e-9));
    let table = amos::amos_table_in(&mlr, Lang::En).unwrap();
    assert!(table.note.unwrap().contains("AMOS has no robust estimator"));

    // ordinal items (the live-commerce WLSMV fixture): AMOS has no such estimator
    let w = load("lavaan-advanced", "livecommerce_wlsmv").run();
    assert!(w.estimator.starts_with("WLS"), "{}", w.estimator);
    assert!(amos::amos_fit_of(&w).is_none());
    assert!(amos::amos_table_in(&w, Lang::En).is_none());
}

#[test]
fn fiml_shows_no_rmr_or_gfi_as_amos() {
    let case = load("lavaan-advanced", "hs1939_fiml");
    let a = case.run();
    assert_eq!(a.data.missing, Missing::Ml);
    let f = amos::amos_fit_of(&a).unwrap();
    for v in [
        f.default.rmr,
        f.default.gfi,
        f.independence.gfi,
        f.saturated.gfi,
    ] {
        assert_eq!(v, None);
    }
    assert!(f.default.cfi.is_some());
    let t = amos::amos_table_in(&a, Lang::En).unwrap();
    assert!(t.note.unwrap().contains("FIML"));
}
