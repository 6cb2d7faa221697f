//! Before the CFA: the items' complete rows in; sampling adequacy (KMO,
//! per-item MSA), Bartlett's test, eigenvalues with parallel analysis and a
//! maximum-likelihood exploratory factor analysis for 1..K factors out
//! (study-methods.md §3). The items are a model's observed indicators
//! ([`model_factors`]) or a list the user names.
//!
//! Pieces: [`kmo`] (KMO, MSA, Bartlett), [`eigen`] (eigenvalues, parallel
//! analysis), [`efa`] (ML factoring), [`rotation`] (geomin, oblimin,
//! quartimin, promax, varimax), [`structure`] (the EFA's structure as model
//! text), [`scree`] (the scree plot as SVG). Fit measures of each EFA come
//! from [`crate::fitmeasures::fit_measures`], the one place that computes them.

pub mod efa;
pub mod eigen;
pub mod error;
pub mod kmo;
pub mod rotation;
pub mod scree;
pub mod structure;

pub use error::ExploreError;
pub use rotation::Rotation;

use crate::data::DataTable;
use crate::fitmeasures::{fit_measures, FitInput};
use crate::model::Implied;
use crate::partable::{self, ModelOptions, Op};
use crate::samplestats::moments::GroupMoments;
use kmo::{Bartlett, KaiserLabel};
use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Loadings at or above this size on a second factor are cross-loadings.
pub const CROSS_LOADING: f64 = 0.30;
/// A main loading below this is weak.
pub const WEAK_LOADING: f64 = 0.40;
/// A uniqueness below this is at lavaan's bound 0 (h² prints as 1.000): a
/// Heywood case, an improper solution.
pub const HEYWOOD_UNIQUENESS: f64 = 0.0005;
/// An MSA below this is flagged (Kaiser's "unacceptable").
pub const MSA_FLAG: f64 = 0.50;

/// A factor of the user's model with its observed indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFactor {
    pub name: String,
    pub items: Vec<String>,
}

/// The measurement part of a model: each latent variable with the
/// observed variables it is measured by, in model order.
pub fn model_factors(model: &str, columns: &[String]) -> Result<Vec<ModelFactor>, ExploreError> {
    let pt = partable::build(model, columns, &ModelOptions::default(), 1)
        .map_err(ExploreError::Model)?;
    let observed: std::collections::HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut out: Vec<ModelFactor> = Vec::new();
    for p in pt
        .params
        .iter()
        .filter(|p| p.op == Op::Loading && p.group == 1)
    {
        if !observed.contains(p.rhs.as_str()) {
            continue;
        }
        match out.iter_mut().find(|f| f.name == p.lhs) {
            Some(f) => {
                if !f.items.contains(&p.rhs) {
                    f.items.push(p.rhs.clone())
                }
            }
            None => out.push(ModelFactor {
                name: p.lhs.clone(),
                items: vec![p.rhs.clone()],
            }),
        }
    }
    Ok(out)
}

/// The model's observed indicators in model order (each once).
pub fn model_items(factors: &[ModelFactor]) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for f in factors {
        for i in &f.items {
            if !items.contains(i) {
                items.push(i.clone());
            }
        }
    }
    items
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExploreOptions {
    /// Fit EFAs with 1..=factors factors (None: the model's number of
    /// latent variables, or the parallel-analysis suggestion without one).
    pub factors: Option<usize>,
    /// The rotation of the loadings shown.
    pub rotation: Rotation,
    /// Seed of parallel analysis.
    pub seed: u64,
}

impl Default for ExploreOptions {
    fn default() -> Self {
        ExploreOptions {
            factors: None,
            rotation: Rotation::Geomin,
            seed: eigen::DEFAULT_SEED,
        }
    }
}

/// The items' complete rows (listwise deletion over the items).
#[derive(Debug, Clone)]
pub struct ItemData {
    pub names: Vec<String>,
    /// n × p complete rows.
    pub data: DMatrix<f64>,
    pub rows_read: usize,
    /// 1-based data rows left out because an item is missing there.
    pub dropped_rows: Vec<usize>,
}

