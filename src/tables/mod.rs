//! Result tables computed from a fitted model: the standardized solution
//! ([`standardize`]), modification indices ([`modindices`]), reliability and
//! validity of the constructs ([`reliability`]), the hypothesis table
//! ([`hypotheses`]) and the score tests of equality constraints across
//! groups ([`score_tests`]).

pub mod hypotheses;
pub mod modindices;
pub mod reliability;
pub mod score_tests;
pub mod standardize;
