//! Monte Carlo power of chosen paths ([`semlab::power::monte_carlo`]):
//! reproducible for a seed and the same however the replications are split
//! into ranges; a null path is significant in about α of the replications
//! and a large effect in nearly all; the power of a regression coefficient
//! in an observed-variable regression agrees with the analytic power of its
//! Wald test, P(χ²₁(λ) > χ²₁,₁₋α) with λ = (β/SE)² and SE = σ_e/(σ_x √N)
//! (lavaan's ML standard error at the population values), within 3 Monte
//! Carlo SEs; the population of a fitted model reproduces its estimates;
//! bad requests are refused with typed errors.

use semlab::analysis::{DataInput, Estimator, Options};
use semlab::distributions::{pchisq_nc_upper, qchisq};
use semlab::power::monte_carlo::{
    fitted_population, monte_carlo, typed_population, Analyzed, MonteCarlo, MonteCarloError,
    MonteCarloSpec, Source, Tally,
};

fn spec(population: &str, n: usize, reps: usize, seed: u64) -> MonteCarloSpec {
    MonteCarloSpec {
        population: typed_population(population).unwrap(),
        source: Source::Typed,
        analyzed: Analyzed::FreedPopulation(population.into()),
        options: Options::default(),
        paths: Vec::new(),
        n,
        reps,
        seed,
        alpha: 0.05,
    }
}

/// A mediation model with latent variables: x → m → y, a direct path and
/// an indirect effect named as a hypothesis.
const MEDIATION: &str = "
X =~ 0.8*x1 + 0.7*x2 + 0.6*x3
M =~ 0.8*m1 + 0.7*m2 + 0.6*m3
Y =~ 0.8*y1 + 0.7*y2 + 0.6*y3
M ~ a*X
Y ~ b*M + c*X
M ~ 0.3*X
Y ~ 0.25*M + 0.1*X
H1 := a*b
";

#[test]
fn seeded_and_the_same_however_split() {
    let s = spec(MEDIATION, 150, 60, 7);
    let mc = MonteCarlo::new(&s).unwrap();
    let whole = mc.run(0..60, &mut |_| true);
    let mut parts = mc.run(30..60, &mut |_| true);
    parts.merge(&mc.run(0..13, &mut |_| true));
    parts.merge(&mc.run(13..30, &mut |_| true));
    assert_eq!(whole, parts);
    assert_eq!(whole.completed, 60);
    // the same seed again, and another seed differs
    let again = monte_carlo(&s, &mut |_, _| true).unwrap();
    assert_eq!(again, mc.answer(&whole).unwrap());
    let other = monte_carlo(
        &MonteCarloSpec {
            seed: 8,
            ..s.clone()
        },
        &mut |_, _| true,
    )
    .unwrap();
    assert_ne!(
        other.paths.iter().map(|p| p.power).collect::<Vec<_>>(),
        again.paths.iter().map(|p| p.power).collect::<Vec<_>>()
    );
    // the paths: every regression, then the hypothesis-named `:=`
    let labels: Vec<&str> = again.paths.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["a", "b", "c", "H1"]);
    assert_eq!(again.paths[3].op, ":=");
}

#[test]
fn population_values_in_the_analysis_models_scale() {
    // the analysis model fixes the first loading to 1, so its factors are
    // scaled by 0.8: M ~ X stays .3 (both scaled alike), the indirect
    // effect is .3 × .25
    let s = spec(MEDIATION, 200, 1, 1);
    let a = monte_carlo(&s, &mut |_, _| true).unwrap();
    let pop: Vec<f64> = a.paths.iter().map(|p| p.population).collect();
    for (got, want) in pop.iter().zip([0.3, 0.25, 0.1, 0.075]) {
        assert!((got - want).abs() < 1e-6, "{pop:?}");
    }
    // a factor scaled differently from its predictor: Y ~ 0.3*X with X's
    // first loading .5 and Y's .8 is 0.3 × .8/.5 in the analysis scale
    let s = spec(
        "X =~ 0.5*x1 + 0.7*x2 + 0.6*x3\nY =~ 0.8*y1 + 0.7*y2 + 0.6*y3\nY ~ 0.3*X",
        200,
        1,
        1,
    );
    let a = monte_carlo(&s, &mut |_, _| true).unwrap();
    assert!((a.paths[0].population - 0.3 * 0.8 / 0.5).abs() < 1e-6);
}

