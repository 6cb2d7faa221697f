//! Shared helpers for the agreement tests: load a lavaan reference case
//! (data, model, `reference.json`), run semlab on it and compare.

#![allow(dead_code)]

pub mod zip;

use semlab::analysis::{self, Analysis, DataInput, Estimator, Missing, Options};
use semlab::data::{read_table, ReadOptions};
use serde_json::Value;
use std::path::PathBuf;

pub struct Case {
    pub name: String,
    pub dir: PathBuf,
    pub reference: Value,
    pub model: String,
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Loads `tests/fixtures/<set>/<name>`.
pub fn load(set: &str, name: &str) -> Case {
    let dir = fixtures_dir().join(set).join(name);
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reference.json")).unwrap())
            .unwrap();
    let model = std::fs::read_to_string(dir.join("model.lav")).unwrap();
    Case {
        name: name.to_string(),
        dir,
        reference,
        model,
    }
}

/// Runs the reference case `tests/fixtures/<set>/<name>` and checks every
/// number against lavaan ([`compare_all`]); returns the analysis for more
/// checks.
pub fn agree(set: &str, name: &str) -> Analysis {
    let case = load(set, name);
    let a = case.run();
    compare_all(&case, &a);
    a
}

/// [`agree`] on everything but the modification indices, for a case whose
/// indices semlab is known not to reproduce (the test says why).
pub fn agree_but_modindices(set: &str, name: &str) -> Analysis {
    let mut case = load(set, name);
    let a = case.run();
    case.reference["modindices"] = Value::Array(Vec::new());
    compare_all(
        &case,
        &Analysis {
            modindices: Vec::new(),
            ..a.clone()
        },
    );
    a
}

/// Every folder in `tests/fixtures/<set>` has an `agree("<set>", "<name>")`
/// (or `agree_but_modindices(…)`) call in `source`, the test file's own
/// text (`std::fs::read_to_string(file!())`).
pub fn assert_every_case_tested(set: &str, source: &str) {
    for entry in std::fs::read_dir(fixtures_dir().join(set)).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let args = format!("(\"{set}\", \"{name}\")");
        assert!(
            source.contains(&format!("agree{args}"))
                || source.contains(&format!("agree_but_modindices{args}")),
            "fixture {name} has no agreement test"
        );
    }
}

/// A JSON string or array of strings.
fn strings(v: &Value) -> Vec<String> {
    match v.as_array() {
        Some(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        None => vec![v.as_str().unwrap().to_string()],
    }
}

/// Options from the reference's `call` (lavaan arguments beyond the defaults).
pub fn options_from_call(call: &Value) -> Options {
    let mut o = Options::default();
    if let Some(map) = call.as_object() {
        for (k, v) in map {
            match k.as_str() {
                "std.lv" => o.std_lv = v.as_bool().unwrap(),
                "orthogonal" => o.orthogonal = v.as_bool().unwrap(),
                "estimator" => o.estimator = Estimator::parse(v.as_str().unwrap()).unwrap(),
                "missing" => {
                    o.missing = match v.as_str().unwrap() {
                        "ml" => Missing::Ml,
                        _ => Missing::Listwise,
                    }
                }
                "ordered" => {
                    o.ordered = v
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_str().unwrap().to_string())
                        .collect()
                }
                "group" => o.group = Some(v.as_str().unwrap().to_string()),
                "group.equal" => o.group_equal = strings(v),
                "group.partial" => o.group_partial = strings(v),
                other => panic!("unknown lavaan option in fixture: {other}"),
            }
        }
    }
    o
}

impl Case {
    pub fn run(&self) -> Analysis {
        let file = self.dir.join(self.reference["data_file"].as_str().unwrap());
        let bytes = std::fs::read(file).unwrap();
        let table = read_table(&bytes, &ReadOptions::default()).unwrap();
        let opts = options_from_call(&self.reference["call"]);
        analysis::run(&DataInput::Table(&table), &self.model, &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }
}

/// |a − b| ≤ tol, or both missing.
pub fn close_abs(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= tol,
        (None, None) => true,
        (Some(x), None) | (None, Some(x)) => x.is_nan(),
    }
}

