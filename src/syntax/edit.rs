//! Edits of the model text: what a drawing action in the diagram editor
//! does to the lavaan syntax. The text is the one source of truth, so every
//! action (add a latent variable, attach an item, draw a regression or a
//! covariance, delete, rename, fix or free a loading) is a function from
//! the model text to a new model text.
//!
//! Each edit changes as little as it can: the person's comments, blank
//! lines and the order of their lines stay; a new term is appended to the
//! statement it belongs to (`F =~ a + b` gains `+ c`, `Y ~ X1` gains
//! `+ H2*X2`), a new statement is written in lavaan's style (one formula a
//! line, `lhs op rhs + rhs`) after the last statement of its kind
//! (measurement first, then regressions, then covariances). Loadings are
//! fixed and freed as lavaan writes them: the first item of a factor is its
//! marker (fixed to 1 unless `std.lv`), so freeing it writes `NA*x`, and
//! fixing another item writes `1*x`.
//!
//! Every function parses the text first (with [`super::parse`]) and refuses
//! to edit a text with a syntax error; what it cannot do is an
//! [`EditError`], with its message in English and Chinese.

use super::lexer::{join_lines, tokenize, Tok, Token};
use super::{is_variable_name, parse, Modifier, RelOp, Statement, SyntaxError};
use crate::i18n::{Lang, Localized};
use std::fmt;

/// Why an edit cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The model text does not parse; it is fixed in the editor first.
    Syntax(SyntaxError),
    /// A name that cannot be written in lavaan syntax (`Trust 1`, `2B`).
    BadName(String),
    /// A new latent variable's name is already a variable of the model or a
    /// column of the data.
    NameInUse(String),
    /// A latent variable is added without an item.
    NoItems,
    /// The name is not a latent variable of the model (no `=~` line).
    NotALatent(String),
    /// A path from a variable to itself.
    SameVariable(String),
    /// The relation (as lavaan writes it) is already in the model.
    AlreadyThere(String),
    /// The relation (as lavaan writes it) is not in the model.
    NotInModel(String),
    /// The label already names another parameter or a variable.
    LabelTaken(String),
    /// The parameter's label is used by a defined parameter or a
    /// constraint (on that line); deleting it would leave that line without
    /// its parameter.
    LabelInUse { label: String, line: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Syntax(e) => write!(
                f,
                "the model text has an error to fix first ({e})"
            ),
            EditError::BadName(n) => write!(
                f,
                "`{n}` cannot be written in lavaan syntax; use letters, digits, `_` and `.`, starting with a letter"
            ),
            EditError::NameInUse(n) => write!(
                f,
                "`{n}` is already a variable of the model or of the data; choose another name"
            ),
            EditError::NoItems => write!(f, "a latent variable needs at least one item"),
            EditError::NotALatent(n) => {
                write!(f, "`{n}` is not a latent variable of the model")
            }
            EditError::SameVariable(n) => {
                write!(f, "a path needs two different variables, not `{n}` twice")
            }
            EditError::AlreadyThere(r) => write!(f, "`{r}` is already in the model"),
            EditError::NotInModel(r) => write!(f, "`{r}` is not in the model"),
            EditError::LabelTaken(l) => write!(
                f,
                "the label `{l}` already names a parameter or a variable; choose another label"
            ),
            EditError::LabelInUse { label, line } => write!(
                f,
                "the label `{label}` is used on line {line}; change that line first"
            ),
        }
    }
}

impl std::error::Error for EditError {}

impl Localized for EditError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                EditError::Syntax(e) => {
                    format!("模型文本有错误，请先修改（{}）", e.message(Lang::Zh))
                }
                EditError::BadName(n) => format!(
                    "`{n}` 无法写入 lavaan 语法；请使用字母、数字、`_` 和 `.`，并以字母开头"
                ),
                EditError::NameInUse(n) => {
                    format!("`{n}` 已是模型或数据中的变量；请换一个名称")
                }
                EditError::NoItems => "潜变量至少需要一个题项".to_string(),
                EditError::NotALatent(n) => format!("`{n}` 不是模型中的潜变量"),
                EditError::SameVariable(n) => {
                    format!("路径需要两个不同的变量，而不是两次 `{n}`")
                }
                EditError::AlreadyThere(r) => format!("模型中已有 `{r}`"),
                EditError::NotInModel(r) => format!("模型中没有 `{r}`"),
                EditError::LabelTaken(l) => {
                    format!("标签 `{l}` 已用于其他参数或变量；请换一个标签")
                }
                EditError::LabelInUse { label, line } => {
                    format!("第 {line} 行用到了标签 `{label}`；请先修改该行")
                }
            },
        }
    }
}

/// One element of the drawing, as deleted by [`delete`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// The loading `latent =~ item` (the item stays in the data).
    Loading { latent: String, item: String },
    /// The regression `outcome ~ predictor`.
    Regression { outcome: String, predictor: String },
    /// The covariance `a ~~ b` (either order).
    Covariance { a: String, b: String },
    /// A latent variable with every line and term that names it.
    Latent(String),
}

// ---------------------------------------------------------------------------
// The text with its statements located