/// Power of the Wald test of β in y = βx + e, Var(x) = Var(e) = 1, at N.
fn analytic_power(beta: f64, n: usize, alpha: f64) -> f64 {
    let se = 1.0 / (n as f64).sqrt();
    let lambda = (beta / se).powi(2);
    pchisq_nc_upper(qchisq(1.0 - alpha, 1.0), 1.0, lambda)
}

fn regression_power(model: &str, n: usize, reps: usize, estimator: Estimator) -> Vec<(f64, f64)> {
    let mut s = spec(model, n, reps, 2026);
    s.options.estimator = estimator;
    let a = monte_carlo(&s, &mut |_, _| true).unwrap();
    assert_eq!(a.reps_converged, reps);
    a.paths.iter().map(|p| (p.power, p.mc_se)).collect()
}

#[test]
fn a_regression_coefficient_has_its_analytic_power() {
    let (n, reps) = (100, 2000);
    let want = analytic_power(0.25, n, 0.05);
    assert!((want - 0.70).abs() < 0.02, "{want}");
    let got = regression_power("y ~ 0.25*x", n, reps, Estimator::Ml);
    let (p, se) = got[0];
    let mc_se = (want * (1.0 - want) / reps as f64).sqrt();
    assert!((se - mc_se).abs() < 0.002, "{se} vs {mc_se}");
    assert!(
        (p - want).abs() < 3.0 * mc_se,
        "power {p} vs analytic {want}"
    );
}

#[test]
fn a_null_path_is_significant_in_about_alpha_and_a_large_one_always() {
    let reps = 2000;
    let got = regression_power("y ~ 0*x1 + 0.5*x2", 200, reps, Estimator::Ml);
    let alpha_se = (0.05f64 * 0.95 / reps as f64).sqrt();
    assert!((got[0].0 - 0.05).abs() < 3.0 * alpha_se, "{got:?}");
    assert!(got[1].0 > 0.995, "{got:?}");
    // MLR's robust SEs too
    let mlr = regression_power("y ~ 0*x1 + 0.5*x2", 200, 1000, Estimator::Mlr);
    let alpha_se = (0.05f64 * 0.95 / 1000.0).sqrt();
    assert!((mlr[0].0 - 0.05).abs() < 3.0 * alpha_se, "{mlr:?}");
    assert!(mlr[1].0 > 0.99, "{mlr:?}");
}

#[test]
fn the_fitted_population_reproduces_the_estimates() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lavaan/livecommerce_sem"
    );
    let bytes = std::fs::read(format!("{dir}/livecommerce_sem.csv")).unwrap();
    let table = semlab::data::read_table(&bytes, &Default::default()).unwrap();
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    let opts = Options::default();
    let data = DataInput::Table(&table);
    let fit = semlab::analysis::run(&data, &model, &opts).unwrap();
    let (population, nobs) = fitted_population(&data, &model, &opts).unwrap();
    assert_eq!(nobs, fit.nobs);
    assert_eq!(population.names.len(), 21);
    let s = MonteCarloSpec {
        population,
        source: Source::Fitted,
        analyzed: Analyzed::Model(model.clone()),
        options: opts,
        paths: vec![
            "H2a".into(),
            "RelationshipDeepening ~ MediaInteraction".into(),
        ],
        n: 300,
        reps: 40,
        seed: 3,
        alpha: 0.05,
    };
    let a = monte_carlo(&s, &mut |_, _| true).unwrap();
    assert_eq!(a.paths[0].label, "H2a");
    assert_eq!(a.paths[1].label, "H5b");
    for p in &a.paths {
        let est = fit
            .parameters
            .iter()
            .find(|r| r.label == p.label)
            .unwrap()
            .est;
        assert!(
            (p.population - est).abs() < 1e-4,
            "{}: {} vs {est}",
            p.label,
            p.population
        );
        assert!((0.0..=1.0).contains(&p.power));
    }
    assert_eq!(a.reps_completed, 40);
    assert!(a.reps_converged >= 38);
}

