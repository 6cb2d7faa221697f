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

/// The regressions of a model text, and the term each gets in a `:=`
/// line: its label, its fixed value, or a new label (`e1`, `e2`, ...)
/// written in front of the predictor, in the text itself (lavaan refuses a
/// second statement of the same path). Only the regressions a line needs
/// are labelled.
#[derive(Clone)]
struct Labeller<'a> {
    relations: Vec<&'a crate::syntax::Relation>,
    /// Every name of the model (variables, labels, defined parameters):
    /// the new names avoid them.
    taken: Vec<String>,
    terms: Vec<Option<String>>,
    /// (line, column, label) of each new label.
    inserts: Vec<(usize, usize, String)>,
}

impl<'a> Labeller<'a> {
    /// None for a model with blocks (groups or levels).
    fn new(statements: &'a [crate::syntax::Statement]) -> Option<Labeller<'a>> {
        use crate::syntax::{Modifier, RelOp, Statement};
        let mut relations = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for st in statements {
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
                    let seen = relations.iter().any(|q: &&crate::syntax::Relation| {
                        q.lhs == r.lhs && q.rhs.name == r.rhs.name
                    });
                    if r.op == RelOp::Regression && !seen {
                        relations.push(r);
                    }
                }
                _ => {}
            }
        }
        let n = relations.len();
        Some(Labeller {
            relations,
            taken,
            terms: vec![None; n],
            inserts: Vec::new(),
        })
    }

    /// A fresh name with this prefix.
    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh_set(&[(prefix, "")]).remove(0)
    }

    /// Fresh names `{prefix}{k}{suffix}` for each (prefix, suffix), with
    /// the smallest k that leaves all of them free.
    fn fresh_set(&mut self, patterns: &[(&str, &str)]) -> Vec<String> {
        let names = (1..)
            .map(|k| {
                patterns
                    .iter()
                    .map(|(p, s)| format!("{p}{k}{s}"))
                    .collect::<Vec<_>>()
            })
            .find(|ns| ns.iter().all(|n| !self.taken.contains(n)))
            .expect("free names");
        self.taken.extend(names.iter().cloned());
        names
    }

    /// The regression `lhs ~ rhs` (a product term in either order).
    fn find(&self, lhs: &str, rhs: &str) -> Option<usize> {
        let same = |a: &str, b: &str| {
            a == b
                || match (a.split_once(':'), b.split_once(':')) {
                    (Some((a1, a2)), Some((b1, b2))) => a1 == b2 && a2 == b1,
                    _ => false,
                }
        };
        self.relations
            .iter()
            .position(|r| r.lhs == lhs && same(&r.rhs.name, rhs))
    }

    /// The term of relation `i`: its label, its fixed value (in
    /// parentheses when negative), or a new label.
    fn term(&mut self, i: usize) -> String {
        use crate::syntax::{ModValue, Modifier};
        if let Some(t) = &self.terms[i] {
            return t.clone();
        }
        let r = self.relations[i];
        let label = r.rhs.modifiers.iter().find_map(|m| match m {
            Modifier::Label(ls) => ls.first().cloned(),
            _ => None,
        });
        let fixed = r.rhs.modifiers.iter().find_map(|m| match m {
            Modifier::Fixed(vs) => match vs.first() {
                Some(ModValue::Number(x)) => Some(r_number(*x)),
                _ => None,
            },
            _ => None,
        });
        let t = match (label, fixed) {
            (Some(l), _) => l,
            (None, Some(x)) => x,
            (None, None) => {
                let l = self.fresh("e");
                self.inserts
                    .push((r.rhs.pos.line, r.rhs.pos.col, l.clone()));
                l
            }
        };
        self.terms[i] = Some(t.clone());
        t
    }

    /// The term of `lhs ~ rhs`; None when the text has no such regression.
    fn term_of(&mut self, lhs: &str, rhs: &str) -> Option<String> {
        let i = self.find(lhs, rhs)?;
        Some(self.term(i))
    }

    /// The model text with the new labels inserted.
    fn labelled(&self, model: &str) -> Option<String> {
        let mut inserts = self.inserts.clone();
        // right to left on each line
        crate::sorting::sort_by(&mut inserts, |a, b| b.cmp(a));
        let mut lines: Vec<String> = model.split('\n').map(String::from).collect();
        for (line, col, label) in inserts {
            let text = lines.get_mut(line - 1)?;
            let at = text.char_indices().nth(col - 1).map(|(b, _)| b)?;
            text.insert_str(at, &format!("{label}*"));
        }
        Some(lines.join("\n"))
    }
}

/// A number as lavaan's `:=` reads it: every digit of the f64 (its
/// shortest exact form), in parentheses when negative.
fn r_number(x: f64) -> String {
    if x < 0.0 {
        format!("({x})")
    } else {
        format!("{x}")
    }
}

