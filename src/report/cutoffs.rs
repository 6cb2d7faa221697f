//! Conventional cutoffs for fit indices, each with its source: one place
//! for the rows of the fit table and the rule beside each index.

/// A cutoff rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    AtLeast(f64),
    AtMost(f64),
    Above(f64),
    Below(f64),
}

impl Rule {
    pub fn met(self, x: f64) -> bool {
        match self {
            Rule::AtLeast(c) => x >= c,
            Rule::AtMost(c) => x <= c,
            Rule::Above(c) => x > c,
            Rule::Below(c) => x < c,
        }
    }

    pub fn describe(self) -> String {
        let f = |c: f64| {
            if c < 1.0 {
                let s = format!("{c:.2}");
                s.strip_prefix('0').map(str::to_string).unwrap_or(s)
            } else {
                format!("{c}")
            }
        };
        match self {
            Rule::AtLeast(c) => format!("≥ {}", f(c)),
            Rule::AtMost(c) => format!("≤ {}", f(c)),
            Rule::Above(c) => format!("> {}", f(c)),
            Rule::Below(c) => format!("< {}", f(c)),
        }
    }
}

/// One row of the fit table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitRow {
    /// lavaan's name of the measure.
    pub key: &'static str,
    pub label: &'static str,
    pub rule: Option<Rule>,
    pub source: &'static str,
}

const HU_BENTLER: &str = "Hu & Bentler (1999)";

/// The rows of the fit table, in the order a paper reports them.
pub const FIT_ROWS: [FitRow; 18] = [
    FitRow {
        key: "chisq",
        label: "χ²",
        rule: None,
        source: "",
    },
    FitRow {
        key: "df",
        label: "df",
        rule: None,
        source: "",
    },
    FitRow {
        key: "pvalue",
        label: "p (χ²)",
        rule: Some(Rule::Above(0.05)),
        source: "exact fit test",
    },
    FitRow {
        key: "chisq/df",
        label: "χ²/df",
        rule: Some(Rule::Below(3.0)),
        source: "Kline (2016)",
    },
    FitRow {
        key: "gfi",
        label: "GFI",
        rule: Some(Rule::AtLeast(0.90)),
        source: "Jöreskog & Sörbom (1984)",
    },
    FitRow {
        key: "agfi",
        label: "AGFI",
        rule: Some(Rule::AtLeast(0.80)),
        source: "Jöreskog & Sörbom (1984)",
    },
    FitRow {
        key: "cfi",
        label: "CFI",
        rule: Some(Rule::AtLeast(0.95)),
        source: HU_BENTLER,
    },
    FitRow {
        key: "tli",
        label: "TLI (NNFI)",
        rule: Some(Rule::AtLeast(0.95)),
        source: HU_BENTLER,
    },
    FitRow {
        key: "nfi",
        label: "NFI",
        rule: Some(Rule::AtLeast(0.90)),
        source: "Bentler & Bonett (1980)",
    },
    FitRow {
        key: "ifi",
        label: "IFI",
        rule: Some(Rule::AtLeast(0.90)),
        source: "Bollen (1989)",
    },
    FitRow {
        key: "rni",
        label: "RNI",
        rule: Some(Rule::AtLeast(0.95)),
        source: HU_BENTLER,
    },
    FitRow {
        key: "rmsea",
        label: "RMSEA",
        rule: Some(Rule::AtMost(0.06)),
        source: HU_BENTLER,
    },
    FitRow {
        key: "rmsea.ci.lower",
        label: "RMSEA 90% CI lower",
        rule: None,
        source: "",
    },
    FitRow {
        key: "rmsea.ci.upper",
        label: "RMSEA 90% CI upper",
        rule: Some(Rule::AtMost(0.08)),
        source: "Browne & Cudeck (1993)",
    },
    FitRow {
        key: "rmsea.pvalue",
        label: "p-close (RMSEA ≤ .05)",
        rule: Some(Rule::Above(0.05)),
        source: "Browne & Cudeck (1993)",
    },
    FitRow {
        key: "srmr",
        label: "SRMR",
        rule: Some(Rule::AtMost(0.08)),
        source: HU_BENTLER,
    },
    FitRow {
        key: "aic",
        label: "AIC",
        rule: None,
        source: "lower is better when comparing models",
    },
    FitRow {
        key: "bic",
        label: "BIC",
        rule: None,
        source: "lower is better when comparing models",
    },
];

/// Cutoffs of the measures only the AMOS fit summary shows (the others take
/// their rule from [`FIT_ROWS`], so one index has one rule everywhere).
/// By AMOS's name of the measure.
pub const AMOS_ONLY_RULES: [(&str, Rule, &str); 5] = [
    ("RFI", Rule::AtLeast(0.90), "Bollen (1986)"),
    ("PGFI", Rule::AtLeast(0.50), "Mulaik et al. (1989)"),
    ("PNFI", Rule::AtLeast(0.50), "Mulaik et al. (1989)"),
    ("PCFI", Rule::AtLeast(0.50), "Mulaik et al. (1989)"),
    ("HOELTER .05", Rule::AtLeast(200.0), "Hoelter (1983)"),
];

/// The rule AMOS users apply to AIC, BCC, BIC, CAIC and ECVI: the default
/// model's value below both the saturated and the independence model's
/// (吴明隆 2010, 结构方程模型——AMOS的操作与应用, the handbook most of our
/// AMOS users learned it from), in English and Chinese.
pub const INFORMATION_CRITERIA_SOURCE: (&str, &str) = ("Wu (2010)", "吴明隆 (2010)");

