//! Fit measures under FIML (`missing = "ml"`): the fitted model, its
//! missing-data patterns and the measures computed on the EM moments in;
//! lavaan's FIML log-likelihoods, baseline, GFI family and the
//! FIML-corrected robust indices out.

use crate::estimate::Problem;
use crate::model::Implied;
use crate::samplestats::missing::{sub_inverse, MissingGroup};
use crate::samplestats::missing_h1::{casewise_scores, first_order, h1_observed_information};
use nalgebra::{DMatrix, DVector};

/// Complete-data ML discrepancy F(S, ȳ; Σ, μ) = log|Σ| + tr(Σ⁻¹(S + dd′)) − log|S| − p.
fn f_ml(s: &DMatrix<f64>, ybar: &DVector<f64>, sigma: &DMatrix<f64>, mu: &DVector<f64>) -> f64 {
    let (Some((inv, ld)), Some(lds)) = (
        crate::linalg::spd_inverse_logdet(sigma),
        crate::linalg::spd_logdet(s),
    ) else {
        return f64::NAN;
    };
    let d = ybar - mu;
    let w = s + &d * d.transpose();
    ld + w.component_mul(&inv).sum() - lds - s.nrows() as f64
}

/// lavaan's FIML-corrected ("robust") test of Zhang & Savalei, version V6
/// (`lav_fit_fiml_corrected`, used for `cfi.robust`, `rmsea.robust` ... of
/// an ML fit with `missing = "ml"`): (XX3, c), where XX3 = N·F_ML of the
/// model at the EM moments (S̃, ỹ) and c = tr(W_c W_m⁻¹ U W_m⁻¹)/df with
/// W_m the observed FIML h1 information and W_c the complete-data h1
/// information at the EM moments, U = W_m − W_m Δ (Δ′W_mΔ)⁻¹ Δ′W_m.
/// Reduces to c = [tr(W_c W_m⁻¹) − tr(Δ′W_cΔ (Δ′W_mΔ)⁻¹)]/df.
struct Corrected {
    xx3: f64,
    c: f64,
    xx3_null: f64,
    c_null: f64,
}