/// A right-hand-side term of a relation: token indices in its statement.
struct TermSpan {
    /// First token of the term (its first modifier, or its name).
    start: usize,
    /// One past the term's last token.
    end: usize,
    /// First token of the name (after the last `*` or `?`).
    name_start: usize,
    /// The variable's name (`x:w` for an interaction).
    name: String,
    /// The `+` before the term.
    sep: Option<usize>,
}

/// One logical statement of the text.
struct Stmt {
    toks: Vec<Token>,
    /// The statement's operator (`=~`, `~`, `~~`, `:=`, ...).
    op: &'static str,
    /// Token indices of the names on the left of a relation.
    lhs: Vec<usize>,
    /// The terms on the right of a relation (empty for `:=`, constraints
    /// and blocks).
    terms: Vec<TermSpan>,
}

impl Stmt {
    fn is_relation(&self) -> bool {
        matches!(self.op, "=~" | "~" | "~~" | "<~" | "~*~" | "|" | "%")
    }
    fn lhs_names(&self) -> Vec<&str> {
        self.lhs
            .iter()
            .map(|&i| match &self.toks[i].tok {
                Tok::Ident(s) => s.as_str(),
                _ => "",
            })
            .collect()
    }
    /// A relation with exactly this one name on the left.
    fn is_single(&self, op: &str, lhs: &str) -> bool {
        self.op == op && self.lhs_names() == [lhs]
    }
    fn has_lhs(&self, name: &str) -> bool {
        self.is_relation() && self.lhs_names().contains(&name)
    }
    fn term(&self, name: &str) -> Option<usize> {
        self.terms.iter().position(|t| t.name == name)
    }
}

struct Source<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    stmts: Vec<Stmt>,
    parsed: Vec<Statement>,
}

fn depth_split(toks: &[Token], lo: usize, hi: usize, sep: impl Fn(&Tok) -> bool) -> Vec<usize> {
    let mut depth = 0i32;
    let mut at = Vec::new();
    for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
        match t.tok {
            Tok::Sym('(') => depth += 1,
            Tok::Sym(')') => depth -= 1,
            _ => {}
        }
        if depth == 0 && sep(&t.tok) {
            at.push(i);
        }
    }
    at
}

