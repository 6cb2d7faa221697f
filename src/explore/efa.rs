//! Maximum-likelihood exploratory factor analysis: a correlation matrix R
//! (p items) and a number of factors k in; the unrotated ML loadings, the
//! uniquenesses and the discrepancy F at the minimum out.
//!
//! The ML solution is unique up to rotation, so it is found in the smaller
//! problem of the uniquenesses ψ alone (Jöreskog 1967; the method of R's
//! `factanal`): for given ψ, with θ₁ ≥ … ≥ θ_p the eigenvalues of
//! Ψ^{-1/2} R Ψ^{-1/2} and ω their vectors, the best loadings are
//! Λ = Ψ^{1/2} Ω_k (Θ_k − I)^{1/2} and F(ψ) = Σ_{m>k} (θ_m − ln θ_m − 1);
//! ∂F/∂ψ_i = (ΛΛ′ + Ψ − R)_ii / ψ_i². F is minimized by BFGS in ln ψ (so
//! uniquenesses stay positive); when that does not converge (a Heywood
//! case: a uniqueness heading for lavaan's bound 0), a bounded search in ψ
//! finds the basin first. lavaan's `efa()` (`R/lav_efa.R`) fits the
//! same model with nlminb over all parameters and reaches the same minimum
//! (χ², df and fit measures do not depend on the rotation); χ² = N·F
//! because F is the usual ML discrepancy, the same on R as on S.

use super::eigen::eigen_desc;
use nalgebra::{DMatrix, DVector};

/// Gradient tolerance (max |∂F/∂ ln ψ|).
const GRAD_TOL: f64 = 1e-8;
/// Below this gradient, a step that no longer lowers F ends the search
/// (rounding noise of the eigenvalues).
const GRAD_NOISE: f64 = 1e-6;
const MAX_ITER: usize = 5000;
/// BFGS in ln ψ gives up when F fell by less than 10⁻⁹ (relative) over
/// this many iterations without converging.
const CREEP_WINDOW: usize = 100;

/// An unrotated ML factor solution.
#[derive(Debug, Clone)]
pub struct MlFactors {
    /// p × k loadings on the correlation scale (unrotated).
    pub loadings: DMatrix<f64>,
    /// Uniquenesses ψ (1 − communality).
    pub uniquenesses: Vec<f64>,
    /// The ML discrepancy F = ln|Σ| + tr(RΣ⁻¹) − ln|R| − p at the minimum.
    pub f: f64,
    pub iterations: usize,
    pub converged: bool,
}

/// F(ψ) and the loadings at ψ.
fn objective(r: &DMatrix<f64>, psi: &[f64], k: usize) -> Option<(f64, DMatrix<f64>)> {
    let p = r.nrows();
    let s = DMatrix::from_fn(p, p, |i, j| r[(i, j)] / (psi[i] * psi[j]).sqrt());
    let (vals, vecs) = eigen_desc(&s);
    let mut f = 0.0;
    for &t in &vals[k..] {
        if t <= 0.0 {
            return None;
        }
        f += t - t.ln() - 1.0;
    }
    let l = DMatrix::from_fn(p, k, |i, j| {
        psi[i].sqrt() * vecs[(i, j)] * (vals[j] - 1.0).max(0.0).sqrt()
    });
    Some((f, l))
}

/// ∂F/∂ ln ψ_i = (ΛΛ′ + Ψ − R)_ii / ψ_i.
fn gradient(r: &DMatrix<f64>, psi: &[f64], l: &DMatrix<f64>) -> DVector<f64> {
    DVector::from_fn(psi.len(), |i, _| {
        let ll: f64 = l.row(i).iter().map(|v| v * v).sum();
        (ll + psi[i] - r[(i, i)]) / psi[i]
    })
}

/// Fits k factors to the correlation matrix `r` whose inverse is `r_inv`
/// (start: ψ_i = (1 − k/(2p)) / (R⁻¹)_ii, as `factanal`).
///
/// When BFGS in ln ψ does not converge, which happens when an item's
/// uniqueness heads for 0 (a Heywood case) along a path to a worse
/// boundary than lavaan's, the bounded search in ψ ([`fit_ml_bounded`])
/// finds the basin and BFGS in ln ψ finishes from there.
pub fn fit_ml(r: &DMatrix<f64>, r_inv: &DMatrix<f64>, k: usize) -> MlFactors {
    let p = r.nrows();
    let start = 1.0 - 0.5 * k as f64 / p as f64;
    let psi: Vec<f64> = (0..p).map(|i| start / r_inv[(i, i)]).collect();
    let first = fit_ml_from(r, &psi, k);
    if first.converged {
        return first;
    }
    let bounded = fit_ml_bounded(r, &psi, k);
    let finished = fit_ml_from(r, &bounded.uniquenesses, k);
    if finished.converged {
        finished
    } else {
        first
    }
}

