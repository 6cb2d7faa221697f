//! The RMSEA power analysis in words ([`crate::power::PowerAnswer`] in;
//! sentences out, in English or Chinese): the test, the power at N in
//! plain language ("With N = 300, the power of the test is .81.") and the
//! smallest N for the target power. The command line (`semlab power`) and
//! the page's *Sample size and power* print the same sentences.
//! [`monte_carlo_sentences`] does the same for the Monte Carlo power of
//! chosen paths ([`crate::power::monte_carlo`]): "With N = 300, the power
//! to detect H2a is .81 (Monte Carlo, 500 replications, SE .018)."

use crate::i18n::Lang;
use crate::power::monte_carlo::{MonteCarloAnswer, Source};
use crate::power::PowerAnswer;

/// A probability as APA prints it: no leading zero, two decimals (`.81`);
/// power that rounds to 1 keeps three (`.999`, `1.000`).
fn prob(x: f64) -> String {
    let s = if x >= 0.995 {
        format!("{x:.3}")
    } else {
        format!("{x:.2}")
    };
    s.strip_prefix('0').map(str::to_string).unwrap_or(s)
}

/// A value such as ε, α or the target power without its leading zero:
/// two decimals (`.05`, `.80`), three when it has them (`.025`).
fn short(x: f64) -> String {
    let s = if ((x * 100.0).round() - x * 100.0).abs() < 1e-9 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    };
    s.strip_prefix('0').map(str::to_string).unwrap_or(s)
}

/// The lines of the answer, each a sentence: the test and its inputs,
/// the power at N (when computed), the smallest N.
pub fn sentences_in(r: &PowerAnswer, lang: Lang) -> Vec<String> {
    let per_group = r.groups > 1;
    let mut out = Vec::new();
    match lang {
        Lang::Zh => {
            let test = if r.close_fit() {
                "近似拟合检验"
            } else {
                "非近似拟合检验"
            };
            out.push(format!(
                "RMSEA 检验力分析（MacCallum, Browne & Sugawara, 1996）：{test}，ε₀ = {}，ε₁ = {}，α = {}，df = {}{}。",
                short(r.rmsea0),
                short(r.rmsea1),
                short(r.alpha),
                r.df,
                if per_group { format!("，{} 组", r.groups) } else { String::new() }
            ));
            if let (Some(n), Some(p)) = (r.n, r.power) {
                out.push(format!("N = {n} 时的检验力为 {}。", prob(p)));
            }
            out.push(format!(
                "检验力超过 {} 所需的最小样本量：N = {}{}。",
                short(r.target),
                r.min_n,
                if per_group { "（每组）" } else { "" }
            ));
        }
        Lang::En => {
            let test = if r.close_fit() {
                "test of close fit"
            } else {
                "test of not-close fit"
            };
            out.push(format!(
                "RMSEA power (MacCallum, Browne & Sugawara, 1996): {test}, ε₀ = {}, ε₁ = {}, α = {}, df = {}{}.",
                short(r.rmsea0),
                short(r.rmsea1),
                short(r.alpha),
                r.df,
                if per_group { format!(", {} groups", r.groups) } else { String::new() }
            ));
            if let (Some(n), Some(p)) = (r.n, r.power) {
                out.push(format!(
                    "With N = {n}, the power of the test is {}.",
                    prob(p)
                ));
            }
            out.push(format!(
                "The smallest N whose power exceeds {}: N = {}{}.",
                short(r.target),
                r.min_n,
                if per_group { " per group" } else { "" }
            ));
        }
    }
    out
}

/// A Monte Carlo SE as APA prints a small probability: three decimals, no
/// leading zero (`.018`).
fn se3(x: f64) -> String {
    let s = format!("{x:.3}");
    s.strip_prefix('0').map(str::to_string).unwrap_or(s)
}

