//! Sorting, in one place: a slice in, the same slice in order out.
//!
//! Every call of the standard library's sort with a comparison of its own
//! (and every element type) is compiled into a copy of the whole sort (2–9
//! KB of wasm each; the worker held 22 of them, the page 13). So the
//! engine and the page sort through this module: plain numbers —
//! bootstrap draws, distinct values of a column, eigenvalues, roots —
//! through [`ascending`] and [`descending`], one copy of the sort for
//! `f64` (the hot ones: thousands of draws per interval); everything else
//! (rows of tables, names, positions) through [`sort_by`] and
//! [`sort_by_key`], which sort the positions `0..n` with one copy of the
//! sort code for all element types and comparisons, then move the elements
//! into that order. Both are stable, as `slice::sort_by` is, and give the
//! order it gives (docs/dependencies.md, wasm size).
//!
//! A `BTreeMap` or `BTreeSet` made by `collect()` sorts its items first,
//! with a copy of the sort for each place that collects: [`map_of`] and
//! [`set_of`] make them by insertion instead.
//!
//! The order of numbers is `f64::total_cmp`'s: for finite numbers the
//! usual one (−0 before +0), NaN last.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

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

/// Sorts `v` stably by `compare`: the order `v.sort_by(compare)` gives,
/// with the one shared copy of the sort code (module doc).
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let items: &[T] = v;
    let order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    let mut order = order;
    permute(&mut order, &mut |i, j| v.swap(i, j));
}

/// Sorts `v` stably by `key`: the order `v.sort_by_key(key)` gives.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its own order (`v.sort()`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The map of `pairs` (of equal keys the last pair's value), as
/// `pairs.collect()` makes it, by insertion (module doc).
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// The set of `items`, as `items.collect()` makes it, by insertion.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for x in items {
        set.insert(x);
    }
    set
}

/// The positions `0..n` in the stable order of `compare` (of two
/// positions): the one instance of the standard sort behind [`sort_by`].
#[inline(never)]
fn stable_order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the element at position `order[i]` at `i`, for every `i`, by
/// swaps along the permutation's cycles (`order` is used up as the marks).
#[inline(never)]
fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        // along the cycle start → order[start] → … → start, each swap
        // brings position j its element; the last one is already there
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
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

    #[test]
    fn shared_sort_gives_the_standard_stable_order() {
        // pairs with many equal keys: the order among equals is the input's
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 3, 10, 33, 200] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std_order = v.clone();
            std_order.sort_by_key(|p| p.0);
            assert_eq!(ours, std_order, "n = {n}");
            let mut down = v.clone();
            sort_by(&mut down, |a, b| b.0.cmp(&a.0));
            let mut std_down = v;
            std_down.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(down, std_down, "n = {n}");
        }
        let mut names = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort(&mut names);
        assert_eq!(names, ["a", "a", "b", "c"]);
    }

    #[test]
    fn maps_and_sets_by_insertion_are_those_collect_makes() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4)];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        let items = [5u32, 1, 5, 3, 1];
        assert_eq!(set_of(items), items.into_iter().collect::<BTreeSet<_>>());
    }
}
