//! Sample statistics: the data rows of the model's variables in; what each
//! estimator fits the model to out — per group (block) the moments of the
//! complete rows ([`moments`]), the missing-data patterns with the EM
//! estimates of the saturated model for FIML ([`missing`]), or the
//! thresholds and polychoric correlations of ordinal items with their
//! asymptotic covariance ([`ordinal`]).

pub mod gamma;
pub mod missing;
pub mod missing_h1;
pub mod moments;
pub mod ordinal;
pub mod vech;
