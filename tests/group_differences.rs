//! Whether a path differs between groups agrees with lavaan 0.6.14's
//! `lavTestWald(fit, constraints = "b_1 == b_2 …")` on each regression path
//! (`tests/fixtures/group_differences/`, from `scripts/make_wald_fixture.R`):
//! the live-commerce SEM by sales channel under MLR with equal loadings
//! (robust covariance, 1 df), and Holzinger–Swineford's three factors with
//! two structural paths by three age bands under ML with equal loadings and
//! intercepts (2 df per path).

use semlab::analysis::{self, DataInput, Estimator, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::report::methods::paragraph;
use semlab::report::{all_tables_in, tables_with, Lang, Table, TableChoices};
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
    let a = live_commerce(
        |m| m.replace("~ Trust", "~ h1*Trust"),
        Options {
            group: Some("channel".into()),
            ..Options::default()
        },
    );
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

/// The live-commerce SEM (`group_differences/livecommerce`, its model text
/// edited by `model_edit`) fitted with `opts`.
fn live_commerce(model_edit: impl Fn(String) -> String, opts: Options) -> analysis::Analysis {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/group_differences/livecommerce");
    let table = read_table(
        &std::fs::read(d.join("livecommerce.csv")).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let model = model_edit(std::fs::read_to_string(d.join("model.lav")).unwrap());
    analysis::run(&DataInput::Table(&table), &model, &opts).unwrap()
}

/// The live-commerce SEM by sales channel (MLR, equal loadings), fitted.
fn live_commerce_by_channel(model_edit: impl Fn(String) -> String) -> analysis::Analysis {
    live_commerce(
        model_edit,
        Options {
            group: Some("channel".into()),
            group_equal: vec!["loadings".into()],
            estimator: Estimator::Mlr,
            ..Options::default()
        },
    )
}

fn table_with<'a>(tables: &'a [Table], id: &str, caption_part: &str) -> &'a Table {
    tables
        .iter()
        .find(|t| t.id == id && t.caption.contains(caption_part))
        .unwrap_or_else(|| panic!("no table {id} with “{caption_part}”"))
}

/// The report's table of paths compared across groups reads the Wald tests
/// above (lavaan's lavTestWald): Trust p = .264 (does not differ),
/// SubjectiveNorms p = .018 (differs), the exact p behind the cell; a path
/// made equal by a shared label says so, without a test.
#[test]
fn the_report_compares_each_path_across_groups() {
    let a = live_commerce_by_channel(|m| m);
    let tables = all_tables_in(&a, Lang::En);
    let t = table_with(
        &tables,
        "path_differences",
        "Paths compared across groups (channel)",
    );
    assert_eq!(
        t.columns,
        [
            "Path",
            "b (Taobao)",
            "b (Douyin)",
            "Wald χ²",
            "df",
            "p",
            "Differs"
        ]
    );
    let row = |path: &str| t.rows.iter().find(|r| r[0] == path).unwrap().clone();
    assert_eq!(
        row("ProductInteraction ← Trust"),
        [
            "ProductInteraction ← Trust",
            "0.548",
            "0.388",
            "1.247",
            "1",
            ".264",
            "no"
        ]
    );
    assert_eq!(
        row("ProductInteraction ← SubjectiveNorms")[3..],
        ["5.625", "1", ".018", "yes"]
    );
    let exact = &t.exact[0];
    assert_eq!(exact.column, 5);
    let norms = t
        .rows
        .iter()
        .position(|r| r[0].ends_with("SubjectiveNorms"))
        .unwrap();
    assert!((exact.values[norms].unwrap() - 0.0177011812604867).abs() < 1e-4);
    // the verdict follows the rule's α
    let mut strict = a.clone();
    strict.hypothesis_rule.alpha = 0.01;
    let t = all_tables_in(&strict, Lang::En);
    let t = table_with(&t, "path_differences", "");
    assert_eq!(t.rows[norms][6], "no");
    assert!(t.note.as_ref().unwrap().contains("p < 0.01"));
    // equal by a shared label: no test, and said so
    let equal = live_commerce_by_channel(|m| m.replace("~ Trust", "~ h1*Trust"));
    let t = all_tables_in(&equal, Lang::Zh);
    let t = table_with(&t, "path_differences", "各组路径系数的比较");
    let trust = t.rows.iter().find(|r| r[0].ends_with("Trust")).unwrap();
    assert_eq!(trust[3..], ["—", "", "", "模型中设为相等"]);
    // one group: no such table
    let one = live_commerce(|m| m, Options::default());
    assert!(all_tables_in(&one, Lang::En)
        .iter()
        .all(|t| t.id != "path_differences" && t.id != "group_chisq"));
}

