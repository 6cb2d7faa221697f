//! Ordinal (Likert) items: raw category data in; the sample statistics of
//! WLSMV out — thresholds, polychoric correlations and the asymptotic
//! covariance matrix Γ of both.
//!
//! Everything follows lavaan 0.6 (`R/lav_samplestats_step1.R`,
//! `R/lav_samplestats_step2.R`, `R/lav_uvord.R`, `R/lav_bvord.R`,
//! `R/lav_muthen1984.R`), for items without exogenous covariates:
//!
//! 1. **Categories.** An item's categories are its distinct observed values,
//!    sorted (R's `ordered()`); category k (0-based) has code k + 1 in
//!    lavaan's data. [`OrdinalData`] refuses items that look continuous
//!    (more than [`MAX_CATEGORIES`] values, or values that are not whole
//!    numbers) and items with a single observed category.
//! 2. **Thresholds** (step 1): τ_k = Φ⁻¹(proportion of answers ≤ category k),
//!    k = 1 … K−1 — the ML estimate of the univariate probit model, which
//!    lavaan reaches from this very start.
//! 3. **Polychoric correlations** (step 2): for every pair, the ρ that
//!    maximizes Σ n_ab log P_ab(ρ) with the thresholds fixed, where
//!    P_ab = Φ₂ over the cell's rectangle ([`pbinorm`]) floored at √ε.
//!    Newton's method with the analytic first and second derivatives
//!    (lavaan: `nlminb` with the same derivatives, bounds ±0.999), started
//!    at the Pearson correlation of the category codes. lavaan's empty-cell
//!    rules (`zero.add = c(0.5, 0)`, `zero.keep.margins = TRUE`): a 2×2
//!    table with one empty cell gets 0.5 moved into it keeping the margins;
//!    two empty cells give ±1; ad = bc gives 0; a 2×2 table split at both
//!    medians gives −cos(2π n₁₁/N); larger tables are used as they are.
//! 4. **Γ (Muthén 1984).** With per-case scores s_i = (univariate
//!    threshold scores, ρ scores) and B = [A₁₁ 0; A₂₁ A₂₂] —
//!    A₁₁ the per-item blocks of Σ s_τ s_τ′, A₂₂ = diag(Σ s_ρ²),
//!    A₂₁ = Σ s_ρ·(bivariate threshold scores) — lavaan's
//!    `WLS.W = B⁻¹ (Σ_i s_i s_i′) B⁻ᵀ` and Γ = N·WLS.W (`NACOV`).
//!    Every score depends on a case only through its categories, so B⁻¹s_i
//!    is precomputed per category (items) and per cell (pairs), and
//!    Γ = N·Z′Z with Z the N × (thresholds + pairs) matrix of B⁻¹s_i.
//!
//! The statistics are ordered as lavaan's `WLS.obs`: all thresholds (item
//! by item), then the correlations below the diagonal column by column
//! ((2,1), (3,1), …, (p,1), (3,2), …).

use crate::distributions::{bvnd_rule, dnorm, pbinorm, pnorm, qnorm};
use crate::i18n::{Lang, Localized};
use nalgebra::{DMatrix, DVector};
use serde::Serialize;
use std::fmt;

/// Most distinct values an item declared ordinal may have.
pub const MAX_CATEGORIES: usize = 15;

/// √ε: lavaan's floor for cell probabilities.
const SQRT_EPS: f64 = 1.4901161193847656e-8;

/// Why items cannot be analysed as ordinal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum OrdinalError {
    /// An item declared ordinal whose values look continuous.
    NotOrdinal {
        name: String,
        /// Number of distinct observed values.
        distinct: usize,
        /// A value that is not a whole number, if there is one.
        fractional: Option<f64>,
    },
    /// An item declared ordinal with one observed category only.
    OneCategory { name: String, value: f64 },
    /// A name in the list of ordinal items that is not a data column.
    UnknownItem {
        name: String,
        suggestion: Option<String>,
    },
    /// Too few complete rows.
    TooFewRows { rows: usize },
    /// A category of an item that no row of one group has (each group
    /// estimates its own thresholds: lavaan refuses, "some categories of
    /// variable are empty in group g", `R/lav_samplestats_step1.R`).
    EmptyCategory {
        name: String,
        group: String,
        /// The category (its value in the data) with no answer.
        category: f64,
        /// (category value, count) in that group, every category.
        counts: Vec<(f64, usize)>,
    },
}

