//! Table exports: a [`Table`] in; CSV (RFC 4180), an HTML `<table>` that
//! pastes into Word or Google Docs as a table, and LaTeX (`booktabs`) out.

use super::words::words;
use super::{Lang, Table};
pub use crate::format::html_escape;

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number for a spreadsheet: every digit Rust needs to give it back
/// (`0.0234`), in exponent form when tiny (`3.1e-12`), as Excel and R read.
fn csv_number(v: f64) -> String {
    if v != 0.0 && v.abs() < 1e-4 {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// The table as CSV: a header row, then the rows (caption and note
/// omitted). A cell with an exact value ([`Table::exact`], e.g. a p-value
/// shown as `< .001`) is written as that number, so that a spreadsheet or R
/// reads numbers.
pub fn to_csv(t: &Table) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| csv_cell(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    out.push_str(&line(t.columns.clone()));
    out.push_str("\r\n");
    for (i, r) in t.rows.iter().enumerate() {
        let cells = r
            .iter()
            .enumerate()
            .map(|(j, c)| t.exact_value(i, j).map_or_else(|| c.clone(), csv_number))
            .collect();
        out.push_str(&line(cells));
        out.push_str("\r\n");
    }
    out
}

/// How a table is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// The results page's look: caption above, note below.
    #[default]
    Plain,
    /// APA 7th edition: "Table n" in bold and the title in italics above
    /// the table (`number` 0 leaves the number out), horizontal rules only
    /// (top, under the header, bottom), statistic symbols (p, z, SE, df, N,
    /// R², B, ...) in italics in the header and the note, "Note." in italics
    /// under the table. HTML uses inline styles only, so it pastes into Word
    /// or Google Docs as a formatted table.
    Apa { number: usize },
}

/// Statistic symbols APA sets in italics (Greek letters stay upright).
const APA_ITALIC: [&str; 12] = [
    "p", "z", "t", "F", "N", "n", "SE", "df", "B", "M", "SD", "R²",
];

/// Text with APA's italic statistic symbols marked up: the whole words of
/// [`APA_ITALIC`] (not after an apostrophe), each piece escaped by `escape`
/// and italics wrapped by `italic`.
fn apa_italics(s: &str, escape: fn(&str) -> String, italic: fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let mut prev: Option<char> = None;
    let mut before_word: Option<char> = None;
    let flush = |word: &mut String, before: Option<char>, out: &mut String| {
        if word.is_empty() {
            return;
        }
        if before != Some('\'') && APA_ITALIC.contains(&word.as_str()) {
            out.push_str(&italic(&escape(word)));
        } else {
            out.push_str(&escape(word));
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                before_word = prev;
            }
            word.push(c);
        } else {
            flush(&mut word, before_word, &mut out);
            out.push_str(&escape(&c.to_string()));
        }
        prev = Some(c);
    }
    flush(&mut word, before_word, &mut out);
    out
}

fn html_italic(s: &str) -> String {
    format!("<i>{s}</i>")
}

/// A cell that holds a number (or a p-value such as `< .001`, or a dash).
fn is_numeric_cell(s: &str) -> bool {
    s.starts_with(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '-' | '<' | '>' | '≥' | '≤' | '—' | '−' | '[')
    })
}

/// Columns whose body cells are all numeric (the first column never is).
fn numeric_columns(t: &Table) -> Vec<bool> {
    (0..t.columns.len())
        .map(|j| {
            j > 0
                && t.rows
                    .iter()
                    .all(|r| r.get(j).is_none_or(|c| c.is_empty() || is_numeric_cell(c)))
                && t.rows
                    .iter()
                    .any(|r| r.get(j).is_some_and(|c| !c.is_empty()))
        })
        .collect()
}

/// The table as a self-contained HTML `<table>` with caption and note.
pub fn to_html(t: &Table) -> String {
    to_html_styled(t, Style::Plain)
}

/// The table as HTML in the given style.
pub fn to_html_styled(t: &Table, style: Style) -> String {
    to_html_styled_in(t, style, Lang::En)
}

/// [`to_html_styled`] with the words around the table ("Table n", "Note.")
/// in a language.
pub fn to_html_styled_in(t: &Table, style: Style, lang: Lang) -> String {
    let Style::Apa { number } = style else {
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
                "<tfoot><tr><td colspan=\"{}\"><em>{}</em>{}{}</td></tr></tfoot>\n",
                t.columns.len(),
                words(lang).apa_note,
                words(lang).note_gap,
                html_escape(n)
            ));
        }
        out.push_str("</table>\n");
        return out;
    };
    apa_html(t, number, lang)
}

