//! Hypothesis table: the parameter estimates and a decision rule in; one row
//! per regression path (Table III of a survey paper) out, named by its label
//! when it has one (`H1a*Trust`), with standardized β, estimate, SE, z, p,
//! stars and "supported". A defined parameter whose name is a hypothesis
//! label ([`is_hypothesis_name`]: `H6 := a*b`) is a hypothesis too — how
//! users test an indirect effect — judged by the same rule on its
//! delta-method p-value (lavaan's `parameterEstimates` row of the `:=`).
//!
//! The rule is stated once and applied to every path: significance level α
//! (default .05), two- or one-tailed test (default two-tailed), and the
//! expected sign (default positive; settable per hypothesis). A path is
//! supported when its estimate has the expected sign and its p-value (one-
//! or two-tailed, as chosen) is below α. Stars follow the same p-value:
//! `*` < .05, `**` < .01, `***` < .001.
//!
//! After a bootstrap, a defined-parameter hypothesis (an indirect effect) is
//! judged by its bootstrap confidence interval instead, as the effects
//! table's mediation verdict is (温忠麟 & 叶宝娟 2014; Hayes 2018): supported
//! when the interval excludes 0 on the expected side. Its p stays the delta
//! method's, and the table's note names the interval that decided.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tails {
    Two,
    One,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sign {
    Positive,
    Negative,
    /// No direction expected (two-tailed only; any significant effect counts).
    Any,
}

/// The decision rule for all hypotheses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HypothesisRule {
    pub alpha: f64,
    pub tails: Tails,
    pub expected_sign: Sign,
    /// Expected sign per hypothesis (by label or `lhs~rhs`), overriding the default.
    #[serde(default)]
    pub signs: BTreeMap<String, Sign>,
}

impl Default for HypothesisRule {
    fn default() -> Self {
        HypothesisRule {
            alpha: 0.05,
            tails: Tails::Two,
            expected_sign: Sign::Positive,
            signs: BTreeMap::new(),
        }
    }
}

impl HypothesisRule {
    /// The rule in words, for table notes.
    pub fn describe(&self) -> String {
        let tails = match self.tails {
            Tails::Two => "two-tailed",
            Tails::One => "one-tailed",
        };
        let sign = match self.expected_sign {
            Sign::Positive => "a positive effect expected",
            Sign::Negative => "a negative effect expected",
            Sign::Any => "any direction",
        };
        format!(
            "supported when p < {} ({tails}, {sign}, unless stated per hypothesis)",
            self.alpha
        )
    }
}

/// Whether the name of a defined parameter (`name := ...`) names a
/// hypothesis: `H` (or `h`) and its number, as hypotheses are numbered in
/// papers and in the labels of the page's examples — a digit right after
/// the `H` (`H6`, `H1a`, `H2b`, `H3_2`), or after `H_` a name with a
/// number in it (`H_ind1`, `H_4a`), as AMOS and lavaan users also write
/// them. Other defined parameters (`indirect`, `total`, `H_total`, `hx`)
/// are reported as estimates only.
pub fn is_hypothesis_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(['H', 'h']) else {
        return false;
    };
    match rest.strip_prefix('_') {
        Some(named) => named.chars().any(|c| c.is_ascii_digit()),
        None => rest.starts_with(|c: char| c.is_ascii_digit()),
    }
}

/// The bootstrap confidence interval of a defined parameter, which judges
/// it as a hypothesis ([`evaluate`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootCi {
    pub lower: f64,
    pub upper: f64,
    /// The interval's level (0.95).
    pub level: f64,
    pub ci_type: crate::bootstrap::CiType,
}

impl BootCi {
    /// The interval excludes 0 on the side of `sign` (either side for
    /// [`Sign::Any`]).
    pub fn excludes_zero(&self, sign: Sign) -> bool {
        match sign {
            Sign::Positive => self.lower > 0.0,
            Sign::Negative => self.upper < 0.0,
            Sign::Any => self.lower > 0.0 || self.upper < 0.0,
        }
    }
}

