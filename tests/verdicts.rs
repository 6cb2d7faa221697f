//! Every verdict the reports state — cutoffs met, flags, "supported",
//! sentences of the methods paragraph — and when none may be stated.

use semlab::analysis::{self, Analysis, DataInput, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::report::{self, apa, methods, Lang, Table};

fn hs() -> semlab::data::DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv"
    );
    read_table(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap()
}

fn fit_hs(model: &str) -> Analysis {
    analysis::run(&DataInput::Table(&hs()), model, &Options::default()).unwrap()
}

/// Holzinger–Swineford with two paths and a residual variance fixed at −1:
/// the optimizer stops without converging.
const NOT_CONVERGING: &str = "visual =~ x1 + x2 + x3
textual =~ x4 + x5 + x6
speed =~ x7 + x8 + x9
textual ~ H1*visual
speed ~ H2*visual
x1 ~~ -1*x1
";

fn cells(t: &Table) -> Vec<String> {
    t.rows.iter().flatten().cloned().collect()
}

#[test]
fn a_fit_that_did_not_converge_gets_no_verdict_anywhere() {
    let a = fit_hs(NOT_CONVERGING);
    assert!(!a.converged);
    for lang in Lang::ALL {
        let w = report::words::words(lang);
        let tables = report::all_tables_in(&a, lang);
        // the warning that says why leads
        assert_eq!(tables[0].id, "warnings", "{lang:?}");
        let fit = tables.iter().find(|t| t.id == "fit").unwrap();
        for row in &fit.rows {
            assert!(row[3] != w.yes && row[3] != w.no, "{lang:?}: {row:?}");
        }
        let hyp = tables.iter().find(|t| t.id == "hypotheses").unwrap();
        assert_eq!(hyp.rows.len(), 2);
        for row in &hyp.rows {
            assert_eq!(row[8], "—", "{lang:?}");
        }
        for id in ["fornell_larcker", "htmt", "reliability"] {
            let t = tables.iter().find(|t| t.id == id).unwrap();
            let all = cells(t).join(" ");
            assert!(!all.contains('†') && !all.contains('‡'), "{id}: {all}");
            assert!(
                !all.contains("CR < .7") && !all.contains("AVE < .5"),
                "{id}: {all}"
            );
            assert!(t.note.as_ref().unwrap().starts_with(w.not_judged), "{id}");
        }
        for t in apa::tables_in(&a, lang) {
            let all = cells(&t).join(" ");
            assert!(!all.contains('†') && !all.contains('‡'), "{}: {all}", t.id);
            if t.id == "apa_hypotheses" {
                for row in &t.rows {
                    assert_eq!(row.last().unwrap(), "—");
                }
            }
            assert!(
                t.note.as_ref().unwrap().starts_with(w.not_judged),
                "{}",
                t.id
            );
        }
        let p = methods::paragraph(&a, &Options::default(), lang);
        let t = methods::templates(lang);
        assert!(p.starts_with(t.not_converged), "{p}");
        for claim in [t.fit_met_all, t.fit_met_none] {
            assert!(!p.contains(claim), "{p}");
        }
        assert!(!p.contains("CFI"), "{p}");
        assert!(!p.contains("HTMT"), "{p}");
    }
    // the terminal report: the warnings table before the fit indices
    let text = report::text::render(&a);
    let warn = text.find("Warnings").unwrap();
    let fit = text.find("Fit indices").unwrap();
    assert!(warn < fit, "{text}");
}

#[test]
fn a_converged_fit_keeps_its_verdicts_and_order() {
    let a = fit_hs(&NOT_CONVERGING.replace("x1 ~~ -1*x1\n", ""));
    assert!(a.converged);
    let tables = report::all_tables(&a);
    assert_eq!(tables.last().unwrap().id, "warnings");
    let fit = tables.iter().find(|t| t.id == "fit").unwrap();
    assert!(fit.rows.iter().any(|r| r[3] == "yes" || r[3] == "no"));
    let hyp = tables.iter().find(|t| t.id == "hypotheses").unwrap();
    assert!(hyp.rows.iter().all(|r| r[8] == "yes" || r[8] == "no"));
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(!p.contains(methods::EN.not_converged));
    assert!(p.contains("CFI"));
}

