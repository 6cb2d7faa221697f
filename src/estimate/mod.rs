//! Estimation: parameter table + sample moments in, fitted parameter values,
//! their covariance matrix and the optimizer's report out.
//!
//! - [`Problem`] ties the parameter table to the RAM matrices and the sample
//!   moments, maps the free-parameter vector θ to every row's value, and
//!   evaluates the ML discrepancy, its gradient and the expected information
//!   ([`ml`]).
//! - Equality constraints (shared labels are merged in the parameter table;
//!   linear `==` constraints here) are handled by reparametrization
//!   θ = k₀ + K z, as lavaan does (`R/lav_model_estimate.R`).
//! - [`start`] gives lavaan's starting values; [`optimize`] minimizes by
//!   Fisher scoring with a line search, polished to a tight gradient.
//! - [`Problem::vcov`]: covariance of θ̂ from the expected information,
//!   K (K′IK)⁻¹ K′ / N (`R/lav_model_vcov.R`).

pub mod dwls;
pub mod fiml;
pub mod ml;
pub mod optimize;
pub mod start;

use crate::i18n::{Lang, Localized};
use crate::model::{Entry, Implied, Matrices, Structure};
use crate::partable::{LabelTarget, Op, ParTable};
use crate::samplestats::moments::SampleMoments;
use crate::syntax::Pos;
use nalgebra::{DMatrix, DVector};

/// Linear reparametrization θ = k₀ + K z of the free parameters.
#[derive(Debug, Clone)]
pub struct Reparam {
    pub k: DMatrix<f64>,
    pub k0: DVector<f64>,
}

impl Reparam {
    pub fn identity(n: usize) -> Self {
        Reparam {
            k: DMatrix::identity(n, n),
            k0: DVector::zeros(n),
        }
    }
    pub fn theta(&self, z: &DVector<f64>) -> DVector<f64> {
        &self.k0 + &self.k * z
    }
    /// z that reproduces θ (least squares; exact when θ satisfies the constraints).
    pub fn z(&self, theta: &DVector<f64>) -> DVector<f64> {
        let rhs = self.k.transpose() * (theta - &self.k0);
        let ktk = self.k.transpose() * &self.k;
        ktk.cholesky().map(|c| c.solve(&rhs)).unwrap_or(rhs)
    }
    pub fn nz(&self) -> usize {
        self.k.ncols()
    }
    pub fn is_identity(&self) -> bool {
        self.k.nrows() == self.k.ncols()
            && self.k0.iter().all(|x| *x == 0.0)
            && self.k == DMatrix::identity(self.k.nrows(), self.k.ncols())
    }
}

/// Why the equality constraints cannot be used.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum ConstraintError {
    /// A constraint that is not linear in the parameters.
    Nonlinear { text: String, pos: Pos },
    /// Constraints that contradict each other.
    Inconsistent { text: String, pos: Pos },
    /// A bound (`a > 0`) on a parameter that the equality constraints
    /// determine from other bounded parameters.
    BoundedDependent { label: String, pos: Pos },
}

impl ConstraintError {
    /// Where the constraint is in the model text.
    pub fn position(&self) -> Pos {
        match self {
            ConstraintError::Nonlinear { pos, .. }
            | ConstraintError::Inconsistent { pos, .. }
            | ConstraintError::BoundedDependent { pos, .. } => *pos,
        }
    }
}

impl std::fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConstraintError::Nonlinear { text, pos } => write!(
                f,
                "{pos}: the constraint `{text}` is not linear in the parameters; only linear equality constraints (like `a == b` or `a == 2*b + 1`) are supported yet"
            ),
            ConstraintError::Inconsistent { text, pos } => {
                write!(f, "{pos}: the constraint `{text}` contradicts the other constraints")
            }
            ConstraintError::BoundedDependent { label, pos } => write!(
                f,
                "{pos}: the bound on `{label}` cannot be combined with equality constraints that tie it to other bounded parameters; bound only one of the parameters made equal"
            ),
        }
    }
}

