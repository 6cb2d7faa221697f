//! The RMSEA power analysis in words ([`crate::power::PowerAnswer`] in;
//! sentences out, in English or Chinese): the test, the power at N in
//! plain language ("With N = 300, the power of the test is .81.") and the
//! smallest N for the target power. The command line (`semlab power`) and
//! the page's *Sample size and power* print the same sentences.

use crate::i18n::Lang;
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
    }
}