impl ItemData {
    /// The complete rows of `items` in `table`.
    pub fn from_table(table: &DataTable, items: &[String]) -> Result<ItemData, ExploreError> {
        for name in items {
            if table.column_index(name).is_none() {
                return Err(ExploreError::UnknownItem { name: name.clone() });
            }
        }
        let complete = table.numeric(items).map_err(ExploreError::Data)?.listwise();
        Ok(ItemData {
            names: complete.names,
            data: complete.data,
            rows_read: complete.rows_read,
            dropped_rows: complete.dropped_rows,
        })
    }
}

/// KMO with Kaiser's label; per-item MSA in the items' order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KmoReport {
    pub overall: f64,
    pub label: KaiserLabel,
    /// MSA by item name.
    pub items: BTreeMap<String, f64>,
    /// Items with an MSA below .50, in item order.
    pub flagged: Vec<String>,
}

/// Fit of the EFA with one number of factors (χ² and df do not depend on
/// the rotation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EfaFit {
    pub nfactors: usize,
    pub chisq: f64,
    pub df: f64,
    pub pvalue: Option<f64>,
    pub cfi: Option<f64>,
    pub tli: Option<f64>,
    pub rmsea: Option<f64>,
    pub srmr: Option<f64>,
    pub aic: Option<f64>,
    pub bic: Option<f64>,
}

/// A loading matrix with its item names (rows in item order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadingMatrix {
    pub items: Vec<String>,
    pub matrix: Vec<Vec<f64>>,
}

/// One item's row of the rotated solution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemLoadings {
    pub item: String,
    pub loadings: Vec<f64>,
    /// 0-based factor with the largest absolute loading.
    pub main_factor: usize,
    pub communality: f64,
    /// Other factors with |loading| ≥ .30.
    pub cross_loadings: Vec<usize>,
    /// The main loading is below .40 in absolute value.
    pub weak: bool,
    /// The uniqueness is at or near 0 (below [`HEYWOOD_UNIQUENESS`]): a
    /// Heywood case.
    #[serde(default)]
    pub heywood: bool,
}

/// The rotated solution for the chosen number of factors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RotatedSolution {
    pub nfactors: usize,
    pub rotation: Rotation,
    pub converged: bool,
    /// Items sorted by their main factor, then by the size of the loading.
    pub items: Vec<ItemLoadings>,
    /// Factor correlations (identity for varimax).
    pub phi: Vec<Vec<f64>>,
}

/// The EFA part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EfaReport {
    pub fit: Vec<EfaFit>,
    /// Geomin loadings for the largest number of factors (items in item order).
    pub geomin_loadings: LoadingMatrix,
    /// The solution in the chosen rotation, with flags.
    pub rotated: RotatedSolution,
}

/// Everything computed before the CFA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exploration {
    pub items: Vec<String>,
    pub nobs: usize,
    pub rows_read: usize,
    pub dropped_rows: Vec<usize>,
    pub kmo: KmoReport,
    pub bartlett: Bartlett,
    pub eigenvalues: Vec<f64>,
    /// Eigenvalues above 1 (Kaiser's rule).
    pub kaiser_count: usize,
    pub parallel: eigen::Parallel,
    pub efa: EfaReport,
}