/// The path a hypothesis tests: a regression path, or a defined parameter
/// (then `outcome` is its name, `predictor` empty and `defined` its
/// expression).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathEstimate {
    pub label: String,
    pub outcome: String,
    pub predictor: String,
    /// 1-based group; 0 for a defined parameter of a multi-group model.
    pub group: usize,
    pub std_all: f64,
    pub est: f64,
    pub se: Option<f64>,
    pub z: Option<f64>,
    /// Two-tailed normal p-value.
    pub pvalue: Option<f64>,
    /// For a defined parameter: what it tests, as the table shows it (the
    /// chain `X → M → Y` of a product of path labels, else its expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defined: Option<String>,
    /// For a defined parameter after a bootstrap: its bootstrap interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_ci: Option<BootCi>,
}

impl PathEstimate {
    /// The key of its expected sign in [`HypothesisRule::signs`]: the label,
    /// else `outcome~predictor`.
    pub fn key(&self) -> String {
        if self.label.is_empty() {
            format!("{}~{}", self.outcome, self.predictor)
        } else {
            self.label.clone()
        }
    }

    /// Its name in the tables: the label, else `outcome ~ predictor`.
    pub fn name(&self) -> String {
        if self.label.is_empty() {
            format!("{} ~ {}", self.outcome, self.predictor)
        } else {
            self.label.clone()
        }
    }

    /// What it tests, in words: `predictor → outcome`, or the defined
    /// parameter's [`PathEstimate::defined`].
    pub fn path(&self) -> String {
        match &self.defined {
            Some(d) => d.clone(),
            None => format!(
                "{} → {}",
                crate::moderation::readable(&self.predictor),
                self.outcome
            ),
        }
    }
}

/// One row of the hypothesis table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hypothesis {
    /// The label (`H1a`), or `outcome ~ predictor` when unlabelled.
    pub name: String,
    pub path: String,
    pub outcome: String,
    pub predictor: String,
    /// 1-based group; 0 for a defined parameter of a multi-group model.
    pub group: usize,
    pub expected_sign: Sign,
    pub std_beta: f64,
    pub est: f64,
    pub se: Option<f64>,
    pub z: Option<f64>,
    /// The p-value the rule uses (one- or two-tailed).
    pub pvalue: Option<f64>,
    pub stars: String,
    pub supported: bool,
    /// The bootstrap interval that judged it (a defined parameter after a
    /// bootstrap); None: judged by its p-value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged_by_ci: Option<BootCi>,
}

/// Significance stars for a p-value.
pub fn stars(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "***".into(),
        Some(p) if p < 0.01 => "**".into(),
        Some(p) if p < 0.05 => "*".into(),
        _ => String::new(),
    }
}

