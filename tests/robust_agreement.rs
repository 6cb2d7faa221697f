//! Robust ML agrees with lavaan 0.6.14 on the reference cases in
//! `tests/fixtures/lavaan-advanced/`: MLR (Huber–White SEs from the observed
//! information, Yuan–Bentler scaled χ², Mplus variant) and MLM
//! (Satorra–Bentler). Every key of lavaan's `fitMeasures()` is compared,
//! including `chisq.scaled`, `chisq.scaling.factor`, `*.scaled` and
//! `*.robust` CFI/TLI/RMSEA (with CIs), with the tolerances of
//! `common::compare_all`.

mod common;

#[test]
fn holzinger_swineford_mlr() {
    common::agree("lavaan-advanced", "hs1939_mlr");
}

#[test]
fn holzinger_swineford_mlm() {
    common::agree("lavaan-advanced", "hs1939_mlm");
}