/// Checks the items' data: enough rows, no constant item, a non-singular
/// correlation matrix (naming the linearly dependent items). Returns R, R⁻¹
/// and ln|R|.
pub fn correlation_checked(
    d: &ItemData,
) -> Result<(DMatrix<f64>, DMatrix<f64>, f64), ExploreError> {
    let (n, p) = d.data.shape();
    if p < 3 {
        return Err(ExploreError::TooFewItems { items: p });
    }
    if n <= p {
        return Err(ExploreError::TooFewRows { rows: n, items: p });
    }
    for j in 0..p {
        let col = d.data.column(j);
        if col.iter().all(|v| *v == col[0]) {
            return Err(ExploreError::ConstantItem {
                name: d.names[j].clone(),
            });
        }
    }
    let r = crate::data::correlation(&d.data);
    let (vals, vecs) = eigen::eigen_desc(&r);
    let tiny = 1e-10 * p as f64;
    let groups: Vec<Vec<String>> = (0..p)
        .filter(|&k| vals[k] < tiny)
        .map(|k| {
            let v = vecs.column(k);
            let big = v.amax();
            (0..p)
                .filter(|&i| v[i].abs() > 1e-6 * big.max(1e-300) && v[i].abs() > 1e-8)
                .map(|i| d.names[i].clone())
                .collect()
        })
        .collect();
    if !groups.is_empty() {
        return Err(ExploreError::Singular { groups });
    }
    let (r_inv, logdet) = crate::linalg::spd_inverse_logdet(&r).ok_or(ExploreError::Singular {
        groups: vec![d.names.clone()],
    })?;
    Ok((r, r_inv, logdet))
}

/// The number of factors used when none is asked for: the model's number of
/// factors, else the parallel-analysis suggestion (at least 1).
pub fn default_factors(model_factors: usize, parallel_suggested: usize) -> usize {
    if model_factors > 0 {
        model_factors
    } else {
        parallel_suggested.max(1)
    }
}

/// Runs the checks before the CFA on the items' complete rows. `k_model`
/// is the number of factors of the user's model (0 without a model).
pub fn explore(
    d: &ItemData,
    k_model: usize,
    opts: &ExploreOptions,
) -> Result<Exploration, ExploreError> {
    let (r, r_inv, logdet) = correlation_checked(d)?;
    let (n, p) = d.data.shape();
    let k = kmo::kmo(&r, &r_inv);
    let kmo_report = KmoReport {
        overall: k.overall,
        label: KaiserLabel::of(k.overall),
        items: crate::sorting::map_of(d.names.iter().cloned().zip(k.items.iter().copied())),
        flagged: d
            .names
            .iter()
            .zip(&k.items)
            .filter(|(_, m)| **m < MSA_FLAG)
            .map(|(n, _)| n.clone())
            .collect(),
    };
    let eigenvalues = eigen::eigenvalues_desc(&r);
    let parallel = eigen::parallel_analysis(n, p, opts.seed, &eigenvalues);
    let kmax = opts
        .factors
        .unwrap_or_else(|| default_factors(k_model, parallel.suggested));
    let df = efa::efa_df(p, kmax);
    if df < 0 || kmax == 0 {
        return Err(ExploreError::TooManyFactors {
            factors: kmax,
            items: p,
            df,
        });
    }
    let gm =
        GroupMoments::from_data(d.data.clone(), &d.names).map_err(|_| ExploreError::Singular {
            groups: vec![d.names.clone()],
        })?;
    let mut fit = Vec::with_capacity(kmax);
    let mut last = None;
    for nf in 1..=kmax {
        let ml = efa::fit_ml(&r, &r_inv, nf);
        if !ml.converged {
            return Err(ExploreError::EfaNotConverged { factors: nf });
        }
        fit.push(efa_fit(&gm, &ml, nf));
        last = Some(ml);
    }
    let ml = last.expect("kmax ≥ 1");
    let geo = rotation::rotate(&ml.loadings, Rotation::Geomin).ok_or(
        ExploreError::RotationNotConverged {
            rotation: "geomin".into(),
            factors: kmax,
        },
    )?;
    let chosen = if opts.rotation == Rotation::Geomin {
        geo.clone()
    } else {
        rotation::rotate(&ml.loadings, opts.rotation).ok_or(ExploreError::RotationNotConverged {
            rotation: opts.rotation.name().into(),
            factors: kmax,
        })?
    };
    let geomin_loadings = LoadingMatrix {
        items: d.names.clone(),
        matrix: rows(&geo.loadings),
    };
    let rotated = solution(&d.names, &chosen, opts.rotation, &ml.uniquenesses);
    Ok(Exploration {
        items: d.names.clone(),
        nobs: n,
        rows_read: d.rows_read,
        dropped_rows: d.dropped_rows.clone(),
        kmo: kmo_report,
        bartlett: kmo::bartlett(logdet, n, p),
        kaiser_count: eigenvalues.iter().filter(|v| **v > 1.0).count(),
        eigenvalues,
        parallel,
        efa: EfaReport {
            fit,
            geomin_loadings,
            rotated,
        },
    })
}

