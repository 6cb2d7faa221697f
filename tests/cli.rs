//! The `semlab` command: report, JSON with lavaan's field names, and a
//! one-line message with a non-zero exit code for bad input.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_semlab"))
}

fn fixture(case: &str, file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan")
        .join(case)
        .join(file)
        .to_string_lossy()
        .into_owned()
}

fn tmp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("semlab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

/// Runs semlab and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `semlab fit --data DATA --model MODEL EXTRA...`: (exit code, stdout, stderr).
fn fit(data: &str, model: &str, extra: &[&str]) -> (i32, String, String) {
    run(&with(&["fit", "--data", data, "--model", model], extra))
}

/// `head` followed by `extra`: a command line built on a common start.
fn with<'a>(head: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    head.iter().chain(extra).copied().collect()
}

/// `--missing ml`: full-information ML on the rows with holes; the JSON
/// data summary lists the missing-data patterns.
#[test]
fn missing_ml_fits_by_fiml_and_reports_the_patterns() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan-advanced/hs1939_fiml");
    let data = dir.join("hs1939_fiml.csv").to_string_lossy().into_owned();
    let model = dir.join("model.lav").to_string_lossy().into_owned();
    let (code, out, err) = fit(&data, &model, &["--missing", "ml", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nobs"], 301);
    assert_eq!(v["data"]["missing"], "ml");
    assert_eq!(v["data"]["missing_patterns"][0]["count"], 115);
    assert_eq!(v["data"]["missing_patterns"].as_array().unwrap().len(), 51);
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 72.3723679691401).abs() < 1e-3);
    // the same data by listwise deletion (the default): 115 complete rows
    let (code, out, _) = fit(&data, &model, &["--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nobs"], 115);
    // the text report shows the patterns too
    let (code, out, _) = fit(&data, &model, &["--missing", "ml"]);
    assert_eq!(code, 0);
    assert!(out.contains("Missing-data patterns"), "{out}");
}

#[test]
fn json_has_lavaans_field_names_and_values() {
    let (code, out, err) = fit(
        &fixture("poldem_mediation", "poldem_mediation.csv"),
        &fixture("poldem_mediation", "model.lav"),
        &["--json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in [
        "parameters",
        "fit",
        "modindices",
        "r2",
        "reliability",
        "alpha",
        "htmt",
        "nobs",
        "converged",
        "warnings",
        "hypotheses",
    ] {
        assert!(v.get(key).is_some(), "JSON lacks `{key}`");
    }
    assert_eq!(v["nobs"], 75);
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 40.179489529743).abs() < 1e-4);
    let p = &v["parameters"][0];
    for key in [
        "lhs",
        "op",
        "rhs",
        "group",
        "label",
        "est",
        "se",
        "z",
        "pvalue",
        "ci_lower",
        "ci_upper",
        "std_lv",
        "std_all",
        "se_std_all",
    ] {
        assert!(p.get(key).is_some(), "parameter lacks `{key}`");
    }
    let ind = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["lhs"] == "indirect")
        .unwrap();
    assert_eq!(ind["op"], ":=");
    assert!((ind["est"].as_f64().unwrap() - 1.27276388983732).abs() < 1e-4);
    let m = &v["modindices"][0];
    for key in ["lhs", "op", "rhs", "mi", "epc", "sepc_lv", "sepc_all"] {
        assert!(m.get(key).is_some(), "modindex lacks `{key}`");
    }
    assert!(v["reliability"]["ind60"]["omega"].as_f64().is_some());
    assert_eq!(v["htmt"]["names"][0], "ind60");
}

#[test]
fn text_report_has_every_table() {
    let (code, out, _) = fit(
        &fixture("livecommerce_sem", "livecommerce_sem.csv"),
        &fixture("livecommerce_sem", "model.lav"),
        &[],
    );
    assert_eq!(code, 0);
    for caption in [
        "Fit indices",
        "Reliability and convergent validity",
        "Fornell–Larcker criterion",
        "HTMT",
        "Hypotheses",
        "Parameter estimates",
        "R²",
        "Modification indices",
    ] {
        assert!(out.contains(caption), "report lacks {caption}");
    }
    assert!(out.contains("H3b") && out.contains("234.419"));
}