/// The data and model text of a lavaan reference case
/// (`tests/fixtures/lavaan/{name}`).
fn example_input(name: &str) -> (semlab::data::DataTable, String) {
    let dir = format!(
        "{}/tests/fixtures/lavaan/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = read_table(
        &std::fs::read(format!("{dir}/{name}.csv")).unwrap(),
        &ReadOptions::default(),
    )
    .unwrap();
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    (data, model)
}

/// The three examples of the page (model, data), as lavaan reference cases.
fn example(name: &str) -> Analysis {
    let (data, model) = example_input(name);
    analysis::run(&DataInput::Table(&data), &model, &Options::default()).unwrap()
}

const EXAMPLES: [&str; 3] = ["hs1939_cfa", "poldem_mediation", "livecommerce_sem"];

/// The pairs `A–B` of a lower-triangular construct table whose cell meets
/// `pick`.
fn pairs_where(t: &Table, pick: impl Fn(&str) -> bool) -> Vec<String> {
    // rows are numbered (`1. Trust`), as in the APA tables
    let names: Vec<String> = t
        .rows
        .iter()
        .map(|r| {
            r[0].split_once(". ")
                .map_or(r[0].as_str(), |(_, n)| n)
                .to_string()
        })
        .collect();
    let mut out = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        for (j, cell) in row.iter().skip(1).enumerate().take(i) {
            if pick(cell) {
                out.push(format!("{}–{}", names[j], names[i]));
            }
        }
    }
    out
}

/// The pairs `A–B` a lower-triangular construct table marks with † or ‡.
fn flagged_pairs(t: &Table) -> Vec<String> {
    pairs_where(t, |c| c.contains('†') || c.contains('‡'))
}

#[test]
fn the_paragraph_states_the_discriminant_validity_the_tables_mark() {
    let mut fl_seen = false;
    for name in EXAMPLES {
        let a = example(name);
        for lang in Lang::ALL {
            let tables = report::all_tables_in(&a, lang);
            let table = |id: &str| tables.iter().find(|t| t.id == id).unwrap();
            let fl = flagged_pairs(table("fornell_larcker"));
            let htmt = flagged_pairs(table("htmt"));
            // the APA tables mark the same pairs (numbered rows `1. name`)
            for t in apa::tables_in(&a, lang) {
                if t.id == "apa_fornell_larcker" || t.id == "apa_htmt" {
                    let want = if t.id == "apa_htmt" { &htmt } else { &fl };
                    assert_eq!(&flagged_pairs(&t), want, "{name} {lang:?} {}", t.id);
                }
            }
            let p = methods::paragraph(&a, &Options::default(), lang);
            let tpl = methods::templates(lang);
            // the longest fixed text of a template
            let lead = |s: &str| {
                s.split(['{', '}'])
                    .step_by(2)
                    .max_by_key(|x| x.len())
                    .unwrap()
                    .to_string()
            };
            if fl.is_empty() {
                assert!(p.contains(tpl.fornell_ok), "{name} {lang:?}: {p}");
            } else {
                fl_seen = true;
                assert!(p.contains(&lead(tpl.fornell_fail)), "{name} {lang:?}: {p}");
                for pair in &fl {
                    assert!(p.contains(pair.as_str()), "{name} {lang:?} {pair}: {p}");
                }
            }
            if htmt.is_empty() {
                assert!(p.contains(&lead(tpl.htmt_ok)), "{name} {lang:?}: {p}");
            } else {
                assert!(p.contains(&lead(tpl.htmt_high)), "{name} {lang:?}: {p}");
                for pair in &htmt {
                    assert!(p.contains(pair.as_str()), "{name} {lang:?} {pair}: {p}");
                }
            }
            assert_eq!(
                p.contains(tpl.discriminant_supported),
                fl.is_empty() && htmt.is_empty(),
                "{name} {lang:?}: {p}"
            );
        }
    }
    assert!(fl_seen);
}

