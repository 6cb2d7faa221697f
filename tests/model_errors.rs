//! Every bad model gets a clear message at the right place (line and
//! column, with the offending text), and nothing panics.

use semlab::analysis::{self, AnalysisError, DataInput, Options};
use semlab::data::{read_table, ReadOptions};

fn hs_table() -> semlab::data::DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv"
    );
    read_table(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap()
}

fn error_of(model: &str) -> String {
    error_with(model, &Options::default())
}

fn error_with(model: &str, opts: &Options) -> String {
    let t = hs_table();
    match analysis::run(&DataInput::Table(&t), model, opts) {
        Ok(_) => panic!("model was accepted:\n{model}"),
        Err(e) => e.to_string(),
    }
}

fn assert_has(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} should contain {p:?}");
    }
}

#[test]
fn unknown_operator_names_line_column_and_text() {
    let m = "visual =~ x1 + x2 + x3\ntextual -> x4 + x5 + x6";
    assert_has(
        &error_of(m),
        &["line 2, column 9", "unknown operator `->`", "~"],
    );
    assert_has(&error_of("f = x1 + x2"), &["line 1, column 3", "`=`", "=~"]);
    assert_has(&error_of("f =~~ x1 + x2"), &["line 1, column 3", "`=~~`"]);
}

#[test]
fn unbalanced_parentheses_point_at_the_parenthesis() {
    assert_has(
        &error_of("visual =~ x1 + start(0.5*x2 + x3"),
        &["line 1, column 21", "never closed"],
    );
    assert_has(
        &error_of("visual =~ x1 + 0.5)*x2 + x3"),
        &["line 1, column 19", "no matching `(`"],
    );
}

#[test]
fn variable_neither_in_data_nor_latent() {
    let m = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x66";
    assert_has(
        &error_of(m),
        &["line 2, column 22", "`x66` is not a column of the data"],
    );
    // a near miss gets a suggestion
    assert_has(
        &error_of("visual =~ X1 + x2 + x3"),
        &["line 1, column 11", "did you mean `x1`"],
    );
}

/// A latent variable named like a column of the data (a total score
/// `x4` beside the construct `x4 =~ …`): lavaan refuses it ("some latent
/// variable names collide with observed variable names"); semlab fitted it
/// and silently ignored the column. Refused at the `=~` line, en + zh.
#[test]
fn latent_named_like_a_data_column() {
    use semlab::i18n::{Lang, Localized};
    let t = hs_table();
    let m = "visual =~ x1 + x2 + x3\nx4 =~ x5 + x6 + x7";
    let e = analysis::run(&DataInput::Table(&t), m, &Options::default()).unwrap_err();
    assert_has(
        &e.to_string(),
        &[
            "line 2, column 1",
            "`x4` is defined as a latent variable (`x4 =~ …`) but is also a column of the data",
            "`x4_f`",
        ],
    );
    assert_has(
        &e.message(Lang::Zh),
        &["第 2 行", "`x4` 用 `=~` 定义为潜变量，但它也是数据中的一列"],
    );
}

/// Two values or two labels on one term: lavaan 0.6.14 multiplies the
/// numbers (`2*3*x2` is fixed at 6) and refuses `a*b*x2`; semlab kept the
/// last one (3, `b`) without a word. Refused at the term, en + zh; a label
/// with a start value (`start(0.5)*a*x2`) stays allowed.
#[test]
fn two_values_or_two_labels_on_one_term_are_refused() {
    use semlab::i18n::{Lang, Localized};
    let t = hs_table();
    let err = |model: &str| {
        let e = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap_err();
        (e.to_string(), e.message(Lang::Zh))
    };
    let (en, zh) = err("visual =~ x1 + 2*3*x2 + x3");
    assert_has(
        &en,
        &[
            "line 1, column 16",
            "the modifier `2*3` is not valid: one parameter gets two fixed values",
        ],
    );
    assert_has(&zh, &["第 1 行第 16 列", "一个参数被赋予了两个固定值"]);
    let (en, zh) = err("visual =~ x1 + a*b*x2 + x3");
    assert_has(
        &en,
        &["`a*b`", "one parameter gets two labels; write one label"],
    );
    assert_has(&zh, &["一个参数被赋予了两个标签"]);
    let ok = "visual =~ x1 + start(0.5)*a*x2 + x3";
    assert!(analysis::run(&DataInput::Table(&t), ok, &Options::default()).is_ok());
}

#[test]
fn latent_without_indicators() {
    let m = "visual =~ x1 + x2 + x3\nvisual ~ Motivation";
    assert_has(
        &error_of(m),
        &[
            "line 2, column 10",
            "`Motivation` is used as a latent variable but has no indicators",
            "Motivation =~",
        ],
    );
}

#[test]
fn label_with_conflicting_fixed_values() {
    let m = "visual =~ x1 + 0.5*a*x2 + 0.7*a*x3";
    assert_has(
        &error_of(m),
        &["line 1, column", "label `a`", "fixed to different values"],
    );
}

