//! PROCESS models in lavaan syntax: a choice of X, mediators M, moderator W
//! and outcome Y in; the model text the user would otherwise write by hand
//! out, with labelled paths and the `:=` lines of the indirect, total and
//! conditional effects (Hayes 2022, *Introduction to Mediation, Moderation,
//! and Conditional Process Analysis*, appendix A: models 4, 6 and 7).
//!
//! - Model 4 (simple mediation): `M ~ a1*X`, `Y ~ c*X + b1*M`,
//!   `ind1 := a1*b1`, `total := c + a1*b1`.
//! - Model 6 (serial mediation, M1 → M2 → …): `Mi ~ ai*X + dji*Mj` (j < i),
//!   `Y ~ c*X + bi*Mi`; one `ind` per ordered chain of mediators (X → M1 →
//!   Y, X → M2 → Y, X → M1 → M2 → Y, …), their sum `total_ind` and `total`.
//! - Model 7 (first-stage moderated mediation): `M ~ a1*X + a2*W +
//!   a3*X:W`, `Y ~ c*X + b1*M`, the index of moderated mediation
//!   `index_mod_med := a3*b1` (Hayes 2015) and the conditional indirect
//!   effects `(a1 + a3*w)*b1` at W = mean − 1 SD, mean, mean + 1 SD (the
//!   values given, as PROCESS prints them).
//!
//! The model text is the one source of truth: the page writes this into the
//! editor and fits it like any other model.

use crate::i18n::{Lang, Localized};
use std::fmt;

/// The PROCESS model numbers written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessModel {
    /// Model 4: X → M → Y.
    SimpleMediation,
    /// Model 6: X → M1 → M2 → … → Y.
    SerialMediation,
    /// Model 7: X → M → Y with X → M moderated by W.
    FirstStageModeratedMediation,
}

impl ProcessModel {
    pub const ALL: [ProcessModel; 3] = [
        ProcessModel::SimpleMediation,
        ProcessModel::SerialMediation,
        ProcessModel::FirstStageModeratedMediation,
    ];

    /// Hayes's model number.
    pub fn number(self) -> u8 {
        match self {
            ProcessModel::SimpleMediation => 4,
            ProcessModel::SerialMediation => 6,
            ProcessModel::FirstStageModeratedMediation => 7,
        }
    }

    /// The model of a number (4, 6 or 7).
    pub fn from_number(n: u8) -> Option<ProcessModel> {
        Self::ALL.into_iter().find(|m| m.number() == n)
    }

    /// Whether the model takes a moderator.
    pub fn has_moderator(self) -> bool {
        self == ProcessModel::FirstStageModeratedMediation
    }
}

/// What the user chose.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessChoice {
    pub model: ProcessModel,
    pub x: String,
    /// The mediators (in order, for model 6).
    pub m: Vec<String>,
    pub w: Option<String>,
    pub y: String,
    /// W at mean − 1 SD, mean and mean + 1 SD (model 7's conditional
    /// indirect effects; left out when None).
    pub w_values: Option<[f64; 3]>,
}

/// Why the choice gives no model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProcessError {
    /// X, Y or M is not chosen (the role's name: "X", "M", "Y", "W").
    Missing(&'static str),
    /// Models 4 and 7 take one mediator.
    OneMediator { model: u8, given: usize },
    /// A variable has two roles.
    Twice(String),
    /// A name cannot be written in lavaan syntax.
    BadName(String),
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
        }
    }
}

impl std::error::Error for ProcessError {}

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
            },
        }
    }
}

/// A number in a `:=` line: the shortest text that reads back as the same
/// value (so the conditional effects are those of the moderation table).
fn number(x: f64) -> String {
    format!("{x}")
}