impl Problem<'_> {
    /// lavaan's fit measures under FIML, replacing and adding to those that
    /// [`crate::fitmeasures::fit_measures`] computed on the EM moments: the
    /// log-likelihoods and information criteria (pattern-wise), the
    /// baseline model (fitted by FIML: available-case means and variances)
    /// and every index built on it, the GFI family (weight matrix: the FIML
    /// expected information at the implied moments), and the FIML-corrected
    /// robust CFI/TLI/RNI/RMSEA (`*.robust`). SRMR, RMR and CRMR already
    /// use the EM moments, as lavaan's do.
    pub fn fiml_fit_measures(
        &self,
        theta: &DVector<f64>,
        scaled: bool,
        fit: &mut crate::fitmeasures::FitMeasures,
    ) {
        let Some(missing) = self.missing() else {
            return;
        };
        let fmin = fit.get("fmin").copied().flatten().unwrap_or(f64::NAN);
        let df0 = fit
            .get("baseline.df")
            .copied()
            .flatten()
            .unwrap_or(f64::NAN);
        let mut put = |k: &str, v: f64| {
            fit.insert(k.to_string(), v.is_finite().then_some(v));
        };
        let Some(imps) = self.implied(theta) else {
            return;
        };
        let x_idx = crate::samplestats::vech::fixed_x_indices(self.pt);
        let n: f64 = missing.iter().map(|m| m.n as f64).sum();
        let ngroups = missing.len();
        let npar = self.npar() as f64;
        let df = self.df() as f64;
        // log-likelihoods (minus the covariates' marginal under fixed.x)
        let (mut logl, mut logl1, mut logl_base) = (0.0, 0.0, 0.0);
        for (mg, imp) in missing.iter().zip(&imps) {
            let lx = loglik_x(mg, &x_idx);
            logl += mg.loglik(&imp.mu, &imp.sigma).unwrap_or(f64::NAN) - lx;
            logl1 += mg.h1.logl - lx;
            logl_base += baseline_loglik(mg, &x_idx) - lx;
        }
        put("logl", logl);
        put("unrestricted.logl", logl1);
        put("aic", -2.0 * logl + 2.0 * npar);
        put("bic", -2.0 * logl + npar * n.ln());
        put("bic2", -2.0 * logl + npar * ((n + 2.0) / 24.0).ln());
        // baseline and incremental indices
        let chisq = 2.0 * n * fmin;
        let t0 = 2.0 * (logl1 - logl_base);
        put("baseline.chisq", t0);
        put("baseline.pvalue", crate::fitmeasures::chisq_pvalue(t0, df0));
        crate::fitmeasures::indices::incremental(chisq, df, t0, df0, None).put_all(&mut put, "");
        // GFI family
        let gfi = self.fiml_gfi(&imps, &x_idx);
        let p = self.structure.p as f64;
        let nel = ngroups as f64 * (p * (p + 1.0) / 2.0 + p);
        let (agfi, pgfi) = crate::fitmeasures::agfi_pgfi(gfi, nel, df);
        put("gfi", gfi);
        put("agfi", agfi);
        put("pgfi", pgfi);
        // FIML-corrected robust indices
        let cor = self.fiml_corrected(theta, &imps, &x_idx, df, df0, scaled);
        let (xx3, c, xx3n, c0) = match &cor {
            Some(k) => (k.xx3, k.c, k.xx3_null, k.c_null),
            None => (f64::NAN, f64::NAN, f64::NAN, f64::NAN),
        };
        crate::fitmeasures::indices::incremental(xx3, df, xx3n, df0, Some((c, c0)))
            .put_robust(&mut put);
        put(
            "rmsea.robust",
            crate::fitmeasures::indices::rmsea(xx3, df, n, ngroups, c),
        );
        let scaled = xx3 / c;
        let (lo, hi) = if df > 0.0 {
            crate::distributions::rmsea_ci_c_hat(scaled, df, n, ngroups, c, 0.90)
        } else {
            (f64::NAN, f64::NAN)
        };
        put("rmsea.ci.lower.robust", lo);
        put("rmsea.ci.upper.robust", hi);
        put(
            "rmsea.pvalue.robust",
            crate::distributions::rmsea_pvalue_c_hat(scaled, df, n, ngroups, c, 0.05),
        );
        put(
            "rmsea.notclose.pvalue.robust",
            crate::distributions::rmsea_notclose_pvalue_c_hat(scaled, df, n, ngroups, c, 0.08),
        );
    }

    /// LISREL GFI under FIML (lavaan `lav_fit_gfi`): WLS.obs = lavaan's
    /// plain sample statistics under missing data (available-case means,
    /// pairwise covariances; see [`MissingGroup::pairwise_moments`]) and
    /// WLS.V = the FIML expected information at the implied moments, so
    /// GFI = 1 − Σ_p w_p[d′Pd + ½tr(PRPR)] / Σ_p w_p[s̄′Ps̄ + ½tr(PSPS)],
    /// restricted to each pattern's observed variables.
    fn fiml_gfi(&self, imps: &[Implied], x_idx: &[usize]) -> f64 {
        let missing = self.missing().expect("FIML");
        let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
        let mut acc = 0.0;
        for (mg, imp) in missing.iter().zip(imps) {
            let Some((q, ld)) = crate::linalg::spd_inverse_logdet(&imp.sigma) else {
                return f64::NAN;
            };
            let (y, s) = mg.pairwise_moments();
            let is_x = |i: usize| x_idx.contains(&i);
            let (mut t1, mut t2) = (0.0, 0.0);
            for pat in &mg.patterns {
                let Some((inv, _)) = sub_inverse(&q, ld, &pat.obs, &pat.mis) else {
                    return f64::NAN;
                };
                let o = &pat.obs;
                let k = o.len();
                let r = DMatrix::from_fn(k, k, |a, b| s[(o[a], o[b])] - imp.sigma[(o[a], o[b])]);
                let so = DMatrix::from_fn(k, k, |a, b| {
                    if is_x(o[a]) && is_x(o[b]) {
                        0.0
                    } else {
                        s[(o[a], o[b])]
                    }
                });
                let d = DVector::from_fn(k, |a, _| {
                    if is_x(o[a]) {
                        0.0
                    } else {
                        y[o[a]] - imp.mu[o[a]]
                    }
                });
                let yo = DVector::from_fn(k, |a, _| if is_x(o[a]) { 0.0 } else { y[o[a]] });
                let pr = &inv * r;
                let ps = &inv * so;
                let w = pat.n as f64 / mg.n as f64;
                t1 += w * ((d.transpose() * &inv * &d)[(0, 0)] + 0.5 * (&pr * &pr).trace());
                t2 += w * ((yo.transpose() * &inv * &yo)[(0, 0)] + 0.5 * (&ps * &ps).trace());
            }
            acc += mg.n as f64 * (1.0 - t1 / t2);
        }
        acc / ntot
    }

    /// The FIML-corrected test statistics of the model and the baseline
    /// (Zhang & Savalei's FIML-C as lavaan's `lav_fit_fiml_corrected`):
    /// version V6 for a plain ML fit, V3 for a scaled (MLR) one. On the
    /// statistics kept under fixed.x, block-diagonal over groups with
    /// W_m = ⊕ f_g W_m,g, W_c = ⊕ f_g W_c,g, Γ = ⊕ W_m,g⁻¹ J_g W_m,g⁻¹ / f_g,
    /// E = Δ′W_mΔ and U = W_m − W_mΔE⁻¹Δ′W_m:
    /// V6: k = tr(W_c W_m⁻¹ U W_m⁻¹); V3: k = tr(U W_m⁻¹ W_c W_m⁻¹ U Γ); c = k/df.
    fn fiml_corrected(
        &self,
        theta: &DVector<f64>,
        imps: &[Implied],
        x_idx: &[usize],
        df: f64,
        df0: f64,
        v3: bool,
    ) -> Option<Corrected> {
        let missing = self.missing()?;
        let ev = self.evaluate(theta)?;
        let p = self.structure.p;
        let ntot: f64 = missing.iter().map(|m| m.n as f64).sum();
        let is_x = |i: usize| x_idx.contains(&i);
        let pairs = crate::samplestats::vech::vech_pairs(p);
        let kept = crate::samplestats::vech::kept(p, true, x_idx);
        let idx: Vec<usize> = (0..kept.len()).filter(|&a| kept[a]).collect();
        let k = idx.len();
        let ng = missing.len();
        let q = self.pt.n_free;
        let nb = 2 * (p - x_idx.len());
        let big = k * ng;
        let mut wm_all = DMatrix::zeros(big, big);
        let mut wmi_all = DMatrix::zeros(big, big);
        let mut wc_all = DMatrix::zeros(big, big);
        let mut gamma_all = DMatrix::zeros(big, big);
        let mut delta_all = DMatrix::zeros(big, q);
        let mut delta_b = DMatrix::zeros(big, nb * ng);
        let (mut xx3, mut xx3n) = (0.0, 0.0);
        let sub = |mat: &DMatrix<f64>| DMatrix::from_fn(k, k, |a, b| mat[(idx[a], idx[b])]);
        for (g, (mg, imp)) in missing.iter().zip(imps).enumerate() {
            let fg = mg.n as f64 / ntot;
            let (s, y) = (&mg.h1.cov, &mg.h1.mean);
            xx3 += mg.n as f64 * f_ml(s, y, &imp.sigma, &imp.mu);
            // the baseline model: available-case means and variances (x block at the EM moments)
            let mut sb = DMatrix::zeros(p, p);
            let mut mb = DVector::zeros(p);
            for j in 0..p {
                if is_x(j) {
                    mb[j] = y[j];
                    for &l in x_idx {
                        sb[(j, l)] = s[(j, l)];
                    }
                } else {
                    let (mean, var) = mg.available_moments(j);
                    mb[j] = mean;
                    sb[(j, j)] = var;
                }
            }
            xx3n += mg.n as f64 * f_ml(s, y, &sb, &mb);
            // W_m (FIML) and W_c (complete data), both at the EM moments
            let wm = sub(&h1_observed_information(mg, y, s)?);
            let wmi = crate::estimate::invert_spd(&wm)?;
            let (sinv, _) = crate::linalg::spd_inverse_logdet(s)?;
            let wc = sub(&crate::inference::robust::a1_matrix(&sinv, true, x_idx));
            let off = g * k;
            wm_all.view_mut((off, off), (k, k)).copy_from(&(&wm * fg));
            wmi_all.view_mut((off, off), (k, k)).copy_from(&(&wmi / fg));
            wc_all.view_mut((off, off), (k, k)).copy_from(&(&wc * fg));
            if v3 {
                let jm = sub(&first_order(&casewise_scores(mg, y, s, &kept)?));
                gamma_all
                    .view_mut((off, off), (k, k))
                    .copy_from(&(&wmi * jm * &wmi / fg));
            }
            let delta = crate::inference::robust::delta(self, &ev, g);
            for (a, &r) in idx.iter().enumerate() {
                delta_all.row_mut(off + a).copy_from(&delta.row(r));
            }
            // baseline Δ: the non-x means and variances of this group
            for (c, j) in (0..p).filter(|&j| !is_x(j)).enumerate() {
                let v = p + pairs.iter().position(|&pr| pr == (j, j)).expect("diagonal");
                for (a, &r) in idx.iter().enumerate() {
                    if r == j {
                        delta_b[(off + a, g * nb + 2 * c)] = 1.0;
                    }
                    if r == v {
                        delta_b[(off + a, g * nb + 2 * c + 1)] = 1.0;
                    }
                }
            }
        }
        let kr = &self.reparam.k;
        let e = delta_all.transpose() * &wm_all * &delta_all;
        let e_inv = kr * crate::estimate::invert_spd(&(kr.transpose() * e * kr))? * kr.transpose();
        let eb = delta_b.transpose() * &wm_all * &delta_b;
        let eb_inv = crate::estimate::invert_spd(&eb)?;
        // V6 without the big products: W_m⁻¹UW_m⁻¹ = W_m⁻¹ − ΔE⁻¹Δ′, so
        // k = tr(W_c W_m⁻¹) − tr(Δ′W_cΔ E⁻¹)
        let tr_wc_wmi = wc_all.component_mul(&wmi_all).sum();
        let trace_k = |d: &DMatrix<f64>, einv: &DMatrix<f64>| -> f64 {
            if v3 {
                let wd = &wm_all * d;
                let u = &wm_all - &wd * einv * wd.transpose();
                let a = &wmi_all * &wc_all * &wmi_all;
                (&u * a * &u * &gamma_all).trace()
            } else {
                let dwcd = d.transpose() * &wc_all * d;
                tr_wc_wmi - dwcd.component_mul(einv).sum()
            }
        };
        Some(Corrected {
            xx3,
            c: trace_k(&delta_all, &e_inv) / df,
            xx3_null: xx3n,
            c_null: trace_k(&delta_b, &eb_inv) / df0,
        })
    }
}

/// The covariates' marginal log-likelihood at their EM moments, subtracted
/// from every log-likelihood under fixed.x (lavaan
/// `lav_mvnorm_missing_loglik_samplestats` with `x.idx`).
fn loglik_x(mg: &MissingGroup, x_idx: &[usize]) -> f64 {
    crate::fitmeasures::loglik_x_moments(mg.n, &mg.h1.cov, x_idx)
}

/// Log-likelihood of the baseline (independence) model fitted by FIML: the
/// likelihood factors over the variables, so each non-x variable has its
/// available-case mean and variance; the covariates keep their (EM) joint
/// moments.
fn baseline_loglik(mg: &MissingGroup, x_idx: &[usize]) -> f64 {
    let mut l = 0.0;
    for j in (0..mg.p()).filter(|j| !x_idx.contains(j)) {
        let (_, v) = mg.available_moments(j);
        l -= mg.n_observed[j] as f64 / 2.0 * (crate::samplestats::missing::LOG_2PI + v.ln() + 1.0);
    }
    l + loglik_x(mg, x_idx)
}
