//! Lexer: model text in, tokens with positions out. Comments are dropped,
//! `;` becomes a newline, and newlines inside a continued formula are
//! removed (see [`join_lines`]).

use super::{Pos, SyntaxError, SyntaxErrorKind};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    Number(f64, String),
    Str(String),
    /// A lavaan operator: `=~ <~ ~*~ ~~ ~ := == < > : | %`.
    Op(&'static str),
    /// One of `+ - * / ^ ( ) , ?`.
    Sym(char),
    Newline,
}

impl Tok {
    pub(crate) fn text(&self) -> String {
        match self {
            Tok::Ident(s) => s.clone(),
            Tok::Number(_, s) => s.clone(),
            Tok::Str(s) => format!("\"{s}\""),
            Tok::Op(s) => (*s).to_string(),
            Tok::Sym(c) => c.to_string(),
            Tok::Newline => "end of line".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

const OPERATORS: [&str; 12] = [
    "~*~", "=~", "<~", "~~", ":=", "==", "~", "<", ">", ":", "|", "%",
];
const OP_CHARS: &[char] = &['=', '~', '<', '>', ':', '|', '%'];

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '.'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn op_hint(run: &str) -> Option<String> {
    let h = match run {
        "=" => "use `=~` for loadings or `==` for an equality constraint",
        "->" | "<-" => "lavaan writes regressions as `outcome ~ predictor`",
        "=>" | ">=" | "<=" => "inequality constraints are written `<` or `>`",
        "~=" | "=~~" | "~=~" => "did you mean `=~`?",
        "~~~" => "did you mean `~~`?",
        "::=" | ":==" => "did you mean `:=`?",
        "===" => "did you mean `==`?",
        _ => return None,
    };
    Some(h.to_string())
}

/// Splits the text into tokens. Comments (`#`, `!`) are removed.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut out = Vec::new();
    for (li, line) in text.split('\n').enumerate() {
        let chars: Vec<char> = line.trim_end_matches('\r').chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let pos = Pos {
                line: li + 1,
                col: i + 1,
            };
            if c == '#' || c == '!' {
                break;
            }
            if c.is_whitespace() || c == '\u{feff}' {
                i += 1;
                continue;
            }
            if c == ';' {
                out.push(Token {
                    tok: Tok::Newline,
                    pos,
                });
                i += 1;
                continue;
            }
            if c == '"' || c == '\'' {
                let quote = c;
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && chars[j] != quote {
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(SyntaxError {
                        pos,
                        kind: SyntaxErrorKind::UnterminatedString,
                    });
                }
                out.push(Token {
                    tok: Tok::Str(chars[start..j].iter().collect()),
                    pos,
                });
                i = j + 1;
                continue;
            }
            if c.is_ascii_digit()
                || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
            {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                    let mut j = i + 1;
                    if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                        j += 1;
                    }
                    if j < chars.len() && chars[j].is_ascii_digit() {
                        i = j;
                        while i < chars.len() && chars[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                // R integer suffix `1L`
                let mut text: String = chars[start..i].iter().collect();
                if i < chars.len()
                    && chars[i] == 'L'
                    && !chars.get(i + 1).is_some_and(|d| is_ident_char(*d))
                {
                    i += 1;
                }
                if i < chars.len() && is_ident_char(chars[i]) {
                    // e.g. `1x`: a name starting with a digit
                    while i < chars.len() && is_ident_char(chars[i]) {
                        i += 1;
                    }
                    let bad: String = chars[start..i].iter().collect();
                    return Err(SyntaxError {
                        pos,
                        kind: SyntaxErrorKind::BadName { text: bad },
                    });
                }
                let value: f64 = match text.parse() {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(SyntaxError {
                            pos,
                            kind: SyntaxErrorKind::Unexpected {
                                found: text,
                                expected: "a number".into(),
                            },
                        })
                    }
                };
                if text.starts_with('.') {
                    text.insert(0, '0');
                }
                out.push(Token {
                    tok: Tok::Number(value, text),
                    pos,
                });
                continue;
            }
            if is_ident_start(c) {
                let start = i;
                while i < chars.len() && is_ident_char(chars[i]) {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(chars[start..i].iter().collect()),
                    pos,
                });
                continue;
            }
            // arrows written with a dash are a common mistake
            if c == '-' && chars.get(i + 1) == Some(&'>') {
                return Err(unknown_op("->", pos));
            }
            if c == '<'
                && chars.get(i + 1) == Some(&'-')
                && !chars
                    .get(i + 2)
                    .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                return Err(unknown_op("<-", pos));
            }
            if OP_CHARS.contains(&c) {
                // take the maximal run of operator characters (and the `*` of `~*~`)
                let start = i;
                let mut j = i;
                while j < chars.len()
                    && (OP_CHARS.contains(&chars[j])
                        || (chars[j] == '*'
                            && j > start
                            && chars[j - 1] == '~'
                            && chars.get(j + 1) == Some(&'~')))
                {
                    j += 1;
                }
                let run: String = chars[start..j].iter().collect();
                match OPERATORS.iter().find(|o| **o == run) {
                    Some(op) => {
                        out.push(Token {
                            tok: Tok::Op(op),
                            pos,
                        });
                        i = j;
                        continue;
                    }
                    None => return Err(unknown_op(&run, pos)),
                }
            }
            if "+-*/^(),?".contains(c) {
                out.push(Token {
                    tok: Tok::Sym(c),
                    pos,
                });
                i += 1;
                continue;
            }
            return Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::UnexpectedCharacter(c),
            });
        }
        out.push(Token {
            tok: Tok::Newline,
            pos: Pos {
                line: li + 1,
                col: chars.len() + 1,
            },
        });
    }
    Ok(out)
}

fn unknown_op(text: &str, pos: Pos) -> SyntaxError {
    SyntaxError {
        pos,
        kind: SyntaxErrorKind::UnknownOperator {
            text: text.to_string(),
            hint: op_hint(text),
        },
    }
}

fn continues_after(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Sym('+' | '*' | '-' | '/' | '^' | '(' | ',' | '?') | Tok::Op(_)
    )
}

fn continues_before(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Sym('+' | '*' | '-' | '/' | '^' | ')' | ',' | '?') | Tok::Op(_)
    )
}

/// Groups tokens into logical statements: a newline ends a statement unless
/// the formula clearly continues (previous token `+`, `*`, an operator, ...;
/// next token `+`, `*`, an operator, ...; or inside parentheses).
pub(crate) fn join_lines(tokens: Vec<Token>) -> Vec<Vec<Token>> {
    let mut statements = Vec::new();
    let mut cur: Vec<Token> = Vec::new();
    let mut depth: i32 = 0;
    let n = tokens.len();
    for i in 0..n {
        let t = &tokens[i];
        match &t.tok {
            Tok::Newline => {
                if cur.is_empty() {
                    continue;
                }
                let prev_cont = cur.last().is_some_and(|l| continues_after(&l.tok));
                let next = tokens[i + 1..].iter().find(|x| x.tok != Tok::Newline);
                let next_cont = next.is_some_and(|x| continues_before(&x.tok));
                if depth > 0 || prev_cont || next_cont {
                    continue;
                }
                statements.push(std::mem::take(&mut cur));
                depth = 0;
            }
            tok => {
                if *tok == Tok::Sym('(') {
                    depth += 1;
                } else if *tok == Tok::Sym(')') {
                    depth -= 1;
                }
                cur.push(t.clone());
            }
        }
    }
    if !cur.is_empty() {
        statements.push(cur);
    }
    statements
}
