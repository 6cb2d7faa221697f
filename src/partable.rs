//! Parameter table: parsed statements plus lavaan's `sem()`/`cfa()` defaults
//! in, the full list of model parameters out (free, fixed, labelled), with
//! the variable roles (latent, indicator, exogenous covariate, ...).
//!
//! Rules follow lavaan 0.6 `R/lav_partable_flat.R` and
//! `R/lav_partable_vnames.R`:
//! - rows typed by the user come first, in order; then the default rows:
//!   (residual) variances of every non-`x` observed variable and every latent,
//!   covariances among exogenous latents (`auto.cov.lv.x`), residual
//!   covariances among pure dependent variables (`auto.cov.y`), the
//!   variances/covariances of exogenous observed covariates (`fixed.x`), and
//!   intercepts when there is a mean structure;
//! - the first loading of each factor is fixed to 1 (or, with `std.lv`, every
//!   latent variance is fixed to 1 and all loadings are free);
//! - a single-indicator factor gets its indicator's residual variance fixed to 0;
//! - `orthogonal` fixes the automatically added latent covariances to 0;
//! - modifiers then override: a number fixes, `NA` frees, a label names
//!   (and shared labels make parameters equal);
//! - ordinal items ([`build_ordinal`], lavaan's `ordered =` under the delta
//!   parameterization) get free thresholds `item | t1 … t(K−1)` right after
//!   the user's rows, scaling factors `item ~*~ item` fixed to 1 before the
//!   intercepts, intercepts fixed to 0, and residual variances that are not
//!   parameters (fixed rows whose value the estimator derives); the mean
//!   structure is on.
//!
//! Every row carries a group index from the start (1-based), so that
//! multi-group models fit the same structure.

use crate::i18n::zh::{breakdown, phrase};
use crate::i18n::{Lang, Localized};
use crate::syntax::{self, ConstraintOp, Expr, ModValue, Modifier, Pos, RelOp, Statement};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The operator of a parameter, as lavaan prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// `=~` factor loading
    Loading,
    /// `~` regression
    Regression,
    /// `~~` variance or covariance
    Covariance,
    /// `~1` intercept or mean
    Intercept,
    /// `|` threshold of an ordinal item (`T1 | t2`: its second threshold)
    Threshold,
    /// `~*~` scaling factor of an ordinal item (delta parameterization)
    Scale,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Loading => "=~",
            Op::Regression => "~",
            Op::Covariance => "~~",
            Op::Intercept => "~1",
            Op::Threshold => "|",
            Op::Scale => "~*~",
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the parameter table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub lhs: String,
    pub op: Op,
    /// Empty for intercepts.
    pub rhs: String,
    /// 1-based group index.
    pub group: usize,
    /// Typed by the user (true) or added by lavaan's defaults (false).
    pub user: bool,
    /// 0 = fixed; k > 0 = the k-th free parameter (shared labels share k).
    pub free: usize,
    /// The fixed value, or a user start value for a free parameter.
    pub ustart: Option<f64>,
    /// A fixed.x parameter: fixed at its sample value.
    pub exo: bool,
    pub label: String,
    /// Where the user wrote it (None for default rows).
    #[serde(skip)]
    pub pos: Option<Pos>,
}

impl Param {
    /// `lhs op rhs` as lavaan would print it (`y1 ~~ y5`, `x1 ~1 `).
    pub fn name(&self) -> String {
        if self.op == Op::Intercept {
            format!("{} ~1", self.lhs)
        } else {
            format!("{} {} {}", self.lhs, self.op, self.rhs)
        }
    }
    pub fn is_variance(&self) -> bool {
        self.op == Op::Covariance && self.lhs == self.rhs
    }
}

/// A defined parameter: `name := expression`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Defined {
    pub name: String,
    pub expr: Expr,
    pub text: String,
    #[serde(skip)]
    pub pos: Pos,
}

/// A constraint `lhs op rhs` on parameter labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Constraint {
    pub lhs: Expr,
    pub op: ConstraintOp,
    pub rhs: Expr,
    pub lhs_text: String,
    pub rhs_text: String,
    #[serde(skip)]
    pub pos: Pos,
}

/// The roles of the variables in the model (lavaan's `lavNames`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Variables {
    /// Observed variables, in lavaan's order: indicators, dependent, independent, others.
    pub ov: Vec<String>,
    /// Latent variables, in order of their `=~` statements.
    pub lv: Vec<String>,
    /// Indicators (observed variables on the right of `=~`).
    pub ov_ind: Vec<String>,
    /// Exogenous observed covariates (fixed.x): only predictors (a product
    /// `m:w` with a dependent part is none, as in lavaan).
    pub ov_x: Vec<String>,
    /// Pure dependent observed variables.
    pub ov_y: Vec<String>,
    /// Exogenous latent variables.
    pub lv_x: Vec<String>,
    /// Pure dependent latent variables.
    pub lv_y: Vec<String>,
}

/// The kinds of parameter lavaan's `group.equal` makes equal across groups
/// (`R/lav_partable_labels.R`, `lav_partable_labels`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GroupEqual {
    /// `=~`
    Loadings,
    /// `~1` of observed variables (not fixed.x covariates)
    Intercepts,
    /// `~1` of latent variables
    Means,
    /// `|`
    Thresholds,
    /// `~`
    Regressions,
    /// `~~` of an observed variable with itself
    Residuals,
    /// `~~` between two observed variables
    ResidualCovariances,
    /// `~~` of a latent variable with itself
    LvVariances,
    /// `~~` between two latent variables
    LvCovariances,
}

impl GroupEqual {
    /// Every kind, in lavaan's spelling.
    pub const ALL: [GroupEqual; 9] = [
        GroupEqual::Loadings,
        GroupEqual::Intercepts,
        GroupEqual::Means,
        GroupEqual::Thresholds,
        GroupEqual::Regressions,
        GroupEqual::Residuals,
        GroupEqual::ResidualCovariances,
        GroupEqual::LvVariances,
        GroupEqual::LvCovariances,
    ];
    /// lavaan's name (`loadings`, `residual.covariances`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            GroupEqual::Loadings => "loadings",
            GroupEqual::Intercepts => "intercepts",
            GroupEqual::Means => "means",
            GroupEqual::Thresholds => "thresholds",
            GroupEqual::Regressions => "regressions",
            GroupEqual::Residuals => "residuals",
            GroupEqual::ResidualCovariances => "residual.covariances",
            GroupEqual::LvVariances => "lv.variances",
            GroupEqual::LvCovariances => "lv.covariances",
        }
    }
    /// From lavaan's name (`_` accepted for `.`, any case).
    pub fn parse(s: &str) -> Option<GroupEqual> {
        let s = s.trim().to_ascii_lowercase().replace('_', ".");
        GroupEqual::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// `group.partial` text normalized as lavaan compares it: `lhs op rhs`
/// without spaces (`x3~1`, `visual=~x2`).
pub fn normalize_partial(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Model options that change lavaan's defaults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelOptions {
    /// Identify factors by fixing their variances to 1 (all loadings free).
    pub std_lv: bool,
    /// Fix the automatically added latent covariances to 0.
    pub orthogonal: bool,
    /// Treat exogenous observed covariates as fixed (lavaan's default).
    pub fixed_x: bool,
    /// Force a mean structure (otherwise only when the model has `~ 1`,
    /// or with several groups).
    pub meanstructure: bool,
    /// Parameters made equal across groups (lavaan's `group.equal`).
    pub group_equal: Vec<GroupEqual>,
    /// Parameters exempt from `group_equal` (lavaan's `group.partial`), as
    /// syntax (`x3 ~ 1`, `visual =~ x2`).
    pub group_partial: Vec<String>,
    /// Kinds in `group_equal` kept as separate parameters per group, their
    /// equalities listed in [`ParTable::equal_pairs`] instead of imposed:
    /// the parameter space of lavaan's `==` rows, for score tests of those
    /// equalities (`lavTestScore`).
    pub group_equal_separate: Vec<GroupEqual>,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            std_lv: false,
            orthogonal: false,
            fixed_x: true,
            meanstructure: false,
            group_equal: Vec::new(),
            group_partial: Vec::new(),
            group_equal_separate: Vec::new(),
        }
    }
}

