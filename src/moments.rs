//! Sample moments: complete data (or a covariance matrix) in, per-group
//! sample statistics out — N, the mean vector and the covariance matrix with
//! divisor N (lavaan's `likelihood = "normal"`, `R/lav_samplestats.R`), in
//! the model's order of observed variables.

use crate::data::{covariance_n, mean_vector};
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
    /// The covariance matrix is singular (e.g. one item is a sum of others).
    NotPositiveDefinite { detail: String },
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
            MomentsError::NoValues { name } => write!(
                f,
                "`{name}` has no values at all (every row is missing); remove it from the model or check the column"
            ),
        }
    }
}

impl std::error::Error for MomentsError {}

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
