//! The tables' numbers (`semlab::format::num`, `pval`) are written without
//! the standard library's float formatting, for speed: they must be the
//! very text `format!("{v:.3}")` gives, for every finite number — ties
//! (0.0625 → 0.062, 2.0625 → 2.062), the neighbours of ties, tiny, subnormal,
//! huge and negative numbers, and random bit patterns.

use semlab::format::{num, pval};

/// What `num` wrote before: the standard library's text, `-0.000` as `0.000`.
fn reference_num(v: f64) -> String {
    let s = format!("{v:.3}");
    if s == "-0.000" {
        "0.000".into()
    } else {
        s
    }
}

fn reference_pval(v: f64) -> String {
    if v < 0.001 {
        "< .001".into()
    } else {
        let s = format!("{v:.3}");
        s.strip_prefix('0').map(str::to_string).unwrap_or(s)
    }
}

fn check(v: f64) {
    assert_eq!(
        num(Some(v)),
        reference_num(v),
        "num({v:e}) [{:#x}]",
        v.to_bits()
    );
    assert_eq!(pval(Some(v)), reference_pval(v), "pval({v:e})");
}

#[test]
fn three_decimals_are_the_standard_librarys_text() {
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.0005,
        0.0015,
        0.0625,
        2.0625,
        0.1875,
        -0.0625,
        0.9995,
        f64::from_bits(0.9995f64.to_bits() - 1),
        999.9995,
        1e-300,
        f64::MIN_POSITIVE,
        5e-324,
        -5e-324,
        0.123456,
        12.3456,
        std::f64::consts::PI,
        123.456789,
        8.796093022208e12,
        8.796093022207e12,
        9.1e12,
        1e15,
        -1e20,
        1.7e308,
        f64::MAX,
        f64::MIN,
    ];
    // every exact tie k/2^n at three decimals (the last digit's half) and
    // its neighbours
    for k in 0..20_000u32 {
        let tie = (f64::from(k) + 0.5) / 1000.0;
        for v in [
            tie,
            f64::from_bits(tie.to_bits() + 1),
            f64::from_bits(tie.to_bits() - 1),
        ] {
            values.push(v);
            values.push(-v);
        }
    }
    for k in 0..4096u32 {
        let v = f64::from(k) / 4096.0 + 7.0;
        values.push(v);
    }
    // random bit patterns over every exponent, and random numbers of the
    // sizes tables show
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let v = f64::from_bits(x);
        if v.is_finite() {
            values.push(v);
        }
        values.push((x >> 11) as f64 / (1u64 << 53) as f64 * 200.0 - 100.0);
        values.push((x >> 40) as f64 * 1e-3);
    }
    for v in values {
        check(v);
    }
}

#[test]
fn missing_and_non_finite_numbers_are_a_dash() {
    for v in [
        None,
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(f64::NEG_INFINITY),
    ] {
        assert_eq!(num(v), "—");
        assert_eq!(pval(v), "—");
    }
}
