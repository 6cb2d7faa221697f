//! Warnings about an analysis, in plain words with what to try.
//!
//! A [`Warning`] has a [`WarningKind`] (what sort of problem), its English
//! `message`, and the [`WarningText`] it was made from: the problem with
//! its numbers and names, which [`crate::i18n::Localized`] renders in any
//! language. The English text of every warning is in
//! [`WarningText`]'s `Display`, the Chinese in [`crate::i18n::zh`].

use crate::i18n::zh::position_prefix;
use crate::i18n::{Lang, Localized};
use crate::syntax::Pos;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of problem a warning reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    NotConverged,
    NegativeVariance,
    NonPositiveDefiniteLatent,
    NonPositiveDefiniteResidual,
    StandardizedAboveOne,
    StandardErrors,
    SmallSample,
    RowsDropped,
    ModelNote,
}

/// A warning in plain words, with what to try.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// The English message (`text` rendered in English).
    pub message: String,
    /// The problem with its numbers and names, for other languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<WarningText>,
}

impl Warning {
    /// The warning of a problem.
    pub fn new(text: WarningText) -> Warning {
        Warning {
            kind: text.kind(),
            message: text.to_string(),
            text: Some(text),
        }
    }
}

/// Every problem a warning can report, with what it names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningText {
    /// The starting values give a non-positive-definite Σ.
    BadStart,
    /// The optimizer stopped without converging.
    NotConverged {
        iterations: usize,
        max_grad: f64,
    },
    /// The information matrix is singular.
    NoStandardErrors,
    /// The robust (MLR, MLM) information is singular.
    RobustNoStandardErrors {
        estimator: String,
    },
    /// Σ̂ is not positive definite, so no robust SEs.
    RobustNotPositiveDefinite,
    /// Listwise deletion left rows out.
    RowsDropped {
        dropped: usize,
        read: usize,
        used: usize,
    },
    /// Under FIML, rows without any value were left out.
    EmptyRows {
        empty: usize,
        read: usize,
        used: usize,
    },
    /// Under FIML, rows missing a fixed covariate were left out.
    CovariateRows {
        rows: usize,
    },
    /// Rows without a value in the group column, left out of every group
    /// (lavaan: "group variable ... contains missing values").
    RowsWithoutGroup {
        rows: usize,
        column: String,
    },
    /// A variable (or a pair) observed in under 10% of the rows.
    LowCoverage {
        first: String,
        second: Option<String>,
        percent: f64,
    },
    /// The EM of the unrestricted model did not converge.
    EmNotConverged {
        iterations: usize,
    },
    /// A Heywood case.
    NegativeVariance {
        name: String,
        value: f64,
    },
    NonPositiveDefiniteLatent,
    NonPositiveDefiniteResidual,
    /// A standardized value beyond ±1.
    StandardizedAboveOne {
        lhs: String,
        op: String,
        rhs: String,
        value: f64,
    },
    /// Fewer than 5 cases per free parameter.
    SmallSample {
        n: usize,
        npar: usize,
    },
    /// The same under WLSMV, counting parameters besides the thresholds.
    SmallSampleOrdinal {
        n: usize,
        npar: usize,
    },
    /// A polychoric correlation did not converge.
    PolychoricNotConverged {
        first: String,
        second: String,
    },
    /// A polychoric correlation of (nearly) 1.
    PolychoricNearOne {
        first: String,
        second: String,
        rho: f64,
    },
    /// The bootstrap was stopped, or some draws failed or were improper.
    Bootstrap {
        /// (draws made, draws asked for) when it was stopped.
        stopped: Option<(usize, usize)>,
        /// (failed, draws made) when some failed.
        failed: Option<(usize, usize)>,
        nonadmissible: usize,
        ok: usize,
    },
    /// The regressions form a cycle (a non-recursive model): no indirect
    /// effects are listed. The variables in order, each regressed on the one
    /// before and the first on the last.
    RegressionCycle {
        variables: Vec<String>,
    },
    /// A statement that appears twice in the model (the repeat is ignored).
    Duplicate {
        line: usize,
        column: usize,
        lhs: String,
        op: String,
        rhs: String,
    },
    /// Labels written once in a multi-group model: lavaan recycles them to
    /// every group, which makes those parameters equal across groups
    /// (`R/lav_partable.R`, its "single label per parameter" warning).
    SingleLabelAcrossGroups {
        labels: Vec<String>,
    },
}