/// The model with every regression on an indirect path or in a moderation
/// block labelled, and the `:=` lines of semlab's effects table
/// ([`crate::effects`]) and moderation tables ([`crate::moderation`]):
/// each specific indirect effect, then per (from, to) the total indirect
/// and, when the model has the direct path, the total effect; then for
/// each product term ([`moderation_definitions`]) the simple slopes at W =
/// mean − 1 SD, mean and mean + 1 SD, and each path's conditional indirect
/// effects and index of moderated mediation — what lavaan needs to give the
/// same estimates, delta-method SEs and std.all. A path the user labelled
/// keeps its label, a fixed path its value; the others get a new label
/// (`e1`, `e2`, ...) written in front of the predictor. None when there is
/// no such line, or the model has groups or blocks, or a cycle.
pub fn effects_syntax(
    model: &str,
    moderation: &[crate::moderation::Moderation],
) -> Option<(String, Vec<String>)> {
    let statements = crate::syntax::parse(model).ok()?;
    let fresh = Labeller::new(&statements)?;
    let edges: Vec<(usize, &str, &str)> = fresh
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r.rhs.name.as_str(), r.lhs.as_str()))
        .collect();
    let structure = crate::effects::enumerate_regressions(&edges).ok()?;
    // a first pass finds the regressions the lines use; they are labelled
    // in the order of the text (e1, e2, ... as one reads it), then the
    // lines written
    let mut first = fresh.clone();
    effect_definitions(&mut first, &structure, moderation);
    let mut l = fresh;
    for i in 0..l.relations.len() {
        if first.terms[i].is_some() {
            l.term(i);
        }
    }
    let defs = effect_definitions(&mut l, &structure, moderation);
    if defs.is_empty() {
        return None;
    }
    Some((l.labelled(model)?, defs))
}

