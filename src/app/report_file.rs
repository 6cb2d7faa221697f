//! The whole report as one self-contained HTML file (styles inline, no
//! scripts, no links): what the person downloads to keep or send.

use crate::analysis::Analysis;
use crate::app::i18n::lang;
use crate::app::text::t;
use crate::report::document::{report_sections, ReportParts};
use crate::report::export::html_escape;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',\
'Liberation Sans',Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;\
color:#1b1f24;line-height:1.45}h1{font-size:1.6rem}table{border-collapse:collapse;\
margin:1.5rem 0;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.3rem 0}\
th,td{padding:.2rem .6rem;border-bottom:1px solid #d0d7de;text-align:left}\
thead th{border-bottom:2px solid #1b1f24}tfoot td{border:0;font-size:.8rem;color:#57606a}\
pre{background:#f6f8fa;padding:.8rem;overflow:auto}\
figure.diagram{margin:1rem 0;overflow:auto}figure.diagram svg{max-width:100%;height:auto}";

/// The report: title, what was analysed, the model text, then the whole
/// analysis ([`report_sections`]: path diagram, methods paragraph, item
/// statistics and every table with rows).
pub fn report_html(a: &Analysis, parts: &ReportParts, model: &str, data_name: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang().html_tag()
    ));
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        html_escape(t().report_title)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", html_escape(t().report_title)));
    out.push_str(&format!(
        "<p>{}</p>\n<p>{}</p>\n",
        html_escape(&(t().report_data)(data_name, a.nobs, &a.estimator)),
        html_escape(&(t().report_made)(env!("CARGO_PKG_VERSION")))
    ));
    out.push_str(&format!(
        "<h2>{}</h2>\n<pre>{}</pre>\n",
        html_escape(t().report_model),
        html_escape(model.trim())
    ));
    out.push_str(&report_sections(a, parts, lang()));
    out.push_str("</body>\n</html>\n");
    out
}