impl WarningText {
    /// The kind of problem.
    pub fn kind(&self) -> WarningKind {
        use WarningText::*;
        match self {
            BadStart | NotConverged { .. } | EmNotConverged { .. } => WarningKind::NotConverged,
            PolychoricNotConverged { .. } => WarningKind::NotConverged,
            NoStandardErrors
            | RobustNoStandardErrors { .. }
            | RobustNotPositiveDefinite
            | Bootstrap { .. } => WarningKind::StandardErrors,
            RowsDropped { .. }
            | EmptyRows { .. }
            | CovariateRows { .. }
            | RowsWithoutGroup { .. } => WarningKind::RowsDropped,
            LowCoverage { .. }
            | Duplicate { .. }
            | RegressionCycle { .. }
            | SingleLabelAcrossGroups { .. } => WarningKind::ModelNote,
            NegativeVariance { .. } => WarningKind::NegativeVariance,
            NonPositiveDefiniteLatent => WarningKind::NonPositiveDefiniteLatent,
            NonPositiveDefiniteResidual => WarningKind::NonPositiveDefiniteResidual,
            StandardizedAboveOne { .. } | PolychoricNearOne { .. } => {
                WarningKind::StandardizedAboveOne
            }
            SmallSample { .. } | SmallSampleOrdinal { .. } => WarningKind::SmallSample,
        }
    }

    /// The note of a duplicate statement at `pos`.
    pub fn duplicate(pos: Pos, lhs: &str, op: &str, rhs: &str) -> WarningText {
        WarningText::Duplicate {
            line: pos.line,
            column: pos.col,
            lhs: lhs.to_string(),
            op: op.to_string(),
            rhs: rhs.to_string(),
        }
    }
}

/// "1 row has" / "3 rows have": a count of rows with its verb.
fn rows_with(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 row {one}")
    } else {
        format!("{n} rows {many}")
    }
}

fn was_were(n: usize) -> &'static str {
    if n == 1 {
        "was"
    } else {
        "were"
    }
}