/// The full parameter table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParTable {
    pub params: Vec<Param>,
    pub defined: Vec<Defined>,
    pub constraints: Vec<Constraint>,
    /// Number of distinct free parameters (labels shared count once).
    pub n_free: usize,
    pub n_groups: usize,
    pub vars: Variables,
    pub meanstructure: bool,
    /// Bounds per free parameter (index k−1), from `lower()`/`upper()` and simple `>`/`<`.
    pub bounds: Vec<(Option<f64>, Option<f64>)>,
    /// Notes for the user (duplicate statements and the like). Read by the
    /// analysis where the table is built; not sent between the page and
    /// its workers (a bootstrap's or power run's table needs none), which
    /// keeps the warnings' reader out of the worker's wasm.
    #[serde(skip)]
    pub notes: Vec<crate::warnings::WarningText>,
    /// Observed variables declared ordinal (WLSMV), in `vars.ov` order;
    /// empty for continuous data. Their thresholds are `|` rows, their
    /// scaling factors `~*~` rows fixed to 1, their intercepts fixed to 0
    /// and their residual variances are not parameters: fixed rows whose
    /// value follows from diag Σ* = 1 (lavaan's delta parameterization).
    pub ordinal: Vec<String>,
    /// Rows (indices into `params`: the group-1 row, then the same row of
    /// another group) that `group.equal` makes equal but that are separate
    /// free parameters here ([`ModelOptions::group_equal_separate`]).
    pub equal_pairs: Vec<(usize, usize)>,
}

impl ParTable {
    /// Label → (free index or fixed value) lookup for expressions.
    pub fn label_map(&self) -> HashMap<String, LabelTarget> {
        let mut m = HashMap::new();
        for (i, p) in self.params.iter().enumerate() {
            if !p.label.is_empty() && !m.contains_key(&p.label) {
                m.insert(p.label.clone(), LabelTarget::Param(i));
            }
        }
        for (i, d) in self.defined.iter().enumerate() {
            m.insert(d.name.clone(), LabelTarget::Defined(i));
        }
        m
    }

    /// Row index of `lhs op rhs` in group `g`.
    pub fn find(&self, lhs: &str, op: Op, rhs: &str, group: usize) -> Option<usize> {
        self.params.iter().position(|p| {
            p.group == group
                && p.op == op
                && ((p.lhs == lhs && p.rhs == rhs)
                    || (op == Op::Covariance && p.lhs == rhs && p.rhs == lhs))
        })
    }

    /// Number of sample statistics (lavaan's `ndat`) for `p` observed variables per group.
    pub fn n_data(&self) -> usize {
        let p = self.vars.ov.len();
        if !self.ordinal.is_empty() {
            // thresholds and polychoric correlations (all items ordinal)
            let n_th = self
                .params
                .iter()
                .filter(|q| q.op == Op::Threshold && q.group == 1)
                .count();
            return self.n_groups * (n_th + p * (p - 1) / 2);
        }
        let px = if self.has_fixed_x() {
            self.vars.ov_x.len()
        } else {
            0
        };
        let ms = usize::from(self.meanstructure);
        self.n_groups * (p * (p + 1) / 2 + ms * p - (px * (px + 1) / 2 + ms * px))
    }

    fn has_fixed_x(&self) -> bool {
        self.params.iter().any(|p| p.exo)
    }
}

/// What a label in an expression refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelTarget {
    /// Row index into `params`.
    Param(usize),
    /// Index into `defined`.
    Defined(usize),
}

