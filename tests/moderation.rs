//! Moderation with observed variables as lavaan takes it: `y ~ x + w + x:w`.
//! The interaction term `x:w` is the product of the raw columns, made in the
//! data stage; the model is then an ordinary path model. Checked against
//! lavaan 0.6.14 on a first-stage moderated mediation (PROCESS model 7:
//! Trust → Interaction → Loyalty, the first stage moderated by Norms, and the
//! index of moderated mediation `a3*b`), `tests/fixtures/moderation/`.

mod common;

use semlab::analysis::{self, AnalysisError, DataInput, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::i18n::{Lang, Localized};

/// Every estimate, SE, p, std.all and fit measure of lavaan's fit of the
/// PROCESS model 7, the `Trust:Norms` rows included.
#[test]
fn process_model_7_agrees_with_lavaan() {
    let a = common::agree("moderation", "moderation_process7");
    let a3 = a
        .parameters
        .iter()
        .find(|p| p.lhs == "Interaction" && p.rhs == "Trust:Norms")
        .expect("the interaction row");
    assert!((a3.est - 0.246_824_955_798_61).abs() < 1e-6, "{}", a3.est);
}

/// PROCESS models 8 and 14 as the helper writes them, on the process7
/// data with missing values (Loyalty in 40 rows, Norms in 5): every
/// estimate, SE, p and fit measure agrees with lavaan's fit of the
/// helper's text (`model.lav`), its `:=` rows included — the simple
/// slopes, conditional indirect (and model 8's conditional direct)
/// effects and the index of moderated mediation. The helper writes that
/// very text from the choice and the data; W's values in it are the mean
/// ∓ 1 SD of Norms over the 355 rows lavaan uses, and the conditional
/// effects are those R computes from lavaan's coefficients at those
/// values (`moderation_slopes/process8_14/make.R`, `w.json`).
#[test]
fn process_models_8_and_14_written_by_the_helper_agree_with_lavaan() {
    use semlab::analysis::process_helper::write_process_model;
    use semlab::syntax::process::ProcessModel;
    let w: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/moderation_slopes/process8_14/w.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let r = |v: &serde_json::Value| v.as_f64().unwrap();
    let near = |a: f64, b: f64, tol: f64, what: &str| {
        assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
    };
    for (n, a, name) in [
        (
            8u8,
            common::agree("moderation", "moderation_process8"),
            "moderation_process8",
        ),
        (
            14,
            common::agree("moderation", "moderation_process14"),
            "moderation_process14",
        ),
    ] {
        assert_eq!(a.nobs, 355);
        let case = common::load("moderation", name);
        let bytes = std::fs::read(case.dir.join(format!("{name}.csv"))).unwrap();
        let t = read_table(&bytes, &ReadOptions::default()).unwrap();
        let choice = semlab::syntax::process::ProcessChoice {
            model: ProcessModel::from_number(n).unwrap(),
            ..process7_choice()
        };
        let text = write_process_model(
            Some(&DataInput::Table(&t)),
            "",
            &choice,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(text, case.model, "model {n}");
        let est = |lhs: &str| a.parameters.iter().find(|p| p.lhs == lhs).unwrap().est;
        let key = format!("model{n}");
        for (k, at) in ["low", "mean", "high"].into_iter().enumerate() {
            near(
                est(&format!("cind_{at}")),
                r(&w[&key]["cind"][k]),
                1e-6,
                &format!("model {n} cind_{at}"),
            );
            if n == 8 {
                near(
                    est(&format!("direct_{at}")),
                    r(&w[&key]["direct"][k]),
                    1e-6,
                    "direct",
                );
            } else {
                near(
                    est(&format!("slope_{at}")),
                    r(&w[&key]["slope"][k]),
                    1e-6,
                    "slope",
                );
            }
        }
        near(est("index_mod_med"), r(&w[&key]["index"]), 1e-6, "index");
        // the moderation table's blocks say the same
        let block = |outcome: &str| {
            a.moderation
                .iter()
                .find(|m| m.outcome == outcome)
                .unwrap_or_else(|| panic!("model {n}: a block for {outcome}"))
        };
        let m = block(if n == 8 { "Interaction" } else { "Loyalty" });
        near(m.moderator_mean, r(&w["w_mean"]), 1e-12, "mean of W");
        near(m.moderator_sd, r(&w["w_sd"]), 1e-12, "SD of W");
        for (k, at) in ["low", "mean", "high"].into_iter().enumerate() {
            near(
                m.slopes[k].slope.est,
                est(&format!("slope_{at}")),
                1e-12,
                "slope",
            );
        }
        if n == 8 {
            assert_eq!(m.mediated_to.as_deref(), Some("Loyalty"));
            let c = m.slopes[0].conditional_indirect.as_ref().unwrap();
            near(c.est, est("cind_low"), 1e-12, "cind");
            near(
                m.index_moderated_mediation.as_ref().unwrap().est,
                est("index_mod_med"),
                1e-12,
                "index",
            );
            let direct = block("Loyalty");
            near(
                direct.slopes[2].slope.est,
                est("direct_high"),
                1e-12,
                "direct",
            );
        }
    }
}

/// PROCESS model 14 (second-stage moderated mediation: Trust → Interaction
/// → Loyalty, Interaction → Loyalty moderated by Norms): the moderation
/// block of `Loyalty ~ Interaction:Norms` has the conditional indirect
/// effects a1·(b1 + b3·w) at Norms = mean ∓ 1 SD and the index a1·b3 with
/// lavaan's estimate, SE, p and CI of the same `:=` rows (`cind_low` …,
/// `index_mod_med` in `moderation_process14/reference.json`); with a
/// bootstrap, their intervals are those of the `:=` rows on the same
/// draws. The table, the APA table and the methods paragraph name the path
/// Trust → Interaction → Loyalty.
#[test]
fn process_model_14_has_the_conditional_indirect_effects_of_lavaan() {
    use semlab::bootstrap::{BootstrapOptions, CiType};
    let case = common::load("moderation", "moderation_process14");
    let a = common::agree("moderation", "moderation_process14");
    let lavaan = |name: &str| lavaan_defined(&case, name);
    let check = |e: &semlab::effects::EffectEstimate, name: &str| {
        agrees_with_defined(e, &lavaan(name), name)
    };
    let [m] = &a.moderation[..] else {
        panic!("one moderation block: {:?}", a.moderation)
    };
    assert_eq!(
        (m.outcome.as_str(), m.focal.as_str(), m.moderator.as_str()),
        ("Loyalty", "Interaction", "Norms")
    );
    assert_eq!(
        (m.mediated_to.as_deref(), m.mediated_from.as_deref()),
        (None, Some("Trust"))
    );
    assert_eq!(m.indirect_path(), Some(["Trust", "Interaction", "Loyalty"]));
    for (s, at) in m.slopes.iter().zip(["low", "mean", "high"]) {
        check(&s.slope, &format!("slope_{at}"));
        check(
            s.conditional_indirect.as_ref().unwrap(),
            &format!("cind_{at}"),
        );
    }
    check(
        m.index_moderated_mediation.as_ref().unwrap(),
        "index_mod_med",
    );

    // the slope is significant between the Johnson–Neyman points 0.090
    // and 10.764, which enclose the observed Norms: the note says it is
    // significant across the observed range (PROCESS's words), not
    // "where 0.090 < Norms < 10.764"
    assert_eq!(
        m.significant_in_range(),
        Some(semlab::moderation::ObservedRegion::All)
    );
    let (lo, hi) = m.moderator_range.unwrap();
    assert!(m.johnson_neyman.iter().all(|p| *p < lo || *p > hi), "{m:?}");
    let words = |lang| semlab::report::johnson_neyman_words(m, lang).unwrap();
    assert_eq!(
        words(Lang::En),
        "Johnson–Neyman (1936): the slope of Interaction → Loyalty is significant (p < .05) across the observed range of Norms; Norms ranges from 0.411 to 5.823 in the data (the transition points Norms = 0.090 and 10.764 lie outside it)."
    );
    assert_eq!(
        words(Lang::Zh),
        "Johnson–Neyman（1936）：在 Norms 的整个观测取值范围内，Interaction 对 Loyalty 的斜率都显著（p < .05）；数据中 Norms 的取值范围为 0.411 至 5.823（转折点 Norms = 0.090、10.764 在此范围之外）。"
    );

    // the tables and the paragraph, in both languages
    let t = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(t.rows.len(), 7);
    assert_eq!(
        t.rows[3][0],
        "Conditional indirect Trust → Interaction → Loyalty"
    );
    assert_eq!(t.rows[3][1], "Norms = mean − 1 SD (2.278)");
    assert_eq!(t.rows[3][2], "0.182");
    assert_eq!(t.rows[3][3], "0.039");
    assert_eq!(t.rows[6][0], "Index of moderated mediation");
    assert_eq!(t.rows[6][2], "0.018");
    let zh = semlab::report::moderation_table_in(&a, Lang::Zh).unwrap();
    assert!(
        zh.rows[4][0].contains("Trust → Interaction → Loyalty"),
        "{:?}",
        zh.rows[4]
    );
    assert_eq!(zh.rows[4][2], "0.198");
    let apa = semlab::report::apa::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(
        apa.rows[5][0],
        "Conditional indirect Trust → Interaction → Loyalty"
    );
    assert_eq!(apa.rows[5][2], "0.214");
    let en = semlab::report::methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(
        en.contains("The index of moderated mediation through Interaction was 0.018 (95% CI [")
            && en.contains(
                "the indirect effect of Trust on Loyalty does not depend significantly on Norms."
            ),
        "{en}"
    );
    let zh = semlab::report::methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(
        zh.contains("Trust 对 Loyalty 的间接效应不随 Norms 显著变化"),
        "{zh}"
    );
    let j = serde_json::to_value(&a).unwrap();
    assert_eq!(j["moderation"][0]["mediated_from"], "Trust");
    assert!(j["moderation"][0]["slopes"][1]["conditional_indirect"]["se"].is_number());

    // the bootstrap intervals are those of the `:=` rows on the same draws
    let bytes = std::fs::read(case.dir.join("moderation_process14.csv")).unwrap();
    let data = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            draws: 200,
            seed: 11,
            ci_type: CiType::BiasCorrected,
            level: 0.95,
        }),
        ..Options::default()
    };
    let b = analysis::run(&DataInput::Table(&data), &case.model, &opts).unwrap();
    let def = |name: &str| b.parameters.iter().find(|p| p.lhs == name).unwrap();
    let m = &b.moderation[0];
    let same = |e: &semlab::effects::EffectEstimate, name: &str| {
        let d = def(name);
        let ci = e.boot_bc.unwrap();
        assert!(
            (ci.0 - d.boot_ci_lower.unwrap()).abs() < 1e-12,
            "{name}: {ci:?} {d:?}"
        );
        assert!((ci.1 - d.boot_ci_upper.unwrap()).abs() < 1e-12, "{name}");
        assert!(
            (e.boot_se.unwrap() - d.boot_se.unwrap()).abs() < 1e-12,
            "{name}"
        );
    };
    for (s, at) in m.slopes.iter().zip(["low", "mean", "high"]) {
        same(
            s.conditional_indirect.as_ref().unwrap(),
            &format!("cind_{at}"),
        );
    }
    same(
        m.index_moderated_mediation.as_ref().unwrap(),
        "index_mod_med",
    );
}

