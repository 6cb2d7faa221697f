//! Factor rotation: unrotated standardized loadings A (p × k) and a method
//! in; rotated loadings Λ, factor correlations Φ and whether the algorithm
//! converged out.
//!
//! The gradient projection algorithm (Jennrich 2001, 2002; Bernaards &
//! Jennrich 2005), as lavaan's `lav_matrix_rotate_gpa` (`R/lav_matrix_rotate.R`,
//! `R/lav_matrix_rotate_methods.R`): oblique Λ = A (T′)⁻¹, Φ = T′T with
//! unit-length columns of T; orthogonal Λ = A T. Criteria and their
//! gradients: geomin (ε = 0.001, lavaan's default), oblimin (γ = 0, which
//! is quartimin), varimax (orthomax γ = 1, Kaiser row weights, as lavaan).
//! Promax is lavaan's (`lav_matrix_rotate_promax`, κ = 4): R's
//! `stats::varimax` of lavaan's unrotated loadings, then a least-squares
//! fit to the loadings raised to the power κ with their signs. That varimax
//! is not the converged one of `rotation = "varimax"`: it stops once its
//! criterion grows by less than a factor 1 + 10⁻⁵, from lavaan's unrotated
//! basis (the first k − 1 items' loadings above the diagonal zero), so its
//! stopping point, and the promax loadings after it, depend on both.
//!
//! Geomin has local minima: like lavaan (`rstarts = 30`) the algorithm runs
//! from the identity and from [`RANDOM_STARTS`] random orthogonal matrices
//! (seeded, so the result is the same every time) and keeps the smallest
//! criterion. Afterwards the factors are reflected so that each column sum
//! is positive and ordered as lavaan's `order.lv.by = "index"` orders them
//! (by the first item that loads most on each factor).

use crate::bootstrap::Rng;
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// Random starts besides the identity (lavaan's `rstarts = 30`).
pub const RANDOM_STARTS: usize = 30;
/// Geomin's ε (lavaan's `geomin.epsilon`).
pub const GEOMIN_EPSILON: f64 = 0.001;
/// Promax power κ (`promax.kappa`).
pub const PROMAX_KAPPA: f64 = 4.0;
/// GPA convergence: Frobenius norm of the projected gradient.
const GPA_TOL: f64 = 1e-8;
const GPA_MAX_ITER: usize = 10_000;
const SEED: u64 = 1_234_567;

/// The rotations offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rotation {
    Geomin,
    Oblimin,
    Promax,
    Varimax,
    Quartimin,
}

impl Rotation {
    pub fn parse(s: &str) -> Option<Rotation> {
        match s.to_ascii_lowercase().as_str() {
            "geomin" => Some(Rotation::Geomin),
            "oblimin" => Some(Rotation::Oblimin),
            "promax" => Some(Rotation::Promax),
            "varimax" => Some(Rotation::Varimax),
            "quartimin" => Some(Rotation::Quartimin),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Rotation::Geomin => "geomin",
            Rotation::Oblimin => "oblimin",
            Rotation::Promax => "promax",
            Rotation::Varimax => "varimax",
            Rotation::Quartimin => "quartimin",
        }
    }
    /// Whether the factors may correlate.
    pub fn is_oblique(self) -> bool {
        self != Rotation::Varimax
    }
}

/// A rotated solution.
#[derive(Debug, Clone)]
pub struct Rotated {
    pub loadings: DMatrix<f64>,
    pub phi: DMatrix<f64>,
    pub converged: bool,
}

#[derive(Clone, Copy)]
enum Criterion {
    Geomin,
    Oblimin,
    Varimax,
}

