//! Plain-text report for the terminal: [`Table`]s in, aligned columns out.

use super::{all_tables_in, no_constructs_note, words, Table};
use crate::analysis::Analysis;
use crate::i18n::Lang;

/// Columns a text takes in a terminal: East Asian wide characters (CJK
/// ideographs, kana, hangul, full-width forms and punctuation) take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
}

/// One table as aligned text with its caption and note.
pub fn render_table(t: &Table) -> String {
    render_table_in(t, Lang::En)
}

/// [`render_table`] with the note's label in a language.
pub fn render_table_in(t: &Table, lang: Lang) -> String {
    let ncol = t.columns.len();
    let mut w = vec![0; ncol];
    for (j, c) in t.columns.iter().enumerate() {
        w[j] = width(c);
    }
    for r in &t.rows {
        for (j, c) in r.iter().enumerate().take(ncol) {
            w[j] = w[j].max(width(c));
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (j, c) in cells.iter().enumerate().take(ncol) {
            let pad = w[j] - width(c);
            // numbers right-aligned, text left-aligned
            let numeric = c
                .starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '<' || ch == '.')
                && j > 0;
            if numeric {
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            }
            if j + 1 < ncol {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::new();
    out.push_str(&t.caption);
    out.push('\n');
    let total: usize = w.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
    out.push_str(&"─".repeat(total.max(width(&t.caption))));
    out.push('\n');
    out.push_str(&line(&t.columns));
    out.push('\n');
    if t.rows.is_empty() {
        out.push_str(words(lang).no_rows);
        out.push('\n');
    }
    for r in &t.rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    if let Some(n) = &t.note {
        out.push_str(words(lang).apa_note);
        out.push_str(words(lang).note_gap);
        out.push_str(n);
        out.push('\n');
    }
    out
}

/// The whole report.
pub fn render(a: &Analysis) -> String {
    render_in(a, Lang::En)
}

/// [`render`] in a language.
pub fn render_in(a: &Analysis, lang: Lang) -> String {
    let mut out = (words(lang).report_header)(
        env!("CARGO_PKG_VERSION"),
        &a.estimator,
        a.nobs,
        a.data.rows_read,
        a.npar,
        a.converged.then_some(a.iterations),
    );
    out.push_str("\n\n");
    let mut said_no_hypotheses = false;
    for t in all_tables_in(a, lang) {
        let fit = t.id == "fit";
        if t.id == "hypotheses" && t.rows.is_empty() {
            // as the page says it: a CFA has nothing to test, which an
            // empty table with a rule under it would not say; once, not
            // once per group (every group has the same model)
            if !said_no_hypotheses {
                let w = words(lang);
                out.push_str(&format!(
                    "{}\n{}\n\n",
                    w.hypotheses_caption, w.no_hypotheses
                ));
                said_no_hypotheses = true;
            }
            continue;
        }
        out.push_str(&render_table_in(&t, lang));
        out.push('\n');
        if let Some(note) = no_constructs_note(a, lang).filter(|_| fit) {
            out.push_str(&note);
            out.push_str("\n\n");
        }
    }
    out
}