/// A model ready to be evaluated at any θ.
#[derive(Debug, Clone)]
pub struct Problem<'a> {
    pub pt: &'a ParTable,
    pub sm: &'a SampleMoments,
    pub structure: Structure,
    /// RAM entry of every parameter row.
    pub entries: Vec<Entry>,
    /// Values of fixed rows (fixed.x rows hold sample values); 0 for free rows.
    pub fixed: Vec<f64>,
    pub reparam: Reparam,
    /// Number of independent equality constraints (rank of their Jacobian).
    pub n_eq: usize,
    /// Free parameters (0-based θ index) that ended at a simple bound
    /// (`a > 0`, `a < 1`); see [`Problem::hold_active_bounds`].
    pub active_bounds: Vec<usize>,
    /// The discrepancy function the model is fitted by.
    pub discrepancy: Discrepancy<'a>,
}

/// The discrepancy function a [`Problem`] minimizes, with the sample
/// statistics it needs beyond the moments. Each one contributes its
/// objective, gradient and information ([`ml`], [`fiml`], [`dwls`]); the
/// optimizer, the constraints and the derivatives of the model are shared.
#[derive(Debug, Clone, Copy, Default)]
pub enum Discrepancy<'a> {
    /// Complete-data ML on the sample moments of each group.
    #[default]
    Ml,
    /// Full-information ML (lavaan's `missing = "ml"`): the missing-data
    /// patterns of each group.
    Fiml(&'a [crate::samplestats::missing::MissingGroup]),
    /// DWLS on thresholds and polychoric correlations (lavaan's WLSMV).
    Dwls(&'a dwls::Dwls),
}

impl<'a> Problem<'a> {
    /// Builds the problem; `sm.names` must be the model's observed variables in `pt.vars.ov` order.
    pub fn new(pt: &'a ParTable, sm: &'a SampleMoments) -> Result<Problem<'a>, ConstraintError> {
        let structure = Structure::new(pt);
        let entries: Vec<Entry> = pt
            .params
            .iter()
            .map(|p| structure.entry(&p.lhs, p.op, &p.rhs))
            .collect();
        let mut fixed = vec![0.0; pt.params.len()];
        for (r, p) in pt.params.iter().enumerate() {
            if p.free > 0 {
                continue;
            }
            fixed[r] = if p.exo {
                let gm = &sm.groups[p.group - 1];
                match entries[r] {
                    Entry::P(i, j) => gm.cov[(i, j)],
                    Entry::M(i) => gm.mean.as_ref().map_or(0.0, |m| m[i]),
                    Entry::A(..) => 0.0,
                }
            } else {
                p.ustart.unwrap_or(0.0)
            };
        }
        let mut prob = Problem {
            pt,
            sm,
            structure,
            entries,
            fixed,
            reparam: Reparam::identity(pt.n_free),
            n_eq: 0,
            active_bounds: Vec::new(),
            discrepancy: Discrepancy::Ml,
        };
        prob.set_constraints()?;
        Ok(prob)
    }

    /// The missing-data patterns per group under FIML.
    pub fn missing(&self) -> Option<&'a [crate::samplestats::missing::MissingGroup]> {
        match self.discrepancy {
            Discrepancy::Fiml(m) => Some(m),
            _ => None,
        }
    }

    /// The DWLS statistics and weights for ordinal items.
    pub fn dwls(&self) -> Option<&'a dwls::Dwls> {
        match self.discrepancy {
            Discrepancy::Dwls(d) => Some(d),
            _ => None,
        }
    }

    /// Value of every row at θ.
    pub fn values(&self, theta: &DVector<f64>) -> Vec<f64> {
        let mut v = self.row_values(theta);
        if let Some(d) = self.dwls() {
            // residual variances of ordinal items follow from diag Σ* = 1
            d.fill_derived(self, &mut v);
        }
        v
    }

    /// Value of every row at θ as θ and the fixed values give it, before
    /// [`Problem::values`] derives any (the residual variances of ordinal
    /// items).
    pub(crate) fn row_values(&self, theta: &DVector<f64>) -> Vec<f64> {
        self.pt
            .params
            .iter()
            .enumerate()
            .map(|(r, p)| {
                if p.free > 0 {
                    theta[p.free - 1]
                } else {
                    self.fixed[r]
                }
            })
            .collect()
    }

    /// RAM matrices of every group for the row values.
    pub fn matrices(&self, values: &[f64]) -> Vec<Matrices> {
        let n = self.structure.n();
        let mut out = vec![Matrices::zeros(n); self.pt.n_groups];
        for (r, p) in self.pt.params.iter().enumerate() {
            // thresholds and scaling factors of ordinal items are not RAM entries
            if matches!(p.op, Op::Threshold | Op::Scale) {
                continue;
            }
            out[p.group - 1].set(self.entries[r], values[r]);
        }
        out
    }

    /// Model-implied moments of every group at θ.
    pub fn implied(&self, theta: &DVector<f64>) -> Option<Vec<Implied>> {
        self.matrices(&self.values(theta))
            .iter()
            .map(|m| Implied::compute(&self.structure, m).ok())
            .collect()
    }

    /// Rows of group g (1-based), as indices into `pt.params`.
    pub fn rows_of_group(&self, g: usize) -> impl Iterator<Item = usize> + '_ {
        self.pt
            .params
            .iter()
            .enumerate()
            .filter(move |(_, p)| p.group == g)
            .map(|(r, _)| r)
    }

    /// Values of labels and defined parameters at the row values.
    pub fn label_values(&self, values: &[f64]) -> impl Fn(&str) -> f64 + '_ {
        let map = self.pt.label_map();
        let mut defined: Vec<f64> = Vec::with_capacity(self.pt.defined.len());
        for d in &self.pt.defined {
            let v = d.expr.eval(&|name| match map.get(name) {
                Some(LabelTarget::Param(r)) => values[*r],
                Some(LabelTarget::Defined(i)) => defined.get(*i).copied().unwrap_or(f64::NAN),
                None => f64::NAN,
            });
            defined.push(v);
        }
        let values = values.to_vec();
        move |name: &str| match map.get(name) {
            Some(LabelTarget::Param(r)) => values[*r],
            Some(LabelTarget::Defined(i)) => defined[*i],
            None => f64::NAN,
        }
    }

    /// Defined parameters (`:=`) evaluated at row values.
    pub fn defined_values(&self, values: &[f64]) -> Vec<f64> {
        let lookup = self.label_values(values);
        self.pt.defined.iter().map(|d| lookup(&d.name)).collect()
    }

    /// Equality constraints c(θ) = lhs − rhs, as functions of θ.
    fn constraint_values(&self, theta: &DVector<f64>) -> Vec<f64> {
        let values = self.values(theta);
        let lookup = self.label_values(&values);
        self.pt
            .constraints
            .iter()
            .map(|c| c.lhs.eval(&lookup) - c.rhs.eval(&lookup))
            .collect()
    }

    /// Turns the linear `==` constraints into θ = k₀ + K z (null space of the Jacobian).
    fn set_constraints(&mut self) -> Result<(), ConstraintError> {
        let nc = self.pt.constraints.len();
        let q = self.pt.n_free;
        if nc == 0 {
            return Ok(());
        }
        // the Jacobian is constant iff the constraints are linear: compare at two points
        let jac_at = |theta: &DVector<f64>| {
            let mut j = DMatrix::zeros(nc, q);
            let c0 = self.constraint_values(theta);
            for k in 0..q {
                let mut t = theta.clone();
                t[k] += 1.0;
                let c1 = self.constraint_values(&t);
                for i in 0..nc {
                    j[(i, k)] = c1[i] - c0[i];
                }
            }
            (j, c0)
        };
        let zero = DVector::zeros(q);
        let (j0, c0) = jac_at(&zero);
        let other = DVector::from_fn(q, |i, _| 0.37 + 0.11 * i as f64);
        let (j1, _) = jac_at(&other);
        for i in 0..nc {
            let differs =
                (0..q).any(|k| (j0[(i, k)] - j1[(i, k)]).abs() > 1e-8 * (1.0 + j0[(i, k)].abs()));
            if differs || c0[i].is_nan() {
                let c = &self.pt.constraints[i];
                return Err(ConstraintError::Nonlinear {
                    text: format!("{} {} {}", c.lhs_text, c.op.as_str(), c.rhs_text),
                    pos: c.pos,
                });
            }
        }
        // J θ + c0 = 0: θ = k0 + N z with N spanning the null space of J
        let svd = j0.clone().svd(true, true);
        let tol = 1e-10 * svd.singular_values.max().max(1.0);
        let k = null_space(&j0, q);
        let rank = q - k.ncols();
        let k0 = svd
            .solve(&(-&DVector::from_vec(c0.clone())), tol)
            .unwrap_or_else(|_| DVector::zeros(q));
        // with simple bounds (`c > 0`) the optimizer needs each bounded
        // parameter to be one coordinate of z: then express the constrained
        // parameters through the others (reduced row echelon form), solving
        // for unbounded parameters where possible
        let has_bounds = self
            .pt
            .bounds
            .iter()
            .any(|b| b.0.is_some() || b.1.is_some());
        let (k, k0) = if has_bounds {
            let (k, k0) = echelon_reparam(&j0, &c0, &self.pt.bounds, rank);
            if let Some(b) = (0..q).find(|&b| {
                let (lo, hi) = self.pt.bounds[b];
                (lo.is_some() || hi.is_some()) && unit_row(&k, &k0, b).is_none()
            }) {
                let p = self.pt.params.iter().find(|p| p.free == b + 1);
                return Err(ConstraintError::BoundedDependent {
                    label: p.map(|p| p.label.clone()).unwrap_or_default(),
                    pos: p.and_then(|p| p.pos).unwrap_or_default(),
                });
            }
            (k, k0)
        } else {
            (k, k0)
        };
        // check consistency
        let resid = &j0 * &k0 + DVector::from_vec(c0);
        if let Some(i) = resid.iter().position(|r| r.abs() > 1e-8) {
            let c = &self.pt.constraints[i];
            return Err(ConstraintError::Inconsistent {
                text: format!("{} {} {}", c.lhs_text, c.op.as_str(), c.rhs_text),
                pos: c.pos,
            });
        }
        self.reparam = Reparam { k, k0 };
        self.n_eq = rank;
        Ok(())
    }

    /// After the fit: a simple bound the estimate ended on (within lavaan's
    /// slack of 1e-5, `nlminb.constr`) is an active inequality constraint,
    /// and lavaan's standard errors treat it as an equality constraint
    /// (`lav_model_information_augment_invert` keeps the active rows of
    /// `con.jac`). Removes those directions from K, so every later inverse
    /// of an information matrix (SEs, robust corrections, modification
    /// indices) holds them fixed; the degrees of freedom do not change, as
    /// in lavaan. Their own SE is then reported as missing (lavaan: NA).
    pub fn hold_active_bounds(&mut self, theta: &DVector<f64>) {
        const SLACK: f64 = 1e-5;
        let active: Vec<usize> = self
            .pt
            .bounds
            .iter()
            .enumerate()
            .filter(|(k, (lo, hi))| {
                let t = theta[*k];
                lo.is_some_and(|l| t - l <= SLACK) || hi.is_some_and(|h| h - t <= SLACK)
            })
            .map(|(k, _)| k)
            .collect();
        if active.is_empty() {
            return;
        }
        let k = &self.reparam.k;
        // rows e_k′ K of the active parameters; K′ = K N with N spanning
        // their null space in z
        let mut h = DMatrix::zeros(active.len(), k.ncols());
        for (i, &a) in active.iter().enumerate() {
            h.row_mut(i).copy_from(&k.row(a));
        }
        let cols = null_space(&h, k.ncols());
        let new_k = k * cols;
        // θ̂ = k₀′ + K′ z′ exactly
        let z = Reparam {
            k: new_k.clone(),
            k0: self.reparam.k0.clone(),
        }
        .z(theta);
        let k0 = theta - &new_k * z;
        self.reparam = Reparam { k: new_k, k0 };
        self.active_bounds = active;
    }

    /// Number of estimated parameters (free parameters minus independent constraints).
    pub fn npar(&self) -> usize {
        self.pt.n_free - self.n_eq
    }

    /// Degrees of freedom of the model test.
    pub fn df(&self) -> i64 {
        self.pt.n_data() as i64 - self.npar() as i64
    }

    /// Covariance matrix of θ̂ from a unit information matrix I (θ space):
    /// K (K′IK)⁻¹ K′ / N. None if K′IK is singular.
    pub fn vcov_from_information(&self, info: &DMatrix<f64>) -> Option<DMatrix<f64>> {
        Some(self.information_inverse(info)? / self.sm.ntotal() as f64)
    }

    /// K (K′ I K)⁻¹ K′: the inverse of an information matrix under the
    /// equality constraints (equal to the top-left block of lavaan's
    /// augmented inverse, `lav_model_information_augment_invert()`).
    /// Cholesky first, then a general (LU) inverse as R's `solve()`; None
    /// when the matrix is computationally singular as `solve()` judges it
    /// (reciprocal condition number below machine ε): lavaan then reports
    /// that the information matrix could not be inverted and gives no SEs.
    pub fn information_inverse(&self, info: &DMatrix<f64>) -> Option<DMatrix<f64>> {
        let k = &self.reparam.k;
        let kik = k.transpose() * info * k;
        let kik = (&kik + kik.transpose()) * 0.5;
        let inv = invert_spd(&kik).or_else(|| kik.clone().try_inverse())?;
        if reciprocal_condition(&kik, &inv) < f64::EPSILON {
            return None;
        }
        Some(k * inv * k.transpose())
    }
}