/// APA-style HTML (inline styles only).
fn apa_html(t: &Table, number: usize, lang: Lang) -> String {
    let w = words(lang);
    const RULE: &str = "1px solid #000";
    const PAD: &str = "padding:3pt 8pt";
    let numeric = numeric_columns(t);
    let align = |j: usize| if numeric[j] { "center" } else { "left" };
    let fonts = match lang {
        Lang::En => "'Times New Roman',Times,serif",
        Lang::Zh => "'Times New Roman',Times,SimSun,'Songti SC','Noto Serif CJK SC',serif",
    };
    let mut out =
        format!("<div style=\"font-family:{fonts};font-size:12pt;line-height:1.5;color:#000\">\n",);
    if number > 0 {
        out.push_str(&format!(
            "<p style=\"margin:0;font-weight:bold\">{} {number}</p>\n",
            w.apa_table
        ));
    }
    out.push_str(&format!(
        "<p style=\"margin:0 0 6pt 0;font-style:italic\">{}</p>\n",
        html_escape(&t.caption)
    ));
    out.push_str("<table style=\"border-collapse:collapse;border:none;margin:0\">\n<thead><tr>");
    for (j, c) in t.columns.iter().enumerate() {
        out.push_str(&format!(
            "<th style=\"border-top:{RULE};border-bottom:{RULE};border-left:none;border-right:none;{PAD};text-align:{};font-weight:normal\">{}</th>",
            align(j),
            apa_italics(c, html_escape, html_italic)
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, r) in t.rows.iter().enumerate() {
        let last = i + 1 == t.rows.len();
        out.push_str("<tr>");
        for (j, c) in r.iter().enumerate() {
            out.push_str(&format!(
                "<td style=\"border-left:none;border-right:none;border-top:none;border-bottom:{};{PAD};text-align:{}\">{}</td>",
                if last { RULE } else { "none" },
                align(j.min(numeric.len().saturating_sub(1))),
                html_escape(c)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if let Some(n) = &t.note {
        out.push_str(&format!(
            "<p style=\"margin:6pt 0 0 0\"><i>{}</i>{}{}</p>\n",
            w.apa_note,
            w.note_gap,
            apa_italics(n, html_escape, html_italic)
        ));
    }
    out.push_str("</div>\n");
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
            'λ' => out.push_str("$\\lambda$"),
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

fn latex_italic(s: &str) -> String {
    format!("\\textit{{{s}}}")
}

/// The table as a LaTeX `table` with `booktabs` rules.
pub fn to_latex(t: &Table) -> String {
    to_latex_styled(t, Style::Plain)
}

/// The table as a LaTeX `table` with `booktabs` rules in the given style
/// (APA: a `\\label`, centred numeric columns, italic statistic symbols).
pub fn to_latex_styled(t: &Table, style: Style) -> String {
    to_latex_styled_in(t, style, Lang::En)
}

/// [`to_latex_styled`] with the words around the table in a language
/// (Chinese needs a CJK-capable engine: XeLaTeX with `ctex`).
pub fn to_latex_styled_in(t: &Table, style: Style, lang: Lang) -> String {
    let w = words(lang);
    let apa = matches!(style, Style::Apa { .. });
    let text = |s: &str| {
        if apa {
            apa_italics(s, latex_escape, latex_italic)
        } else {
            latex_escape(s)
        }
    };
    let mut out = String::new();
    if apa {
        out.push_str("% needs \\usepackage{booktabs}\n");
        if lang == Lang::Zh {
            out.push_str("% and, for the Chinese text, XeLaTeX with \\usepackage{ctex}\n");
        }
    }
    out.push_str("\\begin{table}[htbp]\n\\centering\n");
    out.push_str(&format!("\\caption{{{}}}\n", latex_escape(&t.caption)));
    let spec: String = if apa {
        out.push_str(&format!(
            "\\label{{tab:{}}}\n",
            latex_escape(&t.id).replace('\\', "")
        ));
        numeric_columns(t)
            .iter()
            .map(|&n| if n { 'c' } else { 'l' })
            .collect()
    } else {
        format!("l{}", "r".repeat(t.columns.len().saturating_sub(1)))
    };
    out.push_str(&format!("\\begin{{tabular}}{{{spec}}}\n\\toprule\n"));
    let line = |cells: &[String], header: bool| {
        cells
            .iter()
            .map(|c| if header { text(c) } else { latex_escape(c) })
            .collect::<Vec<_>>()
            .join(" & ")
            + " \\\\\n"
    };
    out.push_str(&line(&t.columns, true));
    out.push_str("\\midrule\n");
    for r in &t.rows {
        out.push_str(&line(r, false));
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    if let Some(n) = &t.note {
        out.push_str(&format!(
            "\\par\\smallskip\\footnotesize\\textit{{{}}}{}{}\n",
            w.apa_note,
            w.note_gap,
            text(n)
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
            exact: Vec::new(),
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
    fn csv_writes_the_exact_numbers_behind_rounded_p_values() {
        let mut tab = t();
        tab.rows = vec![
            vec!["a".into(), "< .001".into()],
            vec!["b".into(), ".023".into()],
            vec!["c".into(), "".into()],
        ];
        let tab = tab.with_exact(1, vec![Some(3.25e-12), Some(0.02345), None]);
        assert_eq!(
            to_csv(&tab),
            "Index,Value\r\na,3.25e-12\r\nb,0.02345\r\nc,\r\n"
        );
        // the page and the text output keep the rounded cells
        assert_eq!(tab.rows[0][1], "< .001");
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