fn rows(m: &DMatrix<f64>) -> Vec<Vec<f64>> {
    (0..m.nrows())
        .map(|i| m.row(i).iter().copied().collect())
        .collect()
}

/// The fit measures of a k-factor ML solution: the implied correlation
/// ΛΛ′ + Ψ put on the data's covariance scale, handed to the one place that
/// computes fit measures (no mean structure, as lavaan's `efa()`).
fn efa_fit(gm: &GroupMoments, ml: &efa::MlFactors, nf: usize) -> EfaFit {
    let p = gm.cov.nrows();
    let sd: Vec<f64> = (0..p).map(|i| gm.cov[(i, i)].sqrt()).collect();
    let l = &ml.loadings;
    let sigma = DMatrix::from_fn(p, p, |i, j| {
        let c: f64 = l.row(i).dot(&l.row(j));
        let c = if i == j { c + ml.uniquenesses[i] } else { c };
        c * sd[i] * sd[j]
    });
    let implied = Implied {
        e: DMatrix::identity(p, p),
        sigma_v: sigma.clone(),
        mu_v: gm.mean.clone().unwrap_or_else(|| DVector::zeros(p)),
        sigma,
        mu: gm.mean.clone().unwrap_or_else(|| DVector::zeros(p)),
    };
    let df = efa::efa_df(p, nf);
    let fm = fit_measures(&FitInput {
        groups: std::slice::from_ref(gm),
        implied: std::slice::from_ref(&implied),
        meanstructure: false,
        x_idx: &[],
        fmin: ml.f / 2.0,
        df,
        npar: efa::efa_npar(p, nf),
    });
    let get = |k: &str| fm.get(k).copied().flatten();
    EfaFit {
        nfactors: nf,
        chisq: get("chisq").unwrap_or(f64::NAN),
        df: df as f64,
        pvalue: get("pvalue"),
        cfi: get("cfi"),
        tli: get("tli"),
        rmsea: get("rmsea"),
        srmr: get("srmr"),
        aic: get("aic"),
        bic: get("bic"),
    }
}

/// Rows of the rotated solution with flags, sorted by main factor.
fn solution(
    names: &[String],
    r: &rotation::Rotated,
    method: Rotation,
    uniquenesses: &[f64],
) -> RotatedSolution {
    let (p, m) = r.loadings.shape();
    let mut items: Vec<ItemLoadings> = (0..p)
        .map(|i| {
            let main = rotation::main_factor(&r.loadings, i);
            let loadings: Vec<f64> = r.loadings.row(i).iter().copied().collect();
            ItemLoadings {
                item: names[i].clone(),
                main_factor: main,
                communality: 1.0 - uniquenesses[i],
                cross_loadings: (0..m)
                    .filter(|&j| j != main && loadings[j].abs() >= CROSS_LOADING)
                    .collect(),
                weak: loadings[main].abs() < WEAK_LOADING,
                heywood: uniquenesses[i] < HEYWOOD_UNIQUENESS,
                loadings,
            }
        })
        .collect();
    crate::sorting::sort_by(&mut items, |a, b| {
        a.main_factor.cmp(&b.main_factor).then(
            b.loadings[b.main_factor]
                .abs()
                .total_cmp(&a.loadings[a.main_factor].abs()),
        )
    });
    RotatedSolution {
        nfactors: m,
        rotation: method,
        converged: r.converged,
        items,
        phi: rows(&r.phi),
    }
}
