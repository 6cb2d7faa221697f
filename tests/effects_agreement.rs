//! The effects table agrees with lavaan 0.6: every specific indirect effect
//! of the live-commerce SEM (12: two predictors × three mediators × two
//! outcomes) and of Bollen's Political Democracy model (ind60 → dem60 →
//! dem65), written in lavaan as `:=` products of the path labels — estimate,
//! delta-method SE, p and std.all (`tests/fixtures/effects/*/effects.json`).
//! Under MLR the same effects take the robust covariance of the estimates
//! (`tests/fixtures/effects/livecommerce_mlr`, made by its `make.R`).

use semlab::analysis::{self, Analysis, DataInput, Estimator, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::effects::{EffectEstimate, Effects};
use serde_json::Value;
use std::path::PathBuf;

fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/effects")
        .join(name)
}

/// Fits `model` (the case's own when None) to the case's data.
fn fit(case: &str, model: Option<&str>, opts: &Options) -> (Analysis, Value) {
    let d = dir(case);
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("effects.json")).unwrap()).unwrap();
    let bytes = std::fs::read(d.join(reference["data_file"].as_str().unwrap())).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let own = std::fs::read_to_string(d.join("model.lav")).unwrap();
    let a = analysis::run(&DataInput::Table(&table), model.unwrap_or(&own), opts).unwrap();
    (a, reference)
}

fn close(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    matches!((a, b), (Some(x), Some(y)) if (x - y).abs() <= tol)
}

