//! PROCESS models in lavaan syntax: a choice of X, mediators M, moderator W
//! and outcome Y in; the model text with the choice's paths labelled and the
//! `:=` lines of the indirect, total and conditional effects out, written
//! into the model text already there (Hayes 2022, *Introduction to
//! Mediation, Moderation, and Conditional Process Analysis*, appendix A:
//! models 4, 6, 7, 8 and 14).
//!
//! - Model 4 (simple mediation): `M ~ a1*X`, `Y ~ c*X + b1*M`,
//!   `ind1 := a1*b1`, `total := c + a1*b1`.
//! - Model 6 (serial mediation, M1 → M2 → …): `Mi ~ ai*X + dji*Mj` (j < i),
//!   `Y ~ c*X + bi*Mi`; one `ind` per ordered chain of mediators (X → M1 →
//!   Y, X → M2 → Y, X → M1 → M2 → Y, …), their sum `total_ind` and `total`.
//! - Model 7 (first-stage moderated mediation): `M ~ a1*X + a2*W +
//!   a3*X:W`, `Y ~ c*X + b1*M`; the index of moderated mediation
//!   `index_mod_med := a3*b1` (Hayes 2015), and at W = mean − 1 SD, mean,
//!   mean + 1 SD the simple slopes `a1 + a3*w` and the conditional indirect
//!   effects `(a1 + a3*w)*b1`.
//! - Model 8 (W moderates the first stage and the direct path): model 7's
//!   `M ~ …` and `Y ~ c1*X + c2*W + c3*X:W + b1*M`; the index `a3*b1`, the
//!   slopes and conditional indirect effects of model 7, and the
//!   conditional direct effects `c1 + c3*w`.
//! - Model 14 (second-stage moderated mediation): `M ~ a1*X`,
//!   `Y ~ c*X + b1*M + b2*W + b3*M:W`; the index `a1*b3`, the simple slopes
//!   of M `b1 + b3*w` and the conditional indirect effects `a1*(b1 + b3*w)`.
//!   M:W has an endogenous factor, so lavaan does not take it as a fixed
//!   exogenous covariate: without more lines it would be uncorrelated with
//!   X, W and M's residual (a misfit of χ² in the thousands on the fixture,
//!   and SEs of a fifth of the right ones). The helper writes those
//!   covariances (`M ~~ W + M:W`, `X ~~ W + M:W`, `W ~~ M:W`), which makes
//!   the model just identified: PROCESS's two regressions.
//!
//! The W values are given ([`ProcessChoice::w_values`]; the page and
//! [`crate::analysis::process_helper::write_process_model`] take them from the rows the
//! model is fitted to), written as numbers into the `:=` lines, so that
//! lavaan gives the same conditional effects from the R script.
//!
//! The model text is the one source of truth: [`write_process`] adds to it
//! with the edits of [`super::edit`]. The person's lines and comments stay;
//! a path already in the model keeps its line and its label (an unlabelled
//! one gets the helper's label in place); a `:=` line of the helper's name
//! gets the new expression; a label or name already used for something
//! else is written with a suffix (`a1_2`).

use super::edit::{add_covariance, add_regression, define, label_regression, EditError};
use super::{Modifier, RelOp, Statement};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The PROCESS model numbers written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcessModel {
    /// Model 4: X → M → Y.
    SimpleMediation,
    /// Model 6: X → M1 → M2 → … → Y.
    SerialMediation,
    /// Model 7: X → M → Y with X → M moderated by W.
    FirstStageModeratedMediation,
    /// Model 8: X → M → Y with X → M and X → Y moderated by W.
    FirstStageAndDirectModeratedMediation,
    /// Model 14: X → M → Y with M → Y moderated by W.
    SecondStageModeratedMediation,
}

impl ProcessModel {
    pub const ALL: [ProcessModel; 5] = [
        ProcessModel::SimpleMediation,
        ProcessModel::SerialMediation,
        ProcessModel::FirstStageModeratedMediation,
        ProcessModel::FirstStageAndDirectModeratedMediation,
        ProcessModel::SecondStageModeratedMediation,
    ];