/// A new user's model, not seen while building this (made in R for the
/// check): a serial mediation X → M1 → M2 → Y with X → M1 moderated by W,
/// on 320 rows with missing values in W, M2 and Y (284 complete), lavaan's
/// `:=` rows written by hand at W's mean ∓ 1 SD of the complete rows
/// (`moderation_serial_missing`). Every estimate, SE, p and fit measure
/// agrees; the moderation block's slopes are lavaan's `slope_*` and its
/// values of W those of R; the effects table's specific effects (those
/// not through the moderated regression) are lavaan's `ind_*`. X → M1
/// lies on three indirect paths (M1 predicts both M2 and Y): each has its
/// conditional indirect effects and index, lavaan's `cind_*` and `imm_*`,
/// labelled by the whole path in the tables and the paragraph.
#[test]
fn a_serial_moderated_mediation_with_missing_values_agrees_with_lavaan() {
    let case = common::load("moderation", "moderation_serial_missing");
    let a = common::agree("moderation", "moderation_serial_missing");
    assert_eq!(a.nobs, 284);
    let lavaan = |name: &str| lavaan_defined(&case, name);
    let [m] = &a.moderation[..] else {
        panic!("one block: {:?}", a.moderation)
    };
    assert_eq!((m.outcome.as_str(), m.focal.as_str()), ("M1", "X"));
    // several paths: none is "the" path of the keys of PROCESS models 7 and 14
    assert_eq!(m.indirect_path(), None);
    assert!(m.index_moderated_mediation.is_none());
    for (s, at) in m.slopes.iter().zip(["low", "mean", "high"]) {
        agrees_with_defined(&s.slope, &lavaan(&format!("slope_{at}")), at);
        assert!(s.conditional_indirect.is_none());
    }
    let w: Vec<f64> = m.slopes.iter().map(|s| s.w).collect();
    for (k, at) in ["low", "mean", "high"].into_iter().enumerate() {
        let rhs = lavaan(&format!("slope_{at}"))["rhs"]
            .as_str()
            .unwrap()
            .to_string();
        let written: f64 = rhs.rsplit('*').next().unwrap().parse().unwrap();
        assert!(
            (w[k] - written).abs() < 1e-12,
            "{at}: {} vs {written}",
            w[k]
        );
    }
    let labels: Vec<String> = m.paths.iter().map(|p| p.label()).collect();
    assert_eq!(labels, ["X → M1 → M2", "X → M1 → M2 → Y", "X → M1 → Y"]);
    for (p, name) in m.paths.iter().zip(["m2", "m2_y", "y"]) {
        agrees_with_paths(p, &case, name);
        assert_eq!(p.moderated_edges, [["X", "M1"].map(String::from)]);
    }
    let fx = a.effects.as_ref().unwrap();
    for (from, name) in [("X", "ind_x_m2_y"), ("M1", "ind_m1_m2_y")] {
        let e = fx
            .specific
            .iter()
            .find(|e| e.from == from && e.via == ["M2"] && e.to == "Y")
            .unwrap_or_else(|| panic!("{from} → M2 → Y"));
        agrees_with_defined(&e.effect, &lavaan(name), name);
    }
    assert!(!fx
        .specific
        .iter()
        .any(|e| e.from == "X" && e.via.first().map(String::as_str) == Some("M1")));

    // the table: 3 slopes, then per path 3 conditional effects and its index
    let t = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(t.rows.len(), 3 + 3 * 4);
    assert_eq!(t.rows[7][0], "Conditional indirect X → M1 → M2 → Y");
    assert_eq!(t.rows[7][1], "W = mean − 1 SD (2.837)");
    assert_eq!(t.rows[6][0], "Index of moderated mediation X → M1 → M2");
    assert_eq!(t.rows[14][0], "Index of moderated mediation X → M1 → Y");
    let apa = semlab::report::apa::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(apa.rows.len(), t.rows.len());
    assert_eq!(
        apa.rows[10][0],
        "Index of moderated mediation X → M1 → M2 → Y"
    );
    assert_eq!(apa.rows[10][2], t.rows[10][2]);
    let zh = semlab::report::moderation_table_in(&a, Lang::Zh).unwrap();
    assert_eq!(zh.rows[7][0], "条件间接效应 X → M1 → M2 → Y");
    assert_eq!(zh.rows[10][0], "被调节的中介指数 X → M1 → M2 → Y");
    for table in [&t, &zh, &apa] {
        assert!(
            !table.note.as_ref().unwrap().contains(":="),
            "{:?}",
            table.note
        );
    }
    let en = semlab::report::methods::paragraph(&a, &Options::default(), Lang::En);
    for through in ["M1 → M2", "M1"] {
        assert!(
            en.contains(&format!(
                "The index of moderated mediation through {through} was "
            )),
            "{en}"
        );
    }
    assert!(en.contains("the indirect effect of X on M2 "), "{en}");
    let zh = semlab::report::methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(zh.contains("经由 M1 → M2 的被调节的中介指数为"), "{zh}");
    let j = serde_json::to_value(&a).unwrap();
    let paths = &j["moderation"][0]["paths"];
    assert_eq!(paths[1]["via"], serde_json::json!(["M1", "M2"]));
    assert!(paths[1]["conditional"][2]["se"].is_number());
    assert!(paths[1]["index"]["pvalue"].is_number());
    assert!(j["moderation"][0].get("several_paths").is_none());
}

/// A serial chain X → M1 → M2 → Y with X → M1 moderated by W and no
/// M1 → Y (PROCESS model 83's first stage; `moderation_serial_chain`, the
/// serial_missing data): the conditional indirect effect is that of the
/// whole chain to Y, (a1 + a3·w)·d21·b2 with index a3·d21·b2, beside the
/// one to M2 — lavaan's `cind_m2_y_*`, `imm_m2_y`, `cind_m2_*`, `imm_m2`.
/// With a bootstrap, every path's intervals are those of lavaan's `:=` rows
/// on the same draws (computed by the engine's own `:=`).
#[test]
fn a_serial_chain_has_the_conditional_indirect_effect_to_its_end() {
    use semlab::bootstrap::{BootstrapOptions, CiType};
    let case = common::load("moderation", "moderation_serial_chain");
    let a = common::agree("moderation", "moderation_serial_chain");
    let [m] = &a.moderation[..] else {
        panic!("one block: {:?}", a.moderation)
    };
    let labels: Vec<String> = m.paths.iter().map(|p| p.label()).collect();
    assert_eq!(labels, ["X → M1 → M2", "X → M1 → M2 → Y"]);
    agrees_with_paths(&m.paths[0], &case, "m2");
    agrees_with_paths(&m.paths[1], &case, "m2_y");
    assert_eq!(m.mediated_to, None);
    let t = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(t.rows.len(), 3 + 2 * 4);
    assert_eq!(
        t.rows[10][0],
        "Index of moderated mediation X → M1 → M2 → Y"
    );
    assert_eq!(t.rows[10][2], "0.014");

    let bytes = std::fs::read(case.dir.join("moderation_serial_chain.csv")).unwrap();
    let data = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            draws: 200,
            seed: 5,
            ci_type: CiType::BiasCorrected,
            level: 0.95,
        }),
        ..Options::default()
    };
    let b = analysis::run(&DataInput::Table(&data), &case.model, &opts).unwrap();
    let def = |name: &str| b.parameters.iter().find(|p| p.lhs == name).unwrap();
    let same = |e: &semlab::effects::EffectEstimate, name: &str| {
        let d = def(name);
        let ci = e.boot_bc.unwrap();
        assert!((ci.0 - d.boot_ci_lower.unwrap()).abs() < 1e-12, "{name}");
        assert!((ci.1 - d.boot_ci_upper.unwrap()).abs() < 1e-12, "{name}");
        assert!((e.boot_se.unwrap() - d.boot_se.unwrap()).abs() < 1e-12);
    };
    let p = &b.moderation[0].paths[1];
    for (e, at) in p.conditional.iter().zip(["low", "mean", "high"]) {
        same(e, &format!("cind_m2_y_{at}"));
    }
    same(p.index.as_ref().unwrap(), "imm_m2_y");
}