/// Live commerce: the Fornell–Larcker criterion fails for Trust and
/// ProductInteraction while every HTMT ratio is below .85 — the paragraph
/// used to call discriminant validity supported beside the flagged table.
#[test]
fn a_fornell_larcker_flag_with_low_htmt_is_not_called_supported() {
    let a = example("livecommerce_sem");
    let fl = flagged_pairs(&report::fornell_larcker_table(&a));
    assert_eq!(fl, ["Trust–ProductInteraction"]);
    assert!(flagged_pairs(&report::htmt_table(&a)).is_empty());
    for lang in Lang::ALL {
        let p = methods::paragraph(&a, &Options::default(), lang);
        let t = methods::templates(lang);
        assert!(!p.contains(t.discriminant_supported), "{p}");
        assert!(p.contains("Trust–ProductInteraction"), "{p}");
    }
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(!p.contains("supporting discriminant validity"), "{p}");
    assert!(
        p.contains("discriminant validity was not established for Trust–ProductInteraction (r = "),
        "{p}"
    );
}

/// The sentences of a paragraph (`. ` in English, `。` in Chinese).
fn sentences(p: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => p.split(". ").map(String::from).collect(),
        Lang::Zh => p.split('。').map(String::from).collect(),
    }
}

#[test]
fn no_sentence_of_a_paragraph_starts_with_a_numeral() {
    for name in EXAMPLES {
        let a = example(name);
        for lang in Lang::ALL {
            let p = methods::paragraph(&a, &Options::default(), lang);
            for s in sentences(&p, lang) {
                let mut c = s.trim_start().chars();
                let first = c.next();
                let digit = first.is_some_and(|x| x.is_ascii_digit())
                    || (first == Some('.') && c.next().is_some_and(|x| x.is_ascii_digit()));
                assert!(!digit, "{name} {lang:?}: «{s}» in {p}");
            }
        }
    }
}

/// Political democracy: `indirect := p1*p3` and `total := p2 + p1*p3`
/// with lavaan's estimates, 95% CIs and p-values (tests/fixtures/lavaan/
/// poldem_mediation/reference.json): indirect 1.273 [0.572, 1.974],
/// p = .00037; total 1.873 [1.146, 2.600], p < .001.
#[test]
fn the_paragraph_states_the_defined_parameters() {
    let a = example("poldem_mediation");
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(
        p.contains("The defined parameters were estimated as indirect = 1.273 (95% CI [0.572, 1.974], p < .001) and total = 1.873 (95% CI [1.146, 2.600], p < .001)."),
        "{p}"
    );
    let p = methods::paragraph(&a, &Options::default(), Lang::Zh);
    for part in [
        "定义参数的估计结果为：indirect = 1.273（95% CI [0.572, 1.974]，p < .001）",
        "total = 1.873（95% CI [1.146, 2.600]，p < .001）。",
    ] {
        assert!(p.contains(part), "{part}: {p}");
    }
    // with a bootstrap: its interval, named
    let opts = Options {
        bootstrap: Some(semlab::bootstrap::BootstrapOptions {
            draws: 200,
            seed: 7,
            ..Default::default()
        }),
        ..Options::default()
    };
    let (data, model) = example_input("poldem_mediation");
    let b = analysis::run(&DataInput::Table(&data), &model, &opts).unwrap();
    let row = b.parameters.iter().find(|r| r.lhs == "indirect").unwrap();
    let p = methods::paragraph(&b, &opts, Lang::En);
    let want = format!(
        "indirect = 1.273 (95% percentile bootstrap CI [{:.3}, {:.3}], p < .001)",
        row.boot_ci_lower.unwrap(),
        row.boot_ci_upper.unwrap()
    );
    assert!(p.contains(&want), "{want}: {p}");
}

