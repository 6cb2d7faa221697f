//! Arithmetic expressions of defined parameters (`:=`) and constraints
//! (`==`, `<`, `>`): parameter labels, numbers, `+ - * / ^`, parentheses and
//! R's elementary functions. Parsed from tokens, evaluated against a label
//! lookup.

use super::lexer::{Tok, Token};
use super::{Pos, SyntaxError, SyntaxErrorKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    Num(f64),
    Var(String, Pos),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>, Pos),
}

/// Functions allowed in expressions, as in R.
pub const FUNCTIONS: [&str; 9] = [
    "sqrt", "exp", "log", "abs", "sin", "cos", "tan", "pnorm", "log10",
];

impl Expr {
    /// Every parameter label used in the expression, with its position.
    pub fn variables(&self) -> Vec<(String, Pos)> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<(String, Pos)>) {
        match self {
            Expr::Num(_) => {}
            Expr::Var(n, p) => out.push((n.clone(), *p)),
            Expr::Neg(e) => e.collect(out),
            Expr::Bin(_, a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Call(_, args, _) => args.iter().for_each(|a| a.collect(out)),
        }
    }

    /// Evaluates the expression; `lookup` gives the value of each label.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> f64) -> f64 {
        match self {
            Expr::Num(v) => *v,
            Expr::Var(n, _) => lookup(n),
            Expr::Neg(e) => -e.eval(lookup),
            Expr::Bin(op, a, b) => {
                let (x, y) = (a.eval(lookup), b.eval(lookup));
                match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    BinOp::Div => x / y,
                    BinOp::Pow => x.powf(y),
                }
            }
            Expr::Call(f, args, _) => {
                let x = args.first().map(|a| a.eval(lookup)).unwrap_or(f64::NAN);
                match f.as_str() {
                    "sqrt" => x.sqrt(),
                    "exp" => x.exp(),
                    "log" => x.ln(),
                    "log10" => x.log10(),
                    "abs" => x.abs(),
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "tan" => x.tan(),
                    "pnorm" => crate::distributions::pnorm(x),
                    _ => f64::NAN,
                }
            }
        }
    }
}

/// Recursive-descent parser over a token slice (no newlines inside).
pub(crate) struct ExprParser<'a> {
    pub toks: &'a [Token],
    pub i: usize,
    pub end_pos: Pos,
}

impl<'a> ExprParser<'a> {
    pub fn new(toks: &'a [Token], end_pos: Pos) -> Self {
        ExprParser {
            toks,
            i: 0,
            end_pos,
        }
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.i)
    }

    fn err_here(&self, expected: &str) -> SyntaxError {
        match self.peek() {
            Some(t) => SyntaxError {
                pos: t.pos,
                kind: SyntaxErrorKind::Unexpected {
                    found: t.tok.text(),
                    expected: expected.to_string(),
                },
            },
            None => SyntaxError {
                pos: self.end_pos,
                kind: SyntaxErrorKind::Unexpected {
                    found: "end of line".into(),
                    expected: expected.to_string(),
                },
            },
        }
    }

    /// Parses a whole expression and requires that all tokens are used.
    pub fn parse_all(mut self) -> Result<Expr, SyntaxError> {
        let e = self.sum()?;
        if self.i < self.toks.len() {
            return Err(self.err_here("an operator such as `+` or `*`"));
        }
        Ok(e)
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.product()?;
        while let Some(Token {
            tok: Tok::Sym(c @ ('+' | '-')),
            ..
        }) = self.peek()
        {
            let op = if *c == '+' { BinOp::Add } else { BinOp::Sub };
            self.i += 1;
            let right = self.product()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        while let Some(Token {
            tok: Tok::Sym(c @ ('*' | '/')),
            ..
        }) = self.peek()
        {
            let op = if *c == '*' { BinOp::Mul } else { BinOp::Div };
            self.i += 1;
            let right = self.unary()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Sym('-'), ..
            }) => {
                self.i += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Some(Token {
                tok: Tok::Sym('+'), ..
            }) => {
                self.i += 1;
                self.unary()
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, SyntaxError> {
        let base = self.atom()?;
        if let Some(Token {
            tok: Tok::Sym('^'), ..
        }) = self.peek()
        {
            self.i += 1;
            // right-associative, and binds tighter than unary minus on the left (as in R)
            let exp = self.unary()?;
            return Ok(Expr::Bin(BinOp::Pow, Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<Expr, SyntaxError> {
        let Some(t) = self.peek().cloned() else {
            return Err(self.err_here("a number or a parameter label"));
        };
        match t.tok {
            Tok::Number(v, _) => {
                self.i += 1;
                Ok(Expr::Num(v))
            }
            Tok::Ident(name) => {
                self.i += 1;
                if let Some(Token {
                    tok: Tok::Sym('('), ..
                }) = self.peek()
                {
                    if !FUNCTIONS.contains(&name.as_str()) {
                        return Err(SyntaxError {
                            pos: t.pos,
                            kind: SyntaxErrorKind::Unexpected {
                                found: format!("{name}("),
                                expected: format!("one of the functions {}", FUNCTIONS.join(", ")),
                            },
                        });
                    }
                    self.i += 1;
                    let arg = self.sum()?;
                    self.expect_close()?;
                    return Ok(Expr::Call(name, vec![arg], t.pos));
                }
                if name == "pi" {
                    return Ok(Expr::Num(std::f64::consts::PI));
                }
                Ok(Expr::Var(name, t.pos))
            }
            Tok::Sym('(') => {
                self.i += 1;
                let e = self.sum()?;
                self.expect_close()?;
                Ok(e)
            }
            _ => Err(self.err_here("a number or a parameter label")),
        }
    }

    fn expect_close(&mut self) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Sym(')'), ..
            }) => {
                self.i += 1;
                Ok(())
            }
            _ => Err(self.err_here("`)`")),
        }
    }
}

/// The expression as lavaan prints it in the `rhs` column: the tokens
/// concatenated without spaces (`p2+p1*p3`).
pub(crate) fn expr_text(toks: &[Token]) -> String {
    toks.iter().map(|t| t.tok.text()).collect()
}

/// The tokens as the user wrote them, for quoting in an error message: the
/// spaces between tokens on a line are kept (`textual x5`, not
/// `textualx5` as [`expr_text`] gives), a line break becomes one space.
pub(crate) fn source_text(toks: &[Token]) -> String {
    let mut out = String::new();
    let mut end: Option<Pos> = None;
    for t in toks {
        let text = t.tok.text();
        match end {
            Some(e) if e.line == t.pos.line => out.extend(std::iter::repeat_n(
                ' ',
                t.pos.col.saturating_sub(e.col).min(8),
            )),
            Some(_) => out.push(' '),
            None => {}
        }
        end = Some(Pos {
            line: t.pos.line,
            col: t.pos.col + text.chars().count(),
        });
        out.push_str(&text);
    }
    out
}
