//! The three example analyses, embedded in the app so that loading one is
//! not a network request. The model texts are used by the page; the data
//! bytes only by the worker (so they are linked into the worker alone).
//!
//! Each is a lavaan reference case in `tests/fixtures/lavaan/`, so the
//! browser tests can check the numbers the page shows against lavaan.

use serde::{Deserialize, Serialize};

/// One of the examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExampleId {
    /// Holzinger & Swineford (1939): three-factor CFA of nine ability tests.
    HolzingerSwineford,
    /// Bollen (1989) political democracy SEM with indirect effects (`:=`).
    PoliticalDemocracy,
    /// Live-commerce value co-creation: seven constructs, twelve hypotheses.
    LiveCommerce,
}

impl ExampleId {
    /// In the order the buttons show them.
    pub const ALL: [ExampleId; 3] = [
        ExampleId::HolzingerSwineford,
        ExampleId::PoliticalDemocracy,
        ExampleId::LiveCommerce,
    ];

    /// Stable key (kept in `localStorage`, used in element ids).
    pub fn key(self) -> &'static str {
        match self {
            ExampleId::HolzingerSwineford => "hs1939",
            ExampleId::PoliticalDemocracy => "poldem",
            ExampleId::LiveCommerce => "livecommerce",
        }
    }

    pub fn from_key(key: &str) -> Option<ExampleId> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }

    /// The data file's name, shown as the data set's name.
    pub fn file_name(self) -> &'static str {
        match self {
            ExampleId::HolzingerSwineford => "hs1939_cfa.csv",
            ExampleId::PoliticalDemocracy => "poldem_mediation.csv",
            ExampleId::LiveCommerce => "livecommerce_sem.csv",
        }
    }

    /// The model in lavaan syntax.
    pub fn model(self) -> &'static str {
        match self {
            ExampleId::HolzingerSwineford => {
                include_str!("../../tests/fixtures/lavaan/hs1939_cfa/model.lav")
            }
            ExampleId::PoliticalDemocracy => {
                include_str!("../../tests/fixtures/lavaan/poldem_mediation/model.lav")
            }
            ExampleId::LiveCommerce => {
                include_str!("../../tests/fixtures/lavaan/livecommerce_sem/model.lav")
            }
        }
    }

    /// The data (CSV bytes).
    pub fn data(self) -> &'static [u8] {
        match self {
            ExampleId::HolzingerSwineford => {
                include_bytes!("../../tests/fixtures/lavaan/hs1939_cfa/hs1939_cfa.csv")
            }
            ExampleId::PoliticalDemocracy => {
                include_bytes!("../../tests/fixtures/lavaan/poldem_mediation/poldem_mediation.csv")
            }
            ExampleId::LiveCommerce => {
                include_bytes!("../../tests/fixtures/lavaan/livecommerce_sem/livecommerce_sem.csv")
            }
        }
    }
}