/// What is wrong with the model (beyond its syntax).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ModelError {
    Syntax(syntax::SyntaxError),
    /// A name used as an indicator, predictor or covariate that is not a column of the data.
    UnknownVariable {
        name: String,
        pos: Pos,
        suggestion: Option<String>,
    },
    /// A name used as a latent variable (in `~`, `~~`) that has no `=~` line and no data column.
    LatentWithoutIndicators {
        name: String,
        pos: Pos,
    },
    /// A latent variable (`F =~ …`) whose name is also a column of the data
    /// (e.g. a total score named like its construct): lavaan refuses it
    /// ("some latent variable names collide with observed variable names").
    LatentIsColumn {
        name: String,
        pos: Pos,
    },
    /// An interaction term `x:w` with a latent variable among its parts:
    /// lavaan multiplies observed columns only (a latent interaction needs
    /// another method); a composite score of the items is an observed column.
    InteractionWithLatent {
        term: String,
        latent: String,
        pos: Pos,
    },
    /// The same label with different fixed values.
    LabelConflict {
        label: String,
        pos: Pos,
        first: String,
        second: String,
    },
    /// A label in `:=` or a constraint that names no parameter.
    UnknownLabel {
        label: String,
        pos: Pos,
    },
    /// `y ~ y` or `f =~ f`.
    SelfReference {
        name: String,
        pos: Pos,
    },
    /// A feature lavaan has but semlab does not support yet.
    NotSupported {
        what: String,
        pos: Pos,
    },
    /// A modifier with the wrong number of values for the groups.
    ModifierValues {
        pos: Pos,
        given: usize,
        groups: usize,
    },
    /// A threshold row (`item | tk`) that does not fit the item's categories.
    BadThreshold {
        item: String,
        threshold: String,
        /// Observed categories of the item (0 when it is not declared ordinal).
        n_categories: usize,
        pos: Pos,
    },
    /// More free parameters than sample statistics.
    Underidentified {
        n_free: usize,
        n_data: usize,
        breakdown: String,
    },
    /// Nothing to estimate.
    EmptyModel,
    /// A `group.partial` entry that names no parameter of the model.
    UnknownGroupPartial {
        text: String,
    },
    /// A `group.equal` entry lavaan does not know.
    UnknownGroupEqual {
        text: String,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Syntax(e) => write!(f, "{e}"),
            ModelError::UnknownVariable { name, pos, suggestion } => {
                write!(f, "{pos}: `{name}` is not a column of the data")?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => write!(f, " and not a latent variable defined with `=~`"),
                }
            }
            ModelError::LatentWithoutIndicators { name, pos } => write!(
                f,
                "{pos}: `{name}` is used as a latent variable but has no indicators and is not a column of the data; define it with `{name} =~ item1 + item2 + item3`"
            ),
            ModelError::LatentIsColumn { name, pos } => write!(
                f,
                "{pos}: `{name}` is defined as a latent variable (`{name} =~ …`) but is also a column of the data; a latent variable needs a name of its own: rename it (e.g. `{name}_f`) or the column"
            ),
            ModelError::InteractionWithLatent { term, latent, pos } => write!(
                f,
                "{pos}: the interaction `{term}` multiplies columns of the data, but `{latent}` is a latent variable; lavaan does not support interactions with latent variables; use a composite score instead (the mean of `{latent}`'s items as a new column) and write the interaction with it"
            ),
            ModelError::LabelConflict { label, pos, first, second } => write!(
                f,
                "{pos}: the label `{label}` makes `{first}` and `{second}` equal, but they are fixed to different values"
            ),
            ModelError::UnknownLabel { label, pos } => write!(
                f,
                "{pos}: `{label}` is not the label of any parameter; label a parameter first, e.g. `y ~ {label}*x`"
            ),
            ModelError::SelfReference { name, pos } => {
                write!(f, "{pos}: `{name}` cannot be regressed on or measured by itself")
            }
            ModelError::NotSupported { what, pos } => write!(f, "{pos}: {what} is not supported yet"),
            ModelError::ModifierValues { pos, given, groups } => write!(
                f,
                "{pos}: the modifier gives {given} values but the model has {groups} group(s)"
            ),
            ModelError::BadThreshold { item, threshold, n_categories, pos } => {
                if *n_categories == 0 {
                    write!(f, "{pos}: `{item} | {threshold}` is a threshold, but `{item}` is not declared ordinal; declare it ordinal (e.g. `--ordered {item}`) or remove the line")
                } else {
                    write!(f, "{pos}: `{item}` has {n_categories} observed categories, so its thresholds are `t1` to `t{}`; `{threshold}` is not one of them", n_categories - 1)
                }
            }
            ModelError::Underidentified { n_free, n_data, breakdown } => write!(
                f,
                "the model is not identified: it has {n_free} free parameters ({breakdown}) but the data give only {n_data} variances, covariances and means (degrees of freedom {}); fix or remove {} parameter(s), e.g. fix a loading to 1 or remove a covariance",
                *n_data as i64 - *n_free as i64,
                *n_free as i64 - *n_data as i64
            ),
            ModelError::EmptyModel => write!(f, "the model is empty: write at least one line such as `factor =~ item1 + item2 + item3`"),
            ModelError::UnknownGroupPartial { text } => write!(
                f,
                "`{text}` (released from the equality constraints across groups) is not a parameter of the model; write it as in the model, e.g. `x3 ~ 1` for an intercept or `visual =~ x2` for a loading"
            ),
            ModelError::UnknownGroupEqual { text } => write!(
                f,
                "`{text}` is not something that can be made equal across groups; use {}",
                GroupEqual::ALL.iter().map(|g| format!("`{}`", g.as_str())).collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

impl std::error::Error for ModelError {}

impl ModelError {
    /// Where in the model text the problem is, if it has one place.
    pub fn position(&self) -> Option<Pos> {
        match self {
            ModelError::Syntax(e) => Some(e.pos),
            ModelError::UnknownVariable { pos, .. }
            | ModelError::LatentWithoutIndicators { pos, .. }
            | ModelError::LatentIsColumn { pos, .. }
            | ModelError::InteractionWithLatent { pos, .. }
            | ModelError::LabelConflict { pos, .. }
            | ModelError::UnknownLabel { pos, .. }
            | ModelError::SelfReference { pos, .. }
            | ModelError::NotSupported { pos, .. }
            | ModelError::ModifierValues { pos, .. }
            | ModelError::BadThreshold { pos, .. } => Some(*pos),
            ModelError::Underidentified { .. }
            | ModelError::EmptyModel
            | ModelError::UnknownGroupPartial { .. }
            | ModelError::UnknownGroupEqual { .. } => None,
        }
    }
}

impl From<syntax::SyntaxError> for ModelError {
    fn from(e: syntax::SyntaxError) -> Self {
        ModelError::Syntax(e)
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// Closest data column to a misspelled name (case-insensitive match or edit
/// distance ≤ 2), among the names that can be written in a model.
fn suggest(name: &str, columns: &[String]) -> Option<String> {
    let lower = crate::letter_case::lower(name);
    let columns: Vec<&String> = columns
        .iter()
        .filter(|c| syntax::is_variable_name(c))
        .collect();
    if let Some(c) = columns
        .iter()
        .find(|c| crate::letter_case::lower(c) == lower)
    {
        return Some((*c).clone());
    }
    let mut best: Option<(usize, &String)> = None;
    for c in columns {
        let d = edit_distance(&lower, &crate::letter_case::lower(c));
        if d <= 2 && d < name.chars().count() && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Classifies the variables of the user's relations (lavaan's `lavNames`).
fn variables(rels: &[&syntax::Relation]) -> Variables {
    let mut lv = Vec::new();
    for r in rels.iter().filter(|r| r.op == RelOp::Loading) {
        push_unique(&mut lv, &r.lhs);
    }
    let is_lv = |s: &str| lv.iter().any(|x| x == s);
    let mut v_ind = Vec::new();
    let mut eqs_y = Vec::new();
    let mut eqs_x = Vec::new();
    for r in rels {
        match r.op {
            RelOp::Loading => push_unique(&mut v_ind, &r.rhs.name),
            RelOp::Regression => {
                push_unique(&mut eqs_y, &r.lhs);
                push_unique(&mut eqs_x, &r.rhs.name);
            }
            _ => {}
        }
    }
    let contains = |v: &Vec<String>, s: &str| v.iter().any(|x| x == s);
    let ov_ind: Vec<String> = v_ind.iter().filter(|s| !is_lv(s)).cloned().collect();
    let mut ov_y_all: Vec<String> = eqs_y
        .iter()
        .filter(|s| !is_lv(s) && !contains(&ov_ind, s))
        .cloned()
        .collect();
    let (ov_x_all, endogenous_products): (Vec<String>, Vec<String>) = eqs_x
        .iter()
        .filter(|s| !is_lv(s) && !contains(&ov_ind, s) && !contains(&ov_y_all, s))
        .cloned()
        .partition(|s| !(s.contains(':') && s.split(':').any(|p| contains(&eqs_y, p))));
    // a product `m:w` with a dependent part (m ~ x) is no fixed covariate:
    // lavaan moves it to ov.y, after the dependent variables — a free
    // variance, no covariance with the covariates unless written
    // (lavaan 0.6 `lav_partable_vnames`, "ov.x": the `bad.idx` of `int.idx`)
    ov_y_all.extend(endogenous_products);
    let mut ov: Vec<String> = ov_ind.clone();
    ov.extend(ov_y_all.iter().cloned());
    ov.extend(ov_x_all.iter().cloned());
    for r in rels {
        match r.op {
            RelOp::Covariance => {
                for s in [&r.lhs, &r.rhs.name] {
                    if !is_lv(s) {
                        push_unique(&mut ov, s);
                    }
                }
            }
            RelOp::Intercept | RelOp::Threshold if !is_lv(&r.lhs) => push_unique(&mut ov, &r.lhs),
            _ => {}
        }
    }
    // an x mentioned by the user in `~~` or `~1` is no longer a fixed covariate
    let mentioned: HashSet<&str> = rels
        .iter()
        .filter(|r| matches!(r.op, RelOp::Covariance | RelOp::Intercept))
        .flat_map(|r| {
            let mut v = vec![r.lhs.as_str()];
            if r.op == RelOp::Covariance {
                v.push(r.rhs.name.as_str());
            }
            v
        })
        .collect();
    let ov_x: Vec<String> = ov_x_all
        .iter()
        .filter(|s| !mentioned.contains(s.as_str()))
        .cloned()
        .collect();
    let ov_y = eqs_y
        .iter()
        .filter(|s| !contains(&v_ind, s) && !contains(&eqs_x, s) && !is_lv(s))
        .cloned()
        .collect();
    let lv_y = lv
        .iter()
        .filter(|s| contains(&eqs_y, s) && !contains(&v_ind, s) && !contains(&eqs_x, s))
        .cloned()
        .collect();
    let lv_x = lv
        .iter()
        .filter(|s| !contains(&v_ind, s) && !contains(&eqs_y, s))
        .cloned()
        .collect();
    Variables {
        ov,
        lv,
        ov_ind,
        ov_x,
        ov_y,
        lv_x,
        lv_y,
    }
}

/// Modifier values for group `g` (a single value is recycled over groups).
fn per_group<T: Clone>(vals: &[T], g: usize, n_groups: usize, pos: Pos) -> Result<T, ModelError> {
    if vals.len() == 1 {
        Ok(vals[0].clone())
    } else if vals.len() == n_groups {
        Ok(vals[g].clone())
    } else {
        Err(ModelError::ModifierValues {
            pos,
            given: vals.len(),
            groups: n_groups,
        })
    }
}

/// Builds the parameter table from model text.
///
/// `data_columns` are the names of the columns available in the data: a
/// name that is neither a latent variable nor a column is an error.
pub fn build(
    model: &str,
    data_columns: &[String],
    opts: &ModelOptions,
    n_groups: usize,
) -> Result<ParTable, ModelError> {
    let statements = syntax::parse(model)?;
    build_from_statements(&statements, data_columns, opts, n_groups)
}

/// Like [`build`], with some observed variables declared ordinal: each
/// `(name, number of observed categories)` in `ordinal` gets lavaan's rows
/// for an ordered variable under the delta parameterization (see
/// [`ParTable::ordinal`]); the mean structure is on.
pub fn build_ordinal(
    model: &str,
    data_columns: &[String],
    opts: &ModelOptions,
    n_groups: usize,
    ordinal: &[(String, usize)],
) -> Result<ParTable, ModelError> {
    let statements = syntax::parse(model)?;
    build_from_statements_ordinal(&statements, data_columns, opts, n_groups, ordinal)
}

/// Like [`build`], from already parsed statements.
pub fn build_from_statements(
    statements: &[Statement],
    data_columns: &[String],
    opts: &ModelOptions,
    n_groups: usize,
) -> Result<ParTable, ModelError> {
    build_from_statements_ordinal(statements, data_columns, opts, n_groups, &[])
}

/// Like [`build_ordinal`], from already parsed statements.
pub fn build_from_statements_ordinal(
    statements: &[Statement],
    data_columns: &[String],
    opts: &ModelOptions,
    n_groups: usize,
    ordinal: &[(String, usize)],
) -> Result<ParTable, ModelError> {
    let n_categories = |name: &str| {
        ordinal
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0, |(_, k)| *k)
    };
    let mut rels: Vec<&syntax::Relation> = Vec::new();
    let mut defined = Vec::new();
    let mut constraints = Vec::new();
    for st in statements {
        match st {
            Statement::Relation(r) => {
                if r.op == RelOp::Threshold {
                    let k = n_categories(&r.lhs);
                    let index: Option<usize> =
                        r.rhs.name.strip_prefix('t').and_then(|x| x.parse().ok());
                    if k == 0 || !index.is_some_and(|i| i >= 1 && i < k) {
                        return Err(ModelError::BadThreshold {
                            item: r.lhs.clone(),
                            threshold: r.rhs.name.clone(),
                            n_categories: k,
                            pos: r.rhs.pos,
                        });
                    }
                }
                let unsupported = match r.op {
                    RelOp::Composite => Some("a formative composite (`<~`)"),
                    RelOp::Scale => Some("a scaling factor (`~*~`)"),
                    RelOp::GroupWeight => Some("a group weight (`%`)"),
                    _ => None,
                };
                if let Some(what) = unsupported {
                    return Err(ModelError::NotSupported {
                        what: what.into(),
                        pos: r.op_pos,
                    });
                }
                rels.push(r);
            }
            Statement::Definition {
                name,
                pos,
                expr,
                text,
            } => defined.push(Defined {
                name: name.clone(),
                expr: expr.clone(),
                text: text.clone(),
                pos: *pos,
            }),
            Statement::Constraint {
                lhs,
                op,
                rhs,
                pos,
                lhs_text,
                rhs_text,
            } => constraints.push(Constraint {
                lhs: lhs.clone(),
                op: *op,
                rhs: rhs.clone(),
                lhs_text: lhs_text.clone(),
                rhs_text: rhs_text.clone(),
                pos: *pos,
            }),
            Statement::Block { keyword, pos, .. } => {
                return Err(ModelError::NotSupported {
                    what: format!("a `{keyword}:` block (multi-group and multilevel models)"),
                    pos: *pos,
                })
            }
        }
    }
    if rels.is_empty() {
        return Err(ModelError::EmptyModel);
    }
    let vars = variables(&rels);
    let is_lv = |s: &str| vars.lv.iter().any(|x| x == s);

    // a latent variable's name must not be a column of the data (lavaan
    // 0.6 `R/lavaan.R`, later `lav_lavaan_step01_ovnames.R`: "some latent
    // variable names collide with observed variable names"): the column
    // would be silently ignored
    if let Some(r) = rels
        .iter()
        .find(|r| r.op == RelOp::Loading && data_columns.iter().any(|c| c == &r.lhs))
    {
        return Err(ModelError::LatentIsColumn {
            name: r.lhs.clone(),
            pos: r.lhs_pos,
        });
    }

    // every non-latent name must be a data column
    for r in &rels {
        if matches!(r.op, RelOp::Loading | RelOp::Regression) && r.lhs == r.rhs.name {
            return Err(ModelError::SelfReference {
                name: r.lhs.clone(),
                pos: r.rhs.pos,
            });
        }
        let mut names = vec![(&r.lhs, r.lhs_pos, r.op != RelOp::Loading)];
        if r.op != RelOp::Intercept && r.op != RelOp::Threshold {
            names.push((&r.rhs.name, r.rhs.pos, r.op != RelOp::Loading));
        }
        for (name, pos, structural) in names {
            if is_lv(name) || data_columns.iter().any(|c| c == name) {
                continue;
            }
            // an interaction `x:w`: the data stage multiplies its columns
            // (`DataTable::numeric`), so each part must be a column
            if name.contains(':') {
                if let Some(latent) = name.split(':').find(|p| is_lv(p)) {
                    return Err(ModelError::InteractionWithLatent {
                        term: name.clone(),
                        latent: latent.to_string(),
                        pos,
                    });
                }
                if let Some(part) = name
                    .split(':')
                    .find(|p| !data_columns.iter().any(|c| c == p))
                {
                    return Err(ModelError::UnknownVariable {
                        name: part.to_string(),
                        pos,
                        suggestion: suggest(part, data_columns),
                    });
                }
                continue;
            }
            let suggestion = suggest(name, data_columns);
            let used_as_indicator = rels
                .iter()
                .any(|q| q.op == RelOp::Loading && &q.rhs.name == name);
            if structural && !used_as_indicator && suggestion.is_none() {
                return Err(ModelError::LatentWithoutIndicators {
                    name: name.clone(),
                    pos,
                });
            }
            return Err(ModelError::UnknownVariable {
                name: name.clone(),
                pos,
                suggestion,
            });
        }
    }

    // the ordinal items of this model, in its order of observed variables
    let ord: Vec<String> = vars
        .ov
        .iter()
        .filter(|v| n_categories(v) > 0)
        .cloned()
        .collect();
    let is_ord = |s: &str| ord.iter().any(|x| x == s);
    for r in &rels {
        if r.op == RelOp::Covariance && r.lhs == r.rhs.name && is_ord(&r.lhs) {
            return Err(ModelError::NotSupported {
                what: format!(
                    "a variance for the ordinal item `{}` (under the delta parameterization its residual variance follows from the model)",
                    r.lhs
                ),
                pos: r.op_pos,
            });
        }
    }
    // several groups always have a mean structure (lavaan's default
    // `meanstructure` with `group`)
    let mut meanstructure = opts.meanstructure
        || n_groups > 1
        || !ord.is_empty()
        || rels.iter().any(|r| r.op == RelOp::Intercept);
    if opts.meanstructure {
        meanstructure = true;
    }

    // ---- user rows, duplicates dropped with a note
    let mut notes = Vec::new();
    struct Row<'a> {
        lhs: String,
        op: Op,
        rhs: String,
        user: bool,
        /// Every statement that wrote this row, in order: a repeated term
        /// (`NA*x1 + l*x1`) adds its modifiers to the first, as lavaan merges
        /// them (lav_syntax.R: one row per lhs/op/rhs, modifiers merged).
        rels: Vec<&'a syntax::Relation>,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<(String, Op, String)> = HashSet::new();
    let cov_rank = |s: &str| {
        vars.lv
            .iter()
            .chain(vars.ov.iter())
            .position(|x| x == s)
            .unwrap_or(usize::MAX)
    };
    for r in &rels {
        let op = match r.op {
            RelOp::Loading => Op::Loading,
            RelOp::Regression => Op::Regression,
            RelOp::Covariance => Op::Covariance,
            RelOp::Intercept => Op::Intercept,
            RelOp::Threshold => Op::Threshold,
            _ => unreachable!("rejected above"),
        };
        let rhs = if op == Op::Intercept {
            String::new()
        } else {
            r.rhs.name.clone()
        };
        let key = (r.lhs.clone(), op, rhs.clone());
        let rev = (rhs.clone(), op, r.lhs.clone());
        if seen.contains(&key) || (op == Op::Covariance && seen.contains(&rev)) {
            if !r.rhs.modifiers.is_empty() {
                let same = |row: &Row| {
                    row.op == op
                        && ((row.lhs == r.lhs && row.rhs == rhs)
                            || (op == Op::Covariance && row.lhs == rhs && row.rhs == r.lhs))
                };
                if let Some(row) = rows.iter_mut().find(|row| same(row)) {
                    row.rels.push(r);
                    continue;
                }
            }
            notes.push(crate::warnings::WarningText::duplicate(
                r.lhs_pos,
                &r.lhs,
                op.as_str(),
                &rhs,
            ));
            continue;
        }
        seen.insert(key);
        // a covariance is written in the order of the model's variables,
        // latent then observed (lavaan's `lav_partable_covariance_reorder`):
        // `h5 ~~ h3` is the row `h3 ~~ h5`
        let (lhs, rhs) = if op == Op::Covariance && cov_rank(&r.lhs) > cov_rank(&rhs) {
            (rhs, r.lhs.clone())
        } else {
            (r.lhs.clone(), rhs)
        };
        rows.push(Row {
            lhs,
            op,
            rhs,
            user: true,
            rels: vec![r],
        });
    }

    // ---- default rows
    let contains = |v: &Vec<String>, s: &str| v.iter().any(|x| x == s);
    let ov_nox: Vec<String> = vars
        .ov
        .iter()
        .filter(|s| !contains(&vars.ov_x, s))
        .cloned()
        .collect();
    let mut defaults: Vec<(String, Op, String)> = Vec::new();
    for v in &ord {
        for t in 1..n_categories(v) {
            defaults.push((v.clone(), Op::Threshold, format!("t{t}")));
        }
    }
    for v in ov_nox.iter().chain(vars.lv.iter()) {
        defaults.push((v.clone(), Op::Covariance, v.clone()));
    }
    let pairs = |names: &[String], out: &mut Vec<(String, Op, String)>| {
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                out.push((names[i].clone(), Op::Covariance, names[j].clone()));
            }
        }
    };
    pairs(&vars.lv_x, &mut defaults);
    let lvov_y: Vec<String> = vars.lv_y.iter().chain(vars.ov_y.iter()).cloned().collect();
    pairs(&lvov_y, &mut defaults);
    for j in 0..vars.ov_x.len() {
        for i in j..vars.ov_x.len() {
            defaults.push((vars.ov_x[j].clone(), Op::Covariance, vars.ov_x[i].clone()));
        }
    }
    for v in &ord {
        defaults.push((v.clone(), Op::Scale, v.clone()));
    }
    if meanstructure {
        for v in vars.ov.iter().chain(vars.lv.iter()) {
            defaults.push((v.clone(), Op::Intercept, String::new()));
        }
    }
    for (lhs, op, rhs) in defaults {
        let dup = seen.contains(&(lhs.clone(), op, rhs.clone()))
            || (op == Op::Covariance && seen.contains(&(rhs.clone(), op, lhs.clone())));
        if !dup {
            rows.push(Row {
                lhs,
                op,
                rhs,
                user: false,
                rels: Vec::new(),
            });
        }
    }

    // ---- free/fixed by lavaan's rules
    let n = rows.len();
    let mut free = vec![true; n];
    let mut ustart: Vec<Option<f64>> = vec![None; n];
    let mut exo = vec![false; n];
    if opts.std_lv {
        for (i, r) in rows.iter().enumerate() {
            if r.op == Op::Covariance && r.lhs == r.rhs && is_lv(&r.lhs) {
                free[i] = false;
                ustart[i] = Some(1.0);
            }
        }
    } else {
        let mut marked = HashSet::new();
        for (i, r) in rows.iter().enumerate() {
            if r.op == Op::Loading && marked.insert(r.lhs.clone()) {
                free[i] = false;
                ustart[i] = Some(1.0);
            }
        }
    }
    // single-indicator factors: the indicator's residual variance is 0
    let mut n_ind: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.op == Op::Loading) {
        n_ind
            .entry(r.lhs.as_str())
            .or_default()
            .push(r.rhs.as_str());
    }
    let indicator_count = |name: &str| {
        rows.iter()
            .filter(|r| r.op == Op::Loading && r.rhs == name)
            .count()
    };
    let single: Vec<String> = n_ind
        .values()
        .filter(|v| v.len() == 1 && indicator_count(v[0]) == 1 && !is_lv(v[0]))
        .map(|v| v[0].to_string())
        .collect();
    for (i, r) in rows.iter().enumerate() {
        if !r.user && r.op == Op::Covariance && r.lhs == r.rhs && single.contains(&r.lhs) {
            free[i] = false;
            ustart[i] = Some(0.0);
        }
        if opts.orthogonal
            && !r.user
            && r.op == Op::Covariance
            && r.lhs != r.rhs
            && is_lv(&r.lhs)
            && is_lv(&r.rhs)
        {
            free[i] = false;
            ustart[i] = Some(0.0);
        }
        if meanstructure && !r.user && r.op == Op::Intercept && is_lv(&r.lhs) {
            free[i] = false;
            ustart[i] = Some(0.0);
        }
        if is_ord(&r.lhs) && !r.user {
            match r.op {
                // delta parameterization: intercepts 0, scales 1, residual
                // variances derived (fixed rows, value set by the estimator)
                Op::Intercept => {
                    free[i] = false;
                    ustart[i] = Some(0.0);
                }
                Op::Scale => {
                    free[i] = false;
                    ustart[i] = Some(1.0);
                }
                Op::Covariance if r.lhs == r.rhs => {
                    free[i] = false;
                    ustart[i] = None;
                }
                _ => {}
            }
        }
        if opts.fixed_x && !r.user {
            let x_cov = r.op == Op::Covariance
                && contains(&vars.ov_x, &r.lhs)
                && contains(&vars.ov_x, &r.rhs);
            let x_int = r.op == Op::Intercept && contains(&vars.ov_x, &r.lhs);
            if x_cov || x_int {
                free[i] = false;
                ustart[i] = None;
                exo[i] = true;
            }
        }
    }

    // ---- modifiers, per group
    let mut params = Vec::with_capacity(n * n_groups);
    let mut starts: Vec<Option<f64>> = Vec::new();
    let mut lowers: Vec<Option<f64>> = Vec::new();
    let mut uppers: Vec<Option<f64>> = Vec::new();
    let mut single_labels: Vec<String> = Vec::new();
    for g in 0..n_groups {
        for (i, r) in rows.iter().enumerate() {
            let mut p = Param {
                lhs: r.lhs.clone(),
                op: r.op,
                rhs: r.rhs.clone(),
                group: g + 1,
                user: r.user,
                free: usize::from(free[i]),
                ustart: ustart[i],
                exo: exo[i],
                label: String::new(),
                pos: r.rels.first().map(|x| x.rhs.pos),
            };
            if g > 0 && !r.user && group_default_free(r.op, &r.lhs, &r.rhs, &vars, opts) {
                p.free = 1;
                p.ustart = None;
            }
            let (mut start, mut lower, mut upper) = (None, None, None);
            for rel in &r.rels {
                let pos = rel.rhs.pos;
                for m in &rel.rhs.modifiers {
                    match m {
                        Modifier::Fixed(v) => match per_group(v, g, n_groups, pos)? {
                            ModValue::Number(x) => {
                                p.free = 0;
                                p.ustart = Some(x);
                            }
                            ModValue::Na => {
                                p.free = 1;
                                p.ustart = None;
                            }
                            ModValue::Label(_) => unreachable!("parser separates labels"),
                        },
                        Modifier::Label(v) => {
                            p.label = per_group(v, g, n_groups, pos)?;
                            if g == 0 && n_groups > 1 && v.len() == 1 && opts.group_equal.is_empty()
                            {
                                push_unique(&mut single_labels, &p.label);
                            }
                        }
                        Modifier::Start(v) => start = Some(per_group(v, g, n_groups, pos)?),
                        Modifier::Lower(v) => lower = Some(per_group(v, g, n_groups, pos)?),
                        Modifier::Upper(v) => upper = Some(per_group(v, g, n_groups, pos)?),
                    }
                }
            }
            if p.free > 0 && start.is_some() {
                p.ustart = start;
            }
            starts.push(start);
            lowers.push(lower.filter(|x: &f64| !x.is_nan()));
            uppers.push(upper.filter(|x: &f64| !x.is_nan()));
            params.push(p);
        }
    }

    if !single_labels.is_empty() {
        notes.push(crate::warnings::WarningText::SingleLabelAcrossGroups {
            labels: single_labels,
        });
    }
    let equal_pairs = if n_groups > 1 {
        group_equal_labels(&mut params, n, &vars, opts)?
    } else {
        Vec::new()
    };

    // ---- shared labels: equal parameters (fixed ones must agree)
    let mut by_label: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in params.iter().enumerate() {
        if !p.label.is_empty() {
            by_label.entry(p.label.clone()).or_default().push(i);
        }
    }
    for idx in by_label.values() {
        let fixed: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| params[i].free == 0)
            .collect();
        if let Some(&f0) = fixed.first() {
            for &i in idx {
                let (a, b) = (params[f0].ustart, params[i].ustart);
                if params[i].free == 0 && a != b {
                    return Err(ModelError::LabelConflict {
                        label: params[i].label.clone(),
                        pos: params[i].pos.unwrap_or_default(),
                        first: params[f0].name(),
                        second: params[i].name(),
                    });
                }
                params[i].free = 0;
                params[i].ustart = a;
            }
        }
    }

    // ---- number the free parameters; labels share a number
    let mut n_free = 0;
    let mut label_index: HashMap<String, usize> = HashMap::new();
    let mut bounds: Vec<(Option<f64>, Option<f64>)> = Vec::new();
    for (i, p) in params.iter_mut().enumerate() {
        if p.free == 0 {
            continue;
        }
        let k = if p.label.is_empty() {
            None
        } else {
            label_index.get(&p.label).copied()
        };
        p.free = match k {
            Some(k) => k,
            None => {
                n_free += 1;
                bounds.push((None, None));
                if !p.label.is_empty() {
                    label_index.insert(p.label.clone(), n_free);
                }
                n_free
            }
        };
        let b = &mut bounds[p.free - 1];
        if let Some(l) = lowers[i] {
            b.0 = Some(b.0.map_or(l, |x: f64| x.max(l)));
        }
        if let Some(u) = uppers[i] {
            b.1 = Some(b.1.map_or(u, |x: f64| x.min(u)));
        }
    }

    let mut pt = ParTable {
        params,
        defined,
        constraints,
        n_free,
        n_groups,
        vars,
        meanstructure,
        bounds,
        notes,
        ordinal: ord,
        equal_pairs,
    };
    check_expressions(&mut pt)?;
    Ok(pt)
}

