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
    let mut out = String::new();
    write_table_in(&mut out, t, lang);
    out
}

/// [`render_table_in`] appended to `out`: every line written in place
/// (a cell's width measured once, padding without a string of its own).
fn write_table_in(out: &mut String, t: &Table, lang: Lang) {
    let ncol = t.columns.len();
    let header: Vec<usize> = t.columns.iter().map(|c| width(c)).collect();
    let cells: Vec<Vec<usize>> = t
        .rows
        .iter()
        .map(|r| r.iter().take(ncol).map(|c| width(c)).collect())
        .collect();
    let mut w = header.clone();
    for r in &cells {
        for (j, &cw) in r.iter().enumerate() {
            w[j] = w[j].max(cw);
        }
    }
    let spaces = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    let line = |out: &mut String, row: &[String], widths: &[usize]| {
        let start = out.len();
        for (j, (c, &cw)) in row.iter().zip(widths).enumerate() {
            let pad = w[j] - cw;
            // numbers right-aligned, text left-aligned
            let numeric = c
                .starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '<' || ch == '.')
                && j > 0;
            if numeric {
                spaces(out, pad);
                out.push_str(c);
            } else {
                out.push_str(c);
                spaces(out, pad);
            }
            if j + 1 < ncol {
                out.push_str("  ");
            }
        }
        // no spaces at the end of a line
        let end = start + out[start..].trim_end().len();
        out.truncate(end);
        out.push('\n');
    };
    out.push_str(&t.caption);
    out.push('\n');
    let total: usize = w.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
    out.extend(std::iter::repeat_n('─', total.max(width(&t.caption))));
    out.push('\n');
    line(out, &t.columns, &header);
    if t.rows.is_empty() {
        out.push_str(words(lang).no_rows);
        out.push('\n');
    }
    for (r, widths) in t.rows.iter().zip(&cells) {
        line(out, r, widths);
    }
    if let Some(n) = &t.note {
        out.push_str(words(lang).apa_note);
        out.push_str(words(lang).note_gap);
        out.push_str(n);
        out.push('\n');
    }
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
        write_table_in(&mut out, &t, lang);
        out.push('\n');
        if let Some(note) = no_constructs_note(a, lang).filter(|_| fit) {
            out.push_str(&note);
            out.push_str("\n\n");
        }
    }
    out
}
