//! Colours for the model editor: model text in, HTML out (spans with a class
//! per kind of token), drawn under the transparent text of the `<textarea>`.
//! Only for looks: the engine's parser decides what the text means.

use crate::report::export::html_escape;
use std::collections::HashSet;

/// Kinds of token, used as CSS classes (`tok-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Comment,
    Operator,
    Number,
    /// A column of the data.
    Observed,
    /// A name defined on the left of `=~`.
    Latent,
    /// A modifier: the word before `*` (label or fixed value).
    Label,
    Name,
    Plain,
}

impl Kind {
    fn class(self) -> Option<&'static str> {
        Some(match self {
            Kind::Comment => "tok-comment",
            Kind::Operator => "tok-op",
            Kind::Number => "tok-num",
            Kind::Observed => "tok-ov",
            Kind::Latent => "tok-lv",
            Kind::Label => "tok-label",
            Kind::Name => "tok-name",
            Kind::Plain => return None,
        })
    }
}

const OPERATORS: [&str; 10] = ["=~", "~~", "~*~", "<~", ":=", "==", "~", "<", ">", "|"];

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// Names on the left of `=~`, in the whole text.
fn latent_names(text: &str) -> HashSet<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.split(['#', '!']).next().unwrap_or("");
            let (lhs, _) = l.split_once("=~")?;
            Some(
                lhs.split('+')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect()
}

/// The model text as HTML with one `<span class="tok-…">` per token; the
/// character at the 1-based (`line`, `col`) of an error and the rest of its
/// word are wrapped in `<mark class="tok-error">`.
pub fn highlight(text: &str, columns: &[String], error: Option<(usize, usize)>) -> String {
    let latent = latent_names(text);
    let observed: HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (li, line) in text.split('\n').enumerate() {
        if li > 0 {
            out.push('\n');
        }
        let chars: Vec<char> = line.chars().collect();
        let err_col = error.and_then(|(l, c)| (l == li + 1).then_some(c.saturating_sub(1)));
        let mut tokens: Vec<(Kind, usize, usize)> = Vec::new(); // kind, start, end (chars)
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let start = i;
            let kind = if c == '#' || c == '!' {
                i = chars.len();
                Kind::Comment
            } else if let Some(op) = OPERATORS.iter().find(|op| {
                let n = op.chars().count();
                i + n <= chars.len() && chars[i..i + n].iter().copied().eq(op.chars())
            }) {
                i += op.chars().count();
                Kind::Operator
            } else if c.is_ascii_digit()
                || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                    i += 1;
                }
                Kind::Number
            } else if is_ident_char(c) {
                while i < chars.len() && is_ident_char(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let next = chars[i..].iter().find(|c| !c.is_whitespace());
                if next == Some(&'*') || next == Some(&'?') {
                    Kind::Label
                } else if observed.contains(word.as_str()) {
                    Kind::Observed
                } else if latent.contains(&word) {
                    Kind::Latent
                } else {
                    Kind::Name
                }
            } else {
                i += 1;
                Kind::Plain
            };
            tokens.push((kind, start, i));
        }
        for (kind, s, e) in tokens {
            let piece: String = chars[s..e].iter().collect();
            let in_error = err_col.is_some_and(|c| c >= s && c < e);
            if in_error {
                out.push_str("<mark class=\"tok-error\">");
            }
            match kind.class() {
                Some(cls) => {
                    out.push_str("<span class=\"");
                    out.push_str(cls);
                    out.push_str("\">");
                    out.push_str(&html_escape(&piece));
                    out.push_str("</span>");
                }
                None => out.push_str(&html_escape(&piece)),
            }
            if in_error {
                out.push_str("</mark>");
            }
        }
        // An error just past the end of a line: mark a space there.
        if err_col.is_some_and(|c| c >= chars.len()) {
            out.push_str("<mark class=\"tok-error\"> </mark>");
        }
    }
    // A trailing newline needs a line to show in a <pre>.
    out.push_str("\n ");
    out
}