/// BFGS in ln ψ from the uniquenesses `psi` (see the module doc).
fn fit_ml_from(r: &DMatrix<f64>, psi: &[f64], k: usize) -> MlFactors {
    let p = r.nrows();
    let mut x = DVector::from_fn(p, |i, _| psi[i].ln());
    let psi_of = |x: &DVector<f64>| x.iter().map(|v| v.exp()).collect::<Vec<f64>>();
    let (mut f, mut l) = objective(r, &psi_of(&x), k).expect("start values are positive definite");
    let mut g = gradient(r, &psi_of(&x), &l);
    let mut h = DMatrix::<f64>::identity(p, p);
    let mut converged = false;
    let mut iterations = 0;
    let mut f_window = f;
    for it in 0..MAX_ITER {
        iterations = it;
        if g.amax() < GRAD_TOL {
            converged = true;
            break;
        }
        if it > 0 && it % CREEP_WINDOW == 0 {
            // creeping towards a boundary (ln ψ → −∞): give up, so that
            // fit_ml's bounded search takes over at once
            if f_window - f < 1e-9 * f.abs().max(1.0) {
                break;
            }
            f_window = f;
        }
        let mut d = -(&h * &g);
        if d.dot(&g) >= 0.0 {
            h = DMatrix::identity(p, p);
            d = -g.clone();
        }
        // Armijo backtracking; steps are in ln ψ, so keep them moderate
        let dmax = d.amax();
        let mut step = if dmax > 1.0 { 1.0 / dmax } else { 1.0 };
        let slope = d.dot(&g);
        let mut accepted = None;
        for _ in 0..60 {
            let xn = &x + &d * step;
            if let Some((fnew, ln)) = objective(r, &psi_of(&xn), k) {
                if fnew <= f + 1e-4 * step * slope {
                    accepted = Some((xn, fnew, ln));
                    break;
                }
            }
            step *= 0.5;
        }
        let Some((xn, fnew, ln)) = accepted else {
            // no decrease possible at this precision: the minimum is reached
            converged = g.amax() < GRAD_NOISE;
            break;
        };
        let gn = gradient(r, &psi_of(&xn), &ln);
        bfgs_update(&mut h, &(&xn - &x), &(&gn - &g));
        let stalled = f - fnew < 1e-15 * f.abs().max(1.0);
        x = xn;
        f = fnew;
        l = ln;
        g = gn;
        if stalled && g.amax() < GRAD_NOISE {
            converged = true;
            break;
        }
    }
    MlFactors {
        loadings: l,
        uniquenesses: psi_of(&x),
        f,
        iterations,
        converged,
    }
}

/// The lower bound of a uniqueness in [`fit_ml_bounded`]: lavaan's `efa()`
/// bounds the residual variances at 0 (`bounds = "pos.var"`), which the
/// ψ-only problem cannot reach (it divides by √ψ, and ∂F/∂ψ by ψ², so that
/// below about 10⁻⁶ the gradient is rounding noise); the search in ln ψ
/// that follows goes on towards 0.
const PSI_MIN: f64 = 1e-6;

/// The BFGS update of the inverse Hessian `h` after the step `s` that
/// changed the gradient by `y` (skipped when s′y ≤ 0).
fn bfgs_update(h: &mut DMatrix<f64>, s: &DVector<f64>, y: &DVector<f64>) {
    let sy = s.dot(y);
    if sy > 1e-300 {
        let hy = &*h * y;
        let yhy = y.dot(&hy);
        *h += (s * s.transpose()) * ((sy + yhy) / (sy * sy))
            - (&hy * s.transpose() + s * hy.transpose()) / sy;
    }
}

/// ∂F/∂ψ_i = (ΛΛ′ + Ψ − R)_ii / ψ_i².
fn gradient_psi(r: &DMatrix<f64>, psi: &[f64], l: &DMatrix<f64>) -> DVector<f64> {
    let g = gradient(r, psi, l);
    DVector::from_fn(psi.len(), |i, _| g[i] / psi[i])
}