/// PROCESS model 58: Trust → Interaction → Loyalty with both stages
/// moderated by Norms (`moderation_both_stages`, the process14 data; the
/// product Interaction:Norms covaries as the helper's model 14 writes it).
/// The conditional indirect effect (a1 + a3·w)(b1 + b3·w) is lavaan's
/// `cind_*`; it is quadratic in w, so no index is given, and the note and
/// the paragraph say why. The path is the first stage's block's; the
/// second stage's block has none (Norms → Interaction → Loyalty goes
/// through W itself).
///
/// The modification indices are lavaan's read in the right order, as for
/// `moderation_endogenous_product` (`moderation_mi/both_stages`, by
/// `moderation_mi/endogenous_product/make.R moderation_both_stages both_stages`):
/// the reference's (10⁷ for Interaction:Norms ~ Trust) come from lavaan
/// 0.6.14 pairing its extended model with the sample moments in another
/// order of variables. The indices of a product regressed on a variable
/// (all ≈ 205.66: the product is a function of its parts, so these
/// directions are nearly singular, and lavaan's extended model reports no
/// convergence) agree to 1e-2, the others to the usual 1e-3.
#[test]
fn a_path_moderated_at_both_stages_has_no_index() {
    let mut case = common::load("moderation", "moderation_both_stages");
    let a = common::agree_but_modindices("moderation", "moderation_both_stages");
    let dir = common::fixtures_dir().join("moderation_mi/both_stages");
    let mis: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("modindices.json")).unwrap())
            .unwrap();
    let mut flat = 0;
    let mis: Vec<serde_json::Value> = mis
        .into_iter()
        .map(|mut m| {
            let product_on = m["op"] == "~" && m["lhs"].as_str().unwrap().contains(':');
            let want = m["mi"].as_f64().unwrap();
            if product_on && want > 200.0 {
                let ours = a
                    .modindices
                    .iter()
                    .find(|x| x.lhs == m["lhs"] && x.op == "~" && x.rhs == m["rhs"])
                    .unwrap();
                assert!((ours.mi - want).abs() < 1e-2, "{m}: {}", ours.mi);
                // checked here; the EPCs below as every other index's
                m["mi"] = ours.mi.into();
                flat += 1;
            }
            m
        })
        .collect();
    assert_eq!(flat, 8);
    case.reference["modindices"] = serde_json::Value::Array(mis);
    common::compare_all(&case, &a);
    let first = a
        .moderation
        .iter()
        .find(|m| m.outcome == "Interaction")
        .unwrap();
    let second = a
        .moderation
        .iter()
        .find(|m| m.outcome == "Loyalty")
        .unwrap();
    assert!(second.paths.is_empty(), "{:?}", second.paths);
    let [p] = &first.paths[..] else {
        panic!("one path: {:?}", first.paths)
    };
    assert!(p.quadratic() && p.index.is_none());
    assert!(first.index_moderated_mediation.is_none());
    for (e, at) in p.conditional.iter().zip(["low", "mean", "high"]) {
        agrees_with_defined(e, &lavaan_defined(&case, &format!("cind_{at}")), at);
    }
    let t = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(
        t.rows.iter().filter(|r| r[0].starts_with("Index")).count(),
        0
    );
    for (lang, says) in [
        (Lang::En, "Norms moderates more than one stage of Trust → Interaction → Loyalty (Trust → Interaction, Interaction → Loyalty): its conditional indirect effect is not linear in Norms, and there is no single index of moderated mediation"),
        (Lang::Zh, "Norms 调节了 Trust → Interaction → Loyalty 的不止一段（Trust → Interaction、Interaction → Loyalty）"),
    ] {
        for note in [
            semlab::report::moderation_table_in(&a, lang).unwrap().note,
            semlab::report::apa::moderation_table_in(&a, lang).unwrap().note,
        ] {
            assert!(note.as_ref().unwrap().contains(says), "{note:?}");
        }
    }
    let en = semlab::report::methods::paragraph(&a, &Options::default(), Lang::En);
    let [lo, mid, hi] = ["low", "mean", "high"].map(|at| {
        lavaan_defined(&case, &format!("cind_{at}"))["est"]
            .as_f64()
            .unwrap()
    });
    let says = format!(
        "so that effect is not linear in Norms and has no single index of moderated mediation; at Norms = mean − 1 SD, mean and mean + 1 SD it was {:.3} [",
        lo
    );
    assert!(en.contains(&says), "{en}");
    assert!(en.contains(&format!("{mid:.3} [")) && en.contains(&format!("{hi:.3} [")));
    let zh = semlab::report::methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(zh.contains("没有单一的被调节的中介指数"), "{zh}");
}

/// A path whose other edge another variable moderates (X → M1 by W,
/// M1 → Y by M2) depends on both: it is named, with no effect, in both
/// languages.
#[test]
fn a_path_moderated_by_two_variables_is_named_not_given() {
    let case = common::load("moderation", "moderation_serial_missing");
    let bytes = std::fs::read(case.dir.join("moderation_serial_missing.csv")).unwrap();
    let data = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = "M1 ~ X + W + X:W\nM2 ~ X\nY ~ M1 + M2 + M1:M2\n";
    let a = analysis::run(&DataInput::Table(&data), model, &Options::default()).unwrap();
    let m = a.moderation.iter().find(|m| m.outcome == "M1").unwrap();
    let [p] = &m.paths[..] else {
        panic!("{:?}", m.paths)
    };
    assert_eq!(p.label(), "X → M1 → Y");
    assert_eq!(p.also_moderated, Some(["M1", "Y", "M2"].map(String::from)));
    assert!(p.conditional.is_empty() && p.index.is_none());
    assert!(m.slopes.iter().all(|s| s.conditional_indirect.is_none()));
    let t = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
    assert!(!t.rows.iter().any(|r| r[0].contains("X → M1 → Y")));
    for (lang, says) in [
        (Lang::En, "M1 → Y of X → M1 → Y is also moderated by M2: its conditional indirect effect depends on both W and M2 and is not given here"),
        (Lang::Zh, "X → M1 → Y 中的 M1 → Y 还受 M2 调节"),
    ] {
        let note = semlab::report::moderation_table_in(&a, lang).unwrap().note;
        assert!(note.as_ref().unwrap().contains(says), "{note:?}");
    }
}

/// A path's conditional indirect effects and index agree with lavaan's
/// `cind_{name}_{low,mean,high}` and `imm_{name}` rows.
fn agrees_with_paths(p: &semlab::moderation::ConditionalPath, case: &common::Case, name: &str) {
    assert_eq!(p.conditional.len(), 3, "{name}");
    for (e, at) in p.conditional.iter().zip(["low", "mean", "high"]) {
        let row = format!("cind_{name}_{at}");
        agrees_with_defined(e, &lavaan_defined(case, &row), &row);
    }
    let row = format!("imm_{name}");
    agrees_with_defined(p.index.as_ref().unwrap(), &lavaan_defined(case, &row), &row);
}

/// lavaan's `:=` row `name` in a case's reference.
fn lavaan_defined(case: &common::Case, name: &str) -> serde_json::Value {
    case.reference["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lhs"] == name && p["op"] == ":=")
        .unwrap_or_else(|| panic!("lavaan's {name}"))
        .clone()
}

/// A conditional effect agrees with lavaan's `:=` row of it: estimate to
/// 1e-6, SE to 0.1%, p and the Wald CI to 1e-4.
fn agrees_with_defined(e: &semlab::effects::EffectEstimate, d: &serde_json::Value, name: &str) {
    let near = |a: f64, b: &serde_json::Value, tol: f64| {
        let b = b.as_f64().unwrap();
        assert!((a - b).abs() <= tol, "{name}: {a} vs lavaan {b}");
    };
    near(e.est, &d["est"], 1e-6);
    near(e.se.unwrap(), &d["se"], 1e-3 * d["se"].as_f64().unwrap());
    near(e.pvalue.unwrap(), &d["pvalue"], 1e-4);
    near(e.ci_lower.unwrap(), &d["ci_lower"], 1e-4);
    near(e.ci_upper.unwrap(), &d["ci_upper"], 1e-4);
}

#[test]
fn every_case_is_tested() {
    common::assert_every_case_tested("moderation", &std::fs::read_to_string(file!()).unwrap());
}

fn process7_table() -> semlab::data::DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7/moderation_process7.csv"
    );
    read_table(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap()
}

/// The product column: row by row the product of the raw values, missing
/// where a factor is missing; a name whose parts are not columns is unknown.
#[test]
fn the_interaction_column_is_the_product_of_the_raw_columns() {
    let t = read_table(b"x,w\n2,3\n-1.5,4\n,2\n", &ReadOptions::default()).unwrap();
    let d = t.numeric(&["x:w", "x"]).unwrap();
    assert_eq!(d.names, ["x:w", "x"]);
    assert_eq!(
        d.rows,
        [
            vec![Some(6.0), Some(2.0)],
            vec![Some(-6.0), Some(-1.5)],
            vec![None, None]
        ]
    );
    assert!(t.numeric(&["x:z"]).is_err());
}

/// A latent variable in an interaction is refused where it is written, in
/// both languages, with the composite score as the way out.
#[test]
fn an_interaction_with_a_latent_variable_is_refused_with_its_place() {
    let t = process7_table();
    let model = "F =~ Trust + Norms + Loyalty\nInteraction ~ F + Norms + F:Norms\n";
    let e = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap_err();
    let AnalysisError::Model(m) = &e else {
        panic!("a model error: {e}")
    };
    let en = m.message(Lang::En);
    assert!(
        en.starts_with("line 2, column 27: the interaction `F:Norms`"),
        "{en}"
    );
    assert!(en.contains("`F` is a latent variable"), "{en}");
    assert!(en.contains("composite score"), "{en}");
    let zh = m.message(Lang::Zh);
    assert!(zh.starts_with("第 2 行第 27 列：交互项 `F:Norms`"), "{zh}");
    assert!(zh.contains("合成分数"), "{zh}");
    // a part that is no column is named, with a suggestion
    let e = analysis::run(
        &DataInput::Table(&t),
        "Interaction ~ Trust + Norms + Trust:Norm\n",
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("`Norm` is not a column of the data"), "{e}");
}

/// `y ~ m:w` with m dependent (`m ~ x`): lavaan makes the product from the
/// data as for any `x:w`, but it is no fixed covariate — lavaan moves it to
/// the dependent variables (`lav_partable_vnames`), so it gets a free
/// variance and no covariance with Trust and Norms unless written (hence
/// χ² = 1148 on 4 df; the helper's model 14 writes them). Every estimate,
/// SE and fit measure agrees with lavaan's fit of this text
/// (`moderation_endogenous_product`). With m a latent variable, dependent
/// or not, lavaan refuses ("Interaction terms involving latent variables
/// … are not supported") and so does semlab, naming the term and offering
/// the composite score, in both languages.
///
/// The modification indices are compared with lavaan's own `modindices()`
/// on the data in the right order
/// (`tests/fixtures/moderation_mi/endogenous_product/make.R`),
/// not with the reference's list, which comes from a mismatch in lavaan
/// 0.6.14, not from a rule. `modindices()` builds its extended model
/// (`lav_object_extended`) on the fit's sample statistics
/// (`slotSampleStats`), whose variables are in the fit's order: Interaction,
/// Loyalty, Interaction:Norms, Trust, Norms (`lav_partable_vnames` puts
/// c(ov.ind, ov.y, ov.x) and moves the product to the end of ov.y). In the
/// extended model every variable is on the left of a `~`, so its order is
/// Interaction, Loyalty, Trust, Norms, Interaction:Norms, and lavaan pairs
/// the model's Σ with the sample's S position by position. The evidence: in
/// that extended model the free parameters' scores are not 0 at the
/// estimates (`modindices(fit, free.remove = FALSE)`: Interaction ~ Trust
/// MI 9106, Interaction:Norms ~~ Interaction:Norms 1906), hence Trust ~~ Trust
/// 83686 and Interaction ~ Loyalty 4146. With the data read again in the
/// extended model's order (the only change, besides fitting to nlminb's
/// `rel.tol = 1e-14`, as the default stops short here), every free score is
/// 0, the fixed.x (co)variances get MI 0 (left out by semlab, as in every
/// other case) and Interaction ~ Loyalty is 159.353, as semlab computes it.
#[test]
fn a_product_with_a_dependent_mediator_is_what_lavaan_makes_of_it() {
    let a = common::agree_but_modindices("moderation", "moderation_endogenous_product");
    let mut case = common::load("moderation", "moderation_endogenous_product");
    let dir = common::fixtures_dir().join("moderation_mi/endogenous_product");
    case.reference["modindices"] =
        serde_json::from_str(&std::fs::read_to_string(dir.join("modindices.json")).unwrap())
            .unwrap();
    common::compare_all(&case, &a);
    assert!((a.fit["chisq"].unwrap() - 1148.095).abs() < 1e-2);
    let free_variance = a
        .parameters
        .iter()
        .find(|p| p.lhs == "Interaction:Norms" && p.op == "~~" && p.rhs == "Interaction:Norms")
        .unwrap();
    assert!(
        free_variance.se.is_some_and(|se| se > 0.0),
        "{free_variance:?}"
    );
    assert!(!a.parameters.iter().any(|p| p.op == "~~"
        && p.lhs != p.rhs
        && (p.lhs == "Interaction:Norms" || p.rhs == "Interaction:Norms")));
    // a dependent latent m is refused at its place
    let t = process7_table();
    let model = "F =~ Trust + Interaction\nF ~ Norms\nLoyalty ~ F + Norms + F:Norms\n";
    let e = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap_err();
    for (lang, starts, says) in [
        (
            Lang::En,
            "line 3, column 23: the interaction `F:Norms`",
            "composite score",
        ),
        (Lang::Zh, "第 3 行第 23 列：交互项 `F:Norms`", "合成分数"),
    ] {
        let m = e.message(lang);
        assert!(m.starts_with(starts) && m.contains(says), "{m}");
    }
}