    /// Hayes's model number.
    pub fn number(self) -> u8 {
        match self {
            ProcessModel::SimpleMediation => 4,
            ProcessModel::SerialMediation => 6,
            ProcessModel::FirstStageModeratedMediation => 7,
            ProcessModel::FirstStageAndDirectModeratedMediation => 8,
            ProcessModel::SecondStageModeratedMediation => 14,
        }
    }

    /// The model of a number (4, 6, 7, 8 or 14).
    pub fn from_number(n: u8) -> Option<ProcessModel> {
        Self::ALL.into_iter().find(|m| m.number() == n)
    }

    /// Whether the model takes a moderator.
    pub fn has_moderator(self) -> bool {
        !matches!(
            self,
            ProcessModel::SimpleMediation | ProcessModel::SerialMediation
        )
    }

    /// The roles whose variable enters a product term (X and W of models
    /// 7 and 8, M and W of model 14): they must be observed variables.
    pub fn in_product(self) -> &'static [&'static str] {
        match self {
            ProcessModel::SimpleMediation | ProcessModel::SerialMediation => &[],
            ProcessModel::FirstStageModeratedMediation
            | ProcessModel::FirstStageAndDirectModeratedMediation => &["X", "W"],
            ProcessModel::SecondStageModeratedMediation => &["M", "W"],
        }
    }
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessChoice {
    pub model: ProcessModel,
    pub x: String,
    /// The mediators (in order, for model 6).
    pub m: Vec<String>,
    pub w: Option<String>,
    pub y: String,
    /// W at mean − 1 SD, mean and mean + 1 SD, or a dichotomous W's two
    /// values ([`crate::moderation::conditioning_values`]): the conditional
    /// effects of models 7, 8 and 14 (`_low`, `_mean`, `_high`; `_low` and
    /// `_high` for two values); left out when None.
    pub w_values: Option<Vec<f64>>,
}

/// Why the choice gives no model.
#[derive(Debug, Clone, PartialEq)]
pub enum ProcessError {
    /// X, Y or M is not chosen (the role's name: "X", "M", "Y", "W").
    Missing(&'static str),
    /// Models 4, 7, 8 and 14 take one mediator.
    OneMediator { model: u8, given: usize },
    /// A variable has two roles.
    Twice(String),
    /// A name cannot be written in lavaan syntax.
    BadName(String),
    /// The model text cannot take the lines (it has a syntax error to fix
    /// first, or a path the helper writes has another label).
    Edit(EditError),
}

impl fmt::Display for ProcessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProcessError::Missing(role) => write!(f, "choose {role}"),
            ProcessError::OneMediator { model, given } => write!(
                f,
                "PROCESS model {model} has one mediator, and {given} are chosen; for mediators in a chain choose model 6"
            ),
            ProcessError::Twice(v) => write!(f, "`{v}` is chosen for two roles"),
            ProcessError::BadName(v) => write!(
                f,
                "`{v}` cannot be written in lavaan syntax; rename the column in the data"
            ),
            ProcessError::Edit(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ProcessError {}

impl From<EditError> for ProcessError {
    fn from(e: EditError) -> Self {
        ProcessError::Edit(e)
    }
}

impl Localized for ProcessError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                ProcessError::Missing(role) => format!("请选择 {role}"),
                ProcessError::OneMediator { model, given } => format!(
                    "PROCESS 模型 {model} 只有一个中介变量，现在选了 {given} 个；链式中介请选模型 6"
                ),
                ProcessError::Twice(v) => format!("`{v}` 被选作两个角色"),
                ProcessError::BadName(v) => {
                    format!("`{v}` 无法写入 lavaan 语法；请在数据中重命名该列")
                }
                ProcessError::Edit(e) => e.message(Lang::Zh),
            },
        }
    }
}

