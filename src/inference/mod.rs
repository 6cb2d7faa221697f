//! Inference at the estimates: the fitted model and its sample statistics
//! in; the covariance matrix of the estimates (standard errors) and the test
//! statistic out — standard, scaled (Satorra–Bentler, Yuan–Bentler:
//! [`robust`], under FIML [`fiml`]) or scaled and shifted (WLSMV: [`dwls`]).

pub mod dwls;
pub mod fiml;
pub mod robust;

use crate::distributions::pnorm_upper;
use nalgebra::DMatrix;

/// The Wald test of one estimate with a positive SE, as lavaan's
/// `parameterEstimates` (`R/lav_object_methods.R`): z = est/se, the
/// two-sided p = 2·Φ(−|z|) and the 95% CI est ± 1.959964·se.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wald {
    pub z: f64,
    pub pvalue: f64,
    pub ci: (f64, f64),
}

impl Wald {
    /// None unless `se` is positive and finite.
    pub fn new(est: f64, se: f64) -> Option<Wald> {
        (se > 0.0 && se.is_finite()).then(|| {
            let z = est / se;
            let half = 1.959963984540054 * se;
            Wald {
                z,
                pvalue: 2.0 * pnorm_upper(z.abs()),
                ci: (est - half, est + half),
            }
        })
    }
}

/// What the post-fit stages need of the inference.
#[derive(Debug, Clone)]
pub struct Inference {
    /// The covariance matrix of the free parameters that the standard
    /// errors come from (None when an information matrix is singular).
    pub vcov: Option<DMatrix<f64>>,
    /// The normal-theory covariance from the expected information, which the
    /// modification indices use (ML family; None under DWLS).
    pub vcov_expected: Option<DMatrix<f64>>,
    /// The test statistic.
    pub test: Test,
}

/// The test statistic and what it is scaled with.
#[derive(Debug, Clone)]
pub enum Test {
    /// The standard χ² (ML, FIML).
    Standard,
    /// MLM (Satorra–Bentler) or MLR (Yuan–Bentler) scaled χ², with the
    /// robust covariance of the estimates.
    Scaled(robust::RobustResult),
    /// WLSMV's mean- and variance-adjusted χ² (its traces and the sandwich).
    ScaledShifted(dwls::DwlsInference),
}
