//! The *Mediation / moderation* helper's model text with its data: the
//! PROCESS model written into the user's text
//! ([`crate::syntax::process::write_process`]), with W's mean ∓ 1 SD (or a
//! dichotomous W's two values) taken from the rows the written model is
//! fitted to ([`crate::moderation::conditioning_values`]).
//!
//! In: the data (if loaded), the model text, the helper's choice and the
//! analysis options. Out: the new model text, or why nothing was written.
//! It sits in `analysis` because it prepares the written model's sample
//! moments as a fit would; `moderation` and `syntax` below it do not know it.

use super::{AnalysisError, DataInput, Options};
use crate::i18n::{Lang, Localized};
use crate::moderation::conditioning_values;
use crate::syntax::process::{write_process, ProcessChoice, ProcessError};

/// Why [`write_process_model`] wrote nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum HelperError {
    /// The choice, or the model text it goes into.
    Choice(ProcessError),
    /// The model written cannot be prepared for the data (W's values).
    Analysis(Box<AnalysisError>),
}

impl std::fmt::Display for HelperError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HelperError::Choice(e) => write!(f, "{e}"),
            HelperError::Analysis(e) => write!(f, "{e}"),
        }
    }
}

impl Localized for HelperError {
    fn message(&self, lang: Lang) -> String {
        match self {
            HelperError::Choice(e) => e.message(lang),
            HelperError::Analysis(e) => e.message(lang),
        }
    }
}

/// The *Mediation / moderation* helper's model: the choice written into
/// `text` ([`write_process`]), with W at mean ∓ 1 SD (a dichotomous W at
/// its two values) taken from the rows the written model is fitted to
/// under `opts` ([`conditioning_values`], as the moderation table: the
/// rows complete on the model's variables, after centring when
/// `center_interactions`), so that its `:=` lines are the moderation
/// table's conditional effects and lavaan gives the same from the R
/// script. Without data (or a model without W) the `:=` lines at W's
/// values are left out.
pub fn write_process_model(
    data: Option<&DataInput>,
    text: &str,
    choice: &ProcessChoice,
    opts: &Options,
) -> Result<String, HelperError> {
    let bare = ProcessChoice {
        w_values: None,
        ..choice.clone()
    };
    let first = write_process(text, &bare).map_err(HelperError::Choice)?;
    let (Some(data), Some(w)) = (data, bare.w.as_ref().filter(|_| bare.model.has_moderator()))
    else {
        return Ok(first);
    };
    let one_group = Options {
        group: None,
        ..opts.clone()
    };
    let (moments, rows) = super::sample_moments_and_rows_of(data, &first, &one_group)
        .map_err(|e| HelperError::Analysis(Box::new(e)))?;
    let observed =
        rows.map(|d| crate::moderation::observed_values(&d, w, opts.missing != super::Missing::Ml));
    let with_values = ProcessChoice {
        w_values: conditioning_values(&moments, w, observed.as_deref()).map(|(ws, _)| ws),
        ..bare
    };
    write_process(text, &with_values).map_err(HelperError::Choice)
}
