//! How far a long read has come, and stopping it.
//!
//! In: an optional callback `&mut dyn FnMut(f64) -> bool` from the caller
//! of [`super::read_any_with_progress`] / [`super::read_table_with_progress`]
//! (the browser's worker, which turns it into a progress bar).
//! Out: calls of the callback with the fraction done (0 to 1, never going
//! back, ending at exactly 1 when the read succeeds); when it returns
//! `false` the read stops with [`DataError::Cancelled`].
//!
//! The plain readers ([`super::read_any`], [`super::read_table`]) pass no
//! callback and pay nothing for it.

use super::DataError;

/// The callback of a read with progress, if any, and the last fraction
/// reported (so that the reported fractions never go back).
pub(crate) struct Progress<'a> {
    callback: Option<&'a mut dyn FnMut(f64) -> bool>,
    last: f64,
}

impl<'a> Progress<'a> {
    /// No callback: every report is free and succeeds.
    pub(crate) fn none() -> Self {
        Progress {
            callback: None,
            last: 0.0,
        }
    }

    pub(crate) fn new(callback: &'a mut dyn FnMut(f64) -> bool) -> Self {
        Progress {
            callback: Some(callback),
            last: 0.0,
        }
    }

    /// Whether anyone listens (a reader can skip computing the fraction).
    pub(crate) fn wanted(&self) -> bool {
        self.callback.is_some()
    }

    /// Reports `fraction` done, raised to the last fraction reported and
    /// capped at 1; `Err(Cancelled)` when the callback asks to stop.
    pub(crate) fn report(&mut self, fraction: f64) -> Result<(), DataError> {
        let Some(cb) = self.callback.as_mut() else {
            return Ok(());
        };
        let f = if fraction.is_nan() {
            self.last
        } else {
            fraction.clamp(self.last, 1.0)
        };
        self.last = f;
        if cb(f) {
            Ok(())
        } else {
            Err(DataError::Cancelled)
        }
    }
}
