//! An R script that reproduces an analysis in lavaan: the model text
//! verbatim (in an R raw string), the options as `sem()` arguments, the
//! user's data file read by name, then lavaan's and semTools' outputs
//! (`summary`, `fitMeasures`, `standardizedSolution`, `modindices`,
//! `compRelSEM`, `AVE`, `htmt`). The script holds no data: it reads the file
//! the user analysed, next to the script.

use crate::analysis::{Estimator, Missing, Options};
use crate::data::TextEncoding;
use crate::tables::reliability::{ConstructKind, ConstructReliability};

/// Where the script reads the data from.
#[derive(Debug, Clone, PartialEq)]
pub enum RData {
    /// A data file by the name the user gave it: CSV/TSV/semicolon-separated
    /// text (`delimiter`, `decimal_comma` as semlab read it), or by its
    /// extension an Excel workbook (`.xlsx`, via readxl) or an SPSS file
    /// (`.sav`, via haven). `missing_codes` are the extra codes meaning
    /// "missing" (empty, `NA` and `.` always do); `encoding` is the text
    /// encoding semlab read a text file in (R is told it, so Chinese column
    /// names of a GBK file arrive intact).
    File {
        name: String,
        delimiter: u8,
        decimal_comma: bool,
        missing_codes: Vec<String>,
        encoding: TextEncoding,
        /// Columns the page added: a composite score's name and its items
        /// (their row mean, [`crate::data::DataTable::with_composite`]).
        composites: Vec<(String, Vec<String>)>,
    },
    /// A covariance matrix file (names on the first line; lower triangle or
    /// full matrix) and its number of observations.
    Covariance { name: String, nobs: usize },
}

impl RData {
    /// A comma-separated file with no extra missing codes.
    pub fn csv(name: &str) -> RData {
        RData::File {
            name: name.to_string(),
            delimiter: b',',
            decimal_comma: false,
            missing_codes: Vec::new(),
            encoding: TextEncoding::Utf8,
            composites: Vec::new(),
        }
    }
}

/// The `fileEncoding` R's `read.csv()` needs for a text file semlab read in
/// `encoding` (R's iconv names). UTF-8 is read as `UTF-8-BOM`, which skips
/// a byte-order mark (else part of the first column's name) and keeps
/// non-ASCII names intact where R's native encoding is not UTF-8 (Windows).
fn r_file_encoding(encoding: TextEncoding) -> &'static str {
    match encoding {
        TextEncoding::Utf8 => "UTF-8-BOM",
        TextEncoding::Gbk => "GBK",
        TextEncoding::Gb18030 => "GB18030",
        TextEncoding::Windows1252 => "CP1252",
        TextEncoding::Latin1 => "latin1",
        // "UTF-16" reads the byte-order mark (which sets the byte order)
        // instead of keeping it in the first column's name.
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => "UTF-16",
    }
}