fn stmt_of(toks: Vec<Token>) -> Stmt {
    let op_at = toks
        .iter()
        .position(|t| matches!(t.tok, Tok::Op(_)))
        .unwrap_or(toks.len());
    let op = match toks.get(op_at).map(|t| &t.tok) {
        Some(Tok::Op(o)) => *o,
        _ => "",
    };
    let mut s = Stmt {
        toks,
        op,
        lhs: Vec::new(),
        terms: Vec::new(),
    };
    if !s.is_relation() {
        return s;
    }
    s.lhs = (0..op_at)
        .filter(|&i| matches!(s.toks[i].tok, Tok::Ident(_)))
        .collect();
    let n = s.toks.len();
    let pluses = depth_split(&s.toks, op_at + 1, n, |t| *t == Tok::Sym('+'));
    let mut start = op_at + 1;
    let mut sep = None;
    for end in pluses.iter().copied().chain([n]) {
        let stars = depth_split(&s.toks, start, end, |t| matches!(t, Tok::Sym('*' | '?')));
        let name_start = stars.last().map_or(start, |&k| k + 1);
        let name = s.toks[name_start..end]
            .iter()
            .map(|t| t.tok.text())
            .collect::<String>();
        s.terms.push(TermSpan {
            start,
            end,
            name_start,
            name,
            sep,
        });
        sep = Some(end);
        start = end + 1;
    }
    s
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Result<Source<'a>, EditError> {
        let parsed = parse(text).map_err(EditError::Syntax)?;
        let tokens = tokenize(text).map_err(EditError::Syntax)?;
        let stmts = join_lines(tokens).into_iter().map(stmt_of).collect();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Ok(Source {
            text,
            line_starts,
            stmts,
            parsed,
        })
    }

    fn line_text(&self, line: usize) -> &'a str {
        let s = self.line_starts[line - 1];
        let e = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        &self.text[s..e]
    }

    /// Byte offset of a 1-based (line, column in characters).
    fn offset(&self, line: usize, col: usize) -> usize {
        let l = self.line_text(line);
        self.line_starts[line - 1] + l.char_indices().nth(col - 1).map_or(l.len(), |(i, _)| i)
    }

    fn start(&self, t: &Token) -> usize {
        self.offset(t.pos.line, t.pos.col)
    }

    /// Byte offset just after a token, read from the source (a number's
    /// token text is normalized: `.5` reads `0.5`).
    fn end(&self, t: &Token) -> usize {
        let s = self.start(t);
        let rest = &self.text[s..];
        let len = match &t.tok {
            Tok::Number(..) => {
                let mut prev = ' ';
                rest.char_indices()
                    .find(|&(_, c)| {
                        let part = c.is_alphanumeric()
                            || c == '.'
                            || c == '_'
                            || ((c == '+' || c == '-') && (prev == 'e' || prev == 'E'));
                        prev = c;
                        !part
                    })
                    .map_or(rest.len(), |(i, _)| i)
            }
            tok => tok.text().len(),
        };
        s + len
    }

    /// End of the line (before its `\n`) holding byte offset `at`.
    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Every variable the relations name (left and right; interactions split).
    fn variables(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for s in &self.parsed {
            if let Statement::Relation(r) = s {
                let mut names = vec![r.lhs.as_str()];
                if !matches!(r.op, RelOp::Intercept | RelOp::Threshold) {
                    names.extend(r.rhs.name.split(':'));
                }
                for n in names {
                    if !v.iter().any(|x| x == n) {
                        v.push(n.to_string());
                    }
                }
            }
        }
        v
    }

    fn latents(&self) -> Vec<String> {
        latent_names(&self.parsed)
    }

    fn has(&self, op: RelOp, lhs: &str, rhs: &str) -> bool {
        self.parsed.iter().any(|s| {
            matches!(s, Statement::Relation(r) if r.op == op && r.lhs == lhs && r.rhs.name == rhs)
        })
    }

    fn labels(&self) -> Vec<String> {
        let mut v = Vec::new();
        for s in &self.parsed {
            if let Statement::Relation(r) = s {
                for m in &r.rhs.modifiers {
                    if let Modifier::Label(ls) = m {
                        v.extend(ls.iter().cloned());
                    }
                }
            }
        }
        v
    }

    /// The line of a `:=` or constraint that uses `label`.
    fn label_use(&self, label: &str) -> Option<usize> {
        self.parsed.iter().find_map(|s| {
            let (exprs, pos) = match s {
                Statement::Definition { expr, pos, .. } => (vec![expr], pos),
                Statement::Constraint { lhs, rhs, pos, .. } => (vec![lhs, rhs], pos),
                _ => return None,
            };
            exprs
                .iter()
                .any(|e| e.variables().iter().any(|(v, _)| v == label))
                .then_some(pos.line)
        })
    }

    /// The labels written on a term.
    fn term_labels(&self, s: &Stmt, t: &TermSpan) -> Vec<String> {
        let lhs = self.text[self.start(&s.toks[s.lhs[0]])..self.end(&s.toks[s.lhs[0]])].to_string();
        let src = self.slice(s, t.start, t.end);
        match parse(&format!("{lhs} {} {src}", s.op)) {
            Ok(st) => st
                .iter()
                .filter_map(|x| match x {
                    Statement::Relation(r) => Some(r.rhs.modifiers.clone()),
                    _ => None,
                })
                .flatten()
                .filter_map(|m| match m {
                    Modifier::Label(l) => Some(l),
                    _ => None,
                })
                .flatten()
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The source text of tokens `a..b` of a statement.
    fn slice(&self, s: &Stmt, a: usize, b: usize) -> &'a str {
        &self.text[self.start(&s.toks[a])..self.end(&s.toks[b - 1])]
    }

    /// Byte ranges that delete tokens `a..b` of a statement, one per line;
    /// a line left with nothing but spaces goes as a whole.
    fn delete_tokens(&self, s: &Stmt, a: usize, b: usize, out: &mut Vec<Change>) {
        let mut i = a;
        while i < b {
            let line = s.toks[i].pos.line;
            let mut j = i;
            while j + 1 < b && s.toks[j + 1].pos.line == line {
                j += 1;
            }
            let (from, to) = (self.start(&s.toks[i]), self.end(&s.toks[j]));
            let ls = self.line_starts[line - 1];
            let le = self.line_end(from);
            let before = &self.text[ls..from];
            let after = &self.text[to..le];
            if before.trim().is_empty() && after.trim().is_empty() {
                let end = if le < self.text.len() { le + 1 } else { le };
                // the last line of the text: take the newline before it
                let start = if end == le && ls > 0 { ls - 1 } else { ls };
                out.push(Change::new(start, end, ""));
            } else if before.trim().is_empty() {
                let ws = after.len() - after.trim_start().len();
                out.push(Change::new(from, to + ws, ""));
            } else {
                let ws = before.len() - before.trim_end().len();
                out.push(Change::new(from - ws, to, ""));
            }
            i = j + 1;
        }
    }

    /// Changes that delete the terms `del` (indices) of a statement, or the
    /// whole statement when no term is left.
    fn delete_terms(&self, s: &Stmt, del: &[usize], out: &mut Vec<Change>) {
        let n = s.toks.len();
        let Some(first_kept) = (0..s.terms.len()).find(|k| !del.contains(k)) else {
            self.delete_tokens(s, 0, n, out);
            return;
        };
        if first_kept > 0 {
            let kept = &s.terms[first_kept];
            self.delete_tokens(s, s.terms[0].start, kept.start, out);
        }
        for &k in del.iter().filter(|&&k| k > first_kept) {
            let t = &s.terms[k];
            let sep = t.sep.unwrap_or(t.start);
            // `x1 +\n x2 +\n x3`: x2 goes with the `+` after it, so that
            // no line is left starting with a `+`
            let next_kept = s.terms.get(k + 1).filter(|_| !del.contains(&(k + 1)));
            match next_kept {
                Some(n) if s.toks[sep].pos.line != s.toks[t.start].pos.line => {
                    self.delete_tokens(s, t.start, n.start, out)
                }
                _ => self.delete_tokens(s, sep, t.end, out),
            }
        }
    }

    /// Where a new statement goes: after the last statement matching one of
    /// `after` (in order of preference), else before the first statement
    /// (with the comment lines right above it) when `first`, else at the end.
    fn insert_line(&self, line: &str, after: &[&dyn Fn(&Stmt) -> bool], first: bool) -> Change {
        for pred in after {
            if let Some(s) = self.stmts.iter().rev().find(|s| pred(s)) {
                let end = self.line_end(self.end(s.toks.last().expect("a statement has tokens")));
                // a new kind of statement after another kind: a blank line between
                let blank = if after[0](s) { "" } else { "\n" };
                return Change::new(end, end, &format!("\n{blank}{line}"));
            }
        }
        if first {
            if let Some(s) = self.stmts.first() {
                let mut l = s.toks[0].pos.line;
                while l > 1 && {
                    let t = self.line_text(l - 1).trim_start();
                    t.starts_with('#') || t.starts_with('!')
                } {
                    l -= 1;
                }
                let at = self.line_starts[l - 1];
                return Change::new(at, at, &format!("{line}\n"));
            }
        }
        let t = self.text.trim_end();
        let sep = if t.is_empty() {
            ""
        } else if self.stmts.is_empty() {
            "\n"
        } else {
            "\n\n"
        };
        Change::new(t.len(), self.text.len(), &format!("{sep}{line}\n"))
    }

    /// Appends ` + term` after the last token of a statement.
    fn append_term(&self, s: &Stmt, term: &str) -> Change {
        let at = self.end(s.toks.last().expect("a statement has tokens"));
        Change::new(at, at, &format!(" + {term}"))
    }
}