/// The lavaan model text of the choice.
pub fn process_syntax(c: &ProcessChoice) -> Result<String, ProcessError> {
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
    let (x, y, m) = (&c.x, &c.y, &c.m);
    let mut o = String::new();
    let arrow = |via: &[&str]| {
        let mut p = vec![x.as_str()];
        p.extend(via);
        p.push(y);
        p.join(" → ")
    };
    o.push_str(&format!("# PROCESS model {model}: "));
    match w {
        Some(w) => o.push_str(&format!(
            "{}, {x} → {} moderated by {w}\n",
            arrow(&[&m[0]]),
            m[0]
        )),
        None => {
            let via: Vec<&str> = m.iter().map(String::as_str).collect();
            o.push_str(&arrow(&via));
            o.push('\n');
        }
    }
    // the mediators' regressions
    for (i, mi) in m.iter().enumerate() {
        let k = i + 1;
        let mut rhs = vec![format!("a{k}*{x}")];
        if let Some(w) = w {
            rhs.push(format!("a2*{w}"));
            rhs.push(format!("a3*{x}:{w}"));
        }
        for (j, mj) in m[..i].iter().enumerate() {
            rhs.push(format!("d{k}{}*{mj}", j + 1));
        }
        o.push_str(&format!("{mi} ~ {}\n", rhs.join(" + ")));
    }
    // the outcome's
    let mut rhs = vec![format!("c*{x}")];
    rhs.extend(
        m.iter()
            .enumerate()
            .map(|(i, mi)| format!("b{}*{mi}", i + 1)),
    );
    o.push_str(&format!("{y} ~ {}\n", rhs.join(" + ")));

    // the indirect effects: every increasing chain of mediators (model 6),
    // the one mediator otherwise
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for mask in 1..(1u32 << m.len()) {
        chains.push((0..m.len()).filter(|i| mask & (1 << i) != 0).collect());
    }
    chains.sort_by_key(|ch| (ch.len(), ch.clone()));
    let product = |ch: &[usize]| {
        let mut f = vec![format!("a{}", ch[0] + 1)];
        f.extend(ch.windows(2).map(|p| format!("d{}{}", p[1] + 1, p[0] + 1)));
        f.push(format!("b{}", ch[ch.len() - 1] + 1));
        f.join("*")
    };
    match w {
        Some(w) => {
            o.push_str("index_mod_med := a3*b1\n");
            if let Some(vals) = c.w_values {
                for (name, at, v) in [
                    ("cind_low", "mean − 1 SD", vals[0]),
                    ("cind_mean", "mean", vals[1]),
                    ("cind_high", "mean + 1 SD", vals[2]),
                ] {
                    o.push_str(&format!(
                        "{name} := (a1 + a3*{})*b1  # {w} = {at}\n",
                        number(v)
                    ));
                }
            }
        }
        None => {
            let mut products = Vec::new();
            for (k, ch) in chains.iter().enumerate() {
                let via: Vec<&str> = ch.iter().map(|&i| m[i].as_str()).collect();
                let p = product(ch);
                o.push_str(&format!("ind{} := {p}  # {}\n", k + 1, arrow(&via)));
                products.push(p);
            }
            if products.len() > 1 {
                o.push_str(&format!("total_ind := {}\n", products.join(" + ")));
            }
            o.push_str(&format!("total := c + {}\n", products.join(" + ")));
        }
    }
    Ok(o)
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
            w_values: Some([2.26, 3.167, 4.075]),
        }
    }

    #[test]
    fn model_4_is_a_labelled_simple_mediation() {
        assert_eq!(
            process_syntax(&choice(4, &["M"], None)).unwrap(),
            "# PROCESS model 4: X → M → Y\nM ~ a1*X\nY ~ c*X + b1*M\nind1 := a1*b1  # X → M → Y\ntotal := c + a1*b1\n"
        );
    }

    #[test]
    fn model_6_has_every_chain_of_the_serial_mediators() {
        let s = process_syntax(&choice(6, &["M1", "M2"], None)).unwrap();
        assert_eq!(
            s,
            "# PROCESS model 6: X → M1 → M2 → Y\n\
             M1 ~ a1*X\n\
             M2 ~ a2*X + d21*M1\n\
             Y ~ c*X + b1*M1 + b2*M2\n\
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
    fn model_7_has_the_product_term_the_index_and_the_conditional_effects() {
        let s = process_syntax(&choice(7, &["M"], Some("W"))).unwrap();
        assert_eq!(
            s,
            "# PROCESS model 7: X → M → Y, X → M moderated by W\n\
             M ~ a1*X + a2*W + a3*X:W\n\
             Y ~ c*X + b1*M\n\
             index_mod_med := a3*b1\n\
             cind_low := (a1 + a3*2.26)*b1  # W = mean − 1 SD\n\
             cind_mean := (a1 + a3*3.167)*b1  # W = mean\n\
             cind_high := (a1 + a3*4.075)*b1  # W = mean + 1 SD\n"
        );
        // every line parses
        assert!(crate::syntax::parse(&s).is_ok());
    }

    #[test]
    fn choices_that_make_no_model_say_why_in_both_languages() {
        let e = process_syntax(&choice(7, &["M"], None)).unwrap_err();
        assert_eq!(e, ProcessError::Missing("W"));
        assert_eq!(e.message(Lang::Zh), "请选择 W");
        let e = process_syntax(&choice(4, &["M1", "M2"], None)).unwrap_err();
        assert!(e.to_string().contains("choose model 6"));
        assert!(e.message(Lang::Zh).contains("模型 6"));
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
    }
}
