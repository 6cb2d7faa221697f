//! The words of the result tables — captions, column headers, notes, flags
//! — in every language: one [`Words`] value per [`Lang`] ([`EN`], [`ZH`]).
//! Numbers, variable names, statistic symbols (χ², p, β, CFI, ...) and
//! citations stay the same in every language. Texts with numbers in them
//! are functions.

use crate::i18n::Lang;
use crate::moderation::ObservedRegion;
use crate::tables::hypotheses::{HypothesisRule, Sign, Tails};
use crate::tables::reliability::ConstructKind;

/// The words of the tables in one language.
pub struct Words {
    pub yes: &'static str,
    pub no: &'static str,

    // fit indices
    pub fit_caption: fn(usize, &str) -> String,
    pub fit_columns: [&'static str; 5],
    /// Row labels by lavaan measure name, where they differ from English.
    pub fit_labels: &'static [(&'static str, &'static str)],
    /// Sources of cutoffs, where they differ from English.
    pub fit_sources: &'static [(&'static str, &'static str)],
    pub fit_note: &'static str,
    pub scaled_robust_note: &'static str,
    /// The same for a scaled test without robust CFI, TLI and RMSEA
    /// ([`crate::fitmeasures::Indices::Scaled`]): the scaled ones lead.
    pub scaled_only_note: &'static str,
    /// Source column of a measure shown for comparison only.
    pub fit_comparison: &'static str,

    // Table I
    pub reliability_caption: &'static str,
    pub reliability_columns: [&'static str; 8],
    pub below_5: &'static str,
    pub below_7: &'static str,
    pub reliability_note: &'static str,
    /// Led by a space: how α is computed when FIML used the rows with
    /// missing values ([`super::fiml_alpha_note`]).
    pub fiml_alpha_note: &'static str,

    // discriminant validity
    pub fornell_caption: &'static str,
    pub fornell_note: &'static str,
    pub htmt_caption: &'static str,
    pub htmt_note: &'static str,
    /// Why a pair of constructs has no HTMT: (construct, construct, shared items).
    pub htmt_shared: fn(&str, &str, &str) -> String,
    /// Why a construct has no AVE (and no √AVE): (construct, its items that
    /// load on another construct too).
    pub ave_cross_loading: fn(&str, &str) -> String,
    /// Instead of the reliability and discriminant-validity tables, for a
    /// model without latent variables measured by items.
    pub no_constructs_note: &'static str,
    /// Headings of the whole report's path diagram and methods paragraph.
    pub report_diagram: &'static str,
    pub report_methods: &'static str,
    /// Instead of those tables, for a model whose latent variables are none
    /// of them scales (followed by [`Words::not_scale`] for each kind).
    pub no_scales_note: &'static str,
    /// Why latent variables of a kind other than a scale get no loading
    /// flags, α, CR, AVE, HTMT or Fornell–Larcker (their names joined).
    pub not_scale: fn(ConstructKind, &str) -> String,
    /// Joins names in a list.
    pub name_sep: &'static str,
    /// The first line of the terminal report: version, estimator, N, rows
    /// read, free parameters, and the iterations when it converged.
    pub report_header: fn(&str, &str, usize, usize, usize, Option<usize>) -> String,
    /// A terminal table without rows.
    pub no_rows: &'static str,
    /// Leads the notes of every table with verdicts when the estimation did
    /// not converge (see [`super::verdicts::judged`]).
    pub not_judged: &'static str,

    // Table III
    /// Said instead of an empty hypothesis table (a CFA has no regression
    /// paths): the page's table and the terminal report.
    pub no_hypotheses: &'static str,
    pub hypotheses_caption: &'static str,
    pub hypotheses_columns: [&'static str; 9],
    pub supported_yes: &'static str,
    pub supported_no: &'static str,
    pub hypotheses_note: fn(&str) -> String,
    /// The defined-parameter hypotheses judged by their bootstrap interval
    /// (`{names}`, each with its interval), the interval's level in percent
    /// and its kind ([`Words::ci_type`]).
    pub hypotheses_boot_note: fn(&str, &str, &str) -> String,
    /// The hypothesis rule in words.
    pub rule: fn(&HypothesisRule) -> String,

    // parameters
    pub parameters_caption: &'static str,
    pub parameters_columns: [&'static str; 12],
    pub se_ml: &'static str,
    pub se_mlr: &'static str,
    pub se_mlm: &'static str,
    pub se_wlsmv: &'static str,
    pub parameters_note: fn(&str) -> String,
    pub boot_columns: [&'static str; 3],
    pub boot_stopped: fn(usize, usize) -> String,
    /// ok, requested, seed, interval type, level (%).
    pub boot_note: fn(usize, usize, u64, &str, f64) -> String,
    pub percentile: &'static str,
    pub bias_corrected: &'static str,

    // R², modification indices, warnings
    pub r2_caption: &'static str,
    pub r2_columns: [&'static str; 2],
    pub mi_caption: &'static str,
    pub mi_columns: [&'static str; 7],
    pub mi_note: fn(f64) -> String,
    pub warnings_caption: &'static str,
    pub warnings_column: &'static str,

    // missing-data patterns
    pub patterns_caption: fn(usize) -> String,
    pub patterns_rows: &'static str,
    pub patterns_observed: &'static str,
    pub patterns_note: &'static str,
    pub patterns_more: fn(usize, usize) -> String,
    pub patterns_fiml: fn(usize) -> String,
    pub patterns_listwise: fn(usize) -> String,
    pub patterns_read: fn(usize, &str) -> String,
    pub patterns_empty: fn(usize) -> String,
    /// The rows without a value in the group column (of no group).
    pub patterns_no_group: fn(usize) -> String,
    pub patterns_end: &'static str,

    // APA tables
    pub apa_table: &'static str,
    pub apa_note: &'static str,
    /// Between "Note." and the note's text.
    pub note_gap: &'static str,
    pub apa_measurement_caption: &'static str,
    pub apa_measurement_columns: [&'static str; 6],
    pub apa_loadings_001: &'static str,
    pub apa_loadings_05: &'static str,
    pub apa_measurement_note: fn(usize, &str) -> String,
    pub apa_fit_caption: &'static str,
    pub apa_model: &'static str,
    pub apa_criterion: &'static str,
    /// Which statistics APA Table 2 gives for a scaled test (the
    /// estimator; robust or, without robust ones, scaled indices).
    pub apa_fit_robust: fn(&str, crate::fitmeasures::Indices) -> String,
    pub apa_fit_note: fn(usize, &str, &str) -> String,
    pub apa_construct: &'static str,
    pub apa_fornell_caption: &'static str,
    pub apa_fornell_note: fn(usize) -> String,
    pub apa_fornell_flag: &'static str,
    pub apa_htmt_caption: &'static str,
    pub apa_htmt_note: fn(usize) -> String,
    pub apa_hypotheses_caption: &'static str,
    pub apa_hypotheses_columns: [&'static str; 8],
    pub apa_yes: &'static str,
    pub apa_no: &'static str,
    pub apa_hypotheses_note: fn(usize, &str) -> String,
    /// The first column of a multi-group fit's hypothesis table, a
    /// group with its n, the row of a hypothesis on a defined parameter
    /// (one for all groups) and the note's sentence naming the group
    /// column and its groups.
    pub apa_group: &'static str,
    pub apa_group_n: fn(&str, usize) -> String,
    pub apa_all_groups: &'static str,
    /// (the column, its groups, whether a row is of all groups)
    pub apa_hypotheses_groups: fn(&str, &str, bool) -> String,

    // moderation (simple slopes)
    pub moderation_caption: &'static str,
    /// Effect, at W, estimate, SE, z, p, CI.
    pub moderation_columns: [&'static str; 7],
    /// Slope of x on y; conditional indirect x → m → y; index of moderated mediation.
    pub moderation_kinds: [&'static str; 3],
    /// W's name and offset in SDs (−1, 0, +1) and value.
    pub moderation_at: fn(&str, i8, &str) -> String,
    /// A dichotomous W's name and one of its two values.
    pub moderation_at_value: fn(&str, &str) -> String,
    /// How the slopes were taken: the moderator.
    pub moderation_note: fn(&str) -> String,
    /// How the slopes were taken for a dichotomous W: its name and its two
    /// values (no mean ∓ 1 SD, no Johnson–Neyman region).
    pub moderation_note_dichotomous: fn(&str, &str, &str) -> String,
    /// An indirect path (as printed, `a → b → c`) W moderates at several
    /// edges (as printed, joined), moderator w: its conditional indirect
    /// effect is not linear in w, and has no index.
    pub moderation_quadratic: fn(&str, &str, &str) -> String,
    /// An indirect path (as printed) with an edge (as printed) moderated by
    /// another variable, moderator w, the other: not given.
    pub moderation_also: fn(&str, &str, &str, &str) -> String,
    /// The Johnson–Neyman region in words: focal x, outcome y, moderator
    /// w, where the slope is significant within W's observed range, the
    /// points inside it as printed, W's observed range (as printed) when
    /// known, and the points outside it (as printed).
    pub moderation_region: RegionWords,
    /// The simple-slopes plot's title: focal x, outcome y, moderator w.
    pub slopes_plot_title: fn(&str, &str, &str) -> String,

    // indirect, direct and total effects
    pub effects_caption: &'static str,
    /// Effect, path, estimate, SE, p, CI, std.all (no z: it is the
    /// estimate over its SE, both shown, and the table fits the results
    /// pane beside the open drawing without it).
    pub effects_columns: [&'static str; 7],
    /// Bootstrap SE, percentile CI, bias-corrected CI (level in %).
    pub effects_boot_columns: fn(f64) -> [String; 3],
    pub effects_mediation: &'static str,
    /// Specific indirect, direct, total indirect, total.
    pub effect_kinds: [&'static str; 4],
    /// A direct effect that the model does not have.
    pub effects_no_direct: &'static str,
    /// The SE note (estimator's words) in.
    pub effects_note: fn(&str) -> String,
    pub apa_effects_caption: &'static str,
    /// Path, effect, B, SE, CI, β, mediation.
    pub apa_effects_columns: [&'static str; 7],
    /// The CI column's header for a bootstrap interval (type in words, level %).
    pub apa_effects_boot_ci: fn(&str, f64) -> String,
    /// N, where the CI comes from (words), the mediation rule.
    pub apa_effects_note: fn(usize, &str, &str) -> String,
    pub apa_delta_ci: &'static str,
    pub apa_moderation_caption: &'static str,
    /// The effects tables' note in a model with a product term.
    pub effects_moderated_note: &'static str,
    /// Effect, at W, B, SE, CI.
    pub apa_moderation_columns: [&'static str; 5],
}

impl Words {
    /// A fit row's label (`key` is lavaan's measure name).
    pub fn fit_label(&self, key: &str, english: &'static str) -> &'static str {
        self.fit_labels
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or(english)
    }
    /// A cutoff's source.
    pub fn fit_source(&self, english: &'static str) -> &'static str {
        self.fit_sources
            .iter()
            .find(|(k, _)| *k == english)
            .map(|(_, l)| *l)
            .unwrap_or(english)
    }
    /// The name of a bootstrap interval type ("percentile", "bias-corrected").
    pub fn ci_type(&self, t: crate::bootstrap::CiType) -> &'static str {
        match t {
            crate::bootstrap::CiType::Percentile => self.percentile,
            crate::bootstrap::CiType::BiasCorrected => self.bias_corrected,
        }
    }
}

/// The Johnson–Neyman sentence: focal x, outcome y, moderator w, the
/// region within W's observed range, the points inside it, the range and
/// the points outside it (as printed).
pub type RegionWords =
    fn(&str, &str, &str, ObservedRegion, &[String], Option<(String, String)>, &[String]) -> String;

/// The words of a language.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// English.
pub const EN: Words = Words {
    yes: "yes",
    no: "no",

    fit_caption: |n, est| format!("Fit indices (N = {n}, estimator {est})"),
    fit_columns: ["Index", "Value", "Cutoff", "Met", "Source"],
    fit_labels: &[],
    fit_sources: &[],
    fit_note: "Cutoffs are conventions, not laws; judge fit by several indices together.",
    scaled_robust_note: " The χ² scaled is the estimator's corrected test statistic \
     (Satorra–Bentler, Yuan–Bentler, or for WLSMV mean- and variance-adjusted). \
     Robust indices estimate the population CFI, TLI and RMSEA under that correction \
     (Brosseau-Liard & Savalei 2014; Savalei 2021 for WLSMV; lavaan's *.robust) and are \
     the ones to report; scaled indices put the scaled χ² into the usual formulas \
     (lavaan's *.scaled), as older software did. The measures to report come first \
     (χ², p and χ²/df scaled; CFI, TLI and RMSEA robust); the unscaled and scaled \
     ones after them are shown for comparison and not judged.",
    scaled_only_note: " The χ² scaled is the estimator's corrected test statistic \
     (Satorra–Bentler, Yuan–Bentler, or for WLSMV mean- and variance-adjusted). \
     Robust CFI, TLI and RMSEA are undefined for this model (lavaan leaves them NA, \
     e.g. when an equality constraint ties thresholds or a polychoric matrix is not \
     positive definite), so the scaled indices, which put the scaled χ² into the usual \
     formulas (lavaan's *.scaled), are reported. The measures to report come first \
     (χ², p and χ²/df scaled; CFI, TLI and RMSEA scaled); the unscaled ones after \
     them are shown for comparison and not judged.",
    fit_comparison: "for comparison only, not judged",

    reliability_caption: "Reliability and convergent validity",
    reliability_columns: [
        "Construct",
        "Item",
        "Std. loading",
        "Loading flag",
        "Cronbach's α",
        "CR (ω)",
        "AVE",
        "Construct flag",
    ],
    below_5: "below .5",
    below_7: "below .7",
    reliability_note: "CR is composite reliability ω (semTools compRelSEM); AVE as semTools AVE. Common thresholds: loading ≥ .7 (≥ .5 acceptable), CR ≥ .7, AVE ≥ .5 (Hair et al. 2019; Fornell & Larcker 1981).",
    fiml_alpha_note: " With full-information ML, α is computed on the rows in which all of its construct's items are observed (each construct its own rows); CR and AVE come from the model's estimates, which use every row.",

    fornell_caption: "Fornell–Larcker criterion",
    fornell_note: "Diagonal: √AVE; below: model-implied factor correlations. † the correlation is not below both √AVE values (Fornell & Larcker 1981).",
    htmt_caption: "HTMT (heterotrait–monotrait ratio)",
    htmt_note: "Geometric-mean HTMT (semTools htmt2). † ≥ .85 (strict criterion), ‡ ≥ .90 (liberal criterion; Henseler, Ringle & Sarstedt 2015).",
    htmt_shared: |a, b, items| {
        format!("{a} and {b} share {items}: HTMT assumes each item measures one construct, so it is not computed for this pair.")
    },
    ave_cross_loading: |c, items| {
        format!("AVE is not given for {c}: {items} also loads on another construct, and AVE assumes each item measures one construct (semTools' AVE gives NA).")
    },
    no_constructs_note: "Reliability and validity apply to latent variables measured by items; this model has none.",
    report_diagram: "Path diagram",
    report_methods: "Methods",
    no_scales_note: "Reliability and validity apply to scales: latent variables reflected by items whose loadings the model estimates. None of this model's latent variables is a scale.",
    not_scale: |kind, names| match kind {
        ConstructKind::FixedLoadings => format!("{names}: every loading is fixed in the model (growth factors or a fixed-weight composite), so no loading is estimated; loading flags, α, CR, AVE, HTMT and Fornell–Larcker do not apply."),
        ConstructKind::SingleIndicator => format!("{names}: one indicator, so α, CR, AVE and HTMT are undefined and its loading only sets the scale; they are not shown."),
        ConstructKind::HigherOrder => format!("{names}: a second-order factor, measured by factors rather than items; its first-order factors are checked as scales (semTools compRelSEM(higher = ...) gives its own reliability)."),
        ConstructKind::Scale => String::new(),
    },
    name_sep: ", ",
    report_header: |version, estimator, n, read, npar, iterations| {
        let conv = match iterations {
            Some(i) => format!("converged after {i} iterations"),
            None => "DID NOT CONVERGE".to_string(),
        };
        format!("semlab {version} — {estimator} estimation, N = {n} ({read} rows read), {npar} free parameters, {conv}")
    },
    no_rows: "(none)",
    not_judged: "The estimation did not converge: these numbers are not a solution, so no cutoff, flag or verdict is given. ",
    no_hypotheses: "The model has no regression paths, so there are no hypotheses to test.",

    hypotheses_caption: "Hypotheses",
    hypotheses_columns: [
        "Hypothesis",
        "Path",
        "Std. β",
        "Estimate",
        "SE",
        "z",
        "p",
        "",
        "Supported",
    ],
    supported_yes: "yes",
    supported_no: "no",
    hypotheses_note: |rule| format!("Rule: {rule}. * p < .05, ** p < .01, *** p < .001."),
    hypotheses_boot_note: |names, level, kind| format!(
        "After the bootstrap, {names} judged by the {level}% {kind} bootstrap confidence interval, which must exclude 0 on the expected side (Wen & Ye, 2014); its p is the delta method's."
    ),
    rule: |r| r.describe(),

    parameters_caption: "Parameter estimates",
    parameters_columns: [
        "lhs", "op", "rhs", "label", "Estimate", "SE", "z", "p", "CI lower", "CI upper", "Std.lv",
        "Std.all",
    ],
    se_ml: "Standard errors from the expected information",
    se_mlr: "Robust (Huber–White) standard errors from the observed information",
    se_mlm: "Robust (Satorra–Bentler) standard errors from the expected information",
    se_wlsmv: "Robust (WLSMV sandwich) standard errors; thresholds `|` of the ordinal items, whose residual variances follow from the model (delta parameterization)",
    parameters_note: |se| {
        format!("{se}; 95% confidence intervals. Fixed parameters have no SE.")
    },
    boot_columns: ["Boot SE", "Boot CI lower", "Boot CI upper"],
    boot_stopped: |completed, requested| {
        format!(" The bootstrap was stopped after {completed} of {requested} draws: its columns rest on those draws only.")
    },
    boot_note: |ok, requested, seed, ci, level| {
        format!(" Bootstrap: {ok} of {requested} draws used (seed {seed}), {ci} {level:.0}% intervals.")
    },
    percentile: "percentile",
    bias_corrected: "bias-corrected",

    r2_caption: "R² of endogenous variables",
    r2_columns: ["Variable", "R²"],
    mi_caption: "Modification indices",
    mi_columns: ["lhs", "op", "rhs", "MI", "EPC", "sEPC (lv)", "sEPC (all)"],
    mi_note: |min| {
        format!("Score tests for freeing one parameter at a time (χ² with 1 df; 3.84 is p = .05). Shown: MI ≥ {min}. Free a parameter only when it makes theoretical sense.")
    },
    warnings_caption: "Warnings",
    warnings_column: "Warning",

    patterns_caption: |n| format!("Missing-data patterns ({n} patterns)"),
    patterns_rows: "Rows",
    patterns_observed: "observed",
    patterns_note: "1 = observed, 0 = missing; most frequent pattern first.",
    patterns_more: |n, rows| format!(" {n} more patterns ({rows} rows) are not shown."),
    patterns_fiml: |used| format!("all {used} rows with a value were used by full-information ML"),
    patterns_listwise: |used| format!("listwise deletion used the {used} complete rows"),
    patterns_read: |read, how| format!(" Of {read} rows read, {how}"),
    patterns_empty: |n| format!("; {n} rows without any value were left out"),
    patterns_no_group: |n| match n {
        1 => "; 1 row without a value in the group column was left out".into(),
        n => format!("; {n} rows without a value in the group column were left out"),
    },
    patterns_end: ".",

    apa_table: "Table",
    apa_note: "Note.",
    note_gap: " ",
    apa_measurement_caption: "Measurement Model: Standardized Loadings, Reliability, and Convergent Validity",
    apa_measurement_columns: ["Construct", "Item", "λ", "α", "CR", "AVE"],
    apa_loadings_001: " All freely estimated loadings were significant at p < .001.",
    apa_loadings_05: " All freely estimated loadings were significant at p < .05.",
    apa_measurement_note: |n, sig| {
        format!("N = {n}. λ = standardized factor loading; α = Cronbach's alpha; CR = composite reliability (ω); AVE = average variance extracted.{sig} Common thresholds: λ ≥ .70, CR ≥ .70, AVE ≥ .50 (Fornell & Larcker, 1981; Hair et al., 2019).")
    },
    apa_fit_caption: "Model Fit Indices",
    apa_model: "Model",
    apa_criterion: "Criterion",
    apa_fit_robust: |est, indices| match indices {
        crate::fitmeasures::Indices::Scaled => format!(" χ², p and χ²/df are the scaled ({est}) statistics; CFI, TLI and RMSEA their scaled versions, as the robust ones are undefined for this model (lavaan leaves them NA)."),
        _ => format!(" χ², p and χ²/df are the scaled ({est}) statistics; CFI, TLI and RMSEA their robust versions."),
    },
    apa_fit_note: |n, est, robust| {
        format!("N = {n}; estimator {est}.{robust} GFI = goodness-of-fit index; AGFI = adjusted GFI; CFI = comparative fit index; TLI = Tucker–Lewis index; NFI = normed fit index; IFI = incremental fit index; RMSEA = root mean square error of approximation; CI = confidence interval; SRMR = standardized root mean square residual. Criteria: Hu and Bentler (1999) for CFI, TLI, RMSEA and SRMR; Kline (2016) for χ²/df; Jöreskog and Sörbom (1984) for GFI and AGFI; Bentler and Bonett (1980) for NFI; Bollen (1989) for IFI.")
    },
    apa_construct: "Construct",
    apa_fornell_caption: "Discriminant Validity: Fornell–Larcker Criterion",
    apa_fornell_note: |n| {
        format!("N = {n}. Values on the diagonal are the square roots of the AVE; values below it are the model-implied correlations between the constructs. Discriminant validity holds when each correlation is below both square roots (Fornell & Larcker, 1981).")
    },
    apa_fornell_flag: " † The correlation is not below the square root of the AVE of both constructs.",
    apa_htmt_caption: "Discriminant Validity: Heterotrait–Monotrait Ratios (HTMT)",
    apa_htmt_note: |n| {
        format!("N = {n}. HTMT computed from the item correlations as the geometric-mean ratio (HTMT2). † HTMT ≥ .85 (strict criterion); ‡ HTMT ≥ .90 (liberal criterion; Henseler et al., 2015).")
    },
    apa_hypotheses_caption: "Structural Paths and Hypothesis Tests",
    apa_hypotheses_columns: ["Hypothesis", "Path", "β", "B", "SE", "z", "p", "Supported"],
    apa_yes: "Yes",
    apa_no: "No",
    apa_hypotheses_note: |n, rule| {
        format!("N = {n}. β = standardized coefficient; B = unstandardized coefficient. One rule for every hypothesis: {rule}. *p < .05. **p < .01. ***p < .001.")
    },
    apa_group: "Group",
    apa_group_n: |g, n| format!("{g} (n = {n})"),
    apa_all_groups: "All groups",
    apa_hypotheses_groups: |column, groups, all| {
        let all = if all { "; All groups: a defined parameter, one for all groups" } else { "" };
        format!(" Group: the group of {column} each estimate is of ({groups}){all}.")
    },

    moderation_caption: "Moderation: simple slopes",
    moderation_columns: ["Effect", "At", "Estimate", "SE", "z", "p", "95% CI"],
    moderation_kinds: ["Slope", "Conditional indirect", "Index of moderated mediation"],
    moderation_at: |w, k, v| match k {
        0 => format!("{w} = mean ({v})"),
        k if k < 0 => format!("{w} = mean − 1 SD ({v})"),
        _ => format!("{w} = mean + 1 SD ({v})"),
    },
    moderation_at_value: |w, v| format!("{w} = {v}"),
    moderation_note: |w| {
        format!("Simple slopes at the mean of {w} and one SD (divisor n − 1, as PROCESS) either side, with delta-method SEs (Hayes 2022).")
    },
    moderation_note_dichotomous: |w, lo, hi| {
        format!("{w} takes two values in the data ({lo} and {hi}), so the simple slopes are at each of them rather than at the mean and one SD either side, which {w} never takes (as PROCESS and JASP do for a dichotomous moderator), with delta-method SEs (Hayes 2022); a Johnson–Neyman region between two values is not given.")
    },
    moderation_quadratic: |path, edges, w| {
        format!("{w} moderates more than one stage of {path} ({edges}): its conditional indirect effect is not linear in {w}, and there is no single index of moderated mediation (PROCESS gives none either).")
    },
    moderation_also: |path, edge, w, other| {
        format!("{edge} of {path} is also moderated by {other}: its conditional indirect effect depends on both {w} and {other} and is not given here; write it as a defined parameter (:=) at chosen values of both.")
    },
    moderation_region: |x, y, w, region, jn, range, outside| {
        let slope = format!("the slope of {x} → {y}");
        let at = match (region, jn) {
            (ObservedRegion::OutsideOf(..), [lo, hi]) => {
                format!("{slope} is significant (p < .05) where {w} < {lo} or {w} > {hi}")
            }
            (ObservedRegion::Between(..), [lo, hi]) => {
                format!("{slope} is significant (p < .05) where {lo} < {w} < {hi}")
            }
            (ObservedRegion::Below(_), [p]) => {
                format!("{slope} is significant (p < .05) where {w} < {p}")
            }
            (ObservedRegion::Above(_), [p]) => {
                format!("{slope} is significant (p < .05) where {w} > {p}")
            }
            (ObservedRegion::None, _) if range.is_some() => {
                format!("{slope} is not significant (p < .05) anywhere in the observed range of {w}")
            }
            (ObservedRegion::None, _) => {
                format!("{slope} is not significant (p < .05) at any value of {w}")
            }
            _ if range.is_some() => {
                format!("{slope} is significant (p < .05) across the observed range of {w}")
            }
            _ => format!("{slope} is significant (p < .05) at every value of {w}"),
        };
        let range = range
            .map(|(lo, hi)| format!("; {w} ranges from {lo} to {hi} in the data"))
            .unwrap_or_default();
        let outside = match outside {
            [] => String::new(),
            [p] => format!(" (the transition point {w} = {p} lies outside it)"),
            _ => format!(
                " (the transition points {w} = {} lie outside it)",
                outside.join(" and ")
            ),
        };
        format!("Johnson–Neyman (1936): {at}{range}{outside}.")
    },
    slopes_plot_title: |x, y, w| format!("Simple slopes of {x} → {y} at three values of {w}"),
    effects_caption: "Indirect, direct and total effects",
    effects_columns: ["Effect", "Path", "Estimate", "SE", "p", "95% CI", "Std.all"],
    effects_boot_columns: |level| {
        [
            "Boot SE".to_string(),
            format!("Percentile {level:.0}% CI"),
            format!("Bias-corrected {level:.0}% CI"),
        ]
    },
    effects_mediation: "Mediation",
    effect_kinds: ["Indirect", "Direct", "Total indirect", "Total"],
    effects_no_direct: "not in the model",
    effects_note: |se| {
        format!("An indirect effect is the product of the coefficients along a path of two or more regressions; its SE is by the delta method and its p from z = estimate / SE, as lavaan's `:=` parameters ({se}). ")
    },
    apa_effects_caption: "Indirect, Direct and Total Effects",
    apa_effects_columns: ["Path", "Effect", "B", "SE", "95% CI", "β", "Mediation"],
    apa_effects_boot_ci: |ci, level| format!("{level:.0}% {ci} bootstrap CI"),
    apa_effects_note: |n, ci, rule| {
        format!("N = {n}. B = unstandardized effect; β = standardized effect (std.all); an indirect effect is the product of the coefficients along its path, with a delta-method SE. CI = {ci}. {rule}")
    },
    apa_delta_ci: "Wald interval from the delta-method SE",
    apa_moderation_caption: "Conditional Effects at Values of the Moderator",
    effects_moderated_note: " Paths through a regression with a product term x:w are left out: their effects depend on the moderator (see the conditional effects of the moderation table).",
    apa_moderation_columns: ["Effect", "Moderator", "B", "SE", "95% CI"],
};

/// The hypothesis rule in Chinese.
fn rule_zh(r: &HypothesisRule) -> String {
    let tails = match r.tails {
        Tails::Two => "双尾",
        Tails::One => "单尾",
    };
    let sign = match r.expected_sign {
        Sign::Positive => "预期为正向影响",
        Sign::Negative => "预期为负向影响",
        Sign::Any => "方向不限",
    };
    format!(
        "p < {} 时假设成立（{tails}检验，{sign}；单独设定的假设除外）",
        r.alpha
    )
}

/// 简体中文.
pub const ZH: Words = Words {
    yes: "是",
    no: "否",

    fit_caption: |n, est| format!("拟合指数（N = {n}，估计方法 {est}）"),
    fit_columns: ["指数", "数值", "标准", "是否达标", "来源"],
    fit_labels: &[
        ("rmsea.ci.lower", "RMSEA 90% 置信区间下限"),
        ("rmsea.ci.upper", "RMSEA 90% 置信区间上限"),
        ("rmsea.pvalue", "p-close（RMSEA ≤ .05）"),
        ("chisq.scaled", "校正 χ²"),
        ("chisq.scaling.factor", "校正因子"),
        ("pvalue.scaled", "p（校正 χ²）"),
        ("cfi.robust", "稳健 CFI"),
        ("tli.robust", "稳健 TLI"),
        ("rmsea.robust", "稳健 RMSEA"),
        ("rmsea.ci.lower.robust", "稳健 RMSEA 90% 置信区间下限"),
        ("rmsea.ci.upper.robust", "稳健 RMSEA 90% 置信区间上限"),
        ("cfi.scaled", "校正 CFI"),
        ("tli.scaled", "校正 TLI"),
        ("rmsea.scaled", "校正 RMSEA"),
        ("rmsea.ci.lower.scaled", "校正 RMSEA 90% 置信区间下限"),
        ("rmsea.ci.upper.scaled", "校正 RMSEA 90% 置信区间上限"),
        ("rni.robust", "稳健 RNI"),
        ("rmsea.pvalue.robust", "稳健 p-close（RMSEA ≤ .05）"),
        ("nfi.scaled", "校正 NFI"),
        ("ifi.scaled", "校正 IFI"),
        ("rni.scaled", "校正 RNI"),
        ("rmsea.pvalue.scaled", "校正 p-close（RMSEA ≤ .05）"),
    ],
    fit_sources: &[
        ("exact fit test", "精确拟合检验"),
        ("lower is better when comparing models", "比较模型时越小越好"),
    ],
    fit_note: "判断标准只是惯例而非定律；请综合多个指数评价模型拟合。",
    scaled_robust_note: "校正 χ² 是该估计方法修正后的检验统计量（Satorra–Bentler、Yuan–Bentler，WLSMV 则为均值与方差调整）。稳健指数估计该校正下总体的 CFI、TLI 和 RMSEA（Brosseau-Liard & Savalei 2014；WLSMV 见 Savalei 2021；即 lavaan 的 *.robust），应报告这些指数；校正指数则把校正 χ² 代入通常的公式（lavaan 的 *.scaled），与旧版软件的做法相同。应报告的指标列在前面（校正的 χ²、p 和 χ²/df；稳健的 CFI、TLI 和 RMSEA）；其后未校正与校正的指标仅供比较，不作判断。",
    scaled_only_note: "校正 χ² 是该估计方法修正后的检验统计量（Satorra–Bentler、Yuan–Bentler，WLSMV 则为均值与方差调整）。该模型没有稳健的 CFI、TLI 和 RMSEA（lavaan 给出 NA，例如等同约束涉及阈值，或多分格相关矩阵非正定），因此报告校正指数，即把校正 χ² 代入通常的公式（lavaan 的 *.scaled）。应报告的指标列在前面（校正的 χ²、p 和 χ²/df；校正的 CFI、TLI 和 RMSEA）；其后未校正的指标仅供比较，不作判断。",
    fit_comparison: "仅供比较，不作判断",

    reliability_caption: "信度与收敛效度",
    reliability_columns: [
        "构念",
        "题项",
        "标准化载荷",
        "载荷提示",
        "Cronbach's α",
        "组合信度 CR (ω)",
        "平均方差抽取量 AVE",
        "构念提示",
    ],
    below_5: "低于 .5",
    below_7: "低于 .7",
    reliability_note: "CR 为组合信度 ω（semTools compRelSEM）；AVE 与 semTools AVE 相同。常用标准：载荷 ≥ .7（≥ .5 可接受），CR ≥ .7，AVE ≥ .5（Hair et al. 2019；Fornell & Larcker 1981）。",
    fiml_alpha_note: "使用全信息最大似然（FIML）时，α 以该构念全部题项均有取值的行计算（各构念各用其完整行）；CR 与 AVE 来自模型估计，使用了全部行。",

    fornell_caption: "区分效度：Fornell–Larcker 准则",
    fornell_note: "对角线为 √AVE，下三角为模型隐含的因子相关系数。† 该相关系数未同时小于两个构念的 √AVE（Fornell & Larcker 1981）。",
    htmt_caption: "区分效度：HTMT（异质-单质比率）",
    htmt_note: "几何平均 HTMT（semTools htmt2）。† ≥ .85（严格标准），‡ ≥ .90（宽松标准；Henseler, Ringle & Sarstedt 2015）。",
    htmt_shared: |a, b, items| {
        format!("{a} 与 {b} 共用题项 {items}：HTMT 假定每个题项只测量一个构念，故不计算这一对的 HTMT。")
    },
    ave_cross_loading: |c, items| {
        format!("未给出 {c} 的 AVE：{items} 同时载荷于另一个构念，而 AVE 假定每个题项只测量一个构念（semTools 的 AVE 亦为 NA）。")
    },
    no_constructs_note: "信度与效度适用于由题项测量的潜变量；本模型没有潜变量。",
    report_diagram: "路径图",
    report_methods: "研究方法",
    no_scales_note: "信度与效度适用于量表：由题项反映、载荷由模型估计的潜变量。本模型的潜变量都不是量表。",
    not_scale: |kind, names| match kind {
        ConstructKind::FixedLoadings => format!("{names}：模型中所有载荷均为固定值（增长模型的因子或固定权重的合成变量），没有估计任何载荷，因此载荷标记、α、CR、AVE、HTMT 和 Fornell–Larcker 均不适用。"),
        ConstructKind::SingleIndicator => format!("{names}：只有一个指标，α、CR、AVE 和 HTMT 无定义，其载荷仅用于设定量尺，因此不报告。"),
        ConstructKind::HigherOrder => format!("{names}：二阶因子，由一阶因子而非题项测量；其一阶因子按量表检验（二阶因子本身的信度可用 semTools compRelSEM(higher = ...) 计算）。"),
        ConstructKind::Scale => String::new(),
    },
    name_sep: "、",
    report_header: |version, estimator, n, read, npar, iterations| {
        let conv = match iterations {
            Some(i) => format!("迭代 {i} 次后收敛"),
            None => "未收敛".to_string(),
        };
        format!("semlab {version} — {estimator} 估计，N = {n}（读取 {read} 行），{npar} 个自由参数，{conv}")
    },
    no_rows: "（无）",
    not_judged: "估计未收敛：这些数值不是模型的解，因此不给出任何标准判断、标记或结论。",
    no_hypotheses: "模型中没有回归路径，因此没有需要检验的假设。",

    hypotheses_caption: "研究假设检验",
    hypotheses_columns: [
        "假设",
        "路径",
        "标准化系数 β",
        "非标准化系数",
        "标准误",
        "z",
        "p",
        "",
        "检验结果",
    ],
    supported_yes: "成立",
    supported_no: "不成立",
    hypotheses_note: |rule| format!("判定规则：{rule}。* p < .05，** p < .01，*** p < .001。"),
    hypotheses_boot_note: |names, level, kind| format!(
        "Bootstrap 之后，{names} 按 {level}% {kind} Bootstrap 置信区间判定：区间在预期方向上不含 0 即成立（温忠麟、叶宝娟，2014）；其 p 值为 Delta 法所得。"
    ),
    rule: rule_zh,

    parameters_caption: "参数估计",
    parameters_columns: [
        "lhs",
        "op",
        "rhs",
        "标签",
        "估计值",
        "标准误",
        "z",
        "p",
        "置信区间下限",
        "置信区间上限",
        "Std.lv",
        "Std.all",
    ],
    se_ml: "标准误基于期望信息矩阵",
    se_mlr: "稳健（Huber–White）标准误，基于观测信息矩阵",
    se_mlm: "稳健（Satorra–Bentler）标准误，基于期望信息矩阵",
    se_wlsmv: "稳健（WLSMV 三明治）标准误；`|` 为有序题项的阈值，其残差方差由模型决定（delta 参数化）",
    parameters_note: |se| format!("{se}；95% 置信区间。固定参数没有标准误。"),
    boot_columns: ["Bootstrap 标准误", "Bootstrap 置信区间下限", "Bootstrap 置信区间上限"],
    boot_stopped: |completed, requested| {
        format!("Bootstrap 在 {requested} 次抽样中的第 {completed} 次后被停止：这几列只基于已完成的抽样。")
    },
    boot_note: |ok, requested, seed, ci, level| {
        format!("Bootstrap：使用了 {requested} 次抽样中的 {ok} 次（随机种子 {seed}），{ci} {level:.0}% 置信区间。")
    },
    percentile: "百分位",
    bias_corrected: "偏差校正",

    r2_caption: "内生变量的 R²",
    r2_columns: ["变量", "R²"],
    mi_caption: "修正指数",
    mi_columns: ["lhs", "op", "rhs", "MI", "EPC", "sEPC (lv)", "sEPC (all)"],
    mi_note: |min| {
        format!("逐一释放单个参数的得分检验（自由度为 1 的 χ²；3.84 对应 p = .05）。显示 MI ≥ {min} 的项。只有在理论上说得通时才释放参数。")
    },
    warnings_caption: "警告",
    warnings_column: "警告",

    patterns_caption: |n| format!("缺失数据模式（共 {n} 种）"),
    patterns_rows: "行数",
    patterns_observed: "有观测值",
    patterns_note: "1 = 有观测值，0 = 缺失；按出现频率从高到低排列。",
    patterns_more: |n, rows| format!("另有 {n} 种模式（{rows} 行）未显示。"),
    patterns_fiml: |used| format!("全信息最大似然使用了全部 {used} 个有取值的行"),
    patterns_listwise: |used| format!("列删除法使用了 {used} 个完整行"),
    patterns_read: |read, how| format!("读取的 {read} 行中，{how}"),
    patterns_empty: |n| format!("；{n} 个完全没有取值的行被删除"),
    patterns_no_group: |n| format!("；{n} 个在分组变量上没有取值的行被删除"),
    patterns_end: "。",

    apa_table: "表",
    apa_note: "注：",
    note_gap: "",
    apa_measurement_caption: "测量模型：标准化载荷、信度与收敛效度",
    apa_measurement_columns: ["构念", "题项", "λ", "α", "CR", "AVE"],
    apa_loadings_001: "所有自由估计的载荷均在 p < .001 水平上显著。",
    apa_loadings_05: "所有自由估计的载荷均在 p < .05 水平上显著。",
    apa_measurement_note: |n, sig| {
        format!("N = {n}。λ = 标准化因子载荷；α = Cronbach's α 系数；CR = 组合信度（ω）；AVE = 平均方差抽取量。{sig}常用标准：λ ≥ .70，CR ≥ .70，AVE ≥ .50（Fornell & Larcker, 1981；Hair et al., 2019）。")
    },
    apa_fit_caption: "模型拟合指数",
    apa_model: "模型",
    apa_criterion: "标准",
    apa_fit_robust: |est, indices| match indices {
        crate::fitmeasures::Indices::Scaled => format!("χ²、p 和 χ²/df 为校正（{est}）统计量；CFI、TLI 和 RMSEA 为其校正版本（该模型没有稳健版本，lavaan 给出 NA）。"),
        _ => format!("χ²、p 和 χ²/df 为校正（{est}）统计量；CFI、TLI 和 RMSEA 为其稳健版本。"),
    },
    apa_fit_note: |n, est, robust| {
        format!("N = {n}；估计方法 {est}。{robust}GFI = 拟合优度指数；AGFI = 调整拟合优度指数；CFI = 比较拟合指数；TLI = Tucker–Lewis 指数；NFI = 规范拟合指数；IFI = 增值拟合指数；RMSEA = 近似误差均方根；CI = 置信区间；SRMR = 标准化残差均方根。判断标准：CFI、TLI、RMSEA 和 SRMR 依据 Hu 和 Bentler（1999）；χ²/df 依据 Kline（2016）；GFI 和 AGFI 依据 Jöreskog 和 Sörbom（1984）；NFI 依据 Bentler 和 Bonett（1980）；IFI 依据 Bollen（1989）。")
    },
    apa_construct: "构念",
    apa_fornell_caption: "区分效度：Fornell–Larcker 准则",
    apa_fornell_note: |n| {
        format!("N = {n}。对角线上为 AVE 的平方根，其下方为模型隐含的构念间相关系数。若每个相关系数都小于相应两个构念 AVE 的平方根，则区分效度成立（Fornell & Larcker, 1981）。")
    },
    apa_fornell_flag: "† 该相关系数未同时小于两个构念 AVE 的平方根。",
    apa_htmt_caption: "区分效度：异质-单质比率（HTMT）",
    apa_htmt_note: |n| {
        format!("N = {n}。HTMT 由题项相关系数按几何平均比率（HTMT2）计算。† HTMT ≥ .85（严格标准）；‡ HTMT ≥ .90（宽松标准；Henseler et al., 2015）。")
    },
    apa_hypotheses_caption: "结构路径与假设检验",
    apa_hypotheses_columns: ["假设", "路径", "β", "B", "SE", "z", "p", "检验结果"],
    apa_yes: "成立",
    apa_no: "不成立",
    apa_hypotheses_note: |n, rule| {
        format!("N = {n}。β = 标准化系数；B = 非标准化系数。所有假设采用同一规则：{rule}。*p < .05，**p < .01，***p < .001。")
    },
    apa_group: "组",
    apa_group_n: |g, n| format!("{g}（n = {n}）"),
    apa_all_groups: "各组共用",
    apa_hypotheses_groups: |column, groups, all| {
        let all = if all { "；各组共用：定义参数，各组共用一个" } else { "" };
        format!("组：各估计值所属的 {column} 组（{groups}）{all}。")
    },

    moderation_caption: "调节效应：简单斜率",
    moderation_columns: ["效应", "取值", "估计值", "标准误", "z", "p", "95% 置信区间"],
    moderation_kinds: ["简单斜率", "条件间接效应", "被调节的中介指数"],
    moderation_at: |w, k, v| match k {
        0 => format!("{w} = 均值（{v}）"),
        k if k < 0 => format!("{w} = 均值 − 1 个标准差（{v}）"),
        _ => format!("{w} = 均值 + 1 个标准差（{v}）"),
    },
    moderation_at_value: |w, v| format!("{w} = {v}"),
    moderation_note: |w| {
        format!("简单斜率取 {w} 的均值及其上下一个标准差（分母 n − 1，与 PROCESS 相同），标准误由 Delta 法得到（Hayes 2022）。")
    },
    moderation_note_dichotomous: |w, lo, hi| {
        format!("{w} 在数据中只有两个取值（{lo} 和 {hi}），简单斜率取这两个值，而不取 {w} 从不取到的均值及其上下一个标准差（与 PROCESS、JASP 对二分调节变量的做法相同），标准误由 Delta 法得到（Hayes 2022）；两个取值之间不给出 Johnson–Neyman 区间。")
    },
    moderation_quadratic: |path, edges, w| {
        format!("{w} 调节了 {path} 的不止一段（{edges}）：其条件间接效应不是 {w} 的线性函数，没有单一的被调节的中介指数（PROCESS 也不给出）。")
    },
    moderation_also: |path, edge, w, other| {
        format!("{path} 中的 {edge} 还受 {other} 调节：其条件间接效应同时取决于 {w} 和 {other}，此处不给出；请在两者的选定取值下将其写为定义参数（:=）。")
    },
    moderation_region: |x, y, w, region, jn, range, outside| {
        let slope = format!("{x} 对 {y} 的斜率");
        let at = match (region, jn) {
            (ObservedRegion::OutsideOf(..), [lo, hi]) => {
                format!("当 {w} < {lo} 或 {w} > {hi} 时，{slope}显著（p < .05）")
            }
            (ObservedRegion::Between(..), [lo, hi]) => {
                format!("当 {lo} < {w} < {hi} 时，{slope}显著（p < .05）")
            }
            (ObservedRegion::Below(_), [p]) => {
                format!("当 {w} < {p} 时，{slope}显著（p < .05）")
            }
            (ObservedRegion::Above(_), [p]) => {
                format!("当 {w} > {p} 时，{slope}显著（p < .05）")
            }
            (ObservedRegion::None, _) if range.is_some() => {
                format!("在 {w} 的观测取值范围内，{slope}都不显著（p < .05）")
            }
            (ObservedRegion::None, _) => {
                format!("在 {w} 的任何取值上，{slope}都不显著（p < .05）")
            }
            _ if range.is_some() => {
                format!("在 {w} 的整个观测取值范围内，{slope}都显著（p < .05）")
            }
            _ => format!("在 {w} 的任何取值上，{slope}都显著（p < .05）"),
        };
        let range = range
            .map(|(lo, hi)| format!("；数据中 {w} 的取值范围为 {lo} 至 {hi}"))
            .unwrap_or_default();
        let outside = if outside.is_empty() {
            String::new()
        } else {
            format!(
                "（转折点 {w} = {} 在此范围之外）",
                outside.join("、")
            )
        };
        format!("Johnson–Neyman（1936）：{at}{range}{outside}。")
    },
    slopes_plot_title: |x, y, w| format!("{w} 取三个值时 {x} 对 {y} 的简单斜率"),
    effects_caption: "间接效应、直接效应与总效应",
    effects_columns: ["效应", "路径", "估计值", "标准误", "p", "95% 置信区间", "Std.all"],
    effects_boot_columns: |level| {
        [
            "Bootstrap 标准误".to_string(),
            format!("百分位 {level:.0}% 置信区间"),
            format!("偏差校正 {level:.0}% 置信区间"),
        ]
    },
    effects_mediation: "中介类型",
    effect_kinds: ["间接效应", "直接效应", "总间接效应", "总效应"],
    effects_no_direct: "模型中无此路径",
    effects_note: |se| {
        format!("间接效应为两条及以上回归路径上系数的乘积；其标准误由 Delta 法得到，p 值由 z = 估计值 / 标准误得到，与 lavaan 的 `:=` 参数相同（{se}）。")
    },
    apa_effects_caption: "间接效应、直接效应与总效应",
    apa_effects_columns: ["路径", "效应", "B", "SE", "95% CI", "β", "中介类型"],
    apa_effects_boot_ci: |ci, level| format!("{level:.0}% {ci} Bootstrap 置信区间"),
    apa_effects_note: |n, ci, rule| {
        format!("N = {n}。B = 非标准化效应；β = 标准化效应（std.all）；间接效应为路径上系数的乘积，标准误由 Delta 法得到。CI = {ci}。{rule}")
    },
    apa_delta_ci: "基于 Delta 法标准误的 Wald 区间",
    apa_moderation_caption: "调节变量不同取值下的条件效应",
    effects_moderated_note: "经过含交互项 x:w 的回归的路径未列出：其效应随调节变量而变（见调节效应表中的条件效应）。",
    apa_moderation_columns: ["效应", "调节变量取值", "B", "SE", "95% CI"],
};