impl fmt::Display for WarningText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WarningText::*;
        match self {
            BadStart => write!(f, "the model could not be estimated: the starting values give a covariance matrix that is not positive definite; check the model for errors, or give start values (e.g. `start(0.5)*x`)"),
            NotConverged { iterations, max_grad } => write!(f, "the estimation did not converge after {iterations} iterations (largest gradient {max_grad:.2e}); the results below are not trustworthy. Check the model for identification problems, or simplify it"),
            NoStandardErrors => write!(f, "standard errors could not be computed: the information matrix is singular, so the model is probably not identified (a factor without a fixed loading or variance, or too many free paths)"),
            RobustNoStandardErrors { estimator } => write!(f, "robust ({estimator}) standard errors could not be computed: the information matrix is singular, so the model is probably not identified"),
            RobustNotPositiveDefinite => write!(f, "robust standard errors could not be computed: the model-implied covariance matrix is not positive definite"),
            RowsDropped { dropped, read, used } => write!(f, "{dropped} of {read} rows have a missing value in a model variable and were left out (listwise deletion); {used} rows were used"),
            EmptyRows { empty, read, used } => write!(f, "{empty} of {read} rows have no value on any model variable and were left out (as lavaan does); full-information ML used the other {used} rows"),
            CovariateRows { rows } => {
                let (these, were) = (rows_with(*rows, "misses", "miss"), was_were(*rows));
                write!(f, "{these} a value on an exogenous covariate and {were} left out: covariates are taken as fixed (lavaan's fixed.x), so full-information ML cannot use rows without them")
            }
            RowsWithoutGroup { rows, column } => {
                let (these, were) = (rows_with(*rows, "has", "have"), was_were(*rows));
                let belong = if *rows == 1 { "it belongs" } else { "they belong" };
                write!(f, "{these} no value in the group column \"{column}\" and {were} left out: {belong} to no group (as lavaan does)")
            }
            LowCoverage { first, second, percent } => {
                let what = match second {
                    None => format!("`{first}` is observed"),
                    Some(s) => format!("`{first}` and `{s}` are observed together"),
                };
                write!(f, "some variables are rarely observed together: {what} in only {percent:.1}% of the rows; estimates involving them rest on few cases (lavaan warns below 10% coverage)")
            }
            EmNotConverged { iterations } => write!(f, "the EM estimates of the means and covariances (the unrestricted model under FIML) did not converge in {iterations} iterations; the χ² test and fit indices may be inaccurate"),
            NegativeVariance { name, value } => write!(f, "the variance of `{name}` is estimated negative ({value:.3}), a Heywood case: the solution is improper. Check for an item that barely relates to its factor, a factor with only two items, or a too small sample"),
            NonPositiveDefiniteLatent => write!(f, "the covariance matrix of the latent variables is not positive definite: a factor correlation may exceed 1 or a latent variance is negative; two factors may measure the same thing"),
            NonPositiveDefiniteResidual => write!(f, "the residual covariance matrix of the observed variables is not positive definite (a negative residual variance or a residual correlation beyond ±1)"),
            StandardizedAboveOne { lhs, op, rhs, value } => write!(f, "the standardized value of `{lhs} {op} {rhs}` is {value:.3}, beyond ±1: the solution is improper (often a sign of multicollinearity or a negative variance)"),
            SmallSample { n, npar } => write!(f, "the sample is small for this model: {n} cases for {npar} free parameters (fewer than 5 per parameter); estimates and fit indices may be unstable"),
            SmallSampleOrdinal { n, npar } => write!(f, "the sample is small for this model: {n} cases for {npar} free parameters besides the thresholds (fewer than 5 per parameter); estimates and fit indices may be unstable"),
            PolychoricNotConverged { first, second } => write!(f, "the polychoric correlation of `{first}` and `{second}` did not converge; check their cross-table for almost empty rows or columns"),
            PolychoricNearOne { first, second, rho } => write!(f, "the polychoric correlation of `{first}` and `{second}` is (nearly) 1 ({rho:.3}): the two items may be duplicates"),
            Bootstrap { stopped, failed, nonadmissible, ok } => {
                let mut parts = Vec::new();
                if let Some((completed, requested)) = stopped {
                    parts.push(format!("the bootstrap was stopped after {completed} of {requested} draws"));
                }
                if let Some((n, completed)) = failed {
                    parts.push(format!("{n} of {completed} bootstrap draws failed (no convergence or an unusable resample) and were left out"));
                }
                if *nonadmissible > 0 {
                    parts.push(format!("{nonadmissible} bootstrap draws have a negative variance estimate (kept, as lavaan does)"));
                }
                write!(f, "{}; the bootstrap results rest on {ok} draws", parts.join("; "))
            }
            RegressionCycle { variables } => write!(f, "the regressions form a cycle ({}), so indirect effects cannot be listed path by path and the effects table is left out", cycle_text(variables)),
            Duplicate { line, column, lhs, op, rhs } => write!(f, "line {line}, column {column}: `{lhs} {op} {rhs}` appears twice; the repeat was ignored"),
            SingleLabelAcrossGroups { labels } => write!(f, "the label(s) {} are written once in a multi-group model, so they apply to every group and make those parameters equal across groups (as lavaan does); if that is not intended, give one label per group, e.g. `c(a1, a2)*x`", labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")),
        }
    }
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A warning in Chinese.
fn zh_text(w: &WarningText) -> String {
    use WarningText::*;
    match w {
        BadStart => "无法估计模型：起始值导致协方差矩阵不正定；请检查模型是否有误，或给出起始值（如 `start(0.5)*x`）".into(),
        NotConverged { iterations, max_grad } => format!("估计在 {iterations} 次迭代后仍未收敛（最大梯度 {max_grad:.2e}）；以下结果不可信。请检查模型的识别问题，或简化模型"),
        NoStandardErrors => "无法计算标准误：信息矩阵奇异，模型很可能不可识别（某个因子既没有固定载荷也没有固定方差，或自由路径过多）".into(),
        RobustNoStandardErrors { estimator } => format!("无法计算稳健（{estimator}）标准误：信息矩阵奇异，模型很可能不可识别"),
        RobustNotPositiveDefinite => "无法计算稳健标准误：模型隐含协方差矩阵不正定".into(),
        RowsDropped { dropped, read, used } => format!("{read} 行中有 {dropped} 行在模型变量上存在缺失值，已被删除（列删除法）；实际使用 {used} 行"),
        EmptyRows { empty, read, used } => format!("{read} 行中有 {empty} 行在所有模型变量上均无取值，已被删除（与 lavaan 相同）；全信息最大似然使用了其余 {used} 行"),
        CovariateRows { rows } => format!("{rows} 行缺少外生协变量的值，已被删除：协变量被视为固定（lavaan 的 fixed.x），全信息最大似然无法使用缺少协变量的行"),
        RowsWithoutGroup { rows, column } => format!("{rows} 行在分组变量“{column}”上没有取值，不属于任何组，已被删除（与 lavaan 相同）"),
        LowCoverage { first, second, percent } => {
            let what = match second {
                None => format!("`{first}` 仅在 {percent:.1}% 的行中有观测值"),
                Some(s) => format!("`{first}` 与 `{s}` 仅在 {percent:.1}% 的行中同时有观测值"),
            };
            format!("有些变量很少同时被观测到：{what}；涉及它们的估计只依赖于少数个案（lavaan 在覆盖率低于 10% 时发出警告）")
        }
        EmNotConverged { iterations } => format!("均值与协方差的 EM 估计（FIML 下的非限定模型）在 {iterations} 次迭代内未收敛；χ² 检验和拟合指数可能不准确"),
        NegativeVariance { name, value } => format!("`{name}` 的方差估计为负值（{value:.3}），即 Heywood 现象：该解不合理。请检查是否有题项与其因子几乎无关、因子只有两个题项，或样本量过小"),
        NonPositiveDefiniteLatent => "潜变量的协方差矩阵不正定：可能有因子相关超过 1 或潜变量方差为负；两个因子可能测量的是同一事物".into(),
        NonPositiveDefiniteResidual => "观测变量的残差协方差矩阵不正定（存在负的残差方差或超出 ±1 的残差相关）".into(),
        StandardizedAboveOne { lhs, op, rhs, value } => format!("`{lhs} {op} {rhs}` 的标准化值为 {value:.3}，超出 ±1：该解不合理（常见原因是多重共线性或负方差）"),
        SmallSample { n, npar } => format!("相对于该模型样本量偏小：{n} 个个案对应 {npar} 个自由参数（每个参数不足 5 个个案）；估计值和拟合指数可能不稳定"),
        SmallSampleOrdinal { n, npar } => format!("相对于该模型样本量偏小：{n} 个个案对应除阈值外的 {npar} 个自由参数（每个参数不足 5 个个案）；估计值和拟合指数可能不稳定"),
        PolychoricNotConverged { first, second } => format!("`{first}` 与 `{second}` 的多分格相关未收敛；请检查二者的交叉表中是否有几乎为空的行或列"),
        PolychoricNearOne { first, second, rho } => format!("`{first}` 与 `{second}` 的多分格相关（几乎）为 1（{rho:.3}）：这两个题项可能重复"),
        Bootstrap { stopped, failed, nonadmissible, ok } => {
            let mut parts = Vec::new();
            if let Some((completed, requested)) = stopped {
                parts.push(format!("Bootstrap 在 {requested} 次抽样中的第 {completed} 次后被停止"));
            }
            if let Some((n, completed)) = failed {
                parts.push(format!("{completed} 次 Bootstrap 抽样中有 {n} 次失败（未收敛或重抽样不可用），已被剔除"));
            }
            if *nonadmissible > 0 {
                parts.push(format!("{nonadmissible} 次 Bootstrap 抽样出现负的方差估计（与 lavaan 一样予以保留）"));
            }
            format!("{}；Bootstrap 结果基于 {ok} 次抽样", parts.join("；"))
        }
        RegressionCycle { variables } => format!("回归路径构成循环（{}），无法逐条列出间接效应，因此未给出效应表", cycle_text(variables)),
        Duplicate { line, column, lhs, op, rhs } => format!("{}`{lhs} {op} {rhs}` 出现了两次；重复的一条已被忽略", position_prefix(*line, *column)),
        SingleLabelAcrossGroups { labels } => format!("标签 {} 在多组模型中只写了一次，因此适用于每个组，并使这些参数在各组间相等（与 lavaan 相同）；如非本意，请为每个组分别给出标签，如 `c(a1, a2)*x`", labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join("、")),
    }
}

