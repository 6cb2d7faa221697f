//! Small dense linear algebra the estimator calls in its inner loops:
//! symmetric positive-definite inverse with log-determinant (Cholesky), on
//! plain column-major storage — faster than the generic routines for the
//! 5–60 variable matrices of survey models; and the orthogonal complement
//! of a column space (null spaces of constraints, the constraints between
//! nested models) by a Householder QR as R's `qr()`.

use nalgebra::{DMatrix, DVector};

/// Cholesky factor L (lower triangular) of a symmetric positive-definite
/// matrix, stored by rows (L_ik at `i * n + k`) so that every inner
/// product of the factorization runs over contiguous memory; None if not
/// positive definite.
fn cholesky(a: &DMatrix<f64>) -> Option<Vec<f64>> {
    let n = a.nrows();
    let mut l = vec![0.0; n * n];
    // 1 / L_kk: a multiplication in the inner loop instead of a division
    let mut inv_diag = vec![0.0; n];
    for j in 0..n {
        let (done, rest) = l.split_at_mut(j * n);
        let row_j = &mut rest[..n];
        // L_jk for k < j, then the diagonal
        for k in 0..j {
            let row_k = &done[k * n..k * n + k];
            let s = a[(j, k)] - dot(&row_j[..k], row_k);
            row_j[k] = s * inv_diag[k];
        }
        let d = a[(j, j)] - dot(&row_j[..j], &row_j[..j]);
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        row_j[j] = d.sqrt();
        inv_diag[j] = 1.0 / row_j[j];
    }
    Some(l)
}

/// Σ_k x_k y_k over two slices of the same length, in four running sums
/// (one sum would make every addition wait for the one before it).
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (xc, yc) = (x.chunks_exact(4), y.chunks_exact(4));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (a, b) in xc.zip(yc) {
        for t in 0..4 {
            acc[t] += a[t] * b[t];
        }
    }
    let tail: f64 = xr.iter().zip(yr).map(|(a, b)| a * b).sum();
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Inverse and log-determinant of a symmetric positive-definite matrix,
/// or None when it is not positive definite (Cholesky fails).
pub fn spd_inverse_logdet(a: &DMatrix<f64>) -> Option<(DMatrix<f64>, f64)> {
    let n = a.nrows();
    let l = cholesky(a)?;
    let logdet = 2.0 * (0..n).map(|j| l[j * n + j].ln()).sum::<f64>();
    // M = L⁻¹ (lower triangular), column-major
    let mut m = vec![0.0; n * n];
    for j in 0..n {
        m[j * n + j] = 1.0 / l[j * n + j];
        for i in j + 1..n {
            let mut s = 0.0;
            for k in j..i {
                s -= l[i * n + k] * m[j * n + k];
            }
            m[j * n + i] = s / l[i * n + i];
        }
    }
    // A⁻¹ = M′M: (A⁻¹)_ij = Σ_{k ≥ max(i,j)} M_ki M_kj
    let mut inv = DMatrix::zeros(n, n);
    for j in 0..n {
        for i in j..n {
            let mut s = 0.0;
            for k in i..n {
                s += m[i * n + k] * m[j * n + k];
            }
            inv[(i, j)] = s;
            inv[(j, i)] = s;
        }
    }
    Some((inv, logdet))
}

/// Solves A x = b for symmetric positive-definite A; None if A is not PD.
pub fn spd_solve(a: &DMatrix<f64>, b: &DVector<f64>) -> Option<DVector<f64>> {
    let n = a.nrows();
    let l = cholesky(a)?;
    // L y = b, then L′ x = y
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * n + k] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    let mut x = DVector::zeros(n);
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= l[k * n + i] * x[k];
        }
        x[i] = s / l[i * n + i];
    }
    Some(x)
}

/// log-determinant of a symmetric positive-definite matrix, None if not PD.
pub fn spd_logdet(a: &DMatrix<f64>) -> Option<f64> {
    let n = a.nrows();
    let l = cholesky(a)?;
    Some(2.0 * (0..n).map(|j| l[j * n + j].ln()).sum::<f64>())
}

/// R's `qr()` tolerance (LINPACK `dqrdc2`): a column whose norm, after the
/// columns before it are taken out, is below this fraction of its own norm
/// counts as linearly dependent on them.
pub const QR_TOL: f64 = 1e-7;