#[test]
fn under_identified_model_says_how_many_parameters_are_too_many() {
    // two indicators, everything free: 5 parameters, 3 sample moments
    let m = "f =~ NA*x1 + x2";
    let msg = error_of(m);
    assert_has(
        &msg,
        &[
            "not identified",
            "free parameters",
            "2 loadings",
            "3 variances",
            "degrees of freedom -2",
        ],
    );
}

#[test]
fn undefined_label_in_defined_parameter() {
    let m = "visual =~ x1 + a*x2 + x3\nind := a*b";
    assert_has(
        &error_of(m),
        &["line 2, column 10", "`b` is not the label of any parameter"],
    );
}

#[test]
fn two_operators_in_one_statement() {
    assert_has(
        &error_of("f =~ x1 + x2 ~ x3"),
        &["line 1, column 14", "two operators"],
    );
}

#[test]
fn dangling_plus_at_the_end() {
    assert_has(
        &error_of("f =~ x1 + x2 +"),
        &["line 1", "expected a variable name"],
    );
}

#[test]
fn statement_without_operator() {
    assert_has(
        &error_of("visual =~ x1 + x2 + x3\nx4 x5"),
        &["line 2, column 1", "has no operator"],
    );
}

/// The text quoted is the text as typed: spaces kept (not `textualx5`),
/// with the line and column where it starts.
#[test]
fn quoted_text_is_the_source_as_written() {
    let e = error_of("visual =~ x1 + x2 + x3\ntextual =~ x4 + x5\nvisual ~~ textual x5");
    assert_has(&e, &["line 3, column 11", "`textual x5`"]);
    assert!(!e.contains("textualx5"), "{e}");
    let e = error_of("visual =~ x1 + x2\ntextual =~ x4  x5 + x6");
    assert_has(&e, &["line 2, column 12", "`x4  x5`"]);
}

#[test]
fn bad_modifier() {
    assert_has(
        &error_of("f =~ x1 + prior(1)*x2 + x3"),
        &["line 1, column 11", "prior()", "not supported"],
    );
    assert_has(
        &error_of("f =~ x1 + c(a, 1)*x2 + x3"),
        &["labels and numbers cannot be mixed"],
    );
    // a `*` with nothing before it
    assert_has(
        &error_of("f =~ x1 + * x2 + x3"),
        &[
            "line 1, column 11",
            "a fixed value or a label before `*`",
            "`0.5*x2`",
        ],
    );
}

#[test]
fn no_suggestion_of_a_column_name_that_cannot_be_written_in_a_model() {
    let csv = b"Trust 1,Trust2,Trust3,T4\n1,2,3,4\n2,3,4,4\n3,3,5,2\n4,5,4,3\n";
    let t = read_table(csv, &ReadOptions::default()).unwrap();
    let msg = analysis::run(
        &DataInput::Table(&t),
        "f =~ Trust1 + Trust2 + Trust3",
        &Options::default(),
    )
    .unwrap_err()
    .to_string();
    assert_has(&msg, &["line 1, column 6", "`Trust1` is not a column"]);
    assert!(!msg.contains("`Trust 1`"), "{msg}");
    assert!(semlab::syntax::is_variable_name("Trust2"));
    assert!(!semlab::syntax::is_variable_name("Trust 1"));
    assert!(!semlab::syntax::is_variable_name("sn-1"));
}

#[test]
fn nonlinear_constraint_is_refused_clearly() {
    let m = "visual =~ x1 + a*x2 + b*x3\na == b^2";
    assert_has(
        &error_of(m),
        &["line 2, column 1", "`a == b^2`", "not linear"],
    );
}

#[test]
fn reserved_options_say_not_supported_yet() {
    let m = "visual =~ x1 + x2 + x3";
    let opts = Options {
        estimator: semlab::analysis::Estimator::Wlsmv,
        ..Options::default()
    };
    assert_has(
        &error_with(m, &opts),
        &["WLSMV estimator", "not supported yet"],
    );
}

#[test]
fn group_blocks_are_not_supported_yet() {
    assert_has(
        &error_of("group: 1\nvisual =~ x1 + x2 + x3"),
        &["line 1, column 1", "group:", "not supported yet"],
    );
}

#[test]
fn empty_model() {
    assert_has(&error_of("# just a comment\n\n"), &["model is empty"]);
}

#[test]
fn error_kinds_are_typed() {
    let t = hs_table();
    let e = analysis::run(&DataInput::Table(&t), "f =~ x1 + y9", &Options::default()).unwrap_err();
    assert!(matches!(
        e,
        AnalysisError::Model(semlab::partable::ModelError::UnknownVariable { .. })
    ));
}