/// Political democracy with `H6 := p1*p3`: the defined parameter is a
/// hypothesis (the indirect effect of ind60 on dem65 through dem60) with
/// lavaan's numbers (reference.json, row `indirect := p1*p3`); `total`
/// is not a hypothesis name and stays an estimate.
#[test]
fn a_defined_parameter_named_as_a_hypothesis_is_one_everywhere() {
    use semlab::report::rscript::{r_script, RData};
    use semlab::tables::hypotheses::{evaluate, HypothesisRule, Sign};
    let (data, model) = example_input("poldem_mediation");
    let model = model.replace("indirect :=", "H6 :=");
    let a = analysis::run(&DataInput::Table(&data), &model, &Options::default()).unwrap();
    let names: Vec<&str> = a.hypotheses.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["p1", "p2", "p3", "H6"]);
    let h = &a.hypotheses[3];
    assert_eq!(h.path, "ind60 → dem60 → dem65");
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-4 * y.abs().max(1.0);
    assert!(close(h.est, 1.27276388983732), "{}", h.est);
    assert!(close(h.se.unwrap(), 0.357584896405488));
    assert!(close(h.z.unwrap(), 3.55933346914646));
    assert!((h.pvalue.unwrap() / 0.000371797200585222 - 1.0).abs() < 1e-3);
    assert!(close(h.std_beta, 0.395811507817511));
    assert!(h.supported && h.stars == "***");
    // the rule applies to it as to a path: a negative effect expected
    let mut rule = HypothesisRule::default();
    rule.signs.insert("H6".into(), Sign::Negative);
    let under = evaluate(&a.paths(), &rule);
    assert!(!under[3].supported && under[0].supported);
    for lang in Lang::ALL {
        let w = report::words::words(lang);
        let t = report::all_tables_in(&a, lang);
        let hyp = t.iter().find(|t| t.id == "hypotheses").unwrap();
        let row = hyp.rows.iter().find(|r| r[0] == "H6").unwrap();
        assert_eq!(row[1], "ind60 → dem60 → dem65");
        assert_eq!(row[8], w.supported_yes);
        let apa = apa::tables_in(&a, lang);
        let apa_h = apa.iter().find(|t| t.id == "apa_hypotheses").unwrap();
        let row = apa_h.rows.iter().find(|r| r[0] == "H6").unwrap();
        assert_eq!(row[2], ".396***");
        assert_eq!(row.last().unwrap(), w.apa_yes);
        let p = methods::paragraph(&a, &Options::default(), lang);
        let tpl = methods::templates(lang);
        let fixed = tpl.hypotheses_defined.split('(').next().unwrap();
        let fixed = fixed.split('（').next().unwrap();
        assert!(p.contains(fixed), "{lang:?}: {p}");
    }
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(p.contains("; 4 of the 4 hypotheses were supported."), "{p}");
    let s = r_script(
        &model,
        &Options::default(),
        &RData::csv("poldem.csv"),
        &a.constructs,
        &a.moderation,
    );
    assert!(
        s.contains("subset(hypotheses, op == \"~\" | (op == \":=\" & lhs %in% c(\"H6\")))"),
        "{s}"
    );
}

/// After a bootstrap, `H6 := p1*p3` is judged by its bootstrap interval, as
/// the effects table's mediation verdict is (温忠麟 & 叶宝娟 2014): the
/// hypothesis table, the APA table and the methods paragraph name the
/// interval that decided; the regression paths keep their p.
#[test]
fn a_defined_hypothesis_after_a_bootstrap_is_judged_by_its_interval() {
    use semlab::bootstrap::{BootstrapOptions, CiType};
    use semlab::tables::hypotheses::{evaluate, HypothesisRule, Sign};
    let (data, model) = example_input("poldem_mediation");
    let model = model.replace("indirect :=", "H6 :=");
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            draws: 300,
            seed: 7,
            ci_type: CiType::BiasCorrected,
            ..Default::default()
        }),
        ..Options::default()
    };
    let a = analysis::run(&DataInput::Table(&data), &model, &opts).unwrap();
    let row = a.parameters.iter().find(|r| r.lhs == "H6").unwrap();
    let (lo, hi) = (row.boot_ci_lower.unwrap(), row.boot_ci_upper.unwrap());
    assert!(
        lo > 0.0,
        "the interval of the indirect effect lies above 0: [{lo}, {hi}]"
    );
    let h6 = a.hypotheses.iter().find(|h| h.name == "H6").unwrap();
    let ci = h6.judged_by_ci.expect("judged by its interval");
    assert_eq!((ci.lower, ci.upper, ci.level), (lo, hi, 0.95));
    assert!(h6.supported);
    assert!(a
        .hypotheses
        .iter()
        .filter(|h| h.name != "H6")
        .all(|h| h.judged_by_ci.is_none()));
    // a negative effect expected: the interval above 0 is no support,
    // whatever the p-value
    let mut rule = HypothesisRule::default();
    rule.signs.insert("H6".into(), Sign::Negative);
    let under = evaluate(&a.paths(), &rule);
    assert!(!under[3].supported && under[3].judged_by_ci.is_some());
    let interval = format!("H6 [{lo:.3}, {hi:.3}]");
    let en = format!(
        "After the bootstrap, {interval} judged by the 95% bias-corrected bootstrap confidence interval, which must exclude 0 on the expected side (Wen & Ye, 2014)"
    );
    let note_of = |tables: &[Table], id: &str| {
        tables
            .iter()
            .find(|t| t.id == id)
            .and_then(|t| t.note.clone())
            .unwrap()
    };
    for note in [
        note_of(&report::all_tables_in(&a, Lang::En), "hypotheses"),
        note_of(&apa::tables_in(&a, Lang::En), "apa_hypotheses"),
    ] {
        assert!(note.contains(&en), "{note}");
    }
    let p = methods::paragraph(&a, &opts, Lang::En);
    assert!(p.contains(&en), "{p}");
    let zh = methods::paragraph(&a, &opts, Lang::Zh);
    assert!(
        zh.contains(&format!(
            "Bootstrap 之后，{interval} 按 95% 偏差校正 Bootstrap 置信区间判定"
        )),
        "{zh}"
    );
    // without a bootstrap: no such note
    let plain = analysis::run(&DataInput::Table(&data), &model, &Options::default()).unwrap();
    let note = note_of(&report::all_tables_in(&plain, Lang::En), "hypotheses");
    assert!(!note.contains("After the bootstrap"), "{note}");
}