/// Criterion value Q and its gradient ∂Q/∂Λ.
fn criterion(c: Criterion, l: &DMatrix<f64>) -> (f64, DMatrix<f64>) {
    let (p, m) = l.shape();
    match c {
        Criterion::Geomin => {
            let mut q = 0.0;
            let mut g = DMatrix::zeros(p, m);
            for i in 0..p {
                let l2: Vec<f64> = (0..m)
                    .map(|j| l[(i, j)] * l[(i, j)] + GEOMIN_EPSILON)
                    .collect();
                let pro = (l2.iter().map(|v| v.ln()).sum::<f64>() / m as f64).exp();
                q += pro;
                for j in 0..m {
                    g[(i, j)] = 2.0 / m as f64 * l[(i, j)] / l2[j] * pro;
                }
            }
            (q, g)
        }
        Criterion::Oblimin => {
            // γ = 0: X = L² N with N = 1 − I; Q = Σ L² ∘ X / 4, G = L ∘ X
            let l2 = l.map(|v| v * v);
            let x = DMatrix::from_fn(p, m, |i, j| {
                (0..m).filter(|&k| k != j).map(|k| l2[(i, k)]).sum::<f64>()
            });
            (l2.component_mul(&x).sum() / 4.0, l.component_mul(&x))
        }
        Criterion::Varimax => {
            // Q = −‖L² − column means‖² / 4, G = −L ∘ (L² − column means)
            let l2 = l.map(|v| v * v);
            let mut ql = l2.clone();
            for j in 0..m {
                let mean = l2.column(j).mean();
                ql.column_mut(j).add_scalar_mut(-mean);
            }
            (-ql.norm_squared() / 4.0, -l.component_mul(&ql))
        }
    }
}

/// GPA from the start rotation `t`; returns (T, Q, converged).
fn gpa(
    a: &DMatrix<f64>,
    c: Criterion,
    orthogonal: bool,
    t0: DMatrix<f64>,
) -> Option<(DMatrix<f64>, f64, bool)> {
    let rotate = |t: &DMatrix<f64>| -> Option<DMatrix<f64>> {
        if orthogonal {
            Some(a * t)
        } else {
            Some(a * t.transpose().try_inverse()?)
        }
    };
    let grad = |t: &DMatrix<f64>, l: &DMatrix<f64>, gq: &DMatrix<f64>| -> Option<DMatrix<f64>> {
        if orthogonal {
            Some(a.transpose() * gq)
        } else {
            Some(-(t.transpose().try_inverse()? * (gq.transpose() * l)))
        }
    };
    let mut t = t0;
    let l0 = rotate(&t)?;
    let (mut q, gq) = criterion(c, &l0);
    let mut g = grad(&t, &l0, &gq)?;
    let mut alpha = 1.0;
    for _ in 0..=GPA_MAX_ITER {
        let gp = if orthogonal {
            let m = t.transpose() * &g;
            let sym = (&m + m.transpose()) / 2.0;
            &g - &t * sym
        } else {
            let mut gp = g.clone();
            for j in 0..t.ncols() {
                let s = t.column(j).dot(&g.column(j));
                let tj = t.column(j) * s;
                gp.column_mut(j).axpy(-1.0, &tj, 1.0);
            }
            gp
        };
        let frob = gp.norm();
        if frob < GPA_TOL {
            return Some((t, q, true));
        }
        alpha *= 2.0;
        let mut next = None;
        for _ in 0..100 {
            let x = &t - &gp * alpha;
            let tn = if orthogonal {
                let svd = x.svd(true, true);
                svd.u? * svd.v_t?
            } else {
                let mut tn = x;
                for j in 0..tn.ncols() {
                    let n = tn.column(j).norm();
                    tn.column_mut(j).scale_mut(1.0 / n);
                }
                tn
            };
            if let Some(ln) = rotate(&tn) {
                let (qn, gqn) = criterion(c, &ln);
                if qn < q - 0.5 * frob * frob * alpha {
                    next = Some((tn, ln, qn, gqn));
                    break;
                }
            }
            alpha /= 2.0;
        }
        let Some((tn, ln, qn, gqn)) = next else {
            // the criterion cannot decrease further at this precision
            return Some((t, q, frob < 1e-5));
        };
        g = grad(&tn, &ln, &gqn)?;
        t = tn;
        q = qn;
    }
    Some((t, q, false))
}

/// A random orthogonal m × m matrix (QR of a normal matrix).
fn random_orthogonal(rng: &mut Rng, m: usize) -> DMatrix<f64> {
    let u = |rng: &mut Rng| ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let z = DMatrix::from_fn(m, m, |_, _| {
        let (u1, u2) = (u(rng), u(rng));
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    });
    z.qr().q()
}