/// `--lang zh`: the report, the publication files and the messages about
/// the model in Simplified Chinese; the numbers stay the same.
#[test]
fn lang_zh_gives_the_report_tables_and_errors_in_chinese() {
    let data = fixture("livecommerce_sem", "livecommerce_sem.csv");
    let model = fixture("livecommerce_sem", "model.lav");
    let html = tmp("tables-zh.html", "");
    let (code, out, _) = fit(&data, &model, &["--lang", "zh", "--html", &html]);
    assert_eq!(code, 0);
    assert!(out.starts_with("semlab "), "{out}");
    for caption in ["拟合指数", "信度与收敛效度", "研究假设检验", "注："] {
        assert!(out.contains(caption), "report lacks {caption}");
    }
    assert!(out.contains("234.419") && out.contains("迭代"));
    assert!(!out.contains("Fit indices") && !out.contains("Note."));
    let tables = std::fs::read_to_string(&html).unwrap();
    assert!(tables.contains("<html lang=\"zh\">") && tables.contains("测量模型"));
    let (_, methods, _) = fit(&data, &model, &["--lang", "zh", "--methods"]);
    assert!(methods.contains("结构方程模型"), "{methods}");
    // a mistake in the model, said in Chinese at its line and column
    let bad = tmp("bad-zh.lav", "f =~ T1 + T2 + T99\n");
    let (code, _, err) = fit(&data, &bad, &["--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("第 1 行第 16 列") && err.contains("`T99`"),
        "{err}"
    );
    let (code, _, err) = fit(&data, &model, &["--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang is `en` or `zh`"), "{err}");
}

/// A path model among observed variables has no constructs: no reliability
/// or discriminant-validity tables, one line saying why.
#[test]
fn text_report_of_a_path_model_leaves_out_reliability_and_validity() {
    let model = tmp("path.lav", "x3 ~ x1 + x2\nx6 ~ x3 + x4\n");
    let (code, out, _) = fit(&fixture("hs1939_cfa", "hs1939_cfa.csv"), &model, &[]);
    assert_eq!(code, 0);
    for caption in [
        "Reliability and convergent validity",
        "Fornell–Larcker criterion",
        "HTMT",
    ] {
        assert!(!out.contains(caption), "report has {caption}");
    }
    assert!(out.contains("Reliability and validity apply to latent variables measured by items"));
    assert!(out.contains("Fit indices") && out.contains("Parameter estimates"));
}

/// A CFA has no regression paths: its report says so in one line under
/// the hypotheses' caption, as the page does, instead of an empty table
/// with a rule under it; in both languages.
#[test]
fn text_report_of_a_cfa_says_why_it_has_no_hypotheses() {
    let data = fixture("hs1939_cfa", "hs1939_cfa.csv");
    let model = fixture("hs1939_cfa", "model.lav");
    for (lang, caption, why, rule) in [
        (
            "en",
            "Hypotheses",
            "The model has no regression paths, so there are no hypotheses to test.",
            "Rule: supported",
        ),
        (
            "zh",
            "研究假设检验",
            "模型中没有回归路径，因此没有需要检验的假设。",
            "判定规则",
        ),
    ] {
        let (code, out, _) = fit(&data, &model, &["--lang", lang]);
        assert_eq!(code, 0);
        assert!(out.contains(&format!("\n{caption}\n{why}\n")), "{out}");
        assert!(!out.contains(rule), "{lang}: {out}");
        let section = out.split(&format!("\n{caption}\n")).nth(1).unwrap();
        let section = section.split("\n\n").next().unwrap();
        assert!(
            !section.contains("(none)") && !section.contains("（无）"),
            "{section}"
        );
        // with groups: said once, not once per group
        let groups = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/lavaan-groups/hs1939_groups_strict/hs1939_groups_strict.csv");
        let groups = groups.to_string_lossy();
        let (code, out, err) = fit(&groups, &model, &["--lang", lang, "--group", "school"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.matches(why).count(), 1, "{out}");
        assert!(out.contains(&format!("\n{caption}\n{why}\n")), "{out}");
    }
}

#[test]
fn hypothesis_rule_flags_change_the_decisions() {
    let data = fixture("livecommerce_sem", "livecommerce_sem.csv");
    let model = fixture("livecommerce_sem", "model.lav");
    let (_, out, _) = fit(&data, &model, &["--json", "--alpha", "0.01"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let h2a = v["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "H2a")
        .unwrap();
    assert_eq!(h2a["supported"], false, "p = .026 is not below .01");
    let (_, out, _) = fit(&data, &model, &["--json", "--expect", "negative"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["supported"] == false));
}

#[test]
fn std_lv_flag() {
    let (_, out, _) = fit(
        &fixture("hs1939_cfa", "hs1939_cfa.csv"),
        &fixture("hs1939_cfa", "model.lav"),
        &["--json", "--std-lv"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["parameters"][0];
    assert!((first["est"].as_f64().unwrap() - 0.899619909234351).abs() < 1e-4);
}

#[test]
fn missing_codes_flag() {
    let data = tmp(
        "codes.csv",
        "x1,x2,x3\n1,2,3\n2,-99,4\n3,4,5\n4,5,7\n5,5,5\n6,7,8\n2,3,1\n5,6,6\n",
    );
    let model = tmp("codes.lav", "f =~ x1 + x2 + x3\n");
    let (code, out, err) = fit(&data, &model, &["--json", "--missing-codes", "-99"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nobs"], 7);
    assert_eq!(v["data"]["rows_read"], 8);
}

#[test]
fn covariance_input() {
    // lower triangle of Bollen's ind60 items (divisor N−1) with N = 75
    let cov = tmp(
        "ind60.cov",
        "x1 x2 x3\n0.537\n0.990 2.282\n0.823 1.806 1.976\n",
    );
    let model = tmp("ind60.lav", "ind60 =~ x1 + x2 + x3\n");
    let (code, out, err) = run(&[
        "fit", "--cov", &cov, "--nobs", "75", "--model", &model, "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["nobs"], 75);
    assert_eq!(v["fit"]["df"], 0.0);
}

#[test]
fn bad_input_gives_one_line_and_nonzero_exit() {
    let model = fixture("hs1939_cfa", "model.lav");
    let data = fixture("hs1939_cfa", "hs1939_cfa.csv");
    let bad_model = tmp("bad.lav", "visual =~ x1 + x2 + x3\ntextual => x4 + x5\n");
    let bad_data = tmp("bad.csv", "x1,x2,x3\n1,2,3\n2,four,4\n");
    let small_model = tmp("small.lav", "f =~ x1 + x2 + x3\n");
    let cov = tmp(
        "small.cov",
        "x1 x2 x3\n0.537\n0.990 2.282\n0.823 1.806 1.976\n",
    );
    // `fit` on the data and model above, or on the small covariance matrix
    let on_data = ["fit", "--data", &data, "--model", &model];
    let on_cov = [
        "fit",
        "--cov",
        &cov,
        "--nobs",
        "75",
        "--model",
        &small_model,
    ];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["fit", "--data", &data, "--model", &bad_model],
            "line 2, column 9",
        ),
        (
            vec!["fit", "--data", &bad_data, "--model", &small_model],
            "\"four\"",
        ),
        (
            vec!["fit", "--data", "/nonexistent.csv", "--model", &model],
            "cannot read the data file",
        ),
        (vec!["fit", "--model", &model], "--data FILE"),
        (with(&on_cov, &["--estimator", "MLR"]), "needs the raw data"),
        (with(&on_cov, &["--bootstrap", "100"]), "needs the raw data"),
        (
            with(&on_data, &["--bootstrap", "0"]),
            "--bootstrap needs a positive number",
        ),
        (
            with(&on_data, &["--seed", "5"]),
            "--seed and --boot-ci go with --bootstrap",
        ),
        (
            with(&on_data, &["--bootstrap", "10", "--boot-ci", "bca"]),
            "--boot-ci is `perc` or `bc`",
        ),
        (
            with(&on_data, &["--estimator", "WLSMV"]),
            "WLSMV is for ordinal items",
        ),
        (
            with(&on_data, &["--missing", "ml", "--estimator", "MLM"]),
            "not allowed",
        ),
        (
            with(&on_data, &["--missing", "pairwise"]),
            "unknown --missing `pairwise`; choose listwise or ml",
        ),
        (
            with(&on_data, &["--ordered", "x1"]),
            "`x1` is declared ordinal but has",
        ),
        (
            with(&on_data, &["--group", "school"]),
            "the group column \"school\" is not in the data",
        ),
        (
            with(&on_data, &["--group-equal", "loadings"]),
            "need a group column",
        ),
        (with(&on_data, &["--estimator", "GLS"]), "unknown estimator"),
        (with(&on_data, &["--bogus"]), "unknown option `--bogus`"),
        (vec!["frobnicate"], "unknown command"),
        (vec![], "no command"),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(&args);
        assert_ne!(code, 0, "{args:?} should fail");
        assert!(out.is_empty(), "{args:?} printed to stdout: {out}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{args:?}: not one line: {err}"
        );
        assert!(
            err.contains(expected),
            "{args:?}: {err:?} should contain {expected:?}"
        );
    }
    let (_, _, err) = fit(&bad_data, &small_model, &[]);
    assert!(
        err.contains("bad.csv") && err.contains("x2") && err.contains("row 2"),
        "{err}"
    );
}

#[test]
fn help_goes_to_stdout_with_success() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("semlab fit --data FILE --model FILE"));
}

/// `semlab power --help | head` closes the pipe before the help is written:
/// the help, like a report, ends quietly with success instead of a panic
/// ('failed printing to stdout: Broken pipe') and exit code 101. `semlab
/// fit --help` is the help too, as `semlab power --help` is (it was an
/// 'unknown option').
#[test]
fn help_into_a_closed_pipe_is_not_a_panic() {
    for args in [&["--help"][..], &["power", "--help"], &["fit", "--help"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = bin()
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// Runs `semlab fit --json` on the Holzinger–Swineford CFA with extra flags.
fn hs_json(extra: &[&str]) -> serde_json::Value {
    let data = fixture("hs1939_cfa", "hs1939_cfa.csv");
    let model = fixture("hs1939_cfa", "model.lav");
    let args = with(
        &["fit", "--data", &data, "--model", &model, "--json"],
        extra,
    );
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn estimator_flag_gives_robust_ses_and_scaled_fit() {
    // lavaan 0.6.14: cfa(model, HolzingerSwineford1939, estimator = "MLR"/"MLM")
    let mlr = hs_json(&["--estimator", "MLR"]);
    assert_eq!(mlr["estimator"], "MLR");
    let f = &mlr["fit"];
    assert!((f["chisq"].as_f64().unwrap() - 85.3055217699727).abs() < 1e-3);
    assert!((f["chisq.scaled"].as_f64().unwrap() - 87.131603366625).abs() < 1e-3);
    assert!((f["chisq.scaling.factor"].as_f64().unwrap() - 0.979042258766103).abs() < 1e-5);
    assert!((f["cfi.robust"].as_f64().unwrap() - 0.929863935696168).abs() < 1e-5);
    assert!((f["rmsea.robust"].as_f64().unwrap() - 0.0924986213715963).abs() < 1e-5);
    let x2 = &mlr["parameters"][1];
    assert_eq!(x2["rhs"], "x2");
    assert!((x2["se"].as_f64().unwrap() - 0.132077906461934).abs() < 1e-5);
    let mlm = hs_json(&["--estimator", "mlm"]);
    let f = &mlm["fit"];
    assert!((f["chisq.scaled"].as_f64().unwrap() - 80.8717834914071).abs() < 1e-3);
    assert!((f["tli.robust"].as_f64().unwrap() - 0.897388258144395).abs() < 1e-5);
    assert!((mlm["parameters"][1]["se"].as_f64().unwrap() - 0.103289460213918).abs() < 1e-5);
    // plain ML has no scaled statistics
    let ml = hs_json(&[]);
    assert!(ml["fit"].get("chisq.scaled").is_none());
    assert!(ml.get("bootstrap").is_none());
    assert!(ml["parameters"][1].get("boot_se").is_none());
}

#[test]
fn bootstrap_flags_give_reproducible_intervals() {
    let a = hs_json(&["--bootstrap", "40", "--seed", "11"]);
    let b = hs_json(&["--bootstrap", "40", "--seed", "11"]);
    let c = hs_json(&["--bootstrap", "40", "--seed", "12", "--boot-ci", "bc"]);
    let s = &a["bootstrap"];
    assert_eq!(s["requested"], 40);
    assert_eq!(s["seed"], 11);
    assert_eq!(s["ci_type"], "percentile");
    assert_eq!(c["bootstrap"]["ci_type"], "bias_corrected");
    assert_eq!(
        s["ok"].as_u64().unwrap() + s["failed"].as_u64().unwrap(),
        40
    );
    assert_eq!(s["cancelled"], false);
    let x2 = &a["parameters"][1];
    for key in ["boot_se", "boot_ci_lower", "boot_ci_upper"] {
        assert!(x2[key].as_f64().is_some(), "parameter lacks `{key}`");
    }
    assert!(x2["boot_ci_lower"].as_f64() < x2["boot_ci_upper"].as_f64());
    assert_eq!(a["parameters"], b["parameters"], "same seed, same draws");
    assert_ne!(
        a["parameters"], c["parameters"],
        "another seed, other draws"
    );
    // fixed parameters: SE 0 and a point interval, as lavaan
    let x1 = &a["parameters"][0];
    assert_eq!(x1["boot_se"], 0.0);
    assert_eq!(x1["boot_ci_lower"], x1["est"]);
}

#[test]
fn reads_excel_and_spss_files_and_chinese_csv() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data");
    let model = tmp(
        "hs50.lav",
        "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n",
    );
    let chisq = |file: &str, extra: &[&str]| {
        let data = format!("{dir}/{file}");
        let mut args = vec!["fit", "--data", &data, "--model", &model, "--json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{file}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["nobs"], 50, "{file}");
        v["fit"]["chisq"].as_f64().unwrap()
    };
    // the same 50 rows of Holzinger–Swineford as .xlsx and .sav give the same χ²
    let x = chisq("hs1939_50.xlsx", &[]);
    let s = chisq("hs1939_50.sav", &[]);
    assert!((x - s).abs() < 1e-9, "{x} vs {s}");
    let (_, _, err) = run(&[
        "fit",
        "--data",
        &format!("{dir}/hs1939_50.xlsx"),
        "--model",
        &model,
        "--sheet",
        "0",
    ]);
    assert!(err.contains("--sheet needs a sheet number"), "{err}");
    let (_, _, err) = run(&[
        "fit",
        "--data",
        &format!("{dir}/gbk_survey.csv"),
        "--model",
        &model,
        "--encoding",
        "klingon",
    ]);
    assert!(err.contains("unknown encoding `klingon`"), "{err}");
}

/// A workbook with several sheets read without --sheet: a note names the
/// sheet read and the others (en + zh), so that a first sheet that is not
/// the data explains the model's missing columns; none with --sheet, none
/// for a one-sheet workbook.
#[test]
fn a_workbook_with_several_sheets_says_which_is_read() {
    let dir = format!("{}/tests/fixtures/data", env!("CARGO_MANIFEST_DIR"));
    let model = tmp("three_items.lav", "f =~ q1 + q2 + q3\n");
    let survey = format!("{dir}/survey.xlsx");
    let (_, _, err) = fit(&survey, &model, &[]);
    assert!(
        err.contains("note: the workbook has 3 sheets (1 Data, 2 Second, 3 Chart); sheet 1, `Data`, is read; choose another with --sheet N"),
        "{err}"
    );
    let (_, _, err) = fit(&survey, &model, &["--lang", "zh"]);
    assert!(
        err.contains("该工作簿有 3 个工作表（1 Data, 2 Second, 3 Chart）"),
        "{err}"
    );
    let (_, _, err) = fit(&survey, &model, &["--sheet", "2"]);
    assert!(!err.contains("the workbook has"), "{err}");
    let (_, _, err) = fit(&format!("{dir}/hs1939_50.xlsx"), &model, &[]);
    assert!(!err.contains("the workbook has"), "{err}");
    // explore reads the data the same way
    let (_, _, err) = run(&["explore", "--data", &survey, "--items", "q1,q2,q3"]);
    assert!(err.contains("the workbook has 3 sheets"), "{err}");
}

/// A data file with an item that is an exact copy of another: refused
/// before any fit, naming both items, in English and in Chinese.
#[test]
fn a_copied_item_is_refused_naming_the_items() {
    let data = tmp(
        "copied.csv",
        "a,b,c,a2\n1,2,3,1\n2,1,4,2\n3,5,1,3\n4,4,2,4\n5,2,2,5\n2,3,5,2\n1,4,4,1\n",
    );
    let model = tmp("copied.lav", "f =~ a + b + c + a2\n");
    let (code, out, err) = fit(&data, &model, &[]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("`a2` and `a` are perfectly correlated"),
        "{err}"
    );
    let (code, _, err) = fit(&data, &model, &["--lang", "zh"]);
    assert_ne!(code, 0);
    assert!(err.contains("`a2` 与 `a` 完全相关"), "{err}");
}

/// `--fit-table amos` adds the AMOS model fit summary to the report and
/// `amos_fit` to the JSON; a wrong value is named.
#[test]
fn fit_table_amos_adds_the_amos_summary() {
    let (data, model) = (
        fixture("hs1939_cfa", "hs1939_cfa.csv"),
        fixture("hs1939_cfa", "model.lav"),
    );
    let (code, out, _) = fit(&data, &model, &["--fit-table", "amos"]);
    assert_eq!(code, 0);
    assert!(out.contains("Model fit summary (AMOS style)"), "{out}");
    assert!(out.contains("Independence model"));
    let (code, out, _) = fit(&data, &model, &["--fit-table", "amos", "--lang", "zh"]);
    assert_eq!(code, 0);
    assert!(out.contains("模型拟合摘要（AMOS 格式）"), "{out}");
    let (code, out, _) = fit(&data, &model, &["--fit-table", "amos", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cmin = v["amos_fit"]["default"]["cmin"].as_f64().unwrap();
    assert!((cmin - v["fit"]["chisq"].as_f64().unwrap()).abs() < 1e-9);
    assert_eq!(v["amos_fit"]["saturated"]["npar"].as_f64(), Some(45.0));
    let (_, plain, _) = fit(&data, &model, &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert!(v.get("amos_fit").is_none());
    let (code, _, err) = fit(&data, &model, &["--fit-table", "lisrel"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--fit-table is `standard` or `amos`, not `lisrel`"),
        "{err}"
    );
    // two groups: each group's N in BCC (scripts/make_amos_fixture.R), no
    // BIC or CAIC, and the note says so
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let groups = dir.join("lavaan-groups/hs1939_groups_strict");
    let path = |f: &str| groups.join(f).to_string_lossy().into_owned();
    let args = [
        "--group",
        "school",
        "--group-equal",
        "loadings,intercepts,residuals",
        "--fit-table",
        "amos",
    ];
    let (data, model) = (path("hs1939_groups_strict.csv"), path("model.lav"));
    let (code, out, err) = fit(&data, &model, &[&args[..], &["--json"]].concat());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("amos/hs1939_groups_strict.json")).unwrap(),
    )
    .unwrap();
    let bcc = v["amos_fit"]["default"]["bcc"].as_f64().unwrap();
    let r_bcc = want["amos"]["default"]["bcc"].as_f64().unwrap();
    assert!((bcc - r_bcc).abs() < 1e-6 * r_bcc, "BCC {bcc}, R {r_bcc}");
    assert!(v["amos_fit"]["default"]["bic"].is_null());
    let (code, out, _) = fit(&data, &model, &args);
    assert_eq!(code, 0);
    assert!(out.contains("With 2 groups"), "{out}");
}

/// `--group`, `--group-equal` and `--group-partial`: lavaan's partial scalar
/// invariance model of the live-commerce SEM by sales channel; every
/// parameter row carries its group.
#[test]
fn multi_group_fit_with_equal_loadings_and_intercepts_but_one() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan-advanced/livecommerce_groups_scalar_partial");
    let data = dir.join("livecommerce_groups_scalar_partial.csv");
    let model = dir.join("model.lav");
    let (code, out, err) = fit(
        data.to_str().unwrap(),
        model.to_str().unwrap(),
        &[
            "--group",
            "channel",
            "--group-equal",
            "loadings,intercepts",
            "--group-partial",
            "T2 ~ 1",
            "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!((v["fit"]["chisq"].as_f64().unwrap() - 79.716290290742).abs() < 1e-3);
    // the paths H1 and H2 carry one label each, so they are equal by the
    // model: no Wald test of their difference
    let diffs = v["groups"]["path_differences"].as_array().unwrap();
    assert_eq!(diffs.len(), 2);
    assert!(diffs
        .iter()
        .all(|d| d["equal_in_model"] == true && d["chisq"].is_null()));
    assert_eq!(v["fit"]["df"].as_f64(), Some(61.0));
    let groups: Vec<u64> = v["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["group"].as_u64().unwrap())
        .collect();
    assert_eq!(groups.iter().filter(|g| **g == 2).count(), 36);
    assert_eq!(v["groups"]["labels"][0], "Taobao");
    let (code, _, err) = fit(
        data.to_str().unwrap(),
        model.to_str().unwrap(),
        &["--group", "channel", "--group-equal", "loadings,slopes"],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("`slopes` is not something that can be made equal"),
        "{err}"
    );
}

/// `--group` with ordinal items: WLSMV per channel (thresholds, polychoric
/// correlations and Γ of each group), lavaan's scaled-shifted χ² and the
/// χ² contributions of the groups
/// (`tests/fixtures/lavaan-groups/livecommerce_groups_wlsmv`).
#[test]
fn multi_group_fit_with_ordinal_items() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan-groups/livecommerce_groups_wlsmv");
    let data = dir.join("livecommerce_groups_wlsmv.csv");
    let model = dir.join("model.lav");
    let (code, out, err) = fit(
        data.to_str().unwrap(),
        model.to_str().unwrap(),
        &["--group", "channel", "--ordered", "all", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["estimator"], "WLSMV");
    assert!((v["fit"]["chisq.scaled"].as_f64().unwrap() - 62.5779234776).abs() < 1e-3);
    assert_eq!(v["fit"]["df"].as_f64(), Some(50.0));
    assert_eq!(v["groups"]["nobs"], serde_json::json!([260, 240]));
    let (code, out, err) = fit(
        data.to_str().unwrap(),
        model.to_str().unwrap(),
        &["--group", "channel", "--ordered", "all"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("χ² by group (channel)"), "{out}");
}

/// `semlab invariance --ordered all`: the WLSMV ladder up to scalar (equal
/// thresholds), each Δχ² lavaan's satorra.2000
/// (`tests/fixtures/invariance/livecommerce_invariance_ladder/ladder_wlsmv.json`).
#[test]
fn invariance_with_ordinal_items_uses_satorra_2000() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invariance/livecommerce_invariance_ladder");
    let data = dir.join("livecommerce_invariance_ladder.csv");
    let model = dir.join("model.lav");
    let (code, out, err) = run(&[
        "invariance",
        "--data",
        data.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--group",
        "channel",
        "--ordered",
        "all",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["estimator"], "WLSMV");
    assert_eq!(v["difference_method"], "satorra.2000");
    assert_eq!(v["ladder"].as_array().unwrap().len(), 3);
    assert!((v["ladder"][2]["delta_chisq"].as_f64().unwrap() - 37.5890469269519).abs() < 1e-2);
}

/// `semlab invariance --estimator MLR`: the table states that χ² is scaled,
/// the indices robust and Δχ² the Satorra–Bentler (2001) scaled difference
/// (in both languages), and the JSON carries lavTestLRT's Δχ²
/// (`tests/fixtures/invariance/livecommerce_invariance_ladder/ladder_mlr.json`).
#[test]
fn invariance_under_mlr_reports_the_scaled_difference() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invariance/livecommerce_invariance_ladder");
    let data = dir.join("livecommerce_invariance_ladder.csv");
    let model = dir.join("model.lav");
    let base = [
        "invariance",
        "--data",
        data.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--group",
        "channel",
        "--estimator",
        "MLR",
    ];
    let (code, out, err) = run(&base);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Δχ² is the Satorra–Bentler (2001) scaled χ² difference test"),
        "{out}"
    );
    let (code, out, err) = run(&with(&base, &["--lang", "zh"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Satorra–Bentler（2001）校正 χ² 差异检验"),
        "{out}"
    );
    let (code, out, err) = run(&with(&base, &["--json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["difference_method"], "satorra.bentler.2001");
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ladder_mlr.json")).unwrap())
            .unwrap();
    let (ours, lavaan) = (
        v["ladder"][1]["delta_chisq"].as_f64().unwrap(),
        want["ladder"][1]["delta_chisq"].as_f64().unwrap(),
    );
    assert!((ours - lavaan).abs() < 1e-4 * lavaan, "{ours} vs {lavaan}");
}

/// `semlab invariance --html/--latex/--csv-dir/--methods`: the ladder as the
/// APA tables of *For the paper* (the CSV with the exact p of Δχ², as
/// lavTestLRT gives it in ladder.json) and the methods paragraph's
/// sentences on it, in both languages.
#[test]
fn invariance_writes_apa_tables_and_the_methods_sentences() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/invariance/livecommerce_invariance_ladder");
    let data = dir.join("livecommerce_invariance_ladder.csv");
    let model = dir.join("model.lav");
    let out_dir = std::env::temp_dir().join(format!("semlab-inv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let (html, tex, csv) = (
        out_dir.join("ladder.html"),
        out_dir.join("ladder.tex"),
        out_dir.join("csv"),
    );
    let base = [
        "invariance",
        "--data",
        data.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
        "--group",
        "channel",
    ];
    let (code, out, err) = run(&with(
        &base,
        &[
            "--html",
            html.to_str().unwrap(),
            "--latex",
            tex.to_str().unwrap(),
            "--csv-dir",
            csv.to_str().unwrap(),
            "--methods",
        ],
    ));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Measurement invariance across the channel groups")
            && out.contains("Configural invariance holds; metric invariance does not."),
        "{out}"
    );
    assert!(
        !out.contains("Level"),
        "the sentences, not the tables: {out}"
    );
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("Measurement Invariance Across channel Groups")
    );
    let tex = std::fs::read_to_string(&tex).unwrap();
    assert!(
        tex.contains("\\toprule") && tex.contains("Measurement Invariance Across channel Groups")
    );
    let table = std::fs::read_to_string(csv.join("apa_invariance.csv")).unwrap();
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ladder.json")).unwrap()).unwrap();
    let metric: Vec<&str> = table.lines().nth(2).unwrap().split(',').collect();
    assert_eq!(metric[0], "Metric");
    let p: f64 = metric[9].parse().unwrap();
    let lavaan = want["ladder"][1]["delta_pvalue"].as_f64().unwrap();
    assert!((p - lavaan).abs() < 1e-4, "{p} vs lavaan {lavaan}");
    let (code, out, err) = run(&with(&base, &["--methods", "--lang", "zh"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("channel") && out.contains("形态等值"), "{out}");
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// `semlab compare --group`: two multi-group models (HS1939 by school; the
/// second makes two loadings equal across schools with `c(l2, l2)*x2`)
/// give lavaan's anova() Δχ², Δdf and p under ML and (Satorra–Bentler
/// 2001) MLR (`tests/fixtures/compare/hs1939_school_groups`, made by
/// scripts/make_compare_fixture.R with its GROUP argument); `semlab
/// invariance` refuses --group-equal, which its ladder sets itself.
#[test]
fn compare_two_multi_group_models_as_lavaan() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = root.join("compare/hs1939_school_groups");
    let data = root.join("invariance/hs1939_school_ladder/hs1939_school.csv");
    for (estimator, file) in [("ML", "compare_ml.json"), ("MLR", "compare_mlr.json")] {
        let want: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let (code, out, err) = run(&[
            "compare",
            "--data",
            data.to_str().unwrap(),
            "--model",
            dir.join("configural.lav").to_str().unwrap(),
            "--model",
            dir.join("equal_visual.lav").to_str().unwrap(),
            "--group",
            "school",
            "--estimator",
            estimator,
            "--json",
        ]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let d = &v;
        let lavaan = &want["anova"][1];
        for (ours, theirs) in [
            ("delta_chisq", "delta_chisq"),
            ("delta_pvalue", "delta_pvalue"),
        ] {
            let (a, b) = (d[ours].as_f64().unwrap(), lavaan[theirs].as_f64().unwrap());
            assert!(
                (a - b).abs() < 1e-4 * b.abs().max(1.0),
                "{estimator} {ours}: {a} vs lavaan {b}"
            );
        }
        assert_eq!(d["delta_df"].as_f64(), lavaan["delta_df"].as_f64());
    }
    let (code, _, err) = run(&[
        "invariance",
        "--data",
        data.to_str().unwrap(),
        "--model",
        dir.join("configural.lav").to_str().unwrap(),
        "--group",
        "school",
        "--group-equal",
        "loadings",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--free"), "{err}");
}

/// `semlab compare`: the table of both models and the difference (JSON with
/// anova()'s Δχ²), and a typed refusal for models with equal df, in both
/// languages (exit code 2).
#[test]
fn compare_two_nested_models_and_refuse_equal_df() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare/hs1939_residual_covariance");
    let (data, a, b) = (
        dir.join("hs1939.csv"),
        dir.join("cfa.lav"),
        dir.join("cfa_x7x8.lav"),
    );
    let args = |first: &PathBuf, second: &PathBuf| {
        [
            "compare",
            "--data",
            data.to_str().unwrap(),
            "--model",
            first.to_str().unwrap(),
            "--model",
            second.to_str().unwrap(),
        ]
        .map(String::from)
    };
    let base_args = args(&a, &b);
    let base: Vec<&str> = base_args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&base);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Nested models compared (ML, N = 301)"),
        "{out}"
    );
    // p as APA writes it (and every other table of semlab), not `0.0000`
    assert!(out.contains("Δχ² = 32.033, Δdf = 1, p < .001"), "{out}");
    assert!(!out.contains("0.000 "), "{out}");
    let (code, out, err) = run(&with(&base, &["--estimator", "MLR", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("compare_mlr.json")).unwrap())
            .unwrap();
    let (ours, lavaan) = (
        v["delta_chisq"].as_f64().unwrap(),
        want["anova"][1]["delta_chisq"].as_f64().unwrap(),
    );
    assert!((ours - lavaan).abs() < 1e-4 * lavaan, "{ours} vs {lavaan}");
    assert_eq!(v["difference_method"], "satorra.bentler.2001");
    assert!(v["models"][1]["name"]
        .as_str()
        .unwrap()
        .ends_with("cfa.lav"));
    let same_args = args(&a, &a);
    let same: Vec<&str> = same_args.iter().map(String::as_str).collect();
    let (code, _, err) = run(&same);
    assert_eq!(code, 2);
    assert!(
        err.contains("both models have 24 degrees of freedom"),
        "{err}"
    );
    let (code, _, err) = run(&with(&same, &["--lang", "zh"]));
    assert_eq!(code, 2);
    assert!(err.contains("两个模型的自由度都是 24"), "{err}");
    // WLSMV is a known estimator: on continuous items the message says
    // what it is for (it said "unknown estimator" before)
    let (code, _, err) = run(&with(&base, &["--estimator", "WLSMV"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("WLSMV is for ordinal items") && !err.contains("unknown estimator"),
        "{err}"
    );
}

/// A column where -99 stands for "no answer": the fit is run as asked, and
/// a note names the code, its columns and the flag that declares it; with
/// the flag the note is gone. Columns the model does not use are not named.
#[test]
fn a_value_that_looks_like_a_missing_code_is_pointed_out() {
    let csv = std::fs::read_to_string(fixture("hs1939_cfa", "hs1939_cfa.csv")).unwrap();
    let mut lines: Vec<String> = csv.lines().map(String::from).collect();
    for i in [3, 10, 50, 120] {
        let mut cells: Vec<&str> = lines[i].split(',').collect();
        cells[0] = "-99";
        lines[i] = cells.join(",");
    }
    let data = tmp("codes_hs1939.csv", &(lines.join("\n") + "\n"));
    let model = tmp(
        "codes_hs1939.lav",
        "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\n",
    );
    let (code, _, err) = fit(&data, &model, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: -99 appears 4 times in x1") && err.contains("--missing-codes -99"),
        "{err}"
    );
    let (code, _, err) = fit(&data, &model, &["--missing-codes", "-99"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("-99"), "{err}");
    // x1 is not in this model: nothing to say
    let other = tmp("codes_textual.lav", "textual =~ x4 + x5 + x6\n");
    let (code, _, err) = fit(&data, &other, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("-99"), "{err}");
    let (_, _, err) = fit(&data, &model, &["--lang", "zh"]);
    assert!(err.contains("看起来是缺失值代码"), "{err}");
}

/// `semlab power`: RMSEA power and minimum N as semTools
/// `findRMSEApower`/`findRMSEAsamplesize` give them
/// (`tests/fixtures/power/rmsea_power.json`), from a typed df or from the
/// df and N of a fitted model; bad values are named.
#[test]
fn power_gives_semtools_power_and_minimum_n() {
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/power/rmsea_power.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let find = |list: &str, df: u64, test: &str| {
        reference[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| {
                c["df"] == df && c["test"] == test && c["target"].as_f64().is_none_or(|t| t == 0.8)
            })
            .unwrap_or_else(|| panic!("no {list} case df {df} {test}"))
            .clone()
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let (code, out, err) = run(&with(&["power", "--json"], args));
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };

    // typed df and N: the test of close fit
    let case = find("power", 24, "close");
    let n = case["n"].as_u64().unwrap().to_string();
    let r = json(&["--df", "24", "--n", &n]);
    assert!((r["power"].as_f64().unwrap() - case["power"].as_f64().unwrap()).abs() < 1e-6);
    assert_eq!(r["min_n"], find("min_n", 24, "close")["n"]);

    // two groups
    let g = &reference["groups"][0];
    let r = json(&[
        "--df",
        &g["df"].to_string(),
        "--n",
        &g["n"].to_string(),
        "--groups",
        "2",
    ]);
    assert!((r["power"].as_f64().unwrap() - g["power"].as_f64().unwrap()).abs() < 1e-6);

    // from a fitted model: Holzinger–Swineford's three factors, df = 24, N = 301
    let r = json(&[
        "--data",
        &fixture("hs1939_cfa", "hs1939_cfa.csv"),
        "--model",
        &fixture("hs1939_cfa", "model.lav"),
    ]);
    assert_eq!((r["df"].as_u64(), r["n"].as_u64()), (Some(24), Some(301)));
    assert_eq!(r["min_n"], find("min_n", 24, "close")["n"]);

    // in words, both languages
    let (_, out, _) = run(&["power", "--df", "24", "--n", "301"]);
    assert!(
        out.contains("test of close fit") && out.contains("N = 375"),
        "{out}"
    );
    let (_, out, _) = run(&["power", "--df", "24", "--n", "301", "--lang", "zh"]);
    assert!(
        out.contains("近似拟合检验") && out.contains("N = 375"),
        "{out}"
    );

    // bad input: one line that names the problem, exit code 2
    for (args, says) in [
        (vec!["power", "--n", "100"], "--df"),
        (vec!["power", "--df", "0"], "no degrees of freedom"),
        (
            vec!["power", "--df", "10", "--alpha", "x"],
            "--alpha needs a number",
        ),
        (
            vec!["power", "--df", "10", "--rmsea1", "0.05"],
            "must be different",
        ),
        (
            vec!["power", "--df", "10", "--target", "1.5"],
            "target power",
        ),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// `semlab power --monte-carlo`: from a typed population `y ~ 0.25*x` at
/// N = 100 the power of the path is the analytic power of its Wald test
/// (λ = Nβ² = 6.25: Φ(2.5 − 1.96) = .705) within 3 Monte Carlo SEs, the same again for
/// the same seed; from the live-commerce model fitted to its data, the
/// chosen hypotheses in words and JSON; bad requests are named.
#[test]
fn monte_carlo_power_of_chosen_paths() {
    let pop = tmp("mc_population.lav", "y ~ 0.25*x\n");
    let json = |args: &[&str]| -> serde_json::Value {
        let (code, out, err) = run(&with(&["power", "--json"], args));
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let typed = [
        "--population",
        &pop,
        "--n",
        "100",
        "--reps",
        "400",
        "--seed",
        "5",
    ];
    let r = json(&typed);
    assert_eq!(
        (r["n"].as_u64(), r["reps"].as_u64(), r["seed"].as_u64()),
        (Some(100), Some(400), Some(5))
    );
    assert_eq!(r["reps_converged"], 400);
    assert_eq!(r["alpha"], 0.05);
    let path = &r["paths"][0];
    assert_eq!(
        (
            path["label"].as_str(),
            path["lhs"].as_str(),
            path["op"].as_str(),
            path["rhs"].as_str()
        ),
        (Some("y ~ x"), Some("y"), Some("~"), Some("x"))
    );
    assert!((path["population"].as_f64().unwrap() - 0.25).abs() < 1e-6);
    let power = path["power"].as_f64().unwrap();
    let se = path["mc_se"].as_f64().unwrap();
    assert!((se - (power * (1.0 - power) / 400.0).sqrt()).abs() < 1e-12);
    assert!((power - 0.7054).abs() < 3.0 * 0.0228, "{power}");
    assert_eq!(json(&typed), r, "seeded");

    // the fitted live-commerce model, two hypotheses
    let data = fixture("livecommerce_sem", "livecommerce_sem.csv");
    let model = fixture("livecommerce_sem", "model.lav");
    let fitted = [
        "power",
        "--monte-carlo",
        "--data",
        &data,
        "--model",
        &model,
        "--n",
        "300",
        "--reps",
        "20",
        "--paths",
        "H2a, H5b",
    ];
    let (code, out, err) = run(&fitted);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("simulated from the fitted model's implied moments"),
        "{out}"
    );
    assert!(
        out.contains("With N = 300, the power to detect H2a is"),
        "{out}"
    );
    assert!(
        out.contains("With N = 300, the power to detect H5b is"),
        "{out}"
    );
    let r = json(&fitted[1..]);
    let labels: Vec<&str> = r["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["H2a", "H5b"]);
    let (_, out, _) = run(&with(&fitted, &["--lang", "zh"]));
    assert!(out.contains("N = 300 时，检测 H2a 的检验力为"), "{out}");

    for (args, says) in [
        (
            vec![
                "power",
                "--monte-carlo",
                "--data",
                &data,
                "--model",
                &model,
                "--paths",
                "H9",
                "--reps",
                "5",
            ],
            "no path `H9`",
        ),
        (
            vec!["power", "--population", &pop, "--reps", "5"],
            "needs --n N",
        ),
        (
            vec!["power", "--population", &pop, "--n", "100", "--reps", "0"],
            "between 1 and 100000",
        ),
        (
            vec!["power", "--population", &pop, "--n", "2"],
            "N = 2 is too small",
        ),
        (
            vec!["power", "--df", "10", "--reps", "5"],
            "add --monte-carlo",
        ),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// Chinese output puts a space between Chinese characters and Latin
/// letters (`Trust 和 SubjectiveNorms 的`, W3C clreq §3.2.3) in every
/// report of the command line: fit with its tables, the methods paragraph,
/// the APA tables, moderation, the invariance ladder, explore and power.
#[test]
fn chinese_output_spaces_latin_names_everywhere() {
    let han = |c: char| matches!(c, '\u{4e00}'..='\u{9fff}');
    let adjacent = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| {
                let cs: Vec<char> = l.chars().collect();
                cs.windows(2).any(|w| {
                    (han(w[0]) && w[1].is_ascii_alphabetic())
                        || (w[0].is_ascii_alphabetic() && han(w[1]))
                })
            })
            .map(str::to_string)
            .collect()
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let case = |dir: &str, data: &str| {
        let d = root.join(dir);
        (
            d.join(data).to_string_lossy().into_owned(),
            d.join("model.lav").to_string_lossy().into_owned(),
        )
    };
    let html = tmp("zh-apa.html", "");
    let mut outputs = Vec::new();
    for name in ["hs1939_cfa", "poldem_mediation", "livecommerce_sem"] {
        let (data, model) = case(&format!("lavaan/{name}"), &format!("{name}.csv"));
        for extra in [&["--lang", "zh"][..], &["--lang", "zh", "--methods"]] {
            let (code, out, err) = fit(&data, &model, extra);
            assert_eq!(code, 0, "{err}");
            outputs.push((format!("fit {name} {extra:?}"), out));
        }
        let (code, _, err) = fit(&data, &model, &["--lang", "zh", "--html", &html]);
        assert_eq!(code, 0, "{err}");
        outputs.push((
            format!("APA {name}"),
            std::fs::read_to_string(&html).unwrap(),
        ));
        let (_, out, _) = run(&[
            "explore", "--data", &data, "--model", &model, "--lang", "zh",
        ]);
        outputs.push((format!("explore {name}"), out));
        let (_, out, _) = run(&["power", "--data", &data, "--model", &model, "--lang", "zh"]);
        outputs.push((format!("power {name}"), out));
        // (a model without regression paths says so, in Chinese)
        let (_, out, err) = run(&[
            "power",
            "--monte-carlo",
            "--data",
            &data,
            "--model",
            &model,
            "--reps",
            "10",
            "--lang",
            "zh",
        ]);
        outputs.push((format!("Monte Carlo power {name}"), out + &err));
    }
    let (data, model) = case("moderation/moderation_process7", "moderation_process7.csv");
    let (code, out, err) = fit(&data, &model, &["--lang", "zh", "--bootstrap", "200"]);
    assert_eq!(code, 0, "{err}");
    outputs.push(("moderation".into(), out));
    let (data, model) = case("invariance/hs1939_school_ladder", "hs1939_school.csv");
    let (_, out, _) = run(&[
        "invariance",
        "--data",
        &data,
        "--model",
        &model,
        "--group",
        "school",
        "--lang",
        "zh",
    ]);
    outputs.push(("invariance".into(), out));
    for (what, out) in &outputs {
        assert!(out.chars().any(han), "{what}: in Chinese\n{out}");
        let bad = adjacent(out);
        assert!(
            bad.is_empty(),
            "{what}: Latin letters run into Chinese:\n{}",
            bad.join("\n")
        );
    }
}

/// On x86_64 Linux the command-line tool is one static, non-PIE executable
/// (scripts/linker-gcc, .cargo/config.toml): its ELF header names no
/// program interpreter (the dynamic loader) and it has no dynamic section,
/// so a process starts without loading and relocating shared libraries.
/// The linker falls back to the ordinary dynamic link when the static one
/// fails; this test says so.
#[cfg(all(target_os = "linux", target_arch = "x86_64", target_env = "gnu"))]
#[test]
fn the_command_line_tool_is_a_static_executable() {
    let elf = std::fs::read(env!("CARGO_BIN_EXE_semlab")).unwrap();
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]);
    let u32_at = |o: usize| u32::from_le_bytes(elf[o..o + 4].try_into().unwrap());
    let u64_at = |o: usize| u64::from_le_bytes(elf[o..o + 8].try_into().unwrap());
    assert_eq!(&elf[..4], b"\x7fELF");
    // e_type: 2 = an executable at a fixed address (3 would be PIE)
    assert_eq!(u16_at(16), 2, "not a non-PIE executable");
    let (phoff, phentsize, phnum) = (u64_at(0x20) as usize, u16_at(0x36) as usize, u16_at(0x38));
    let types: Vec<u32> = (0..usize::from(phnum))
        .map(|i| u32_at(phoff + i * phentsize))
        .collect();
    // PT_INTERP = 3, PT_DYNAMIC = 2
    assert!(
        !types.contains(&3),
        "the binary names a dynamic loader: {types:?}"
    );
    assert!(
        !types.contains(&2),
        "the binary has a dynamic section: {types:?}"
    );
}
