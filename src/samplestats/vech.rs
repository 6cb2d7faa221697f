//! Sample statistics as vectors: lavaan's `vech` order of a covariance
//! matrix's elements, which of them survive `fixed.x`, and the indices of the
//! fixed exogenous covariates. In: the number of variables (or the parameter
//! table); out: index lists every stage uses to lay out (μ, vech Σ).

use crate::partable::ParTable;

/// lavaan's `vech` order: column-wise lower triangle, (row i, column j), i ≥ j.
pub fn vech_pairs(p: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(p * (p + 1) / 2);
    for j in 0..p {
        for i in j..p {
            out.push((i, j));
        }
    }
    out
}

/// Which sample statistics survive fixed.x (lavaan's `eliminate.pstar.idx`):
/// means of non-x variables and (co)variances not inside the x block.
pub fn kept(p: usize, meanstructure: bool, x_idx: &[usize]) -> Vec<bool> {
    let is_x = |i: usize| x_idx.contains(&i);
    let mut k = Vec::new();
    if meanstructure {
        k.extend((0..p).map(|i| !is_x(i)));
    }
    k.extend(
        vech_pairs(p)
            .into_iter()
            .map(|(i, j)| !(is_x(i) && is_x(j))),
    );
    k
}

/// Exogenous (fixed.x) covariates as indices into the observed variables;
/// empty unless the model actually treats them as fixed.
pub fn fixed_x_indices(pt: &ParTable) -> Vec<usize> {
    if !pt.params.iter().any(|p| p.exo) {
        return Vec::new();
    }
    pt.vars
        .ov_x
        .iter()
        .filter_map(|x| pt.vars.ov.iter().position(|o| o == x))
        .collect()
}