/// Rows of groups 2, 3, … that lavaan frees although they are fixed in
/// group 1 (`R/lav_partable_flat.R`): latent means when intercepts (or
/// thresholds) are equal across groups and means are not, the scaling
/// factors of ordinal items when thresholds are equal, and with `std.lv`
/// the latent variances when loadings are equal and latent variances are not.
fn group_default_free(op: Op, lhs: &str, rhs: &str, vars: &Variables, opts: &ModelOptions) -> bool {
    let eq = |k: GroupEqual| opts.group_equal.contains(&k);
    let is_lv = vars.lv.iter().any(|x| x == lhs);
    match op {
        Op::Intercept => {
            is_lv
                && (eq(GroupEqual::Intercepts) || eq(GroupEqual::Thresholds))
                && !eq(GroupEqual::Means)
        }
        // delta parameterization: the scaling factors are free in groups
        // 2, 3, … when the thresholds are equal (`auto.delta`)
        Op::Scale => eq(GroupEqual::Thresholds),
        Op::Covariance => {
            opts.std_lv
                && is_lv
                && lhs == rhs
                && eq(GroupEqual::Loadings)
                && !eq(GroupEqual::LvVariances)
        }
        _ => false,
    }
}

/// lavaan's `group.equal` and `group.partial` (`R/lav_partable_labels.R`):
/// each row of group 1 of a kind listed in `group.equal` and not in
/// `group.partial` shares its label with the same row of every other group
/// — its plabel `.p<row>.`, as lavaan prints it — unless the user labelled
/// those rows; a shared label makes the rows one parameter. `rows` is the
/// number of rows per group (`params` holds the groups one after another).
/// Kinds in `opts.group_equal_separate` are not labelled; their pairs of
/// free rows are returned instead.
fn group_equal_labels(
    params: &mut [Param],
    rows: usize,
    vars: &Variables,
    opts: &ModelOptions,
) -> Result<Vec<(usize, usize)>, ModelError> {
    let mut pairs = Vec::new();
    let n_groups = params.len() / rows.max(1);
    let partial: Vec<String> = opts
        .group_partial
        .iter()
        .map(|t| normalize_partial(t))
        .collect();
    let lavaan_name = |p: &Param| normalize_partial(&p.name());
    // every group.partial entry must name a row of the model
    for (t, text) in partial.iter().zip(&opts.group_partial) {
        let covariance_swapped = |p: &Param| {
            p.op == Op::Covariance && normalize_partial(&format!("{}~~{}", p.rhs, p.lhs)) == *t
        };
        if !params[..rows]
            .iter()
            .any(|p| lavaan_name(p) == *t || covariance_swapped(p))
        {
            return Err(ModelError::UnknownGroupPartial {
                text: text.trim().to_string(),
            });
        }
    }
    let is_lv = |s: &str| vars.lv.iter().any(|x| x == s);
    let is_ov_nox = |s: &str| !is_lv(s) && !vars.ov_x.iter().any(|x| x == s);
    let eq = |k: GroupEqual| opts.group_equal.contains(&k);
    for i in 0..rows {
        let p = &params[i];
        let kind = match p.op {
            Op::Loading => Some(GroupEqual::Loadings),
            Op::Intercept if is_lv(&p.lhs) => Some(GroupEqual::Means),
            Op::Intercept if is_ov_nox(&p.lhs) => Some(GroupEqual::Intercepts),
            Op::Threshold => Some(GroupEqual::Thresholds),
            Op::Regression => Some(GroupEqual::Regressions),
            Op::Covariance if is_lv(&p.lhs) => Some(if p.lhs == p.rhs {
                GroupEqual::LvVariances
            } else {
                GroupEqual::LvCovariances
            }),
            Op::Covariance if is_ov_nox(&p.lhs) => Some(if p.lhs == p.rhs {
                GroupEqual::Residuals
            } else {
                GroupEqual::ResidualCovariances
            }),
            _ => None,
        };
        let separate = kind.is_some_and(|k| opts.group_equal_separate.contains(&k));
        let kind = kind.is_some_and(eq);
        let name = lavaan_name(p);
        let swapped = normalize_partial(&format!("{}{}{}", p.rhs, p.op, p.lhs));
        let exempt = partial
            .iter()
            .any(|t| *t == name || (p.op == Op::Covariance && *t == swapped));
        if !kind || exempt || !p.label.is_empty() {
            continue;
        }
        if separate {
            for g in 1..n_groups {
                let j = g * rows + i;
                if params[i].free > 0 && params[j].free > 0 && params[j].label.is_empty() {
                    pairs.push((i, j));
                }
            }
            continue;
        }
        let label = format!(".p{}.", i + 1);
        for g in 0..n_groups {
            let q = &mut params[g * rows + i];
            if q.label.is_empty() {
                q.label = label.clone();
            }
        }
    }
    Ok(pairs)
}

