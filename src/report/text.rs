//! Plain-text report for the terminal: [`Table`]s in, aligned columns out.

use super::{all_tables, has_constructs, words, Table};
use crate::analysis::Analysis;
use crate::i18n::Lang;

fn width(s: &str) -> usize {
    s.chars().count()
}

/// One table as aligned text with its caption and note.
pub fn render_table(t: &Table) -> String {
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
        out.push_str("(none)\n");
    }
    for r in &t.rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    if let Some(n) = &t.note {
        out.push_str("Note. ");
        out.push_str(n);
        out.push('\n');
    }
    out
}

/// The whole report.
pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "semlab {} — {} estimation, N = {} ({} rows read), {} free parameters, {}\n\n",
        env!("CARGO_PKG_VERSION"),
        a.estimator,
        a.nobs,
        a.data.rows_read,
        a.npar,
        if a.converged {
            format!("converged after {} iterations", a.iterations)
        } else {
            "DID NOT CONVERGE".to_string()
        }
    ));
    for t in all_tables(a) {
        let fit = t.id == "fit";
        out.push_str(&render_table(&t));
        out.push('\n');
        if fit && !has_constructs(a) {
            out.push_str(words(Lang::En).no_constructs_note);
            out.push_str("\n\n");
        }
    }
    out
}
