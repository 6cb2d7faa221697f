//! Sampling adequacy and sphericity: a correlation matrix R (p items, n
//! complete rows) in; the Kaiser–Meyer–Olkin measure (overall and per item,
//! with Kaiser's words for it) and Bartlett's test of sphericity out.
//!
//! Formulas as in `psych::KMO` and `psych::cortest.bartlett` (the numbers
//! SPSS prints): anti-image correlations a_ij = −(R⁻¹)_ij / √((R⁻¹)_ii
//! (R⁻¹)_jj); KMO = Σ_{i≠j} r²_ij / (Σ_{i≠j} r²_ij + Σ_{i≠j} a²_ij), per
//! item the same sums over its column (MSA). Bartlett (1951):
//! χ² = −(n − 1 − (2p + 5)/6)·ln|R|, df = p(p − 1)/2.

use crate::fitmeasures::chisq_pvalue;
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// Kaiser's (1974) words for a KMO or MSA value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KaiserLabel {
    /// ≥ .90
    Marvelous,
    /// ≥ .80
    Meritorious,
    /// ≥ .70
    Middling,
    /// ≥ .60
    Mediocre,
    /// ≥ .50
    Miserable,
    /// below .50: the items should not be factor analysed as they are
    Unacceptable,
}

impl KaiserLabel {
    /// The label of a KMO or MSA value (Kaiser 1974, p. 35).
    pub fn of(kmo: f64) -> KaiserLabel {
        match kmo {
            k if k >= 0.9 => KaiserLabel::Marvelous,
            k if k >= 0.8 => KaiserLabel::Meritorious,
            k if k >= 0.7 => KaiserLabel::Middling,
            k if k >= 0.6 => KaiserLabel::Mediocre,
            k if k >= 0.5 => KaiserLabel::Miserable,
            _ => KaiserLabel::Unacceptable,
        }
    }

    /// Whether items with this value should be looked at (MSA below .50).
    pub fn is_flagged(self) -> bool {
        self == KaiserLabel::Unacceptable
    }

    /// The word in a language (`zh`: the words Chinese textbooks use).
    pub fn word(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (KaiserLabel::Marvelous, Lang::En) => "marvelous",
            (KaiserLabel::Meritorious, Lang::En) => "meritorious",
            (KaiserLabel::Middling, Lang::En) => "middling",
            (KaiserLabel::Mediocre, Lang::En) => "mediocre",
            (KaiserLabel::Miserable, Lang::En) => "miserable",
            (KaiserLabel::Unacceptable, Lang::En) => "unacceptable",
            (KaiserLabel::Marvelous, Lang::Zh) => "极好",
            (KaiserLabel::Meritorious, Lang::Zh) => "很好",
            (KaiserLabel::Middling, Lang::Zh) => "中等",
            (KaiserLabel::Mediocre, Lang::Zh) => "一般",
            (KaiserLabel::Miserable, Lang::Zh) => "差",
            (KaiserLabel::Unacceptable, Lang::Zh) => "不可接受",
        }
    }
}

/// KMO overall and per item (in the items' order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kmo {
    pub overall: f64,
    pub items: Vec<f64>,
}

/// KMO and per-item MSA from a correlation matrix and its inverse.
pub fn kmo(r: &DMatrix<f64>, r_inv: &DMatrix<f64>) -> Kmo {
    let p = r.nrows();
    let mut col_r2 = vec![0.0; p];
    let mut col_a2 = vec![0.0; p];
    for j in 0..p {
        for i in (0..p).filter(|&i| i != j) {
            let a = -r_inv[(i, j)] / (r_inv[(i, i)] * r_inv[(j, j)]).sqrt();
            col_r2[j] += r[(i, j)] * r[(i, j)];
            col_a2[j] += a * a;
        }
    }
    let sr: f64 = col_r2.iter().sum();
    let sa: f64 = col_a2.iter().sum();
    Kmo {
        overall: sr / (sr + sa),
        items: (0..p)
            .map(|j| col_r2[j] / (col_r2[j] + col_a2[j]))
            .collect(),
    }
}

/// Bartlett's test of sphericity (H0: R = I).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bartlett {
    pub chisq: f64,
    pub df: f64,
    pub pvalue: f64,
}

/// Bartlett's test from ln|R|, n rows and p items.
pub fn bartlett(logdet_r: f64, n: usize, p: usize) -> Bartlett {
    let chisq = -(n as f64 - 1.0 - (2.0 * p as f64 + 5.0) / 6.0) * logdet_r;
    let df = (p * (p - 1) / 2) as f64;
    Bartlett {
        chisq,
        df,
        pvalue: chisq_pvalue(chisq, df),
    }
}