/// Every specific effect of the reference, found by (from, to, via) and
/// compared: est and std.all to 1e-4, SE to 0.1%, p to 1e-4 (the
/// tolerances of the parameter tables).
fn agree(case: &str) -> Effects {
    let (a, reference) = fit(case, None, &Options::default());
    let effects = a.effects.expect("the model has indirect effects");
    let refs = reference["specific"].as_array().unwrap();
    assert_eq!(
        effects.specific.len(),
        refs.len(),
        "number of specific effects"
    );
    let mut problems = Vec::new();
    for r in refs {
        let via: Vec<&str> = r["via"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let name = format!("{} → {} → {}", r["from"], via.join(" → "), r["to"]);
        let Some(s) = effects
            .specific
            .iter()
            .find(|s| s.from == r["from"] && s.to == r["to"] && s.via == via)
        else {
            problems.push(format!("missing {name}"));
            continue;
        };
        let e = &s.effect;
        let se_ref = r["se"].as_f64().unwrap();
        if !close(Some(e.est), r["est"].as_f64(), 1e-4)
            || !close(e.se, Some(se_ref), 1e-3 * se_ref)
            || !close(e.pvalue, r["pvalue"].as_f64(), 1e-4)
            || !close(e.std_all, r["std_all"].as_f64(), 1e-4)
        {
            problems.push(format!(
                "{name}: est {} se {:?} p {:?} std.all {:?} vs lavaan {} {} {} {}",
                e.est, e.se, e.pvalue, e.std_all, r["est"], r["se"], r["pvalue"], r["std_all"]
            ));
        }
    }
    assert!(problems.is_empty(), "{case}:\n  {}", problems.join("\n  "));
    effects
}

/// Total indirect = Σ specific, total = direct + total indirect, z = est/se,
/// CI = est ± 1.96 se.
fn consistent(effects: &Effects) {
    for t in &effects.totals {
        let sum: f64 = effects
            .specific
            .iter()
            .filter(|s| s.from == t.from && s.to == t.to)
            .map(|s| s.effect.est)
            .sum();
        assert!((t.indirect.est - sum).abs() < 1e-12);
        assert!((t.total.est - t.direct.est - t.indirect.est).abs() < 1e-12);
        let check = |e: &EffectEstimate| {
            if let (Some(se), Some(z)) = (e.se, e.z) {
                assert!((z - e.est / se).abs() < 1e-12);
                assert!((e.ci_upper.unwrap() - e.est - 1.959963984540054 * se).abs() < 1e-12);
            }
        };
        check(&t.indirect);
        check(&t.total);
        check(&t.direct);
    }
}

#[test]
fn live_commerce_twelve_specific_effects() {
    let effects = agree("livecommerce_effects");
    assert_eq!(effects.specific.len(), 12);
    // 2 predictors × 2 outcomes, none of them with a direct path in the model
    assert_eq!(effects.totals.len(), 4);
    for t in &effects.totals {
        assert!(!t.has_direct && t.direct.est == 0.0 && t.direct.se.is_none());
        assert_eq!(t.total.est, t.indirect.est);
    }
    consistent(&effects);
}

#[test]
fn political_democracy_ind60_dem60_dem65() {
    let effects = agree("poldem_effects");
    assert_eq!(effects.totals.len(), 1);
    let t = &effects.totals[0];
    assert_eq!((t.from.as_str(), t.to.as_str()), ("ind60", "dem65"));
    assert!(t.has_direct && t.direct.se.is_some());
    consistent(&effects);
}

/// The totals are the `:=` parameters a user would write, with the same SEs
/// (one delta method): Trust's total indirect effect on relationship
/// building through the three interactions.
#[test]
fn totals_are_the_defined_parameters_a_user_would_write() {
    let model = format!(
        "{}\nind_rb := H1a*H3a + H1b*H4a + H1c*H5a\n",
        std::fs::read_to_string(dir("livecommerce_effects").join("model.lav")).unwrap()
    );
    let (a, _) = fit("livecommerce_effects", Some(&model), &Options::default());
    let def = a.parameters.iter().find(|p| p.lhs == "ind_rb").unwrap();
    let t = a
        .effects
        .as_ref()
        .unwrap()
        .totals
        .iter()
        .find(|t| t.from == "Trust" && t.to == "RelationshipBuilding")
        .unwrap();
    assert!((t.indirect.est - def.est).abs() < 1e-12);
    assert!((t.indirect.se.unwrap() - def.se.unwrap()).abs() < 1e-9);
    assert!((t.indirect.std_all.unwrap() - def.std_all.unwrap()).abs() < 1e-12);
}

/// MLR: the effects' SEs come from the robust (Huber–White) covariance,
/// as lavaan's `:=` parameters under `estimator = "MLR"`.
#[test]
fn live_commerce_mlr_uses_the_robust_covariance() {
    let opts = Options {
        estimator: Estimator::Mlr,
        ..Options::default()
    };
    let (a, _) = fit("livecommerce_effects", None, &opts);
    let effects = a.effects.unwrap();
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(dir("livecommerce_mlr").join("effects_mlr.json")).unwrap(),
    )
    .unwrap();
    let find = |from: &str, via: &str, to: &str| {
        effects
            .specific
            .iter()
            .find(|s| s.from == from && s.to == to && s.via == [via])
            .map(|s| s.effect.clone())
            .unwrap()
    };
    let total = effects
        .totals
        .iter()
        .find(|t| t.from == "Trust" && t.to == "RelationshipBuilding")
        .map(|t| t.indirect.clone())
        .unwrap();
    let ours = [
        find("Trust", "ProductInteraction", "RelationshipBuilding"),
        find("Trust", "InterpersonalInteraction", "RelationshipDeepening"),
        total,
    ];
    for (e, r) in ours.iter().zip(reference["defined"].as_array().unwrap()) {
        let se_ref = r["se"].as_f64().unwrap();
        assert!(
            close(Some(e.est), r["est"].as_f64(), 1e-4)
                && close(e.se, Some(se_ref), 1e-3 * se_ref)
                && close(e.pvalue, r["pvalue"].as_f64(), 1e-4)
                && close(e.std_all, r["std_all"].as_f64(), 1e-4),
            "{}: {e:?} vs {r}",
            r["name"]
        );
    }
}

