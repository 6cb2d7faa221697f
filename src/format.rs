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

/// A count for people: digits grouped by three with commas (`57,300`), as
/// APA style and Chinese texts write them.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
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

/// Chinese text with a space between a Chinese character and an adjacent
/// Latin letter (`Trust和SubjectiveNorms的` → `Trust 和 SubjectiveNorms 的`),
/// as Chinese typesetting of mixed text asks (W3C *Requirements for Chinese
/// Text Layout* §3.2.3: spacing between Han and Western characters). Only
/// letters: numbers are already written with their spaces, and punctuation
/// (full-width or not) is left as it is.
pub fn cjk_latin_spacing(s: &str) -> String {
    let han = |c: char| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}');
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if (han(p) && c.is_ascii_alphabetic()) || (p.is_ascii_alphabetic() && han(c)) {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod spacing_tests {
    use super::cjk_latin_spacing;

    #[test]
    fn han_and_latin_letters_get_a_space_between_them() {
        assert_eq!(
            cjk_latin_spacing("Trust和SubjectiveNorms的 AVE 低于 .50。"),
            "Trust 和 SubjectiveNorms 的 AVE 低于 .50。"
        );
        // already spaced, numbers and punctuation stay as they are
        let s = "12 条假设路径中有 11 条得到支持（β = .005，p = .942）。";
        assert_eq!(cjk_latin_spacing(s), s);
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (n, shown) in [
            (0, "0"),
            (465, "465"),
            (1000, "1,000"),
            (57_300, "57,300"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(count(n), shown);
        }
    }
}