/// The rank of `a` (n × p) and an orthonormal basis (n × (n − rank)) of the
/// orthogonal complement of its column space: lavaan's
/// `lav_matrix_orthogonal_complement()` (`R/lav_matrix.R`: `Q <- qr.Q(qr(A),
/// complete = TRUE); Q[, -seq_len(qr(A)$rank)]`), which lavaan uses for the
/// null space of equality constraints (`lav_constraints_parse`) and for the
/// constraints between two nested models (`lav_test_diff_A`). A Householder
/// QR with LINPACK `dqrdc2`'s limited pivoting (dependent columns move to
/// the end, [`QR_TOL`]); the complement is the last n − rank columns of the
/// complete Q. (Completing a thin SVD through the SVD of the projector
/// I − UU′ is not accurate with nalgebra: a projector of rank 1 on 49
/// coordinates gave a vector 0.03 off the complement.)
pub fn orthogonal_complement(a: &DMatrix<f64>) -> (usize, DMatrix<f64>) {
    let (n, p) = a.shape();
    let mut x = a.clone();
    let mut cols: Vec<usize> = (0..p).collect();
    let norm = |x: &DMatrix<f64>, from: usize, j: usize| x.view((from, j), (n - from, 1)).norm();
    let orig: Vec<f64> = (0..p).map(|j| norm(&x, 0, j)).collect();
    let mut reflectors: Vec<DVector<f64>> = Vec::new();
    // `k`: the columns from k on are the dependent ones moved to the end
    let mut k = p;
    let mut l = 0;
    while l < k.min(n) {
        let j = cols[l];
        let nrm = norm(&x, l, j);
        if orig[j] == 0.0 || nrm < orig[j] * QR_TOL {
            cols.remove(l);
            cols.push(j);
            k -= 1;
            continue;
        }
        // H = I − 2vv′/(v′v) with v = x + sign(x₁)‖x‖e₁ maps the column's
        // rest onto e₁
        let mut v = DVector::zeros(n);
        v.rows_mut(l, n - l).copy_from(&x.view((l, j), (n - l, 1)));
        v[l] += if v[l] < 0.0 { -nrm } else { nrm };
        let vv = v.norm_squared();
        for &c in &cols[l..] {
            let t = 2.0 * v.dot(&x.column(c)) / vv;
            x.column_mut(c).axpy(-t, &v, 1.0);
        }
        reflectors.push(v);
        l += 1;
    }
    let rank = reflectors.len();
    // Q eⱼ = H₁ ⋯ H_rank eⱼ for the columns beyond the rank
    let mut q = DMatrix::zeros(n, n - rank);
    for c in 0..n - rank {
        let mut e = DVector::zeros(n);
        e[rank + c] = 1.0;
        for v in reflectors.iter().rev() {
            let t = 2.0 * v.dot(&e) / v.norm_squared();
            e.axpy(-t, v, 1.0);
        }
        q.set_column(c, &e);
    }
    (rank, q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_of_a_known_matrix() {
        let a = DMatrix::from_row_slice(3, 3, &[4.0, 2.0, 0.6, 2.0, 2.0, 0.5, 0.6, 0.5, 3.0]);
        let (inv, ld) = spd_inverse_logdet(&a).unwrap();
        let id = &a * &inv;
        assert!((id - DMatrix::identity(3, 3)).amax() < 1e-14);
        assert!((ld - a.determinant().ln()).abs() < 1e-13);
        assert!(
            spd_inverse_logdet(&DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 1.0])).is_none()
        );
        let b = DVector::from_vec(vec![1.0, -2.0, 0.5]);
        let x = spd_solve(&a, &b).unwrap();
        assert!((&a * x - b).amax() < 1e-14);
    }

    // the complement of a column space: orthonormal, orthogonal to every
    // column, and of the dimension the rank leaves, also when a column
    // depends on the others
    #[test]
    fn orthogonal_complement_of_a_column_space() {
        let a = DMatrix::from_fn(7, 4, |i, j| {
            ((i * 3 + j * 5) % 7) as f64 - 2.5 + 0.1 * j as f64
        });
        let mut dep = a.clone().insert_column(2, 0.0);
        let mix = a.column(0) * 2.0 - a.column(3);
        dep.set_column(2, &mix);
        for (m, rank) in [(a, 4), (dep, 4)] {
            let (r, c) = orthogonal_complement(&m);
            assert_eq!((r, c.ncols()), (rank, 7 - rank));
            assert!((c.transpose() * &c - DMatrix::identity(7 - rank, 7 - rank)).amax() < 1e-14);
            assert!((c.transpose() * &m).amax() < 1e-13);
        }
        // the case nalgebra's SVD got wrong: one direction left of 49
        let u = DMatrix::from_fn(49, 48, |i, j| {
            ((i * 7 + j * 13) % 17) as f64 + if i == j { 30.0 } else { 0.0 }
        });
        let (r, c) = orthogonal_complement(&u);
        assert_eq!((r, c.ncols()), (48, 1));
        assert!((c.transpose() * &u).amax() < 1e-12);
        let (r, c) = orthogonal_complement(&DMatrix::zeros(3, 2));
        assert_eq!((r, c), (0, DMatrix::identity(3, 3)));
    }
}