/// Applies the rule to every path.
pub fn evaluate(paths: &[PathEstimate], rule: &HypothesisRule) -> Vec<Hypothesis> {
    paths
        .iter()
        .map(|p| {
            let key = format!("{}~{}", p.outcome, p.predictor);
            let name = p.name();
            let sign = rule
                .signs
                .get(&p.label)
                .or_else(|| rule.signs.get(&key))
                .copied()
                .unwrap_or(rule.expected_sign);
            let sign_ok = match sign {
                Sign::Positive => p.est > 0.0,
                Sign::Negative => p.est < 0.0,
                Sign::Any => true,
            };
            let pvalue = p.pvalue.map(|p2| match (rule.tails, sign) {
                (Tails::Two, _) | (Tails::One, Sign::Any) => p2,
                (Tails::One, _) if sign_ok => p2 / 2.0,
                (Tails::One, _) => 1.0 - p2 / 2.0,
            });
            // a defined parameter after a bootstrap: its interval decides
            let judged_by_ci = p.boot_ci.filter(|_| p.defined.is_some());
            let supported = match judged_by_ci {
                Some(ci) => ci.excludes_zero(sign),
                None => sign_ok && pvalue.is_some_and(|x| x < rule.alpha),
            };
            Hypothesis {
                name,
                path: p.path(),
                outcome: p.outcome.clone(),
                predictor: p.predictor.clone(),
                group: p.group,
                expected_sign: sign,
                std_beta: p.std_all,
                est: p.est,
                se: p.se,
                z: p.z,
                pvalue,
                stars: stars(pvalue),
                supported,
                judged_by_ci,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(est: f64, p: f64) -> PathEstimate {
        PathEstimate {
            label: "H1".into(),
            outcome: "Y".into(),
            predictor: "X".into(),
            group: 1,
            std_all: est / 2.0,
            est,
            se: Some(0.1),
            z: Some(est / 0.1),
            pvalue: Some(p),
            defined: None,
            boot_ci: None,
        }
    }

    #[test]
    fn hypothesis_names_of_defined_parameters() {
        for n in ["H6", "H1a", "H2b", "h2", "H3_2", "H_ind1", "H_4a", "h_ind2"] {
            assert!(is_hypothesis_name(n), "{n}");
        }
        for n in [
            "indirect", "total", "H", "Ha", "ab", "hx1", "H_", "H_total", "Hind1",
        ] {
            assert!(!is_hypothesis_name(n), "{n}");
        }
    }

    #[test]
    fn two_tailed_positive_default() {
        let r = HypothesisRule::default();
        let h = evaluate(&[path(0.3, 0.004), path(-0.3, 0.004), path(0.3, 0.2)], &r);
        assert!(h[0].supported && h[0].stars == "**");
        assert!(!h[1].supported, "wrong sign is not support");
        assert!(!h[2].supported && h[2].stars.is_empty());
    }

    #[test]
    fn one_tailed_halves_p_in_expected_direction() {
        let r = HypothesisRule {
            tails: Tails::One,
            ..Default::default()
        };
        let h = evaluate(&[path(0.3, 0.08), path(-0.3, 0.08)], &r);
        assert!((h[0].pvalue.unwrap() - 0.04).abs() < 1e-12 && h[0].supported);
        assert!((h[1].pvalue.unwrap() - 0.96).abs() < 1e-12 && !h[1].supported);
    }

    /// H6 := a*b after a bootstrap: its interval decides, whatever the
    /// delta-method p says; a regression path keeps its p.
    #[test]
    fn a_defined_hypothesis_after_a_bootstrap_is_judged_by_its_interval() {
        let ci = |lower, upper| BootCi {
            lower,
            upper,
            level: 0.95,
            ci_type: crate::bootstrap::CiType::BiasCorrected,
        };
        let defined = |p: f64, c: BootCi| PathEstimate {
            predictor: String::new(),
            defined: Some("X → M → Y".into()),
            boot_ci: Some(c),
            ..path(0.12, p)
        };
        let r = HypothesisRule::default();
        let h = evaluate(
            &[
                defined(0.08, ci(0.01, 0.25)),
                defined(0.01, ci(-0.02, 0.25)),
                PathEstimate {
                    boot_ci: Some(ci(-0.1, 0.3)),
                    ..path(0.3, 0.004)
                },
            ],
            &r,
        );
        assert!(h[0].supported && h[0].judged_by_ci.is_some());
        assert!(!h[1].supported, "an interval that covers 0 is not support");
        assert!(h[2].supported && h[2].judged_by_ci.is_none());
        // the expected sign: a negative effect needs an interval below 0
        let mut neg = r.clone();
        neg.expected_sign = Sign::Negative;
        let below = PathEstimate {
            est: -0.12,
            ..defined(0.5, ci(-0.3, -0.02))
        };
        assert!(evaluate(std::slice::from_ref(&below), &neg)[0].supported);
        assert!(!evaluate(&[below], &r)[0].supported);
    }

    #[test]
    fn per_hypothesis_sign() {
        let mut r = HypothesisRule::default();
        r.signs.insert("H1".into(), Sign::Negative);
        assert!(evaluate(&[path(-0.3, 0.001)], &r)[0].supported);
    }
}
