//! Multi-group models agree with lavaan 0.6.14 / semTools 0.5-6 on the
//! reference cases in `tests/fixtures/lavaan-advanced/`: `group = "school"`
//! on Holzinger–Swineford (configural; loadings equal), and the live-commerce
//! SEM by sales channel with loadings and intercepts equal except `T2 ~ 1`
//! (partial scalar invariance, latent means free in group 2). Every
//! parameter row of both groups, every fit measure, R², ω and AVE per group
//! and the modification indices, with the tolerances of `common::compare_all`.
//! Full-information ML (and MLR) with groups on `lavaan-groups/hs1939_groups_fiml*`.

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

// Held out (a new user's check): Holzinger–Swineford by sex, a numeric
// group column (1, 2: lavaan's labels "1", "2"), x9 loading on visual and
// speed and x2 ~~ x3, equal loadings — under ML and MLR
// (scripts/make_fixture.R).
#[test]
fn holzinger_swineford_by_sex_with_a_cross_loading_equal_loadings() {
    let a = common::agree("lavaan-groups", "hs1939_sex_metric");
    assert_eq!(a.groups.as_ref().unwrap().labels, ["1", "2"]);
    common::agree("lavaan-groups", "hs1939_sex_metric_mlr");
}

// A defined parameter (`H3 := a1 - a2`, the Trust path's difference
// between the channels) belongs to no group: lavaan's group 0, after every
// group's rows. It agrees with lavaan's estimate and delta-method SE under
// MLR, and the report has it once, in the table of defined parameters.
#[test]
fn live_commerce_defined_parameter_by_channel_is_of_no_group() {
    use semlab::report::{all_tables_in, Lang};
    let a = common::agree("lavaan-groups", "livecommerce_groups_defined");
    let case = common::load("lavaan-groups", "livecommerce_groups_defined");
    let lavaan = case.reference["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["op"] == ":=")
        .unwrap();
    assert_eq!(lavaan["group"], 0);
    let [h3] = a
        .parameters
        .iter()
        .filter(|p| p.op == ":=")
        .collect::<Vec<_>>()[..]
    else {
        panic!("one defined parameter")
    };
    assert_eq!(h3.group, 0);
    let tables = all_tables_in(&a, Lang::En);
    let rows: Vec<&Vec<String>> = tables
        .iter()
        .flat_map(|t| &t.rows)
        .filter(|r| r.get(1).is_some_and(|op| op == ":="))
        .collect();
    assert_eq!(rows.len(), 1);
    let cell = |k: &str| format!("{:.3}", lavaan[k].as_f64().unwrap());
    assert_eq!(rows[0][4..6], [cell("est"), cell("se")]);
    let defined = tables
        .iter()
        .find(|t| t.id == "defined_parameters")
        .unwrap();
    assert_eq!(defined.rows, [rows[0].clone()]);
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

/// The Holzinger–Swineford data with its school column.
fn school_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invariance/hs1939_school_ladder")
}

/// `model` on the Holzinger–Swineford data by its column `group`.
fn schools_grouped_by(
    group: &str,
    model: &str,
) -> Result<analysis::Analysis, analysis::AnalysisError> {
    let bytes = std::fs::read(school_dir().join("hs1939_school.csv")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options {
        group: Some(group.into()),
        ..Options::default()
    };
    analysis::run(&DataInput::Table(&table), model, &opts)
}

/// Holzinger–Swineford by school with the cells of some rows changed.
fn schools_with(
    edit: impl Fn(&mut Vec<String>),
) -> Result<analysis::Analysis, analysis::AnalysisError> {
    let dir = school_dir();
    let text = std::fs::read_to_string(dir.join("hs1939_school.csv")).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        edit(&mut cells);
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let table = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    let opts = Options {
        group: Some("school".into()),
        ..Options::default()
    };
    analysis::run(&DataInput::Table(&table), &model, &opts)
}

#[test]
fn an_item_constant_within_one_group_is_named_with_its_group() {
    use semlab::i18n::{Lang, Localized};
    let e = schools_with(|c| {
        if c[0] == "\"Pasteur\"" {
            c[1] = "3".into();
        }
    })
    .unwrap_err();
    let en = e.to_string();
    assert!(
        en.contains("`x1`")
            && en.contains("group \"Pasteur\"")
            && en.contains("another group column"),
        "{en}"
    );
    let zh = e.message(Lang::Zh);
    assert!(
        zh.contains("`x1`") && zh.contains("组“Pasteur”") && zh.contains("分组变量"),
        "{zh}"
    );
}

/// The group column is also a variable of the model (`x1` as group and as
/// an item): it cannot vary within a group. lavaan stops with "some
/// variables have no variance in group 1: x1"; semlab said `x1` was
/// constant in the group "3.3333333" (one of its values). Now it names the
/// mistake itself, en + zh, before any statistics.
#[test]
fn a_group_column_that_is_in_the_model_is_refused_as_such() {
    use semlab::i18n::{Lang, Localized};
    let model = std::fs::read_to_string(school_dir().join("model.lav")).unwrap();
    assert!(model.contains("x1"), "{model}");
    let e = schools_grouped_by("x1", &model).unwrap_err();
    let en = e.to_string();
    assert!(
        en.starts_with("the group column \"x1\" is also a variable of the model")
            && en.contains("take `x1` out of the model, or choose another group column"),
        "{en}"
    );
    let zh = e.message(Lang::Zh);
    assert!(zh.contains("分组列“x1”同时是模型中的变量"), "{zh}");
}

/// A measurement as the group column (x9: 129 values among 301 rows):
/// semlab said the group "6.3611111" had too few rows for its items. Now it
/// says the column has too many values to be groups, en + zh; a grouping
/// with enough rows a group keeps its own messages (the tests above).
#[test]
fn a_measurement_as_the_group_column_is_named_as_such() {
    use semlab::i18n::{Lang, Localized};
    let e =
        schools_grouped_by("x9", "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6").unwrap_err();
    let en = e.to_string();
    assert!(
        en.starts_with("the group column \"x9\" has 129 different values among 301 rows")
            && en.contains("not a measurement"),
        "{en}"
    );
    let zh = e.message(Lang::Zh);
    assert!(
        zh.contains("分组列“x9”在 301 行中有 129 个不同的取值"),
        "{zh}"
    );
}

#[test]
fn a_group_with_fewer_rows_than_items_is_named() {
    use semlab::i18n::{Lang, Localized};
    let row = std::cell::Cell::new(0);
    let e = schools_with(|c| {
        row.set(row.get() + 1);
        if row.get() <= 3 {
            c[0] = "Tiny".into();
        }
    })
    .unwrap_err();
    let en = e.to_string();
    assert!(
        en.contains("in group \"Tiny\"") && en.contains("only 3 rows"),
        "{en}"
    );
    assert!(e.message(Lang::Zh).contains("在组“Tiny”中"));
}

#[test]
fn each_group_has_its_own_tables_and_chi_square_share() {
    use semlab::i18n::Lang;
    use semlab::report::groups::{
        group_chisq_table_in, of_group, parameters_table_of_group, r2_table_of_group,
    };
    let a = common::agree("lavaan-advanced", "hs1939_groups_configural");
    let g2 = of_group(&a, 2).unwrap();
    assert!(g2.parameters.iter().all(|p| p.group == 2 || p.group == 0));
    assert_eq!(g2.nobs, 145);
    assert_eq!(&g2.r2, &a.groups.as_ref().unwrap().r2[1]);
    assert!(of_group(&a, 3).is_none());
    let p = parameters_table_of_group(&a, 2, Lang::En).unwrap();
    assert!(
        p.caption.ends_with("(school = Grant-White)"),
        "{}",
        p.caption
    );
    assert_eq!(p.rows.len(), g2.parameters.len());
    let r2 = r2_table_of_group(&a, 1, Lang::Zh).unwrap();
    assert!(r2.caption.contains("school = Pasteur"));
    let chi = group_chisq_table_in(&a, Lang::En).unwrap();
    let g = a.groups.as_ref().unwrap();
    assert_eq!(chi.rows[0][0], "Pasteur");
    assert_eq!(chi.rows[1][1], "145");
    assert_eq!(chi.rows[1][2], format!("{:.3}", g.chisq[1]));
    let single = common::agree("lavaan", "hs1939_cfa");
    assert!(group_chisq_table_in(&single, Lang::En).is_none());
}

/// The report of a multi-group fit gives each school its own reliability
/// and Fornell–Larcker table, captioned with the school, with semTools'
/// per-group ω and AVE (`compRelSEM`, `AVE` on the multi-group fit): speed
/// ω .612 in Pasteur but .768 in Grant-White — one table for both would
/// hide that the scale is weak in one school only.
#[test]
fn the_report_has_each_schools_reliability() {
    use semlab::report::{all_tables_in, Lang};
    let case = common::load("lavaan-groups", "hs1939_groups_mlr");
    let a = case.run();
    let tables = all_tables_in(&a, Lang::En);
    for (g, school) in ["Pasteur", "Grant-White"].iter().enumerate() {
        let caption = format!("(school = {school})");
        let rel = tables
            .iter()
            .find(|t| t.id == "reliability" && t.caption.ends_with(&caption))
            .unwrap();
        let fl = tables
            .iter()
            .find(|t| t.id == "fornell_larcker" && t.caption.ends_with(&caption))
            .unwrap();
        for (i, construct) in ["visual", "textual", "speed"].iter().enumerate() {
            let want = &case.reference["reliability"][construct];
            let omega = want["omega"][g].as_f64().unwrap();
            let ave = want["ave"][g].as_f64().unwrap();
            let row = rel.rows.iter().find(|r| r[0] == *construct).unwrap();
            assert_eq!(row[5], format!("{omega:.3}"), "{construct} ω {caption}");
            assert_eq!(row[6], format!("{ave:.3}"), "{construct} AVE {caption}");
            assert_eq!(
                fl.rows[i][i + 1],
                format!("{:.3}", ave.sqrt()),
                "√AVE {caption}"
            );
        }
    }
}

/// Full-information ML with groups: Holzinger–Swineford by school with
/// lavaan's `hs1939_fiml` holes (the same rows and cells missing), loadings
/// equal. Each school's missing-data patterns, its saturated (h1) model
/// and its baseline are fitted apart, as lavaan's `missing = "ml"` with
/// `group` (lavaan 0.6.14, scripts/make_fixture.R).
#[test]
fn holzinger_swineford_two_schools_fiml_equal_loadings() {
    let a = common::agree("lavaan-groups", "hs1939_groups_fiml");
    assert_eq!(a.groups.expect("groups").nobs, vec![156, 145]);
}

/// The same data by school under FIML with robust (MLR) SEs and the
/// Yuan–Bentler scaled test of incomplete data, configural.
#[test]
fn holzinger_swineford_two_schools_fiml_mlr() {
    let a = common::agree("lavaan-groups", "hs1939_groups_fiml_mlr");
    assert_eq!(a.estimator, "MLR");
}

/// The methods paragraph of a multi-group fit names the groups and the
/// equality constraints, and gives each group's reliability, validity and
/// hypotheses, led by the group: speed's CR is below .70 in Pasteur
/// (.612) but not in Grant-White (.768), which one sentence for the whole
/// model could not say.
#[test]
fn the_methods_paragraph_speaks_of_each_school() {
    use semlab::report::methods::paragraph;
    use semlab::report::Lang;
    let case = common::load("lavaan-groups", "hs1939_groups_mlr");
    let a = case.run();
    let opts = common::options_from_call(&case.reference["call"]);
    let en = paragraph(&a, &opts, Lang::En);
    for part in [
        "The model was fitted to the 2 groups of school at once (Pasteur, n = 156; Grant-White, n = 145), with the loadings constrained equal across groups.",
        "In the Pasteur group (n = 156), reliability and convergent validity were assessed",
        "In the Grant-White group (n = 145), reliability and convergent validity were assessed",
    ] {
        assert!(en.contains(part), "missing “{part}” in:\n{en}");
    }
    let grant_white = &en[en.find("In the Grant-White group").unwrap()..];
    let pasteur =
        &en[en.find("In the Pasteur group").unwrap()..en.find("In the Grant-White group").unwrap()];
    assert!(
        pasteur.contains("CR was below .70 for visual and speed."),
        "{pasteur}"
    );
    assert!(
        grant_white.contains("CR was below .70 for visual."),
        "{grant_white}"
    );
    let zh = paragraph(&a, &opts, Lang::Zh);
    for part in [
        "在 Pasteur 组（n = 156）中，",
        "在 Grant-White 组（n = 145）中，",
        "并限定各组的因子载荷相等",
    ] {
        assert!(zh.contains(part), "missing “{part}” in:\n{zh}");
    }
    // one group: no group sentence
    let single = common::agree("lavaan", "hs1939_cfa");
    let en1 = paragraph(&single, &semlab::analysis::Options::default(), Lang::En);
    assert!(!en1.contains(" group") && en1.contains("Reliability and convergent validity"));
}

#[test]
fn live_commerce_ordinal_items_by_channel_configural_wlsmv() {
    // each channel its own thresholds, polychoric correlations and Γ; the
    // fit function and the scaled-shifted test over the stacked groups,
    // the robust (catML) CFI/TLI/RMSEA with two groups
    let a = common::agree("lavaan-groups", "livecommerce_groups_wlsmv");
    assert_eq!(a.estimator, "WLSMV");
    let g = a.groups.expect("group results");
    assert_eq!(g.labels, vec!["Taobao", "Douyin"]);
    // each channel's (n_g − 1) F_g adds up to χ²
    let chisq = a.fit["chisq"].unwrap();
    assert!((g.chisq.iter().sum::<f64>() - chisq).abs() < 1e-8 * chisq);
}

#[test]
fn live_commerce_ordinal_items_equal_thresholds_and_loadings_wlsmv() {
    // group.equal thresholds + loadings: the scaling factors (`~*~`) and
    // the latent means are free in the second channel (delta
    // parameterization); lavaan's robust measures are NA here
    let a = common::agree("lavaan-groups", "livecommerce_groups_wlsmv_thresholds");
    let delta = a
        .parameters
        .iter()
        .find(|p| p.lhs == "T1" && p.op == "~*~" && p.group == 2)
        .unwrap();
    assert!(delta.se.is_some_and(|s| s > 0.0));
    assert_eq!(a.fit["cfi.robust"], None);
}

/// The live-commerce items by channel (ordinal, WLSMV) with the cells of
/// some rows changed.
fn ordinal_channels_with(
    edit: impl Fn(&mut Vec<String>),
) -> Result<analysis::Analysis, analysis::AnalysisError> {
    let case = common::load("lavaan-groups", "livecommerce_groups_wlsmv");
    let text = std::fs::read_to_string(case.dir.join("livecommerce_groups_wlsmv.csv")).unwrap();
    let mut lines = text.lines();
    let mut csv = format!("{}\n", lines.next().unwrap());
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(String::from).collect();
        edit(&mut cells);
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    let table = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    let opts = common::options_from_call(&case.reference["call"]);
    analysis::run(&DataInput::Table(&table), &case.model, &opts)
}

#[test]
fn an_ordinal_category_empty_in_one_group_names_item_group_and_category() {
    use semlab::i18n::{Lang, Localized};
    // no Douyin viewer answers 5 on T1 (lavaan: "some categories of
    // variable `T1' are empty in group 2; frequencies are [21 54 75 90 0]")
    let e = ordinal_channels_with(|c| {
        if c[9] == "\"Douyin\"" && c[0] == "5" {
            c[0] = "4".into();
        }
    })
    .unwrap_err();
    let en = e.to_string();
    for part in ["`T1`", "category 5", "group \"Douyin\"", "4: 90", "5: 0"] {
        assert!(en.contains(part), "{part}: {en}");
    }
    let zh = e.message(Lang::Zh);
    assert!(zh.contains("组“Douyin”") && zh.contains("类别 5"), "{zh}");
}

#[test]
fn ordinal_items_in_groups_keep_lavaan_delta_rows() {
    // configural: every scaling factor fixed at 1 in both channels; equal
    // thresholds alone free them (and the latent means) in the second
    let rows = |equal: &[&str]| {
        let case = common::load("lavaan-groups", "livecommerce_groups_wlsmv");
        let mut opts = common::options_from_call(&case.reference["call"]);
        opts.group_equal = equal.iter().map(|s| s.to_string()).collect();
        let bytes = std::fs::read(case.dir.join("livecommerce_groups_wlsmv.csv")).unwrap();
        let table = read_table(&bytes, &ReadOptions::default()).unwrap();
        analysis::run(&DataInput::Table(&table), &case.model, &opts).unwrap()
    };
    let free = |a: &analysis::Analysis, op: &str, lhs: &str| {
        a.parameters
            .iter()
            .find(|p| p.op == op && p.lhs == lhs && p.group == 2)
            .unwrap()
            .se
            .is_some_and(|s| s > 0.0)
    };
    let conf = rows(&[]);
    assert!(!free(&conf, "~*~", "T2") && !free(&conf, "~1", "Trust"));
    let th = rows(&["thresholds"]);
    assert!(free(&th, "~*~", "T2") && free(&th, "~1", "Trust"));
    let load = rows(&["loadings"]);
    assert!(!free(&load, "~*~", "T2") && !free(&load, "~1", "Trust"));
}

#[test]
fn live_commerce_ordinal_items_equal_loadings_wlsmv() {
    // loadings equal, thresholds free: no scaling factor is freed, and the
    // robust (catML) indices count the equal loadings once
    let a = common::agree("lavaan-groups", "livecommerce_groups_wlsmv_loadings");
    assert!(a.fit["cfi.robust"].is_some());
}

/// A row without a group value belongs to no group and is left out, as
/// lavaan does ("group variable ... contains missing values"; HS1939 by
/// grade has one). It is named as such — the group column and how many
/// rows — in the warnings and the methods paragraph, not counted as a
/// missing value of a model variable; the fit is that of the other rows.
#[test]
fn a_row_without_a_group_value_is_named_and_left_out() {
    use semlab::report::methods::paragraph;
    use semlab::warnings::WarningText;
    let first = std::cell::Cell::new(true);
    let a = schools_with(|c| {
        if first.replace(false) {
            c[0] = String::new();
        }
    })
    .unwrap();
    let full = schools_with(|_| {}).unwrap();
    assert_eq!((a.data.rows_read, a.nobs), (full.nobs, full.nobs - 1));
    let texts: Vec<&WarningText> = a.warnings.iter().filter_map(|w| w.text.as_ref()).collect();
    assert!(texts.contains(&&WarningText::RowsWithoutGroup {
        rows: 1,
        column: "school".into()
    }));
    // one row, in the singular
    let one = WarningText::RowsWithoutGroup {
        rows: 1,
        column: "school".into(),
    }
    .to_string();
    assert!(
        one.starts_with("1 row has no value in the group column \"school\" and was left out: it belongs to no group"),
        "{one}"
    );
    assert!(
        !texts
            .iter()
            .any(|t| matches!(t, WarningText::RowsDropped { .. })),
        "{texts:?}"
    );
    let opts = Options {
        group: Some("school".into()),
        ..Options::default()
    };
    for lang in semlab::report::Lang::ALL {
        let p = paragraph(&a, &opts, lang);
        let t = semlab::report::methods::templates(lang);
        let said = t
            .data_no_group
            .replace("{column}", "school")
            .replace("{rows}", "1");
        assert!(p.contains(&said), "{lang:?}: {p}");
        let complete = t.data_complete.replace("{n}", &a.nobs.to_string());
        assert!(p.contains(&complete), "{lang:?}: {p}");
    }
    let en = a
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect::<Vec<_>>();
    assert!(
        en.iter()
            .any(|m| m.starts_with("1 row has no value in the group column \"school\"")),
        "{en:?}"
    );
}

/// The rows without a group value are one count of the data summary
/// (`rows_without_group`), which the warning, the methods paragraph and the
/// missing-data patterns read: the paragraph says the same without the
/// warnings (as a report of a stored analysis whose warnings were filtered),
/// and a row with a missing item is still counted as listwise deletion.
#[test]
fn rows_without_a_group_are_one_count_of_the_data_summary() {
    use semlab::analysis::WarningText;
    use semlab::report::methods::{paragraph, templates};
    use semlab::report::{missing_patterns_table_in, Lang};
    let row = std::cell::Cell::new(0);
    let a = schools_with(|c| {
        row.set(row.get() + 1);
        match row.get() {
            1 => c[0] = String::new(),
            2 => c[1] = String::new(),
            _ => {}
        }
    })
    .unwrap();
    assert_eq!(a.data.rows_without_group, 1);
    assert_eq!(a.data.dropped_rows, vec![1, 2]);
    let texts: Vec<&WarningText> = a.warnings.iter().filter_map(|w| w.text.as_ref()).collect();
    assert!(texts.contains(&&WarningText::RowsWithoutGroup {
        rows: 1,
        column: "school".into()
    }));
    assert!(texts
        .iter()
        .any(|t| matches!(t, WarningText::RowsDropped { dropped: 1, .. })));
    // the page receives the summary serialized; an older one has no count
    let v = serde_json::to_value(&a.data).unwrap();
    assert_eq!(v["rows_without_group"], 1);
    let mut old = v.clone();
    old.as_object_mut().unwrap().remove("rows_without_group");
    let old: semlab::analysis::DataSummary = serde_json::from_value(old).unwrap();
    assert_eq!(old.rows_without_group, 0);

    let mut quiet = a.clone();
    quiet.warnings.clear();
    let opts = Options {
        group: Some("school".into()),
        ..Options::default()
    };
    for lang in Lang::ALL {
        let p = paragraph(&quiet, &opts, lang);
        let t = templates(lang);
        let no_group = t
            .data_no_group
            .replace("{column}", "school")
            .replace("{rows}", "1");
        let listwise = t
            .data_listwise
            .replace("{read}", &(a.data.rows_read - 1).to_string())
            .replace("{dropped}", "1")
            .replace("{n}", &a.nobs.to_string());
        assert!(
            p.contains(&no_group) && p.contains(&listwise),
            "{lang:?}: {p}"
        );
        let note = missing_patterns_table_in(&a, lang).unwrap().note.unwrap();
        let said = match lang {
            Lang::En => "; 1 row without a value in the group column was left out",
            Lang::Zh => "；1 个在分组变量上没有取值的行被删除",
        };
        assert!(note.contains(said), "{lang:?}: {note}");
    }
}