/// Fits k factors from the uniquenesses `start` with every uniqueness at or
/// above [`PSI_MIN`]: a projected quasi-Newton method in ψ itself (as R's
/// `factanal`, which runs L-BFGS-B in ψ with bounds). For a Heywood case,
/// an item whose uniqueness goes to 0, where BFGS in ln ψ may creep
/// towards another boundary (a worse local minimum than lavaan's) without
/// converging. Bound items (at PSI_MIN with ∂F/∂ψ ≥ 0) stay out of the
/// step; converged when the projected gradient is below [`GRAD_TOL`].
fn fit_ml_bounded(r: &DMatrix<f64>, start: &[f64], k: usize) -> MlFactors {
    let p = r.nrows();
    let mut psi: Vec<f64> = start.iter().map(|v| v.max(PSI_MIN)).collect();
    let Some((mut f, mut l)) = objective(r, &psi, k) else {
        return MlFactors {
            loadings: DMatrix::zeros(p, k),
            uniquenesses: psi,
            f: f64::INFINITY,
            iterations: 0,
            converged: false,
        };
    };
    let mut g = gradient_psi(r, &psi, &l);
    let at_bound = |psi: &[f64], g: &DVector<f64>, i: usize| psi[i] <= PSI_MIN && g[i] >= 0.0;
    let mut h = DMatrix::<f64>::identity(p, p);
    let mut bound: Vec<bool> = (0..p).map(|i| at_bound(&psi, &g, i)).collect();
    let mut converged = false;
    let mut iterations = 0;
    for it in 0..MAX_ITER {
        iterations = it;
        let projected = (0..p)
            .filter(|&i| !bound[i])
            .map(|i| g[i].abs())
            .fold(0.0, f64::max);
        if projected < GRAD_TOL {
            converged = true;
            break;
        }
        let mut d = -(&h * &g);
        for i in 0..p {
            if bound[i] {
                d[i] = 0.0;
            }
        }
        if d.dot(&g) >= 0.0 {
            h = DMatrix::identity(p, p);
            d = DVector::from_fn(p, |i, _| if bound[i] { 0.0 } else { -g[i] });
        }
        // steps of at most 0.5 in any uniqueness; the projection keeps ψ ≥ PSI_MIN
        let dmax = d.amax();
        let mut step = if dmax > 0.5 { 0.5 / dmax } else { 1.0 };
        let mut accepted = None;
        for _ in 0..60 {
            let pn: Vec<f64> = (0..p)
                .map(|i| (psi[i] + step * d[i]).max(PSI_MIN))
                .collect();
            let moved: f64 = (0..p).map(|i| g[i] * (pn[i] - psi[i])).sum();
            if let Some((fnew, ln)) = objective(r, &pn, k) {
                if fnew <= f + 1e-4 * moved {
                    accepted = Some((pn, fnew, ln));
                    break;
                }
            }
            step *= 0.5;
        }
        let Some((pn, fnew, ln)) = accepted else {
            converged = projected < GRAD_NOISE;
            break;
        };
        let gn = gradient_psi(r, &pn, &ln);
        let new_bound: Vec<bool> = (0..p).map(|i| at_bound(&pn, &gn, i)).collect();
        if new_bound != bound {
            // a new set of bound items: start the curvature afresh
            h = DMatrix::identity(p, p);
        } else {
            let step = DVector::from_fn(p, |i, _| pn[i] - psi[i]);
            bfgs_update(&mut h, &step, &(&gn - &g));
        }
        let stalled = f - fnew < 1e-15 * f.abs().max(1.0);
        psi = pn;
        f = fnew;
        l = ln;
        g = gn;
        bound = new_bound;
        if stalled && projected < GRAD_NOISE {
            converged = true;
            break;
        }
    }
    MlFactors {
        loadings: l,
        uniquenesses: psi,
        f,
        iterations,
        converged,
    }
}

/// Degrees of freedom of the k-factor model for p items (lavaan counts
/// the k(k − 1)/2 rotation constraints): p(p + 1)/2 − (pk + p − k(k − 1)/2).
pub fn efa_df(p: usize, k: usize) -> i64 {
    (p * (p + 1) / 2) as i64 - efa_npar(p, k) as i64
}

/// Free parameters of the k-factor model (loadings and uniquenesses, less
/// the rotation constraints).
pub fn efa_npar(p: usize, k: usize) -> usize {
    p * k + p - k * (k - 1) / 2
}
