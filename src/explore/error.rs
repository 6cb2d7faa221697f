//! Why an exploration cannot run, in words a survey researcher understands
//! (English `Display`; Chinese through [`Localized`]).

use crate::analysis::AnalysisError;
use crate::data::DataError;
use crate::i18n::{Lang, Localized};
use crate::partable::ModelError;
use serde::Serialize;
use std::fmt;

/// Why the checks before the CFA could not be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ExploreError {
    /// The model text has an error (line and column in the message).
    Model(ModelError),
    /// A column is missing from the data or holds text.
    Data(DataError),
    /// Neither a model nor a list of items was given, or fewer than 3 items.
    TooFewItems { items: usize },
    /// An item named in `--items` or `--marker` is not a column of the data.
    UnknownItem { name: String },
    /// Fewer complete rows than items: the correlation matrix is singular.
    TooFewRows { rows: usize, items: usize },
    /// An item has the same value in every complete row.
    ConstantItem { name: String },
    /// The correlation matrix is singular: each group of items is linearly
    /// dependent (one of them is a weighted sum of the others).
    Singular { groups: Vec<Vec<String>> },
    /// More factors than the items identify (df < 0).
    TooManyFactors {
        factors: usize,
        items: usize,
        df: i64,
    },
    /// The EFA with this many factors did not converge.
    EfaNotConverged { factors: usize },
    /// The rotation did not converge (the loadings shown are its last step).
    RotationNotConverged { rotation: String, factors: usize },
    /// A CFA (the user's model, one factor, or with the method factor) failed.
    Cfa {
        which: CfaKind,
        error: AnalysisError,
    },
}

/// Which CFA of the checks failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CfaKind {
    /// The user's model.
    Model,
    /// Every item on one factor (Harman's test as a CFA).
    OneFactor,
    /// The user's model with the common method factor.
    WithMethodFactor,
}

impl CfaKind {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CfaKind::Model, Lang::En) => "model",
            (CfaKind::OneFactor, Lang::En) => "one-factor CFA",
            (CfaKind::WithMethodFactor, Lang::En) => "CFA with a common method factor",
            (CfaKind::Model, Lang::Zh) => "模型",
            (CfaKind::OneFactor, Lang::Zh) => "单因子验证性因子分析",
            (CfaKind::WithMethodFactor, Lang::Zh) => "含共同方法因子的验证性因子分析",
        }
    }
}

impl fmt::Display for ExploreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExploreError::Model(e) => write!(f, "{e}"),
            ExploreError::Data(e) => write!(f, "{e}"),
            ExploreError::TooFewItems { items } => write!(
                f,
                "a factor analysis needs at least 3 items, and {items} were given; give a model with its items, or --items a,b,c"
            ),
            ExploreError::UnknownItem { name } => {
                write!(f, "`{name}` is not a column of the data")
            }
            ExploreError::TooFewRows { rows, items } => write!(
                f,
                "only {rows} complete row(s) for {items} items; the correlation matrix needs more complete rows than items (and a factor analysis at least 5–10 rows per item)"
            ),
            ExploreError::ConstantItem { name } => write!(
                f,
                "`{name}` has the same value in every complete row (zero variance); leave it out of the items"
            ),
            ExploreError::Singular { groups } => {
                let list: Vec<String> = groups.iter().map(|g| g.join(", ")).collect();
                write!(
                    f,
                    "the correlation matrix is singular: these items are linear combinations of each other (one is a weighted sum of the others, e.g. a total score or a copy): {}; leave one of each group out",
                    list.join("; ")
                )
            }
            ExploreError::TooManyFactors { factors, items, df } => write!(
                f,
                "{factors} factors are more than {items} items can identify (df = {df} < 0); ask for fewer factors"
            ),
            ExploreError::EfaNotConverged { factors } => write!(
                f,
                "the exploratory factor analysis with {factors} factor(s) did not converge; ask for fewer factors or check the items"
            ),
            ExploreError::RotationNotConverged { rotation, factors } => write!(
                f,
                "the {rotation} rotation of {factors} factors did not converge; the loadings shown are not final — try another rotation (e.g. oblimin) or fewer factors"
            ),
            ExploreError::Cfa { which, error } => write!(
                f,
                "the {} could not be fitted: {error}",
                which.words(Lang::En)
            ),
        }
    }
}

impl std::error::Error for ExploreError {}

impl Localized for ExploreError {
    fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ExploreError::Model(e) => e.message(lang),
            ExploreError::Data(e) => e.message(lang),
            ExploreError::TooFewItems { items } => format!(
                "因子分析至少需要 3 个题项，目前只有 {items} 个；请给出模型及其题项，或用 --items a,b,c 列出题项"
            ),
            ExploreError::UnknownItem { name } => format!("数据中没有 `{name}` 这一列"),
            ExploreError::TooFewRows { rows, items } => format!(
                "{items} 个题项只有 {rows} 行完整数据；相关矩阵需要完整行数多于题项数（因子分析最好每个题项 5–10 行以上）"
            ),
            ExploreError::ConstantItem { name } => format!(
                "`{name}` 在所有完整行中取值相同（方差为零）；请把它从题项中去掉"
            ),
            ExploreError::Singular { groups } => {
                let list: Vec<String> = groups.iter().map(|g| g.join("、")).collect();
                format!(
                    "相关矩阵奇异：下列题项互为线性组合（其中一个是其他题项的加权和，例如总分或重复列）：{}；每组请去掉一个",
                    list.join("；")
                )
            }
            ExploreError::TooManyFactors { factors, items, df } => format!(
                "{items} 个题项无法识别 {factors} 个因子（自由度 df = {df} < 0）；请减少因子数"
            ),
            ExploreError::EfaNotConverged { factors } => format!(
                "{factors} 个因子的探索性因子分析未收敛；请减少因子数或检查题项"
            ),
            ExploreError::RotationNotConverged { rotation, factors } => format!(
                "{factors} 个因子的 {rotation} 旋转未收敛，所示载荷并非最终结果；请换一种旋转（如 oblimin）或减少因子数"
            ),
            ExploreError::Cfa { which, error } => {
                format!("{}无法拟合：{}", which.words(lang), error.message(lang))
            }
        }
    }
}