/// A multi-group report shows each group's own hypotheses, parameters and
/// modification indices (never the other group's rows in one table), each
/// table captioned with its group.
#[test]
fn the_report_shows_each_groups_tables_apart() {
    let a = live_commerce_by_channel(|m| m);
    let tables = all_tables_in(&a, Lang::En);
    for (g, label) in [(1, "Taobao"), (2, "Douyin")] {
        let caption = format!("(channel = {label})");
        let h = table_with(&tables, "hypotheses", &caption);
        assert_eq!(h.rows.len(), 2, "{caption}: {:?}", h.rows);
        let b = a
            .hypotheses
            .iter()
            .find(|x| x.group == g && x.predictor == "SubjectiveNorms")
            .unwrap();
        assert!(h.rows.iter().any(|r| r.contains(&format!("{:.3}", b.est))));
        let p = table_with(&tables, "parameters", &caption);
        let rows_of_group = a.parameters.iter().filter(|p| p.group == g).count();
        assert_eq!(p.rows.len(), rows_of_group);
        let mi = table_with(&tables, "modindices", &caption);
        let shown = a
            .modindices
            .iter()
            .filter(|m| m.group == g && m.mi >= 3.84)
            .count();
        assert_eq!(mi.rows.len(), shown);
    }
    assert_eq!(tables.iter().filter(|t| t.id == "parameters").count(), 2);
    assert_eq!(tables.iter().filter(|t| t.id == "group_chisq").count(), 1);
}

/// The methods paragraph names the paths that differ between the groups
/// with the same Wald tests and verdicts as the *Paths compared across
/// groups* table: SubjectiveNorms differs at α = .05 (χ²(1) = 5.63,
/// p = .018), Trust does not; at α = .01 none does.
#[test]
fn the_methods_paragraph_says_which_paths_differ() {
    let opts = Options {
        group: Some("channel".into()),
        group_equal: vec!["loadings".into()],
        estimator: Estimator::Mlr,
        ..Options::default()
    };
    let a = live_commerce_by_channel(|m| m);
    let en = paragraph(&a, &opts, Lang::En);
    assert!(
        en.contains(
            "Wald tests of the equality of each regression path across the groups (α = .05) \
             showed that one path differed: ProductInteraction ← SubjectiveNorms \
             (χ²(1) = 5.63, p = .018)."
        ),
        "{en}"
    );
    assert!(!en.contains("← Trust ("), "{en}");
    let zh = paragraph(&a, &opts, Lang::Zh);
    assert!(
        zh.contains("有 1 条路径在组间存在差异：ProductInteraction ← SubjectiveNorms（χ²(1) = 5.63，p = .018）。"),
        "{zh}"
    );
    // the table's verdict column says the same
    let tables = all_tables_in(&a, Lang::En);
    let t = table_with(&tables, "path_differences", "");
    let differs: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r.last().is_some_and(|v| v == "yes"))
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(differs, ["ProductInteraction ← SubjectiveNorms"]);
    // a stricter α: no path differs, in the table and in the prose
    let mut strict = a.clone();
    strict.hypothesis_rule.alpha = 0.01;
    let en = paragraph(&strict, &opts, Lang::En);
    assert!(
        en.contains("(α = .01) showed no path that differed between the groups."),
        "{en}"
    );
    // one group: no such sentence
    let one = live_commerce(|m| m, Options::default());
    assert!(!paragraph(&one, &Options::default(), Lang::En).contains("Wald tests"));
}

