//! The body of the whole report (the page's *Download report (HTML)*): an
//! [`Analysis`], its result tables, the item statistics, the path diagram
//! and the methods paragraph in; one HTML fragment out, in reading order —
//! the diagram, the methods paragraph, the item statistics, then every
//! table that has rows, numbered as shown. A table without rows (the
//! hypotheses of a CFA, the warnings of a clean fit) is left out rather
//! than printed as a bare header; a model without scales gets the line
//! that says why it has no reliability or validity tables
//! ([`super::no_constructs_note`]) after the fit indices.

use super::export::{html_escape, to_html_styled_in, Style};
use super::words::words;
use super::{no_constructs_note, Lang, Table};
use crate::analysis::Analysis;

/// What the report holds besides the analysis itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportParts<'a> {
    /// The result tables in reading order.
    pub tables: &'a [Table],
    /// The item statistics of the data.
    pub items: Option<&'a Table>,
    /// The path diagram as SVG ([`crate::diagram::to_svg_in`] or the
    /// page's own layout).
    pub diagram_svg: Option<&'a str>,
    /// The methods paragraph ([`super::methods::paragraph`]).
    pub methods: Option<&'a str>,
}

/// The report's sections as HTML (inline styles only, no scripts or links).
pub fn report_sections(a: &Analysis, parts: &ReportParts, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    if let Some(svg) = parts.diagram_svg {
        out.push_str(&format!(
            "<h2>{}</h2>\n<figure class=\"diagram\">{svg}</figure>\n",
            html_escape(w.report_diagram)
        ));
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
    for (i, table) in shown.enumerate() {
        out.push_str(&to_html_styled_in(
            table,
            Style::Apa { number: i + 1 },
            lang,
        ));
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
    out
}