/// `group: 1` still starts a block: the `:` is an interaction only on the
/// right of a `~`, between two names.
#[test]
fn a_colon_after_a_regression_is_an_interaction_and_otherwise_a_block() {
    use semlab::syntax::{parse, Statement};
    let st = parse("y ~ x + w + x:w\n").unwrap();
    let Statement::Relation(r) = &st[2] else {
        panic!("{st:?}")
    };
    assert_eq!(r.rhs.name, "x:w");
    assert_eq!((r.rhs.pos.line, r.rhs.pos.col), (1, 13));
    assert!(matches!(
        parse("group: 1\n").unwrap()[0],
        Statement::Block { .. }
    ));
    // after `~~` too (lavaan's `m ~~ m:w`, PROCESS model 14)
    let st = parse("m ~~ w + m:w\n").unwrap();
    let Statement::Relation(r) = &st[1] else {
        panic!("{st:?}")
    };
    assert_eq!(r.rhs.name, "m:w");
}

/// Simple slopes of Trust at Norms = mean − 1 SD, mean, mean + 1 SD, the
/// conditional indirect effects through Interaction on Loyalty and the index
/// of moderated mediation agree with the same quantities written as lavaan
/// `:=` parameters (estimate, delta-method SE, p, CI), and the
/// Johnson–Neyman points with the closed form computed in R from lavaan's
/// vcov (`tests/fixtures/moderation_slopes/process7/make.R`).
#[test]
fn simple_slopes_and_moderated_mediation_agree_with_lavaan() {
    let a = common::agree("moderation", "moderation_process7");
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation_slopes/process7"
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/slopes.json")).unwrap())
            .unwrap();
    let [m] = &a.moderation[..] else {
        panic!("one moderation block: {:?}", a.moderation)
    };
    assert_eq!(
        (m.outcome.as_str(), m.focal.as_str(), m.moderator.as_str()),
        ("Interaction", "Trust", "Norms")
    );
    assert_eq!(m.mediated_to.as_deref(), Some("Loyalty"));
    let near = |a: f64, b: &serde_json::Value, tol: f64, what: &str| {
        let b = b.as_f64().unwrap();
        assert!((a - b).abs() <= tol, "{what}: {a} vs lavaan {b}");
    };
    near(m.moderator_mean, &r["w_mean"], 1e-12, "mean of W");
    near(m.moderator_sd, &r["w_sd"], 1e-12, "SD of W");
    let def = |name: &str| {
        r["defined"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == name)
            .unwrap()
            .clone()
    };
    let check =
        |e: &semlab::effects::EffectEstimate, name: &str| agrees_with_defined(e, &def(name), name);
    for (k, s) in m.slopes.iter().enumerate() {
        assert_eq!(s.sd_offset, k as i8 - 1);
        near(s.w, &r["w"][k], 1e-12, "W");
        check(&s.slope, &format!("slope{}", k + 1));
        check(
            s.conditional_indirect.as_ref().unwrap(),
            &format!("cind{}", k + 1),
        );
    }
    check(
        m.index_moderated_mediation.as_ref().unwrap(),
        "index_mod_med",
    );
    assert_eq!(m.johnson_neyman.len(), 2);
    for (k, w) in m.johnson_neyman.iter().enumerate() {
        near(*w, &r["johnson_neyman"][k], 1e-4, "Johnson–Neyman point");
    }
}

/// `semlab fit --json` carries the block under the names the README lists.
#[test]
fn the_json_has_the_moderation_block() {
    let a = common::agree("moderation", "moderation_process7");
    let j = serde_json::to_value(&a).unwrap();
    let m = &j["moderation"][0];
    assert_eq!(m["moderator"], "Norms");
    assert_eq!(m["slopes"][2]["sd_offset"], 1);
    assert!(m["slopes"][0]["slope"]["pvalue"].is_number());
    assert!(m["slopes"][0]["conditional_indirect"]["se"].is_number());
    assert_eq!(m["johnson_neyman"].as_array().unwrap().len(), 2);
    assert!(m["index_moderated_mediation"]["est"].is_number());
    assert!(m["interaction"]["pvalue"].is_number());
}

/// The JSON reads back (the page gets the analysis this way from its
/// worker, and a JSON may come from an older semlab or another tool):
/// without the `interaction` key the block reads, with no verdict on
/// moderation and no sentence about it, and a number written as `null` (a
/// NaN) reads as NaN instead of failing the whole analysis.
#[test]
fn the_moderation_json_reads_back_without_the_interaction_key() {
    use semlab::analysis::Analysis;
    use semlab::report::methods::paragraph;
    let a = common::agree("moderation", "moderation_process7");
    let j = serde_json::to_value(&a).unwrap();
    let back: Analysis = serde_json::from_value(j.clone()).unwrap();
    assert_eq!(back.moderation, a.moderation);
    assert_eq!(back.moderation[0].moderated(), Some(true));

    let mut j2 = j.clone();
    j2["moderation"][0]
        .as_object_mut()
        .unwrap()
        .remove("interaction");
    j2["moderation"][0]["slopes"][0]["slope"]["est"] = serde_json::Value::Null;
    j2["moderation"][0]["moderator_sd"] = serde_json::Value::Null;
    let back: Analysis = serde_json::from_value(j2).unwrap();
    let m = &back.moderation[0];
    assert_eq!(m.interaction, None);
    assert_eq!(m.moderated(), None);
    assert!(m.slopes[0].slope.est.is_nan() && m.moderator_sd.is_nan());
    assert_eq!(m.slopes[1], a.moderation[0].slopes[1]);
    // written again without the key, it still reads
    let again = serde_json::to_value(&back).unwrap();
    assert!(again["moderation"][0].get("interaction").is_none());
    let _: Analysis = serde_json::from_value(again).unwrap();
    // the reports go on without the moderation sentence
    for lang in [Lang::En, Lang::Zh] {
        let p = paragraph(&back, &Options::default(), lang);
        assert!(
            !p.contains("moderated by Norms") && !p.contains("调节了"),
            "{p}"
        );
        assert!(semlab::report::moderation_table_in(&back, lang).is_some());
    }
    let p = paragraph(&a, &Options::default(), Lang::En);
    assert!(p.contains("was moderated by Norms"), "{p}");
}

/// The simple-slopes table (the CLI report, the HTML report) in both
/// languages: lavaan's numbers to the printed digit, the Johnson–Neyman
/// points in the note.
#[test]
fn the_simple_slopes_table_reads_like_process() {
    use semlab::report::moderation_table_in;
    let a = common::agree("moderation", "moderation_process7");
    let t = moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(t.rows.len(), 7);
    assert_eq!(
        t.rows[0],
        [
            "Slope Trust → Interaction",
            "Norms = mean − 1 SD (2.260)",
            "0.185",
            "0.064",
            "2.888",
            ".004",
            "[0.059, 0.310]"
        ]
    );
    assert_eq!(
        t.rows[5][0],
        "Conditional indirect Trust → Interaction → Loyalty"
    );
    assert_eq!(t.rows[5][2], "0.293");
    assert_eq!(t.rows[6][0], "Index of moderated mediation");
    assert_eq!(t.rows[6][2], "0.114");
    assert!(
        t.note.as_ref().unwrap().contains(
            "Johnson–Neyman (1936): the slope of Trust → Interaction is significant (p < .05) where Norms > 2.072; Norms ranges from 0.411 to 5.823 in the data (the transition point Norms = 0.389 lies outside it)."
        ),
        "{:?}",
        t.note
    );
    let zh = moderation_table_in(&a, Lang::Zh).unwrap();
    assert_eq!(zh.caption, "调节效应：简单斜率");
    assert_eq!(zh.rows[1][1], "Norms = 均值（3.167）");
    assert_eq!(zh.rows[1][2], t.rows[1][2]);
    assert!(zh.note.as_ref().unwrap().contains(
        "当 Norms > 2.072 时，Trust 对 Interaction 的斜率显著（p < .05）；数据中 Norms 的取值范围为 0.411 至 5.823（转折点 Norms = 0.389 在此范围之外）。"
    ));
    assert!(semlab::report::all_tables_in(&a, Lang::En)
        .iter()
        .any(|t| t.id == "moderation"));
}

/// With the centring option (PROCESS's), Trust and Norms are centred before
/// the product: every regression and the index agree with lavaan fitted to
/// the centred data (`make_centered.R`); the slope of Trust at the mean of
/// Norms is now the main effect a1, and χ² is unchanged.
#[test]
fn centring_the_interaction_variables_agrees_with_lavaan_on_centred_data() {
    let t = process7_table();
    let model = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7/model.lav"
    ))
    .unwrap();
    let opts = Options {
        center_interactions: true,
        ..Options::default()
    };
    let a = analysis::run(&DataInput::Table(&t), &model, &opts).unwrap();
    let r: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/moderation_slopes/process7/centered.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert!((a.fit["chisq"].unwrap() - r["chisq"].as_f64().unwrap()).abs() < 1e-6);
    for p in r["parameters"].as_array().unwrap() {
        let row = a
            .parameters
            .iter()
            .find(|q| q.lhs == p["lhs"] && q.op == p["op"] && q.rhs == p["rhs"])
            .unwrap_or_else(|| panic!("{p}"));
        assert!(
            (row.est - p["est"].as_f64().unwrap()).abs() < 1e-6,
            "{p}: {}",
            row.est
        );
        let se = row.se.unwrap();
        assert!(
            (se - p["se"].as_f64().unwrap()).abs() < 1e-3 * se,
            "{p}: {se}"
        );
    }
    let m = &a.moderation[0];
    assert!(m.moderator_mean.abs() < 1e-12);
    // the observed range of W is that of the centred values
    let (lo, hi) = m.moderator_range.unwrap();
    let raw_mean = 3.167_487_5; // lavaan's data: `w_mean` of slopes.json
    assert!(
        (lo - (0.411 - raw_mean)).abs() < 1e-9 && (hi - (5.823 - raw_mean)).abs() < 1e-9,
        "{lo} {hi}"
    );
    assert!((m.slopes[1].slope.est - 0.408_615_886_018_633).abs() < 1e-6);
}