/// A number in a `:=` line: the shortest text that reads back as the same
/// value (so the conditional effects are those of the moderation table).
fn number(x: f64) -> String {
    format!("{x}")
}

/// One labelled path the model needs: (outcome, predictor, label wanted).
type Path = (String, String, String);

/// A `:=` line: name, expression (labels as the helper names them, each
/// a whole word), comment.
type Definition = (String, String, Option<String>);

/// Checks the choice: every role chosen, one mediator where the model has
/// one, names lavaan can write, no variable in two roles. Returns W.
fn check(c: &ProcessChoice) -> Result<Option<&str>, ProcessError> {
    let model = c.model.number();
    if c.x.is_empty() {
        return Err(ProcessError::Missing("X"));
    }
    if c.m.is_empty() {
        return Err(ProcessError::Missing("M"));
    }
    if c.y.is_empty() {
        return Err(ProcessError::Missing("Y"));
    }
    let w = match (c.model.has_moderator(), &c.w) {
        (true, Some(w)) if !w.is_empty() => Some(w.as_str()),
        (true, _) => return Err(ProcessError::Missing("W")),
        (false, _) => None,
    };
    if c.model != ProcessModel::SerialMediation && c.m.len() != 1 {
        return Err(ProcessError::OneMediator {
            model,
            given: c.m.len(),
        });
    }
    let mut names: Vec<&str> = vec![&c.x];
    names.extend(c.m.iter().map(String::as_str));
    names.extend(w);
    names.push(&c.y);
    for (i, n) in names.iter().enumerate() {
        if !super::is_variable_name(n) {
            return Err(ProcessError::BadName(n.to_string()));
        }
        if names[..i].contains(n) {
            return Err(ProcessError::Twice(n.to_string()));
        }
    }
    Ok(w)
}

/// The header comment above the `:=` lines: the model and its paths.
fn header(c: &ProcessChoice, w: Option<&str>) -> String {
    let (x, y, m) = (&c.x, &c.y, &c.m);
    let arrow = |via: &[&str]| {
        let mut p = vec![x.as_str()];
        p.extend(via);
        p.push(y);
        p.join(" → ")
    };
    let via: Vec<&str> = m.iter().map(String::as_str).collect();
    let what = match (c.model, w) {
        (ProcessModel::FirstStageModeratedMediation, Some(w)) => {
            format!("{}, {x} → {} moderated by {w}", arrow(&via), m[0])
        }
        (ProcessModel::FirstStageAndDirectModeratedMediation, Some(w)) => format!(
            "{}, {x} → {} and {x} → {y} moderated by {w}",
            arrow(&via),
            m[0]
        ),
        (ProcessModel::SecondStageModeratedMediation, Some(w)) => {
            format!("{}, {} → {y} moderated by {w}", arrow(&via), m[0])
        }
        _ => arrow(&via),
    };
    format!("PROCESS model {}: {what}", c.model.number())
}

/// The labelled paths of the choice, in the order they are written.
fn paths(c: &ProcessChoice, w: Option<&str>) -> Vec<Path> {
    let (x, y, m) = (&c.x, &c.y, &c.m);
    let p = |o: &str, x: &str, l: &str| (o.to_string(), x.to_string(), l.to_string());
    let mut out = Vec::new();
    match (c.model, w) {
        (ProcessModel::FirstStageModeratedMediation, Some(w))
        | (ProcessModel::FirstStageAndDirectModeratedMediation, Some(w)) => {
            let xw = format!("{x}:{w}");
            out.push(p(&m[0], x, "a1"));
            out.push(p(&m[0], w, "a2"));
            out.push(p(&m[0], &xw, "a3"));
            if c.model == ProcessModel::FirstStageModeratedMediation {
                out.push(p(y, x, "c"));
            } else {
                out.push(p(y, x, "c1"));
                out.push(p(y, w, "c2"));
                out.push(p(y, &xw, "c3"));
            }
            out.push(p(y, &m[0], "b1"));
        }
        (ProcessModel::SecondStageModeratedMediation, Some(w)) => {
            out.push(p(&m[0], x, "a1"));
            out.push(p(y, x, "c"));
            out.push(p(y, &m[0], "b1"));
            out.push(p(y, w, "b2"));
            out.push(p(y, &format!("{}:{w}", m[0]), "b3"));
        }
        _ => {
            for (i, mi) in m.iter().enumerate() {
                let k = i + 1;
                out.push(p(mi, x, &format!("a{k}")));
                for (j, mj) in m[..i].iter().enumerate() {
                    out.push(p(mi, mj, &format!("d{k}{}", j + 1)));
                }
            }
            out.push(p(y, x, "c"));
            for (i, mi) in m.iter().enumerate() {
                out.push(p(y, mi, &format!("b{}", i + 1)));
            }
        }
    }
    out
}