/// A product term `x:w` is simulated as lavaan makes it from data: the
/// product of the simulated x and w, row by row, not a normal column of
/// its own; the interaction then has about the analytic power of its
/// coefficient (x and w independent N(0, 1), so Var(x·w) = 1), and the
/// draws stay seeded and split-invariant.
#[test]
fn a_product_term_is_simulated_as_the_product_of_its_factors() {
    let model = "y ~ 0.3*x + 0.2*w + 0.25*x:w";
    let s = spec(model, 100, 1000, 11);
    assert!(s.population.structural.is_some());
    let mc = MonteCarlo::new(&s).unwrap();
    let names = mc.names().to_vec();
    let at = |n: &str| names.iter().position(|x| x == n).unwrap();
    let (x, w, xw, y) = (at("x"), at("w"), at("x:w"), at("y"));
    for r in [0, 1, 999] {
        let d = mc.simulate(r);
        assert_eq!(d.nrows(), 100);
        for i in 0..d.nrows() {
            assert_eq!(
                d[(i, xw)],
                d[(i, x)] * d[(i, w)],
                "row {i} of replication {r}"
            );
        }
        // y is made from the product itself: its residual is normal with
        // variance 1, whatever the other variables do
        let e: Vec<f64> = (0..100)
            .map(|i| d[(i, y)] - 0.3 * d[(i, x)] - 0.2 * d[(i, w)] - 0.25 * d[(i, xw)])
            .collect();
        let var = e.iter().map(|v| v * v).sum::<f64>() / 100.0;
        assert!((var - 1.0).abs() < 0.4, "{var}");
    }
    assert_eq!(mc.simulate(5), mc.simulate(5));
    let whole = mc.run(0..1000, &mut |_| true);
    let mut parts = mc.run(500..1000, &mut |_| true);
    parts.merge(&mc.run(0..500, &mut |_| true));
    assert_eq!(whole, parts);
    let a = mc.answer(&whole).unwrap();
    let p = a.paths.iter().find(|p| p.rhs == "x:w").unwrap();
    assert!((p.population - 0.25).abs() < 1e-6, "{}", p.population);
    let want = analytic_power(0.25, 100, 0.05);
    let mc_se = (want * (1.0 - want) / 1000.0).sqrt();
    assert!(
        (p.power - want).abs() < 4.0 * mc_se,
        "{} vs {want}",
        p.power
    );
}