/// English labels of the scaled and robust versions (lavaan's names);
/// `words::fit_label` translates by the same names.
const VARIANT_LABELS: [(&str, &str); 20] = [
    ("chisq.scaled", "χ² scaled"),
    ("df.scaled", "df"),
    ("pvalue.scaled", "p (χ² scaled)"),
    ("chisq.scaling.factor", "scaling factor"),
    ("cfi.robust", "CFI robust"),
    ("tli.robust", "TLI robust"),
    ("rni.robust", "RNI robust"),
    ("rmsea.robust", "RMSEA robust"),
    ("rmsea.ci.lower.robust", "RMSEA robust 90% CI lower"),
    ("rmsea.ci.upper.robust", "RMSEA robust 90% CI upper"),
    ("rmsea.pvalue.robust", "p-close robust (RMSEA ≤ .05)"),
    ("cfi.scaled", "CFI scaled"),
    ("tli.scaled", "TLI scaled"),
    ("nfi.scaled", "NFI scaled"),
    ("ifi.scaled", "IFI scaled"),
    ("rni.scaled", "RNI scaled"),
    ("rmsea.scaled", "RMSEA scaled"),
    ("rmsea.ci.lower.scaled", "RMSEA scaled 90% CI lower"),
    ("rmsea.ci.upper.scaled", "RMSEA scaled 90% CI upper"),
    ("rmsea.pvalue.scaled", "p-close scaled (RMSEA ≤ .05)"),
];

/// One measure as the reports show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// lavaan's name of the value shown (`cfi.robust`; `chisq/df` for the
    /// ratio of [`crate::fitmeasures::chisq_df`]).
    pub key: String,
    /// English label; `words::fit_label` translates it by `key`.
    pub label: &'static str,
    /// The standard measure's row (its rule and source); None for the
    /// scaling factor.
    pub row: Option<&'static FitRow>,
    pub value: Option<f64>,
    /// One of the measures to report and judge; false for the standard and
    /// scaled versions shown beside the robust ones for comparison only.
    pub reported: bool,
}

impl Measure {
    /// Whether the value meets its rule: only for reported measures with a
    /// rule and a value (callers still ask [`super::verdicts::judged`]).
    pub fn met(&self) -> Option<bool> {
        let rule = self.row.and_then(|r| r.rule)?;
        (self.reported).then_some(())?;
        self.value.map(|v| rule.met(v))
    }

    /// The standard measure's lavaan name (`cfi` for `cfi.robust`).
    pub fn base(&self) -> &'static str {
        self.row.map_or("", |r| r.key)
    }
}

/// The one decision of which fit measures the reports give, in which
/// order, for the estimator of `fit` (lavaan's `fitMeasures()`): the page's
/// and the command line's fit table, APA Table 2, the methods paragraph and
/// the HTML report all read it.
///
/// Without a scaled test (ML, DWLS without correction): the rows of
/// [`FIT_ROWS`] as they are. With one (MLM, MLR, WLSMV) the reported rows
/// lead with what lavaan's `summary(fit.measures = TRUE)` and Mplus print
/// for these estimators: the scaled χ² with its df, p and scaling factor,
/// χ²/df of that χ², then each index in its robust version (Brosseau-Liard &
/// Savalei 2014; Savalei 2018, 2021 for RMSEA and WLSMV; lavaan's
/// `*.robust`), else its scaled one (`*.scaled`); measures not computed
/// from the test (GFI, AGFI, SRMR, AIC, BIC) as they are. After them, not
/// judged, the standard (unscaled) χ²-based measures, then the scaled
/// versions where the robust one was reported — for comparison with
/// software that prints them.
pub fn measures(fit: &crate::fitmeasures::FitMeasures) -> Vec<Measure> {
    use crate::fitmeasures::{reported_key, TEST_BASED};
    let get = |k: &str| fit.get(k).copied().flatten();
    let label_of = |key: &str, row: &'static FitRow| {
        VARIANT_LABELS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(row.label, |(_, l)| *l)
    };
    let measure = |key: &str, row: &'static FitRow, reported: bool| Measure {
        key: key.to_string(),
        label: label_of(key, row),
        row: Some(row),
        value: if key == "chisq/df" {
            crate::fitmeasures::chisq_df(fit)
        } else {
            get(key)
        },
        reported,
    };
    if !crate::fitmeasures::has_scaled_test(fit) {
        return FIT_ROWS.iter().map(|r| measure(r.key, r, true)).collect();
    }
    let mut out = Vec::new();
    let mut compare = Vec::new();
    let mut compare_scaled = Vec::new();
    for row in &FIT_ROWS {
        let key = match row.key {
            "chisq/df" => row.key.to_string(),
            k if TEST_BASED.contains(&k) => match reported_key(fit, k) {
                Some(v) => {
                    if v.ends_with(".robust") {
                        let scaled = format!("{k}.scaled");
                        if fit.contains_key(&scaled) {
                            compare_scaled.push(measure(&scaled, row, false));
                        }
                    }
                    compare.push(measure(k, row, false));
                    v
                }
                None => {
                    compare.push(measure(k, row, false));
                    continue;
                }
            },
            k => reported_key(fit, k).unwrap_or_else(|| k.to_string()),
        };
        out.push(measure(&key, row, true));
        if row.key == "pvalue" {
            out.push(Measure {
                key: "chisq.scaling.factor".into(),
                label: "scaling factor",
                row: None,
                value: get("chisq.scaling.factor"),
                reported: true,
            });
        }
    }
    out.extend(compare.into_iter().filter(|m| fit.contains_key(&m.key)));
    out.extend(compare_scaled);
    out
}

/// The reported measure whose standard name is `base` (`cfi` gives CFI
/// robust under MLR), from [`measures`].
pub fn reported<'a>(ms: &'a [Measure], base: &str) -> Option<&'a Measure> {
    ms.iter().find(|m| m.reported && m.base() == base)
}
