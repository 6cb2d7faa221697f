//! Sample moments: complete data (or a covariance matrix) in, per-group
//! sample statistics out — N, the mean vector and the covariance matrix with
//! divisor N (lavaan's `likelihood = "normal"`, `R/lav_samplestats.R`), in
//! the model's order of observed variables.

use crate::data::{covariance_n, mean_vector};
use crate::i18n::zh::code_and_list;
use crate::i18n::{Lang, Localized};
use nalgebra::{DMatrix, DVector};

/// Sample statistics of one group.
#[derive(Debug, Clone)]
pub struct GroupMoments {
    /// Number of observations used.
    pub n: usize,
    /// Covariance matrix, divisor N.
    pub cov: DMatrix<f64>,
    /// Means (None when only a covariance matrix was given).
    pub mean: Option<DVector<f64>>,
    /// The complete data rows (n × p), when raw data were given.
    pub raw: Option<DMatrix<f64>>,
    /// log |S|.
    pub logdet: f64,
}

/// Sample statistics of all groups, for the observed variables in `names` order.
#[derive(Debug, Clone)]
pub struct SampleMoments {
    pub names: Vec<String>,
    pub groups: Vec<GroupMoments>,
}

/// Why the sample moments cannot be used.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum MomentsError {
    /// Fewer complete rows than needed.
    TooFewRows { rows: usize },
    /// A variable with zero variance.
    ConstantVariable { name: String },
    /// The covariance matrix is singular for a reason [`linear_dependency`]
    /// cannot name (numerically not positive definite).
    NotPositiveDefinite { detail: String },
    /// `item` is an exact linear combination of `others` (a copy of one of
    /// them, their sum or mean): the covariance matrix is singular.
    LinearDependency { item: String, others: Vec<String> },
    /// Fewer rows than items: the covariance matrix has rank at most rows − 1.
    FewerRowsThanItems { rows: usize, items: usize },
    /// A variable without a single observed value.
    NoValues { name: String },
}

impl std::fmt::Display for MomentsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MomentsError::TooFewRows { rows } => write!(
                f,
                "only {rows} complete row(s) remain after removing rows with missing values; at least 2 are needed (and many more for a trustworthy result)"
            ),
            MomentsError::ConstantVariable { name } => write!(
                f,
                "`{name}` has the same value in every row used (zero variance); remove it from the model"
            ),
            MomentsError::NotPositiveDefinite { detail } => write!(
                f,
                "the sample covariance matrix is not positive definite ({detail}); an item may be an exact copy or sum of other items, or there are fewer rows than items"
            ),
            MomentsError::LinearDependency { item, others } if others.len() == 1 => write!(
                f,
                "`{item}` and `{}` are perfectly correlated (one is an exact copy or rescaling of the other), so the sample covariance matrix is singular and no model can be fitted; remove one of them from the model",
                others[0]
            ),
            MomentsError::LinearDependency { item, others } => write!(
                f,
                "`{item}` is an exact linear combination of {} (for example their sum or mean), so the sample covariance matrix is singular and no model can be fitted; remove `{item}` (or one of the others) from the model",
                and_list(others)
            ),
            MomentsError::FewerRowsThanItems { rows, items } => write!(
                f,
                "the model has {items} observed variables but only {rows} rows of data are used, so the sample covariance matrix is singular; a model needs more rows than items (and many more for a trustworthy result)"
            ),
            MomentsError::NoValues { name } => write!(
                f,
                "`{name}` has no values at all (every row is missing); remove it from the model or check the column"
            ),
        }
    }
}

impl std::error::Error for MomentsError {}

/// `a`, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn and_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match q.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// A residual variance below this share of an item's variance (R² above
/// 1 − 1e-10 on the items before it) is an exact linear dependency: real
/// survey items never come that close, while a copied or summed column
/// leaves only rounding error (about 1e-15).
const DEPENDENCY_TOLERANCE: f64 = 1e-10;

/// Refuses a covariance matrix of `n` rows (variances > 0) that cannot
/// have full rank or does not: fewer rows than variables, or a variable
/// that is an exact combination of others (named, see [`linear_dependency`]).
/// lavaan stops on such a matrix too ("sample covariance matrix is not
/// positive-definite", `lav_samplestats_icov`).
pub fn check_full_rank(cov: &DMatrix<f64>, n: usize, names: &[String]) -> Result<(), MomentsError> {
    // p variables need at least p + 1 rows for a covariance of full rank
    if n <= names.len() {
        return Err(MomentsError::FewerRowsThanItems {
            rows: n,
            items: names.len(),
        });
    }
    match linear_dependency(cov) {
        Some((j, others)) => Err(MomentsError::LinearDependency {
            item: names[j].clone(),
            others: others.into_iter().map(|k| names[k].clone()).collect(),
        }),
        None => Ok(()),
    }
}