/// The `:=` lines of [`effects_syntax`], labelling what they use.
fn effect_definitions(
    l: &mut Labeller<'_>,
    structure: &crate::effects::Structure,
    moderation: &[crate::moderation::Moderation],
) -> Vec<String> {
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
        let product = c
            .rows
            .iter()
            .map(|&i| l.term(i))
            .collect::<Vec<_>>()
            .join("*");
        let name = l.fresh("ind");
        defs.push(format!(
            "{name} := {product}  # {}",
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
        let name = l.fresh("total_ind");
        defs.push(format!(
            "{name} := {indirect}  # total indirect, {}",
            path(&p.from, &[], &p.to)
        ));
        if let Some(d) = p.direct {
            let direct = l.term(d);
            let total = l.fresh("total");
            defs.push(format!(
                "{total} := {direct} + {name}  # total, {}",
                path(&p.from, &[], &p.to)
            ));
        }
    }
    defs.extend(moderation_definitions(l, moderation));
    defs
}

/// The `:=` lines of the moderation blocks: per block k the slopes of the
/// focal predictor at W = mean − 1 SD, mean and mean + 1 SD
/// (`slope{k}_low`, `_mean`, `_high`: b1 + b3·w), then per path whose
/// effects semlab gives, numbered j over the blocks, its conditional
/// indirect effects (`cind{j}_low`, ...: the product of its coefficients,
/// each edge W moderates as (b + b_int·w)) and, when W moderates one of its
/// edges, its index of moderated mediation (`imm{j}`: that edge's
/// coefficient replaced by b_int's) — the formulas of
/// [`crate::moderation`]. W's values are the block's, written as its mean
/// and SD with every digit, so lavaan evaluates them at the same W. A
/// block whose regressions the text does not have gets no lines.
fn moderation_definitions(
    l: &mut Labeller<'_>,
    moderation: &[crate::moderation::Moderation],
) -> Vec<String> {
    let mut defs = Vec::new();
    for m in moderation {
        let (mean, sd) = (m.moderator_mean, m.moderator_sd);
        // a dichotomous W: its value itself (the slope's `w`)
        let value = |offset: i8| {
            m.slopes
                .iter()
                .find(|s| s.sd_offset == offset)
                .map_or(f64::NAN, |s| s.w)
        };
        let w_text = |offset: i8| match offset {
            o if m.dichotomous => r_number(value(o)),
            0 => r_number(mean),
            o => format!(
                "({} {} {})",
                r_number(mean),
                if o < 0 { "-" } else { "+" },
                sd
            ),
        };
        let at = |offset: i8| match offset {
            o if m.dichotomous => r_number(value(o)),
            0 => "mean".to_string(),
            o => format!("mean {} {} SD", if o < 0 { "-" } else { "+" }, o.abs()),
        };
        let suffix = |offset: i8| match offset {
            0 => "_mean",
            o if o < 0 => "_low",
            _ => "_high",
        };
        let offsets: Vec<i8> = m.slopes.iter().map(|s| s.sd_offset).collect();
        let suffixes: Vec<&str> = offsets.iter().map(|&o| suffix(o)).collect();
        // the coefficient of `y ~ x` and of its product with W, when the
        // text has both
        let moderated = |l: &mut Labeller<'_>, x: &str, y: &str| {
            let b = l.term_of(y, x)?;
            let b3 = l.term_of(y, &format!("{x}:{}", m.moderator))?;
            Some((b, b3))
        };
        let Some((b1, b3)) = moderated(l, &m.focal, &m.outcome) else {
            continue;
        };
        let patterns: Vec<(&str, &str)> = suffixes.iter().map(|&s| ("slope", s)).collect();
        let names = l.fresh_set(&patterns);
        for (name, &o) in names.iter().zip(&offsets) {
            defs.push(format!(
                "{name} := {b1} + {b3}*{}  # {} -> {} at {} = {}",
                w_text(o),
                m.focal,
                m.outcome,
                m.moderator,
                at(o)
            ));
        }
        for p in m.paths.iter().filter(|p| !p.conditional.is_empty()) {
            let mut vars = vec![p.from.as_str()];
            vars.extend(p.via.iter().map(String::as_str));
            vars.push(&p.to);
            // each edge: its coefficient, and b_int when W moderates it
            let mut edges = Vec::new();
            for e in vars.windows(2) {
                let by_w = p
                    .moderated_edges
                    .iter()
                    .any(|[x, y]| x == e[0] && y == e[1]);
                let terms = if by_w {
                    moderated(l, e[0], e[1]).map(|(b, b3)| (b, Some(b3)))
                } else {
                    l.term_of(e[1], e[0]).map(|b| (b, None))
                };
                edges.push(terms);
            }
            let Some(edges) = edges.into_iter().collect::<Option<Vec<_>>>() else {
                continue;
            };
            let label = vars.join(" -> ");
            // cind{j}_low, ... and imm{j}: one number j for the path
            let mut patterns: Vec<(&str, &str)> = suffixes.iter().map(|&s| ("cind", s)).collect();
            if p.index.is_some() {
                patterns.push(("imm", ""));
            }
            let mut names = l.fresh_set(&patterns);
            let imm = p.index.is_some().then(|| names.pop()).flatten();
            for (name, &o) in names.iter().zip(&offsets) {
                let product = edges
                    .iter()
                    .map(|(b, b3)| match b3 {
                        Some(b3) => format!("({b} + {b3}*{})", w_text(o)),
                        None => b.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("*");
                defs.push(format!(
                    "{name} := {product}  # {label} at {} = {}",
                    m.moderator,
                    at(o)
                ));
            }
            if let Some(name) = imm {
                let product = edges
                    .iter()
                    .map(|(b, b3)| b3.as_ref().unwrap_or(b).clone())
                    .collect::<Vec<_>>()
                    .join("*");
                defs.push(format!(
                    "{name} := {product}  # index of moderated mediation, {label}"
                ));
            }
        }
    }
    defs
}

/// The R script for a model, its options, its data source, the latent
/// variables of its analysis (`Analysis::constructs`, whose kinds say which
/// get semTools' reliability and validity) and its moderation blocks
/// (`Analysis::moderation`, whose W values its `:=` lines use).
pub fn r_script(
    model: &str,
    opts: &Options,
    data: &RData,
    constructs: &[ConstructReliability],
    moderation: &[crate::moderation::Moderation],
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
    if let Some((labelled, defs)) = effects_syntax(model, moderation) {
        s.push_str(if moderation.is_empty() {
            "# Indirect, direct and total effects (semlab's effects table): the model with\n\
             # each path on an indirect path labelled, and the effects as := parameters\n"
        } else {
            "# Indirect, direct and total effects (semlab's effects table) and the\n\
             # conditional effects of the moderation (its simple slopes, conditional\n\
             # indirect effects and indices of moderated mediation, at W = mean - 1 SD,\n\
             # mean and mean + 1 SD of the rows semlab analysed, or at the two values of\n\
             # a W with two): the model with the paths\n\
             # they use labelled, and the effects as := parameters\n"
        });
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
        let (labelled, defs) = effects_syntax(model, &[]).unwrap();
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
        assert!(effects_syntax("y ~ x1 + x2\n", &[]).is_none());
        let s = r_script(model, &Options::default(), &RData::csv("d.csv"), &[], &[]);
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
            &[],
        );
        assert!(s.contains("readxl::read_excel(\"x.xlsx\""));
    }
}
