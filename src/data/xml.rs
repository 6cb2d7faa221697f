//! A small pull tokenizer for the XML parts of an `.xlsx` workbook.
//!
//! In: the text of one XML part.
//! Out: a stream of [`Token`]s — start tags (local name without namespace
//! prefix, raw attribute text, self-closing or not), end tags and text
//! (entities decoded; CDATA passed through). Comments, processing
//! instructions and the DOCTYPE are skipped; custom entities are never
//! expanded (so "billion laughs" files cost nothing). Malformed markup is an
//! error string, never a panic.

use std::borrow::Cow;

/// One piece of an XML document.
#[derive(Debug, PartialEq)]
pub(crate) enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`); `name` without prefix.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// `</name>`, `name` without prefix.
    End { name: &'a str },
    /// Character data between tags, entities decoded.
    Text(Cow<'a, str>),
}

/// Pull reader over a document.
pub(crate) struct Reader<'a> {
    s: &'a str,
    pos: usize,
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Reader<'a> {
    /// The byte offset read up to (for progress).
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn new(s: &'a str) -> Self {
        // A byte-order mark is not part of the document.
        let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
        Reader { s, pos: 0 }
    }

    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), String> {
        match self.s[self.pos..].find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => Err(format!("an unclosed {what}")),
        }
    }

    /// The next token, or `None` at the end of the document.
    pub(crate) fn next_token(&mut self) -> Result<Option<Token<'a>>, String> {
        loop {
            let rest = &self.s[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Ok(Some(Token::Text(unescape(&rest[..end]))));
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->", "comment")?;
                continue;
            }
            if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let Some(end) = body.find("]]>") else {
                    return Err("an unclosed CDATA section".into());
                };
                self.pos += 9 + end + 3;
                return Ok(Some(Token::Text(Cow::Borrowed(&body[..end]))));
            }
            if rest.starts_with("<!") {
                // DOCTYPE, possibly with an internal subset in brackets.
                let mut depth = 0usize;
                let mut end = None;
                for (i, b) in rest.bytes().enumerate().skip(2) {
                    match b {
                        b'[' => depth += 1,
                        b']' => depth = depth.saturating_sub(1),
                        b'>' if depth == 0 => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else {
                    return Err("an unclosed declaration".into());
                };
                self.pos += end + 1;
                continue;
            }
            if let Some(body) = rest.strip_prefix("</") {
                let Some(end) = body.find('>') else {
                    return Err("an unclosed end tag".into());
                };
                self.pos += 2 + end + 1;
                return Ok(Some(Token::End {
                    name: local(body[..end].trim()),
                }));
            }
            // Start tag: find the closing '>' outside quoted attribute values.
            let bytes = rest.as_bytes();
            let mut quote = 0u8;
            let mut end = None;
            for (i, &b) in bytes.iter().enumerate().skip(1) {
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                } else if b == b'>' {
                    end = Some(i);
                    break;
                }
            }
            let Some(end) = end else {
                return Err("an unclosed tag".into());
            };
            let inner = &rest[1..end];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(s) => (s, true),
                None => (inner, false),
            };
            let name_end = inner
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty() {
                return Err("a tag without a name".into());
            }
            self.pos += end + 1;
            return Ok(Some(Token::Start {
                name: local(name),
                attrs: &inner[name_end..],
                empty,
            }));
        }
    }
}

/// The value of the attribute whose local name (prefix ignored) is `want`.
pub(crate) fn attr<'a>(attrs: &'a str, want: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let q = after.chars().next()?;
        if q != '"' && q != '\'' {
            return None;
        }
        let close = after[1..].find(q)?;
        let value = &after[1..1 + close];
        if local(name) == want {
            return Some(unescape(value));
        }
        rest = &after[close + 2..];
    }
}

/// Decodes the five predefined entities and character references; anything
/// else starting with `&` is kept as written.
pub(crate) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let semi = tail.find(';').filter(|&j| j <= 12);
        let decoded = semi.and_then(|j| {
            let ent = &tail[1..j];
            let c = match ent {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(hex) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                    } else if let Some(dec) = ent.strip_prefix('#') {
                        dec.parse::<u32>().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            c.map(|c| (c, j))
        });
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_attributes_and_entities() {
        let doc = r#"<?xml version="1.0"?><!-- c --><x:a k='1 > 0' r:id="rId&amp;2"><b/>t&lt;&#65;&#x42;&bogus;<![CDATA[<raw>]]></x:a>"#;
        let mut r = Reader::new(doc);
        let Some(Token::Start { name, attrs, empty }) = r.next_token().unwrap() else {
            panic!()
        };
        assert_eq!((name, empty), ("a", false));
        assert_eq!(attr(attrs, "k").as_deref(), Some("1 > 0"));
        assert_eq!(attr(attrs, "id").as_deref(), Some("rId&2"));
        assert_eq!(attr(attrs, "zz"), None);
        assert_eq!(
            r.next_token().unwrap(),
            Some(Token::Start {
                name: "b",
                attrs: "",
                empty: true
            })
        );
        assert_eq!(
            r.next_token().unwrap(),
            Some(Token::Text(Cow::Owned("t<AB&bogus;".into())))
        );
        assert_eq!(
            r.next_token().unwrap(),
            Some(Token::Text(Cow::Borrowed("<raw>")))
        );
        assert_eq!(r.next_token().unwrap(), Some(Token::End { name: "a" }));
        assert_eq!(r.next_token().unwrap(), None);
        assert!(Reader::new("<a").next_token().is_err());
    }
}
