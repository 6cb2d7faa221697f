//! Model syntax: lavaan model text in, a list of [`Statement`]s out.
//!
//! Follows lavaan 0.6's parser (`R/lav_syntax_parser.R`):
//! - operators `=~ ~ ~~ <~ ~*~ | % := == < >` and `~ 1` for intercepts;
//! - modifiers written `mod*term`: a number (fixed value), `NA` (free), a
//!   label (identifier or string), `start(v)` or `v?term`, `fixed(v)`,
//!   `label("a")`, `equal("a")`, `lower(v)`, `upper(v)`, and `c(...)` with one
//!   value per group; numeric R expressions such as `sqrt(2)` are evaluated;
//! - comments run from `#` or `!` to the end of the line; `;` separates
//!   statements like a newline;
//! - a formula continues on the next line when a line ends with (or the next
//!   line starts with) `+`, `*`, `-`, an operator, or inside parentheses;
//! - `a + b =~ x + y` expands to one relation per (lhs, rhs) pair.
//!
//! Every error carries the 1-based line and column (in characters) of the
//! offending text.

pub mod edit;
mod expr;
pub mod history;
mod lexer;
mod parser;
pub mod process;

pub use expr::{BinOp, Expr};
pub use parser::parse;

/// Whether a data column's name can be written in lavaan syntax as it is:
/// the parser reads `name ~~ name` back with that very name (`Trust 1`,
/// `sn-1` or `2B` cannot be written; they must be renamed in the data).
pub fn is_variable_name(name: &str) -> bool {
    match parse(&format!("{name} ~~ {name}")).as_deref() {
        Ok([Statement::Relation(r)]) => r.lhs == name && r.rhs.name == name,
        _ => false,
    }
}

use crate::i18n::zh::{phrase, position_prefix};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A position in the model text: 1-based line and column (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.col)
    }
}

/// The operator of a relation between two variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RelOp {
    /// `=~` factor loading: latent is measured by indicator.
    Loading,
    /// `~` regression: lhs is regressed on rhs.
    Regression,
    /// `~~` variance or covariance.
    Covariance,
    /// `~ 1` intercept or mean (rhs is the literal 1).
    Intercept,
    /// `|` threshold of an ordinal indicator (`y | t1 + t2`).
    Threshold,
    /// `<~` formative composite.
    Composite,
    /// `~*~` scaling factor.
    Scale,
    /// `%` group weight.
    GroupWeight,
}

impl RelOp {
    /// The operator as written in lavaan syntax (intercepts show as `~1`).
    pub fn as_str(self) -> &'static str {
        match self {
            RelOp::Loading => "=~",
            RelOp::Regression => "~",
            RelOp::Covariance => "~~",
            RelOp::Intercept => "~1",
            RelOp::Threshold => "|",
            RelOp::Composite => "<~",
            RelOp::Scale => "~*~",
            RelOp::GroupWeight => "%",
        }
    }
}

/// Comparison in a constraint statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConstraintOp {
    Equal,
    Less,
    Greater,
}

impl ConstraintOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ConstraintOp::Equal => "==",
            ConstraintOp::Less => "<",
            ConstraintOp::Greater => ">",
        }
    }
}

/// One value inside a modifier; `c(...)` gives one per group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ModValue {
    Number(f64),
    /// `NA`: free (for a fixed-value modifier) or no value.
    Na,
    Label(String),
}

/// A modifier in front of a right-hand-side term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Modifier {
    /// `0.5*x`, `NA*x`, `fixed(1)*x`, `c(1, NA)*x`: fixed values (`Na` frees).
    Fixed(Vec<ModValue>),
    /// `a*x`, `"a"*x`, `label("a")*x`, `equal("a")*x`, `c(a, b)*x`.
    Label(Vec<String>),
    /// `start(0.3)*x` or `0.3?x`.
    Start(Vec<f64>),
    /// `lower(0)*x`.
    Lower(Vec<f64>),
    /// `upper(1)*x`.
    Upper(Vec<f64>),
}

