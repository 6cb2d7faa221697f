//! Robust ML agrees with lavaan 0.6.14 on the reference cases in
//! `tests/fixtures/lavaan-advanced/`: MLR (Huber–White SEs from the observed
//! information, Yuan–Bentler scaled χ², Mplus variant) and MLM
//! (Satorra–Bentler). Every key of lavaan's `fitMeasures()` is compared,
//! including `chisq.scaled`, `chisq.scaling.factor`, `*.scaled` and
//! `*.robust` CFI/TLI/RMSEA (with CIs), with the tolerances of
//! `common::compare_all`.

mod common;

fn agree(name: &str) {
    let case = common::load("lavaan-advanced", name);
    let a = case.run();
    common::compare_all(&case, &a);
}

#[test]
fn holzinger_swineford_mlr() {
    agree("hs1939_mlr");
}

#[test]
fn holzinger_swineford_mlm() {
    agree("hs1939_mlm");
}