/// The R² table lists the constructs first, in the model's order, then the
/// items in the model's order (it was alphabetical, mixing the two:
/// InterpersonalInteraction between HI3 and MI1).
#[test]
fn r2_lists_constructs_first_in_model_order_then_items() {
    let a = example("livecommerce_sem");
    let t = report::r2_table(&a);
    let names: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names[..5],
        [
            "ProductInteraction",
            "InterpersonalInteraction",
            "MediaInteraction",
            "RelationshipBuilding",
            "RelationshipDeepening"
        ]
    );
    assert_eq!(names[5..8], ["T1", "T2", "T3"]);
    assert_eq!(names[names.len() - 1], "RD3");
    assert_eq!(names.len(), a.r2.len());
    for row in &t.rows {
        assert_eq!(row[1], report::num(Some(a.r2[&row[0]])));
    }
}

/// The Chinese paragraph separates Latin names from Chinese characters
/// (it wrote "Trust和SubjectiveNorms的 AVE"), as Chinese typesetting of
/// mixed text does.
#[test]
fn chinese_paragraph_spaces_latin_names_from_chinese_characters() {
    let a = example("livecommerce_sem");
    let p = methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(p.contains("Trust 和 SubjectiveNorms 的 AVE"), "{p}");
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = p.chars().collect();
    for w in chars.windows(2) {
        assert!(
            !(han(w[0]) && w[1].is_ascii_alphabetic() || w[0].is_ascii_alphabetic() && han(w[1])),
            "{}{} in {p}",
            w[0],
            w[1]
        );
    }
}

/// Holzinger–Swineford with x9 loading on visual and on speed: neither has
/// an AVE (semTools AVE is undefined with a cross-loading), so the
/// Fornell–Larcker pair visual–speed cannot be judged. The table shows
/// "—" on both diagonals; the paragraph names the pair, reports the AVE
/// that exists (textual's) without a range of one value, says which
/// constructs have none, and does not call discriminant validity supported.
#[test]
fn a_fornell_larcker_pair_without_ave_is_named_and_not_called_supported() {
    let a = fit_hs("visual =~ x1 + x2 + x3 + x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n");
    let pairs = semlab::tables::reliability::discriminant_pairs(&a.fornell_larcker, &a.htmt);
    let undefined: Vec<String> = pairs
        .iter()
        .filter(|p| p.fornell_larcker_fails.is_none())
        .map(|p| format!("{}–{}", p.first, p.second))
        .collect();
    assert_eq!(undefined, ["visual–speed"]);
    // visual–textual is judged by textual's √AVE alone
    assert!(pairs.iter().all(|p| p.fornell_larcker_fails != Some(true)));
    let fl = report::fornell_larcker_table(&a);
    assert_eq!(fl.rows[0][1], "—");
    assert_eq!(fl.rows[2][3], "—");
    for lang in Lang::ALL {
        let p = methods::paragraph(&a, &Options::default(), lang);
        let t = methods::templates(lang);
        assert!(p.contains("visual–speed"), "{lang:?}: {p}");
        assert!(!p.contains(t.discriminant_supported), "{lang:?}: {p}");
        assert!(!p.contains(t.fornell_ok), "{lang:?}: {p}");
        assert!(p.contains(t.fornell_ok_partial), "{lang:?}: {p}");
        assert!(
            !p.contains(".72 to .72") && !p.contains(".72 至 .72"),
            "{p}"
        );
    }
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(
        p.contains("α ranged from .67 to .88, CR from .60 to .89, and AVE was .72 (none for visual and speed, as an item loads on more than one construct)."),
        "{p}"
    );
}

