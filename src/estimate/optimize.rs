//! Minimization of the discrepancy: starting values in, θ̂ and a
//! convergence report out.
//!
//! Fisher scoring (Newton steps with the expected information as Hessian)
//! with an Armijo backtracking line search, in the reduced space z of the
//! reparametrization θ = k₀ + K z, with simple bounds handled by an active
//! set. Steps that make Σ non-positive-definite have f = ∞ and are halved.
//! lavaan uses nlminb (`R/lav_model_estimate.R`); both find the same
//! optimum, which we polish to max |∂f/∂z| < 1e-9 — tighter than lavaan's
//! own convergence noise (about 1e-7 relative).
//!
//! When an attempt fails, lavaan's `optim.attempts` idea is followed: try
//! again from `start = "simple"`.
//!
//! Set the environment variable `SEMLAB_TRACE` to print one line per
//! iteration on stderr (native builds).

use super::start::Kind;
use super::Problem;
use nalgebra::{DMatrix, DVector};

/// Gradient tolerance for convergence (max |∂f/∂z|).
pub const GRAD_TOL: f64 = 1e-9;
const MAX_ITER: usize = 500;
/// Rounding noise of f per observed variable: F sums p terms of order 1, so
/// f is known to about p·1e-14; a Newton decrement below that cannot be
/// confirmed by any line search.
const NOISE_PER_VARIABLE: f64 = 1e-14;

/// What the optimizer reports.
#[derive(Debug, Clone)]
pub struct OptResult {
    pub theta: DVector<f64>,
    pub f: f64,
    pub iterations: usize,
    pub converged: bool,
    /// Largest absolute gradient element at the end.
    pub max_grad: f64,
    /// The start values could not be used (Σ not positive definite).
    pub bad_start: bool,
}

