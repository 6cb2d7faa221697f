//! MLR with missing data (`missing = "ml"`): the FIML fit and its
//! missing-data patterns in; the robust (Huber–White) covariance of the
//! estimates and the Yuan–Bentler scaled test out, from the casewise FIML
//! scores ([`crate::samplestats::missing_h1`]).

use crate::estimate::Problem;
use crate::samplestats::missing_h1::{casewise_scores, first_order, h1_observed_information};
use nalgebra::{DMatrix, DVector};

/// tr(B A⁻¹) on the statistics with a non-zero diagonal in A (lavaan's
/// `lav_test_yuan_bentler_mplus_trace`), and their number.
fn trace_b_ainv(b: &DMatrix<f64>, a: &DMatrix<f64>) -> Option<(f64, usize)> {
    let idx: Vec<usize> = (0..a.nrows()).filter(|&i| a[(i, i)] != 0.0).collect();
    let k = idx.len();
    let sub = |m: &DMatrix<f64>| DMatrix::from_fn(k, k, |x, y| m[(idx[x], idx[y])]);
    let ainv = sub(a).try_inverse()?;
    Some((sub(b).component_mul(&ainv.transpose()).sum(), k))
}

/// MLR with `missing = "ml"` for one model at θ (lavaan's
/// `se = "robust.huber.white"`, `test = "yuan.bentler.mplus"` on the FIML
/// likelihood), as (robust vcov, Yuan–Bentler scaled test); the fitted
/// and the independence model both go through here from
/// [`crate::inference::robust::robust`]:
///
/// - SEs: H⁻¹ B₀ H⁻¹ / N with H the observed information (analytic
///   Hessian) and B₀ = Σ_g f_g Δ_g′ B1_g Δ_g, B1_g the mean outer product of
///   the casewise FIML scores at the implied moments;
/// - Yuan–Bentler (Mplus) scaling: c = [Σ_g tr(J_g W_g⁻¹) − Σ_g f_g
///   tr(B₀,g H⁻¹)]/df, where W_g is the observed and J_g the first-order
///   information of the saturated FIML model at the EM moments.
pub(crate) fn mlr_correction(
    prob: &Problem,
    theta: &DVector<f64>,
    x_idx: &[usize],
) -> Result<
    (Option<DMatrix<f64>>, crate::inference::robust::ScaledTest),
    crate::inference::robust::RobustError,
> {
    use crate::inference::robust::RobustError;
    let missing = prob.missing().expect("FIML");
    let ev = prob
        .evaluate(theta)
        .ok_or(RobustError::NotPositiveDefinite)?;
    let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
    let chisq = 2.0 * ntot * ev.f;
    let df = prob.df() as f64;
    let p = prob.structure.p;
    let kept = crate::samplestats::vech::kept(p, true, x_idx);
    let h_inv = prob
        .fiml_observed_information(&ev)
        .and_then(|h| prob.information_inverse(&h));
    let q = prob.pt.n_free;
    let mut b0 = DMatrix::zeros(q, q);
    let mut b0_groups = Vec::with_capacity(missing.len());
    let (mut tr_h1, mut ndat) = (0.0, 0usize);
    for (g, mg) in missing.iter().enumerate() {
        let ge = &ev.groups[g];
        let fg = mg.n as f64 / ntot;
        let delta = crate::inference::robust::delta(prob, &ev, g);
        // structured first-order information, at the implied moments
        let sc = casewise_scores(mg, &ge.imp.mu, &ge.imp.sigma, &kept)
            .ok_or(RobustError::NotPositiveDefinite)?;
        let scd = sc * &delta;
        let b0g = scd.transpose() * &scd / mg.n as f64;
        b0 += fg * &b0g;
        b0_groups.push(b0g);
        // unstructured h1 pieces at the EM moments
        let (s, y) = (&mg.h1.cov, &mg.h1.mean);
        let mut wm = h1_observed_information(mg, y, s).ok_or(RobustError::NotPositiveDefinite)?;
        for (a, &k) in kept.iter().enumerate() {
            if !k {
                wm.row_mut(a).fill(0.0);
                wm.column_mut(a).fill(0.0);
            }
        }
        let jm =
            first_order(&casewise_scores(mg, y, s, &kept).ok_or(RobustError::NotPositiveDefinite)?);
        let (t, k) = trace_b_ainv(&jm, &wm).ok_or(RobustError::NotPositiveDefinite)?;
        tr_h1 += t;
        ndat += k;
    }
    let vcov = h_inv.as_ref().map(|hi| hi * &b0 * hi / ntot);
    let tr_h0 = h_inv.as_ref().map(|hi| {
        missing
            .iter()
            .zip(&b0_groups)
            .map(|(mg, b0g)| mg.n as f64 / ntot * b0g.component_mul(hi).sum())
            .sum::<f64>()
    });
    let trace = tr_h0.map_or(f64::NAN, |t0| tr_h1 - t0);
    // lavaan divides by nx.free: every free row counts
    let nx_free = prob.pt.params.iter().filter(|p| p.free > 0).count().max(1);
    Ok((
        vcov,
        crate::inference::robust::scaled(
            chisq,
            df,
            trace,
            Some(tr_h1 / ndat as f64),
            tr_h0.map(|t| t / nx_free as f64),
        ),
    ))
}