impl fmt::Display for OrdinalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrdinalError::NotOrdinal {
                name,
                distinct,
                fractional,
            } => {
                write!(
                    f,
                    "`{name}` is declared ordinal but has {distinct} distinct values"
                )?;
                if let Some(v) = fractional {
                    write!(f, ", some not whole numbers (such as {v})")?;
                }
                write!(
                    f,
                    "; an ordinal (Likert) item has a few whole-number categories (at most {MAX_CATEGORIES}). Leave `{name}` out of the ordinal items (it is then continuous, and the model needs the ML estimator)"
                )
            }
            OrdinalError::OneCategory { name, value } => write!(
                f,
                "`{name}` is declared ordinal but every row used has the same answer ({value}): one observed category gives no thresholds or correlations; remove `{name}` from the model"
            ),
            OrdinalError::UnknownItem { name, suggestion } => {
                write!(f, "`{name}` is declared ordinal but is not a column of the data")?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean `{s}`?)"),
                    None => Ok(()),
                }
            }
            OrdinalError::TooFewRows { rows } => write!(
                f,
                "only {rows} complete row(s) remain after removing rows with missing values; polychoric correlations need many more"
            ),
            OrdinalError::EmptyCategory {
                name,
                group,
                category,
                counts,
            } => write!(
                f,
                "`{name}` has no answer in category {category} in group \"{group}\" (answers per category: {}); each group needs every category of an ordinal item to estimate its thresholds. Merge that category with a neighbouring one in the data, or leave `{name}` out of the model",
                count_list(counts)
            ),
        }
    }
}

impl std::error::Error for OrdinalError {}