/// Rotates with GPA from the identity and random starts, keeping the best.
fn rotate_gpa(a: &DMatrix<f64>, c: Criterion, orthogonal: bool, starts: usize) -> Option<Rotated> {
    let m = a.ncols();
    let mut rng = Rng::new(SEED);
    let mut best: Option<(DMatrix<f64>, f64, bool)> = None;
    for s in 0..=starts {
        let t0 = if s == 0 {
            DMatrix::identity(m, m)
        } else {
            random_orthogonal(&mut rng, m)
        };
        if let Some((t, q, conv)) = gpa(a, c, orthogonal, t0) {
            let better = match &best {
                None => true,
                Some((_, bq, bconv)) => (conv && !bconv) || (conv == *bconv && q < *bq - 1e-12),
            };
            if better {
                best = Some((t, q, conv));
            }
        }
    }
    let (t, _, converged) = best?;
    if orthogonal {
        Some(Rotated {
            loadings: a * &t,
            phi: DMatrix::identity(m, m),
            converged,
        })
    } else {
        Some(Rotated {
            loadings: a * t.transpose().try_inverse()?,
            phi: t.transpose() * &t,
            converged,
        })
    }
}

/// Varimax with Kaiser row weights (each row scaled to unit length before,
/// and back after), as lavaan's default for varimax and `stats::varimax`.
/// Returns the rotated loadings and the rotation matrix.
fn varimax(a: &DMatrix<f64>) -> Option<(DMatrix<f64>, DMatrix<f64>, bool)> {
    let (p, m) = a.shape();
    let w: Vec<f64> = (0..p).map(|i| a.row(i).norm()).collect();
    let aw = DMatrix::from_fn(p, m, |i, j| a[(i, j)] / w[i]);
    let (t, _, conv) = gpa(&aw, Criterion::Varimax, true, DMatrix::identity(m, m))?;
    let l = a * &t;
    Some((l, t, conv))
}

/// R's `stats::varimax(x, normalize = TRUE, eps = 1e-5)`, which lavaan's
/// promax starts from (`R/lav_matrix_rotate.R`): Kaiser-normalized rows,
/// T = I, then T = polar factor of X′(Z∘Z∘Z − Z diag(1′(Z∘Z))/p) with
/// Z = XT until the sum of its singular values grows by less than a factor
/// 1 + eps (at most 1000 steps). Returns the loadings and whether it
/// stopped by that rule.
fn r_varimax(a: &DMatrix<f64>) -> (DMatrix<f64>, bool) {
    const EPS: f64 = 1e-5;
    let (p, m) = a.shape();
    let w: Vec<f64> = (0..p).map(|i| a.row(i).norm()).collect();
    let x = DMatrix::from_fn(p, m, |i, j| a[(i, j)] / w[i]);
    let mut t = DMatrix::<f64>::identity(m, m);
    let mut d = 0.0;
    let mut stopped = false;
    for _ in 0..1000 {
        let z = &x * &t;
        let col_ss: Vec<f64> = (0..m).map(|j| z.column(j).norm_squared()).collect();
        let inner = DMatrix::from_fn(p, m, |i, j| {
            z[(i, j)].powi(3) - z[(i, j)] * col_ss[j] / p as f64
        });
        let svd = (x.transpose() * inner).svd(true, true);
        let (Some(u), Some(vt)) = (svd.u.as_ref(), svd.v_t.as_ref()) else {
            break;
        };
        t = u * vt;
        let dpast = d;
        d = svd.singular_values.sum();
        if d < dpast * (1.0 + EPS) {
            stopped = true;
            break;
        }
    }
    let z = &x * &t;
    (DMatrix::from_fn(p, m, |i, j| z[(i, j)] * w[i]), stopped)
}

/// lavaan's unrotated EFA loadings: the ML loadings turned so that the
/// first k items' block is lower triangular (item i < k loads 0 on the
/// factors after the i-th), A Q with Q from the QR decomposition of that
/// block's transpose. Unique up to the factors' signs, which R's varimax
/// carries through (and the reflection undoes).
fn lavaan_unrotated(a: &DMatrix<f64>) -> DMatrix<f64> {
    let m = a.ncols();
    let q = a.rows(0, m).transpose().qr().q();
    a * q
}