/// The product term is no cause of its own in the effects table (its one
/// "indirect effect" a3·b is the index of moderated mediation), nor are the
/// paths through a moderated regression (Trust → Interaction depends on
/// Norms: a1·b is the conditional indirect effect at Norms = 0, which the
/// moderation table gives at meaningful values instead); the hypotheses
/// table reads the product's path `Trust × Norms → Interaction`.
#[test]
fn the_product_term_is_a_moderation_not_a_predictor_with_indirect_effects() {
    let a = common::agree("moderation", "moderation_process7");
    assert!(a.effects.is_none(), "{:?}", a.effects);
    let h = semlab::tables::hypotheses::evaluate(&a.paths(), &a.hypothesis_rule);
    let row = h
        .iter()
        .find(|h| h.predictor == "Trust:Norms")
        .expect("the product row");
    assert_eq!(row.path, "Trust × Norms → Interaction");
    // in the R script's `:=` lines too: x → m and w → m are moderated, z → m is not
    let r = semlab::effects::enumerate_regressions(&[
        (0, "x", "m"),
        (1, "w", "m"),
        (2, "x:w", "m"),
        (3, "z", "m"),
        (4, "m", "y"),
    ])
    .unwrap();
    let chains: Vec<String> = r
        .chains
        .iter()
        .map(|c| format!("{} {:?} {}", c.from, c.via, c.to))
        .collect();
    assert_eq!(chains, ["z [\"m\"] y"]);
    // a model with both: the effects table says why the moderated paths are missing
    let t = process7_table();
    let a = analysis::run(
        &DataInput::Table(&t),
        "Norms ~ Trust\nInteraction ~ Norms\nLoyalty ~ Interaction + Trust + Interaction:Trust\n",
        &Options::default(),
    )
    .unwrap();
    let fx = a.effects.as_ref().expect("Trust → Norms → Interaction");
    let paths: Vec<String> = fx
        .specific
        .iter()
        .map(|s| format!("{} {:?} {}", s.from, s.via, s.to))
        .collect();
    assert_eq!(paths, ["Trust [\"Norms\"] Interaction"]);
    let table = semlab::report::effects_table_in(&a, Lang::En).unwrap();
    assert!(table
        .note
        .unwrap()
        .contains("Paths through a regression with a product term x:w are left out"));
}

/// The plot's lines are the regression's predictions: ordinary least
/// squares of Interaction on Trust, Norms and Trust·Norms (what ML gives a
/// regression among observed variables), at Trust = mean ∓ 1 SD and Norms
/// at the table's three values; each line's slope is its simple slope.
#[test]
fn the_simple_slopes_plot_draws_the_predicted_lines() {
    use nalgebra::{DMatrix, DVector};
    let a = common::agree("moderation", "moderation_process7");
    let m = &a.moderation[0];
    let t = process7_table();
    let d = t.numeric(&["Trust", "Norms", "Interaction"]).unwrap();
    let n = d.rows.len();
    let col = |j: usize| d.rows.iter().map(move |r| r[j].unwrap());
    let x = DMatrix::from_fn(n, 4, |i, k| {
        let (tr, no) = (d.rows[i][0].unwrap(), d.rows[i][1].unwrap());
        [1.0, tr, no, tr * no][k]
    });
    let y = DVector::from_iterator(n, col(2));
    let b = (x.transpose() * &x).try_inverse().unwrap() * x.transpose() * y;
    let trust: Vec<f64> = col(0).collect();
    let mean = trust.iter().sum::<f64>() / n as f64;
    let sd = (trust.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt();
    assert_eq!(m.lines.len(), 3);
    for (line, s) in m.lines.iter().zip(&m.slopes) {
        for (k, &(px, py)) in line.iter().enumerate() {
            let xv = mean + if k == 0 { -sd } else { sd };
            assert!((px - xv).abs() < 1e-9, "{px} vs {xv}");
            let yhat = b[0] + b[1] * xv + b[2] * s.w + b[3] * xv * s.w;
            assert!((py - yhat).abs() < 1e-5, "{py} vs OLS {yhat}");
        }
        let slope = (line[1].1 - line[0].1) / (line[1].0 - line[0].0);
        assert!((slope - s.slope.est).abs() < 1e-9);
    }
    let svg = semlab::report::slopes_plot::simple_slopes_svg(m, Lang::En).unwrap();
    assert_eq!(svg.matches("class=\"slope-line\"").count(), 3);
    assert!(svg.contains(">Trust</text>") && svg.contains(">Interaction</text>"));
    assert!(svg.contains("Norms = mean − 1 SD (2.260)"));
    assert!(svg.contains("stroke-dasharray"));
    let zh = semlab::report::slopes_plot::simple_slopes_svg(m, Lang::Zh).unwrap();
    assert!(zh.contains("Norms = 均值 + 1 个标准差"));
}

/// The bootstrap covers the moderation: the index of moderated mediation's
/// bootstrap SE and interval are those of the same index written as a `:=`
/// parameter (`index_mod_med := a3*b` in the model), on the same draws.
#[test]
fn the_index_of_moderated_mediation_has_the_bootstrap_interval_of_its_defined_parameter() {
    use semlab::bootstrap::{BootstrapOptions, CiType};
    let t = process7_table();
    let model = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7/model.lav"
    ))
    .unwrap();
    for ci_type in [CiType::BiasCorrected, CiType::Percentile] {
        let opts = Options {
            bootstrap: Some(BootstrapOptions {
                draws: 200,
                seed: 7,
                ci_type,
                level: 0.95,
            }),
            ..Options::default()
        };
        let a = analysis::run(&DataInput::Table(&t), &model, &opts).unwrap();
        let def = a
            .parameters
            .iter()
            .find(|p| p.lhs == "index_mod_med")
            .unwrap();
        let e = a.moderation[0].index_moderated_mediation.as_ref().unwrap();
        let ci = match ci_type {
            CiType::BiasCorrected => e.boot_bc.unwrap(),
            CiType::Percentile => e.boot_perc.unwrap(),
        };
        assert!(
            (ci.0 - def.boot_ci_lower.unwrap()).abs() < 1e-12,
            "{ci:?} {def:?}"
        );
        assert!((ci.1 - def.boot_ci_upper.unwrap()).abs() < 1e-12);
        assert!((e.boot_se.unwrap() - def.boot_se.unwrap()).abs() < 1e-12);
        // the slopes and conditional indirect effects have intervals too
        assert!(a.moderation[0]
            .slopes
            .iter()
            .all(|s| s.slope.boot_bc.is_some()
                && s.conditional_indirect.as_ref().unwrap().boot_perc.is_some()));
        let table = semlab::report::moderation_table_in(&a, Lang::En).unwrap();
        assert_eq!(table.columns.len(), 10);
        assert!(table.note.unwrap().contains("Bootstrap: "));
    }
}

/// The composite score: a row's mean of the items (missing where one is
/// missing), as a new column that reads back as the same numbers; a taken
/// name or an unknown item is refused.
#[test]
fn a_composite_score_is_the_mean_of_the_items_in_a_new_column() {
    let t = read_table(
        b"a,b,c\n1,2,4\n2,,3\n0.1,0.2,0.4\n",
        &ReadOptions::default(),
    )
    .unwrap();
    let u = t.with_composite("F", &["a", "b", "c"]).unwrap();
    assert_eq!(u.names(), ["a", "b", "c", "F"]);
    let f = u.numeric(&["F"]).unwrap();
    assert_eq!(f.rows[0][0], Some(7.0 / 3.0));
    assert_eq!(f.rows[1][0], None);
    assert_eq!(f.rows[2][0], Some((0.1 + 0.2 + 0.4) / 3.0));
    // a product term of the composite works like any column's
    assert!(u.numeric(&["F:a"]).is_ok());
    assert!(matches!(
        t.with_composite("a", &["b"]),
        Err(semlab::data::DataError::DuplicateColumnName { .. })
    ));
    assert!(t.with_composite("G", &["a", "z"]).is_err());
}

/// The helper's PROCESS model 7, written from the choice of X = Trust,
/// M = Interaction, W = Norms, Y = Loyalty into a model text with W's
/// mean ± 1 SD from the data, fits to lavaan's numbers: its `:=` lines are
/// the slopes, the index and the conditional indirect effects of lavaan's
/// fit (`slopes.json`), and the same as the moderation block's.
#[test]
fn the_helpers_process_model_7_fits_to_lavaans_numbers() {
    use semlab::analysis::process_helper::write_process_model;
    let t = process7_table();
    let data = DataInput::Table(&t);
    let model = write_process_model(
        Some(&data),
        "Loyalty ~ Trust\n",
        &process7_choice(),
        &Options::default(),
    )
    .unwrap();
    assert!(model.starts_with("Loyalty ~ c*Trust + b1*Interaction\nInteraction ~ a1*Trust + a2*Norms + a3*Trust:Norms\n"), "{model}");
    let a = analysis::run(&data, &model, &Options::default()).unwrap();
    let r: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/moderation_slopes/process7/slopes.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let lavaan = |name: &str| {
        r["defined"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == name)
            .unwrap()["est"]
            .as_f64()
            .unwrap()
    };
    let ours = |name: &str| a.parameters.iter().find(|p| p.lhs == name).unwrap();
    for (k, at) in ["low", "mean", "high"].into_iter().enumerate() {
        let s = &a.moderation[0].slopes[k];
        for (mine, theirs, block) in [
            (format!("slope_{at}"), format!("slope{}", k + 1), &s.slope),
            (
                format!("cind_{at}"),
                format!("cind{}", k + 1),
                s.conditional_indirect.as_ref().unwrap(),
            ),
        ] {
            let p = ours(&mine);
            assert!((p.est - lavaan(&theirs)).abs() < 1e-6, "{mine}");
            assert!((p.est - block.est).abs() < 1e-12, "{mine}");
            assert!((p.se.unwrap() - block.se.unwrap()).abs() < 1e-9, "{mine}");
        }
    }
    assert!((ours("index_mod_med").est - lavaan("index_mod_med")).abs() < 1e-6);
}