/// A model's messages are one clause after their place (`line 2, column
/// 27: ...`, no full stop, as the page and the command line show them),
/// in both languages: a second sentence inside one (`... variables. Use a
/// composite score ...`) read as a message cut short of its full stop.
#[test]
fn model_messages_are_one_clause_in_both_languages() {
    use semlab::i18n::{Lang, Localized};
    let t = hs_table();
    let bad = [
        "f =~ x1 + x2 + x99",
        "f =~ x1 + x2 + x3\ny ~ g",
        "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nx7 ~ visual + x4 + visual:x4",
        "f =~ a*x1 + x2 + x3\na == 1\nd := q*2",
        "x1 ~ x1",
        "f =~ x1 + x2 + x3 + x4\nf ~~ f\nx1 ~~ x2 + x3 + x4\nx2 ~~ x3 + x4\nx3 ~~ x4",
        "f =~ x1 + x2 + x3\nf =~ x1 | t1",
        "f -> x1",
        "",
    ];
    for m in bad {
        let e = analysis::run(&DataInput::Table(&t), m, &Options::default()).unwrap_err();
        for lang in Lang::ALL {
            let msg = e.message(lang);
            let two_sentences = msg.contains('。')
                || msg
                    .match_indices(". ")
                    .any(|(i, _)| msg[i + 2..].starts_with(|c: char| c.is_uppercase()));
            assert!(!two_sentences, "{lang:?}, {m:?}: {msg}");
            assert!(!msg.ends_with('.'), "{lang:?}, {m:?}: {msg}");
        }
    }
}

/// Many malformed models: never a panic, always a message.
#[test]
fn malformed_models_never_panic() {
    let t = hs_table();
    let bad = [
        "",
        "=~",
        "f =~",
        "=~ x1",
        "f =~ x1 +",
        "f =~ + x1",
        "f =~ x1 ++ x2",
        "f =~ x1 * x2 * ",
        "f =~ (x1",
        "f =~ x1)",
        "f =~ 1x",
        "f =~ \"x1",
        "f ~ 1 + 1",
        "f := ",
        ":= a",
        "a == ",
        "f =~ x1\nf =~ x1",
        "f =~ x1 + x2 + x3\nf ~~ f ~~ f",
        "f =~ start()*x1",
        "f =~ c()*x1",
        "f =~ x1 | t1",
        "f <~ x1",
        "f ~*~ f",
        "efa(\"a\")*f =~ x1",
        "x1 ~ x1",
        "f =~ f",
        "f =~ x1 + x2 + x3\nx1 ~~ NA*x1\nx1 ~~ 0*x1",
        "f =~ 1e999*x1",
        "f =~ x1 + x2\n\u{3000}",
        "因子 =~ x1 + x2 + x3",
    ];
    for m in bad {
        let r = std::panic::catch_unwind(|| {
            analysis::run(&DataInput::Table(&t), m, &Options::default())
        });
        assert!(r.is_ok(), "panicked on {m:?}");
    }
}

/// A term given twice with different modifiers is one parameter with both
/// (`NA*x1 + l*x1`: free, labelled `l`), as lavaan merges them — not an
/// extra row dropped with a duplicate note, which silently changed df.
/// lavaan 0.6.14, `cfa()` on HolzingerSwineford1939: npar 11, df 10,
/// χ² 32.893.
#[test]
fn repeated_term_merges_its_modifiers_as_lavaan() {
    let t = hs_table();
    let model = "visual =~ NA*x1 + l*x1 + l*x2 + l*x3\nvisual ~~ 1*visual\ntextual =~ x4 + x5 + x6";
    let a = analysis::run(&DataInput::Table(&t), model, &Options::default()).unwrap();
    assert_eq!(a.npar, 11);
    assert_eq!(a.fit["df"], Some(10.0));
    let chisq = a.fit["chisq"].unwrap();
    assert!((chisq - 32.893).abs() < 5e-4, "chisq {chisq}");
    let labelled: Vec<_> = a
        .parameters
        .iter()
        .filter(|p| p.lhs == "visual" && p.op == "=~")
        .map(|p| p.label.as_str())
        .collect();
    assert_eq!(labelled, ["l", "l", "l"]);
    assert!(a.warnings.is_empty(), "no duplicate note: {:?}", a.warnings);
}

/// An operator typed with a Chinese input method (full-width `＋`, `＝～`,
/// `（`) is named as such with the character to type instead, in both
/// languages; any other stray character keeps the plain message.
#[test]
fn a_full_width_operator_names_the_half_width_one() {
    use semlab::i18n::{Lang, Localized};
    let t = hs_table();
    let err = |model: &str| match analysis::run(&DataInput::Table(&t), model, &Options::default()) {
        Ok(_) => panic!("model was accepted:\n{model}"),
        Err(e) => (e.to_string(), e.message(Lang::Zh)),
    };
    let (en, zh) = err("visual =~ x1 ＋ x2 + x3");
    assert_has(
        &en,
        &[
            "line 1, column 14",
            "the character `＋` cannot appear in model syntax (it is the full-width `+` of a Chinese input method; type `+` with the input method switched to English)",
        ],
    );
    assert_has(
        &zh,
        &["`＋`（这是中文输入法的全角字符；请切换到英文输入法，输入半角的 `+`）"],
    );
    assert_has(
        &err("visual ＝～ x1 + x2 + x3").0,
        &["column 8", "`＝`", "full-width `=`"],
    );
    assert_has(&err("textual ~ visual + 2（x4）").0, &["full-width `(`"]);
    let (en, _) = err("visual =~ x1 + x2 + x3 §");
    assert!(
        en.ends_with("the character `§` cannot appear in model syntax"),
        "{en}"
    );
}