/// |a − b| ≤ tol·max(1, |b|).
pub fn close_rel(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() <= tol * y.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

pub fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

pub fn same_param(p: &semlab::analysis::ParameterRow, r: &Value) -> bool {
    let (lhs, op, rhs) = (
        r["lhs"].as_str().unwrap(),
        r["op"].as_str().unwrap(),
        r["rhs"].as_str().unwrap(),
    );
    let group = r["group"].as_u64().unwrap_or(1) as usize;
    if p.group != group || p.op != op {
        return false;
    }
    if op == ":=" {
        return p.lhs == lhs;
    }
    (p.lhs == lhs && p.rhs == rhs) || (op == "~~" && p.lhs == rhs && p.rhs == lhs)
}

/// Collects every disagreement between semlab and lavaan for one case.
pub struct Report {
    pub case: String,
    pub problems: Vec<String>,
}

impl Report {
    pub fn new(case: &str) -> Self {
        Report {
            case: case.into(),
            problems: Vec::new(),
        }
    }
    pub fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.problems.push(what());
        }
    }
    pub fn finish(self) {
        if !self.problems.is_empty() {
            panic!(
                "{}: {} disagreement(s) with lavaan:\n  {}",
                self.case,
                self.problems.len(),
                self.problems.join("\n  ")
            );
        }
    }
}

/// Parameters where lavaan's optimizer (nlminb, `rel.tol = 1e-10`) stops
/// measurably short of the optimum along a flat direction. For these the
/// estimate may differ by up to 3e-4 provided semlab's discrepancy is lower
/// than lavaan's: semlab is then closer to the true ML estimate.
/// Political Democracy, `y2 ~~ y4` (SE 0.69): lavaan reports 1.44025; the
/// same lavaan restarted from its solution with `rel.tol = 1e-12` gives
/// 1.44012, semlab 1.44013.
const LAVAAN_EARLY_STOP: [(&str, &str); 2] =
    [("poldem_sem", "y2 ~~ y4"), ("poldem_mediation", "y2 ~~ y4")];

/// Modification indices where lavaan's multi-group fit stops short of the
/// optimum (nlminb's relative tolerance applies to the pooled discrepancy),
/// with the tolerance each needs. Holzinger–Swineford by school, configural, `x7 ~~ x8`
/// in Grant-White: lavaan reports 24.8186; lavaan fitting Grant-White alone
/// (the same model: configural groups are independent) gives 24.817, semlab
/// 24.8173. Age bands 12/13/14+ (configural, MLR), `x7 ~~ x8` in group
/// "13": lavaan reports 21.0957, lavaan fitting that group alone 21.09785,
/// semlab 21.09791 (within 3e-3).
const MI_EARLY_STOP: [(&str, &str, f64); 4] = [
    ("hs1939_groups_configural", "x7 ~~ x8", 2e-3),
    ("hs1939_three_ages_mlr", "x7 ~~ x8", 3e-3),
    // WLSMV by channel: lavaan's two groups give 8.80496 and 8.80400 for
    // what is, at the exact optimum, one index (its EPCs are ± the same);
    // semlab gives 8.80506 in both
    ("livecommerce_groups_wlsmv", "SubjectiveNorms =~ SN1", 2e-3),
    ("livecommerce_groups_wlsmv", "SN1 ~*~ SN1", 2e-3),
];

