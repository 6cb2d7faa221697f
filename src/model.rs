//! Model representation: parameter table in, model-implied moments and their
//! derivatives out.
//!
//! We use the RAM (reticular action model) form, which is algebraically the
//! same model as lavaan's LISREL "all-y" form (`R/lav_representation_lisrel.R`)
//! without phantom latents: all variables (observed first, then latent) form
//! one vector v = A v + u, with Cov(u) = P and E(u) = m. With E = (I − A)⁻¹:
//!
//! - Σ_v = E P E′ and μ_v = E m (all variables, observed block first);
//! - Σ = Σ_v[obs, obs], μ = μ_v[obs].
//!
//! Loadings `f =~ x` and regressions `y ~ x` are A entries (A[x, f], A[y, x]);
//! (co)variances are P entries; intercepts and means are m entries.
//!
//! Derivatives. With U = E[obs, ·] and V = Σ_v[obs, ·] (p × n):
//! - ∂Σ/∂A[i,j] = U_i V_j′ + V_j U_i′, ∂μ/∂A[i,j] = U_i μ_v[j];
//! - ∂Σ/∂P[i,j] = U_i U_j′ + U_j U_i′ (i ≠ j), U_i U_i′ (i = j);
//! - ∂μ/∂m[i] = U_i.
//!
//! Every derivative is a sum of outer products of columns of X = [U | V], so
//! traces such as tr(Σ⁻¹ ∂Σ_a Σ⁻¹ ∂Σ_b) reduce to entries of the Gram matrix
//! X′Σ⁻¹X. This makes gradients, the expected information and modification
//! indices cheap.

use crate::partable::{Op, ParTable};
use nalgebra::{DMatrix, DVector};

/// Where a parameter lives in the RAM matrices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A[i, j]: effect of variable j on variable i.
    A(usize, usize),
    /// P[i, j] = P[j, i]: (residual) covariance.
    P(usize, usize),
    /// m[i]: intercept or mean.
    M(usize),
}

/// The fixed structure of the model for one group (shared by all groups).
#[derive(Debug, Clone)]
pub struct Structure {
    /// Observed variables first (p of them), then latent variables.
    pub names: Vec<String>,
    pub p: usize,
    pub meanstructure: bool,
    /// For a recursive model (no feedback loops): the variables in an order
    /// where every cause comes before its effects, with each variable's
    /// causes. Lets E = (I − A)⁻¹ be built row by row; None otherwise.
    pub causal_order: Option<Vec<(usize, Vec<usize>)>>,
}

impl Structure {
    pub fn new(pt: &ParTable) -> Self {
        let mut names = pt.vars.ov.clone();
        names.extend(pt.vars.lv.iter().cloned());
        let mut s = Structure {
            names,
            p: pt.vars.ov.len(),
            meanstructure: pt.meanstructure,
            causal_order: None,
        };
        let n = s.n();
        let mut causes: Vec<Vec<usize>> = vec![Vec::new(); n];
        for prm in &pt.params {
            if let Entry::A(i, j) = s.entry(&prm.lhs, prm.op, &prm.rhs) {
                if !causes[i].contains(&j) {
                    causes[i].push(j);
                }
            }
        }
        s.causal_order = topological_order(&causes);
        s
    }

    pub fn n(&self) -> usize {
        self.names.len()
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The matrix entry of `lhs op rhs`.
    pub fn entry(&self, lhs: &str, op: Op, rhs: &str) -> Entry {
        let i = self.index(lhs).expect("lhs in model");
        match op {
            Op::Loading => Entry::A(self.index(rhs).expect("rhs in model"), i),
            Op::Regression => Entry::A(i, self.index(rhs).expect("rhs in model")),
            Op::Covariance => Entry::P(i, self.index(rhs).expect("rhs in model")),
            // thresholds and scaling factors of an ordinal item are not RAM
            // entries (`Problem::matrices` skips them); they carry their
            // item's intercept entry, which standardizes them the same way
            // (value / SD of the item)
            Op::Intercept | Op::Threshold | Op::Scale => Entry::M(i),
        }
    }
}

/// Kahn's algorithm: variables ordered causes-first, or None with a cycle.
fn topological_order(causes: &[Vec<usize>]) -> Option<Vec<(usize, Vec<usize>)>> {
    let n = causes.len();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let before = order.len();
        for i in 0..n {
            if !done[i] && causes[i].iter().all(|&j| done[j]) {
                done[i] = true;
                order.push((i, causes[i].clone()));
            }
        }
        if order.len() == before {
            return None;
        }
    }
    Some(order)
}

/// RAM matrices filled with values, for one group.
#[derive(Debug, Clone)]
pub struct Matrices {
    pub a: DMatrix<f64>,
    pub p: DMatrix<f64>,
    pub m: DVector<f64>,
}

impl Matrices {
    pub fn zeros(n: usize) -> Self {
        Matrices {
            a: DMatrix::zeros(n, n),
            p: DMatrix::zeros(n, n),
            m: DVector::zeros(n),
        }
    }

    pub fn set(&mut self, e: Entry, v: f64) {
        match e {
            Entry::A(i, j) => self.a[(i, j)] = v,
            Entry::P(i, j) => {
                self.p[(i, j)] = v;
                self.p[(j, i)] = v;
            }
            Entry::M(i) => self.m[i] = v,
        }
    }

    pub fn get(&self, e: Entry) -> f64 {
        match e {
            Entry::A(i, j) => self.a[(i, j)],
            Entry::P(i, j) => self.p[(i, j)],
            Entry::M(i) => self.m[i],
        }
    }
}

