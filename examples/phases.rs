use semlab::analysis::*;
use semlab::data::*;
use semlab::estimate::Problem;
use semlab::samplestats::moments::*;
use std::time::Instant;
fn main() {
    let dir = "tests/fixtures/lavaan/livecommerce_sem";
    let bytes = std::fs::read(format!("{dir}/livecommerce_sem.csv")).unwrap();
    let model = std::fs::read_to_string(format!("{dir}/model.lav")).unwrap();
    let n = 200;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(read_table(&bytes, &ReadOptions::default()).unwrap());
    }
    println!("read   {:?}", t.elapsed() / n);
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let opts = Options::default();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(build_model(&model, table.names(), &opts).unwrap());
    }
    println!("pt     {:?}", t.elapsed() / n);
    let pt = build_model(&model, table.names(), &opts).unwrap();
    let c = table.numeric(&pt.vars.ov).unwrap().listwise();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(table.numeric(&pt.vars.ov).unwrap().listwise());
    }
    println!("numeric {:?}", t.elapsed() / n);
    let gm = GroupMoments::from_data(c.data.clone(), &pt.vars.ov).unwrap();
    let sm = SampleMoments {
        names: pt.vars.ov.clone(),
        groups: vec![gm],
    };
    let prob = Problem::new(&pt, &sm).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prob.fit());
    }
    println!("fit    {:?}", t.elapsed() / n);
    let res = prob.fit();
    let t = Instant::now();
    let mut vc = None;
    for _ in 0..n {
        let ev = prob.evaluate(&res.theta).unwrap();
        vc = prob.vcov_from_information(&prob.information(&ev));
    }
    println!("vcov   {:?}", t.elapsed() / n);
    let vcov = vc.unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prob.std_all_se(&res.theta, &vcov));
    }
    println!("stdse  {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prob.modification_indices(&res.theta, &vcov));
    }
    println!("mi     {:?}", t.elapsed() / n);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(run(&DataInput::Table(&table), &model, &opts).unwrap());
    }
    println!("run    {:?}", t.elapsed() / n);
}