fn process7_choice() -> semlab::syntax::process::ProcessChoice {
    use semlab::syntax::process::{ProcessChoice, ProcessModel};
    ProcessChoice {
        model: ProcessModel::FirstStageModeratedMediation,
        x: "Trust".into(),
        m: vec!["Interaction".into()],
        w: Some("Norms".into()),
        y: "Loyalty".into(),
        w_values: None,
    }
}

/// The process7 data with missing values: Loyalty in rows 1–40, Norms in
/// rows 50–54, and a column the model does not use missing in rows 60–99.
fn process7_with_missing() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7/moderation_process7.csv"
    ))
    .unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        if i == 0 {
            cells.push("\"Other\"".into());
        } else {
            if i <= 40 {
                cells[3] = "NA".into();
            }
            if (50..55).contains(&i) {
                cells[1] = "NA".into();
            }
            cells.push(if (60..100).contains(&i) {
                "NA".into()
            } else {
                format!("{i}")
            });
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// W's mean ∓ 1 SD in the helper's `:=` lines are taken on the rows the
/// model is fitted to (complete on Trust, Norms, Interaction and Loyalty;
/// a missing value in a column the model does not use keeps its row), so
/// they are the moderation table's values and its conditional effects; the
/// person's lines stay. With centring, W's mean is 0.
#[test]
fn the_helpers_w_values_are_those_of_the_rows_the_model_uses() {
    use semlab::analysis::process_helper::write_process_model;
    let t = read_table(process7_with_missing().as_bytes(), &ReadOptions::default()).unwrap();
    let data = DataInput::Table(&t);
    let base = "# my model\nLoyalty ~ Trust  # H1\n";
    let model =
        write_process_model(Some(&data), base, &process7_choice(), &Options::default()).unwrap();
    assert!(
        model.starts_with("# my model\nLoyalty ~ c*Trust + b1*Interaction  # H1\n"),
        "{model}"
    );
    // by hand: the rows complete on the four variables
    let d = t
        .numeric(&["Trust", "Norms", "Interaction", "Loyalty"])
        .unwrap();
    let w: Vec<f64> = d
        .rows
        .iter()
        .filter(|r| r.iter().all(Option::is_some))
        .map(|r| r[1].unwrap())
        .collect();
    assert_eq!(w.len(), 400 - 40 - 5);
    let n = w.len() as f64;
    let mean = w.iter().sum::<f64>() / n;
    let sd = (w.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let constant_in = |model: &str, name: &str| -> f64 {
        let line = model.lines().find(|l| l.starts_with(name)).unwrap();
        let rhs = line.split(":=").nth(1).unwrap();
        let after = rhs.split("a3*").nth(1).unwrap();
        after
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let constant = |name: &str| constant_in(&model, name);
    for (name, v) in [
        ("slope_low", mean - sd),
        ("slope_mean", mean),
        ("slope_high", mean + sd),
    ] {
        assert!(
            (constant(name) - v).abs() < 1e-12,
            "{name}: {} vs {v}",
            constant(name)
        );
    }
    let a = analysis::run(&data, &model, &Options::default()).unwrap();
    assert_eq!(a.data.rows_used, w.len());
    let m = &a.moderation[0];
    for (k, at) in ["low", "mean", "high"].into_iter().enumerate() {
        assert_eq!(constant(&format!("slope_{at}")), m.slopes[k].w);
        let p = a
            .parameters
            .iter()
            .find(|p| p.lhs == format!("cind_{at}"))
            .unwrap();
        let c = m.slopes[k].conditional_indirect.as_ref().unwrap();
        assert!((p.est - c.est).abs() < 1e-12);
    }
    // centred: W's mean in the rows used is 0
    let centred = Options {
        center_interactions: true,
        ..Options::default()
    };
    let model = write_process_model(Some(&data), base, &process7_choice(), &centred).unwrap();
    assert!(constant_in(&model, "slope_mean").abs() < 1e-12, "{model}");
    assert!((constant_in(&model, "slope_high") - sd).abs() < 1e-12);
    // without data, the lines at W's values are left out
    let bare = write_process_model(None, base, &process7_choice(), &Options::default()).unwrap();
    assert!(
        bare.contains("index_mod_med := a3*b1\n") && !bare.contains("slope_low"),
        "{bare}"
    );
}

/// The methods paragraph states the mediation verdict and the moderation
/// in both languages, from the verdicts the tables use: the interaction's
/// test, the Johnson–Neyman region and the index of moderated mediation.
#[test]
fn the_methods_paragraph_states_the_mediation_and_the_moderation() {
    use semlab::report::methods::paragraph;
    let a = common::agree("moderation", "moderation_process7");
    let m = &a.moderation[0];
    assert_eq!(m.moderated(), Some(true));
    let en = paragraph(&a, &Options::default(), Lang::En);
    // the indirect effect is conditional here: the index and the
    // conditional effects speak for it, no unconditional verdict
    assert!(!en.contains("The total indirect effect"), "{en}");
    assert!(
        en.contains(
            "The effect of Trust on Interaction was moderated by Norms (interaction B = 0.247, p "
        ),
        "{en}"
    );
    assert!(
        en.contains(
            "where Norms > 2.072; Norms ranges from 0.411 to 5.823 in the data (the transition point Norms = 0.389 lies outside it)."
        ),
        "{en}"
    );
    assert!(
        en.contains("The index of moderated mediation through Interaction was 0.114 (95% CI ["),
        "{en}"
    );
    let zh = paragraph(&a, &Options::default(), Lang::Zh);
    assert!(
        zh.contains("Norms 调节了 Trust 对 Interaction 的效应（交互项 B = 0.247"),
        "{zh}"
    );
    assert!(
        zh.contains("经由 Interaction 的被调节的中介指数为 0.114"),
        "{zh}"
    );
}

/// The APA table of conditional effects (the publication tables' and their
/// Word, LaTeX and CSV exports'): the simple-slopes table's numbers, B, SE
/// and CI, in both languages, with the Johnson–Neyman region in the note.
#[test]
fn the_apa_tables_have_the_conditional_effects() {
    use semlab::report::apa;
    let a = common::agree("moderation", "moderation_process7");
    let t = apa::moderation_table_in(&a, Lang::En).unwrap();
    assert_eq!(t.columns, ["Effect", "Moderator", "B", "SE", "95% CI"]);
    assert_eq!(
        t.rows[0],
        [
            "Slope Trust → Interaction",
            "Norms = mean − 1 SD (2.260)",
            "0.185",
            "0.064",
            "[0.059, 0.310]"
        ]
    );
    assert_eq!(t.rows[6][0], "Index of moderated mediation");
    assert_eq!(t.rows[6][2], "0.114");
    let note = t.note.unwrap();
    assert!(note.starts_with("N = "), "{note}");
    assert!(note.contains("where Norms > 2.072; Norms ranges"), "{note}");
    assert!(apa::tables_in(&a, Lang::En)
        .iter()
        .any(|t| t.id == "apa_moderation"));
    let zh = apa::moderation_table_in(&a, Lang::Zh).unwrap();
    assert_eq!(zh.caption, "调节变量不同取值下的条件效应");
    assert!(zh
        .note
        .unwrap()
        .ends_with("CI = 基于 Delta 法标准误的 Wald 区间。"));
}

/// The R script makes what the page made: the composite score columns
/// (`rowMeans` of the items) and, with the centring option, the centred
/// variables of the product terms before lavaan forms `Trust:Norms`. Run by
/// Rscript (when installed with lavaan), lavaan's a1 is the engine's on the
/// centred data and the composite's mean the engine's.
#[test]
fn the_r_script_centres_and_makes_the_composite_scores() {
    use semlab::report::rscript::{r_script, RData};
    use std::process::Command;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7"
    );
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    let opts = Options {
        center_interactions: true,
        ..Options::default()
    };
    let data = RData::File {
        name: format!("{dir}/moderation_process7.csv"),
        delimiter: b',',
        decimal_comma: false,
        missing_codes: Vec::new(),
        encoding: semlab::data::TextEncoding::Utf8,
        composites: vec![("TN_mean".into(), vec!["Trust".into(), "Norms".into()])],
    };
    let script = r_script(&model, &opts, &data, &[], &[]);
    assert!(
        script.contains("data[[\"TN_mean\"]] <- rowMeans(data[, c(\"Trust\", \"Norms\")])"),
        "{script}"
    );
    assert!(
        script.contains(
            "for (v in c(\"Trust\", \"Norms\")) data[[v]] <- data[[v]] - mean(data[[v]][used])"
        ),
        "{script}"
    );
    // no centring lines without the option
    assert!(!r_script(&model, &Options::default(), &data, &[], &[]).contains("used <- "));

    let t = process7_table();
    let a = analysis::run(&DataInput::Table(&t), &model, &opts).unwrap();
    let a1 = a
        .parameters
        .iter()
        .find(|p| p.lhs == "Interaction" && p.rhs == "Trust")
        .unwrap()
        .est;
    let tn = t.with_composite("TN_mean", &["Trust", "Norms"]).unwrap();
    let col: Vec<f64> = tn
        .numeric(&["TN_mean"])
        .unwrap()
        .rows
        .iter()
        .filter_map(|r| r[0])
        .collect();
    let tn_mean = col.iter().sum::<f64>() / col.len() as f64;
    let has_r = common::r_with_lavaan();
    if !has_r {
        eprintln!(
            "skipped running the R script: Rscript with lavaan and semTools is not installed"
        );
        return;
    }
    let path = std::env::temp_dir().join(format!("semlab-moderation-{}.R", std::process::id()));
    let probe = "cat(\"\\nSEMLAB\", sprintf(\"%.10f\", coef(fit)[[\"a1\"]]), sprintf(\"%.10f\", mean(data$TN_mean, na.rm = TRUE)), \"\\n\")\n";
    std::fs::write(&path, script + probe).unwrap();
    let out = Command::new("Rscript").arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("SEMLAB"))
        .expect("the probe line");
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    assert!((v[0] - a1).abs() < 1e-6, "lavaan a1 {} vs {a1}", v[0]);
    assert!(
        (v[1] - tn_mean).abs() < 1e-9,
        "R composite mean {} vs {tn_mean}",
        v[1]
    );
}

/// The report file (the page's *Download report*) draws the simple-slopes
/// plot under the moderation table.
#[test]
fn the_report_has_the_simple_slopes_plot_under_the_moderation_table() {
    use semlab::report::document::{report_sections, ReportParts};
    let a = common::agree("moderation", "moderation_process7");
    let tables = semlab::report::all_tables_in(&a, Lang::En);
    let html = report_sections(
        &a,
        &ReportParts {
            tables: &tables,
            items: None,
            diagrams: &[],
            methods: None,
            ladder: None,
        },
        Lang::En,
    );
    let table = html.find("Moderation: simple slopes").expect("the table");
    let plot = html.find("class=\"semlab-slopes\"").expect("the plot");
    assert!(table < plot);
    assert!(plot < html.find("Parameter estimates").expect("the next table"));
}

/// lavaan does not care about the order inside `a:b`, and neither does
/// semlab: the mediator written second (`Loyalty ~ … + Norms:Interaction`,
/// PROCESS model 14) or the X written second (`Interaction ~ … +
/// Norms:Trust`, model 7) is still the focal predictor — the one the model
/// involves in other regressions — and Norms the moderator, so the path
/// Trust → Interaction → Loyalty has its conditional effects either way and
/// the moderation, effects and fit tables read the same.
#[test]
fn the_order_inside_the_product_term_changes_nothing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/moderation");
    let cases = [
        (
            "moderation_process14",
            "Interaction:Norms",
            "Norms:Interaction",
        ),
        ("moderation_process7", "Trust:Norms", "Norms:Trust"),
    ];
    for (name, written, swapped) in cases {
        let data = std::fs::read(format!("{dir}/{name}/{name}.csv")).unwrap();
        let t = read_table(&data, &ReadOptions::default()).unwrap();
        let model = std::fs::read_to_string(format!("{dir}/{name}/model.lav")).unwrap();
        // without the user's `:=` lines, which name the product's parts
        let model: String = model
            .lines()
            .filter(|l| !l.contains(":="))
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(model.contains(written), "{model}");
        let run = |m: &str| analysis::run(&DataInput::Table(&t), m, &Options::default()).unwrap();
        let a = run(&model);
        let b = run(&model.replace(written, swapped));
        assert_eq!(a.moderation.len(), 1, "{name}");
        assert_eq!(a.moderation[0].moderator, "Norms");
        let path = a.moderation[0].paths.first().map(|p| p.label());
        assert_eq!(path.as_deref(), Some("Trust → Interaction → Loyalty"));
        assert_eq!(a.moderation, b.moderation, "{name}: {swapped}");
        let ids = [
            "fit",
            "effects",
            "moderation",
            "apa_effects",
            "apa_moderation",
        ];
        let tables = |a: &semlab::analysis::Analysis| {
            let mut all = semlab::report::all_tables_in(a, Lang::En);
            all.extend(semlab::report::apa::tables_in(a, Lang::En));
            all.retain(|t| ids.contains(&t.id.as_str()));
            all
        };
        let (ta, tb) = (tables(&a), tables(&b));
        assert!(ta.iter().any(|t| t.id == "moderation"), "{name}");
        assert_eq!(ta, tb, "{name}: {swapped}");
    }
}