/// An orthonormal basis (q × (q − rank J)) of the null space of J (rows:
/// constraints on q parameters): the directions that keep J θ unchanged
/// (lavaan's `ceq.JAC.NULL`, the orthogonal complement of J′'s columns).
pub fn null_space(j: &DMatrix<f64>, q: usize) -> DMatrix<f64> {
    if j.nrows() == 0 {
        return DMatrix::identity(q, q);
    }
    crate::linalg::orthogonal_complement(&j.transpose()).1
}

/// θ = k₀ + K z from linear constraints J θ + c₀ = 0 of rank `rank`, by
/// Gauss–Jordan elimination: each pivot (a parameter solved for) is chosen
/// among the unbounded parameters first, so that the bounded ones stay
/// coordinates of z (rows of K that are unit vectors, k₀ = 0 there).
fn echelon_reparam(
    j: &DMatrix<f64>,
    c0: &[f64],
    bounds: &[(Option<f64>, Option<f64>)],
    rank: usize,
) -> (DMatrix<f64>, DVector<f64>) {
    let (m, q) = j.shape();
    let mut a = j.clone();
    let mut rhs = -DVector::from_column_slice(c0);
    let tol = 1e-10 * a.amax().max(1.0);
    let bounded = |k: usize| bounds[k].0.is_some() || bounds[k].1.is_some();
    let mut pivots: Vec<(usize, usize)> = Vec::new(); // (row, column)
    for row in 0..m.min(rank) {
        // the largest remaining entry, unbounded columns first
        let best = |want_bounded: bool| {
            let mut best: Option<(usize, usize, f64)> = None;
            for c in (0..q).filter(|&c| bounded(c) == want_bounded) {
                if pivots.iter().any(|&(_, pc)| pc == c) {
                    continue;
                }
                for r in row..m {
                    let v = a[(r, c)].abs();
                    if v > tol && best.is_none_or(|b| v > b.2) {
                        best = Some((r, c, v));
                    }
                }
            }
            best
        };
        let Some((r, c, _)) = best(false).or_else(|| best(true)) else {
            break;
        };
        a.swap_rows(row, r);
        rhs.swap_rows(row, r);
        let d = a[(row, c)];
        a.row_mut(row).scale_mut(1.0 / d);
        rhs[row] /= d;
        for i in (0..m).filter(|&i| i != row) {
            let f = a[(i, c)];
            if f != 0.0 {
                for cc in 0..q {
                    a[(i, cc)] -= f * a[(row, cc)];
                }
                rhs[i] -= f * rhs[row];
            }
        }
        pivots.push((row, c));
    }
    let free: Vec<usize> = (0..q)
        .filter(|c| !pivots.iter().any(|&(_, pc)| pc == *c))
        .collect();
    let mut k = DMatrix::zeros(q, free.len());
    let mut k0 = DVector::zeros(q);
    for (jz, &f) in free.iter().enumerate() {
        k[(f, jz)] = 1.0;
        for &(r, p) in &pivots {
            k[(p, jz)] = -a[(r, f)];
        }
    }
    for &(r, p) in &pivots {
        k0[p] = rhs[r];
    }
    (k, k0)
}

