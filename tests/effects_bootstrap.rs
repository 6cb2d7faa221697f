//! Bootstrap intervals of the effects. lavaan's `se = "bootstrap"` draws
//! with R's generator, which cannot be reproduced, so the bias-corrected
//! interval is checked against its formula applied to our own draws
//! (lavaan `R/lav_object_methods.R`, `boot.ci.type = "bca.simple"`:
//! z₀ = Φ⁻¹(#{t* < t̂}/B), limits at the quantiles Φ(2z₀ ± 1.96) by boot's
//! `norm.inter`), and the analysis' own bootstrap must give the same numbers.

use semlab::analysis::{self, DataInput, Options};
use semlab::bootstrap::{norm_inter, BootstrapOptions, CiType};
use semlab::data::{read_table, ReadOptions};
use semlab::distributions::{pnorm, qnorm};
use semlab::effects::{self, MediationKind};
use std::path::PathBuf;

fn poldem() -> semlab::data::DataTable {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/effects/poldem_effects/poldem_sem.csv");
    read_table(&std::fs::read(file).unwrap(), &ReadOptions::default()).unwrap()
}

fn model() -> String {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/effects/poldem_effects/model.lav");
    std::fs::read_to_string(file).unwrap()
}

fn options(ci_type: CiType) -> Options {
    Options {
        bootstrap: Some(BootstrapOptions {
            draws: 300,
            seed: 2014,
            ci_type,
            level: 0.95,
        }),
        ..Options::default()
    }
}