impl Problem<'_> {
    /// Bounds in z space.
    fn z_bounds(&self) -> Vec<(f64, f64)> {
        let nz = self.reparam.nz();
        let mut b = vec![(f64::NEG_INFINITY, f64::INFINITY); nz];
        // a bounded parameter is one coordinate of z (the equality
        // constraints are solved for unbounded parameters, `set_constraints`)
        for (k, (lo, hi)) in self.pt.bounds.iter().enumerate() {
            if lo.is_none() && hi.is_none() {
                continue;
            }
            if let Some(j) = super::unit_row(&self.reparam.k, &self.reparam.k0, k) {
                b[j].0 = b[j].0.max(lo.unwrap_or(f64::NEG_INFINITY));
                b[j].1 = b[j].1.min(hi.unwrap_or(f64::INFINITY));
            }
        }
        b
    }

    /// Fits the model: default starts, then simple starts if that fails.
    pub fn fit(&self) -> OptResult {
        let mut best: Option<OptResult> = None;
        for kind in [Kind::Default, Kind::Simple] {
            let v = self.start_values(kind);
            let theta0 = self.theta_from_values(&v);
            let res = self.minimize(&theta0);
            if res.converged {
                return res;
            }
            if best.as_ref().is_none_or(|b| res.f < b.f || b.bad_start) {
                best = Some(res);
            }
        }
        best.expect("at least one attempt")
    }

    /// Minimizes f from θ₀.
    pub fn minimize(&self, theta0: &DVector<f64>) -> OptResult {
        let bounds = self.z_bounds();
        let project = |z: &mut DVector<f64>| {
            for (k, (lo, hi)) in bounds.iter().enumerate() {
                z[k] = z[k].clamp(*lo, *hi);
            }
        };
        let mut z = self.reparam.z(theta0);
        project(&mut z);
        // Under ML the full evaluation at a point is made once: at the
        // start, and in the line search for a full step (it holds f), and
        // taken over by the next iteration, so that Σ(θ) and its inverse
        // are not computed twice.
        let reuse = matches!(self.discrepancy, super::Discrepancy::Ml);
        let mut next_eval: Option<super::ml::Eval> = None;
        let mut f = if reuse {
            next_eval = self.evaluate(&self.reparam.theta(&z));
            next_eval.as_ref().map_or(f64::INFINITY, |ev| ev.f)
        } else {
            self.objective(&self.reparam.theta(&z))
        };
        if !f.is_finite() {
            next_eval = None;
            // lavaan tries start/10 when f(start) is not finite
            let z10 = &z / 10.0;
            let f10 = self.objective(&self.reparam.theta(&z10));
            if f10.is_finite() {
                z = z10;
                f = f10;
            } else {
                return OptResult {
                    theta: self.reparam.theta(&z),
                    f,
                    iterations: 0,
                    converged: false,
                    max_grad: f64::NAN,
                    bad_start: true,
                };
            }
        }
        let nz = z.len();
        let k = self.reparam.k.clone();
        let noise = NOISE_PER_VARIABLE * (self.structure.p * self.pt.n_groups) as f64;
        let mut max_grad = f64::INFINITY;
        let mut iterations = 0;
        let mut converged = false;
        let mut stalls = 0;
        // Hessian approximation: the expected information (Fisher scoring)
        // while far from the optimum, then BFGS updates of it, which
        // converge superlinearly where Fisher scoring is only linear.
        let mut h: Option<DMatrix<f64>> = None;
        let mut bfgs = false;
        let mut last: Option<(DVector<f64>, DVector<f64>)> = None; // (z, g) of the previous iterate
        while iterations < MAX_ITER {
            iterations += 1;
            let ev = match next_eval.take() {
                Some(ev) => ev,
                None => match self.evaluate(&self.reparam.theta(&z)) {
                    Some(ev) => ev,
                    None => break,
                },
            };
            let g = k.transpose() * self.gradient(&ev);
            // active bounds: at a bound with the gradient pushing outwards
            let active: Vec<bool> = (0..nz)
                .map(|j| (z[j] <= bounds[j].0 && g[j] > 0.0) || (z[j] >= bounds[j].1 && g[j] < 0.0))
                .collect();
            max_grad = (0..nz)
                .filter(|&j| !active[j])
                .map(|j| g[j].abs())
                .fold(0.0, f64::max);
            if max_grad < GRAD_TOL {
                converged = true;
                break;
            }
            match (&mut h, bfgs, &last) {
                (Some(hm), true, Some((z_old, g_old))) => {
                    let s = &z - z_old;
                    let y = &g - g_old;
                    let sy = s.dot(&y);
                    let hs = &*hm * &s;
                    let shs = s.dot(&hs);
                    if sy > 1e-12 * s.norm() * y.norm() && shs > 0.0 {
                        *hm += &y * y.transpose() / sy - &hs * hs.transpose() / shs;
                    }
                }
                _ => h = Some(k.transpose() * self.information(&ev) * &k),
            }
            let d = newton_direction(h.as_ref().expect("set above"), &g, &active);
            last = Some((z.clone(), g.clone()));
            let slope = g.dot(&d);
            let (d, slope) = if slope < 0.0 {
                (d, slope)
            } else {
                (-&g, -g.dot(&g))
            };
            // the Newton decrement g′H⁻¹g below the rounding noise of f: no
            // step can improve f any further in floating point
            if max_grad < 1e-6 && -slope < noise {
                converged = true;
                break;
            }
            let mut alpha = 1.0;
            let mut accepted = false;
            for _ in 0..40 {
                let mut zn = &z + alpha * &d;
                project(&mut zn);
                let theta_n = self.reparam.theta(&zn);
                let (fn_, ev_n) = if reuse && alpha == 1.0 {
                    match self.evaluate(&theta_n) {
                        Some(ev) => (ev.f, Some(ev)),
                        None => (f64::INFINITY, None),
                    }
                } else {
                    (self.objective(&theta_n), None)
                };
                if fn_.is_finite() && fn_ <= f + 1e-4 * alpha * slope {
                    let small = (f - fn_).abs() <= 1e-15 * (1.0 + f.abs());
                    z = zn;
                    f = fn_;
                    next_eval = ev_n;
                    accepted = true;
                    if small {
                        stalls += 1;
                    } else {
                        stalls = 0;
                    }
                    break;
                }
                alpha *= 0.5;
            }
            if std::env::var_os("SEMLAB_TRACE").is_some() {
                eprintln!("it {iterations} f {f:.12} maxg {max_grad:.3e} alpha {alpha} bfgs {bfgs} dec {:.3e}", -slope);
            }
            // full steps near the optimum: switch to BFGS; a struggling BFGS
            // step goes back to Fisher scoring
            // (under FIML the expected information is a poorer Hessian — the
            // missing information — so BFGS takes over earlier)
            let switch = if self.is_fiml() { 5e-2 } else { 1e-3 };
            if accepted && alpha == 1.0 && max_grad < switch {
                bfgs = true;
            } else if bfgs && (!accepted || alpha < 0.25) {
                bfgs = false;
                if !accepted {
                    last = None;
                    h = None;
                    accepted = true; // retry with a fresh Fisher step
                    stalls += 1;
                }
            }
            if !accepted || stalls >= 5 {
                // no further progress possible in floating point
                converged = max_grad < 1e-6;
                break;
            }
        }
        OptResult {
            theta: self.reparam.theta(&z),
            f,
            iterations,
            converged,
            max_grad,
            bad_start: false,
        }
    }
}

/// Solves H d = −g on the inactive coordinates (d = 0 on active ones),
/// adding a ridge when H is not positive definite there.
fn newton_direction(h: &DMatrix<f64>, g: &DVector<f64>, active: &[bool]) -> DVector<f64> {
    let idx: Vec<usize> = (0..g.len()).filter(|&j| !active[j]).collect();
    let m = idx.len();
    let hs = DMatrix::from_fn(m, m, |a, b| h[(idx[a], idx[b])]);
    let gs = DVector::from_fn(m, |a, _| g[idx[a]]);
    let mut ridge = 0.0;
    let scale = hs
        .diagonal()
        .iter()
        .fold(0.0f64, |a, b| a.max(b.abs()))
        .max(1e-12);
    let ds = loop {
        let mut hr = hs.clone();
        for i in 0..m {
            hr[(i, i)] += ridge;
        }
        if let Some(x) = crate::linalg::spd_solve(&hr, &gs) {
            break -x;
        }
        ridge = if ridge == 0.0 {
            1e-8 * scale
        } else {
            ridge * 10.0
        };
        if ridge > 1e8 * scale {
            break -gs.clone();
        }
    };
    let mut d = DVector::zeros(g.len());
    for (a, &j) in idx.iter().enumerate() {
        d[j] = ds[a];
    }
    d
}