/// The acceptance tolerances of the estimator issue.
pub fn compare_all(case: &Case, a: &Analysis) {
    let r = &case.reference;
    let mut rep = Report::new(&case.name);
    let our_fmin = a
        .fit
        .get("fmin")
        .copied()
        .flatten()
        .unwrap_or(f64::INFINITY);
    let lavaan_fmin = num(&r["fit"]["fmin"]).unwrap_or(f64::NEG_INFINITY);
    rep.check(a.converged == r["converged"].as_bool().unwrap(), || {
        "converged differs".into()
    });
    rep.check(a.nobs as u64 == r["ntotal"].as_u64().unwrap(), || {
        format!("nobs {} vs {}", a.nobs, r["ntotal"])
    });
    // parameters: estimates 1e-4 abs, SE 1e-3 rel, p 1e-4 abs, std 1e-4
    let refs = r["parameters"].as_array().unwrap();
    rep.check(refs.len() == a.parameters.len(), || {
        format!(
            "{} parameter rows vs lavaan's {}",
            a.parameters.len(),
            refs.len()
        )
    });
    for rp in refs {
        let name = format!(
            "{} {} {}",
            rp["lhs"].as_str().unwrap(),
            rp["op"].as_str().unwrap(),
            rp["rhs"].as_str().unwrap()
        );
        let Some(p) = a.parameters.iter().find(|p| same_param(p, rp)) else {
            rep.problems.push(format!("missing parameter {name}"));
            continue;
        };
        let early = LAVAAN_EARLY_STOP.contains(&(case.name.as_str(), name.as_str()));
        let est_tol = if early && our_fmin < lavaan_fmin {
            3e-4
        } else {
            1e-4
        };
        rep.check(close_abs(Some(p.est), num(&rp["est"]), est_tol), || {
            format!("{name}: est {} vs {}", p.est, rp["est"])
        });
        let se_ok = match (p.se, num(&rp["se"])) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-3 * y.abs(),
            (a, b) => a.is_none() && b.is_none(),
        };
        rep.check(se_ok, || format!("{name}: se {:?} vs {}", p.se, rp["se"]));
        rep.check(close_abs(p.pvalue, num(&rp["pvalue"]), 1e-4), || {
            format!("{name}: p {:?} vs {}", p.pvalue, rp["pvalue"])
        });
        rep.check(
            close_abs(
                p.z,
                num(&rp["z"]),
                1e-3 * num(&rp["z"]).unwrap_or(0.0).abs().max(1.0),
            ),
            || format!("{name}: z {:?} vs {}", p.z, rp["z"]),
        );
        rep.check(close_abs(p.ci_lower, num(&rp["ci_lower"]), 1e-3), || {
            format!("{name}: ci.lower {:?} vs {}", p.ci_lower, rp["ci_lower"])
        });
        rep.check(close_abs(p.ci_upper, num(&rp["ci_upper"]), 1e-3), || {
            format!("{name}: ci.upper {:?} vs {}", p.ci_upper, rp["ci_upper"])
        });
        rep.check(close_abs(p.std_lv, num(&rp["std_lv"]), est_tol), || {
            format!("{name}: std.lv {:?} vs {}", p.std_lv, rp["std_lv"])
        });
        rep.check(close_abs(p.std_all, num(&rp["std_all"]), 1e-4), || {
            format!("{name}: std.all {:?} vs {}", p.std_all, rp["std_all"])
        });
        let sse_ok = match (p.se_std_all, num(&rp["se_std_all"])) {
            (Some(x), Some(y)) => (x - y).abs() <= 1e-3 * y.abs().max(1e-3),
            (None, Some(y)) => y == 0.0,
            (a, b) => a.is_none() && b.is_none(),
        };
        rep.check(sse_ok, || {
            format!(
                "{name}: se(std.all) {:?} vs {}",
                p.se_std_all, rp["se_std_all"]
            )
        });
    }
    // fit measures: every key lavaan reports
    let relative = [
        "chisq",
        "baseline.chisq",
        "chisq.scaled",
        "baseline.chisq.scaled",
        "logl",
        "unrestricted.logl",
        "aic",
        "bic",
        "bic2",
        "cn_05",
        "cn_01",
    ];
    // a saturated model (df = 0, χ² = 0) has no Hoelter N: lavaan's
    // qchisq(1 − α, 0)/(χ²/N) + 1 divides its roundoff χ² into 0 and
    // reports 1; semlab reports none
    let saturated = r["fit"]["df"].as_f64() == Some(0.0);
    for (k, v) in r["fit"].as_object().unwrap() {
        let ours = a.fit.get(k).copied().flatten();
        let want = num(v);
        let ok = if saturated && k.starts_with("cn_") {
            ours.is_none()
        } else if relative.contains(&k.as_str()) {
            close_rel(ours, want, 1e-4)
        } else if k.starts_with("rmsea.ci") {
            close_abs(ours, want, 5e-4)
        } else {
            close_abs(ours, want, 1e-4)
        };
        rep.check(ok, || format!("fit {k}: {ours:?} vs {want:?}"));
    }
    // R²
    for (k, v) in r["r2"].as_object().unwrap() {
        rep.check(close_abs(a.r2.get(k).copied(), num(v), 1e-4), || {
            format!("r2 {k}: {:?} vs {v}", a.r2.get(k))
        });
    }
    rep.check(a.r2.len() == r["r2"].as_object().unwrap().len(), || {
        format!(
            "{} R² values vs lavaan's {}",
            a.r2.len(),
            r["r2"].as_object().unwrap().len()
        )
    });
    // R² of every group (in references made since r2_groups was added to
    // make_fixture.R)
    for (g, want) in r["r2_groups"].as_array().into_iter().flatten().enumerate() {
        let ours = a.groups.as_ref().and_then(|gr| gr.r2.get(g));
        for (k, v) in want.as_object().unwrap() {
            let x = ours.and_then(|o| o.get(k)).copied();
            rep.check(close_abs(x, num(v), 1e-4), || {
                format!("r2 {k} group {}: {x:?} vs {v}", g + 1)
            });
        }
    }
    // modification indices: the ten largest, MI and EPC within 1e-3
    let mis = r["modindices"].as_array().unwrap();
    // the same candidates: every index lavaan reports that is not exactly 0
    // (lavaan keeps a few zero-MI rows for fixed.x covariates, depending on
    // rounding in its extended model) appears here, and no more
    let key = |l: &str, o: &str, rh: &str| format!("{l} {o} {rh}");
    let theirs: std::collections::BTreeSet<String> = mis
        .iter()
        .filter(|m| num(&m["mi"]).is_some_and(|x| x > 1e-6))
        .map(|m| {
            key(
                m["lhs"].as_str().unwrap(),
                m["op"].as_str().unwrap(),
                m["rhs"].as_str().unwrap(),
            )
        })
        .collect();
    let ours_set: std::collections::BTreeSet<String> = a
        .modindices
        .iter()
        .filter(|m| m.mi > 1e-6)
        .map(|m| key(&m.lhs, &m.op, &m.rhs))
        .collect();
    rep.check(theirs == ours_set, || {
        format!(
            "modification indices differ: lavaan only {:?}, semlab only {:?}",
            theirs.difference(&ours_set).collect::<Vec<_>>(),
            ours_set.difference(&theirs).collect::<Vec<_>>()
        )
    });
    for m in mis
        .iter()
        .filter(|m| num(&m["mi"]).is_some_and(|x| x > 1e-6))
        .take(10)
    {
        let key = format!(
            "{} {} {}",
            m["lhs"].as_str().unwrap(),
            m["op"].as_str().unwrap(),
            m["rhs"].as_str().unwrap()
        );
        // several groups: the reference lists the same parameter once per
        // group, without the group; take ours of the same key closest in MI
        let ours = a
            .modindices
            .iter()
            .filter(|x| {
                x.lhs == m["lhs"].as_str().unwrap()
                    && x.op == m["op"].as_str().unwrap()
                    && x.rhs == m["rhs"].as_str().unwrap()
                    && m["group"].as_u64().is_none_or(|g| g as usize == x.group)
            })
            .min_by(|x, y| {
                let want = num(&m["mi"]).unwrap_or(0.0);
                (x.mi - want).abs().total_cmp(&(y.mi - want).abs())
            });
        match ours {
            None => rep
                .problems
                .push(format!("missing modification index {key}")),
            Some(x) => {
                let mi_tol = MI_EARLY_STOP
                    .iter()
                    .find(|(c, k, _)| *c == case.name && *k == key)
                    .map_or(1e-3, |(_, _, tol)| *tol);
                rep.check(close_abs(Some(x.mi), num(&m["mi"]), mi_tol), || {
                    format!("MI {key}: {} vs {}", x.mi, m["mi"])
                });
                rep.check(close_abs(Some(x.epc), num(&m["epc"]), 1e-3), || {
                    format!("EPC {key}: {} vs {}", x.epc, m["epc"])
                });
                rep.check(close_abs(x.sepc_lv, num(&m["sepc_lv"]), 1e-3), || {
                    format!("sEPC.lv {key}: {:?} vs {}", x.sepc_lv, m["sepc_lv"])
                });
                rep.check(close_abs(x.sepc_all, num(&m["sepc_all"]), 1e-3), || {
                    format!("sEPC.all {key}: {:?} vs {}", x.sepc_all, m["sepc_all"])
                });
            }
        }
    }
    // reliability: ω, AVE, α, HTMT within 1e-4 (several groups: per group)
    for (k, v) in r["reliability"].as_object().into_iter().flatten() {
        if let Some(per_group) = v["omega"].as_array() {
            let Some(gr) = &a.groups else {
                rep.problems
                    .push("per-group reliability but no groups".into());
                continue;
            };
            for (g, want) in per_group.iter().enumerate() {
                if k == "group" {
                    continue; // semTools lists the group column as a construct (all NA)
                }
                let ours = gr.reliability[g].get(k);
                rep.check(
                    close_abs(ours.and_then(|o| o.omega), num(want), 1e-4),
                    || {
                        format!(
                            "omega {k} group {}: {:?} vs {want}",
                            g + 1,
                            ours.map(|o| o.omega)
                        )
                    },
                );
                let want_ave = num(&v["ave"][g]);
                rep.check(close_abs(ours.and_then(|o| o.ave), want_ave, 1e-4), || {
                    format!(
                        "AVE {k} group {}: {:?} vs {want_ave:?}",
                        g + 1,
                        ours.map(|o| o.ave)
                    )
                });
            }
            continue;
        }
        let ours = a.reliability.get(k);
        rep.check(
            close_abs(ours.and_then(|o| o.omega), num(&v["omega"]), 1e-4),
            || format!("omega {k}: {:?} vs {}", ours.map(|o| o.omega), v["omega"]),
        );
        rep.check(
            close_abs(ours.and_then(|o| o.ave), num(&v["ave"]), 1e-4),
            || format!("AVE {k}: {:?} vs {}", ours.map(|o| o.ave), v["ave"]),
        );
    }
    for (k, v) in r["alpha"].as_object().into_iter().flatten() {
        let ours = a.alpha.get(k).copied().flatten();
        rep.check(close_abs(ours, num(v), 1e-4), || {
            format!("alpha {k}: {ours:?} vs {v}")
        });
    }
    // (null for a model without latent variables)
    let names: Vec<String> = r["htmt"]["names"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    let mat = r["htmt"]["matrix"].as_array().cloned().unwrap_or_default();
    for (i, ni) in names.iter().enumerate() {
        for (j, nj) in names.iter().enumerate() {
            let want = num(&mat[i][j]);
            let (Some(a_i), Some(a_j)) = (
                a.htmt.names.iter().position(|x| x == ni),
                a.htmt.names.iter().position(|x| x == nj),
            ) else {
                // semlab leaves out the latent variables that are not
                // scales (one indicator: semTools gives NA)
                rep.check(want.is_none(), || format!("HTMT misses {ni} or {nj}"));
                continue;
            };
            let ours = a.htmt.matrix[a_i][a_j];
            rep.check(close_abs(ours, want, 1e-4), || {
                format!("HTMT {ni}/{nj}: {ours:?} vs {want:?}")
            });
        }
    }
    // Fornell–Larcker: √AVE on the diagonal, lavaan's `cor.lv` elsewhere
    // (in references made since cor_lv was added to make_fixture.R)
    let fl = &a.fornell_larcker;
    let cl_names: Vec<&str> = r["cor_lv"]["names"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str())
        .collect();
    for (i, ni) in fl.names.iter().enumerate() {
        for (j, nj) in fl.names.iter().enumerate() {
            let want = if i == j {
                match r["reliability"].get(ni.as_str()) {
                    // several groups: the tables are of group 1
                    Some(v) => num(v["ave"].get(0).unwrap_or(&v["ave"])).map(f64::sqrt),
                    None => continue,
                }
            } else {
                let (Some(ri), Some(rj)) = (
                    cl_names.iter().position(|x| x == ni),
                    cl_names.iter().position(|x| x == nj),
                ) else {
                    continue;
                };
                num(&r["cor_lv"]["matrix"][ri][rj])
            };
            let ours = fl.matrix[i][j];
            rep.check(close_abs(ours, want, 1e-4), || {
                format!("Fornell–Larcker {ni}/{nj}: {ours:?} vs {want:?}")
            });
        }
    }
    rep.finish();
}

/// Whether `Rscript` with lavaan and semTools is installed (the tests that
/// run a generated R script skip that part without it).
pub fn r_with_lavaan() -> bool {
    std::process::Command::new("Rscript")
        .args([
            "-e",
            "suppressMessages(library(lavaan)); suppressMessages(library(semTools))",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}