/// The coordinate j of z with θ_k = z_j (row k of K the unit vector e_j and
/// k₀,k = 0), if there is one.
pub(crate) fn unit_row(k: &DMatrix<f64>, k0: &DVector<f64>, row: usize) -> Option<usize> {
    if k0[row] != 0.0 {
        return None;
    }
    let r = k.row(row);
    let nonzero: Vec<usize> = (0..r.len()).filter(|&j| r[j] != 0.0).collect();
    match nonzero.as_slice() {
        [j] if r[*j] == 1.0 => Some(*j),
        _ => None,
    }
}

/// The reciprocal condition number in the 1-norm, 1 / (‖A‖₁ ‖A⁻¹‖₁), the
/// quantity R's `solve()` checks against machine ε (LAPACK `dgecon`
/// estimates it; here it is computed from the inverse at hand). 1 for an
/// empty matrix.
fn reciprocal_condition(a: &DMatrix<f64>, inv: &DMatrix<f64>) -> f64 {
    if a.nrows() == 0 {
        return 1.0;
    }
    let norm1 = |m: &DMatrix<f64>| {
        m.column_iter()
            .map(|c| c.iter().map(|x| x.abs()).sum::<f64>())
            .fold(0.0, f64::max)
    };
    let r = 1.0 / (norm1(a) * norm1(inv));
    if r.is_finite() {
        r
    } else {
        0.0
    }
}

/// Inverse of a symmetric positive-definite matrix (Cholesky), or None.
pub fn invert_spd(m: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    if m.nrows() == 0 {
        return Some(m.clone());
    }
    let sym = (m + m.transpose()) * 0.5;
    crate::linalg::spd_inverse_logdet(&sym).map(|(inv, _)| inv)
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A constraint error in Chinese.
fn zh_text(e: &ConstraintError) -> String {
    match e {
        ConstraintError::Nonlinear { text, pos } => format!(
            "{}约束 `{text}` 不是参数的线性函数；目前只支持线性等式约束（如 `a == b` 或 `a == 2*b + 1`）",
            pos.zh_prefix()
        ),
        ConstraintError::Inconsistent { text, pos } => {
            format!("{}约束 `{text}` 与其他约束相矛盾", pos.zh_prefix())
        }
        ConstraintError::BoundedDependent { label, pos } => format!(
            "{}`{label}` 的上下界不能与把它和其他有界参数设为相等的等式约束同时使用；请只对相等参数中的一个设定界限",
            pos.zh_prefix()
        ),
    }
}

impl Localized for ConstraintError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}
