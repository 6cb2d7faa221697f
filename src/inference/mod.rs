//! Inference at the estimates: the fitted model and its sample statistics
//! in; the covariance matrix of the estimates (standard errors) and the test
//! statistic — standard, scaled (Satorra–Bentler, Yuan–Bentler) or scaled
//! and shifted — out ([`robust`] for the robust ML variants).

pub mod dwls;
pub mod fiml;
pub mod robust;
