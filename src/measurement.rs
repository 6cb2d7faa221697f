//! The measurement chapter before and around the CFA in one call: the data
//! and the user's model (or a list of items) in; the exploration
//! ([`crate::explore`]: KMO, Bartlett, eigenvalues, parallel analysis, EFA),
//! the common-method-bias checks ([`crate::method_bias`]) and, when a
//! marker column is named, Lindell & Whitney's correction out. Both the
//! command line (`semlab explore`) and the page call [`check`].

use crate::analysis::{self, DataInput, Options};
use crate::data::DataTable;
use crate::explore::{self, Exploration, ExploreError, ExploreOptions, ItemData, ModelFactor};
use crate::method_bias::{self, MarkerReport, MethodBias};
use serde::{Deserialize, Serialize};

/// Which items to look at.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemSource<'a> {
    /// The observed indicators of this model (lavaan syntax).
    Model(&'a str),
    /// These columns.
    Items(Vec<String>),
}

/// Everything the checks produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasurementCheck {
    pub exploration: Exploration,
    /// Harman's share, the one-factor CFA and (with a model) the CLF check.
    pub method_bias: MethodBias,
    pub marker: Option<MarkerReport>,
    /// The user's factors with their items (empty without a model).
    pub model_factors: Vec<ModelFactor>,
    /// The EFA's structure as lavaan model text ("Use this as my model").
    pub efa_model: String,
}

/// Runs every check. `marker` names a column that is theoretically
/// unrelated to the items.
pub fn check(
    table: &DataTable,
    source: &ItemSource,
    marker: Option<&str>,
    opts: &ExploreOptions,
) -> Result<MeasurementCheck, ExploreError> {
    let (factors, items) = match source {
        ItemSource::Model(m) => {
            let f = explore::model_factors(m, table.names())?;
            let items = explore::model_items(&f);
            (f, items)
        }
        ItemSource::Items(items) => (Vec::new(), items.clone()),
    };
    let d = ItemData::from_table(table, &items)?;
    let exploration = explore::explore(&d, factors.len(), opts)?;
    // only the fits are compared (CfaFit), nothing else of each is shown
    let aopts = Options {
        modindices: false,
        fit_only: true,
        ..Options::default()
    };
    let fitted = match source {
        ItemSource::Model(model) if !factors.is_empty() => Some(
            analysis::run(&DataInput::Table(table), model, &aopts).map_err(|e| {
                ExploreError::Cfa {
                    which: crate::explore::error::CfaKind::Model,
                    error: e,
                }
            })?,
        ),
        _ => None,
    };
    let user = match (source, &fitted) {
        (ItemSource::Model(text), Some(fitted)) => Some(method_bias::UserModel {
            text,
            factors: &factors,
            fitted,
        }),
        _ => None,
    };
    let method_bias = method_bias::method_bias(table, user, &d, &exploration.eigenvalues, &aopts)?;
    let marker = match marker {
        Some(col) => {
            let mut cols = d.names.clone();
            cols.push(col.to_string());
            let md = ItemData::from_table(table, &cols)?;
            explore::correlation_checked(&md)?;
            Some(method_bias::marker_correction(&md))
        }
        None => None,
    };
    let efa_model = explore::structure::model_text(&exploration.efa.rotated, &factors);
    Ok(MeasurementCheck {
        exploration,
        method_bias,
        marker,
        model_factors: factors,
        efa_model,
    })
}
