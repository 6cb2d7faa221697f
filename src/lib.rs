//! semlab: structural equation modeling (CFA/SEM) that agrees with lavaan 0.6.
//!
//! Data flows one way, through one pipeline for every estimator: bytes →
//! [`data`] table → [`analysis::plan`] → [`samplestats`] (per group) →
//! [`estimate`] → [`inference`] (SEs and test) → [`fitmeasures`] →
//! [`tables`] → [`report`]. The engine has no web dependency; the browser app
//! (wasm32 only) and the `semlab` command-line tool both call
//! [`analysis::run`]. `docs/architecture.md` describes the layers.

pub mod data;
pub mod distributions;

pub mod analysis;
#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod bootstrap;
pub mod diagram;
pub mod effects;
pub mod estimate;
pub mod explore;
pub mod fitmeasures;
pub mod fitted;
pub mod format;
pub mod i18n;
pub mod inference;
pub mod invariance;
pub mod letter_case;
pub mod linalg;
pub mod link;
pub mod measurement;
pub mod method_bias;
pub mod model;
pub mod moderation;
pub mod nested_models;
pub mod partable;
pub mod power;
pub mod project;
pub mod report;
pub mod samplestats;
pub mod sorting;
pub mod syntax;
pub mod tables;
pub mod warnings;