/// Promax as lavaan's (`lav_matrix_rotate_promax`, κ = 4): Λ_v = R's
/// varimax of lavaan's unrotated loadings ([`r_varimax`],
/// [`lavaan_unrotated`]), target P = Λ_v ∘ |Λ_v|^{κ−1}, U = least-squares
/// fit of P on Λ_v with columns scaled so that diag((U′U)⁻¹) = 1;
/// Λ = Λ_v U, Φ = (U′U)⁻¹.
fn promax(a: &DMatrix<f64>) -> Option<Rotated> {
    let (lv, converged) = r_varimax(&lavaan_unrotated(a));
    let target = lv.map(|v| v * v.abs().powf(PROMAX_KAPPA - 1.0));
    let xtx = lv.transpose() * &lv;
    let mut u = xtx.clone().try_inverse()? * (lv.transpose() * &target);
    let d = (u.transpose() * &u).try_inverse()?;
    for j in 0..u.ncols() {
        u.column_mut(j).scale_mut(d[(j, j)].sqrt());
    }
    let loadings = &lv * &u;
    let uu = u.transpose() * &u;
    let phi = uu.try_inverse()?;
    Some(Rotated {
        loadings,
        phi,
        converged,
    })
}

/// Rotates unrotated standardized loadings `a`; None when a rotation matrix
/// turned singular. One factor is returned as it is.
pub fn rotate(a: &DMatrix<f64>, method: Rotation) -> Option<Rotated> {
    let m = a.ncols();
    let raw = if m < 2 {
        Rotated {
            loadings: a.clone(),
            phi: DMatrix::identity(m, m),
            converged: true,
        }
    } else {
        match method {
            Rotation::Geomin => rotate_gpa(a, Criterion::Geomin, false, RANDOM_STARTS)?,
            Rotation::Oblimin | Rotation::Quartimin => {
                rotate_gpa(a, Criterion::Oblimin, false, RANDOM_STARTS)?
            }
            Rotation::Varimax => {
                let (l, _, converged) = varimax(a)?;
                Rotated {
                    loadings: l,
                    phi: DMatrix::identity(m, m),
                    converged,
                }
            }
            Rotation::Promax => promax(a)?,
        }
    };
    Some(reflect_and_order(raw))
}

/// Column signs so that every column sum is positive, then lavaan's
/// `order.lv.by = "index"`: factor order by the first item (in item order)
/// whose largest absolute loading is on the factor; factors that are no
/// item's main factor go last, by their sum of squared loadings.
fn reflect_and_order(r: Rotated) -> Rotated {
    let Rotated {
        mut loadings,
        mut phi,
        converged,
    } = r;
    let (p, m) = loadings.shape();
    for j in 0..m {
        if loadings.column(j).sum() < 0.0 {
            loadings.column_mut(j).neg_mut();
            phi.row_mut(j).neg_mut();
            phi.column_mut(j).neg_mut();
        }
    }
    let main: Vec<usize> = (0..p).map(|i| main_factor(&loadings, i)).collect();
    let mut order: Vec<usize> = (0..m).collect();
    let key = |j: usize| -> (usize, f64) {
        let first = main.iter().position(|&f| f == j).unwrap_or(p);
        (first, -loadings.column(j).norm_squared())
    };
    crate::sorting::sort_by(&mut order, |&a, &b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    let l2 = DMatrix::from_fn(p, m, |i, j| loadings[(i, order[j])]);
    let phi2 = DMatrix::from_fn(m, m, |i, j| phi[(order[i], order[j])]);
    Rotated {
        loadings: l2,
        phi: phi2,
        converged,
    }
}

/// The factor on which item `i` loads most (largest absolute loading).
pub fn main_factor(loadings: &DMatrix<f64>, i: usize) -> usize {
    (0..loadings.ncols())
        .max_by(|&a, &b| loadings[(i, a)].abs().total_cmp(&loadings[(i, b)].abs()))
        .unwrap_or(0)
}
