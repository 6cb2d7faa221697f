//! semlab: structural equation modeling (CFA/SEM) that agrees with lavaan 0.6.
//!
//! Data flows one way: bytes → [`data`] table → [`moments`] → model fit
//! ([`estimate`]) → fit measures, standardized solution, modification
//! indices, reliability → result tables. The engine has no web dependency;
//! the browser app (wasm32 only) and the `semlab` command-line tool both call
//! [`analysis::run`].

pub mod data;
pub mod distributions;

pub mod analysis;
#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod bootstrap;
pub mod diagram;
pub mod estimate;
pub mod fit;
pub mod hypotheses;
pub mod i18n;
pub mod linalg;
pub mod link;
pub mod missing;
pub mod model;
pub mod modindices;
pub mod moments;
pub mod partable;
pub mod polychoric;
pub mod project;
pub mod reliability;
pub mod report;
pub mod robust;
pub mod standardize;
pub mod syntax;
pub mod warnings;
pub mod wlsmv;