/// Checks the labels used in `:=` and constraints; turns simple bounds
/// (`a > 0`, `a < 1`) into bounds on the free parameter.
fn check_expressions(pt: &mut ParTable) -> Result<(), ModelError> {
    let labels: HashSet<String> = pt
        .params
        .iter()
        .filter(|p| !p.label.is_empty())
        .map(|p| p.label.clone())
        .collect();
    let mut known = labels.clone();
    for d in &pt.defined {
        for (v, pos) in d.expr.variables() {
            if !known.contains(&v) {
                return Err(ModelError::UnknownLabel { label: v, pos });
            }
        }
        if labels.contains(&d.name) {
            return Err(ModelError::NotSupported {
                what: format!(
                    "defining `{}` with `:=` when it is already a parameter label",
                    d.name
                ),
                pos: d.pos,
            });
        }
        known.insert(d.name.clone());
    }
    let mut keep = Vec::new();
    for c in std::mem::take(&mut pt.constraints) {
        for (v, pos) in c.lhs.variables().into_iter().chain(c.rhs.variables()) {
            if !known.contains(&v) {
                return Err(ModelError::UnknownLabel { label: v, pos });
            }
        }
        // simple bound: label op constant (or constant op label)
        let simple = match (&c.lhs, &c.rhs, c.op) {
            (_, _, ConstraintOp::Equal) => None,
            (Expr::Var(name, _), rhs, op) if rhs.variables().is_empty() => Some((
                name.clone(),
                rhs.eval(&|_| f64::NAN),
                op == ConstraintOp::Greater,
            )),
            (lhs, Expr::Var(name, _), op) if lhs.variables().is_empty() => Some((
                name.clone(),
                lhs.eval(&|_| f64::NAN),
                op == ConstraintOp::Less,
            )),
            _ => None,
        };
        match simple {
            Some((name, value, is_lower)) if labels.contains(&name) => {
                if let Some(p) = pt.params.iter().find(|p| p.label == name) {
                    if p.free > 0 {
                        let b = &mut pt.bounds[p.free - 1];
                        if is_lower {
                            b.0 = Some(b.0.map_or(value, |x| x.max(value)));
                        } else {
                            b.1 = Some(b.1.map_or(value, |x| x.min(value)));
                        }
                    }
                }
            }
            Some(_) | None if c.op != ConstraintOp::Equal => {
                return Err(ModelError::NotSupported {
                    what: "an inequality constraint on an expression (only `label > number` and `label < number`)".into(),
                    pos: c.pos,
                })
            }
            _ => keep.push(c),
        }
    }
    pt.constraints = keep;
    Ok(())
}

