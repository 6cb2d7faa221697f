//! How the engine writes numbers and text for people: estimates to 3
//! decimals, p-values in APA style (`< .001`, no leading zero), integers, and
//! text escaped for HTML. One place for each, shared by the report's tables,
//! the path diagram and the browser app.

/// A number to 3 decimals (`—` when missing).
pub fn num(x: Option<f64>) -> String {
    match x {
        Some(v) if v.is_finite() => {
            let s = three_decimals(v);
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
                let s = three_decimals(v);
                s.strip_prefix('0').map(str::to_string).unwrap_or(s)
            }
        }
        _ => "—".into(),
    }
}

/// `format!("{v:.3}")` for a finite `v`, the same text, without the
/// standard library's general algorithm (which, for most numbers a table
/// shows, falls back to exact big-number arithmetic: a tenth of writing
/// the command line's tables). A number below 2^43 is `m · 2^e` with `m`
/// below 2^53, so `v · 1000` is `m · 1000 / 2^-e` exactly in 128-bit
/// integers, rounded half to even as the standard library rounds the
/// exact binary value.
fn three_decimals(v: f64) -> String {
    if !v.is_finite() || v.abs() >= (1u64 << 43) as f64 {
        return format!("{v:.3}");
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let scaled = u128::from(m) * 1000;
    let thousandths = if e >= 0 {
        scaled << e
    } else if e > -128 {
        let shift = -e as u32;
        let q = scaled >> shift;
        let r = scaled & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if r > half || (r == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    } else {
        0 // below 2^-74: 0.000
    };
    let sign = if v.is_sign_negative() { "-" } else { "" };
    format!("{sign}{}.{:03}", thousandths / 1000, thousandths % 1000)
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