/// A replacement of bytes `start..end` by `with`.
struct Change {
    start: usize,
    end: usize,
    with: String,
}

impl Change {
    fn new(start: usize, end: usize, with: &str) -> Change {
        Change {
            start,
            end,
            with: with.to_string(),
        }
    }
}

fn apply(text: &str, mut changes: Vec<Change>) -> String {
    crate::sorting::sort_by_key(&mut changes, |c| std::cmp::Reverse((c.start, c.end)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for c in changes {
        // overlapping ranges (two deletions that both took a whole line) apply once
        let end = c.end.min(limit);
        if c.start > end {
            continue;
        }
        out.replace_range(c.start..end, &c.with);
        limit = c.start;
    }
    out
}

fn check_name(name: &str) -> Result<(), EditError> {
    if is_variable_name(name) {
        Ok(())
    } else {
        Err(EditError::BadName(name.to_string()))
    }
}

/// Writes each multi-name left side that names `name` (`F + G =~ x + y`)
/// as one statement per name, so that an edit of `F`'s terms leaves `G`'s.
fn split_lhs(text: &str, name: &str) -> Result<String, EditError> {
    let src = Source::new(text)?;
    let mut changes = Vec::new();
    for s in &src.stmts {
        if s.has_lhs(name) && s.lhs.len() > 1 {
            let op_at = s.lhs.last().expect("names") + 1;
            let rhs = src.slice(s, op_at + 1, s.toks.len());
            let lines: Vec<String> = s
                .lhs_names()
                .iter()
                .map(|l| format!("{l} {} {rhs}", s.op))
                .collect();
            let a = src.start(&s.toks[0]);
            let b = src.end(s.toks.last().expect("tokens"));
            changes.push(Change::new(a, b, &lines.join("\n")));
        }
    }
    Ok(apply(text, changes))
}

// ---------------------------------------------------------------------------
// The edits

/// Adds the latent variable `name` measured by `items`: `name =~ a + b`,
/// after the last loading line (or before the first statement).
/// `columns` are the data's column names (a latent variable cannot be named
/// like one).
pub fn add_latent(
    text: &str,
    name: &str,
    items: &[&str],
    columns: &[String],
) -> Result<String, EditError> {
    let src = Source::new(text)?;
    check_name(name)?;
    if src.variables().iter().any(|v| v == name)
        || columns.iter().any(|c| c == name)
        || src.labels().iter().any(|l| l == name)
    {
        return Err(EditError::NameInUse(name.to_string()));
    }
    if items.is_empty() {
        return Err(EditError::NoItems);
    }
    for (i, item) in items.iter().enumerate() {
        check_name(item)?;
        if *item == name {
            return Err(EditError::SameVariable(name.to_string()));
        }
        if items[..i].contains(item) {
            return Err(EditError::AlreadyThere(format!("{name} =~ {item}")));
        }
    }
    let line = format!("{name} =~ {}", items.join(" + "));
    let c = src.insert_line(&line, &[&|s: &Stmt| s.op == "=~"], true);
    Ok(apply(text, vec![c]))
}

/// Attaches `item` to the latent variable `latent`: appended to its `=~`
/// line (`F =~ a + b` becomes `F =~ a + b + item`).
pub fn attach_item(text: &str, latent: &str, item: &str) -> Result<String, EditError> {
    let src = Source::new(text)?;
    check_name(item)?;
    if !src.latents().iter().any(|l| l == latent) {
        return Err(EditError::NotALatent(latent.to_string()));
    }
    if item == latent {
        return Err(EditError::SameVariable(item.to_string()));
    }
    if src.has(RelOp::Loading, latent, item) {
        return Err(EditError::AlreadyThere(format!("{latent} =~ {item}")));
    }
    let c = match src.stmts.iter().rev().find(|s| s.is_single("=~", latent)) {
        Some(s) => src.append_term(s, item),
        None => {
            let line = format!("{latent} =~ {item}");
            src.insert_line(
                &line,
                &[&|s: &Stmt| s.op == "=~" && s.has_lhs(latent)],
                false,
            )
        }
    };
    Ok(apply(text, vec![c]))
}

/// Checks a label for a new parameter: writable, not a variable, not
/// another parameter's label.
fn check_label(src: &Source, label: &str) -> Result<(), EditError> {
    if !is_variable_name(label) {
        return Err(EditError::BadName(label.to_string()));
    }
    if src.labels().iter().any(|l| l == label) || src.variables().iter().any(|v| v == label) {
        return Err(EditError::LabelTaken(label.to_string()));
    }
    Ok(())
}

/// Adds the regression `outcome ~ predictor` (the one-headed arrow from
/// predictor to outcome), labelled `label*predictor` when given (a
/// hypothesis such as `H1a`): appended to the outcome's `~` line, or a new
/// line after the last regression.
pub fn add_regression(
    text: &str,
    outcome: &str,
    predictor: &str,
    label: Option<&str>,
) -> Result<String, EditError> {
    let src = Source::new(text)?;
    check_name(outcome)?;
    // a product term `x:w` (lavaan's interaction) is two names
    for part in predictor.split(':') {
        check_name(part)?;
    }
    if outcome == predictor {
        return Err(EditError::SameVariable(outcome.to_string()));
    }
    if src.has(RelOp::Regression, outcome, predictor) {
        return Err(EditError::AlreadyThere(format!("{outcome} ~ {predictor}")));
    }
    if let Some(l) = label {
        check_label(&src, l)?;
    }
    let term = match label {
        Some(l) => format!("{l}*{predictor}"),
        None => predictor.to_string(),
    };
    let target = src
        .stmts
        .iter()
        .rev()
        .find(|s| s.is_single("~", outcome) && s.terms.iter().any(|t| t.name != "1"));
    let c = match target {
        Some(s) => src.append_term(s, &term),
        None => src.insert_line(
            &format!("{outcome} ~ {term}"),
            &[
                &|s: &Stmt| s.op == "~" && s.terms.iter().any(|t| t.name != "1"),
                &|s: &Stmt| s.op == "=~",
            ],
            false,
        ),
    };
    Ok(apply(text, vec![c]))
}

/// Labels the regression `outcome ~ predictor` with `label`: `y ~ x`
/// becomes `y ~ label*x`, its other modifiers (a fixed value, a start
/// value) kept after the label. A regression that already has this label
/// is left as it is; one with another label is an
/// [`EditError::LabelTaken`] of that label.
pub fn label_regression(
    text: &str,
    outcome: &str,
    predictor: &str,
    label: &str,
) -> Result<String, EditError> {
    let text = split_lhs(text, outcome)?;
    let src = Source::new(&text)?;
    let Some((s, k)) = src
        .stmts
        .iter()
        .find_map(|s| (s.is_single("~", outcome)).then(|| s.term(predictor).map(|k| (s, k)))?)
    else {
        return Err(EditError::NotInModel(format!("{outcome} ~ {predictor}")));
    };
    let t = &s.terms[k];
    match src.term_labels(s, t).first() {
        Some(l) if l == label => return Ok(text),
        Some(l) => return Err(EditError::LabelTaken(l.clone())),
        None => {}
    }
    check_label(&src, label)?;
    let at = src.start(&s.toks[t.start]);
    Ok(apply(
        &text,
        vec![Change::new(at, at, &format!("{label}*"))],
    ))
}

/// Defines the parameter `name := expr` (an indirect or conditional
/// effect). A definition of `name` already in the text keeps its line (and
/// its comment) and gets the new expression, unless it is the same; a new
/// one is a line after the last definition (or at the end of the text),
/// `name := expr  # comment`, with the comment line `above` it when given.
/// A name that is a variable or a parameter's label is
/// [`EditError::LabelTaken`].
pub fn define(
    text: &str,
    name: &str,
    expr: &str,
    comment: Option<&str>,
    above: Option<&str>,
) -> Result<String, EditError> {
    let src = Source::new(text)?;
    check_name(name)?;
    if src.labels().iter().any(|l| l == name) || src.variables().iter().any(|v| v == name) {
        return Err(EditError::LabelTaken(name.to_string()));
    }
    let same = |s: &Stmt| {
        s.op == ":="
            && matches!(s.toks.first(), Some(Token { tok: Tok::Ident(n), .. }) if n == name)
    };
    if let Some(s) = src.stmts.iter().find(|s| same(s)) {
        let op_at = s
            .toks
            .iter()
            .position(|t| t.tok == Tok::Op(":="))
            .expect("a definition has its operator");
        let squeeze = |e: &str| e.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        if squeeze(src.slice(s, op_at + 1, s.toks.len())) == squeeze(expr) {
            return Ok(text.to_string());
        }
        let a = src.start(&s.toks[op_at + 1]);
        let b = src.end(s.toks.last().expect("tokens"));
        let out = apply(text, vec![Change::new(a, b, expr)]);
        parse(&out).map_err(EditError::Syntax)?;
        return Ok(out);
    }
    let mut line = format!("{name} := {expr}");
    if let Some(c) = comment {
        line.push_str(&format!("  # {c}"));
    }
    if let Some(a) = above {
        // a new block of definitions: a blank line before its comment
        let blank = if src.stmts.iter().any(|s| s.op == ":=") {
            "\n"
        } else {
            ""
        };
        line = format!("{blank}# {a}\n{line}");
    }
    let c = src.insert_line(&line, &[&|s: &Stmt| s.op == ":="], false);
    let out = apply(text, vec![c]);
    parse(&out).map_err(EditError::Syntax)?;
    Ok(out)
}

/// Adds the covariance `a ~~ b` (the two-headed arrow): appended to `a`'s
/// `~~` line, or a new line after the last covariance.
pub fn add_covariance(text: &str, a: &str, b: &str) -> Result<String, EditError> {
    let src = Source::new(text)?;
    check_name(a)?;
    // a product term `m:w` is two names
    for part in b.split(':') {
        check_name(part)?;
    }
    if a == b {
        return Err(EditError::SameVariable(a.to_string()));
    }
    if src.has(RelOp::Covariance, a, b) || src.has(RelOp::Covariance, b, a) {
        return Err(EditError::AlreadyThere(format!("{a} ~~ {b}")));
    }
    let c = match src.stmts.iter().rev().find(|s| s.is_single("~~", a)) {
        Some(s) => src.append_term(s, b),
        None => src.insert_line(
            &format!("{a} ~~ {b}"),
            &[
                &|s: &Stmt| s.op == "~~",
                &|s: &Stmt| s.op == "~",
                &|s: &Stmt| s.op == "=~",
            ],
            false,
        ),
    };
    Ok(apply(text, vec![c]))
}

/// Deletes an element of the drawing: an item from its loading line, a
/// regression, a covariance, or a latent variable with every line it is on
/// the left of and every term that names it. A line left without terms
/// goes; comments stay.
pub fn delete(text: &str, element: &Element) -> Result<String, EditError> {
    // the (op, lhs, rhs) of the terms to delete, and whether a whole
    // left-hand side goes
    let (lhs_name, missing) = match element {
        Element::Loading { latent, item } => (latent.as_str(), format!("{latent} =~ {item}")),
        Element::Regression { outcome, predictor } => {
            (outcome.as_str(), format!("{outcome} ~ {predictor}"))
        }
        Element::Covariance { a, b } => (a.as_str(), format!("{a} ~~ {b}")),
        Element::Latent(n) => (n.as_str(), n.clone()),
    };
    let mut text = split_lhs(text, lhs_name)?;
    if let Element::Covariance { b, .. } = element {
        text = split_lhs(&text, b)?;
    }
    let src = Source::new(&text)?;
    if let Element::Latent(n) = element {
        if !src.latents().iter().any(|l| l == n) {
            return Err(EditError::NotALatent(n.clone()));
        }
    }
    let mut changes = Vec::new();
    let mut labels = Vec::new();
    for s in src.stmts.iter().filter(|s| s.is_relation()) {
        let lhs = s.lhs_names()[0];
        let del: Vec<usize> = match element {
            Element::Latent(n) if lhs == n => (0..s.terms.len()).collect(),
            Element::Latent(n) => s
                .terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.name.split(':').any(|p| p == n))
                .map(|(k, _)| k)
                .collect(),
            Element::Loading { latent, item } if s.op == "=~" && lhs == latent => {
                s.term(item).into_iter().collect()
            }
            Element::Regression { outcome, predictor } if s.op == "~" && lhs == outcome => {
                s.term(predictor).into_iter().collect()
            }
            Element::Covariance { a, b } if s.op == "~~" && (lhs == a || lhs == b) => {
                let other = if lhs == a { b } else { a };
                s.term(other).into_iter().collect()
            }
            _ => Vec::new(),
        };
        if del.is_empty() {
            continue;
        }
        for &k in &del {
            labels.extend(src.term_labels(s, &s.terms[k]));
        }
        src.delete_terms(s, &del, &mut changes);
    }
    if changes.is_empty() {
        return Err(EditError::NotInModel(missing));
    }
    for l in labels {
        if let Some(line) = src.label_use(&l) {
            return Err(EditError::LabelInUse { label: l, line });
        }
    }
    Ok(apply(&text, changes))
}

/// Renames the latent variable `old` to `new` wherever the model names it
/// as a variable (not in comments, labels or other names).
pub fn rename_latent(
    text: &str,
    old: &str,
    new: &str,
    columns: &[String],
) -> Result<String, EditError> {
    let src = Source::new(text)?;
    if !src.latents().iter().any(|l| l == old) {
        return Err(EditError::NotALatent(old.to_string()));
    }
    check_name(new)?;
    if new == old {
        return Ok(text.to_string());
    }
    if src.variables().iter().any(|v| v == new)
        || columns.iter().any(|c| c == new)
        || src.labels().iter().any(|l| l == new)
    {
        return Err(EditError::NameInUse(new.to_string()));
    }
    let mut changes = Vec::new();
    for s in src.stmts.iter().filter(|s| s.is_relation()) {
        let names = s
            .lhs
            .iter()
            .copied()
            .chain(s.terms.iter().flat_map(|t| t.name_start..t.end));
        for i in names {
            let t = &s.toks[i];
            if t.tok == Tok::Ident(old.to_string()) {
                changes.push(Change::new(src.start(t), src.end(t), new));
            }
        }
    }
    Ok(apply(text, changes))
}

/// Whether a modifier's source text is a fixed value (`1`, `NA`, `fixed(1)`,
/// `c(1, NA)`).
fn is_fixed_modifier(part: &str) -> bool {
    matches!(
        parse(&format!("f =~ {part}*x")).as_deref(),
        Ok([Statement::Relation(r)]) if matches!(r.rhs.modifiers.as_slice(), [Modifier::Fixed(_)])
    )
}

/// The source of a term's modifiers without its fixed value, each with the
/// `*` or `?` after it (`a*1*x` keeps `a*`).
fn kept_modifiers(src: &Source, s: &Stmt, t: &TermSpan) -> String {
    let mut prefix = String::new();
    if t.name_start > t.start {
        let stars = depth_split(&s.toks, t.start, t.name_start, |x| {
            matches!(x, Tok::Sym('*' | '?'))
        });
        let mut a = t.start;
        for &st in &stars {
            let part = src.slice(s, a, st);
            let sep = s.toks[st].tok.text();
            if !(sep == "*" && is_fixed_modifier(part)) {
                prefix.push_str(part);
                prefix.push_str(&sep);
            }
            a = st + 1;
        }
    }
    prefix
}

/// The fixed value written on a parameter whose default is `default_fixed`
/// (fixed to 1 by lavaan, or free) so that it becomes `fixed` or free:
/// `1*` fixes a parameter lavaan frees, `NA*` frees one lavaan fixes, and
/// nothing is written where lavaan's default is what is wanted.
fn fixed_value(fixed: bool, default_fixed: bool) -> &'static str {
    match (fixed, default_fixed) {
        (true, false) => "1*",
        (false, true) => "NA*",
        _ => "",
    }
}

