//! Drawing the live-commerce model (the survey paper's Figure II) as edits
//! of its lavaan text: every drawing action of the diagram editor is one of
//! the functions in `semlab::syntax::edit`, and each test checks the exact
//! text it leaves, that the text still parses, and that the person's
//! comments stay.

use semlab::i18n::{Lang, Localized};
use semlab::syntax::edit::{
    add_covariance, add_latent, add_regression, attach_item, delete, free_parameter,
    parameter_line, rename_latent, set_loading_fixed, set_variance_fixed, variance_fixed,
    EditError, Element,
};
use semlab::syntax::{parse, Statement};

const EXAMPLE: &str = include_str!("fixtures/lavaan/livecommerce_sem/model.lav");

fn columns() -> Vec<String> {
    let head = include_str!("fixtures/lavaan/livecommerce_sem/livecommerce_sem.csv")
        .lines()
        .next()
        .unwrap()
        .to_string();
    head.split(',')
        .map(|c| c.trim_matches('"').to_string())
        .collect()
}

/// The text parses and keeps both comments of the example.
fn sound(text: &str) {
    parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        text.contains("# Measurement model: seven constructs"),
        "{text}"
    );
    assert!(
        text.contains("# Structural model: each label names a hypothesis"),
        "{text}"
    );
}

/// The example's statements, one per line, without comments and blank lines.
fn statements(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v
}

