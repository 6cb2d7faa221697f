//! Sample statistics: the data rows of the model's variables in; what each
//! estimator fits the model to out — per group (block) the moments of the
//! complete rows ([`moments`]), the missing-data patterns with the EM
//! estimates of the saturated model for FIML ([`missing`]), or the
//! thresholds and polychoric correlations of ordinal items with their
//! asymptotic covariance ([`ordinal`]) — together a [`SampleStats`] with one
//! entry per group.

pub mod gamma;
pub mod missing;
pub mod missing_h1;
pub mod moments;
pub mod ordinal;
pub mod vech;

use missing::MissingGroup;
use moments::SampleMoments;
use nalgebra::DMatrix;
use ordinal::{OrdinalData, OrdinalStats};

/// The sample statistics the estimator fits the model to, per group
/// (block; one group until multi-group models arrive).
#[derive(Debug, Clone)]
pub struct SampleStats {
    /// Per group: N, the means and covariances of the model's observed
    /// variables — of the complete rows, under FIML the EM estimates of the
    /// saturated model, for ordinal items the polychoric correlations.
    pub moments: SampleMoments,
    /// What else the estimator needs.
    pub kind: StatsKind,
}

/// The kind of sample statistics, each with one entry per group.
#[derive(Debug, Clone)]
pub enum StatsKind {
    /// Means and covariances alone (complete data, or a covariance matrix).
    Moments,
    /// FIML: the missing-data patterns with the saturated model's estimates.
    Missing(Vec<MissingGroup>),
    /// WLSMV: thresholds, polychoric correlations and their asymptotic
    /// covariance.
    Ordinal(Vec<OrdinalBlock>),
}

/// The ordinal statistics of one group.
#[derive(Debug, Clone)]
pub struct OrdinalBlock {
    /// The items' categories per row.
    pub data: OrdinalData,
    /// Thresholds, polychoric correlations and Γ.
    pub stats: OrdinalStats,
    /// The complete rows' raw values (n × p), for HTMT.
    pub raw: DMatrix<f64>,
    /// The group's rows, complete or not, as category codes (1..K among the
    /// whole data's values of each item, R's `as.integer(factor(x))`), for
    /// Cronbach's α on the rows where a construct's items are observed, as
    /// with continuous items.
    pub codes: crate::data::NumericData,
}

impl SampleStats {
    /// The missing-data patterns per group, under FIML.
    pub fn missing(&self) -> Option<&[MissingGroup]> {
        match &self.kind {
            StatsKind::Missing(m) => Some(m),
            _ => None,
        }
    }

    /// The ordinal statistics per group, for ordinal items.
    pub fn ordinal(&self) -> Option<&[OrdinalBlock]> {
        match &self.kind {
            StatsKind::Ordinal(b) => Some(b),
            _ => None,
        }
    }
}
