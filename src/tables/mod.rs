//! Result tables computed from a fitted model: the standardized solution
//! ([`standardize`]), modification indices ([`modindices`]), reliability and
//! validity of the constructs ([`reliability`]) and the hypothesis table
//! ([`hypotheses`]).

pub mod hypotheses;
pub mod modindices;
pub mod reliability;
pub mod standardize;