/// The R script writes the `:=` lines of the moderation tables into its
/// labelled copy of the model (`model_effects`; the user's text is left
/// as it is): per block the simple slopes at W = mean − 1 SD, mean and
/// mean + 1 SD (`slope{k}_low`, …), per path its conditional indirect
/// effects (`cind{j}_low`, …) and index of moderated mediation (`imm{j}`),
/// W's mean and SD written with every digit. Run by Rscript (when installed
/// with lavaan) on PROCESS models 7 (the user's labels and `:=` kept) and
/// 14 (the product written `Norms:Interaction`), a serial chain and a
/// serial mediation with missing values (unlabelled), and a path moderated
/// at both stages (no index), lavaan's `:=` rows are semlab's numbers:
/// estimate to 1e-5 (the two optimisers' tolerance on the both-stages
/// model), SE to 0.1%, p and CI to 1e-4 — every slope,
/// conditional effect and index of semlab's tables, and nothing else.
#[test]
fn the_r_script_gives_the_conditional_effects_in_lavaan() {
    use semlab::report::rscript::{r_script, RData};
    use std::process::Command;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/moderation");
    let fixture = |name: &str| std::fs::read_to_string(format!("{dir}/{name}/model.lav")).unwrap();
    let without_defined = |m: String| -> String {
        m.lines()
            .filter(|l| !l.contains(":="))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let cases: Vec<(&str, String)> = vec![
        ("moderation_process7", fixture("moderation_process7")),
        (
            "moderation_process14",
            "Interaction ~ Trust\n\
             Loyalty ~ Trust + Interaction + Norms + Norms:Interaction\n\
             Interaction ~~ Norms + Norms:Interaction\n\
             Trust ~~ Norms + Norms:Interaction\n\
             Norms ~~ Norms:Interaction\n"
                .to_string(),
        ),
        (
            "moderation_serial_chain",
            "M1 ~ X + W + X:W\nM2 ~ M1 + X\nY ~ M2 + X\n".to_string(),
        ),
        (
            "moderation_serial_missing",
            "M1 ~ X + W + W:X\nM2 ~ M1 + X\nY ~ M1 + M2 + X\n".to_string(),
        ),
        (
            "moderation_both_stages",
            without_defined(fixture("moderation_both_stages")),
        ),
        (
            "dichotomous",
            "Interaction ~ Trust + High + Trust:High\nLoyalty ~ Interaction + Trust\n".to_string(),
        ),
    ];
    let has_r = common::r_with_lavaan();
    for (name, model) in cases {
        let csv = match name {
            // a dichotomous W: its two values, `_low` and `_high`
            "dichotomous" => format!("{dir}_slopes/{name}/{name}.csv"),
            _ => format!("{dir}/{name}/{name}.csv"),
        };
        let t = read_table(&std::fs::read(&csv).unwrap(), &ReadOptions::default()).unwrap();
        let a = analysis::run(&DataInput::Table(&t), &model, &Options::default()).unwrap();
        assert!(!a.moderation.is_empty(), "{name}");
        let suffix = |s: &semlab::moderation::SimpleSlope| {
            ["low", "mean", "high"][(s.sd_offset + 1) as usize]
        };
        let script = r_script(
            &model,
            &Options::default(),
            &RData::csv(&csv),
            &a.constructs,
            &a.moderation,
        );
        // the user's model verbatim, the lines in the labelled copy
        assert!(
            script.contains(&format!("model <- r\"({model})\"")),
            "{name}"
        );
        // semlab's quantities by the script's names
        let mut expected: Vec<(String, &semlab::effects::EffectEstimate)> = Vec::new();
        let mut j = 0;
        for (k, m) in a.moderation.iter().enumerate() {
            for s in &m.slopes {
                expected.push((format!("slope{}_{}", k + 1, suffix(s)), &s.slope));
            }
            for p in m.paths.iter().filter(|p| !p.conditional.is_empty()) {
                j += 1;
                for (c, s) in p.conditional.iter().zip(&m.slopes) {
                    expected.push((format!("cind{j}_{}", suffix(s)), c));
                }
                expected.extend(p.index.iter().map(|i| (format!("imm{j}"), i)));
            }
        }
        for (n, _) in &expected {
            assert!(
                script.contains(&format!("\n{n} := ")),
                "{name}: {n}\n{script}"
            );
        }
        if name == "moderation_serial_chain" {
            let m = &a.moderation[0];
            let (mean, sd) = (m.moderator_mean, m.moderator_sd);
            assert!(
                script.contains(&format!(
                    "\ncind2_low := (e1 + e2*({mean} - {sd}))*e3*e5  # X -> M1 -> M2 -> Y at W = mean - 1 SD\n"
                )),
                "{script}"
            );
            assert!(
                script.contains("(M1 ~ e1*X + W + e2*X:W\nM2 ~ e3*M1 + e4*X\nY ~ e5*M2 + e6*X\n"),
                "{script}"
            );
        }
        if !has_r {
            eprintln!(
                "skipped running the R script: Rscript with lavaan and semTools is not installed"
            );
            continue;
        }
        let path = std::env::temp_dir().join(format!("semlab-{name}-{}.R", std::process::id()));
        let probe = "pe <- parameterEstimates(fit_effects)\n\
                     for (i in which(pe$op == \":=\")) cat(\"\\nSEMLAB\", pe$lhs[i], sprintf(\"%.12f\", unlist(pe[i, c(\"est\", \"se\", \"pvalue\", \"ci.lower\", \"ci.upper\")])), \"\\n\")\n";
        std::fs::write(&path, script + probe).unwrap();
        let out = Command::new("Rscript").arg(&path).output().unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut lavaan: Vec<(String, serde_json::Value)> = Vec::new();
        for line in stdout.lines().filter(|l| l.starts_with("SEMLAB ")) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let x = |i: usize| f[i].parse::<f64>().unwrap();
            lavaan.push((
                f[1].to_string(),
                serde_json::json!({"est": x(2), "se": x(3), "pvalue": x(4), "ci_lower": x(5), "ci_upper": x(6)}),
            ));
        }
        for (n, e) in &expected {
            let d = lavaan
                .iter()
                .find(|(l, _)| l == n)
                .unwrap_or_else(|| panic!("{name}: lavaan's {n}"));
            let near = |a: f64, key: &str, tol: f64| {
                let b = d.1[key].as_f64().unwrap();
                assert!((a - b).abs() <= tol, "{name} {n} {key}: {a} vs lavaan {b}");
            };
            near(e.est, "est", 1e-5);
            near(e.se.unwrap(), "se", 1e-3 * d.1["se"].as_f64().unwrap());
            near(e.pvalue.unwrap(), "pvalue", 1e-4);
            near(e.ci_lower.unwrap(), "ci_lower", 1e-4);
            near(e.ci_upper.unwrap(), "ci_upper", 1e-4);
        }
        // lavaan's other `:=` rows: the user's own and the effects table's
        let ours = |l: &str| {
            ["slope", "cind", "imm"]
                .iter()
                .any(|p| l.starts_with(p) && l[p.len()..].starts_with(|c: char| c.is_ascii_digit()))
        };
        assert_eq!(
            lavaan.iter().filter(|(l, _)| ours(l)).count(),
            expected.len(),
            "{name}: {lavaan:?}"
        );
    }
}