/// The relations of a text (lhs, op, rhs, modifiers), sorted: the model
/// lavaan fits, whatever the order and layout of the lines.
fn relations(text: &str) -> Vec<String> {
    let mut v: Vec<String> = parse(text)
        .unwrap()
        .into_iter()
        .filter_map(|s| match s {
            Statement::Relation(r) => Some(format!(
                "{} {} {} {:?}",
                r.lhs,
                r.op.as_str(),
                r.rhs.name,
                r.rhs.modifiers
            )),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_example_drawn_from_an_empty_model_is_the_example() {
    let cols = columns();
    let constructs = [
        ("Trust", ["T1", "T2", "T3"]),
        ("SubjectiveNorms", ["SN1", "SN2", "SN3"]),
        ("ProductInteraction", ["PI1", "PI2", "PI3"]),
        ("InterpersonalInteraction", ["HI1", "HI2", "HI3"]),
        ("MediaInteraction", ["MI1", "MI2", "MI3"]),
        ("RelationshipBuilding", ["RB1", "RB2", "RB3"]),
        ("RelationshipDeepening", ["RD1", "RD2", "RD3"]),
    ];
    let mut t = String::new();
    for (name, items) in constructs {
        // draw the ellipse with its first item, then click the other two
        t = add_latent(&t, name, &[items[0]], &cols).unwrap();
        for item in &items[1..] {
            t = attach_item(&t, name, item).unwrap();
        }
    }
    let paths = [
        ("ProductInteraction", "H1a", "Trust"),
        ("ProductInteraction", "H2a", "SubjectiveNorms"),
        ("InterpersonalInteraction", "H1b", "Trust"),
        ("InterpersonalInteraction", "H2b", "SubjectiveNorms"),
        ("MediaInteraction", "H1c", "Trust"),
        ("MediaInteraction", "H2c", "SubjectiveNorms"),
        ("RelationshipBuilding", "H3a", "ProductInteraction"),
        ("RelationshipBuilding", "H4a", "InterpersonalInteraction"),
        ("RelationshipBuilding", "H5a", "MediaInteraction"),
        ("RelationshipDeepening", "H3b", "ProductInteraction"),
        ("RelationshipDeepening", "H4b", "InterpersonalInteraction"),
        ("RelationshipDeepening", "H5b", "MediaInteraction"),
    ];
    for (y, h, x) in paths {
        t = add_regression(&t, y, x, Some(h)).unwrap();
    }
    assert_eq!(
        t,
        "Trust =~ T1 + T2 + T3\n\
         SubjectiveNorms =~ SN1 + SN2 + SN3\n\
         ProductInteraction =~ PI1 + PI2 + PI3\n\
         InterpersonalInteraction =~ HI1 + HI2 + HI3\n\
         MediaInteraction =~ MI1 + MI2 + MI3\n\
         RelationshipBuilding =~ RB1 + RB2 + RB3\n\
         RelationshipDeepening =~ RD1 + RD2 + RD3\n\
         \n\
         ProductInteraction ~ H1a*Trust + H2a*SubjectiveNorms\n\
         InterpersonalInteraction ~ H1b*Trust + H2b*SubjectiveNorms\n\
         MediaInteraction ~ H1c*Trust + H2c*SubjectiveNorms\n\
         RelationshipBuilding ~ H3a*ProductInteraction + H4a*InterpersonalInteraction + H5a*MediaInteraction\n\
         RelationshipDeepening ~ H3b*ProductInteraction + H4b*InterpersonalInteraction + H5b*MediaInteraction\n"
    );
    assert_eq!(statements(&t), statements(EXAMPLE));
    assert_eq!(relations(&t), relations(EXAMPLE));
}

/// The example with one line changed: `from` (a whole line) becomes `to`
/// (None: the line goes).
fn example_with(from: &str, to: Option<&str>) -> String {
    let mut out = String::new();
    let mut found = false;
    for l in EXAMPLE.split_inclusive('\n') {
        if l.trim_end() == from {
            found = true;
            if let Some(t) = to {
                out.push_str(t);
                out.push('\n');
            }
        } else {
            out.push_str(l);
        }
    }
    assert!(found, "{from}");
    out
}

#[test]
fn an_item_is_appended_to_its_construct_and_deleted_again() {
    let t = attach_item(EXAMPLE, "Trust", "SN1").unwrap();
    sound(&t);
    assert_eq!(
        t,
        example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ T1 + T2 + T3 + SN1"))
    );
    let back = delete(
        &t,
        &Element::Loading {
            latent: "Trust".into(),
            item: "SN1".into(),
        },
    )
    .unwrap();
    assert_eq!(back, EXAMPLE);
    // the first item too: the next one becomes the first
    let t = delete(
        EXAMPLE,
        &Element::Loading {
            latent: "Trust".into(),
            item: "T1".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t,
        example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ T2 + T3"))
    );
    // and the middle one
    let t = delete(
        EXAMPLE,
        &Element::Loading {
            latent: "Trust".into(),
            item: "T2".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t,
        example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ T1 + T3"))
    );
    assert_eq!(
        attach_item(EXAMPLE, "Trust", "T2").unwrap_err(),
        EditError::AlreadyThere("Trust =~ T2".into())
    );
    assert_eq!(
        attach_item(EXAMPLE, "T1", "T2").unwrap_err(),
        EditError::NotALatent("T1".into())
    );
}

#[test]
fn a_hypothesis_is_merged_into_its_outcome_line() {
    // H6: Trust → Relationship deepening, a new predictor of an outcome
    let t = add_regression(EXAMPLE, "RelationshipDeepening", "Trust", Some("H6")).unwrap();
    sound(&t);
    assert_eq!(
        t,
        example_with(
            "RelationshipDeepening ~ H3b*ProductInteraction + H4b*InterpersonalInteraction + H5b*MediaInteraction",
            Some("RelationshipDeepening ~ H3b*ProductInteraction + H4b*InterpersonalInteraction + H5b*MediaInteraction + H6*Trust")
        )
    );
    // a new outcome: a new line after the last regression (before the
    // example's closing blank line)
    let t = add_regression(EXAMPLE, "Trust", "SubjectiveNorms", None).unwrap();
    sound(&t);
    assert!(
        t.ends_with("H5b*MediaInteraction\nTrust ~ SubjectiveNorms\n\n"),
        "{t}"
    );
    // deleting the path gives the example back
    let back = delete(
        &t,
        &Element::Regression {
            outcome: "Trust".into(),
            predictor: "SubjectiveNorms".into(),
        },
    )
    .unwrap();
    assert_eq!(back, EXAMPLE);
    let t = delete(
        EXAMPLE,
        &Element::Regression {
            outcome: "ProductInteraction".into(),
            predictor: "Trust".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t,
        example_with(
            "ProductInteraction ~ H1a*Trust + H2a*SubjectiveNorms",
            Some("ProductInteraction ~ H2a*SubjectiveNorms")
        )
    );
    // a label that names another hypothesis, the same path twice, a loop
    assert_eq!(
        add_regression(EXAMPLE, "RelationshipDeepening", "Trust", Some("H1a")).unwrap_err(),
        EditError::LabelTaken("H1a".into())
    );
    assert_eq!(
        add_regression(EXAMPLE, "ProductInteraction", "Trust", None).unwrap_err(),
        EditError::AlreadyThere("ProductInteraction ~ Trust".into())
    );
    assert_eq!(
        add_regression(EXAMPLE, "Trust", "Trust", None).unwrap_err(),
        EditError::SameVariable("Trust".into())
    );
}

#[test]
fn a_covariance_goes_after_the_structural_part() {
    let t = add_covariance(EXAMPLE, "RelationshipBuilding", "RelationshipDeepening").unwrap();
    sound(&t);
    assert!(
        t.ends_with("H5b*MediaInteraction\n\nRelationshipBuilding ~~ RelationshipDeepening\n\n"),
        "{t}"
    );
    // a second one on the same variable joins its line
    let t2 = add_covariance(&t, "RelationshipBuilding", "Trust").unwrap();
    assert!(
        t2.contains("\nRelationshipBuilding ~~ RelationshipDeepening + Trust\n"),
        "{t2}"
    );
    // either order names the same covariance
    assert_eq!(
        add_covariance(&t, "RelationshipDeepening", "RelationshipBuilding").unwrap_err(),
        EditError::AlreadyThere("RelationshipDeepening ~~ RelationshipBuilding".into())
    );
    let back = delete(
        &t2,
        &Element::Covariance {
            a: "Trust".into(),
            b: "RelationshipBuilding".into(),
        },
    )
    .unwrap();
    assert_eq!(back, t);
}

#[test]
fn deleting_a_construct_removes_its_lines_and_its_paths() {
    let t = delete(EXAMPLE, &Element::Latent("MediaInteraction".into())).unwrap();
    sound(&t);
    assert_eq!(
        t,
        "\n# Measurement model: seven constructs, three 5-point Likert items each\n\
         Trust =~ T1 + T2 + T3\n\
         SubjectiveNorms =~ SN1 + SN2 + SN3\n\
         ProductInteraction =~ PI1 + PI2 + PI3\n\
         InterpersonalInteraction =~ HI1 + HI2 + HI3\n\
         RelationshipBuilding =~ RB1 + RB2 + RB3\n\
         RelationshipDeepening =~ RD1 + RD2 + RD3\n\
         \n\
         # Structural model: each label names a hypothesis\n\
         ProductInteraction ~ H1a*Trust + H2a*SubjectiveNorms\n\
         InterpersonalInteraction ~ H1b*Trust + H2b*SubjectiveNorms\n\
         RelationshipBuilding ~ H3a*ProductInteraction + H4a*InterpersonalInteraction\n\
         RelationshipDeepening ~ H3b*ProductInteraction + H4b*InterpersonalInteraction\n\n"
    );
    // an exogenous construct: its paths leave the other lines
    let t = delete(EXAMPLE, &Element::Latent("Trust".into())).unwrap();
    sound(&t);
    assert!(
        t.contains("\nProductInteraction ~ H2a*SubjectiveNorms\n"),
        "{t}"
    );
    assert!(!t.contains("Trust"), "{t}");
    assert!(!t.contains("T1"), "{t}");
}

#[test]
fn renaming_a_construct_changes_every_place_it_is_named_and_nothing_else() {
    let text = format!(
        "{EXAMPLE}# Trust is the first construct\nTrustworthy ~~ Trust\nTrustworthy =~ T1\n"
    );
    let t = rename_latent(&text, "Trust", "Credibility", &columns()).unwrap();
    sound(&t);
    assert_eq!(
        t,
        text.replace("Trust =~", "Credibility =~")
            .replace("*Trust ", "*Credibility ")
            .replace("~~ Trust\n", "~~ Credibility\n")
    );
    assert!(t.contains("# Trust is the first construct"));
    assert!(t.contains("Trustworthy =~ T1"));
    assert_eq!(
        rename_latent(EXAMPLE, "Trust", "SubjectiveNorms", &columns()).unwrap_err(),
        EditError::NameInUse("SubjectiveNorms".into())
    );
    // a data column's name would make it an observed variable
    assert_eq!(
        rename_latent(EXAMPLE, "Trust", "RB1", &columns()).unwrap_err(),
        EditError::NameInUse("RB1".into())
    );
    assert_eq!(
        rename_latent(EXAMPLE, "Trust", "Trust 2", &columns()).unwrap_err(),
        EditError::BadName("Trust 2".into())
    );
}

#[test]
fn fixing_and_freeing_a_loading_as_lavaan_writes_it() {
    // the marker (first item) freed: NA*; another item fixed: 1*
    let t = set_loading_fixed(EXAMPLE, "Trust", "T1", false, false).unwrap();
    let t = set_loading_fixed(&t, "Trust", "T2", true, false).unwrap();
    sound(&t);
    assert_eq!(
        t,
        example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ NA*T1 + 1*T2 + T3"))
    );
    // and back
    let back = set_loading_fixed(&t, "Trust", "T1", true, false).unwrap();
    let back = set_loading_fixed(&back, "Trust", "T2", false, false).unwrap();
    assert_eq!(back, EXAMPLE);
    // with std.lv no loading is fixed by default
    let t = set_loading_fixed(EXAMPLE, "Trust", "T1", true, true).unwrap();
    assert_eq!(
        t,
        example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ 1*T1 + T2 + T3"))
    );
    // a label stays
    let t = set_loading_fixed("f =~ x1 + a*x2 + 0.5?x3", "f", "x2", true, false).unwrap();
    assert_eq!(t, "f =~ x1 + 1*a*x2 + 0.5?x3");
    assert_eq!(
        set_loading_fixed(&t, "f", "x2", false, false).unwrap(),
        "f =~ x1 + a*x2 + 0.5?x3"
    );
}

#[test]
fn the_marker_choice_fixes_the_variance_and_frees_the_first_loading_and_back() {
    // std.lv written in the text: F ~~ 1*F after the last statement of the
    // structural part, the marker loading freed with NA*
    let t = set_variance_fixed(EXAMPLE, "Trust", true, false).unwrap();
    sound(&t);
    let last = "H5b*MediaInteraction\n";
    let want = example_with("Trust =~ T1 + T2 + T3", Some("Trust =~ NA*T1 + T2 + T3"))
        .replace(last, &format!("{last}\nTrust ~~ 1*Trust\n"));
    assert_eq!(t, want);
    let st = parse(&t).unwrap();
    assert!(variance_fixed(&st, "Trust", false));
    assert!(!variance_fixed(&st, "SubjectiveNorms", false));
    // a second construct's variance joins the first one's, below it
    let t2 = set_variance_fixed(&t, "SubjectiveNorms", true, false).unwrap();
    sound(&t2);
    assert!(
        t2.contains("Trust ~~ 1*Trust\nSubjectiveNorms ~~ 1*SubjectiveNorms\n"),
        "{t2}"
    );
    assert!(t2.contains("SubjectiveNorms =~ NA*SN1 + SN2 + SN3"), "{t2}");
    // and back: the lines and the comments as they were
    let back = set_variance_fixed(&t2, "SubjectiveNorms", false, false).unwrap();
    assert_eq!(back, t);
    let back = set_variance_fixed(&back, "Trust", false, false).unwrap();
    sound(&back);
    assert_eq!(back.trim_end(), EXAMPLE.trim_end());
    assert_eq!(relations(&back), relations(EXAMPLE));
    assert!(!variance_fixed(&parse(&back).unwrap(), "Trust", false));

    // under std.lv the variance is fixed already: freeing it writes NA*
    // and makes the first item the marker again
    let t = set_variance_fixed(EXAMPLE, "Trust", false, true).unwrap();
    sound(&t);
    assert!(t.contains("Trust =~ 1*T1 + T2 + T3"), "{t}");
    assert!(
        t.contains("H5b*MediaInteraction\n\nTrust ~~ NA*Trust\n"),
        "{t}"
    );
    assert!(!variance_fixed(&parse(&t).unwrap(), "Trust", true));
    assert!(variance_fixed(&parse(EXAMPLE).unwrap(), "Trust", true));
    let back = set_variance_fixed(&t, "Trust", true, true).unwrap();
    assert_eq!(back.trim_end(), EXAMPLE.trim_end());

    // a label on the variance and a comment stay; an existing line is edited
    let t = set_variance_fixed("f =~ x1 + x2 # two items\nf ~~ v*f\n", "f", true, false).unwrap();
    assert_eq!(t, "f =~ NA*x1 + x2 # two items\nf ~~ 1*v*f\n");
    let t = set_variance_fixed(&t, "f", false, false).unwrap();
    assert_eq!(t, "f =~ x1 + x2 # two items\nf ~~ v*f\n");
    // a variance written with other covariances on its line
    let t = set_variance_fixed("f =~ x1 + x2\ng =~ x3 + x4\nf ~~ g + f", "f", true, false).unwrap();
    assert_eq!(t, "f =~ NA*x1 + x2\ng =~ x3 + x4\nf ~~ g + 1*f");
    let t = set_variance_fixed(&t, "f", false, false).unwrap();
    assert_eq!(t, "f =~ x1 + x2\ng =~ x3 + x4\nf ~~ g");
    // only a latent variable has a marker choice
    assert_eq!(
        set_variance_fixed(EXAMPLE, "T1", true, false),
        Err(EditError::NotALatent("T1".into()))
    );
}

#[test]
fn comments_and_continued_lines_stay() {
    let text = "# my model\nf =~ x1 +  # first\n     x2 +\n     x3 ! last\ny ~ f # outcome\n";
    let t = delete(
        text,
        &Element::Loading {
            latent: "f".into(),
            item: "x2".into(),
        },
    )
    .unwrap();
    assert_eq!(
        t,
        "# my model\nf =~ x1 +  # first\n     x3 ! last\ny ~ f # outcome\n"
    );
    let t = attach_item(text, "f", "x4").unwrap();
    assert_eq!(
        t,
        "# my model\nf =~ x1 +  # first\n     x2 +\n     x3 + x4 ! last\ny ~ f # outcome\n"
    );
    let t = delete(text, &Element::Latent("f".into())).unwrap();
    // the comments stay, each on its line
    assert_eq!(t, "# my model\n# first\n     ! last\n# outcome\n");
    // two names on the left: only f's loading goes
    let t = delete(
        "f + g =~ x1 + x2",
        &Element::Loading {
            latent: "f".into(),
            item: "x1".into(),
        },
    )
    .unwrap();
    assert_eq!(t, "f =~ x2\ng =~ x1 + x2");
}

#[test]
fn a_new_latent_goes_with_the_measurement_part() {
    let cols = columns();
    let t = add_latent(EXAMPLE, "Loyalty", &["RB1", "RD1"], &cols).unwrap();
    sound(&t);
    assert!(
        t.contains(
            "RelationshipDeepening =~ RD1 + RD2 + RD3\nLoyalty =~ RB1 + RD1\n\n# Structural"
        ),
        "{t}"
    );
    // a structural model only: the latent goes first, above its comment
    let t = add_latent("# paths\ny ~ x\n", "f", &["a", "b"], &[]).unwrap();
    assert_eq!(t, "f =~ a + b\n# paths\ny ~ x\n");
    assert_eq!(
        add_latent("", "f", &[], &[]).unwrap_err(),
        EditError::NoItems
    );
    assert_eq!(
        add_latent(EXAMPLE, "T1", &["T2"], &cols).unwrap_err(),
        EditError::NameInUse("T1".into())
    );
}

#[test]
fn a_label_in_use_or_a_syntax_error_stops_the_edit_with_a_reason_in_both_languages() {
    let text = "m ~ a*x\ny ~ b*m + x\nind := a*b\n";
    let e = delete(
        text,
        &Element::Regression {
            outcome: "m".into(),
            predictor: "x".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        e,
        EditError::LabelInUse {
            label: "a".into(),
            line: 3
        }
    );
    assert_eq!(
        e.message(Lang::En),
        "the label `a` is used on line 3; change that line first"
    );
    assert_eq!(e.message(Lang::Zh), "第 3 行用到了标签 `a`；请先修改该行");
    let e = attach_item("f =~ x1 +", "f", "x2").unwrap_err();
    assert!(matches!(e, EditError::Syntax(_)));
    assert!(
        e.message(Lang::Zh).starts_with("模型文本有错误"),
        "{}",
        e.message(Lang::Zh)
    );
    for e in [
        EditError::BadName("a b".into()),
        EditError::NameInUse("x".into()),
        EditError::NoItems,
        EditError::NotALatent("x".into()),
        EditError::SameVariable("x".into()),
        EditError::AlreadyThere("y ~ x".into()),
        EditError::NotInModel("y ~ x".into()),
        EditError::LabelTaken("a".into()),
    ] {
        assert_eq!(e.message(Lang::En), e.to_string());
        assert!(e
            .message(Lang::Zh)
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
}

/// The undo history holds the text and the constructs named in the drawing
/// without an item yet: naming one is a step of its own, attaching its first
/// item (the construct enters the text) another, and undo/redo walk back
/// and forth through both, typing still grouped.
#[test]
fn undo_and_redo_keep_the_pending_constructs_with_the_text() {
    use semlab::syntax::history::{History, Snapshot, GROUP_MS};
    let snap = |text: &str, pending: &[&str]| Snapshot {
        text: text.to_string(),
        pending: pending.iter().map(|p| p.to_string()).collect(),
    };
    let mut h = History::default();
    assert!(!h.can_undo() && !h.can_redo());
    // "Trust" named in the drawing: the text is still empty
    h.record(snap("", &[]), true, 0.0);
    // its first item attached: it leaves the pending list for the text
    let attached = add_latent("", "Trust", &["T1"], &columns()).unwrap();
    assert_eq!(attached, "Trust =~ T1\n");
    h.record(snap("", &["Trust"]), true, 10.0);
    // typing, in two bursts close together: one step
    let typed = format!("{attached}Trust ~~ Trust\n");
    h.record(snap(&attached, &[]), false, 20.0);
    h.record(
        snap(&format!("{attached}Trust ~~"), &[]),
        false,
        20.0 + GROUP_MS / 2.0,
    );
    let now = snap(&typed, &[]);

    let back = h.undo(now.clone()).unwrap();
    assert_eq!(back, snap(&attached, &[]), "the typing, as one step");
    let back = h.undo(back).unwrap();
    assert_eq!(back, snap("", &["Trust"]), "the construct is pending again");
    let back = h.undo(back).unwrap();
    assert_eq!(back, snap("", &[]), "and gone");
    assert!(h.undo(back.clone()).is_none());
    assert!(h.can_redo());
    let fwd = h.redo(back).unwrap();
    assert_eq!(fwd, snap("", &["Trust"]));
    let fwd = h.redo(fwd).unwrap();
    assert_eq!(fwd, snap(&attached, &[]));
    let fwd = h.redo(fwd).unwrap();
    assert_eq!(fwd, now);
    assert!(!h.can_redo());
    // a new step after an undo forgets what was undone
    let back = h.undo(fwd).unwrap();
    h.record(back, true, 5000.0);
    assert!(!h.can_redo());
}

/// A modification index's *Add* on a parameter the model already fixes
/// frees that term (a growth model's time score, a variance fixed at 0),
/// where appending `i =~ t3` was ignored as a repeat; a parameter the model
/// does not have is appended as before.
#[test]
fn adding_a_modification_index_frees_a_fixed_term_of_the_model() {
    let growth = "i =~ 1*t1 + 1*t2 + 1*t3 + 1*t4\ns =~ 0*t1 + 1*t2 + 2*t3 + 3*t4\nx7 ~~ 0*x7\n";
    assert_eq!(
        free_parameter(growth, "i", "=~", "t3").unwrap(),
        "i =~ 1*t1 + 1*t2 + t3 + 1*t4\ns =~ 0*t1 + 1*t2 + 2*t3 + 3*t4\nx7 ~~ 0*x7\n"
    );
    // the factor's first loading is lavaan's marker: freed with NA*
    assert!(free_parameter(growth, "s", "=~", "t1")
        .unwrap()
        .contains("s =~ NA*t1 + 1*t2"));
    assert!(free_parameter(growth, "x7", "~~", "x7")
        .unwrap()
        .contains("\nx7 ~~ x7\n"));
    // a label stays; a covariance is found from either side
    let labelled = "visual =~ x1 + x2 + x3\nx2 ~~ a*0*x3\n";
    assert_eq!(
        free_parameter(labelled, "x3", "~~", "x2").unwrap(),
        "visual =~ x1 + x2 + x3\nx2 ~~ a*x3\n"
    );
    // not in the model: appended
    assert_eq!(
        free_parameter("visual =~ x1 + x2 + x3", "x1", "~~", "x2").unwrap(),
        "visual =~ x1 + x2 + x3\nx1 ~~ x2\n"
    );
    for t in [growth, labelled] {
        let freed = free_parameter(t, "i", "=~", "t2").unwrap();
        assert!(parse(&freed).is_ok(), "{freed}");
    }
}

/// An intercept's modification index (lavaan's row `t1 ~1`, no right-hand
/// side) frees the intercept the model fixes (`t1 ~ 0*1` → `t1 ~ 1`), or
/// appends `f ~ 1`: the parts are passed as lavaan's table has them, where
/// a joined `t1 ~1 ` string was split into two words and appended with its
/// trailing space, leaving the fixed intercept as it was.
#[test]
fn adding_an_intercept_s_modification_index_frees_it() {
    let growth = "i =~ 1*t1 + 1*t2 + 1*t3\ns =~ 0*t1 + 1*t2 + 2*t3\nt1 ~ 0*1\nt2 ~ 0*1\n";
    assert_eq!(
        free_parameter(growth, "t2", "~1", "").unwrap(),
        "i =~ 1*t1 + 1*t2 + 1*t3\ns =~ 0*t1 + 1*t2 + 2*t3\nt1 ~ 0*1\nt2 ~ 1\n"
    );
    assert_eq!(
        free_parameter(growth, "s", "~1", "").unwrap(),
        format!("{growth}s ~ 1\n")
    );
    assert_eq!(parameter_line("t3", "~1", ""), "t3 ~ 1");
    assert_eq!(parameter_line("x1", "~~", "x2"), "x1 ~~ x2");
    assert_eq!(parameter_line("visual", "=~", "x9"), "visual =~ x9");
    for t in [
        free_parameter(growth, "t2", "~1", "").unwrap(),
        free_parameter(growth, "s", "~1", "").unwrap(),
    ] {
        assert!(parse(&t).is_ok(), "{t}");
    }
}