/// `semlab fit --json` prints the effects in the documented shape.
#[test]
fn json_shape() {
    let (a, _) = fit("poldem_effects", None, &Options::default());
    let v = serde_json::to_value(&a).unwrap();
    let s = &v["effects"]["specific"][0];
    for key in [
        "from", "to", "via", "est", "se", "z", "pvalue", "ci_lower", "ci_upper", "std_all",
    ] {
        assert!(!s[key].is_null(), "specific effect without {key}: {s}");
    }
    let t = &v["effects"]["totals"][0];
    for part in ["direct", "indirect", "total"] {
        for key in ["est", "se", "pvalue"] {
            assert!(t[part][key].is_number(), "totals.{part} without {key}: {t}");
        }
    }
}

/// A model without an indirect path has no effects table; regressions in
/// a cycle are named in a warning.
#[test]
fn no_effects_without_mediators_and_a_cycle_is_named() {
    let (a, _) = fit(
        "poldem_effects",
        Some("dem60 =~ y1 + y2 + y3 + y4\ndem60 ~ x1 + x2\n"),
        &Options::default(),
    );
    assert!(a.effects.is_none());
    let v = serde_json::to_value(&a).unwrap();
    assert!(v.get("effects").is_none());
    let (a, _) = fit(
        "poldem_effects",
        Some("y1 ~ y2 + x1\ny2 ~ y1 + x2\n"),
        &Options::default(),
    );
    assert!(a.effects.is_none());
    assert!(
        a.warnings
            .iter()
            .any(|w| w.message.contains("y1 → y2 → y1") || w.message.contains("y2 → y1 → y2")),
        "{:?}",
        a.warnings
    );
}

/// The result table and the APA table: 12 specific effects, then per pair
/// direct (not in the model), total indirect with its verdict, and total;
/// in both languages.
#[test]
fn tables_in_both_languages() {
    use semlab::report::{apa, effects_table_in, Lang};
    let (a, _) = fit("livecommerce_effects", None, &Options::default());
    let t = effects_table_in(&a, Lang::En).unwrap();
    // no z column (z = estimate / SE, both shown): the table fits the
    // results pane beside the open drawing (502 px at 1366 px)
    assert_eq!(
        t.columns,
        [
            "Effect",
            "Path",
            "Estimate",
            "SE",
            "p",
            "95% CI",
            "Std.all",
            "Mediation"
        ]
    );
    assert_eq!(t.rows.len(), 12 + 4 * 3);
    assert_eq!(t.rows.iter().filter(|r| r[0] == "Indirect").count(), 12);
    let first = &t.rows[0];
    assert_eq!(
        first[1],
        "Trust → ProductInteraction → RelationshipBuilding"
    );
    assert_eq!((first[2].as_str(), first[3].as_str()), ("0.181", "0.072"));
    let verdicts: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r[0] == "Total indirect")
        .map(|r| r.last().unwrap().as_str())
        .collect();
    assert!(
        verdicts.iter().all(|v| *v == "indirect only"),
        "{verdicts:?}"
    );
    let zh = effects_table_in(&a, Lang::Zh).unwrap();
    assert_eq!(zh.caption, "间接效应、直接效应与总效应");
    assert!(zh.note.unwrap().contains("温忠麟"));
    assert_eq!(zh.rows.iter().filter(|r| r[0] == "间接效应").count(), 12);
    // APA: no direct rows (the model has none), the Wald CI in the note
    let apa_t = apa::effects_table_in(&a, Lang::En).unwrap();
    assert_eq!(apa_t.rows.len(), 12 + 4 * 2);
    assert!(apa_t.note.as_ref().unwrap().contains("delta-method"));
    assert!(apa::tables(&a).iter().any(|t| t.id == "apa_effects"));
    // a CFA has none
    let (cfa, _) = fit(
        "poldem_effects",
        Some("ind60 =~ x1 + x2 + x3\ndem60 =~ y1 + y2 + y3 + y4\n"),
        &Options::default(),
    );
    assert!(effects_table_in(&cfa, Lang::En).is_none());
    assert!(apa::effects_table_in(&cfa, Lang::En).is_none());
}