/// The first observed variable (in `cov`'s order) that is an exact linear
/// combination of variables before it, with those variables: `(j, others)`,
/// indices into `cov`. None when `cov` (variances > 0) has full rank.
///
/// Regresses each variable on the independent ones before it (the pivots of
/// a Cholesky factorization of the correlation matrix); a residual share
/// below [`DEPENDENCY_TOLERANCE`] marks the dependency, and the variables
/// with a non-negligible regression weight are the ones it combines.
pub fn linear_dependency(cov: &DMatrix<f64>) -> Option<(usize, Vec<usize>)> {
    let p = cov.nrows();
    let sd: Vec<f64> = (0..p).map(|j| cov[(j, j)].sqrt()).collect();
    let r = DMatrix::from_fn(p, p, |a, b| cov[(a, b)] / (sd[a] * sd[b]));
    let mut kept: Vec<usize> = Vec::new();
    for j in 0..p {
        if !kept.is_empty() {
            let rk = DMatrix::from_fn(kept.len(), kept.len(), |a, b| r[(kept[a], kept[b])]);
            let rj = DVector::from_fn(kept.len(), |a, _| r[(kept[a], j)]);
            // the kept variables are independent, so rk is positive definite
            if let Some(b) = crate::linalg::spd_solve(&rk, &rj) {
                let residual = 1.0 - rj.dot(&b);
                if residual < DEPENDENCY_TOLERANCE {
                    let big = b.amax();
                    let others = kept
                        .iter()
                        .zip(b.iter())
                        .filter(|(_, w)| w.abs() > 1e-6 * big)
                        .map(|(&k, _)| k)
                        .collect();
                    return Some((j, others));
                }
            }
        }
        kept.push(j);
    }
    None
}

pub use crate::linalg::spd_logdet as logdet_pd;

impl GroupMoments {
    /// From complete raw data (n × p).
    pub fn from_data(x: DMatrix<f64>, names: &[String]) -> Result<GroupMoments, MomentsError> {
        let n = x.nrows();
        if n < 2 {
            return Err(MomentsError::TooFewRows { rows: n });
        }
        let cov = covariance_n(&x);
        let mean = mean_vector(&x);
        Self::finish(n, cov, Some(mean), Some(x), names)
    }

    /// From a covariance matrix with divisor N − 1 (as usually reported) and N;
    /// rescaled by (N − 1)/N as lavaan does with `sample.cov.rescale`.
    pub fn from_covariance(
        cov_n1: DMatrix<f64>,
        n: usize,
        mean: Option<DVector<f64>>,
        names: &[String],
    ) -> Result<GroupMoments, MomentsError> {
        if n < 2 {
            return Err(MomentsError::TooFewRows { rows: n });
        }
        let cov = cov_n1 * ((n as f64 - 1.0) / n as f64);
        Self::finish(n, cov, mean, None, names)
    }

    /// From moments already in lavaan's scale (covariance with divisor N),
    /// e.g. the EM estimates of the saturated model under FIML.
    pub fn from_moments(
        n: usize,
        cov: DMatrix<f64>,
        mean: Option<DVector<f64>>,
        names: &[String],
    ) -> Result<GroupMoments, MomentsError> {
        Self::finish(n, cov, mean, None, names)
    }

    fn finish(
        n: usize,
        cov: DMatrix<f64>,
        mean: Option<DVector<f64>>,
        raw: Option<DMatrix<f64>>,
        names: &[String],
    ) -> Result<GroupMoments, MomentsError> {
        for (j, name) in names.iter().enumerate() {
            if cov[(j, j)].is_nan() || cov[(j, j)] <= 0.0 {
                return Err(MomentsError::ConstantVariable { name: name.clone() });
            }
        }
        check_full_rank(&cov, n, names)?;
        let logdet = logdet_pd(&cov).ok_or_else(|| MomentsError::NotPositiveDefinite {
            detail: format!("{} variables, {} rows", names.len(), n),
        })?;
        Ok(GroupMoments {
            n,
            cov,
            mean,
            raw,
            logdet,
        })
    }
}

impl SampleMoments {
    /// Total number of observations.
    pub fn ntotal(&self) -> usize {
        self.groups.iter().map(|g| g.n).sum()
    }

    /// Group weights n_g / N.
    pub fn weights(&self) -> Vec<f64> {
        let nt = self.ntotal() as f64;
        self.groups.iter().map(|g| g.n as f64 / nt).collect()
    }
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A sample-moments error in Chinese.
fn zh_text(e: &MomentsError) -> String {
    match e {
        MomentsError::TooFewRows { rows } => format!(
            "删除含缺失值的行后只剩 {rows} 行完整数据；至少需要 2 行（要得到可靠的结果则需要多得多）"
        ),
        MomentsError::ConstantVariable { name } => format!(
            "`{name}` 在所用的每一行中取值都相同（方差为零）；请将它从模型中删除"
        ),
        MomentsError::NotPositiveDefinite { detail } => format!(
            "样本协方差矩阵不是正定矩阵（{detail}）；可能某个题项是其他题项的完全复制或加总，或者行数少于题项数"
        ),
        MomentsError::LinearDependency { item, others } if others.len() == 1 => format!(
            "`{item}` 与 `{}` 完全相关（一个是另一个的完全复制或线性变换），因此样本协方差矩阵是奇异的，无法拟合任何模型；请将其中一个从模型中删除",
            others[0]
        ),
        MomentsError::LinearDependency { item, others } => format!(
            "`{item}` 是 {} 的精确线性组合（例如它们的总分或均值），因此样本协方差矩阵是奇异的，无法拟合任何模型；请将 `{item}`（或其中另一个题项）从模型中删除",
            code_and_list(others)
        ),
        MomentsError::FewerRowsThanItems { rows, items } => format!(
            "模型有 {items} 个观测变量，但只用到 {rows} 行数据，因此样本协方差矩阵是奇异的；数据的行数必须多于题项数（要得到可靠的结果则需要多得多）"
        ),
        MomentsError::NoValues { name } => format!(
            "`{name}` 没有任何值（每一行都缺失）；请将它从模型中删除或检查该列"
        ),
    }
}

impl Localized for MomentsError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}
