//! Score tests of equality constraints (lavaan's `lavTestScore(fit)$uni`,
//! `R/lav_test_score.R`): a model whose equalities between groups are kept
//! as separate parameters (the pairs of [`crate::partable::ParTable::equal_pairs`]),
//! evaluated at the constrained estimates, in; for each equality the 1-df
//! score statistic of releasing it alone (all other constraints kept) and
//! the expected change of both parameters, out.
//!
//! With g = ∂f/∂θ and I the expected unit information at θ̂ (both in the
//! space of separate parameters), and K_r a basis of the directions that
//! satisfy every equality but the r-th: X²_r = N g′K_r(K_r′IK_r)⁻¹K_r′g
//! (lavaan inverts the augmented matrix [I R₋ᵣ′; R₋ᵣ 0], which gives the
//! same block), and the expected change δ = −K_r(K_r′IK_r)⁻¹K_r′g.

use crate::estimate::ml::Eval;
use crate::estimate::{null_space, Problem};
use nalgebra::DMatrix;

/// The score test of one equality.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreTest {
    /// The two rows (indices into the parameter table) made equal.
    pub rows: (usize, usize),
    /// χ² with 1 df.
    pub chisq: f64,
    /// Expected change of the first and of the second row's value when the
    /// equality is released.
    pub epc: (f64, f64),
}

/// The score test of every equality in `prob.pt.equal_pairs` at `ev` (the
/// model evaluated at the constrained estimates); None when the
/// information is singular.
pub fn univariate(prob: &Problem, ev: &Eval) -> Option<Vec<ScoreTest>> {
    let pt = prob.pt;
    let q = pt.n_free;
    let pairs = &pt.equal_pairs;
    let g = prob.gradient(ev);
    // DWLS: lavaan's expected information Σ_g (n_g/N) Δ_g′W_gΔ_g (the
    // optimizer's matrix weights the groups by (n_g − 1)/N)
    let info = match prob.dwls() {
        Some(d) => {
            crate::estimate::dwls::Dwls::weighted_gram(&d.jacobian(prob, ev), &d.info_weights())
        }
        None => prob.information(ev),
    };
    let n = prob.sm.ntotal() as f64;
    // the Jacobian of the equalities θ_a − θ_b = 0
    let mut j = DMatrix::zeros(pairs.len(), q);
    for (r, &(a, b)) in pairs.iter().enumerate() {
        j[(r, pt.params[a].free - 1)] += 1.0;
        j[(r, pt.params[b].free - 1)] -= 1.0;
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (r, &(a, b)) in pairs.iter().enumerate() {
        let others = DMatrix::from_fn(pairs.len() - 1, q, |i, c| {
            j[(if i < r { i } else { i + 1 }, c)]
        });
        let k = null_space(&others, q);
        let kik = k.transpose() * &info * &k;
        let inv = crate::estimate::invert_spd(&kik)?;
        let p = &k * inv * k.transpose();
        let pg = &p * &g;
        out.push(ScoreTest {
            rows: (a, b),
            chisq: n * g.dot(&pg),
            epc: (-pg[pt.params[a].free - 1], -pg[pt.params[b].free - 1]),
        });
    }
    Some(out)
}
