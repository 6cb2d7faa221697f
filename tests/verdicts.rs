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
