//! 简体中文 / English in the engine: the result tables, the APA tables, the
//! methods paragraph, the diagram's words, every warning and the errors say
//! the same numbers and names in both languages; English is exactly what it
//! always was (the `_in(.., Lang::En)` forms equal the plain ones).

use semlab::analysis::{self, Analysis, DataInput, Options, WarningText};
use semlab::data::{read_table, DataError, ReadOptions};
use semlab::diagram::{self, DiagramOptions};
use semlab::i18n::{Lang, Localized};
use semlab::report::{self, apa, methods, Table};
use std::path::PathBuf;

fn run(case: &str) -> Analysis {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan")
        .join(case);
    let bytes = std::fs::read(dir.join(format!("{case}.csv"))).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    analysis::run(&DataInput::Table(&table), &model, &Options::default()).unwrap()
}

fn cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The numbers of a table (cells that start like a number).
fn numbers(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .flatten()
        .filter(|c| {
            c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '.' || ch == '-' || ch == '<')
        })
        .cloned()
        .collect()
}

#[test]
fn english_is_unchanged_and_chinese_has_the_same_numbers() {
    let a = run("livecommerce_sem");
    let en = report::all_tables(&a);
    assert_eq!(en, report::all_tables_in(&a, Lang::En));
    let zh = report::all_tables_in(&a, Lang::Zh);
    assert_eq!(en.len(), zh.len());
    for (e, z) in en.iter().zip(&zh) {
        assert_eq!(e.id, z.id);
        assert_ne!(e.caption, z.caption, "{} has a Chinese caption", e.id);
        assert!(cjk(&z.caption), "{}", z.caption);
        assert_eq!(numbers(e), numbers(z), "{}: the same numbers", e.id);
        assert_eq!(e.rows.len(), z.rows.len());
    }
    let fit = &zh[0];
    assert!(
        fit.caption.starts_with("拟合指数（N = 465"),
        "{}",
        fit.caption
    );
    assert_eq!(fit.columns, ["指数", "数值", "标准", "是否达标", "来源"]);
    let hyp = zh.iter().find(|t| t.id == "hypotheses").unwrap();
    assert!(hyp.rows.iter().all(|r| r[8] == "成立" || r[8] == "不成立"));

    assert_eq!(apa::tables(&a), apa::tables_in(&a, Lang::En));
    assert_eq!(apa::latex(&a), apa::latex_in(&a, Lang::En));
    for (e, z) in apa::tables(&a).iter().zip(apa::tables_in(&a, Lang::Zh)) {
        assert!(
            cjk(&z.caption) && cjk(z.note.as_deref().unwrap_or("")),
            "{}",
            z.caption
        );
        assert_eq!(numbers(e), numbers(&z));
    }
    let html = apa::html_in(&a, Lang::Zh);
    assert!(
        html.contains(">表 1</p>") && html.contains("<i>注：</i><i>N</i> = 465"),
        "Chinese table words"
    );
    assert!(apa::latex_in(&a, Lang::Zh).contains("\\usepackage{ctex}"));
}

#[test]
fn methods_paragraph_in_chinese() {
    let a = run("livecommerce_sem");
    let en = methods::paragraph(&a, &Options::default(), Lang::En);
    let zh = methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(zh.starts_with("本研究采用结构方程模型检验假设模型"), "{zh}");
    // the same fit sentence (numbers and symbols stay) in both
    let fit = apa::fit_summary(&a).sentence();
    assert!(en.contains(&fit) && zh.contains(&fit), "{zh}");
    assert!(zh.contains("N = 465") && zh.contains("最大似然法（ML）"));
    assert!(zh.contains("条假设路径中有"));
    let cfa = methods::paragraph(&run("hs1939_cfa"), &Options::default(), Lang::Zh);
    assert!(cfa.starts_with("本研究采用验证性因子分析"), "{cfa}");
}

#[test]
fn diagram_words_in_chinese_numbers_unchanged() {
    let a = run("poldem_mediation");
    let opts = DiagramOptions::default();
    assert_eq!(
        diagram::to_svg(&a, &opts),
        diagram::to_svg_in(&a, &opts, Lang::En)
    );
    let en = diagram::build(&a, &opts);
    let zh = diagram::build_in(&a, &opts, Lang::Zh);
    assert_eq!(en.nodes, zh.nodes);
    assert_eq!(en.edges, zh.edges);
    assert!(zh.title.starts_with("路径图") && cjk(&zh.note) && cjk(&zh.desc));
    let svg = diagram::to_svg_in(&a, &opts, Lang::Zh);
    assert!(svg.contains("<title id=\"semlab-diagram-title\">路径图"));
    // a wide (CJK) legend still fits: the drawing is wider than the English one
    let width = |s: &str| -> f64 {
        let k = s.find(" width=\"").unwrap() + 8;
        s[k..k + s[k..].find('"').unwrap()].parse().unwrap()
    };
    assert!(width(&svg) >= diagram::text_width(&zh.note, diagram::LABEL_FONT));
}