/// The covariances the choice needs written (see model 14 above).
fn covariances(c: &ProcessChoice, w: Option<&str>) -> Vec<(String, String)> {
    match (c.model, w) {
        (ProcessModel::SecondStageModeratedMediation, Some(w)) => {
            let (x, m) = (&c.x, &c.m[0]);
            let mw = format!("{m}:{w}");
            [(m, w), (m, &mw), (x, w), (x, &mw), (&w.to_string(), &mw)]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The `:=` lines of the choice, with the helper's labels.
fn definitions(c: &ProcessChoice, w: Option<&str>) -> Vec<Definition> {
    let (x, y, m) = (&c.x, &c.y, &c.m);
    let def = |n: &str, e: String, comment: Option<String>| (n.to_string(), e, comment);
    let mut out = Vec::new();
    let Some(w) = w else {
        // every increasing chain of mediators (model 6), the one mediator
        // otherwise
        let arrow = |via: &[&str]| {
            let mut p = vec![x.as_str()];
            p.extend(via);
            p.push(y);
            p.join(" → ")
        };
        let mut chains: Vec<Vec<usize>> = (1..(1u32 << m.len()))
            .map(|mask| (0..m.len()).filter(|i| mask & (1 << i) != 0).collect())
            .collect();
        crate::sorting::sort_by_key(&mut chains, |ch: &Vec<usize>| (ch.len(), ch.clone()));
        let product = |ch: &[usize]| {
            let mut f = vec![format!("a{}", ch[0] + 1)];
            f.extend(ch.windows(2).map(|p| format!("d{}{}", p[1] + 1, p[0] + 1)));
            f.push(format!("b{}", ch[ch.len() - 1] + 1));
            f.join("*")
        };
        let mut products = Vec::new();
        for (k, ch) in chains.iter().enumerate() {
            let via: Vec<&str> = ch.iter().map(|&i| m[i].as_str()).collect();
            let p = product(ch);
            out.push(def(&format!("ind{}", k + 1), p.clone(), Some(arrow(&via))));
            products.push(p);
        }
        if products.len() > 1 {
            out.push(def("total_ind", products.join(" + "), None));
        }
        out.push(def("total", format!("c + {}", products.join(" + ")), None));
        return out;
    };
    let second = c.model == ProcessModel::SecondStageModeratedMediation;
    out.push(def(
        "index_mod_med",
        if second { "a1*b3" } else { "a3*b1" }.to_string(),
        None,
    ));
    let Some(vals) = c.w_values.as_deref() else {
        return out;
    };
    let (at, said): (&[&str], Vec<String>) = match vals {
        // a dichotomous W: its two values
        [lo, hi] => (&["low", "high"], vec![number(*lo), number(*hi)]),
        _ => (
            &["low", "mean", "high"],
            ["mean − 1 SD", "mean", "mean + 1 SD"]
                .map(String::from)
                .to_vec(),
        ),
    };
    // the moderated path's slope: X → M (models 7, 8), M → Y (model 14)
    let (from, to) = if second { (&m[0], y) } else { (x, &m[0]) };
    let slope = |v: f64| {
        if second {
            format!("b1 + b3*{}", number(v))
        } else {
            format!("a1 + a3*{}", number(v))
        }
    };
    for k in 0..at.len() {
        out.push(def(
            &format!("slope_{}", at[k]),
            slope(vals[k]),
            Some(format!("{from} → {to} at {w} = {}", said[k])),
        ));
    }
    for k in 0..at.len() {
        let e = if second {
            format!("a1*({})", slope(vals[k]))
        } else {
            format!("({})*b1", slope(vals[k]))
        };
        out.push(def(
            &format!("cind_{}", at[k]),
            e,
            Some(format!("{w} = {}", said[k])),
        ));
    }
    if c.model == ProcessModel::FirstStageAndDirectModeratedMediation {
        for k in 0..at.len() {
            out.push(def(
                &format!("direct_{}", at[k]),
                format!("c1 + c3*{}", number(vals[k])),
                Some(format!("{x} → {y} at {w} = {}", said[k])),
            ));
        }
    }
    out
}

/// What the model text already has: its labels, variables and defined
/// names (what a new label or name must not be), and the label of each
/// regression.
struct Taken {
    names: Vec<String>,
    regressions: Vec<(String, String, Option<String>)>,
    definitions: Vec<String>,
}

fn taken(text: &str) -> Result<Taken, ProcessError> {
    let statements = super::parse(text).map_err(|e| ProcessError::Edit(EditError::Syntax(e)))?;
    let mut t = Taken {
        names: Vec::new(),
        regressions: Vec::new(),
        definitions: Vec::new(),
    };
    for s in &statements {
        match s {
            Statement::Relation(r) => {
                t.names.push(r.lhs.clone());
                t.names.extend(r.rhs.name.split(':').map(String::from));
                let label = r.rhs.modifiers.iter().find_map(|m| match m {
                    Modifier::Label(ls) => ls.first().cloned(),
                    _ => None,
                });
                t.names.extend(label.clone());
                if r.op == RelOp::Regression {
                    t.regressions
                        .push((r.lhs.clone(), r.rhs.name.clone(), label));
                }
            }
            Statement::Definition { name, .. } => t.definitions.push(name.clone()),
            _ => {}
        }
    }
    Ok(t)
}

/// `want`, or `want_2`, `want_3`, … : the first not in `used`.
fn fresh(want: &str, used: &[String]) -> String {
    std::iter::once(want.to_string())
        .chain((2..).map(|k| format!("{want}_{k}")))
        .find(|n| !used.contains(n))
        .expect("a free name")
}

/// Replaces the whole words of `expr` by their new names.
fn rename_words(expr: &str, names: &[(String, String)]) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let w = names
                .iter()
                .find(|(from, _)| from == word)
                .map_or(word.as_str(), |(_, to)| to.as_str());
            out.push_str(w);
            word.clear();
        }
    };
    for ch in expr.chars() {
        if ch.is_alphanumeric() || ch == '_' || (ch == '.' && !word.is_empty()) {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The model text of the choice on its own (written into an empty text).
pub fn process_syntax(c: &ProcessChoice) -> Result<String, ProcessError> {
    write_process("", c)
}

/// Writes the choice's model into `text`: each labelled path (appended to
/// its outcome's regression, or a new line after the last regression; a
/// path already there keeps its label, or gets the helper's), then the
/// `:=` lines of the effects under a comment naming the PROCESS model
/// (after the last definition, or at the end). The person's lines,
/// comments and order stay.
pub fn write_process(text: &str, c: &ProcessChoice) -> Result<String, ProcessError> {
    let w = check(c)?;
    let mut text = text.to_string();
    // the helper's label → the label in the text
    let mut labels: Vec<(String, String)> = Vec::new();
    for (outcome, predictor, want) in paths(c, w) {
        let t = taken(&text)?;
        let there = t
            .regressions
            .iter()
            .find(|(o, p, _)| *o == outcome && *p == predictor);
        let label = match there {
            Some((_, _, Some(l))) => l.clone(),
            Some((_, _, None)) => {
                let l = fresh(&want, &[t.names, t.definitions].concat());
                text = label_regression(&text, &outcome, &predictor, &l)?;
                l
            }
            None => {
                let l = fresh(&want, &[t.names, t.definitions].concat());
                text = add_regression(&text, &outcome, &predictor, Some(&l))?;
                l
            }
        };
        labels.push((want, label));
    }
    for (a, b) in covariances(c, w) {
        let there = super::parse(&text)
            .map_err(|e| ProcessError::Edit(EditError::Syntax(e)))?
            .iter()
            .any(|s| {
                matches!(s, Statement::Relation(r) if r.op == RelOp::Covariance
                    && ((r.lhs == a && r.rhs.name == b) || (r.lhs == b && r.rhs.name == a)))
            });
        if !there {
            text = add_covariance(&text, &a, &b)?;
        }
    }
    let head = header(c, w);
    let mut above = (!text.lines().any(|l| l.trim() == format!("# {head}"))).then_some(head);
    for (name, expr, comment) in definitions(c, w) {
        let t = taken(&text)?;
        let name = fresh(&name, &t.names);
        let is_new = !t.definitions.contains(&name);
        let expr = rename_words(&expr, &labels);
        let above_this = if is_new { above.take() } else { None };
        text = define(
            &text,
            &name,
            &expr,
            comment.as_deref(),
            above_this.as_deref(),
        )?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(model: u8, m: &[&str], w: Option<&str>) -> ProcessChoice {
        ProcessChoice {
            model: ProcessModel::from_number(model).unwrap(),
            x: "X".into(),
            m: m.iter().map(|s| s.to_string()).collect(),
            w: w.map(String::from),
            y: "Y".into(),
            w_values: Some(vec![2.26, 3.167, 4.075]),
        }
    }

    #[test]
    fn model_4_is_a_labelled_simple_mediation() {
        assert_eq!(
            process_syntax(&choice(4, &["M"], None)).unwrap(),
            "M ~ a1*X\nY ~ c*X + b1*M\n\n# PROCESS model 4: X → M → Y\nind1 := a1*b1  # X → M → Y\ntotal := c + a1*b1\n"
        );
    }

    #[test]
    fn model_6_has_every_chain_of_the_serial_mediators() {
        let s = process_syntax(&choice(6, &["M1", "M2"], None)).unwrap();
        assert_eq!(
            s,
            "M1 ~ a1*X\n\
             M2 ~ a2*X + d21*M1\n\
             Y ~ c*X + b1*M1 + b2*M2\n\
             \n\
             # PROCESS model 6: X → M1 → M2 → Y\n\
             ind1 := a1*b1  # X → M1 → Y\n\
             ind2 := a2*b2  # X → M2 → Y\n\
             ind3 := a1*d21*b2  # X → M1 → M2 → Y\n\
             total_ind := a1*b1 + a2*b2 + a1*d21*b2\n\
             total := c + a1*b1 + a2*b2 + a1*d21*b2\n"
        );
        // three mediators: 7 chains, the longest a1*d21*d32*b3
        let s = process_syntax(&choice(6, &["M1", "M2", "M3"], None)).unwrap();
        assert!(s.contains("M3 ~ a3*X + d31*M1 + d32*M2\n"), "{s}");
        assert!(
            s.contains("ind7 := a1*d21*d32*b3  # X → M1 → M2 → M3 → Y\n"),
            "{s}"
        );
    }

    #[test]
    fn model_7_has_the_product_term_the_index_the_slopes_and_the_conditional_effects() {
        let s = process_syntax(&choice(7, &["M"], Some("W"))).unwrap();
        assert_eq!(
            s,
            "M ~ a1*X + a2*W + a3*X:W\n\
             Y ~ c*X + b1*M\n\
             \n\
             # PROCESS model 7: X → M → Y, X → M moderated by W\n\
             index_mod_med := a3*b1\n\
             slope_low := a1 + a3*2.26  # X → M at W = mean − 1 SD\n\
             slope_mean := a1 + a3*3.167  # X → M at W = mean\n\
             slope_high := a1 + a3*4.075  # X → M at W = mean + 1 SD\n\
             cind_low := (a1 + a3*2.26)*b1  # W = mean − 1 SD\n\
             cind_mean := (a1 + a3*3.167)*b1  # W = mean\n\
             cind_high := (a1 + a3*4.075)*b1  # W = mean + 1 SD\n"
        );
        // every line parses
        assert!(crate::syntax::parse(&s).is_ok());
        // without W's values: the index only
        let mut c = choice(7, &["M"], Some("W"));
        c.w_values = None;
        let s = process_syntax(&c).unwrap();
        assert!(s.ends_with("index_mod_med := a3*b1\n"), "{s}");
        assert!(!s.contains("cind"), "{s}");
    }

    #[test]
    fn model_8_moderates_the_first_stage_and_the_direct_path() {
        let s = process_syntax(&choice(8, &["M"], Some("W"))).unwrap();
        assert!(
            s.starts_with("M ~ a1*X + a2*W + a3*X:W\nY ~ c1*X + c2*W + c3*X:W + b1*M\n"),
            "{s}"
        );
        assert!(
            s.contains("# PROCESS model 8: X → M → Y, X → M and X → Y moderated by W\nindex_mod_med := a3*b1\n"),
            "{s}"
        );
        assert!(
            s.contains("cind_low := (a1 + a3*2.26)*b1  # W = mean − 1 SD\n"),
            "{s}"
        );
        assert!(
            s.ends_with(
                "direct_low := c1 + c3*2.26  # X → Y at W = mean − 1 SD\n\
                 direct_mean := c1 + c3*3.167  # X → Y at W = mean\n\
                 direct_high := c1 + c3*4.075  # X → Y at W = mean + 1 SD\n"
            ),
            "{s}"
        );
        assert!(crate::syntax::parse(&s).is_ok());
    }

    #[test]
    fn model_14_moderates_the_second_stage() {
        let s = process_syntax(&choice(14, &["M"], Some("W"))).unwrap();
        assert_eq!(
            s,
            "M ~ a1*X\n\
             Y ~ c*X + b1*M + b2*W + b3*M:W\n\
             \n\
             M ~~ W + M:W\n\
             X ~~ W + M:W\n\
             W ~~ M:W\n\
             \n\
             # PROCESS model 14: X → M → Y, M → Y moderated by W\n\
             index_mod_med := a1*b3\n\
             slope_low := b1 + b3*2.26  # M → Y at W = mean − 1 SD\n\
             slope_mean := b1 + b3*3.167  # M → Y at W = mean\n\
             slope_high := b1 + b3*4.075  # M → Y at W = mean + 1 SD\n\
             cind_low := a1*(b1 + b3*2.26)  # W = mean − 1 SD\n\
             cind_mean := a1*(b1 + b3*3.167)  # W = mean\n\
             cind_high := a1*(b1 + b3*4.075)  # W = mean + 1 SD\n"
        );
        // written again: nothing twice
        assert_eq!(
            write_process(&s, &choice(14, &["M"], Some("W"))).unwrap(),
            s
        );
        assert!(crate::syntax::parse(&s).is_ok());
        assert_eq!(
            ProcessModel::SecondStageModeratedMediation.in_product(),
            ["M", "W"]
        );
    }

    /// The helper adds to the person's model: their lines, comments and
    /// order stay, a path already there gets the helper's label in place
    /// (or keeps its own, which the `:=` lines then use), nothing is
    /// written twice, and writing again changes nothing.
    #[test]
    fn the_model_is_written_into_the_text_already_there() {
        let text = "# my measurement model\n\
                    F =~ x1 + x2 + x3\n\
                    \n\
                    # H1\n\
                    Y ~ X  # the direct path\n\
                    M ~ H2*X\n\
                    F ~~ X\n";
        let once = write_process(text, &choice(4, &["M"], None)).unwrap();
        assert_eq!(
            once,
            "# my measurement model\n\
             F =~ x1 + x2 + x3\n\
             \n\
             # H1\n\
             Y ~ c*X + b1*M  # the direct path\n\
             M ~ H2*X\n\
             F ~~ X\n\
             \n\
             # PROCESS model 4: X → M → Y\n\
             ind1 := H2*b1  # X → M → Y\n\
             total := c + H2*b1\n"
        );
        assert_eq!(
            write_process(&once, &choice(4, &["M"], None)).unwrap(),
            once
        );
        // a label the helper wants already names another path: a suffix
        let text = "Z ~ c*X + a1*W\n";
        let s = write_process(text, &choice(4, &["M"], None)).unwrap();
        assert_eq!(
            s,
            "Z ~ c*X + a1*W\n\
             M ~ a1_2*X\n\
             Y ~ c_2*X + b1*M\n\
             \n\
             # PROCESS model 4: X → M → Y\n\
             ind1 := a1_2*b1  # X → M → Y\n\
             total := c_2 + a1_2*b1\n"
        );
        assert!(crate::syntax::parse(&s).is_ok());
        // the same choice with new W values: the helper's `:=` lines change
        // in place, nothing is added
        let c = choice(7, &["M"], Some("W"));
        let first = process_syntax(&c).unwrap();
        let mut c2 = c.clone();
        c2.w_values = Some(vec![0.5, 1.0, 1.5]);
        let second = write_process(&first, &c2).unwrap();
        assert_eq!(second.lines().count(), first.lines().count());
        assert!(
            second.contains("cind_low := (a1 + a3*0.5)*b1  # W = mean − 1 SD\n"),
            "{second}"
        );
        // and a model 7 written into its model 4: the paths there keep
        // their labels, the new ones are added
        let m4 = process_syntax(&choice(4, &["M"], None)).unwrap();
        let m7 = write_process(&m4, &c).unwrap();
        assert!(
            m7.starts_with("M ~ a1*X + a2*W + a3*X:W\nY ~ c*X + b1*M\n"),
            "{m7}"
        );
        assert!(
            m7.contains("total := c + a1*b1\n\n# PROCESS model 7"),
            "{m7}"
        );
    }

    #[test]
    fn choices_that_make_no_model_say_why_in_both_languages() {
        let e = process_syntax(&choice(7, &["M"], None)).unwrap_err();
        assert_eq!(e, ProcessError::Missing("W"));
        assert_eq!(e.message(Lang::Zh), "请选择 W");
        let e = process_syntax(&choice(4, &["M1", "M2"], None)).unwrap_err();
        assert!(e.to_string().contains("choose model 6"));
        assert!(e.message(Lang::Zh).contains("模型 6"));
        let e = process_syntax(&choice(14, &["M1", "M2"], Some("W"))).unwrap_err();
        assert_eq!(
            e,
            ProcessError::OneMediator {
                model: 14,
                given: 2
            }
        );
        let e = process_syntax(&choice(4, &["X"], None)).unwrap_err();
        assert_eq!(e, ProcessError::Twice("X".into()));
        let mut c = choice(4, &["M"], None);
        c.y = "Trust 1".into();
        assert_eq!(
            process_syntax(&c).unwrap_err(),
            ProcessError::BadName("Trust 1".into())
        );
        c.m.clear();
        assert_eq!(process_syntax(&c).unwrap_err(), ProcessError::Missing("M"));
        // a model text with an error is fixed first
        let e = write_process("Y ~ ~ X\n", &choice(4, &["M"], None)).unwrap_err();
        assert!(
            matches!(e, ProcessError::Edit(EditError::Syntax(_))),
            "{e:?}"
        );
        assert!(e.to_string().contains("error to fix first"), "{e}");
        assert!(
            e.message(Lang::Zh).contains("请先修改"),
            "{}",
            e.message(Lang::Zh)
        );
    }
}
