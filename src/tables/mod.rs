//! Result tables computed from a fitted model: the standardized solution
//! ([`standardize`]), modification indices ([`modindices`]), reliability and
//! validity of the constructs ([`reliability`]), the hypothesis table
//! ([`hypotheses`]), the score tests of equality constraints across
//! groups ([`score_tests`]) and the Wald tests of each path's equality
//! across groups ([`group_differences`]).

pub mod group_differences;
pub mod hypotheses;
pub mod modindices;
pub mod reliability;
pub mod score_tests;
pub mod standardize;
