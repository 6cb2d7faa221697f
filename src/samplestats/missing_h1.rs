//! The saturated (h1) model under missing data: its observed information
//! and the casewise scores of the FIML log-likelihood with respect to
//! (μ, vech Σ). In: a group's missing-data patterns and moments; out: the
//! matrices that MLR's sandwich and the FIML-corrected fit indices use.

use super::missing::{sub_inverse, MissingGroup};
use nalgebra::{DMatrix, DVector};

/// The observed information (per case) of the saturated FIML likelihood
/// with respect to (μ, vech Σ), evaluated at (μ, Σ) — lavaan's
/// `lav_mvnorm_missing_information_observed_samplestats`. Per pattern, with
/// P = Σ_oo⁻¹, t = P(ȳ_p − μ_o) and A = P(2W̃_p − Σ_oo)P, W̃_p = S_p +
/// (ȳ_p − μ_o)(ȳ_p − μ_o)′ (all embedded in p × p):
/// [P, ·; D′(t ⊗ P), ½D′(P ⊗ A)D], weighted by n_p/n. Rows and columns in
/// lavaan's order: means, then vech Σ (column-wise lower triangle).
pub fn h1_observed_information(
    mg: &MissingGroup,
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
) -> Option<DMatrix<f64>> {
    let p = mg.p();
    let pairs = crate::samplestats::vech::vech_pairs(p);
    let m = p + pairs.len();
    // global vech index of (i, j), i ≥ j
    let mut vidx = vec![0usize; p * p];
    for (x, &(i, j)) in pairs.iter().enumerate() {
        vidx[i * p + j] = p + x;
        vidx[j * p + i] = p + x;
    }
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    // upper triangle accumulated row-major, mirrored at the end
    let mut out = vec![0.0; m * m];
    for pat in &mg.patterns {
        let w = pat.n as f64 / mg.n as f64;
        let (inv, _) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
        let o = &pat.obs;
        let k = o.len();
        let d = DVector::from_fn(k, |a, _| pat.mean[a] - mu[o[a]]);
        let soo = DMatrix::from_fn(k, k, |a, b| sigma[(o[a], o[b])]);
        let wt = &pat.cov + &d * d.transpose();
        let aa = &inv * (wt * 2.0 - soo) * &inv;
        let t = &inv * &d;
        let (pi, ai) = (inv.as_slice(), aa.as_slice());
        let at = |s: &[f64], r: usize, c: usize| s[c * k + r];
        let mut add = |r: usize, c: usize, v: f64| {
            let (r, c) = if r <= c { (r, c) } else { (c, r) };
            out[r * m + c] += v;
        };
        for a in 0..k {
            for b in a..k {
                add(o[a], o[b], w * at(pi, a, b));
            }
        }
        // local vech pairs (a ≥ b)
        let local: Vec<(usize, usize)> = (0..k).flat_map(|b| (b..k).map(move |a| (a, b))).collect();
        for (x, &(a, b)) in local.iter().enumerate() {
            let row = vidx[o[a] * p + o[b]];
            // D′(t ⊗ P): t_b P_a· (+ t_a P_b· off the diagonal)
            for (l, &ol) in o.iter().enumerate() {
                let mut v = t[b] * at(pi, a, l);
                if a != b {
                    v += t[a] * at(pi, b, l);
                }
                add(ol, row, w * v);
            }
            // ½ D′(P ⊗ A) D: ½ Σ P[c1, c2] A[r1, r2] over the symmetric terms
            for &(c, e) in &local[x..] {
                let col = vidx[o[c] * p + o[e]];
                let v = match (a == b, c == e) {
                    (true, true) => at(pi, a, c) * at(ai, a, c),
                    (true, false) => at(pi, a, e) * at(ai, a, c) + at(pi, a, c) * at(ai, a, e),
                    (false, true) => at(pi, b, c) * at(ai, a, c) + at(pi, a, c) * at(ai, b, c),
                    (false, false) => {
                        at(pi, b, e) * at(ai, a, c)
                            + at(pi, b, c) * at(ai, a, e)
                            + at(pi, a, e) * at(ai, b, c)
                            + at(pi, a, c) * at(ai, b, e)
                    }
                };
                add(row, col, 0.5 * w * v);
            }
        }
    }
    let mut full = DMatrix::zeros(m, m);
    for r in 0..m {
        for c in r..m {
            full[(r, c)] = out[r * m + c];
            full[(c, r)] = out[r * m + c];
        }
    }
    Some(full)
}

/// The casewise scores of the FIML log-likelihood with respect to
/// (μ, vech Σ) at (μ, Σ), one row per case (lavaan
/// `lav_mvnorm_missing_scores_mu_vech_sigma`): with P = Σ_oo⁻¹ and
/// a = P(y_o − μ_o) embedded in p, the μ part is a and the vech part
/// a_i a_j − P_ij (halved on the diagonal); zero for eliminated statistics.
pub fn casewise_scores(
    mg: &MissingGroup,
    mu: &DVector<f64>,
    sigma: &DMatrix<f64>,
    kept: &[bool],
) -> Option<DMatrix<f64>> {
    let p = mg.p();
    let pairs = crate::samplestats::vech::vech_pairs(p);
    let m = p + pairs.len();
    let (q, ld) = crate::linalg::spd_inverse_logdet(sigma)?;
    let mut sc = DMatrix::zeros(mg.n, m);
    let mut row = 0;
    for pat in &mg.patterns {
        let (inv, _) = sub_inverse(&q, ld, &pat.obs, &pat.mis)?;
        let o = &pat.obs;
        let mut pe = DMatrix::zeros(p, p);
        for (a, &i) in o.iter().enumerate() {
            for (b, &j) in o.iter().enumerate() {
                pe[(i, j)] = inv[(a, b)];
            }
        }
        for r in 0..pat.n {
            let yc = DVector::from_fn(o.len(), |a, _| pat.data[(r, a)] - mu[o[a]]);
            let t = &inv * yc;
            let mut ae = DVector::zeros(p);
            for (a, &i) in o.iter().enumerate() {
                ae[i] = t[a];
            }
            for i in 0..p {
                sc[(row, i)] = ae[i];
            }
            for (x, &(i, j)) in pairs.iter().enumerate() {
                let v = ae[i] * ae[j] - pe[(i, j)];
                sc[(row, p + x)] = if i == j { 0.5 * v } else { v };
            }
            row += 1;
        }
    }
    for (c, &k) in kept.iter().enumerate() {
        if !k {
            sc.column_mut(c).fill(0.0);
        }
    }
    Some(sc)
}

/// (1/n) Σ_i s_i s_i′ of the casewise scores.
pub fn first_order(sc: &DMatrix<f64>) -> DMatrix<f64> {
    sc.transpose() * sc / sc.nrows() as f64
}