/// The change that writes `value` (`1*`, `NA*` or nothing) as the fixed
/// value of term `k` of a statement, keeping its other modifiers.
fn set_term_value(src: &Source, s: &Stmt, k: usize, value: &str) -> Change {
    let t = &s.terms[k];
    let with = format!("{value}{}", kept_modifiers(src, s, t));
    let a = src.start(&s.toks[t.start]);
    let b = src.start(&s.toks[t.name_start]);
    Change::new(a, b, &with)
}

/// Fixes (`fixed`) or frees the loading `latent =~ item`. lavaan fixes the
/// first item of a factor to 1 (its marker) unless `std_lv`; so fixing that
/// item removes its fixed value, and freeing it writes `NA*item`; any other
/// item is fixed with `1*item` and freed by removing its fixed value. Other
/// modifiers (labels, start values) stay.
pub fn set_loading_fixed(
    text: &str,
    latent: &str,
    item: &str,
    fixed: bool,
    std_lv: bool,
) -> Result<String, EditError> {
    let text = split_lhs(text, latent)?;
    let src = Source::new(&text)?;
    let marker = src
        .stmts
        .iter()
        .find(|s| s.op == "=~" && s.has_lhs(latent))
        .is_some_and(|s| s.terms[0].name == item);
    let Some((s, k)) = src
        .stmts
        .iter()
        .find_map(|s| (s.is_single("=~", latent)).then(|| s.term(item).map(|k| (s, k)))?)
    else {
        return Err(EditError::NotInModel(format!("{latent} =~ {item}")));
    };
    let value = fixed_value(fixed, marker && !std_lv);
    let c = set_term_value(&src, s, k, value);
    Ok(apply(&text, vec![c]))
}