/// Checks that the model has no more free parameters than sample statistics;
/// `n_eq` is the number of independent equality constraints.
pub fn check_identification(pt: &ParTable, n_eq: usize) -> Result<(), ModelError> {
    if pt.n_free == 0 {
        return Ok(());
    }
    let n_data = pt.n_data();
    let npar = pt.n_free - n_eq;
    if npar <= n_data {
        return Ok(());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen = HashSet::new();
    for p in &pt.params {
        if p.free == 0 || !seen.insert(p.free) {
            continue;
        }
        let kind = match p.op {
            Op::Loading => "loadings",
            Op::Regression => "regressions",
            Op::Intercept => "intercepts",
            Op::Covariance if p.lhs == p.rhs => "variances",
            Op::Covariance => "covariances",
            Op::Threshold => "thresholds",
            Op::Scale => "scaling factors",
        };
        *counts.entry(kind).or_default() += 1;
    }
    let breakdown = counts
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(ModelError::Underidentified {
        n_free: npar,
        n_data,
        breakdown,
    })
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A model error in Chinese.
fn zh_text(e: &ModelError) -> String {
    match e {
        ModelError::Syntax(e) => e.message(Lang::Zh),
        ModelError::UnknownVariable {
            name,
            pos,
            suggestion,
        } => match suggestion {
            Some(s) => format!("{}`{name}` 不是数据中的列（是否想写 `{s}`？）", pos.zh_prefix()),
            None => format!(
                "{}`{name}` 不是数据中的列，也不是用 `=~` 定义的潜变量",
                pos.zh_prefix()
            ),
        },
        ModelError::LatentWithoutIndicators { name, pos } => format!(
            "{}`{name}` 被当作潜变量使用，但它没有测量题项，也不是数据中的列；请用 `{name} =~ item1 + item2 + item3` 定义它",
            pos.zh_prefix()
        ),
        ModelError::LatentIsColumn { name, pos } => format!(
            "{}`{name}` 用 `=~` 定义为潜变量，但它也是数据中的一列；潜变量需要一个与列名不同的名字：请给潜变量改名（如 `{name}_f`）或给这一列改名",
            pos.zh_prefix()
        ),
        ModelError::InteractionWithLatent { term, latent, pos } => format!(
            "{}交互项 `{term}` 是数据中各列的乘积，但 `{latent}` 是潜变量；lavaan 不支持潜变量的交互项；请改用合成分数（把 `{latent}` 的题项取平均，作为新的一列），再用它写交互项",
            pos.zh_prefix()
        ),
        ModelError::LabelConflict {
            label,
            pos,
            first,
            second,
        } => format!(
            "{}标签 `{label}` 使 `{first}` 与 `{second}` 相等，但二者被固定为不同的值",
            pos.zh_prefix()
        ),
        ModelError::UnknownLabel { label, pos } => format!(
            "{}`{label}` 不是任何参数的标签；请先为参数加上标签，如 `y ~ {label}*x`",
            pos.zh_prefix()
        ),
        ModelError::SelfReference { name, pos } => {
            format!("{}`{name}` 不能对自身回归，也不能由自身测量", pos.zh_prefix())
        }
        ModelError::NotSupported { what, pos } => {
            format!("{}暂不支持{}", pos.zh_prefix(), not_supported_zh(what))
        }
        ModelError::ModifierValues { pos, given, groups } => format!(
            "{}修饰符给出了 {given} 个值，但模型有 {groups} 个组",
            pos.zh_prefix()
        ),
        ModelError::BadThreshold {
            item,
            threshold,
            n_categories,
            pos,
        } => {
            if *n_categories == 0 {
                format!(
                    "{}`{item} | {threshold}` 是阈值，但 `{item}` 没有被声明为有序变量；请将其声明为有序（如 `--ordered {item}`）或删除这一行",
                    pos.zh_prefix()
                )
            } else {
                format!(
                    "{}`{item}` 有 {n_categories} 个观测类别，其阈值为 `t1` 到 `t{}`；`{threshold}` 不在其中",
                    pos.zh_prefix(),
                    n_categories - 1
                )
            }
        }
        ModelError::Underidentified {
            n_free,
            n_data,
            breakdown: b,
        } => format!(
            "模型不可识别：它有 {n_free} 个自由参数（{}），而数据只提供 {n_data} 个方差、协方差和均值（自由度为 {}）；请固定或删除 {} 个参数，例如将一个载荷固定为 1，或删除一个协方差",
            breakdown(b),
            *n_data as i64 - *n_free as i64,
            *n_free as i64 - *n_data as i64
        ),
        ModelError::EmptyModel => {
            "模型为空：请至少写一行，如 `factor =~ item1 + item2 + item3`".to_string()
        }
        ModelError::UnknownGroupPartial { text } => format!(
            "`{text}`（从组间等同约束中释放的参数）不是模型中的参数；请按模型中的写法给出，如截距写作 `x3 ~ 1`，载荷写作 `visual =~ x2`"
        ),
        ModelError::UnknownGroupEqual { text } => format!(
            "`{text}` 不是可以在组间设为相等的参数类型；请使用 {}",
            GroupEqual::ALL.iter().map(|g| format!("`{}`", g.as_str())).collect::<Vec<_>>().join("、")
        ),
    }
}

fn not_supported_zh(what: &str) -> String {
    if let Some(k) = what
        .strip_prefix("a `")
        .and_then(|r| r.strip_suffix(":` block (multi-group and multilevel models)"))
    {
        return format!("`{k}:` 块（多组模型与多层模型）");
    }
    if let Some(item) = what.strip_prefix("a variance for the ordinal item `") {
        let item = item.split('`').next().unwrap_or(item);
        return format!("为有序题项 `{item}` 设定方差（在 delta 参数化下，其残差方差由模型决定）");
    }
    if let Some(name) = what.strip_prefix("defining `") {
        let name = name.split('`').next().unwrap_or(name);
        return format!("用 `:=` 定义已作为参数标签的 `{name}`");
    }
    phrase(what)
}

impl Localized for ModelError {
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

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn hs_cfa_defaults() {
        let pt = build(
            "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9",
            &cols(&["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"]),
            &ModelOptions::default(),
            1,
        )
        .unwrap();
        assert_eq!(pt.params.len(), 9 + 9 + 3 + 3);
        assert_eq!(pt.n_free, 21);
        assert_eq!(pt.n_data(), 45);
        assert_eq!(pt.params[0].free, 0);
        assert_eq!(pt.params[0].ustart, Some(1.0));
        assert_eq!(pt.params[21].name(), "visual ~~ textual");
    }

    #[test]
    fn structural_defaults() {
        let pt = build(
            "f1 =~ a + b + c\nf2 =~ d + e + f\nf3 =~ g + h + i\nf2 ~ f1\nf3 ~ f1",
            &cols(&["a", "b", "c", "d", "e", "f", "g", "h", "i"]),
            &ModelOptions::default(),
            1,
        )
        .unwrap();
        assert!(pt.find("f2", Op::Covariance, "f3", 1).is_some());
        assert!(pt.find("f1", Op::Covariance, "f2", 1).is_none());
        assert_eq!(pt.vars.lv_x, vec!["f1"]);
    }

    #[test]
    fn ordinal_items_get_thresholds_scales_and_fixed_intercepts() {
        let ord = [
            ("a".to_string(), 3),
            ("b".to_string(), 2),
            ("c".to_string(), 5),
        ];
        let pt = build_ordinal(
            "f =~ a + b + c",
            &cols(&["a", "b", "c"]),
            &ModelOptions::default(),
            1,
            &ord,
        )
        .unwrap();
        assert!(pt.meanstructure);
        assert_eq!(pt.ordinal, vec!["a", "b", "c"]);
        let names: Vec<String> = pt.params.iter().map(|p| p.name()).collect();
        assert_eq!(names[3..6], ["a | t1", "a | t2", "b | t1"]);
        // 2 loadings, the factor variance and 7 thresholds
        assert_eq!(pt.n_free, 10);
        // 7 thresholds and 3 correlations
        assert_eq!(pt.n_data(), 10);
        let row = |lhs: &str, op: Op, rhs: &str| &pt.params[pt.find(lhs, op, rhs, 1).unwrap()];
        assert_eq!(
            (
                row("a", Op::Scale, "a").free,
                row("a", Op::Scale, "a").ustart
            ),
            (0, Some(1.0))
        );
        assert_eq!(
            (
                row("a", Op::Intercept, "").free,
                row("a", Op::Intercept, "").ustart
            ),
            (0, Some(0.0))
        );
        assert_eq!(
            (
                row("a", Op::Covariance, "a").free,
                row("a", Op::Covariance, "a").ustart
            ),
            (0, None)
        );
        let err = build_ordinal(
            "f =~ a + b + c\nb | t2",
            &cols(&["a", "b", "c"]),
            &ModelOptions::default(),
            1,
            &ord,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("`b` has 2 observed categories"),
            "{err}"
        );
    }

    #[test]
    fn fixed_x_covariates() {
        let pt = build(
            "y ~ x1 + x2",
            &cols(&["y", "x1", "x2"]),
            &ModelOptions::default(),
            1,
        )
        .unwrap();
        assert_eq!(pt.vars.ov_x, vec!["x1", "x2"]);
        assert_eq!(pt.n_free, 3);
        assert_eq!(pt.n_data(), 3);
        assert!(pt.params.iter().filter(|p| p.exo).count() == 3);
    }
}
