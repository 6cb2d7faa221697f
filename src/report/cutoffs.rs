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
#[derive(Debug, Clone, Copy)]
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
