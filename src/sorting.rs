//! Sorting numbers, in one place: a slice of f64 in, the same slice in
//! order out.
//!
//! Every call of the standard library's sort with a comparison of its own
//! is compiled into a copy of the whole sort (a few KB of wasm each). The
//! engine sorts its plain numbers — bootstrap draws, distinct values of a
//! column, eigenvalues, roots — through these two functions, so that the
//! browser's worker holds one copy of the sort for them (the .wasm budget,
//! docs/dependencies.md). The order is `f64::total_cmp`'s: for finite
//! numbers the usual one (−0 before +0), NaN last.

/// Sorts `v` from smallest to largest.
pub fn ascending(v: &mut [f64]) {
    v.sort_by(f64::total_cmp);
}

/// Sorts `v` from largest to smallest.
pub fn descending(v: &mut [f64]) {
    // equal numbers are interchangeable, so this is the descending sort
    ascending(v);
    v.reverse();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_either_order() {
        let mut v = vec![3.0, -1.0, 2.5, 0.0, -0.0, 2.5, f64::INFINITY];
        ascending(&mut v);
        assert_eq!(v, [-1.0, -0.0, 0.0, 2.5, 2.5, 3.0, f64::INFINITY]);
        assert!(v[1].is_sign_negative() && v[2].is_sign_positive());
        descending(&mut v);
        assert_eq!(v, [f64::INFINITY, 3.0, 2.5, 2.5, 0.0, -0.0, -1.0]);
    }
}