/// An R string literal.
pub fn r_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text as an R raw string (`r"(...)"`, with enough dashes that the
/// text cannot end it).
pub fn r_raw_string(s: &str) -> String {
    let mut dashes = String::new();
    while s.contains(&format!("){dashes}\"")) {
        dashes.push('-');
    }
    format!("r\"{dashes}({s}){dashes}\"")
}

/// An R character vector of the strings.
pub fn r_vector(xs: &[String]) -> String {
    format!(
        "c({})",
        xs.iter()
            .map(|x| r_string(x))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The `sem()` arguments for the options (lavaan's defaults left out).
pub fn sem_arguments(opts: &Options) -> Vec<String> {
    let mut args = Vec::new();
    if opts.std_lv {
        args.push("std.lv = TRUE".to_string());
    }
    if opts.orthogonal {
        args.push("orthogonal = TRUE".to_string());
    }
    if opts.estimator != Estimator::Ml {
        args.push(format!("estimator = {}", r_string(opts.estimator.name())));
    }
    if opts.missing == Missing::Ml {
        args.push("missing = \"ml\"".to_string());
    }
    // `all` (every item ordinal): lavaan's `ordered = TRUE`, since lavaan
    // reads `ordered = "all"` as a variable's name and fits the items as
    // continuous (a data column called `all` would be read as the keyword
    // here, though the engine reads it as that column)
    if opts
        .ordered
        .iter()
        .any(|o| o.trim().eq_ignore_ascii_case("all"))
    {
        args.push("ordered = TRUE".to_string());
    } else if !opts.ordered.is_empty() {
        args.push(format!("ordered = {}", r_vector(&opts.ordered)));
    }
    if let Some(g) = &opts.group {
        args.push(format!("group = {}", r_string(g)));
    }
    if !opts.group_equal.is_empty() {
        args.push(format!("group.equal = {}", r_vector(&opts.group_equal)));
    }
    if opts.group.is_some() && !opts.group_partial.is_empty() {
        args.push(format!("group.partial = {}", r_vector(&opts.group_partial)));
    }
    if let Some((draws, _, _)) = bootstrap(opts) {
        args.push("se = \"bootstrap\"".to_string());
        args.push(format!("bootstrap = {draws}"));
    }
    args
}

/// The measurement-invariance ladder `l` in lavaan ([`crate::invariance`]):
/// its levels as `cfa()` fits of the script's `model` and `data` (lavaan's
/// `group.equal` of each [`Level`], with ordinal items up to scalar with
/// equal thresholds; the released parameters as `group.partial` in every
/// level), `lavTestLRT` of them (Satorra–Bentler 2001 scaled differences
/// under MLM/MLR, Satorra 2000 under WLSMV, lavaan 0.6's defaults, as
/// semlab), and each level's χ², df, CFI, RMSEA and SRMR — the kind the
/// ladder reports ([`crate::nested_models::Indices`]): the scaled χ² and
/// robust indices under a scaled test, the scaled indices when a level
/// has no robust ones. Empty without a group column.
pub fn invariance_section(opts: &Options, l: &crate::invariance::Ladder) -> String {
    use crate::invariance::Level;
    use crate::nested_models::Indices;
    if opts.group.is_none() {
        return String::new();
    }
    let free = &l.free;
    let mut s = String::from(
        "# Measurement invariance (semlab's ladder): configural, metric, scalar and\n\
         # strict invariance (ordinal items: up to scalar, with equal thresholds) as\n\
         # cfa() fits with lavaan's group.equal",
    );
    s.push_str(if free.is_empty() {
        "\n"
    } else {
        ",\n# the released parameters free in every level (partial invariance)\n"
    });
    // ordinal items: the scalar level equates thresholds, no strict level
    let ordinal = crate::analysis::plan::wants_ordinal(opts);
    let levels = Level::ladder(ordinal);
    for &level in levels {
        let o = Options {
            group_equal: level
                .group_equal(ordinal)
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            group_partial: free.to_vec(),
            bootstrap: None,
            ..opts.clone()
        };
        let mut args = vec!["model".to_string(), "data = data".to_string()];
        args.extend(sem_arguments(&o));
        s.push_str(&format!("{} <- cfa({})\n", level.name(), args.join(", ")));
    }
    let names: Vec<&str> = levels.iter().map(|l| l.name()).collect();
    let measures = match l.indices {
        Indices::Standard => "c(\"chisq\", \"df\", \"cfi\", \"rmsea\", \"srmr\")",
        Indices::Robust => {
            "c(\"chisq.scaled\", \"df\", \"cfi.robust\", \"rmsea.robust\", \"srmr\")"
        }
        Indices::Scaled => {
            s.push_str(
                "# (a level has no robust CFI and RMSEA, lavaan's NA: the scaled ones in all)\n",
            );
            "c(\"chisq.scaled\", \"df\", \"cfi.scaled\", \"rmsea.scaled\", \"srmr\")"
        }
    };
    s.push_str(&format!(
        "# each level against the one above it (the ladder's Δχ², Δdf and p)\n\
         lavTestLRT({})\n\
         # each level's fit (ΔCFI and ΔRMSEA: the differences between columns)\n\
         round(sapply(list({}), fitMeasures, fit.measures = {measures}), 3)\n\n",
        names.join(", "),
        names
            .iter()
            .map(|n| format!("{n} = {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    s
}

/// (draws, seed, lavaan CI type) when the options ask for a bootstrap.
fn bootstrap(opts: &Options) -> Option<(usize, u64, &'static str)> {
    let b = opts.bootstrap.as_ref().filter(|b| b.draws > 0)?;
    Some((b.draws, b.seed, b.ci_type.lavaan_name()))
}

/// The R code that reads the data into `data` (or `S`/`N` for a covariance matrix).
pub fn read_data(data: &RData) -> String {
    match data {
        RData::File {
            name,
            delimiter,
            decimal_comma,
            missing_codes,
            encoding,
            composites,
        } => {
            let mut na: Vec<String> = ["", "NA", "."].map(String::from).to_vec();
            for c in missing_codes {
                if !na.contains(c) {
                    na.push(c.clone());
                }
            }
            let na = r_vector(&na);
            let ext = name
                .rsplit_once('.')
                .map(|(_, e)| e.to_ascii_lowercase())
                .unwrap_or_default();
            let read = match ext.as_str() {
                "xlsx" | "xlsm" => format!(
                    "# needs the readxl package: install.packages(\"readxl\")\ndata <- as.data.frame(readxl::read_excel({}, na = {na}))\n",
                    r_string(name)
                ),
                "sav" => format!(
                    "# needs the haven package: install.packages(\"haven\")\ndata <- as.data.frame(haven::zap_labels(haven::read_sav({}, user_na = FALSE)))\n{}",
                    r_string(name),
                    if missing_codes.is_empty() {
                        String::new()
                    } else {
                        format!("data[sapply(data, as.character) %in% {na}] <- NA\n")
                    }
                ),
                _ => {
                    let mut args = vec![r_string(name)];
                    if *delimiter != b',' {
                        args.push(format!(
                            "sep = {}",
                            r_string(&(*delimiter as char).to_string())
                        ));
                    }
                    if *decimal_comma {
                        args.push("dec = \",\"".to_string());
                    }
                    args.push(format!("na.strings = {na}"));
                    args.push("check.names = FALSE".to_string());
                    args.push(format!(
                        "fileEncoding = {}",
                        r_string(r_file_encoding(*encoding))
                    ));
                    format!("data <- read.csv({})\n", args.join(", "))
                }
            };
            read + &composite_lines(composites)
        }
        RData::Covariance { name, nobs } => format!(
            "# the covariance matrix: variable names on the first line, then the lower\n\
             # triangle (or the full matrix), optionally with a name at the start of each row\n\
             lines <- trimws(readLines({}))\n\
             lines <- lines[nzchar(lines) & !startsWith(lines, \"#\")]\n\
             vars <- strsplit(lines[1], \"[[:space:],;]+\")[[1]]\n\
             vars <- vars[nzchar(vars)]\n\
             cells <- unlist(strsplit(lines[-1], \"[[:space:],;]+\"))\n\
             values <- suppressWarnings(as.numeric(cells))\n\
             values <- values[!is.na(values)]\n\
             p <- length(vars)\n\
             S <- if (length(values) == p * p) matrix(values, p, p, byrow = TRUE) else getCov(values, names = vars)\n\
             dimnames(S) <- list(vars, vars)\n\
             N <- {nobs}\n",
            r_string(name)
        ),
    }
}

/// The columns the page added to the data: each composite score as the
/// row mean of its items (`rowMeans`, missing where an item is missing, as
/// [`crate::data::DataTable::with_composite`]).
fn composite_lines(composites: &[(String, Vec<String>)]) -> String {
    composites
        .iter()
        .map(|(name, items)| {
            format!(
                "data[[{}]] <- rowMeans(data[, {}])  # composite score: the mean of the items\n",
                r_string(name),
                r_vector(items)
            )
        })
        .collect()
}

/// With `center_interactions`, the lines that mean-centre the variables of
/// the model's product terms `x:w` before lavaan forms the products, over
/// the rows complete on the model's variables (those listwise deletion
/// analyses), as [`crate::data::DataTable::numeric_centered`]; empty
/// otherwise.
fn centring_lines(model: &str, opts: &Options) -> String {
    if !opts.center_interactions {
        return String::new();
    }
    let Ok(statements) = crate::syntax::parse(model) else {
        return String::new();
    };
    let mut names: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for st in &statements {
        if let crate::syntax::Statement::Relation(r) = st {
            for n in [&r.lhs, &r.rhs.name] {
                for part in n.split(':') {
                    if !names.iter().any(|x| x == part) {
                        names.push(part.to_string());
                    }
                    if n.contains(':') && !parts.iter().any(|x| x == part) {
                        parts.push(part.to_string());
                    }
                }
            }
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        "# Mean-centre the variables of the product terms (semlab's option, as PROCESS),\n\
         # over the rows complete on the model's variables\n\
         used <- complete.cases(data[, intersect({}, names(data))])\n\
         for (v in {}) data[[v]] <- data[[v]] - mean(data[[v]][used])\n",
        r_vector(&names),
        r_vector(&parts)
    )
}

/// The model with every regression on an indirect path labelled, and the
/// `:=` lines of semlab's effects table ([`crate::effects`]): each specific
/// indirect effect, then per (from, to) the total indirect and, when the
/// model has the direct path, the total effect — what lavaan needs to give
/// the same estimates, delta-method SEs and std.all. A path the user
/// labelled keeps its label, a fixed path its value; the others get a new
/// label (`e1`, `e2`, ...) written in front of the predictor, in the text
/// itself (lavaan refuses a second statement of the same path). None when
/// the model has no indirect path, has groups or blocks, or a cycle.
pub fn effects_syntax(model: &str) -> Option<(String, Vec<String>)> {
    use crate::syntax::{ModValue, Modifier, RelOp, Statement};
    let statements = crate::syntax::parse(model).ok()?;
    let mut relations = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for st in &statements {
        match st {
            Statement::Block { .. } => return None,
            Statement::Definition { name, .. } => taken.push(name.clone()),
            Statement::Relation(r) => {
                taken.push(r.lhs.clone());
                taken.push(r.rhs.name.clone());
                for m in &r.rhs.modifiers {
                    if let Modifier::Label(ls) = m {
                        taken.extend(ls.iter().cloned());
                    }
                }
                let seen = relations
                    .iter()
                    .any(|q: &&crate::syntax::Relation| q.lhs == r.lhs && q.rhs.name == r.rhs.name);
                if r.op == RelOp::Regression && !seen {
                    relations.push(r);
                }
            }
            _ => {}
        }
    }
    let edges: Vec<(usize, &str, &str)> = relations
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r.rhs.name.as_str(), r.lhs.as_str()))
        .collect();
    let structure = crate::effects::enumerate_regressions(&edges).ok()?;
    if structure.chains.is_empty() {
        return None;
    }
    // a fresh name with this prefix
    let fresh = |prefix: &str, taken: &mut Vec<String>| {
        let name = (1..)
            .map(|k| format!("{prefix}{k}"))
            .find(|n| !taken.contains(n))
            .expect("a free name");
        taken.push(name.clone());
        name
    };
    // the term of each relation on an indirect path: label or fixed value
    let mut terms: Vec<Option<String>> = vec![None; relations.len()];
    let mut inserts: Vec<(usize, usize, String)> = Vec::new();
    let mut used: Vec<usize> = structure
        .chains
        .iter()
        .flat_map(|c| c.rows.clone())
        .collect();
    used.extend(structure.pairs.iter().filter_map(|p| p.direct));
    crate::sorting::sort(&mut used);
    used.dedup();
    for i in used {
        let r = relations[i];
        let label = r.rhs.modifiers.iter().find_map(|m| match m {
            Modifier::Label(ls) => ls.first().cloned(),
            _ => None,
        });
        let fixed = r.rhs.modifiers.iter().find_map(|m| match m {
            Modifier::Fixed(vs) => match vs.first() {
                Some(ModValue::Number(x)) => Some(x.to_string()),
                _ => None,
            },
            _ => None,
        });
        terms[i] = Some(match (label, fixed) {
            (Some(l), _) => l,
            (None, Some(x)) => x,
            (None, None) => {
                let l = fresh("e", &mut taken);
                inserts.push((r.rhs.pos.line, r.rhs.pos.col, l.clone()));
                l
            }
        });
    }
    // insert the new labels, right to left on each line
    crate::sorting::sort_by(&mut inserts, |a, b| b.cmp(a));
    let mut lines: Vec<String> = model.split('\n').map(String::from).collect();
    for (line, col, label) in inserts {
        let text = lines.get_mut(line - 1)?;
        let at = text.char_indices().nth(col - 1).map(|(b, _)| b)?;
        text.insert_str(at, &format!("{label}*"));
    }
    let product = |rows: &[usize]| {
        rows.iter()
            .map(|&i| terms[i].clone().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("*")
    };
    let path = |from: &str, via: &[String], to: &str| {
        std::iter::once(from)
            .chain(via.iter().map(String::as_str))
            .chain(std::iter::once(to))
            .collect::<Vec<_>>()
            .join(" -> ")
    };
    let mut defs = Vec::new();
    let mut names = Vec::new();
    for c in &structure.chains {
        let name = fresh("ind", &mut taken);
        defs.push(format!(
            "{name} := {}  # {}",
            product(&c.rows),
            path(&c.from, &c.via, &c.to)
        ));
        names.push(name);
    }
    for p in &structure.pairs {
        let indirect = p
            .chains
            .iter()
            .map(|&c| names[c].clone())
            .collect::<Vec<_>>()
            .join(" + ");
        let name = fresh("total_ind", &mut taken);
        defs.push(format!(
            "{name} := {indirect}  # total indirect, {}",
            path(&p.from, &[], &p.to)
        ));
        if let Some(d) = p.direct {
            let total = fresh("total", &mut taken);
            defs.push(format!(
                "{total} := {} + {name}  # total, {}",
                terms[d].clone().unwrap_or_default(),
                path(&p.from, &[], &p.to)
            ));
        }
    }
    Some((lines.join("\n"), defs))
}

/// The R script for a model, its options, its data source and the latent
/// variables of its analysis (`Analysis::constructs`, whose kinds say which
/// get semTools' reliability and validity).
pub fn r_script(
    model: &str,
    opts: &Options,
    data: &RData,
    constructs: &[ConstructReliability],
) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "# Reproduces the semlab {} analysis in lavaan (R).\n\
         # The data are read from the file named below: put this script next to it\n\
         # (or change the path). Needs R >= 4.0 and the packages lavaan and semTools:\n\
         #   install.packages(c(\"lavaan\", \"semTools\"))\n\n\
         library(lavaan)\n\
         library(semTools)\n\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str("# Data\n");
    s.push_str(&read_data(data));
    if !matches!(data, RData::Covariance { .. }) {
        s.push_str(&centring_lines(model, opts));
    }
    s.push_str("\n# Model (lavaan syntax, exactly as entered in semlab)\n");
    s.push_str(&format!("model <- {}\n\n", r_raw_string(model)));
    let mut args = vec!["model".to_string()];
    let cov = matches!(data, RData::Covariance { .. });
    if cov {
        args.push("sample.cov = S".into());
        args.push("sample.nobs = N".into());
    } else {
        args.push("data = data".into());
    }
    args.extend(sem_arguments(opts));
    s.push_str("# Fit (the options chosen in semlab as sem() arguments)\n");
    let boot = bootstrap(opts);
    if let Some((_, seed, _)) = &boot {
        s.push_str(&format!(
            "set.seed({seed})  # lavaan draws other resamples than semlab: bootstrap results differ slightly\n"
        ));
    }
    s.push_str(&format!("fit <- sem({})\n\n", args.join(", ")));
    s.push_str(
        "# Estimates, fit, standardized solution, modification indices\n\
         summary(fit, fit.measures = TRUE, standardized = TRUE, rsquare = TRUE)\n\
         fitMeasures(fit)\n\
         standardizedSolution(fit)\n",
    );
    if let Some((_, _, ci)) = &boot {
        s.push_str(&format!(
            "parameterEstimates(fit, boot.ci.type = {})\n",
            r_string(ci)
        ));
    }
    s.push_str("modindices(fit, sort. = TRUE)\n\n");
    s.push_str(&hypotheses_section(model, boot.as_ref().map(|b| b.2)));
    if let Some((labelled, defs)) = effects_syntax(model) {
        s.push_str(
            "# Indirect, direct and total effects (semlab's effects table): the model with\n\
             # each path on an indirect path labelled, and the effects as := parameters\n",
        );
        let text = format!("{labelled}\n\n# effects\n{}\n", defs.join("\n"));
        s.push_str(&format!("model_effects <- {}\n", r_raw_string(&text)));
        let mut eargs = args.clone();
        eargs[0] = "model_effects".into();
        s.push_str(&format!("fit_effects <- sem({})\n", eargs.join(", ")));
        let ci = boot
            .as_ref()
            .map(|(_, _, ci)| format!(", boot.ci.type = {}", r_string(ci)))
            .unwrap_or_default();
        s.push_str(&format!(
            "subset(parameterEstimates(fit_effects{ci}), op == \":=\")\n\
             subset(standardizedSolution(fit_effects), op == \":=\")\n\n"
        ));
    }
    s.push_str(&reliability_section(constructs, cov));
    s
}

/// The rows of semlab's hypothesis table: every regression path and the
/// defined parameters named as hypotheses
/// ([`crate::tables::hypotheses::is_hypothesis_name`], `H6 := a*b`), with
/// the bootstrap interval when one was asked for. Empty without either.
fn hypotheses_section(model: &str, boot_ci: Option<&str>) -> String {
    use crate::syntax::{RelOp, Statement};
    let Ok(statements) = crate::syntax::parse(model) else {
        return String::new();
    };
    let paths = statements
        .iter()
        .any(|s| matches!(s, Statement::Relation(r) if r.op == RelOp::Regression));
    let defined: Vec<String> = statements
        .iter()
        .filter_map(|s| match s {
            Statement::Definition { name, .. }
                if crate::tables::hypotheses::is_hypothesis_name(name) =>
            {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    if !paths && defined.is_empty() {
        return String::new();
    }
    let ci = boot_ci
        .map(|c| format!(", boot.ci.type = {}", r_string(c)))
        .unwrap_or_default();
    let rows = if defined.is_empty() {
        "op == \"~\"".to_string()
    } else {
        format!(
            "op == \"~\" | (op == \":=\" & lhs %in% {})",
            r_vector(&defined)
        )
    };
    format!(
        "# Hypotheses (semlab's hypothesis table): the regression paths{}\n\
         hypotheses <- parameterEstimates(fit, standardized = TRUE{ci})\n\
         subset(hypotheses, {rows})\n\n",
        if defined.is_empty() {
            ""
        } else {
            " and the defined parameters named as hypotheses"
        }
    )
}

/// The semTools part of the script: α, `compRelSEM`, `AVE` and `htmt` for
/// the scales only ([`ConstructKind::is_scale`], the latent variables whose
/// reliability semlab reports), the others named with the reason in a
/// comment. semTools would otherwise treat growth factors and second-order
/// factors as scales, and `htmt()` stops R on a growth model (its
/// "constructs" share every item).
fn reliability_section(constructs: &[ConstructReliability], cov: bool) -> String {
    let scales: Vec<&ConstructReliability> =
        constructs.iter().filter(|c| c.kind.is_scale()).collect();
    let mut s = String::from(
        "# Reliability and validity (semTools), for the scales: the latent variables\n\
         # reflected by items whose loadings the model estimates\n",
    );
    for c in constructs.iter().filter(|c| !c.kind.is_scale()) {
        s.push_str(&format!(
            "# (not for {}: {})\n",
            c.name,
            match c.kind {
                ConstructKind::FixedLoadings => "every loading is fixed in the model",
                ConstructKind::SingleIndicator => "one indicator",
                ConstructKind::HigherOrder => "a second-order factor, measured by factors",
                ConstructKind::Scale => "",
            }
        ));
    }
    if scales.is_empty() {
        s.push_str("# this model has none\n");
        return s;
    }
    let names: Vec<String> = scales.iter().map(|c| c.name.clone()).collect();
    s.push_str(&format!(
        "scales <- {}\nothers <- setdiff(lavNames(fit, \"lv\"), scales)\n",
        r_vector(&names)
    ));
    if cov {
        s.push_str(
            "print(compRelSEM(fit, tau.eq = TRUE, omit.factors = others))  # Cronbach's alpha\n",
        );
    } else {
        // as semlab: each construct's items on the rows where all are present
        s.push_str(
            "alpha <- sapply(scales, function(f) {  # Cronbach's alpha\n\
             \x20 # (a loading fixed at zero, `0*x`, does not make x an item)\n\
             \x20 items <- subset(parTable(fit), op == \"=~\" & lhs == f &\n\
             \x20                 !(free == 0 & ustart %in% 0))$rhs\n\
             \x20 x <- na.omit(data[, items]); k <- length(items)\n\
             \x20 k / (k - 1) * (1 - sum(apply(x, 2, var)) / var(rowSums(x)))\n\
             })\n\
             print(alpha)\n",
        );
    }
    s.push_str(
        "print(compRelSEM(fit, omit.factors = others))  # composite reliability (omega)\n\
         print(AVE(fit, omit.factors = others))         # average variance extracted\n",
    );
    if scales.len() >= 2 {
        let measurement: Vec<String> = scales
            .iter()
            .map(|c| format!("{} =~ {}", c.name, c.items.join(" + ")))
            .collect();
        s.push_str(&format!(
            "# heterotrait-monotrait ratios of the scales' items\n\
             print(htmt({}, {}, htmt2 = TRUE))\n",
            r_raw_string(&measurement.join("\n")),
            if cov { "sample.cov = S" } else { "data = data" }
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        assert_eq!(r_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(r_raw_string("f =~ a"), "r\"(f =~ a)\"");
        assert_eq!(r_raw_string("x )\" )-\""), "r\"--(x )\" )-\")--\"");
    }

    /// The `:=` lines of a serial mediation with one labelled, one fixed
    /// and three unlabelled paths; the new labels are written into the text.
    #[test]
    fn effects_lines() {
        let model = "m1 ~ a*x\nm2 ~ 0.5*m1 + x\ny ~ m2 + x\n";
        let (labelled, defs) = effects_syntax(model).unwrap();
        assert_eq!(labelled, "m1 ~ a*x\nm2 ~ 0.5*m1 + e1*x\ny ~ e2*m2 + e3*x\n");
        assert_eq!(
            defs,
            [
                "ind1 := a*0.5  # x -> m1 -> m2",
                "ind2 := a*0.5*e2  # x -> m1 -> m2 -> y",
                "ind3 := e1*e2  # x -> m2 -> y",
                "ind4 := 0.5*e2  # m1 -> m2 -> y",
                "total_ind1 := ind1  # total indirect, x -> m2",
                "total1 := e1 + total_ind1  # total, x -> m2",
                "total_ind2 := ind2 + ind3  # total indirect, x -> y",
                "total2 := e3 + total_ind2  # total, x -> y",
                "total_ind3 := ind4  # total indirect, m1 -> y",
            ]
        );
        assert!(effects_syntax("y ~ x1 + x2\n").is_none());
        let s = r_script(model, &Options::default(), &RData::csv("d.csv"), &[]);
        assert!(s.contains("fit_effects <- sem(model_effects, data = data)"));
    }

    #[test]
    fn defaults_add_no_arguments() {
        assert!(sem_arguments(&Options::default()).is_empty());
        let s = r_script(
            "f =~ a + b + c",
            &Options::default(),
            &RData::csv("x.xlsx"),
            &[],
        );
        assert!(s.contains("readxl::read_excel(\"x.xlsx\""));
    }
}