/// A right-hand-side term with its modifiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Variable name; `"1"` for an intercept, `t1`, `t2`, ... for thresholds.
    pub name: String,
    pub pos: Pos,
    pub modifiers: Vec<Modifier>,
}

/// `lhs op rhs`: one (lhs, rhs) pair of a formula.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    pub lhs: String,
    pub lhs_pos: Pos,
    pub op: RelOp,
    pub op_pos: Pos,
    pub rhs: Term,
}

/// One statement of a model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Statement {
    Relation(Relation),
    /// `name := expression` (a defined parameter such as an indirect effect).
    Definition {
        name: String,
        pos: Pos,
        expr: Expr,
        /// The expression as lavaan prints it (spaces removed).
        text: String,
    },
    /// `expr == expr`, `expr < expr`, `expr > expr`.
    Constraint {
        lhs: Expr,
        op: ConstraintOp,
        rhs: Expr,
        pos: Pos,
        lhs_text: String,
        rhs_text: String,
    },
    /// `group: name` or `level: name`, starting a block.
    Block {
        keyword: String,
        value: String,
        pos: Pos,
    },
}

/// What is wrong with the model text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SyntaxErrorKind {
    /// A character that cannot appear in lavaan syntax.
    UnexpectedCharacter(char),
    /// A string literal without its closing quote.
    UnterminatedString,
    /// An operator lavaan does not know (e.g. `->`, `=`, `=~~`).
    UnknownOperator { text: String, hint: Option<String> },
    /// A `(` without `)` or the other way round.
    UnbalancedParenthesis { open: bool },
    /// A statement with no operator at all.
    MissingOperator { text: String },
    /// Two relation operators in one statement (`f =~ x ~ y`).
    TwoOperators { first: String, second: String },
    /// Nothing on one side of an operator.
    EmptySide { op: String, left: bool },
    /// A token where another was expected.
    Unexpected { found: String, expected: String },
    /// A modifier that lavaan does not accept.
    BadModifier { text: String, reason: String },
    /// A variable name that is not a valid identifier (e.g. a number where a name is needed).
    BadName { text: String },
}

/// The ASCII character a full-width one stands for (`＋` → `+`, `～` → `~`,
/// `（` → `(`, `，` → `,`; an ideographic space is white space already), as a
/// Chinese input method types it in place of the operator: Unicode's
/// Halfwidth and Fullwidth Forms U+FF01–U+FF5E are U+0021–U+007E moved by
/// 0xFEE0. None for any other character.
pub fn half_width(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// A syntax error at a position in the model text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyntaxError {
    pub pos: Pos,
    pub kind: SyntaxErrorKind,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.pos)?;
        match &self.kind {
            SyntaxErrorKind::UnexpectedCharacter(c) => {
                write!(f, "the character `{c}` cannot appear in model syntax")?;
                if let Some(a) = half_width(*c) {
                    write!(
                        f,
                        " (it is the full-width `{a}` of a Chinese input method; type `{a}` with the input method switched to English)"
                    )?;
                }
                Ok(())
            }
            SyntaxErrorKind::UnterminatedString => {
                write!(f, "a quoted label is missing its closing quote")
            }
            SyntaxErrorKind::UnknownOperator { text, hint } => {
                write!(f, "unknown operator `{text}`")?;
                if let Some(h) = hint {
                    write!(f, " ({h})")?;
                }
                Ok(())
            }
            SyntaxErrorKind::UnbalancedParenthesis { open: true } => {
                write!(f, "this `(` is never closed")
            }
            SyntaxErrorKind::UnbalancedParenthesis { open: false } => {
                write!(f, "this `)` has no matching `(`")
            }
            SyntaxErrorKind::MissingOperator { text } => write!(
                f,
                "`{text}` has no operator; write e.g. `factor =~ item1 + item2`, `y ~ x` or `x ~~ y`"
            ),
            SyntaxErrorKind::TwoOperators { first, second } => write!(
                f,
                "one statement cannot have two operators (`{first}` and `{second}`); put each on its own line"
            ),
            SyntaxErrorKind::EmptySide { op, left: true } => {
                write!(f, "nothing on the left of `{op}`")
            }
            SyntaxErrorKind::EmptySide { op, left: false } => {
                write!(f, "nothing on the right of `{op}`")
            }
            SyntaxErrorKind::Unexpected { found, expected } => {
                write!(f, "expected {expected} but found `{found}`")
            }
            SyntaxErrorKind::BadModifier { text, reason } => {
                write!(f, "the modifier `{text}` is not valid: {reason}")
            }
            SyntaxErrorKind::BadName { text } => {
                write!(f, "`{text}` is not a valid variable name")
            }
        }
    }
}

