//! Eigenvalues of the correlation matrix and Horn's parallel analysis: R
//! (or n and p, and a seed) in; eigenvalues in descending order, the Kaiser
//! count (> 1), and the mean and 95th-percentile eigenvalues of random
//! normal data of the same size out.
//!
//! Parallel analysis (Horn 1965; `psych::fa.parallel` with `fa = "pc"`):
//! `PARALLEL_DRAWS` data sets of n × p independent standard normal values,
//! the eigenvalues of each one's correlation matrix, and per position their
//! mean and 95th percentile. R's random numbers cannot be reproduced, so
//! the line agrees with psych's in distribution, not digit for digit; a
//! fixed seed makes it the same on every run and in every browser.

use crate::bootstrap::Rng;
use nalgebra::{DMatrix, SymmetricEigen};
use serde::{Deserialize, Serialize};

/// How many random data sets parallel analysis draws.
pub const PARALLEL_DRAWS: usize = 100;
/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20240601;

/// Eigenvalues of a symmetric matrix, largest first.
pub fn eigenvalues_desc(m: &DMatrix<f64>) -> Vec<f64> {
    let mut ev: Vec<f64> = SymmetricEigen::new(m.clone())
        .eigenvalues
        .iter()
        .copied()
        .collect();
    crate::sorting::descending(&mut ev);
    ev
}

/// Eigenvalues with their vectors, largest first (columns of the matrix).
pub fn eigen_desc(m: &DMatrix<f64>) -> (Vec<f64>, DMatrix<f64>) {
    let se = SymmetricEigen::new(m.clone());
    let mut idx: Vec<usize> = (0..se.eigenvalues.len()).collect();
    crate::sorting::sort_by(&mut idx, |&a, &b| {
        se.eigenvalues[b].total_cmp(&se.eigenvalues[a])
    });
    let vals = idx.iter().map(|&i| se.eigenvalues[i]).collect();
    let vecs = DMatrix::from_fn(m.nrows(), idx.len(), |r, c| se.eigenvectors[(r, idx[c])]);
    (vals, vecs)
}

/// Parallel analysis: mean and 95th-percentile random eigenvalues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parallel {
    pub draws: usize,
    pub seed: u64,
    pub mean: Vec<f64>,
    pub p95: Vec<f64>,
    /// Number of leading eigenvalues of the data above the 95th percentile
    /// line (stops at the first one that is not).
    pub suggested: usize,
}

/// A standard normal draw (Box–Muller on two uniforms in (0, 1)).
fn normal(rng: &mut Rng) -> f64 {
    let u = |rng: &mut Rng| ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let (u1, u2) = (u(rng), u(rng));
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Horn's parallel analysis for n rows and p items against the data's
/// eigenvalues `observed`.
pub fn parallel_analysis(n: usize, p: usize, seed: u64, observed: &[f64]) -> Parallel {
    let mut rng = Rng::new(seed);
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(PARALLEL_DRAWS); p];
    for _ in 0..PARALLEL_DRAWS {
        let x = DMatrix::from_fn(n, p, |_, _| normal(&mut rng));
        for (k, v) in eigenvalues_desc(&crate::data::correlation(&x))
            .into_iter()
            .enumerate()
        {
            draws[k].push(v);
        }
    }
    let mut mean = Vec::with_capacity(p);
    let mut p95 = Vec::with_capacity(p);
    for mut d in draws {
        mean.push(d.iter().sum::<f64>() / d.len() as f64);
        crate::sorting::ascending(&mut d);
        p95.push(quantile7(&d, 0.95));
    }
    let suggested = observed.iter().zip(&p95).take_while(|(o, r)| o > r).count();
    Parallel {
        draws: PARALLEL_DRAWS,
        seed,
        mean,
        p95,
        suggested,
    }
}

/// R's default quantile (type 7) of values sorted ascending.
fn quantile7(sorted: &[f64], prob: f64) -> f64 {
    let h = (sorted.len() as f64 - 1.0) * prob;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}
