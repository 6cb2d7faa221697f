//! The verdicts the reports state about an analysis — a fit index meets its
//! cutoff, a loading or a construct is flagged, a pair of constructs fails
//! a discriminant-validity criterion, a hypothesis is supported — decided in
//! one place, so that the result tables, the APA tables, the methods
//! paragraph, the command line and the page say the same.
//!
//! No verdict is given for a fit that did not converge: its numbers are
//! where the optimizer stopped, not a solution (lavaan prints no fit
//! measures for it at all), and a "met" beside them would mislead.

use crate::analysis::Analysis;

/// Whether the analysis may be judged at all: only a converged fit gets
/// cutoffs "met", flags and "supported".
pub fn judged(a: &Analysis) -> bool {
    a.converged
}