/// Where the Johnson–Neyman region meets W's observed range, each case in
/// plain words: no point inside (significant across the range or nowhere
/// in it), one point inside (below / above it), two inside; without a
/// range, the region on the whole line.
#[test]
fn the_johnson_neyman_note_reads_the_region_within_the_observed_range() {
    use semlab::moderation::{ObservedRegion, SignificanceRegion as R};
    let a = common::agree("moderation", "moderation_process7");
    let with = |region, points: &[f64], range| {
        let mut m = a.moderation[0].clone();
        m.significant_where = Some(region);
        m.johnson_neyman = points.to_vec();
        m.moderator_range = range;
        m
    };
    let r = Some((1.0, 5.0));
    let cases = [
        (with(R::Outside, &[-3.0, -1.0], r), ObservedRegion::All),
        (with(R::Inside, &[-3.0, -1.0], r), ObservedRegion::None),
        (with(R::Inside, &[0.0, 9.0], r), ObservedRegion::All),
        (with(R::Outside, &[0.0, 9.0], r), ObservedRegion::None),
        (with(R::Outside, &[2.0, 9.0], r), ObservedRegion::Below(2.0)),
        (with(R::Inside, &[2.0, 9.0], r), ObservedRegion::Above(2.0)),
        (with(R::Inside, &[-2.0, 3.0], r), ObservedRegion::Below(3.0)),
        (
            with(R::Outside, &[2.0, 3.0], r),
            ObservedRegion::OutsideOf(2.0, 3.0),
        ),
        (with(R::Everywhere, &[], r), ObservedRegion::All),
        (with(R::Nowhere, &[], r), ObservedRegion::None),
        (
            with(R::Outside, &[-3.0, -1.0], None),
            ObservedRegion::OutsideOf(-3.0, -1.0),
        ),
    ];
    for (m, want) in &cases {
        assert_eq!(m.significant_in_range(), Some(*want), "{m:?}");
    }
    let en = |m| semlab::report::johnson_neyman_words(m, Lang::En).unwrap();
    let zh = |m| semlab::report::johnson_neyman_words(m, Lang::Zh).unwrap();
    assert_eq!(
        en(&cases[1].0),
        "Johnson–Neyman (1936): the slope of Trust → Interaction is not significant (p < .05) anywhere in the observed range of Norms; Norms ranges from 1.000 to 5.000 in the data (the transition points Norms = -3.000 and -1.000 lie outside it)."
    );
    assert_eq!(
        en(&cases[5].0),
        "Johnson–Neyman (1936): the slope of Trust → Interaction is significant (p < .05) where Norms > 2.000; Norms ranges from 1.000 to 5.000 in the data (the transition point Norms = 9.000 lies outside it)."
    );
    assert_eq!(
        en(&cases[10].0),
        "Johnson–Neyman (1936): the slope of Trust → Interaction is significant (p < .05) where Norms < -3.000 or Norms > -1.000."
    );
    assert_eq!(
        zh(&cases[1].0),
        "Johnson–Neyman（1936）：在 Norms 的观测取值范围内，Trust 对 Interaction 的斜率都不显著（p < .05）；数据中 Norms 的取值范围为 1.000 至 5.000（转折点 Norms = -3.000、-1.000 在此范围之外）。"
    );
    assert_eq!(
        zh(&cases[4].0),
        "Johnson–Neyman（1936）：当 Norms < 2.000 时，Trust 对 Interaction 的斜率显著（p < .05）；数据中 Norms 的取值范围为 1.000 至 5.000（转折点 Norms = 9.000 在此范围之外）。"
    );
}

/// A dichotomous moderator (High, 0/1: the PROCESS model 7 data with Norms
/// cut at its median) has its slopes and conditional indirect effects at
/// its two values, as PROCESS and JASP, not at the mean ∓ 1 SD (values it
/// never takes): estimate and SE agree with lavaan's `:=` rows at W = 0
/// and W = 1 to 1e-6 relative (`moderation_slopes/dichotomous/make.R`);
/// no Johnson–Neyman region; the tables say `High = 0` and why in the note
/// (en, zh), the plot has two lines, and the R script's `:=` lines are at
/// 0 and 1.
#[test]
fn a_dichotomous_moderator_is_probed_at_its_two_values() {
    use semlab::report::rscript::{r_script, RData};
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation_slopes/dichotomous"
    );
    let csv = format!("{dir}/dichotomous.csv");
    let t = read_table(&std::fs::read(&csv).unwrap(), &ReadOptions::default()).unwrap();
    let model = "Interaction ~ Trust + High + Trust:High\nLoyalty ~ Interaction + Trust\n";
    let a = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap();
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/slopes.json")).unwrap())
            .unwrap();
    let def = |name: &str| {
        r["defined"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == name)
            .unwrap()
            .clone()
    };
    let check = |e: &semlab::effects::EffectEstimate, name: &str| {
        let d = def(name);
        let rel = |a: f64, key: &str| {
            let b = d[key].as_f64().unwrap();
            assert!(
                (a - b).abs() <= 1e-6 * b.abs(),
                "{name} {key}: {a} vs lavaan {b}"
            );
        };
        rel(e.est, "est");
        rel(e.se.unwrap(), "se");
    };
    let [m] = &a.moderation[..] else {
        panic!("one block: {:?}", a.moderation)
    };
    assert!(m.dichotomous);
    assert_eq!(m.slopes.len(), 2, "{:?}", m.slopes);
    for (k, s) in m.slopes.iter().enumerate() {
        assert_eq!(s.w, k as f64);
        assert_eq!(s.sd_offset, 2 * k as i8 - 1);
        check(&s.slope, &format!("slope{k}"));
        check(
            s.conditional_indirect.as_ref().unwrap(),
            &format!("cind{k}"),
        );
    }
    check(
        m.index_moderated_mediation.as_ref().unwrap(),
        "index_mod_med",
    );
    assert_eq!(m.lines.len(), 2);
    // no Johnson–Neyman region between 0 and 1
    assert!(m.johnson_neyman.is_empty() && m.significant_where.is_none());
    assert_eq!(semlab::report::johnson_neyman_words(m, Lang::En), None);
    // the tables: at High = 0 and High = 1, and why in the note
    for (lang, at, said) in [
        (
            Lang::En,
            "High = 0",
            "High takes two values in the data (0 and 1)",
        ),
        (Lang::Zh, "High = 0", "High 在数据中只有两个取值（0 和 1）"),
    ] {
        for t in [
            semlab::report::moderation_table_in(&a, lang).unwrap(),
            semlab::report::apa::moderation_table_in(&a, lang).unwrap(),
        ] {
            assert_eq!(t.rows[0][1], at, "{:?}", t.rows);
            assert_eq!(t.rows[1][1], "High = 1", "{:?}", t.rows);
            let note = t.note.unwrap();
            assert!(note.contains(said), "{note}");
            // not the continuous W's note
            assert!(
                !note.contains("divisor") && !note.contains("分母"),
                "{note}"
            );
        }
    }
    let svg = semlab::report::slopes_plot::simple_slopes_svg(m, Lang::En).unwrap();
    assert_eq!(svg.matches("class=\"slope\"").count(), 2, "{svg}");
    assert!(svg.contains("High = 1") && !svg.contains("mean"), "{svg}");
    // the R script's := lines at the two values
    let script = r_script(
        model,
        &Options::default(),
        &RData::csv(&csv),
        &a.constructs,
        &a.moderation,
    );
    for line in [
        "\nslope1_low := e1 + e2*0  # Trust -> Interaction at High = 0\n",
        "\nslope1_high := e1 + e2*1  # Trust -> Interaction at High = 1\n",
        "\ncind1_high := (e1 + e2*1)*e3  # Trust -> Interaction -> Loyalty at High = 1\n",
    ] {
        assert!(script.contains(line), "{line}\n{script}");
    }
}

/// The *Mediation / moderation* helper writes a dichotomous W's `:=` lines
/// at its two values, as the moderation table gives them: `slope_low` and
/// `cind_low` at High = 0, `_high` at High = 1, no `_mean`; the fit of the
/// text it writes has them equal to the table's slopes and conditional
/// indirect effects, and those to lavaan's (`moderation_slopes/dichotomous`).
#[test]
fn the_helper_writes_a_dichotomous_moderators_two_values() {
    use semlab::analysis::process_helper::write_process_model;
    let csv = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation_slopes/dichotomous/dichotomous.csv"
    );
    let t = read_table(&std::fs::read(csv).unwrap(), &ReadOptions::default()).unwrap();
    let choice = semlab::syntax::process::ProcessChoice {
        w: Some("High".into()),
        ..process7_choice()
    };
    let data = DataInput::Table(&t);
    let text = write_process_model(Some(&data), "", &choice, &Options::default()).unwrap();
    for line in [
        "slope_low := a1 + a3*0",
        "slope_high := a1 + a3*1",
        "cind_low := (a1 + a3*0)*b1",
        "cind_high := (a1 + a3*1)*b1",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(!text.contains("_mean"), "{text}");
    let a = analysis::run(&data, &text, &Options::default()).unwrap();
    let est = |lhs: &str| a.parameters.iter().find(|p| p.lhs == lhs).unwrap().est;
    let m = &a.moderation[0];
    assert!(m.dichotomous);
    for (s, at) in m.slopes.iter().zip(["low", "high"]) {
        assert!((s.slope.est - est(&format!("slope_{at}"))).abs() < 1e-12);
        let c = s.conditional_indirect.as_ref().unwrap();
        assert!((c.est - est(&format!("cind_{at}"))).abs() < 1e-12);
    }
}

/// A dichotomous W moderating both stages (Trust → Interaction and
/// Interaction → Loyalty by High): the indirect effect has no single index,
/// and the methods paragraph gives it at High = 0 and High = 1 — the
/// numbers of the moderation table. It said nothing: its sentence expected
/// three values of W (mean ∓ 1 SD).
#[test]
fn a_dichotomous_moderator_of_both_stages_is_described_at_its_two_values() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation_slopes/dichotomous"
    );
    let bytes = std::fs::read(format!("{dir}/dichotomous.csv")).unwrap();
    let t = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = "Interaction ~ Trust + High + Trust:High\nLoyalty ~ Interaction + Trust + High + Interaction:High\n";
    let a = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap();
    let m = a
        .moderation
        .iter()
        .find(|m| m.outcome == "Interaction")
        .unwrap();
    assert!(m.dichotomous);
    let [p] = &m.paths[..] else {
        panic!("one path: {:?}", m.paths)
    };
    assert!(p.quadratic() && p.index.is_none());
    let [low, high] = &p.conditional[..] else {
        panic!("two values of W: {:?}", p.conditional)
    };
    let en = semlab::report::methods::paragraph(&a, &Options::default(), Lang::En);
    let says = format!(
        "High moderated more than one stage of the indirect effect of Trust on Loyalty through Interaction, so that effect has no single index of moderated mediation; at High = 0 and High = 1 it was {:.3} [",
        low.est
    );
    assert!(en.contains(&says), "{en}");
    assert!(en.contains(&format!(" and {:.3} [", high.est)), "{en}");
    assert!(!en.contains("mean − 1 SD"), "{en}");
    let zh = semlab::report::methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(zh.contains("在 High = 0 和 High = 1 处分别为"), "{zh}");
}