/// The model text with `line` as its last line (trailing blank lines
/// dropped, one newline after it).
pub fn append_line(text: &str, line: &str) -> String {
    let mut out = text.trim_end().to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(line);
    out.push('\n');
    out
}

/// The model line of the parameter `lhs op rhs` as lavaan's parameter
/// table names it (a modification index's row): `x1 ~~ x2`, `F =~ x4`,
/// `y ~ x`, and an intercept (`~1`, no right-hand side) as `x1 ~ 1`. What
/// the table's *Add* and a suggestion arrow of the diagram write.
pub fn parameter_line(lhs: &str, op: &str, rhs: &str) -> String {
    match op {
        "~1" => format!("{lhs} ~ 1"),
        _ => format!("{lhs} {op} {rhs}"),
    }
}

/// Frees the parameter `lhs op rhs` of a modification index (the table's
/// *Add*), given as lavaan's parameter table has it (`op` is `~1` for an
/// intercept, with an empty `rhs`): when the model already has it as a
/// fixed term (`i =~ 1*t3`, `x7 ~~ 0*x7`, `y ~ 0*x`, `t1 ~ 0*1`), its fixed
/// value is removed (a factor's first loading, lavaan's marker, gets
/// `NA*`), as lavaan's `modindices` frees that row; otherwise its
/// [`parameter_line`] is appended. Appending a term the model already has
/// would be ignored as a repeat.
pub fn free_parameter(text: &str, lhs: &str, op: &str, rhs: &str) -> Result<String, EditError> {
    let src = Source::new(text)?;
    // an intercept is written as the term `1` of `lhs ~`
    let (op, rhs) = match op {
        "~1" => ("~", "1"),
        _ => (op, rhs),
    };
    let found = src.stmts.iter().find_map(|s| {
        let k = if s.is_single(op, lhs) {
            s.term(rhs)
        } else if op == "~~" && s.is_single(op, rhs) {
            s.term(lhs)
        } else {
            None
        }?;
        Some((s, k))
    });
    let Some((s, k)) = found else {
        return Ok(append_line(text, &parameter_line(lhs, op, rhs)));
    };
    let marker = op == "=~"
        && src
            .stmts
            .iter()
            .find(|s| s.op == "=~" && s.has_lhs(lhs))
            .is_some_and(|s| s.terms[0].name == rhs);
    let c = set_term_value(&src, s, k, if marker { "NA*" } else { "" });
    Ok(apply(text, vec![c]))
}

