//! Table exports: a [`Table`] in; CSV (RFC 4180), an HTML `<table>` that
//! pastes into Word or Google Docs as a table, and LaTeX (`booktabs`) out.

use super::Table;

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The table as CSV: a header row, then the rows (caption and note omitted).
pub fn to_csv(t: &Table) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| csv_cell(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(&t.columns));
    out.push_str("\r\n");
    for r in &t.rows {
        out.push_str(&line(r));
        out.push_str("\r\n");
    }
    out
}

/// Escapes text for HTML.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The table as a self-contained HTML `<table>` with caption and note.
pub fn to_html(t: &Table) -> String {
    let mut out = String::new();
    out.push_str("<table>\n<caption>");
    out.push_str(&html_escape(&t.caption));
    out.push_str("</caption>\n<thead><tr>");
    for c in &t.columns {
        out.push_str(&format!("<th>{}</th>", html_escape(c)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        out.push_str("<tr>");
        for c in r {
            out.push_str(&format!("<td>{}</td>", html_escape(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n");
    if let Some(n) = &t.note {
        out.push_str(&format!(
            "<tfoot><tr><td colspan=\"{}\"><em>Note.</em> {}</td></tr></tfoot>\n",
            t.columns.len(),
            html_escape(n)
        ));
    }
    out.push_str("</table>\n");
    out
}

fn latex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("$<$"),
            '>' => out.push_str("$>$"),
            '≥' => out.push_str("$\\geq$"),
            '≤' => out.push_str("$\\leq$"),
            '²' => out.push_str("$^2$"),
            'χ' => out.push_str("$\\chi$"),
            'α' => out.push_str("$\\alpha$"),
            'β' => out.push_str("$\\beta$"),
            'ω' => out.push_str("$\\omega$"),
            '√' => out.push_str("$\\surd$"),
            '—' => out.push_str("---"),
            '–' => out.push_str("--"),
            '→' => out.push_str("$\\rightarrow$"),
            '†' => out.push_str("$^\\dagger$"),
            '‡' => out.push_str("$^\\ddagger$"),
            c => out.push(c),
        }
    }
    out
}

/// The table as a LaTeX `table` with `booktabs` rules.
pub fn to_latex(t: &Table) -> String {
    let mut out = String::new();
    out.push_str("\\begin{table}[htbp]\n\\centering\n");
    out.push_str(&format!("\\caption{{{}}}\n", latex_escape(&t.caption)));
    out.push_str(&format!(
        "\\begin{{tabular}}{{l{}}}\n\\toprule\n",
        "r".repeat(t.columns.len().saturating_sub(1))
    ));
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|c| latex_escape(c))
            .collect::<Vec<_>>()
            .join(" & ")
            + " \\\\\n"
    };
    out.push_str(&line(&t.columns));
    out.push_str("\\midrule\n");
    for r in &t.rows {
        out.push_str(&line(r));
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    if let Some(n) = &t.note {
        out.push_str(&format!(
            "\\par\\smallskip\\footnotesize\\textit{{Note.}} {}\n",
            latex_escape(n)
        ));
    }
    out.push_str("\\end{table}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Table {
        Table {
            id: "x".into(),
            caption: "Fit <indices>".into(),
            columns: vec!["Index".into(), "Value".into()],
            rows: vec![
                vec!["a, b".into(), "\"q\"".into()],
                vec!["CFI".into(), "0.950".into()],
            ],
            note: Some("n & m".into()),
        }
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        assert_eq!(
            to_csv(&t()),
            "Index,Value\r\n\"a, b\",\"\"\"q\"\"\"\r\nCFI,0.950\r\n"
        );
    }

    #[test]
    fn html_escapes_and_has_caption() {
        let h = to_html(&t());
        assert!(h.contains("<caption>Fit &lt;indices&gt;</caption>"));
        assert!(h.contains("<td>0.950</td>"));
        assert!(h.contains("n &amp; m"));
    }

    #[test]
    fn latex_uses_booktabs() {
        let l = to_latex(&t());
        assert!(l.contains("\\toprule") && l.contains("CFI & 0.950 \\\\"));
        assert!(l.contains("n \\& m"));
    }
}