#[test]
fn every_warning_in_chinese_keeps_its_numbers_and_names() {
    let all = [
        WarningText::BadStart,
        WarningText::NotConverged {
            iterations: 500,
            max_grad: 0.0123,
        },
        WarningText::NoStandardErrors,
        WarningText::RobustNoStandardErrors {
            estimator: "MLR".into(),
        },
        WarningText::RobustNotPositiveDefinite,
        WarningText::RowsDropped {
            dropped: 3,
            read: 100,
            used: 97,
        },
        WarningText::EmptyRows {
            empty: 2,
            read: 100,
            used: 98,
        },
        WarningText::CovariateRows { rows: 4 },
        WarningText::RowsWithoutGroup {
            rows: 2,
            column: "school".into(),
        },
        WarningText::LowCoverage {
            first: "x1".into(),
            second: Some("x2".into()),
            percent: 7.5,
        },
        WarningText::EmNotConverged { iterations: 500 },
        WarningText::NegativeVariance {
            name: "x3".into(),
            value: -0.125,
        },
        WarningText::NonPositiveDefiniteLatent,
        WarningText::NonPositiveDefiniteResidual,
        WarningText::StandardizedAboveOne {
            lhs: "f2".into(),
            op: "~".into(),
            rhs: "f1".into(),
            value: 1.06,
        },
        WarningText::SmallSample { n: 40, npar: 21 },
        WarningText::SmallSampleOrdinal { n: 40, npar: 21 },
        WarningText::PolychoricNotConverged {
            first: "q1".into(),
            second: "q2".into(),
        },
        WarningText::PolychoricNearOne {
            first: "q1".into(),
            second: "q2".into(),
            rho: 0.995,
        },
        WarningText::Bootstrap {
            stopped: Some((120, 1000)),
            failed: Some((3, 120)),
            nonadmissible: 2,
            ok: 117,
        },
        WarningText::Duplicate {
            line: 4,
            column: 1,
            lhs: "f".into(),
            op: "=~".into(),
            rhs: "x1".into(),
        },
    ];
    for w in all {
        let en = w.message(Lang::En);
        let zh = w.message(Lang::Zh);
        assert_eq!(en, w.to_string());
        assert!(cjk(&zh), "{zh}");
        // every number and every `name` of the English message is in the Chinese one
        for token in en.split(|c: char| c.is_whitespace() || "(),;:".contains(c)) {
            let t = token.trim_end_matches(['.', '%']);
            let number = t.parse::<f64>().is_ok() && t.chars().any(|c| c.is_ascii_digit());
            if number || (t.starts_with('`') && t.ends_with('`') && t.len() > 2) {
                assert!(zh.contains(t), "{t} missing from: {zh}");
            }
        }
    }
    // the analysis' own warnings render in both languages
    let mut a = run("hs1939_cfa");
    a.warnings
        .push(analysis::Warning::new(WarningText::SmallSample {
            n: 9,
            npar: 21,
        }));
    let t = report::warnings_table_in(&a, Lang::Zh);
    assert!(t.rows.iter().all(|r| cjk(&r[0])));
}

#[test]
fn errors_in_chinese_keep_place_names_and_values() {
    let cols: Vec<String> = ["x1", "x2", "x3"].map(String::from).to_vec();
    let e = analysis::build_model("f =~ x1 + x2 + xx3", &cols, &Options::default()).unwrap_err();
    let zh = e.message(Lang::Zh);
    assert_eq!(e.message(Lang::En), e.to_string());
    assert!(
        zh.starts_with("第 1 行第 16 列：`xx3` 不是数据中的列（是否想写 `x3`？）"),
        "{zh}"
    );

    let d = DataError::WrongFieldCount {
        row: 2,
        line: 3,
        expected: 3,
        found: 2,
    };
    assert_eq!(
        d.message(Lang::Zh),
        "第 2 行数据（文件第 3 行）有 2 个值，而表头有 3 个列名。"
    );
    let d = DataError::NotANumber {
        column: "q1".into(),
        row: 7,
        line: 8,
        value: "n/a?".into(),
    };
    let zh = d.message(Lang::Zh);
    assert!(
        zh.contains("列“q1”第 7 行（文件第 8 行）：“n/a?”不是数字"),
        "{zh}"
    );

    let p = semlab::project::Project::from_json("{").unwrap_err();
    assert!(p.message(Lang::Zh).starts_with("这不是 semlab 项目文件"));
}
