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

mod expr;
mod lexer;
mod parser;

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

use serde::Serialize;
use std::fmt;

/// A position in the model text: 1-based line and column (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
                write!(f, "the character `{c}` cannot appear in model syntax")
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