impl Localized for WarningText {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}

impl Localized for Warning {
    fn message(&self, lang: Lang) -> String {
        match (&self.text, lang) {
            (Some(t), Lang::Zh) => zh_text(t),
            _ => self.message.clone(),
        }
    }
}

/// A cycle of variables as `a → b → a`.
fn cycle_text(variables: &[String]) -> String {
    let mut path = variables.join(" → ");
    if let Some(first) = variables.first() {
        path.push_str(" → ");
        path.push_str(first);
    }
    path
}

#[cfg(test)]
mod counts {
    use super::WarningText;

    #[test]
    fn one_row_is_singular_and_several_plural() {
        let one = WarningText::CovariateRows { rows: 1 }.to_string();
        assert!(
            one.starts_with("1 row misses a value on an exogenous covariate and was left out"),
            "{one}"
        );
        let four = WarningText::CovariateRows { rows: 4 }.to_string();
        assert!(
            four.starts_with("4 rows miss a value on an exogenous covariate and were left out"),
            "{four}"
        );
        let g = |rows| {
            WarningText::RowsWithoutGroup {
                rows,
                column: "sex".into(),
            }
            .to_string()
        };
        assert!(
            g(2).starts_with(
                "2 rows have no value in the group column \"sex\" and were left out: they belong"
            ),
            "{}",
            g(2)
        );
    }
}