#[test]
fn bias_corrected_interval_of_ind60_dem60_dem65_is_its_formula_on_the_draws() {
    let table = poldem();
    let data = DataInput::Table(&table);
    let (a, state) =
        analysis::run_deferred(&data, &model(), &options(CiType::BiasCorrected)).unwrap();
    let mut state = state.unwrap();
    state.run(&mut |_, _| true);
    let pt = state.partable().clone();
    let boot = state.finish();
    let structure = effects::enumerate(&pt).unwrap();
    let mut fx = a.effects.unwrap();
    effects::add_bootstrap(&mut fx, &structure, &boot);

    // the one specific effect, ind60 → dem60 → dem65, on every draw
    assert_eq!(structure.chains.len(), 1);
    let rows = &structure.chains[0].rows;
    let mut t: Vec<f64> = (0..boot.values.nrows())
        .map(|i| rows.iter().map(|&r| boot.values[(i, r)]).product())
        .collect();
    assert!(t.len() > 290, "most draws succeed: {}", t.len());
    let e = &fx.specific[0].effect;
    let est = e.est;
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let below = t.iter().filter(|x| **x < est).count() as f64;
    let z0 = qnorm(below / t.len() as f64);
    let z = qnorm(0.975);
    let bc = (
        norm_inter(&t, pnorm(2.0 * z0 - z)),
        norm_inter(&t, pnorm(2.0 * z0 + z)),
    );
    let perc = (norm_inter(&t, 0.025), norm_inter(&t, 0.975));
    // the same formula; the product of the chain's draws may be taken in
    // another order (last-bit differences)
    let close = |a: (f64, f64), b: (f64, f64)| {
        assert!(
            (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12,
            "{a:?} vs {b:?}"
        )
    };
    close(e.boot_bc.unwrap(), bc);
    close(e.boot_perc.unwrap(), perc);
    // bootstrap SE: the SD of the draws with divisor B − 1
    let mean = t.iter().sum::<f64>() / t.len() as f64;
    let sd = (t.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (t.len() as f64 - 1.0)).sqrt();
    assert!((e.boot_se.unwrap() - sd).abs() < 1e-12);
    // and the bootstrap SE is near the delta-method SE (within 25%)
    assert!(
        (sd / e.se.unwrap() - 1.0).abs() < 0.25,
        "{sd} vs {:?}",
        e.se
    );

    // the total indirect effect of the pair is the same chain
    let tot = &fx.totals[0];
    assert_eq!(tot.indirect.boot_bc, e.boot_bc);
    // its verdict rests on the bias-corrected interval: ind60's effect on
    // dem65 runs through dem60 (CI above 0) and directly (Bollen's c' = 0.57, p = .01)
    let m = tot.mediation.unwrap();
    assert!(bc.0 > 0.0, "{bc:?}");
    assert!(matches!(
        m.basis,
        effects::Basis::Bootstrap {
            ci: CiType::BiasCorrected,
            ..
        }
    ));
    let direct_sig = tot
        .direct
        .boot_bc
        .map(|(lo, hi)| lo > 0.0 || hi < 0.0)
        .unwrap();
    let expected = if direct_sig {
        MediationKind::Partial
    } else {
        MediationKind::Full
    };
    assert_eq!(m.kind, expected);

    // the analysis' own bootstrap gives the same numbers
    let whole = analysis::run(&data, &model(), &options(CiType::BiasCorrected)).unwrap();
    assert_eq!(whole.effects.unwrap(), fx);
}

/// lavaan 0.6.14 with `se = "bootstrap"`, B = 2000
/// (`tests/fixtures/effects/poldem_bootstrap`, made by its `make.R`) and
/// semlab with B = 2000 draw different resamples, so their limits agree to
/// Monte Carlo accuracy only. The accuracy comes from the order statistics
/// of our own draws: a limit at probability q is near the (Bq)-th draw,
/// whose rank varies by √(Bq(1 − q)) between runs; lavaan's limit must lie
/// between our draws of rank Bq ± 4.25·√(Bq(1 − q)) (3 SDs of the
/// difference of two independent runs, √2·3 ≈ 4.25), with q the limit's
/// own probability (0.025 and 0.975, or the bias-corrected ones).
#[test]
fn intervals_agree_with_lavaan_to_monte_carlo_accuracy() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/effects/poldem_bootstrap");
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("bootstrap.json")).unwrap())
            .unwrap();
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    let table = poldem();
    let opts = Options {
        bootstrap: Some(BootstrapOptions {
            draws: 2000,
            seed: 2014,
            ci_type: CiType::BiasCorrected,
            level: 0.95,
        }),
        ..Options::default()
    };
    let data = DataInput::Table(&table);
    let (a, state) = analysis::run_deferred(&data, &model, &opts).unwrap();
    let mut state = state.unwrap();
    state.run(&mut |_, _| true);
    let pt = state.partable().clone();
    let boot = state.finish();
    let structure = effects::enumerate(&pt).unwrap();
    let mut fx = a.effects.unwrap();
    effects::add_bootstrap(&mut fx, &structure, &boot);
    let e = &fx.specific[0].effect;
    let rows = &structure.chains[0].rows;
    let mut t: Vec<f64> = (0..boot.values.nrows())
        .map(|i| rows.iter().map(|&r| boot.values[(i, r)]).product())
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let b = t.len() as f64;

    let se = reference["boot_se"].as_f64().unwrap();
    assert!((e.est - reference["est"].as_f64().unwrap()).abs() < 1e-4);
    assert!(
        (e.boot_se.unwrap() / se - 1.0).abs() < 0.15,
        "{:?} vs {se}",
        e.boot_se
    );
    let pair = |k: &str| {
        let v = reference[k].as_array().unwrap();
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    };
    let z0 = qnorm(t.iter().filter(|x| **x < e.est).count() as f64 / b);
    let z = qnorm(0.975);
    let within = |theirs: f64, q: f64| {
        let k = b * q;
        let d = 4.25 * (b * q * (1.0 - q)).sqrt();
        let lo = t[((k - d).floor().max(1.0) as usize) - 1];
        let hi = t[((k + d).ceil() as usize).min(t.len()) - 1];
        assert!(
            lo <= theirs && theirs <= hi,
            "lavaan's limit {theirs} outside our draws' band [{lo}, {hi}] at q = {q}"
        );
    };
    let (bc, perc) = (pair("bc"), pair("perc"));
    within(perc.0, 0.025);
    within(perc.1, 0.975);
    within(bc.0, pnorm(2.0 * z0 - z));
    within(bc.1, pnorm(2.0 * z0 + z));

    // the user's `ind := p1*p3` gets the same bias-corrected interval
    let whole = analysis::run(&data, &model, &opts).unwrap();
    let def = whole.parameters.iter().find(|p| p.lhs == "ind").unwrap();
    assert_eq!(
        (def.boot_ci_lower.unwrap(), def.boot_ci_upper.unwrap()),
        e.boot_bc.unwrap()
    );
}