impl std::error::Error for SyntaxError {}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A syntax error in Chinese.
fn zh_text(e: &SyntaxError) -> String {
    use SyntaxErrorKind::*;
    let body = match &e.kind {
        UnexpectedCharacter(c) => match half_width(*c) {
            Some(a) => format!(
                "模型语法中不能出现字符 `{c}`（这是中文输入法的全角字符；请切换到英文输入法，输入半角的 `{a}`）"
            ),
            None => format!("模型语法中不能出现字符 `{c}`"),
        },
        UnterminatedString => "带引号的标签缺少右引号".to_string(),
        UnknownOperator { text, hint } => match hint {
            Some(h) => format!("未知的运算符 `{text}`（{}）", phrase(h)),
            None => format!("未知的运算符 `{text}`"),
        },
        UnbalancedParenthesis { open: true } => "这个 `(` 没有对应的 `)`".to_string(),
        UnbalancedParenthesis { open: false } => "这个 `)` 没有对应的 `(`".to_string(),
        MissingOperator { text } => format!(
            "`{text}` 缺少运算符；请写成如 `factor =~ item1 + item2`、`y ~ x` 或 `x ~~ y` 的形式"
        ),
        TwoOperators { first, second } => {
            format!("一条语句不能有两个运算符（`{first}` 和 `{second}`）；请分行书写")
        }
        EmptySide { op, left: true } => format!("`{op}` 左侧缺少内容"),
        EmptySide { op, left: false } => format!("`{op}` 右侧缺少内容"),
        Unexpected { found, expected } => {
            format!("此处应为{}，却出现了 `{found}`", expected_zh(expected))
        }
        BadModifier { text, reason } => {
            format!("修饰符 `{text}` 无效：{}", reason_zh(reason))
        }
        BadName { text } => format!("`{text}` 不是有效的变量名"),
    };
    format!("{}{body}", e.pos.zh_prefix())
}

fn expected_zh(expected: &str) -> String {
    if let Some(list) = expected.strip_prefix("one of the functions ") {
        return format!("以下函数之一：{list}");
    }
    phrase(expected)
}

fn reason_zh(reason: &str) -> String {
    if let Some(v) = reason
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix("` is not a number; a modifier is a number, NA or one label"))
    {
        return format!("`{v}` 不是数字；修饰符只能是数字、NA 或一个标签");
    }
    phrase(reason)
}

impl Pos {
    /// `第 3 行第 7 列：` — the place in the model text that starts a Chinese message.
    pub fn zh_prefix(&self) -> String {
        position_prefix(self.line, self.col)
    }
}

impl Localized for SyntaxError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_in_chinese_keep_place_and_names() {
        let e = parse("f =~ x1 + x2\ny -> x").unwrap_err();
        let zh = e.message(Lang::Zh);
        assert!(zh.starts_with("第 2 行第 3 列："), "{zh}");
        assert!(zh.contains("`->`") && zh.contains("回归"), "{zh}");
        assert_eq!(e.message(Lang::En), e.to_string());
    }
}