/// Every construct cross-loaded: α and CR are still reported, AVE is said
/// to be undefined (the sentence used to vanish with the AVE range).
#[test]
fn reliability_is_reported_when_no_construct_has_an_ave() {
    let a = fit_hs("visual =~ x1 + x2 + x3 + x4\ntextual =~ x4 + x5 + x6 + x1\n");
    assert!(a.reliability.values().all(|c| c.ave.is_none()));
    for lang in Lang::ALL {
        let p = methods::paragraph(&a, &Options::default(), lang);
        let t = methods::templates(lang);
        assert!(p.contains(t.ave_none), "{lang:?}: {p}");
    }
}

/// The Fornell–Larcker and HTMT matrices have numbered column heads with
/// the names in the numbered rows (as the APA tables), so a model with ten
/// long construct names fits a laptop screen.
#[test]
fn construct_matrices_have_numbered_heads() {
    let a = example("livecommerce_sem");
    for t in [report::fornell_larcker_table(&a), report::htmt_table(&a)] {
        let k = a.fornell_larcker.names.len();
        let heads: Vec<String> = (1..=k).map(|i| i.to_string()).collect();
        assert_eq!(t.columns[1..], heads[..], "{}", t.id);
        for (i, r) in t.rows.iter().enumerate() {
            assert_eq!(r[0], format!("{}. {}", i + 1, a.fornell_larcker.names[i]));
        }
    }
}

/// The pairs `A–B` of a lower-triangular construct table without a value
/// (shown as `—`).
fn empty_pairs(t: &Table) -> Vec<String> {
    pairs_where(t, |c| c == "—" || c.is_empty())
}

/// Holzinger–Swineford with x9 in visual and speed: HTMT is not computed
/// for visual–speed (they share x9; since 43d9fb9 the table shows — and its
/// note says why). The paragraph used to say "All heterotrait–monotrait
/// ratios (HTMT) were below .85", a claim about a pair never computed: it
/// now names the pair and the shared item, as the table's note does (one
/// verdict, `reliability::htmt_shared_pairs`), says the *other* ratios
/// were below .85, and does not call discriminant validity supported.
/// Two shared items are listed in each language's way in the HTMT note:
/// "x8, x9" in English, "x8、x9" in Chinese (as every other list of names).
#[test]
fn the_htmt_note_lists_shared_items_in_each_languages_way() {
    let data = cross_loading_data();
    let model =
        "visual =~ x1 + x2 + x3 + x8 + x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
    let a = analysis::run(&DataInput::Table(&data), model, &Options::default()).unwrap();
    for (lang, items) in [(Lang::En, "x8, x9"), (Lang::Zh, "x8、x9")] {
        let t = report::htmt_table_in(&a, lang);
        let w = report::words::words(lang);
        let note = t.note.as_deref().unwrap();
        assert!(
            note.contains(&(w.htmt_shared)("visual", "speed", items)),
            "{lang:?}: {note}"
        );
    }
}