/// Model-implied moments of one group, with what the derivatives need.
#[derive(Debug, Clone)]
pub struct Implied {
    /// (I − A)⁻¹, n × n.
    pub e: DMatrix<f64>,
    /// Covariance of all variables (observed and latent), n × n.
    pub sigma_v: DMatrix<f64>,
    /// Means of all variables.
    pub mu_v: DVector<f64>,
    /// Covariance of the observed variables, p × p.
    pub sigma: DMatrix<f64>,
    /// Means of the observed variables.
    pub mu: DVector<f64>,
}

/// Why the implied moments could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpliedError {
    /// I − A is singular (a non-recursive model with a unit feedback loop).
    SingularBeta,
}

impl Implied {
    pub fn compute(s: &Structure, mats: &Matrices) -> Result<Implied, ImpliedError> {
        let n = s.n();
        let e = match &s.causal_order {
            // E = I + A E, row by row with causes first
            Some(order) => {
                let mut e = DMatrix::<f64>::identity(n, n);
                for (i, causes) in order {
                    for &j in causes {
                        let a = mats.a[(*i, j)];
                        if a != 0.0 {
                            for k in 0..n {
                                e[(*i, k)] += a * e[(j, k)];
                            }
                        }
                    }
                }
                e
            }
            None => (DMatrix::<f64>::identity(n, n) - &mats.a)
                .try_inverse()
                .ok_or(ImpliedError::SingularBeta)?,
        };
        let sigma_v = &e * &mats.p * e.transpose();
        let mu_v = &e * &mats.m;
        let p = s.p;
        let sigma = sigma_v.view((0, 0), (p, p)).into_owned();
        let mu = mu_v.rows(0, p).into_owned();
        Ok(Implied {
            e,
            sigma_v,
            mu_v,
            sigma,
            mu,
        })
    }

    /// X = [U | V], p × 2n: the vectors all derivatives are built from.
    pub fn pool(&self, p: usize) -> DMatrix<f64> {
        let n = self.e.ncols();
        let mut x = DMatrix::zeros(p, 2 * n);
        x.view_mut((0, 0), (p, n))
            .copy_from(&self.e.view((0, 0), (p, n)));
        x.view_mut((0, n), (p, n))
            .copy_from(&self.sigma_v.view((0, 0), (p, n)));
        x
    }
}

/// ∂Σ and ∂μ of one parameter, as outer products of pool columns:
/// ∂Σ = Σ_t c_t x_{a_t} x_{b_t}′ and ∂μ = c x_k.
#[derive(Debug, Clone, Copy)]
pub struct Deriv {
    pub sigma: [(f64, usize, usize); 2],
    pub n_sigma: usize,
    pub mu: Option<(f64, usize)>,
}

impl Deriv {
    /// Derivative of (Σ, μ) with respect to a matrix entry; `n` variables.
    pub fn of(e: Entry, n: usize, imp: &Implied, meanstructure: bool) -> Deriv {
        let zero = (0.0, 0, 0);
        match e {
            Entry::A(i, j) => Deriv {
                sigma: [(1.0, i, n + j), (1.0, n + j, i)],
                n_sigma: 2,
                mu: meanstructure.then(|| (imp.mu_v[j], i)),
            },
            Entry::P(i, j) if i != j => Deriv {
                sigma: [(1.0, i, j), (1.0, j, i)],
                n_sigma: 2,
                mu: None,
            },
            Entry::P(i, _) => Deriv {
                sigma: [(1.0, i, i), zero],
                n_sigma: 1,
                mu: None,
            },
            Entry::M(i) => Deriv {
                sigma: [zero, zero],
                n_sigma: 0,
                mu: Some((1.0, i)),
            },
        }
    }

    pub fn sigma_terms(&self) -> &[(f64, usize, usize)] {
        &self.sigma[..self.n_sigma]
    }

    /// The dense p × p matrix ∂Σ (for tests and rarely used paths).
    pub fn dense_sigma(&self, x: &DMatrix<f64>) -> DMatrix<f64> {
        let p = x.nrows();
        let mut d = DMatrix::zeros(p, p);
        for &(c, a, b) in self.sigma_terms() {
            d += c * x.column(a) * x.column(b).transpose();
        }
        d
    }

    /// The dense ∂μ.
    pub fn dense_mu(&self, x: &DMatrix<f64>) -> DVector<f64> {
        match self.mu {
            Some((c, k)) => c * x.column(k).into_owned(),
            None => DVector::zeros(x.nrows()),
        }
    }
}

/// ½ tr(Σ⁻¹ ∂Σ_a Σ⁻¹ ∂Σ_b) + ∂μ_a′ Σ⁻¹ ∂μ_b, the ML expected information of
/// one pair, from the Gram matrix G = X′Σ⁻¹X (`R/lav_model_information.R`,
/// A1 = blockdiag(Σ⁻¹, ½D′(Σ⁻¹⊗Σ⁻¹)D)).
pub fn info_pair(da: &Deriv, db: &Deriv, g: &DMatrix<f64>) -> f64 {
    let mut s = 0.0;
    for &(ct, at, bt) in da.sigma_terms() {
        for &(cs, as_, bs) in db.sigma_terms() {
            s += ct * cs * g[(bt, as_)] * g[(bs, at)];
        }
    }
    let mut out = 0.5 * s;
    if let (Some((ca, ka)), Some((cb, kb))) = (da.mu, db.mu) {
        out += ca * cb * g[(ka, kb)];
    }
    out
}