/// The Monte Carlo power in words: how the data were simulated and tested,
/// how many replications converged, then one sentence per path.
pub fn monte_carlo_sentences(r: &MonteCarloAnswer, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    match lang {
        Lang::Zh => {
            let from = match r.source {
                Source::Fitted => "拟合所得模型的隐含矩",
                Source::Typed => "所输入的总体模型",
            };
            out.push(format!(
                "蒙特卡洛检验力（同 simsem 与 pwrSEM）：从{from}模拟 {} 组 N = {} 的数据（种子 {}），每组以 {} 重新估计；路径的双侧 Wald 检验 p < {} 即记为检出。",
                r.reps, r.n, r.seed, r.estimator, short(r.alpha)
            ));
            if r.cancelled {
                out.push(format!(
                    "已在 {} 次重复后取消，以下结果仅基于这些重复。",
                    r.reps_completed
                ));
            }
            out.push(format!(
                "{} 次重复中 {} 次收敛{}。",
                r.reps_completed,
                r.reps_converged,
                if r.nonadmissible > 0 {
                    format!("（其中 {} 次有负的方差估计，仍计入）", r.nonadmissible)
                } else {
                    String::new()
                }
            ));
            for p in &r.paths {
                out.push(format!(
                    "N = {} 时，检测 {} 的检验力为 {}（蒙特卡洛，{} 次重复，SE {}）。",
                    r.n,
                    p.label,
                    prob(p.power),
                    r.reps_converged,
                    se3(p.mc_se)
                ));
            }
        }
        Lang::En => {
            let from = match r.source {
                Source::Fitted => "the fitted model's implied moments",
                Source::Typed => "the typed population model",
            };
            out.push(format!(
                "Monte Carlo power (as simsem and pwrSEM): {} data sets of N = {} simulated from {from} (seed {}), each refitted by {}; a path counts as detected when its two-sided Wald test gives p < {}.",
                r.reps, r.n, r.seed, r.estimator, short(r.alpha)
            ));
            if r.cancelled {
                out.push(format!(
                    "Cancelled after {} replications; the power below is from those.",
                    r.reps_completed
                ));
            }
            out.push(format!(
                "{} of {} replications converged{}.",
                r.reps_converged,
                r.reps_completed,
                if r.nonadmissible > 0 {
                    format!(
                        " ({} with a negative variance estimate, kept)",
                        r.nonadmissible
                    )
                } else {
                    String::new()
                }
            ));
            for p in &r.paths {
                out.push(format!(
                    "With N = {}, the power to detect {} is {} (Monte Carlo, {} replications, SE {}).",
                    r.n,
                    p.label,
                    prob(p.power),
                    r.reps_converged,
                    se3(p.mc_se)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_apa_prints_them() {
        assert_eq!(prob(0.8123), ".81");
        assert_eq!(prob(0.9991), ".999");
        assert_eq!(prob(0.99999999), "1.000");
        assert_eq!(short(0.05), ".05");
        assert_eq!(short(0.8), ".80");
        assert_eq!(short(0.08), ".08");
        assert_eq!(short(0.025), ".025");
        assert_eq!(se3(0.0181), ".018");
    }

    #[test]
    fn monte_carlo_in_words() {
        use crate::power::monte_carlo::PathPower;
        let mut r = MonteCarloAnswer {
            n: 300,
            reps: 500,
            reps_completed: 500,
            reps_converged: 500,
            nonadmissible: 0,
            seed: 1,
            alpha: 0.05,
            estimator: "ML".into(),
            source: Source::Fitted,
            cancelled: false,
            paths: vec![PathPower {
                label: "H2a".into(),
                lhs: "PI".into(),
                op: "~".into(),
                rhs: "SN".into(),
                population: 0.2,
                power: 0.812,
                mc_se: 0.01747,
            }],
        };
        let en = monte_carlo_sentences(&r, Lang::En);
        assert_eq!(
            en.last().unwrap(),
            "With N = 300, the power to detect H2a is .81 (Monte Carlo, 500 replications, SE .017)."
        );
        assert_eq!(en[1], "500 of 500 replications converged.");
        let zh = monte_carlo_sentences(&r, Lang::Zh);
        assert_eq!(
            zh.last().unwrap(),
            "N = 300 时，检测 H2a 的检验力为 .81（蒙特卡洛，500 次重复，SE .017）。"
        );
        r.cancelled = true;
        r.reps_completed = 120;
        r.reps_converged = 119;
        let en = monte_carlo_sentences(&r, Lang::En);
        assert_eq!(
            en[1],
            "Cancelled after 120 replications; the power below is from those."
        );
        assert_eq!(en[2], "119 of 120 replications converged.");
    }
}