#[test]
fn the_paragraph_names_the_htmt_pair_the_table_did_not_compute() {
    let data = cross_loading_data();
    let model = "visual =~ x1 + x2 + x3 + x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
    let a = analysis::run(&DataInput::Table(&data), model, &Options::default()).unwrap();
    for lang in Lang::ALL {
        let t = report::htmt_table_in(&a, lang);
        let missing = empty_pairs(&t);
        assert_eq!(missing, ["visual–speed"], "{lang:?}");
        let w = report::words::words(lang);
        let note = t.note.as_deref().unwrap();
        assert!(
            note.contains(&(w.htmt_shared)("visual", "speed", "x9")),
            "{note}"
        );
        let apa_t = apa::tables_in(&a, lang)
            .into_iter()
            .find(|t| t.id == "apa_htmt")
            .unwrap();
        assert_eq!(empty_pairs(&apa_t), missing, "{lang:?} APA");
        let p = methods::paragraph(&a, &Options::default(), lang);
        let tpl = methods::templates(lang);
        // the pair the table left out, with the item its constructs share
        for pair in &missing {
            let shared = tpl
                .pair_shared
                .replace("{pair}", pair)
                .replace("{items}", "x9");
            assert!(p.contains(&shared), "{lang:?}: {p}");
        }
        let lead = |s: &str| s.split('{').next().unwrap().to_string();
        assert!(!p.contains(&lead(tpl.htmt_ok)), "{lang:?}: {p}");
        assert!(p.contains(&lead(tpl.htmt_ok_others)), "{lang:?}: {p}");
        assert!(!p.contains(tpl.discriminant_supported), "{lang:?}: {p}");
    }
    // every pair computed: the paragraph's sentence is unchanged
    let a = example("hs1939_cfa");
    let p = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(
        p.contains("All heterotrait–monotrait ratios (HTMT) were below .85"),
        "{p}"
    );
    assert!(!p.contains("was not computed"), "{p}");
}

/// Holzinger–Swineford with x9 in visual and speed: semTools' AVE is NA for
/// both (an item loads on two constructs), and semlab leaves AVE and √AVE
/// blank. The reliability table, the Fornell–Larcker table and their APA
/// tables say why in their notes (one verdict,
/// `reliability::ave_cross_loadings`), in both languages, instead of a
/// bare "—"; a model without a cross-loading has no such sentence.
#[test]
fn a_blank_ave_is_explained_by_the_cross_loading_item() {
    let data = cross_loading_data();
    let model = "visual =~ x1 + x2 + x3 + x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
    let a = analysis::run(&DataInput::Table(&data), model, &Options::default()).unwrap();
    let blank: Vec<&str> = a
        .constructs
        .iter()
        .filter(|c| c.ave.is_none())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(blank, ["visual", "speed"]);
    assert_eq!(
        semlab::tables::reliability::ave_cross_loadings(&a.constructs),
        [
            ("visual".to_string(), vec!["x9".to_string()]),
            ("speed".to_string(), vec!["x9".to_string()])
        ]
    );
    for lang in Lang::ALL {
        let apa_tables = apa::tables_in(&a, lang);
        let apa_note = |id: &str| {
            apa_tables
                .iter()
                .find(|t| t.id == id)
                .and_then(|t| t.note.clone())
                .unwrap()
        };
        let notes = [
            report::reliability_table_in(&a, lang).note.unwrap(),
            report::fornell_larcker_table_in(&a, lang).note.unwrap(),
            apa_note("apa_measurement"),
            apa_note("apa_fornell_larcker"),
        ];
        let w = report::words::words(lang);
        for note in &notes {
            for c in ["visual", "speed"] {
                assert!(
                    note.contains(&(w.ave_cross_loading)(c, "x9")),
                    "{lang:?}: {note}"
                );
            }
        }
    }
    assert_eq!(
        (report::words::words(Lang::En).ave_cross_loading)("visual", "x9"),
        "AVE is not given for visual: x9 also loads on another construct, and AVE assumes each item measures one construct (semTools' AVE gives NA)."
    );
    let plain = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9\n";
    let b = analysis::run(&DataInput::Table(&data), plain, &Options::default()).unwrap();
    assert_eq!(report::ave_cross_loading_note(&b, Lang::En), "");
}

/// Holzinger–Swineford's data of the cross-loading fixture.
fn cross_loading_data() -> semlab::data::DataTable {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan-extra/hs1939_cross_loading/hs1939_cross_loading.csv"
    );
    read_table(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap()
}
