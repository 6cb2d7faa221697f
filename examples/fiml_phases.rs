//! Times the phases of a FIML analysis: EM, fit, SEs, fit measures, MIs.
//! `cargo run --release --example fiml_phases [FIXTURE_DIR]` (default hs1939_fiml).
use semlab::analysis::*;
use semlab::data::*;
use semlab::estimate::Problem;
use semlab::samplestats::missing::MissingGroup;
use std::time::Instant;
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/lavaan-advanced/hs1939_fiml".into());
    let name = std::path::Path::new(&dir)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let bytes = std::fs::read(format!("{dir}/{name}.csv")).unwrap();
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    let n = 200u32;
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options {
        missing: Missing::Ml,
        ..Options::default()
    };
    let pt = build_model(&model, table.names(), &opts).unwrap();
    let nd = table.numeric(&pt.vars.ov).unwrap();
    let time = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        println!("{name:8} {:?}", t.elapsed() / n);
    };
    time("em", &mut || {
        std::hint::black_box(MissingGroup::new(&nd, &[]).unwrap());
    });
    let mg = vec![MissingGroup::new(&nd, &[]).unwrap()];
    println!("em iterations {}", mg[0].h1.iterations);
    let sm = semlab::samplestats::moments::SampleMoments {
        names: pt.vars.ov.clone(),
        groups: vec![mg[0].group_moments(&pt.vars.ov).unwrap()],
    };
    let mut prob = Problem::new(&pt, &sm).unwrap();
    prob.discrepancy = semlab::estimate::Discrepancy::Fiml(&mg);
    let res = prob.fit();
    println!("iterations {}", res.iterations);
    time("fit", &mut || {
        std::hint::black_box(prob.fit());
    });
    let theta = res.theta.clone();
    let ev = prob.evaluate(&theta).unwrap();
    time("eval", &mut || {
        std::hint::black_box(prob.evaluate(&theta));
    });
    time("grad", &mut || {
        std::hint::black_box(prob.gradient(&ev));
    });
    time("expinfo", &mut || {
        std::hint::black_box(prob.information(&ev));
    });
    time("obsinfo", &mut || {
        std::hint::black_box(prob.fiml_observed_information(&ev));
    });
    time("h1info", &mut || {
        std::hint::black_box(semlab::samplestats::missing_h1::h1_observed_information(
            &mg[0],
            &mg[0].h1.mean,
            &mg[0].h1.cov,
        ));
    });
    time("pairwise", &mut || {
        std::hint::black_box(mg[0].pairwise_moments());
    });
    let mut fm = semlab::fitmeasures::FitMeasures::new();
    fm.insert("fmin".into(), Some(res.f));
    fm.insert("baseline.df".into(), Some(prob.df() as f64 + 1.0));
    time("fitmeas", &mut || {
        prob.fiml_fit_measures(&theta, false, &mut fm);
    });
    let v = prob.vcov_from_information(&prob.information(&ev)).unwrap();
    time("mi", &mut || {
        std::hint::black_box(prob.modification_indices(&theta, &v));
    });
    time("std_se", &mut || {
        std::hint::black_box(prob.std_all_se(&theta, &v));
    });
    time("all", &mut || {
        std::hint::black_box(run(&DataInput::Table(&table), &model, &opts).unwrap());
    });
}
