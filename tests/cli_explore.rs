//! `semlab explore`: the checks before and around the CFA from the command
//! line — JSON with the keys of study-methods.md, the text report in both
//! languages, the scree plot, and one-line messages for bad input.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn fixture(case: &str, file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/explore")
        .join(case)
        .join(file)
        .to_string_lossy()
        .into_owned()
}

fn tmp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("semlab-cli-explore-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_semlab"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hs(extra: &[&str]) -> (i32, String, String) {
    let data = fixture("hs1939_explore", "hs1939_cfa.csv");
    let model = fixture("hs1939_explore", "model.lav");
    let mut args = vec!["explore", "--data", &data, "--model", &model];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn json_has_the_keys_of_study_methods_and_lavaans_numbers() {
    let (code, out, err) = hs(&["--json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("hs1939_explore", "explore.json")).unwrap(),
    )
    .unwrap();
    for key in [
        "kmo",
        "bartlett",
        "eigenvalues",
        "harman_percent",
        "efa",
        "one_factor_cfa",
        "clf",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    for key in ["overall", "items"] {
        assert!(v["kmo"].get(key).is_some(), "kmo.{key}");
    }
    let close =
        |a: &Value, b: &Value, tol: f64| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() <= tol;
    assert!(close(
        &v["kmo"]["overall"],
        &reference["kmo"]["overall"],
        1e-8
    ));
    assert!(close(
        &v["kmo"]["items"]["x7"],
        &reference["kmo"]["items"]["x7"],
        1e-8
    ));
    assert!(close(
        &v["bartlett"]["chisq"],
        &reference["bartlett"]["chisq"],
        1e-6
    ));
    assert!(close(
        &v["harman_percent"],
        &reference["harman_percent"],
        1e-8
    ));
    // K defaults to the model's three factors
    let fit = v["efa"]["fit"].as_array().unwrap();
    assert_eq!(fit.len(), 3);
    for (g, w) in fit.iter().zip(reference["efa"]["fit"].as_array().unwrap()) {
        for k in [
            "nfactors", "chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr", "aic", "bic",
        ] {
            assert!(close(&g[k], &w[k], 1e-3), "efa {k}: {} vs {}", g[k], w[k]);
        }
    }
    assert_eq!(
        v["efa"]["geomin_loadings"]["items"],
        reference["efa"]["geomin_loadings"]["items"]
    );
    for k in ["chisq", "df", "pvalue", "cfi", "tli", "rmsea", "srmr"] {
        assert!(
            close(
                &v["one_factor_cfa"][k],
                &reference["one_factor_cfa"][k],
                1e-6
            ),
            "one-factor {k}"
        );
        assert!(
            close(&v["clf"]["model"][k], &reference["clf"]["model"][k], 1e-6),
            "clf {k}"
        );
        assert!(
            close(
                &v["clf"]["baseline"][k],
                &reference["clf"]["baseline"][k],
                1e-6
            ),
            "baseline {k}"
        );
    }
    for k in ["delta_chisq", "delta_df", "delta_cfi"] {
        assert!(close(&v["clf"][k], &reference["clf"][k], 1e-6), "{k}");
    }
    assert!(close(
        &v["clf"]["std_loadings_with"]["visual =~ x1"],
        &reference["clf"]["std_loadings_with"]["visual =~ x1"],
        1e-4
    ));
}

#[test]
fn text_report_in_english_and_chinese() {
    let (code, out, err) = hs(&[]);
    assert_eq!(code, 0, "{err}");
    for s in [
        "0.752  middling",
        "Bartlett's test of sphericity",
        "EFA loadings (geomin rotation, 3 factors, standardized)",
        "Common-method bias",
        "35.74%",
        "visual =~ x3 + x1 + x2",
    ] {
        assert!(out.contains(s), "missing `{s}` in\n{out}");
    }
    let (code, out, err) = hs(&["--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    for s in [
        "KMO 取样适切性量数",
        "中等",
        "Bartlett 球形检验",
        "共同方法偏差",
        "探索性因子分析载荷",
    ] {
        assert!(out.contains(s), "missing `{s}` in\n{out}");
    }
}

#[test]
fn other_rotations_items_list_and_marker() {
    let data = fixture("hs1939_explore", "hs1939_cfa.csv");
    for rot in ["oblimin", "promax", "varimax", "quartimin"] {
        let (code, out, err) = run(&[
            "explore",
            "--data",
            &data,
            "--items",
            "x1,x2,x3,x4,x5,x6,x7,x8,x9",
            "--factors",
            "3",
            "--rotation",
            rot,
            "--json",
        ]);
        assert_eq!(code, 0, "{rot}: {err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["efa"]["rotated"]["rotation"], rot);
        assert!(v.get("clf").is_none(), "no CLF without a model");
        assert!(v["one_factor_cfa"]["chisq"].as_f64().unwrap() > 312.0);
    }
    // x7 as a marker for the other items
    let (code, out, err) = run(&[
        "explore",
        "--data",
        &data,
        "--items",
        "x1,x2,x3,x4,x5,x6",
        "--marker",
        "x7",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["marker"]["marker"], "x7");
    assert_eq!(v["marker"]["pairs"].as_array().unwrap().len(), 15);
    // R: r_M = min(positive cor(x7, x1..x6)); (r12 − r_M)/(1 − r_M); 2·pt(−|t|, n − 3)
    let m = &v["marker"];
    let near = |a: &Value, b: f64, tol: f64| (a.as_f64().unwrap() - b).abs() <= tol * b.abs();
    assert!(near(&m["r_m"], 6.68639156576552e-02, 1e-10), "{}", m["r_m"]);
    assert_eq!(m["pairs"][0]["a"], "x1");
    assert_eq!(m["pairs"][0]["b"], "x2");
    assert!(near(&m["pairs"][0]["r"], 2.97345511015847e-01, 1e-10));
    assert!(near(
        &m["pairs"][0]["r_adjusted"],
        2.46996766308347e-01,
        1e-10
    ));
    assert!(near(
        &m["pairs"][0]["pvalue_adjusted"],
        1.50821542961865e-05,
        1e-8
    ));
    let svg_path = std::env::temp_dir().join(format!("semlab-scree-{}.svg", std::process::id()));
    let svg = svg_path.to_string_lossy().into_owned();
    let (code, _, err) = hs(&["--scree", &svg]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&svg_path).unwrap();
    assert!(text.starts_with("<svg") && text.contains("Parallel analysis (95th percentile)"));
}

#[test]
fn bad_input_gives_one_line_messages() {
    let data = fixture("hs1939_explore", "hs1939_cfa.csv");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["explore", "--data", &data],
            "--model FILE or --items a,b,c is required",
        ),
        (
            vec![
                "explore",
                "--data",
                &data,
                "--items",
                "x1,x2,x3",
                "--factors",
                "3",
            ],
            "3 factors are more than 3 items can identify (df = -3 < 0)",
        ),
        (
            vec!["explore", "--data", &data, "--items", "x1,x2,zz"],
            "`zz` is not a column of the data",
        ),
        (
            vec![
                "explore",
                "--data",
                &data,
                "--items",
                "x1,x2,x3",
                "--rotation",
                "spin",
            ],
            "unknown rotation `spin`",
        ),
    ];
    for (args, want) in cases {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains(want), "{args:?}: `{err}` lacks `{want}`");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    let singular = tmp("singular.csv", &{
        let mut s = String::from("a,b,c,total\n");
        for i in 0..20 {
            let (a, b, c) = (i % 5, (i * 3) % 7, (i * 2) % 5);
            s += &format!("{a},{b},{c},{}\n", a + b + c);
        }
        s
    });
    let (code, _, err) = run(&["explore", "--data", &singular, "--items", "a,b,c,total"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("linear combinations of each other") && err.contains("a, b, c, total"),
        "{err}"
    );
    let (_, _, err) = run(&[
        "explore",
        "--data",
        &singular,
        "--items",
        "a,b,c,total",
        "--lang",
        "zh",
    ]);
    assert!(err.contains("相关矩阵奇异"), "{err}");
}

#[test]
fn methods_paragraph_and_r_script_in_both_languages() {
    let (code, out, err) = hs(&["--methods"]);
    assert_eq!(code, 0, "{err}");
    for s in [
        "sampling adequacy was middling (KMO = .752; Kaiser, 1974)",
        "χ²(36) = 904.10, p < .001",
        "(maximum likelihood, geomin rotation; lavaan efa()) with 3 factors fitted χ²(12) = 22.90",
        "explained 35.74% of the variance, below both the usual 50% threshold",
        "χ²(27) = 312.26",
        "Δχ²(1) = 30.41, ΔCFI = .033; this points to common-method variance",
    ] {
        assert!(out.contains(s), "missing `{s}` in\n{out}");
    }
    let (code, out, err) = hs(&["--methods", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    for s in [
        "KMO 值为 .752（中等；Kaiser, 1974）",
        "Harman 单因子检验",
        "低于通常 50% 的临界值",
        "提示存在共同方法变异",
    ] {
        assert!(out.contains(s), "missing `{s}` in\n{out}");
    }
    let path = std::env::temp_dir().join(format!("semlab-explore-{}.R", std::process::id()));
    let p = path.to_string_lossy().into_owned();
    let (code, _, err) = hs(&["--r-script", &p]);
    assert_eq!(code, 0, "{err}");
    let script = std::fs::read_to_string(&path).unwrap();
    for s in [
        "library(lavaan)",
        "data <- read.csv(",
        "efa(data = x, nfactors = 1:3, rotation = \"geomin\")",
        "sem(r\"(General =~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9)\", data = data)",
        "CMV =~ 1*x1 + 1*x2 + 1*x3 + 1*x4 + 1*x5 + 1*x6 + 1*x7 + 1*x8 + 1*x9",
        "CMV ~~ 0*visual",
        "lavTestLRT(fit_clf, fit_model)",
    ] {
        assert!(script.contains(s), "missing `{s}` in\n{script}");
    }
}

/// A Heywood case in the EFA (h1 and h2 at lavaan's bound, uniqueness 0)
/// is flagged on its row, in English and Chinese, with the note saying
/// what it means; the other items are not. The JSON carries the flag.
#[test]
fn heywood_items_are_flagged() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/explore-extra/heywood_two_items/heywood_two_items.csv")
        .to_string_lossy()
        .into_owned();
    let args = [
        "explore",
        "--data",
        &data,
        "--items",
        "h1,h2,h3,h4,h5,h6",
        "--factors",
        "2",
    ];
    for (lang, flag, note) in [
        ("en", "Heywood", "Heywood = uniqueness at 0"),
        ("zh", "Heywood 案例", "Heywood 案例 = 唯一性为 0"),
    ] {
        let (code, out, err) = run(&[&args[..], &["--lang", lang]].concat());
        assert_eq!(code, 0, "{err}");
        for item in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            let row = out
                .lines()
                .find(|l| l.starts_with(&format!("{item} ")))
                .unwrap();
            let flagged = item == "h1" || item == "h2";
            assert_eq!(row.contains(flag), flagged, "{lang}: {row}");
        }
        assert!(out.contains(note), "{lang}: {out}");
    }
    let (_, out, _) = run(&[&args[..], &["--json"]].concat());
    let v: Value = serde_json::from_str(&out).unwrap();
    let flagged: Vec<&str> = v["efa"]["rotated"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["heywood"] == true)
        .map(|i| i["item"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["h1", "h2"]);
}
