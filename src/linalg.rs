//! Small dense linear algebra the estimator calls in its inner loops:
//! symmetric positive-definite inverse with log-determinant (Cholesky), on
//! plain column-major storage — faster than the generic routines for the
//! 5–60 variable matrices of survey models.

use nalgebra::{DMatrix, DVector};

/// Cholesky factor L (lower, column-major n×n in a Vec) of a symmetric
/// positive-definite matrix; None if not positive definite.
fn cholesky(a: &DMatrix<f64>) -> Option<Vec<f64>> {
    let n = a.nrows();
    let mut l = vec![0.0; n * n];
    for j in 0..n {
        let mut d = a[(j, j)];
        for k in 0..j {
            d -= l[k * n + j] * l[k * n + j];
        }
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        let d = d.sqrt();
        l[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[(i, j)];
            for k in 0..j {
                s -= l[k * n + i] * l[k * n + j];
            }
            l[j * n + i] = s / d;
        }
    }
    Some(l)
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
                s -= l[k * n + i] * m[j * n + k];
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
            s -= l[k * n + i] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    let mut x = DVector::zeros(n);
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= l[i * n + k] * x[k];
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
}
