//! How the engine writes numbers and text for people: estimates to 3
//! decimals, p-values in APA style (`< .001`, no leading zero), integers, and
//! text escaped for HTML. One place for each, shared by the report's tables,
//! the path diagram and the browser app.

/// A number to 3 decimals (`—` when missing).
pub fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = format!("{v:.3}");
            if s == "-0.000" {
                "0.000".into()
            } else {
                s
            }
        }
        _ => "—".into(),
    }
}

/// A p-value to 3 decimals without the leading zero, `< .001` below that.
pub fn pval(p: Option<f64>) -> String {
    match p {
        Some(v) if v.is_finite() => {
            if v < 0.001 {
                "< .001".into()
            } else {
                let s = format!("{v:.3}");
                s.strip_prefix('0').map(str::to_string).unwrap_or(s)
            }
        }
        _ => "—".into(),
    }
}

/// An integer-valued statistic (df, N).
pub fn int(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => format!("{}", v.round() as i64),
        _ => "—".into(),
    }
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