/// The report made with the reader's choices (the page's *Download
/// report*) holds every group's tables, each part made once, with the
/// AMOS fit summary and the modification-index threshold chosen.
#[test]
fn the_downloaded_report_has_every_groups_tables() {
    let a = live_commerce_by_channel(|m| m);
    let choices = TableChoices {
        amos_fit: true,
        mi_min: 10.0,
    };
    let tables = tables_with(&a, &choices, Lang::En);
    assert!(tables.iter().any(|t| t.id == "amos_fit"));
    assert!(tables.iter().all(|t| t.id != "fit"));
    for (g, label) in [(1, "Taobao"), (2, "Douyin")] {
        let caption = format!("(channel = {label})");
        for id in ["reliability", "hypotheses", "parameters", "r2"] {
            table_with(&tables, id, &caption);
        }
        let mi = table_with(&tables, "modindices", &caption);
        let shown = a
            .modindices
            .iter()
            .filter(|m| m.group == g && m.mi >= 10.0)
            .count();
        assert_eq!(mi.rows.len(), shown);
    }
    // the default choices are the command line's report
    let default = tables_with(&a, &TableChoices::default(), Lang::En);
    assert_eq!(default, all_tables_in(&a, Lang::En));
}

/// Each group has its own path diagram: group 2's drawing carries group
/// 2's estimates (it drew group 1's for every group), and the command
/// line writes one SVG per group (`d-Taobao.svg`, `d-Douyin.svg`).
#[test]
fn each_group_has_its_own_path_diagram() {
    use semlab::diagram::{build_in, DiagramOptions, LabelMode};
    use semlab::report::groups::{diagrams, of_group};
    let a = live_commerce_by_channel(|m| m);
    let opts = DiagramOptions {
        labels: LabelMode::Unstandardized,
        ..DiagramOptions::default()
    };
    let label_of = |an: &semlab::analysis::Analysis| {
        let d = build_in(an, &opts, Lang::En);
        d.edges
            .iter()
            .find(|e| e.op == "~" && e.rhs == "SubjectiveNorms")
            .map(|e| e.label.clone())
            .unwrap()
    };
    let est = |g: usize| {
        a.parameters
            .iter()
            .find(|p| p.group == g && p.op == "~" && p.rhs == "SubjectiveNorms")
            .unwrap()
            .est
    };
    for g in [1, 2] {
        let label = label_of(&of_group(&a, g).unwrap());
        let want = format!("{:.3}", est(g));
        assert!(
            label.contains(want.trim_start_matches('0')),
            "group {g}: {label} vs {want}"
        );
    }
    assert_ne!(
        label_of(&of_group(&a, 1).unwrap()),
        label_of(&of_group(&a, 2).unwrap())
    );
    // a group's suggestion arrows are its own modification indices
    let douyin = of_group(&a, 2).unwrap();
    let d = build_in(&douyin, &opts, Lang::En);
    let suggested = semlab::diagram::suggested(&d, &douyin, 3.84);
    assert!(
        !suggested.is_empty(),
        "Douyin has modification indices to suggest"
    );
    assert!(suggested.iter().all(|m| m.group == 2));
    let svgs = diagrams(&a, |one| label_of(one));
    let captions: Vec<&str> = svgs.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(captions, ["channel = Taobao", "channel = Douyin"]);

    // the command line: one file per group
    let dir = std::env::temp_dir().join(format!("semlab-group-diagrams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/group_differences/livecommerce");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_semlab"))
        .args(["fit", "--data"])
        .arg(d.join("livecommerce.csv"))
        .arg("--model")
        .arg(d.join("model.lav"))
        .args(["--group", "channel", "--diagram"])
        .arg(dir.join("d.svg"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for label in ["Taobao", "Douyin"] {
        let svg = std::fs::read_to_string(dir.join(format!("d-{label}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{label}");
    }
    assert!(!dir.join("d.svg").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A defined parameter (`:=`) of a multi-group model belongs to no group
/// (lavaan's group 0, after every group's rows; `summary()` prints it once
/// under "Defined Parameters"): the parameter rows, the report's tables,
/// the hypotheses on it, the methods paragraph, the APA tables and the JSON
/// have it once, apart from the groups' tables.
#[test]
fn a_defined_parameter_appears_once_for_all_groups() {
    let a =
        live_commerce_by_channel(|m| m.replace("~ Trust", "~ c(a1, a2)*Trust") + "H3 := a1 - a2\n");
    let defined: Vec<_> = a.parameters.iter().filter(|p| p.op == ":=").collect();
    assert_eq!(defined.len(), 1);
    assert_eq!(defined[0].group, 0);
    let est = |label: &str| a.parameters.iter().find(|p| p.label == label).unwrap().est;
    assert!((defined[0].est - (est("a1") - est("a2"))).abs() < 1e-12);
    let json = serde_json::to_value(&a).unwrap();
    let rows: Vec<&Value> = json["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] == ":=")
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["group"], 0);
    let h3 = |t: &Table| t.rows.iter().filter(|r| r.contains(&"H3".into())).count();
    for lang in [Lang::En, Lang::Zh] {
        let tables = all_tables_in(&a, lang);
        let ids = |id: &str| tables.iter().filter(|t| t.id == id).collect::<Vec<_>>();
        for t in ids("parameters").into_iter().chain(ids("hypotheses")) {
            assert_eq!(h3(t), 0, "{}", t.caption);
        }
        let [p] = ids("defined_parameters")[..] else {
            panic!("one table of defined parameters")
        };
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0][..3], ["H3", ":=", "a1-a2"]);
        assert_eq!(p.rows[0][4], format!("{:.3}", defined[0].est));
        let [h] = ids("defined_hypotheses")[..] else {
            panic!("one table of hypotheses on defined parameters")
        };
        assert_eq!(h.rows.len(), 1);
        assert_eq!(h3(h), 1);
        let caption = match lang {
            Lang::En => "Defined parameters (one for all groups of channel)",
            Lang::Zh => "定义参数（channel 各组共用一个）",
        };
        assert_eq!(p.caption, caption);
        // after the groups' tables of the same kind
        let last = |id: &str| tables.iter().rposition(|t| t.id == id).unwrap();
        let at = |id: &str| tables.iter().position(|t| t.id == id).unwrap();
        assert!(at("defined_parameters") > last("parameters"));
        assert!(at("defined_hypotheses") > last("hypotheses"));
        // the APA hypothesis table: once
        let apa = semlab::report::apa::tables_in(&a, lang);
        let apa_h = apa.iter().find(|t| t.id == "apa_hypotheses").unwrap();
        assert_eq!(h3(apa_h), 1);
    }
    // the methods paragraph: H3 is judged once, apart from the groups
    let opts = Options {
        group: Some("channel".into()),
        group_equal: vec!["loadings".into()],
        estimator: Estimator::Mlr,
        ..Options::default()
    };
    let en = paragraph(&a, &opts, Lang::En);
    assert!(
        en.contains(
            "The hypothesis on defined parameters, one for all groups, was tested under \
             the same rule; 0 of 1 were supported. Not supported: H3 (β = .173, p = .264)."
        ),
        "{en}"
    );
    assert_eq!(en.matches("H3 (").count(), 1, "{en}");
    assert_eq!(en.matches("H3 = ").count(), 1, "{en}");
    let zh = paragraph(&a, &opts, Lang::Zh);
    assert!(
        zh.contains("以各组共用的定义参数检验的 1 项假设按同一规则检验，其中 0 项得到支持。"),
        "{zh}"
    );
    // one group: the defined parameter is in the one parameter table
    let one = live_commerce(
        |m| m.replace("~ Trust", "~ a1*Trust") + "H3 := 2*a1\n",
        Options::default(),
    );
    assert!(one.parameters.iter().any(|p| p.op == ":=" && p.group == 1));
    let tables = all_tables_in(&one, Lang::En);
    assert!(tables.iter().all(|t| !t.id.starts_with("defined_")));
    assert_eq!(h3(table_with(&tables, "parameters", "")), 1);
}

/// APA Table III of a multi-group fit names each row's group, as the
/// page's hypothesis tables do (one per group, the group in the caption):
/// a first column *Group* / *组* with the group's label — the rows of each
/// group are that group's table's, hypothesis by hypothesis and estimate by
/// estimate — and *All groups* / *各组共用* for a hypothesis on a defined
/// parameter; the note names the group column and its groups. A one-group
/// fit keeps its eight columns.
#[test]
fn the_apa_hypothesis_table_names_the_group_of_each_row() {
    let a =
        live_commerce_by_channel(|m| m.replace("~ Trust", "~ c(a1, a2)*Trust") + "H3 := a1 - a2\n");
    let gs = a.groups.as_ref().unwrap();
    assert_eq!(gs.labels, ["Taobao", "Douyin"]);
    for lang in Lang::ALL {
        let w = semlab::report::words::words(lang);
        let apa = semlab::report::apa::tables_in(&a, lang);
        let t = apa.iter().find(|t| t.id == "apa_hypotheses").unwrap();
        assert_eq!(t.columns[0], w.apa_group, "{lang:?}");
        assert_eq!(t.columns.len(), 9);
        let tables = all_tables_in(&a, lang);
        let mut seen = 0;
        for label in &gs.labels {
            let own = table_with(&tables, "hypotheses", &format!("channel = {label}"));
            let want: Vec<(&str, &str)> = own
                .rows
                .iter()
                .map(|r| (r[0].as_str(), r[3].as_str()))
                .collect();
            let got: Vec<(&str, &str)> = t
                .rows
                .iter()
                .filter(|r| r[0] == *label)
                .map(|r| (r[1].as_str(), r[4].as_str()))
                .collect();
            assert_eq!(got, want, "{lang:?} {label}");
            assert_eq!(got.len(), 2);
            seen += got.len();
        }
        // the same path in both groups, told apart by the group
        let paths = |g: &str| {
            t.rows
                .iter()
                .filter(|r| r[0] == g)
                .map(|r| r[2].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(paths("Taobao"), paths("Douyin"));
        let defined: Vec<&Vec<String>> = t.rows.iter().filter(|r| r[1] == "H3").collect();
        assert_eq!(defined.len(), 1);
        assert_eq!(defined[0][0], w.apa_all_groups, "{lang:?}");
        assert_eq!(seen + 1, t.rows.len());
        let note = t.note.as_deref().unwrap();
        for (label, n) in gs.labels.iter().zip(&gs.nobs) {
            assert!(note.contains(&(w.apa_group_n)(label, *n)), "{note}");
        }
        assert!(note.contains("channel"), "{note}");
        assert!(note.contains(w.apa_all_groups), "{note}");
        // the exact p stays behind the p column
        let p = t.columns.iter().position(|c| c == "p").unwrap();
        assert_eq!(t.exact_value(0, p), a.hypotheses[0].pvalue);
    }
    // without a defined parameter the note has no "All groups"
    let plain = live_commerce_by_channel(|m| m);
    let t = semlab::report::apa::hypotheses_table(&plain);
    assert!(!t.note.unwrap().contains("All groups"));
    // one group: no group column
    let one = live_commerce(|m| m, Options::default());
    let t = semlab::report::apa::hypotheses_table(&one);
    assert_eq!(t.columns[0], "Hypothesis");
    assert_eq!(t.columns.len(), 8);
}