/// The population of a model with `x:w` fitted to data: the simulated x
/// and w have the data's means (a model without a mean structure leaves
/// them at 0, which would change x·w), and x:w is their product.
#[test]
fn a_fitted_population_with_a_product_term_keeps_the_factors_means() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/moderation/moderation_process7"
    );
    let bytes = std::fs::read(format!("{dir}/moderation_process7.csv")).unwrap();
    let table = semlab::data::read_table(&bytes, &Default::default()).unwrap();
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    let opts = Options::default();
    let data = DataInput::Table(&table);
    let (population, nobs) = fitted_population(&data, &model, &opts).unwrap();
    let s = MonteCarloSpec {
        population,
        source: Source::Fitted,
        analyzed: Analyzed::Model(model.clone()),
        options: opts,
        paths: vec!["a3".into(), "index_mod_med".into()],
        n: nobs,
        reps: 200,
        seed: 5,
        alpha: 0.05,
    };
    let mc = MonteCarlo::new(&s).unwrap();
    let names = mc.names().to_vec();
    let at = |n: &str| names.iter().position(|x| x == n).unwrap();
    let d = mc.simulate(0);
    let mean = |j: usize| d.column(j).sum() / d.nrows() as f64;
    let col = table.numeric(&["Trust", "Norms"]).unwrap();
    let data_mean =
        |j: usize| col.rows.iter().map(|r| r[j].unwrap()).sum::<f64>() / col.rows.len() as f64;
    for (name, j) in [("Trust", 0), ("Norms", 1)] {
        // within 5 standard errors of the data's mean (SD about 1)
        assert!(
            (mean(at(name)) - data_mean(j)).abs() < 5.0 / (nobs as f64).sqrt(),
            "{name}: {} vs {}",
            mean(at(name)),
            data_mean(j)
        );
    }
    for i in 0..d.nrows() {
        assert_eq!(
            d[(i, at("Trust:Norms"))],
            d[(i, at("Trust"))] * d[(i, at("Norms"))]
        );
    }
    let a = monte_carlo(&s, &mut |_, _| true).unwrap();
    assert!(a.reps_converged >= 195, "{}", a.reps_converged);
    // a3 = 0.247 with SE 0.038 in the data: nearly always significant
    assert!(a.paths[0].power > 0.95, "{:?}", a.paths[0]);
}

#[test]
fn bad_requests_are_refused() {
    let s = spec("y ~ 0.3*x1 + 0.2*x2", 100, 10, 1);
    let err = |s: MonteCarloSpec| MonteCarlo::new(&s).unwrap_err();
    assert!(matches!(
        err(MonteCarloSpec { paths: vec!["H9".into()], ..s.clone() }),
        MonteCarloError::UnknownPath { ref path, ref known } if path == "H9" && known == &["y ~ x1", "y ~ x2"]
    ));
    assert!(matches!(
        err(MonteCarloSpec { n: 3, ..s.clone() }),
        MonteCarloError::SampleTooSmall { n: 3, min: 4 }
    ));
    assert!(matches!(
        err(MonteCarloSpec {
            reps: 0,
            ..s.clone()
        }),
        MonteCarloError::RepsOutOfRange { reps: 0 }
    ));
    assert!(matches!(
        err(MonteCarloSpec {
            alpha: 1.5,
            ..s.clone()
        }),
        MonteCarloError::BadAlpha { .. }
    ));
    assert!(matches!(
        err(MonteCarloSpec {
            options: Options {
                group: Some("g".into()),
                ..Options::default()
            },
            ..s.clone()
        }),
        MonteCarloError::NotSupported { .. }
    ));
    // a population whose Σ is not positive definite
    assert_eq!(
        typed_population("y ~ 0.3*x\ny ~~ -1*y").unwrap_err(),
        MonteCarloError::NotPositiveDefinite
    );
    // a fixed path is not tested
    let fixed = MonteCarloSpec {
        analyzed: Analyzed::Model("y ~ 0.3*x1 + x2".into()),
        paths: vec!["y ~ x1".into()],
        ..s.clone()
    };
    assert!(matches!(err(fixed), MonteCarloError::FixedPath { .. }));
    // most replications failing
    let mc = MonteCarlo::new(&s).unwrap();
    let failing = Tally {
        completed: 10,
        converged: 4,
        nonadmissible: 0,
        significant: vec![1, 1],
    };
    assert_eq!(
        mc.answer(&failing).unwrap_err(),
        MonteCarloError::MostFailed {
            converged: 4,
            completed: 10
        }
    );
    // every error in both languages
    use semlab::i18n::{Lang, Localized};
    let e = MonteCarloError::SampleTooSmall { n: 3, min: 4 };
    assert!(e.message(Lang::En).contains("N = 3 is too small"));
    assert!(e.message(Lang::Zh).contains("太小"));
}
