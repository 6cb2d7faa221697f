//! The body of the whole report (the page's *Download report (HTML)*): an
//! [`Analysis`], its result tables, the item statistics, the path diagram
//! and the methods paragraph in; one HTML fragment out, in reading order —
//! the diagram, the methods paragraph, the item statistics, then every
//! table that has rows, numbered as shown. A table without rows (the
//! hypotheses of a CFA, the warnings of a clean fit) is left out rather
//! than printed as a bare header; a model without scales gets the line
//! that says why it has no reliability or validity tables
//! ([`super::no_constructs_note`]) after the fit indices. When a
//! measurement-invariance ladder of the same inputs was run, its tables
//! and verdict close the report ([`super::invariance::tables_in`]).

use super::export::{html_escape, to_html_styled_in, Style};
use super::words::words;
use super::{no_constructs_note, Lang, Table};
use crate::analysis::Analysis;
use crate::invariance::Ladder;

/// What the report holds besides the analysis itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportParts<'a> {
    /// The result tables in reading order.
    pub tables: &'a [Table],
    /// The item statistics of the data.
    pub items: Option<&'a Table>,
    /// The path diagrams as SVG ([`crate::diagram::to_svg_in`] or the
    /// page's own layout), each with its caption: one with an empty caption,
    /// or one per group of a multi-group fit captioned with its group.
    pub diagrams: &'a [(String, String)],
    /// The methods paragraph ([`super::methods::paragraph`]; with a
    /// ladder, [`super::invariance::paragraph_with_ladder`]).
    pub methods: Option<&'a str>,
    /// The measurement-invariance ladder of the same data, model and group.
    pub ladder: Option<&'a Ladder>,
}

/// The report's sections as HTML (inline styles only, no scripts or links).
pub fn report_sections(a: &Analysis, parts: &ReportParts, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    if !parts.diagrams.is_empty() {
        out.push_str(&format!("<h2>{}</h2>\n", html_escape(w.report_diagram)));
        for (caption, svg) in parts.diagrams {
            let caption = if caption.is_empty() {
                String::new()
            } else {
                format!("<figcaption>{}</figcaption>", html_escape(caption))
            };
            out.push_str(&format!(
                "<figure class=\"diagram\">{caption}{svg}</figure>\n"
            ));
        }
    }
    if let Some(p) = parts.methods.filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!(
            "<h2>{}</h2>\n<p class=\"methods\">{}</p>\n",
            html_escape(w.report_methods),
            html_escape(p)
        ));
    }
    let mut no_constructs =
        no_constructs_note(a, lang).map(|note| format!("<p>{}</p>\n", html_escape(&note)));
    let shown = parts
        .items
        .into_iter()
        .chain(parts.tables)
        .filter(|t| !t.rows.is_empty());
    let mut number = 0;
    for table in shown {
        number += 1;
        out.push_str(&to_html_styled_in(table, Style::Apa { number }, lang));
        if table.id == "fit" {
            out.extend(no_constructs.take());
        }
        // the simple-slopes plots under the moderation table
        if table.id == "moderation" {
            for svg in a
                .moderation
                .iter()
                .filter_map(|m| super::slopes_plot::simple_slopes_svg(m, lang))
            {
                out.push_str(&format!("<figure class=\"slopes-plot\">{svg}</figure>\n"));
            }
        }
    }
    out.extend(no_constructs);
    // the invariance ladder: its table, the verdict, the constraints of the
    // level that failed and the latent means, as the page shows them
    if let Some(l) = parts.ladder {
        let (ladder, verdict, rest) = super::invariance::tables_in(l, lang);
        number += 1;
        out.push_str(&to_html_styled_in(&ladder, Style::Apa { number }, lang));
        out.push_str(&format!(
            "<p class=\"verdict\">{}</p>\n",
            html_escape(&verdict)
        ));
        for t in rest.iter().filter(|t| !t.rows.is_empty()) {
            number += 1;
            out.push_str(&to_html_styled_in(t, Style::Apa { number }, lang));
        }
    }
    out
}