/// `1: 21, 2: 54, 5: 0`: the answers per category.
fn count_list(counts: &[(f64, usize)]) -> String {
    counts
        .iter()
        .map(|(v, c)| format!("{v}: {c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ordinal items as categories.
#[derive(Debug, Clone, PartialEq)]
pub struct OrdinalData {
    pub names: Vec<String>,
    /// The observed values of each item, sorted: category k is `levels[j][k]`.
    pub levels: Vec<Vec<f64>>,
    /// The category (0-based) of every row, item by item.
    pub codes: Vec<Vec<u8>>,
    /// Number of rows.
    pub n: usize,
}

impl OrdinalData {
    /// Categories of the columns of `x` (n rows × items, no missing values).
    pub fn from_matrix(x: &DMatrix<f64>, names: &[String]) -> Result<OrdinalData, OrdinalError> {
        let n = x.nrows();
        if n < 2 {
            return Err(OrdinalError::TooFewRows { rows: n });
        }
        let mut levels = Vec::with_capacity(x.ncols());
        let mut codes = Vec::with_capacity(x.ncols());
        for (j, name) in names.iter().enumerate().take(x.ncols()) {
            let col: Vec<f64> = x.column(j).iter().copied().collect();
            let mut lv = col.clone();
            crate::sorting::ascending(&mut lv);
            lv.dedup();
            let fractional = lv.iter().copied().find(|v| v.fract() != 0.0);
            if lv.len() > MAX_CATEGORIES || fractional.is_some() {
                return Err(OrdinalError::NotOrdinal {
                    name: name.clone(),
                    distinct: lv.len(),
                    fractional,
                });
            }
            if lv.len() < 2 {
                return Err(OrdinalError::OneCategory {
                    name: name.clone(),
                    value: lv.first().copied().unwrap_or(f64::NAN),
                });
            }
            let c: Vec<u8> = col
                .iter()
                .map(|v| lv.iter().position(|l| l == v).expect("a level") as u8)
                .collect();
            levels.push(lv);
            codes.push(c);
        }
        Ok(OrdinalData {
            names: names.to_vec(),
            levels,
            codes,
            n,
        })
    }

    /// The rows of one group (`x`, complete) coded with the categories
    /// `levels` of the whole data, so every group has the same thresholds
    /// to estimate; a category no row of the group has is an error.
    pub fn with_levels(
        x: &DMatrix<f64>,
        names: &[String],
        levels: &[Vec<f64>],
        group: &str,
    ) -> Result<OrdinalData, OrdinalError> {
        let n = x.nrows();
        if n < 2 {
            return Err(OrdinalError::TooFewRows { rows: n });
        }
        let mut codes = Vec::with_capacity(levels.len());
        for (j, lv) in levels.iter().enumerate() {
            let c: Vec<u8> = x
                .column(j)
                .iter()
                .map(|v| {
                    lv.iter()
                        .position(|l| l == v)
                        .expect("a level of the whole data") as u8
                })
                .collect();
            let counts: Vec<(f64, usize)> = lv
                .iter()
                .enumerate()
                .map(|(k, &v)| (v, c.iter().filter(|&&x| usize::from(x) == k).count()))
                .collect();
            if let Some(&(category, _)) = counts.iter().find(|(_, c)| *c == 0) {
                return Err(OrdinalError::EmptyCategory {
                    name: names[j].clone(),
                    group: group.to_string(),
                    category,
                    counts,
                });
            }
            codes.push(c);
        }
        Ok(OrdinalData {
            names: names.to_vec(),
            levels: levels.to_vec(),
            codes,
            n,
        })
    }

    /// Number of categories of item j.
    pub fn n_categories(&self, j: usize) -> usize {
        self.levels[j].len()
    }
}

/// The fit of one polychoric correlation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairFit {
    pub rho: f64,
    pub converged: bool,
    /// The table had an empty cell.
    pub empty_cells: bool,
}

/// The sample statistics of ordinal items.
#[derive(Debug, Clone)]
pub struct OrdinalStats {
    pub n: usize,
    /// Thresholds of every item.
    pub thresholds: Vec<Vec<f64>>,
    /// Index of item j's first threshold in [`OrdinalStats::obs`].
    pub th_offset: Vec<usize>,
    /// Total number of thresholds.
    pub n_th: usize,
    /// Polychoric correlation matrix (unit diagonal).
    pub cor: DMatrix<f64>,
    /// The item pairs (i, j), i > j, in lavaan's order; the correlation of
    /// pair k is `obs[n_th + k]`.
    pub pairs: Vec<(usize, usize)>,
    /// Per pair: convergence and empty cells.
    pub pair_fits: Vec<PairFit>,
    /// (thresholds, correlations): lavaan's `WLS.obs`.
    pub obs: DVector<f64>,
    /// N × the asymptotic covariance matrix of `obs` (lavaan's `NACOV`,
    /// `lavTech(fit, "gamma")`).
    pub gamma: DMatrix<f64>,
}

/// Thresholds of one item from its category counts: Φ⁻¹ of the cumulative
/// proportions (lavaan `lav_uvord_th`).
pub fn thresholds_from_counts(counts: &[usize]) -> Vec<f64> {
    let total: usize = counts.iter().sum();
    let mut cum = 0usize;
    counts[..counts.len() - 1]
        .iter()
        .map(|c| {
            cum += c;
            qnorm(cum as f64 / total as f64)
        })
        .collect()
}

/// Cell probabilities, densities and their ρ-derivatives of one bivariate
/// table at ρ (lavaan `lav_bvord_noexo_pi_cache`, `_phi_cache`,
/// `_gnorm_cache`). Cell (a, b) is at index a·k2 + b.
struct Cells {
    /// P_ab floored at √ε.
    pi: Vec<f64>,
    /// ∂P_ab/∂ρ.
    phi: Vec<f64>,
    /// ∂²P_ab/∂ρ².
    gnorm: Vec<f64>,
}

/// Φ₂(h, k; ρ) at many (h, k) for one ρ: Genz's `BVND` (the algorithm and
/// the quadrature rules of [`pbinorm`]) with the ρ-dependent nodes computed
/// once and Φ(h), Φ(k) supplied by the caller. For |ρ| ≥ 0.925 it calls
/// [`pbinorm`].
struct BvnGrid {
    rho: f64,
    /// (weight, sn, 1/(1 − sn²)) per node; empty when |ρ| ≥ 0.925.
    nodes: Vec<(f64, f64, f64)>,
    scale: f64,
}

impl BvnGrid {
    fn new(rho: f64) -> BvnGrid {
        let mut nodes = Vec::new();
        let mut scale = 0.0;
        if rho != 0.0 && rho.abs() < 0.925 {
            let (w, x) = bvnd_rule(rho);
            let asr = rho.asin();
            for (wi, xi) in w.iter().zip(x) {
                for is in [-1.0, 1.0] {
                    let sn = (asr * (is * xi + 1.0) / 2.0).sin();
                    nodes.push((*wi, sn, 1.0 / (1.0 - sn * sn)));
                }
            }
            scale = asr / (2.0 * std::f64::consts::TAU);
        }
        BvnGrid { rho, nodes, scale }
    }

    /// P(X < h, Y < k); `ph` = Φ(h), `pk` = Φ(k).
    fn cdf(&self, h: f64, k: f64, ph: f64, pk: f64) -> f64 {
        if self.nodes.is_empty() {
            return pbinorm(h, k, self.rho);
        }
        let (h, k) = (h.clamp(-40.0, 40.0), k.clamp(-40.0, 40.0));
        let hk = h * k;
        let hs = (h * h + k * k) / 2.0;
        let mut s = 0.0;
        for &(w, sn, inv) in &self.nodes {
            s += w * ((sn * hk - hs) * inv).exp();
        }
        (s * self.scale + ph * pk).clamp(0.0, 1.0)
    }
}

/// lavaan's `dbinorm`: ρ clipped to ±0.9999 and lavaan's arithmetic
/// (R = 1 − ρ², where [`crate::distributions::dbinorm`] uses the cancellation-free
/// (1 − ρ)(1 + ρ)); kept apart so that the polychoric derivatives round as
/// lavaan's do.
fn dbinorm_lavaan(u: f64, v: f64, rho: f64) -> f64 {
    let rho = rho.clamp(-0.9999, 0.9999);
    let r = 1.0 - rho * rho;
    (-0.5 * (u * u - 2.0 * rho * u * v + v * v) / r).exp() / (std::f64::consts::TAU * r.sqrt())
}

fn cells(t1: &[f64], t2: &[f64], pth1: &[f64], pth2: &[f64], rho: f64, derivs: bool) -> Cells {
    let (n1, n2) = (t1.len(), t2.len()); // thresholds
    let (k1, k2) = (n1 + 1, n2 + 1); // categories
                                     // BI[(a, b)], a in 0..=k1, b in 0..=k2: Φ₂ at the extended thresholds
    let w = k2 + 1;
    let mut bi = vec![0.0; (k1 + 1) * w];
    let grid = BvnGrid::new(rho);
    for a in 1..k1 {
        for b in 1..k2 {
            bi[a * w + b] = if rho == 0.0 {
                pth1[a - 1] * pth2[b - 1]
            } else {
                grid.cdf(t1[a - 1], t2[b - 1], pth1[a - 1], pth2[b - 1])
            };
        }
        bi[a * w + k2] = pth1[a - 1];
    }
    for b in 1..k2 {
        bi[k1 * w + b] = pth2[b - 1];
    }
    bi[k1 * w + k2] = 1.0;
    let mut pi = vec![0.0; k1 * k2];
    for a in 0..k1 {
        for b in 0..k2 {
            let p =
                bi[(a + 1) * w + b + 1] - bi[a * w + b + 1] - bi[(a + 1) * w + b] + bi[a * w + b];
            pi[a * k2 + b] = if p < SQRT_EPS { SQRT_EPS } else { p };
        }
    }
    if !derivs {
        return Cells {
            pi,
            phi: Vec::new(),
            gnorm: Vec::new(),
        };
    }
    // densities at the finite threshold pairs, padded with zeros
    let mut d = vec![0.0; (k1 + 1) * w];
    let mut g = vec![0.0; (k1 + 1) * w];
    let r = 1.0 - rho * rho;
    for a in 1..k1 {
        for b in 1..k2 {
            let (u, v) = (t1[a - 1], t2[b - 1]);
            let dens = dbinorm_lavaan(u, v, rho);
            d[a * w + b] = dens;
            g[a * w + b] =
                dens * (u * v * r - rho * (u * u - 2.0 * rho * u * v + v * v) + rho * r) / (r * r);
        }
    }
    let mut phi = vec![0.0; k1 * k2];
    let mut gnorm = vec![0.0; k1 * k2];
    for a in 0..k1 {
        for b in 0..k2 {
            let at = |m: &Vec<f64>| {
                m[(a + 1) * w + b + 1] - m[a * w + b + 1] - m[(a + 1) * w + b] + m[a * w + b]
            };
            phi[a * k2 + b] = at(&d);
            gnorm[a * k2 + b] = at(&g);
        }
    }
    Cells { pi, phi, gnorm }
}

/// Log-likelihood, gradient and second derivative in ρ (lavaan
/// `lav_bvord_logl_cache`, `_gradient_cache`, `_hessian_cache`): cells
/// whose probability is at the floor are left out of the derivatives.
fn loglik_derivs(freq: &[f64], c: &Cells) -> (f64, f64, f64) {
    let (mut l, mut g, mut h) = (0.0, 0.0, 0.0);
    for (k, &n) in freq.iter().enumerate() {
        if n != 0.0 {
            l += n * c.pi[k].ln();
        }
        if c.pi[k] > SQRT_EPS {
            g += n * c.phi[k] / c.pi[k];
            h += n * (c.gnorm[k] / c.pi[k] - c.phi[k] * c.phi[k] / (c.pi[k] * c.pi[k]));
        }
    }
    (l, g, h)
}

/// Maximum-likelihood polychoric correlation of one table with the
/// thresholds fixed (lavaan `lav_bvord_cor_twostep_fit`); `freq` holds
/// the k1 × k2 counts row by row, `start` the starting value.
pub fn polychoric_pair(t1: &[f64], t2: &[f64], freq: &[f64], start: f64) -> PairFit {
    fit_pair(t1, t2, freq, start).0
}

/// [`polychoric_pair`], with the cells at the last ρ Newton evaluated
/// (within 3e-6 of ρ̂); None for the closed-form cases.
fn fit_pair(t1: &[f64], t2: &[f64], freq: &[f64], start: f64) -> (PairFit, Option<(f64, Cells)>) {
    let (k1, k2) = (t1.len() + 1, t2.len() + 1);
    let mut freq = freq.to_vec();
    let empty_cells = freq.contains(&0.0);
    if k1 == 2 && k2 == 2 {
        let zero: Vec<usize> = (0..4).filter(|&k| freq[k] == 0.0).collect();
        if zero.len() == 2 {
            let rho = if freq[0] > 0.0 { 1.0 } else { -1.0 };
            let fit = PairFit {
                rho,
                converged: true,
                empty_cells,
            };
            return (fit, None);
        }
        if zero.len() == 1 {
            // lavaan's indices are column-major: cell 1 = (1,1), 4 = (2,2)
            let diagonal = zero[0] == 0 || zero[0] == 3;
            let s = if diagonal { 0.5 } else { -0.5 };
            freq[0] += s;
            freq[3] += s;
            freq[1] -= s;
            freq[2] -= s;
        }
        if freq[0] * freq[3] == freq[1] * freq[2] {
            let fit = PairFit {
                rho: 0.0,
                converged: true,
                empty_cells,
            };
            return (fit, None);
        }
        if t1[0] == 0.0 && t2[0] == 0.0 {
            let total: f64 = freq.iter().sum();
            let fit = PairFit {
                rho: -(std::f64::consts::TAU * freq[0] / total).cos(),
                converged: true,
                empty_cells,
            };
            return (fit, None);
        }
    }
    let pth1: Vec<f64> = t1.iter().map(|&t| pnorm(t)).collect();
    let pth2: Vec<f64> = t2.iter().map(|&t| pnorm(t)).collect();
    let eval = |rho: f64| {
        let c = cells(t1, t2, &pth1, &pth2, rho, true);
        let (l, g, h) = loglik_derivs(&freq, &c);
        (l, g, h, c)
    };
    const BOUND: f64 = 0.999;
    let mut rho = if start.is_finite() && start.abs() < 1.0 {
        start.clamp(-BOUND, BOUND)
    } else {
        0.0
    };
    let (mut l, mut g, mut h, mut c) = eval(rho);
    let mut at = rho;
    let mut converged = false;
    for _ in 0..100 {
        // Newton step on the log-likelihood; a gradient step where it is not concave
        let step = if h < 0.0 { -g / h } else { g.signum() * 0.05 };
        if g == 0.0 {
            converged = true;
            break;
        }
        if h < 0.0 && step.abs() < 3e-6 {
            // Newton converges quadratically: after this step the error is
            // of the order of step² (about 1e-11)
            rho = (rho + step).clamp(-BOUND, BOUND);
            converged = true;
            break;
        }
        let mut t = 1.0;
        let mut moved = false;
        for _ in 0..60 {
            let new = (rho + t * step).clamp(-BOUND, BOUND);
            if new == rho {
                break;
            }
            let (ln, gn, hn, cn) = eval(new);
            if ln.is_finite() && ln >= l - 1e-12 * l.abs() {
                rho = new;
                at = new;
                l = ln;
                g = gn;
                h = hn;
                c = cn;
                moved = true;
                break;
            }
            t *= 0.5;
        }
        if !moved {
            // at a bound, or no further progress in floating point
            converged = g.abs() < 1e-6 * freq.iter().sum::<f64>() || rho.abs() >= BOUND;
            break;
        }
    }
    let fit = PairFit {
        rho,
        converged,
        empty_cells,
    };
    (fit, Some((at, c)))
}

/// Pearson correlation of the category codes, from their k1 × k2 table
/// (lavaan's starting value); 0 when undefined.
fn pearson_from_table(freq: &[f64], k1: usize, k2: usize) -> f64 {
    let n: f64 = freq.iter().sum();
    let (mut ma, mut mb) = (0.0, 0.0);
    for a in 0..k1 {
        for b in 0..k2 {
            let f = freq[a * k2 + b];
            ma += f * a as f64;
            mb += f * b as f64;
        }
    }
    ma /= n;
    mb /= n;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for a in 0..k1 {
        for b in 0..k2 {
            let f = freq[a * k2 + b];
            let (da, db) = (a as f64 - ma, b as f64 - mb);
            sab += f * da * db;
            saa += f * da * da;
            sbb += f * db * db;
        }
    }
    let r = sab / (saa * sbb).sqrt();
    if r.is_finite() && r.abs() < 1.0 {
        r
    } else {
        0.0
    }
}

/// Inverse of a small symmetric positive-definite matrix (row-major k×k),
/// by Gauss–Jordan elimination; None if singular.
fn small_inverse(m: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut a = m.to_vec();
    let mut inv = vec![0.0; k * k];
    for i in 0..k {
        inv[i * k + i] = 1.0;
    }
    for c in 0..k {
        let p = (c..k).max_by(|&x, &y| {
            a[x * k + c]
                .abs()
                .partial_cmp(&a[y * k + c].abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        })?;
        if a[p * k + c] == 0.0 || !a[p * k + c].is_finite() {
            return None;
        }
        for j in 0..k {
            a.swap(c * k + j, p * k + j);
            inv.swap(c * k + j, p * k + j);
        }
        let d = a[c * k + c];
        for j in 0..k {
            a[c * k + j] /= d;
            inv[c * k + j] /= d;
        }
        for r in 0..k {
            if r != c {
                let f = a[r * k + c];
                if f != 0.0 {
                    for j in 0..k {
                        a[r * k + j] -= f * a[c * k + j];
                        inv[r * k + j] -= f * inv[c * k + j];
                    }
                }
            }
        }
    }
    Some(inv)
}

/// Thresholds, polychoric correlations and Γ of ordinal items.
pub fn ordinal_stats(data: &OrdinalData) -> OrdinalStats {
    let p = data.names.len();
    let n = data.n;
    let nf = n as f64;
    // ---- step 1: thresholds and univariate scores (per category)
    let mut thresholds = Vec::with_capacity(p);
    let mut th_offset = Vec::with_capacity(p);
    let mut n_th = 0;
    // z_th[j][a]: A11_j⁻¹ s_τ for a case in category a of item j
    let mut z_th: Vec<Vec<Vec<f64>>> = Vec::with_capacity(p);
    for j in 0..p {
        let k = data.n_categories(j);
        let mut counts = vec![0usize; k];
        for &c in &data.codes[j] {
            counts[c as usize] += 1;
        }
        let th = thresholds_from_counts(&counts);
        let m = th.len();
        // univariate score vectors per category (lavaan `lav_uvord_scores`)
        let cdf = |c: isize| -> f64 {
            if c < 0 {
                0.0
            } else if c as usize >= m {
                1.0
            } else {
                pnorm(th[c as usize])
            }
        };
        let scores: Vec<Vec<f64>> = (0..k)
            .map(|a| {
                let pa = cdf(a as isize) - cdf(a as isize - 1);
                let mut s = vec![0.0; m];
                if a < m {
                    s[a] += dnorm(th[a]) / pa;
                }
                if a >= 1 {
                    s[a - 1] -= dnorm(th[a - 1]) / pa;
                }
                s
            })
            .collect();
        // A11_j = Σ_a n_a s_a s_a′
        let mut a11 = vec![0.0; m * m];
        for a in 0..k {
            let na = counts[a] as f64;
            for r in 0..m {
                for c in 0..m {
                    a11[r * m + c] += na * scores[a][r] * scores[a][c];
                }
            }
        }
        let inv = small_inverse(&a11, m).unwrap_or_else(|| vec![0.0; m * m]);
        let z: Vec<Vec<f64>> = scores
            .iter()
            .map(|s| {
                (0..m)
                    .map(|r| (0..m).map(|c| inv[r * m + c] * s[c]).sum())
                    .collect()
            })
            .collect();
        z_th.push(z);
        th_offset.push(n_th);
        n_th += m;
        thresholds.push(th);
    }
    // ---- step 2: polychoric correlations, ρ scores per cell
    let mut pairs = Vec::with_capacity(p * (p.saturating_sub(1)) / 2);
    for j in 0..p {
        for i in j + 1..p {
            pairs.push((i, j));
        }
    }
    // polyserial factors corr(code, latent) = Σφ(τ_k)/sd(code): Pearson /
    // (r_i r_j) starts Newton close to the polychoric correlation
    let serial: Vec<f64> = (0..p)
        .map(|j| {
            let codes = &data.codes[j];
            let mean = codes.iter().map(|&c| f64::from(c)).sum::<f64>() / nf;
            let var = codes
                .iter()
                .map(|&c| (f64::from(c) - mean).powi(2))
                .sum::<f64>()
                / nf;
            let s: f64 = thresholds[j].iter().map(|&t| dnorm(t)).sum();
            let r = s / var.sqrt();
            if r.is_finite() && r > 0.05 {
                r.min(1.0)
            } else {
                1.0
            }
        })
        .collect();
    let mut cor = DMatrix::identity(p, p);
    let mut pair_fits = Vec::with_capacity(pairs.len());
    // z_rho[k][a·k2 + b]: the ρ component of B⁻¹s for a case in cell (a, b)
    let mut z_rho: Vec<Vec<f64>> = Vec::with_capacity(pairs.len());
    for &(i, j) in &pairs {
        let (t1, t2) = (&thresholds[i], &thresholds[j]);
        let (k1, k2) = (t1.len() + 1, t2.len() + 1);
        let mut freq = vec![0.0; k1 * k2];
        for (&a, &b) in data.codes[i].iter().zip(&data.codes[j]) {
            freq[a as usize * k2 + b as usize] += 1.0;
        }
        let start =
            (pearson_from_table(&freq, k1, k2) / (serial[i] * serial[j])).clamp(-0.95, 0.95);
        let (fit, last) = fit_pair(t1, t2, &freq, start);
        cor[(i, j)] = fit.rho;
        cor[(j, i)] = fit.rho;
        pair_fits.push(fit);
        // scores at ρ̂ (lavaan `lav_bvord_cor_scores_cache`); the observed
        // counts (not the zero-adjusted ones) weight them. Newton's last
        // evaluation is at most 3e-6 from ρ̂ and is reused only when it is ρ̂.
        let rho = fit.rho;
        let c = match last {
            Some((at, c)) if at == rho => c,
            _ => {
                let pth1: Vec<f64> = t1.iter().map(|&t| pnorm(t)).collect();
                let pth2: Vec<f64> = t2.iter().map(|&t| pnorm(t)).collect();
                cells(t1, t2, &pth1, &pth2, rho, true)
            }
        };
        let r = (1.0 - rho * rho).sqrt();
        let ext = |t: &[f64], x: isize| -> f64 {
            if x < 0 {
                f64::NEG_INFINITY
            } else if x as usize >= t.len() {
                f64::INFINITY
            } else {
                t[x as usize]
            }
        };
        // ∂ log P_ab / ∂τ of the item at (u = own threshold) given the other
        // item's interval [lo, hi)
        let z_part = |u: f64, lo: f64, hi: f64| -> f64 {
            if r == 0.0 {
                dnorm(u) * 0.5
            } else {
                dnorm(u) * (pnorm((hi - rho * u) / r) - pnorm((lo - rho * u) / r))
            }
        };
        let mut s_rho = vec![0.0; k1 * k2];
        let (m1, m2) = (t1.len(), t2.len());
        let mut a21_i = vec![0.0; m1];
        let mut a21_j = vec![0.0; m2];
        let mut a22 = 0.0;
        for a in 0..k1 {
            for b in 0..k2 {
                let cell = a * k2 + b;
                let lik = c.pi[cell];
                if lik <= SQRT_EPS {
                    continue; // lavaan: NA, dropped from every sum
                }
                let sr = c.phi[cell] / lik;
                s_rho[cell] = sr;
                let nab = freq[cell];
                if nab == 0.0 {
                    continue;
                }
                a22 += nab * sr * sr;
                let (lo2, hi2) = (ext(t2, b as isize - 1), ext(t2, b as isize));
                let (lo1, hi1) = (ext(t1, a as isize - 1), ext(t1, a as isize));
                if a < m1 {
                    a21_i[a] += nab * sr * z_part(t1[a], lo2, hi2) / lik;
                }
                if a >= 1 {
                    a21_i[a - 1] -= nab * sr * z_part(t1[a - 1], lo2, hi2) / lik;
                }
                if b < m2 {
                    a21_j[b] += nab * sr * z_part(t2[b], lo1, hi1) / lik;
                }
                if b >= 1 {
                    a21_j[b - 1] -= nab * sr * z_part(t2[b - 1], lo1, hi1) / lik;
                }
            }
        }
        let mut z = vec![0.0; k1 * k2];
        if a22 > 0.0 {
            for a in 0..k1 {
                let zi: f64 = a21_i.iter().zip(&z_th[i][a]).map(|(x, y)| x * y).sum();
                for b in 0..k2 {
                    let zj: f64 = a21_j.iter().zip(&z_th[j][b]).map(|(x, y)| x * y).sum();
                    z[a * k2 + b] = (s_rho[a * k2 + b] - zi - zj) / a22;
                }
            }
        }
        z_rho.push(z);
    }
    // ---- Γ = N Z′Z
    let q = n_th + pairs.len();
    let mut zmat = DMatrix::<f64>::zeros(n, q);
    for (j, zj) in z_th.iter().enumerate() {
        for (row, &a) in data.codes[j].iter().enumerate() {
            for (c, &v) in zj[a as usize].iter().enumerate() {
                zmat[(row, th_offset[j] + c)] = v;
            }
        }
    }
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let k2 = thresholds[j].len() + 1;
        let mut col = zmat.column_mut(n_th + k);
        for row in 0..n {
            let (a, b) = (data.codes[i][row] as usize, data.codes[j][row] as usize);
            col[row] = z_rho[k][a * k2 + b];
        }
    }
    let gamma = (zmat.transpose() * &zmat) * nf;
    let mut obs = DVector::zeros(q);
    for j in 0..p {
        for (c, t) in thresholds[j].iter().enumerate() {
            obs[th_offset[j] + c] = *t;
        }
    }
    for (k, &(i, j)) in pairs.iter().enumerate() {
        obs[n_th + k] = cor[(i, j)];
    }
    OrdinalStats {
        n,
        thresholds,
        th_offset,
        n_th,
        cor,
        pairs,
        pair_fits,
        obs,
        gamma,
    }
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// An ordinal-data error in Chinese.
fn zh_text(e: &OrdinalError) -> String {
    match e {
        OrdinalError::NotOrdinal {
            name,
            distinct,
            fractional,
        } => {
            let frac = fractional
                .map(|v| format!("，其中一些不是整数（如 {v}）"))
                .unwrap_or_default();
            format!(
                "`{name}` 被声明为有序变量，但有 {distinct} 个不同的值{frac}；有序（李克特）题项只有少数几个整数类别（最多 {MAX_CATEGORIES} 个）。请把 `{name}` 从有序题项中去掉（它将作为连续变量，模型需要使用 ML 估计）"
            )
        }
        OrdinalError::OneCategory { name, value } => format!(
            "`{name}` 被声明为有序变量，但所用的每一行答案都相同（{value}）：只有一个观测类别，无法估计阈值和相关；请将 `{name}` 从模型中删除"
        ),
        OrdinalError::UnknownItem { name, suggestion } => match suggestion {
            Some(s) => format!("`{name}` 被声明为有序变量，但它不是数据中的列（是否想写 `{s}`？）"),
            None => format!("`{name}` 被声明为有序变量，但它不是数据中的列"),
        },
        OrdinalError::TooFewRows { rows } => format!(
            "删除含缺失值的行后只剩 {rows} 行完整数据；多分格相关需要多得多的数据"
        ),
        OrdinalError::EmptyCategory {
            name,
            group,
            category,
            counts,
        } => format!(
            "`{name}` 在组“{group}”中没有任何回答落在类别 {category}（各类别的回答数：{}）；每个组都需要有序题项的全部类别才能估计其阈值。请在数据中把该类别与相邻类别合并，或将 `{name}` 从模型中删除",
            count_list(counts)
        ),
    }
}

impl Localized for OrdinalError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_normal_quantiles_of_cumulative_proportions() {
        let th = thresholds_from_counts(&[10, 30, 60]);
        assert!((th[0] - qnorm(0.1)).abs() < 1e-15);
        assert!((th[1] - qnorm(0.4)).abs() < 1e-15);
    }

    #[test]
    fn two_by_two_special_cases() {
        // ad = bc: independence
        let f = polychoric_pair(&[0.3], &[-0.2], &[10.0, 20.0, 30.0, 60.0], 0.1);
        assert_eq!(f.rho, 0.0);
        // both split at the median: closed form
        let f = polychoric_pair(&[0.0], &[0.0], &[40.0, 10.0, 10.0, 40.0], 0.1);
        assert!((f.rho + (std::f64::consts::TAU * 0.4).cos()).abs() < 1e-15);
        // two empty cells
        let f = polychoric_pair(&[0.1], &[0.2], &[40.0, 0.0, 0.0, 60.0], 0.1);
        assert_eq!(f.rho, 1.0);
    }

    #[test]
    fn polychoric_recovers_the_tetrachoric_solution() {
        // a 2×2 table generated from ρ = 0.5 with thresholds 0.3, -0.2
        let (t1, t2, rho) = (0.3, -0.2, 0.5);
        let p11 = pbinorm(t1, t2, rho);
        let p1 = pnorm(t1);
        let p2 = pnorm(t2);
        let freq: Vec<f64> = [p11, p1 - p11, p2 - p11, 1.0 - p1 - p2 + p11]
            .iter()
            .map(|p| p * 1e6)
            .collect();
        let f = polychoric_pair(&[t1], &[t2], &freq, 0.0);
        assert!(f.converged);
        assert!((f.rho - rho).abs() < 1e-9, "{}", f.rho);
    }

    #[test]
    fn continuous_and_constant_items_are_refused() {
        let names = vec!["a".to_string(), "b".to_string()];
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 2.5, 1.0, 3.0, 1.0, 4.0]);
        match OrdinalData::from_matrix(&x, &names) {
            Err(OrdinalError::OneCategory { name, .. }) => assert_eq!(name, "a"),
            other => panic!("{other:?}"),
        }
        let x = DMatrix::from_row_slice(3, 2, &[1.0, 2.5, 2.0, 3.0, 1.0, 4.0]);
        match OrdinalData::from_matrix(&x, &names) {
            Err(OrdinalError::NotOrdinal {
                name,
                distinct,
                fractional,
            }) => {
                assert_eq!((name.as_str(), distinct, fractional), ("b", 3, Some(2.5)))
            }
            other => panic!("{other:?}"),
        }
    }
}