/// The latent variables of a model's statements (the left side of `=~`
/// and `<~`), in the order they first appear.
pub fn latent_names(statements: &[Statement]) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for s in statements {
        if let Statement::Relation(r) = s {
            if matches!(r.op, RelOp::Loading | RelOp::Composite) && !v.contains(&r.lhs) {
                v.push(r.lhs.clone());
            }
        }
    }
    v
}

/// Whether the variance of `latent` is fixed: by a fixed value written on
/// `latent ~~ latent` (`1*`, fixed; `NA*`, free), else by lavaan's default
/// (fixed to 1 with `std.lv`, free without).
pub fn variance_fixed(statements: &[Statement], latent: &str, std_lv: bool) -> bool {
    for s in statements {
        if let Statement::Relation(r) = s {
            if r.op == RelOp::Covariance && r.lhs == latent && r.rhs.name == latent {
                for m in &r.rhs.modifiers {
                    if let Modifier::Fixed(v) = m {
                        return !matches!(v.first(), Some(super::ModValue::Na));
                    }
                }
            }
        }
    }
    std_lv
}

/// The marker choice of a latent variable: fixes its variance to 1 and
/// frees its first loading (`fixed`, lavaan's `std.lv = TRUE` written in
/// the text: `F ~~ 1*F` and `F =~ NA*x1 + ...`), or frees the variance and
/// fixes the first loading to 1 again (the marker-variable default). What
/// lavaan does by default (under `std_lv` or not) is not written: a
/// `F ~~ F` left without modifiers goes, a marker loading loses its `NA*`.
/// A new `F ~~ 1*F` line goes after the last covariance (or regression, or
/// loading); labels on the variance stay.
pub fn set_variance_fixed(
    text: &str,
    latent: &str,
    fixed: bool,
    std_lv: bool,
) -> Result<String, EditError> {
    let text = split_lhs(text, latent)?;
    let src = Source::new(&text)?;
    if !src.latents().iter().any(|l| l == latent) {
        return Err(EditError::NotALatent(latent.to_string()));
    }
    let first = src
        .stmts
        .iter()
        .find(|s| s.op == "=~" && s.has_lhs(latent))
        .and_then(|s| s.terms.first())
        .map(|t| t.name.clone());
    let value = fixed_value(fixed, std_lv);
    let mut changes = Vec::new();
    let found = src
        .stmts
        .iter()
        .find_map(|s| (s.is_single("~~", latent)).then(|| s.term(latent).map(|k| (s, k)))?);
    match found {
        Some((s, k)) => {
            if value.is_empty() && kept_modifiers(&src, s, &s.terms[k]).is_empty() {
                src.delete_terms(s, &[k], &mut changes);
            } else {
                changes.push(set_term_value(&src, s, k, value));
            }
        }
        None if !value.is_empty() => changes.push(src.insert_line(
            &format!("{latent} ~~ {value}{latent}"),
            &[
                &|s: &Stmt| s.op == "~~",
                &|s: &Stmt| s.op == "~" && s.terms.iter().any(|t| t.name != "1"),
                &|s: &Stmt| s.op == "=~",
            ],
            false,
        )),
        None => {}
    }
    let text = apply(&text, changes);
    match first {
        // the first loading: free while the variance is fixed, the marker otherwise
        Some(item) => set_loading_fixed(&text, latent, &item, !fixed, std_lv),
        None => Ok(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_source_length() {
        let t = "f =~ .5*x1 + 1L*x2 + 2e-1*x3";
        let out = set_loading_fixed(t, "f", "x3", false, false).unwrap();
        assert_eq!(out, "f =~ .5*x1 + 1L*x2 + x3");
    }
}
