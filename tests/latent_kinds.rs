//! Latent variables that are not scales — growth factors (every loading
//! fixed), a factor with one indicator, a second-order factor — get no
//! loading flags, α, CR, AVE, HTMT or Fornell–Larcker anywhere (result
//! tables, APA tables, methods paragraph, R script), and every output says
//! why. The scales of the same models keep them, with semTools' numbers.

use semlab::analysis::{self, Analysis, DataInput, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::report::rscript::{r_script, RData};
use semlab::report::{self, apa, methods, Lang};
use semlab::tables::reliability::ConstructKind;

fn read(path: &str) -> semlab::data::DataTable {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    read_table(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap()
}

fn fit(data: &str, model: &str) -> Analysis {
    analysis::run(&DataInput::Table(&read(data)), model, &Options::default()).unwrap()
}

/// lavaan's `Demo.growth`, written to CSV by R.
const GROWTH_DATA: &str = "data/demo_growth.csv";
const GROWTH: &str = "i =~ 1*t1 + 1*t2 + 1*t3 + 1*t4
s =~ 0*t1 + 1*t2 + 2*t3 + 3*t4
";

const HS_DATA: &str = "lavaan/hs1939_cfa/hs1939_cfa.csv";
const SECOND_ORDER: &str = "visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
g =~ visual + textual + speed
";
const SINGLE: &str = "visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
sp =~ x7
x7 ~~ 0*x7
textual ~ visual + sp
";

fn kinds(a: &Analysis) -> Vec<(String, ConstructKind)> {
    a.constructs
        .iter()
        .map(|c| (c.name.clone(), c.kind))
        .collect()
}

#[test]
fn growth_factors_are_not_scales_and_every_output_says_so() {
    let a = fit(GROWTH_DATA, GROWTH);
    assert!(a.converged);
    assert_eq!(
        kinds(&a),
        [
            ("i".into(), ConstructKind::FixedLoadings),
            ("s".into(), ConstructKind::FixedLoadings)
        ]
    );
    assert!(a.reliability.is_empty() && a.alpha.is_empty());
    assert!(a.htmt.names.is_empty() && a.fornell_larcker.names.is_empty());
    assert!(!report::has_constructs(&a));
    for lang in Lang::ALL {
        let w = report::words::words(lang);
        let ids: Vec<String> = report::all_tables_in(&a, lang)
            .into_iter()
            .map(|t| t.id)
            .collect();
        for id in ["reliability", "fornell_larcker", "htmt"] {
            assert!(!ids.contains(&id.to_string()), "{lang:?}: {ids:?}");
        }
        let why = (w.not_scale)(ConstructKind::FixedLoadings, &format!("i{}s", w.name_sep));
        let note = report::no_constructs_note(&a, lang).unwrap();
        assert!(
            note.starts_with(w.no_scales_note) && note.ends_with(&why),
            "{note}"
        );
        let text = report::text::render_in(&a, lang);
        assert!(text.contains(&note), "{text}");
        assert!(!text.contains(w.below_5) && !text.contains(w.below_7));
        let apa_ids: Vec<String> = apa::tables_in(&a, lang).into_iter().map(|t| t.id).collect();
        assert_eq!(apa_ids, ["apa_fit"], "{lang:?}");
        // the paragraph names the growth factors and why, never "scaled by
        // its first loading" nor a reliability or HTMT verdict
        let p = methods::paragraph(&a, &Options::default(), lang);
        let t = methods::templates(lang);
        assert!(p.contains(&why), "{p}");
        assert!(!p.contains(t.identification_marker), "{p}");
        for sentence in [t.reliability, t.htmt_ok, t.htmt_high] {
            let fixed = sentence.split('{').find(|s| s.chars().count() > 5).unwrap();
            assert!(!p.contains(fixed), "{fixed}: {p}");
        }
    }
    // the R script asks semTools for nothing (htmt() halts R on this model)
    let s = r_script(
        GROWTH,
        &Options::default(),
        &RData::csv("growth.csv"),
        &a.constructs,
        &a.moderation,
    );
    assert!(s.contains("# (not for i: every loading is fixed in the model)"));
    for call in ["htmt(", "compRelSEM(", "AVE(", "alpha <-"] {
        assert!(!s.contains(call), "{call}: {s}");
    }
}

#[test]
fn a_second_order_factor_is_named_and_its_first_order_factors_keep_semtools_numbers() {
    let a = fit(HS_DATA, SECOND_ORDER);
    assert_eq!(kinds(&a)[3], ("g".into(), ConstructKind::HigherOrder));
    assert_eq!(a.constructs[3].items, ["visual", "textual", "speed"]);
    // semTools 0.5-6 on this fit (lavaan 0.6-14): compRelSEM(fit,
    // omit.factors = "g") .612 .885 .686; AVE .371 .721 .424; alpha
    // .626 .883 .688; htmt2 of the first-order items .384 .387 .280
    let r = |f: &str| a.constructs.iter().find(|c| c.name == f).unwrap();
    for (f, alpha, omega, ave) in [
        ("visual", 0.626, 0.612, 0.371),
        ("textual", 0.883, 0.885, 0.721),
        ("speed", 0.688, 0.686, 0.424),
    ] {
        let c = r(f);
        assert_eq!(
            format!("{:.3}", c.alpha.unwrap()),
            format!("{alpha:.3}"),
            "{f}"
        );
        assert_eq!(
            format!("{:.3}", c.omega.unwrap()),
            format!("{omega:.3}"),
            "{f}"
        );
        assert_eq!(format!("{:.3}", c.ave.unwrap()), format!("{ave:.3}"), "{f}");
    }
    assert!(r("g").omega.is_none() && r("g").alpha.is_none());
    assert_eq!(a.htmt.names, ["visual", "textual", "speed"]);
    assert_eq!(format!("{:.3}", a.htmt.matrix[1][0].unwrap()), "0.384");
    assert_eq!(a.fornell_larcker.names, ["visual", "textual", "speed"]);
    for lang in Lang::ALL {
        let w = report::words::words(lang);
        let why = (w.not_scale)(ConstructKind::HigherOrder, "g");
        let rel = report::reliability_table_in(&a, lang);
        assert!(rel.rows.iter().all(|r| r[0] != "g"));
        assert!(rel.note.unwrap().ends_with(&why));
        let apa = apa::measurement_table_in(&a, lang);
        assert!(apa.rows.iter().all(|r| r[0] != "g"));
        assert!(apa.note.unwrap().ends_with(&why));
        let p = methods::paragraph(&a, &Options::default(), lang);
        assert!(p.contains(&why), "{p}");
        assert!(p.contains(methods::templates(lang).identification_marker));
        // not "3 correlated latent constructs": g explains their correlations
        assert!(
            !p.contains("correlated") && !p.contains("相关的潜变量"),
            "{p}"
        );
    }
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(p.starts_with("The measurement model was tested with a second-order confirmatory factor analysis: 3 first-order constructs measured by 9 items, and g as a second-order factor measured by the first-order constructs."), "{p}");
    let p = methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(p.starts_with("本研究采用二阶验证性因子分析检验测量模型：3 个一阶潜变量（构念）共 9 个测量题项，g 为由一阶构念测量的二阶因子。"), "{p}");
    let s = r_script(
        SECOND_ORDER,
        &Options::default(),
        &RData::csv("hs.csv"),
        &a.constructs,
        &a.moderation,
    );
    assert!(s.contains("scales <- c(\"visual\", \"textual\", \"speed\")"));
    assert!(s.contains("compRelSEM(fit, omit.factors = others)"));
    assert!(s.contains(
        "htmt(r\"(visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9)\", data = data, htmt2 = TRUE)"
    ));
}

#[test]
fn a_single_indicator_factor_gets_no_reliability_and_the_reason() {
    let a = fit(HS_DATA, SINGLE);
    assert_eq!(kinds(&a)[2], ("sp".into(), ConstructKind::SingleIndicator));
    assert_eq!(a.htmt.names, ["visual", "textual"]);
    let rel = report::reliability_table(&a);
    assert!(rel.rows.iter().all(|r| r[0] != "sp" && r[1] != "x7"));
    let w = report::words::words(Lang::En);
    assert!(rel
        .note
        .unwrap()
        .ends_with(&(w.not_scale)(ConstructKind::SingleIndicator, "sp")));
}

#[test]
fn the_paragraph_claims_first_loading_scaling_only_when_the_model_does_it() {
    // textual is scaled by its second loading
    let model = "visual =~ x1 + x2 + x3\ntextual =~ NA*x4 + 1*x5 + x6\n";
    let a = fit(HS_DATA, model);
    let t = methods::templates(Lang::En);
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(!p.contains(t.identification_marker), "{p}");
    assert!(p.contains(t.identification_model), "{p}");
    let a = fit(HS_DATA, "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n");
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(p.contains(t.identification_marker), "{p}");
}
