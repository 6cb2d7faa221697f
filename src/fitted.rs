//! The fitted model: what every stage after estimation reads — the
//! parameter table and sample statistics (through the [`Problem`]), the
//! optimizer's report, every row's value at θ̂, the model evaluated there
//! (implied moments per group) and the inference (covariance of the
//! estimates, the test). Fit measures, the standardized solution,
//! modification indices, reliability and the bootstrap start from one
//! `Fitted`, whichever estimator produced it.

use crate::estimate::ml::Eval;
use crate::estimate::optimize::OptResult;
use crate::estimate::Problem;
use crate::inference::Inference;
use crate::samplestats::SampleStats;
use nalgebra::{DMatrix, DVector};

/// A model fitted to its sample statistics, with its inference.
pub struct Fitted<'a> {
    /// The model: parameter table, sample moments, discrepancy, constraints.
    pub problem: Problem<'a>,
    /// The sample statistics it was fitted to (per group).
    pub stats: &'a SampleStats,
    /// The optimizer's report: θ̂, f̂, convergence, iterations.
    pub opt: OptResult,
    /// Every parameter row's value at θ̂ (derived rows filled in).
    pub values: Vec<f64>,
    /// The model at θ̂ (None when Σ̂ is not positive definite).
    pub eval: Option<Eval>,
    /// Standard errors and the test.
    pub inference: Inference,
}

impl Fitted<'_> {
    /// θ̂, the free parameters.
    pub fn theta(&self) -> &DVector<f64> {
        &self.opt.theta
    }

    /// The covariance matrix of θ̂ that the standard errors come from.
    pub fn vcov(&self) -> Option<&DMatrix<f64>> {
        self.inference.vcov.as_ref()
    }
}
