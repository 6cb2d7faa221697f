//! Sharing links: a model, its options, the language, an example data set's
//! name and the embed flag in the fragment (hash) of a URL — never data —
//! so that a teacher can link to, or `<iframe>`, a ready analysis:
//!
//! ```text
//! https://host/semlab/#embed&example=hs1939&lang=zh&std_lv=1&model=visual%20%3D~%20x1%20%2B%20x2%20%2B%20x3
//! ```
//!
//! | key | values | meaning |
//! |---|---|---|
//! | `example` | `hs1939`, `poldem`, `livecommerce` | load that embedded example's data (and its model, unless `model` is given) |
//! | `model` | lavaan syntax, percent-encoded | the model text |
//! | `lang` | `en`, `zh` | the page's language |
//! | `embed` | (no value), `1` | the compact page for an `<iframe>` |
//! | `estimator` | `ML`, `MLR`, `MLM`, `WLSMV` | |
//! | `missing` | `listwise`, `ml` (or `fiml`) | |
//! | `std_lv`, `orthogonal` | `1`, `0` | |
//! | `ordered` | `all`, or items separated by commas | ordinal items (WLSMV) |
//! | `alpha` | a number between 0 and 1 | hypothesis rule: significance level |
//! | `tails` | `two`, `one` | hypothesis rule |
//! | `sign` | `positive`, `negative`, `any` | hypothesis rule: expected sign |
//! | `labels` | `std`, `unstd`, `none` | path diagram labels |
//! | `residuals`, `structural` | `1`, `0` | path diagram: residuals; structural part only |
//! | `group` | a column name | groups: the column whose values are the groups (used when the data has it) |
//! | `group_equal` | lavaan's names separated by commas (`loadings,intercepts`) | groups: what is equal across them |
//! | `group_partial` | parameters separated by commas (`x3~1`) | groups: released from `group_equal` |
//! | `composites` | `name~item~item` entries separated by `*` (`Trust_mean~T1~T2~T3`) | columns added to the data: each the mean of its items (made again when the data is loaded) |
//! | `pos` | `name~x~y` entries separated by `*` (`Trust~120~80*T1~40~-20`) | diagram: where nodes were moved to (centres, whole SVG units) |
//! | `lpos` | `lhs~op~rhs~dx~dy` entries separated by `*`, op `l` (`=~`), `r` (`~`), `c` (`~~`) or `f` (`<~`) (`Trust~l~T1~0~-12`) | diagram: how far labels were moved from their automatic place (whole SVG units) |
//!
//! Keys are separated by `&`; unknown keys are ignored; a value that cannot
//! be used is reported ([`LinkProblem`]) and the rest of the link still
//! applies. [`Link::fragment`] writes only what differs from the defaults.

use crate::analysis::{Estimator, Missing, Options};
use crate::diagram::{DiagramOptions, LabelMode, Layout, Point};
use crate::i18n::Lang;
use crate::partable::GroupEqual;
use crate::tables::hypotheses::{Sign, Tails};

/// What a link holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Link {
    /// The key of an embedded example data set.
    pub example: Option<String>,
    pub model: Option<String>,
    pub lang: Option<Lang>,
    pub embed: bool,
    /// Estimation options and the hypothesis rule (defaults for keys not given).
    pub options: Options,
    pub diagram: DiagramOptions,
    /// Where the person moved the diagram's nodes (empty: the automatic
    /// layout).
    pub layout: Layout,
    /// Composite scores added to the data (name, items), in order: made
    /// again once the data is loaded.
    pub composites: Vec<(String, Vec<String>)>,
}

/// A value in a link that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub key: String,
    pub value: String,
    /// What the key accepts.
    pub allowed: String,
}

/// Percent-encodes text for a URL fragment value (as JavaScript's
/// `encodeURIComponent`: letters, digits and `-_.!~*'()` stay).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` sequences (a `+` stays a `+`: lavaan syntax needs it).
/// None when the result is not UTF-8 or a `%` is not followed by two hex digits.
pub fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn flag(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// The items of a comma-separated value, trimmed, empty ones left out.
fn list_of(v: &str) -> Vec<&str> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The `pos` value of a layout: `name~x~y` entries (centres rounded to
/// whole SVG units) separated by `*`, characters no variable name has and
/// a URL keeps as they are.
fn positions_value(l: &Layout) -> String {
    l.positions
        .iter()
        .map(|(n, p)| format!("{}~{}~{}", encode(n), p.x.round(), p.y.round()))
        .collect::<Vec<_>>()
        .join("*")
}

/// A point from the two numbers of a `pos` or `lpos` entry, read as the
/// data reader reads a number (finite, no thousands separators); None
/// otherwise.
fn coordinates(x: &str, y: &str) -> Option<Point> {
    let number = |t: &str| crate::data::parse_number(t, false);
    Some(Point::new(number(x)?, number(y)?))
}

/// Reads a `pos` value (decoded); None when an entry is not `name~x~y`.
fn parse_positions(v: &str) -> Option<Layout> {
    let mut l = Layout::default();
    for entry in v.split('*').filter(|e| !e.is_empty()) {
        let mut parts = entry.split('~');
        let (Some(name), Some(x), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        if !crate::syntax::is_variable_name(name) {
            return None;
        }
        l.positions.insert(name.to_string(), coordinates(x, y)?);
    }
    Some(l)
}

/// A `composites` value: `name~item~item` entries separated by `*`.
fn composites_value(c: &[(String, Vec<String>)]) -> String {
    c.iter()
        .map(|(n, items)| {
            std::iter::once(n)
                .chain(items)
                .map(|x| encode(x))
                .collect::<Vec<_>>()
                .join("~")
        })
        .collect::<Vec<_>>()
        .join("*")
}

/// The operators of drawn edges and their letters in an `lpos` value
/// (`~` and `=` would clash with its separators).
const LABEL_OPS: [(&str, &str); 4] = [("=~", "l"), ("~", "r"), ("~~", "c"), ("<~", "f")];

/// The `lpos` value of a layout: `lhs~op~rhs~dx~dy` entries (offsets
/// rounded to whole SVG units) separated by `*`.
fn label_offsets_value(l: &Layout) -> String {
    l.labels
        .iter()
        .filter_map(|(key, p)| {
            let mut parts = key.split(' ');
            let (lhs, op, rhs) = (parts.next()?, parts.next()?, parts.next()?);
            let code = LABEL_OPS.iter().find(|(o, _)| *o == op)?.1;
            Some(format!(
                "{}~{code}~{}~{}~{}",
                encode(lhs),
                encode(rhs),
                p.x.round(),
                p.y.round()
            ))
        })
        .collect::<Vec<_>>()
        .join("*")
}

/// Reads a `composites` value (decoded); None when an entry is not a name
/// and at least one item, each written as lavaan writes a variable.
fn parse_composites(v: &str) -> Option<Vec<(String, Vec<String>)>> {
    v.split('*')
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let parts: Vec<String> = entry.split('~').map(|p| p.trim().to_string()).collect();
            let ok = parts.len() >= 2 && parts.iter().all(|p| crate::syntax::is_variable_name(p));
            ok.then(|| (parts[0].clone(), parts[1..].to_vec()))
        })
        .collect()
}

/// Reads an `lpos` value (decoded) into label offsets keyed as
/// [`crate::diagram::Edge::key`]; None when an entry is not
/// `lhs~op~rhs~dx~dy`.
fn parse_label_offsets(v: &str) -> Option<std::collections::BTreeMap<String, Point>> {
    let mut out = std::collections::BTreeMap::new();
    for entry in v.split('*').filter(|e| !e.is_empty()) {
        let parts: Vec<&str> = entry.split('~').collect();
        let [lhs, code, rhs, x, y] = parts[..] else {
            return None;
        };
        let op = LABEL_OPS.iter().find(|(_, c)| *c == code)?.0;
        let names_ok = [lhs, rhs]
            .iter()
            .all(|n| crate::syntax::is_variable_name(n));
        if !names_ok {
            return None;
        }
        out.insert(format!("{lhs} {op} {rhs}"), coordinates(x, y)?);
    }
    Some(out)
}

impl Link {
    /// Reads a URL fragment (with or without the leading `#`).
    pub fn parse(fragment: &str) -> (Link, Vec<LinkProblem>) {
        let mut link = Link::default();
        let mut problems = Vec::new();
        let frag = fragment.strip_prefix('#').unwrap_or(fragment);
        for part in frag.split('&').filter(|p| !p.is_empty()) {
            let (k, raw) = part.split_once('=').unwrap_or((part, ""));
            let key = k.trim().to_ascii_lowercase();
            let mut bad = |allowed: &str| {
                problems.push(LinkProblem {
                    key: key.clone(),
                    value: decode(raw).unwrap_or_else(|| raw.to_string()),
                    allowed: allowed.to_string(),
                })
            };
            let Some(v) = decode(raw) else {
                bad("percent-encoded UTF-8 text");
                continue;
            };
            let lower = v.trim().to_ascii_lowercase();
            let o = &mut link.options;
            match key.as_str() {
                "example" => link.example = Some(lower),
                "model" => link.model = Some(v),
                "lang" => match Lang::parse(&lower) {
                    Some(l) => link.lang = Some(l),
                    None => bad("en, zh"),
                },
                "embed" => match flag(&lower) {
                    Some(f) => link.embed = f,
                    None => bad("1, 0"),
                },
                "estimator" => match lower.as_str() {
                    "ml" => o.estimator = Estimator::Ml,
                    "mlr" => o.estimator = Estimator::Mlr,
                    "mlm" => o.estimator = Estimator::Mlm,
                    "wlsmv" => o.estimator = Estimator::Wlsmv,
                    _ => bad("ML, MLR, MLM, WLSMV"),
                },
                "missing" => match lower.as_str() {
                    "listwise" => o.missing = Missing::Listwise,
                    "ml" | "fiml" => o.missing = Missing::Ml,
                    _ => bad("listwise, ml"),
                },
                "std_lv" | "std.lv" => match flag(&lower) {
                    Some(f) => o.std_lv = f,
                    None => bad("1, 0"),
                },
                "orthogonal" => match flag(&lower) {
                    Some(f) => o.orthogonal = f,
                    None => bad("1, 0"),
                },
                "ordered" => o.ordered = list_of(&v).into_iter().map(String::from).collect(),
                "alpha" => match lower.parse::<f64>() {
                    Ok(a) if a > 0.0 && a < 1.0 => o.hypotheses.alpha = a,
                    _ => bad("a number between 0 and 1, e.g. 0.05"),
                },
                "tails" => match lower.as_str() {
                    "two" | "2" => o.hypotheses.tails = Tails::Two,
                    "one" | "1" => o.hypotheses.tails = Tails::One,
                    _ => bad("two, one"),
                },
                "sign" => match lower.as_str() {
                    "positive" => o.hypotheses.expected_sign = Sign::Positive,
                    "negative" => o.hypotheses.expected_sign = Sign::Negative,
                    "any" => o.hypotheses.expected_sign = Sign::Any,
                    _ => bad("positive, negative, any"),
                },
                "labels" => match lower.as_str() {
                    "std" | "standardized" => link.diagram.labels = LabelMode::Standardized,
                    "unstd" | "unstandardized" => link.diagram.labels = LabelMode::Unstandardized,
                    "none" => link.diagram.labels = LabelMode::None,
                    _ => bad("std, unstd, none"),
                },
                "group" => o.group = Some(v.trim().to_string()).filter(|g| !g.is_empty()),
                "group_equal" | "group.equal" => {
                    let kinds: Vec<&str> = list_of(&v);
                    match kinds
                        .iter()
                        .map(|k| GroupEqual::parse(k))
                        .collect::<Option<Vec<_>>>()
                    {
                        Some(g) => {
                            o.group_equal = g.iter().map(|g| g.as_str().to_string()).collect()
                        }
                        None => bad(&GroupEqual::ALL.map(GroupEqual::as_str).join(", ")),
                    }
                }
                "group_partial" | "group.partial" => {
                    o.group_partial = list_of(&v).into_iter().map(String::from).collect()
                }
                "residuals" => match flag(&lower) {
                    Some(f) => link.diagram.residuals = f,
                    None => bad("1, 0"),
                },
                "structural" => match flag(&lower) {
                    Some(f) => link.diagram.measurement = !f,
                    None => bad("1, 0"),
                },
                "composites" => match parse_composites(&v) {
                    Some(c) => link.composites = c,
                    None => bad("name~item~item entries separated by *, e.g. Trust_mean~T1~T2~T3"),
                },
                "pos" => match parse_positions(&v) {
                    Some(l) => link.layout.positions = l.positions,
                    None => bad("name~x~y entries separated by *, e.g. Trust~120~80*T1~40~-20"),
                },
                "lpos" => match parse_label_offsets(&v) {
                    Some(labels) => link.layout.labels = labels,
                    None => bad("lhs~op~rhs~dx~dy entries separated by *, op l, r, c or f, e.g. Trust~l~T1~0~-12"),
                },
                _ => {}
            }
        }
        (link, problems)
    }

    /// The URL fragment (without `#`): the example, the language, the
    /// embed flag, the options and diagram settings that differ from the
    /// defaults, the moved nodes' positions, and the model last.
    pub fn fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.embed {
            parts.push("embed".into());
        }
        if let Some(e) = &self.example {
            parts.push(format!("example={}", encode(e)));
        }
        if let Some(l) = self.lang {
            parts.push(format!("lang={}", l.code()));
        }
        let o = &self.options;
        let d = Options::default();
        if o.estimator != d.estimator {
            parts.push(format!("estimator={}", o.estimator.name()));
        }
        if o.missing != d.missing {
            parts.push("missing=ml".into());
        }
        if o.std_lv {
            parts.push("std_lv=1".into());
        }
        if o.orthogonal {
            parts.push("orthogonal=1".into());
        }
        if !o.ordered.is_empty() {
            parts.push(format!("ordered={}", encode(&o.ordered.join(","))));
        }
        if let Some(g) = &o.group {
            parts.push(format!("group={}", encode(g)));
            if !o.group_equal.is_empty() {
                parts.push(format!("group_equal={}", encode(&o.group_equal.join(","))));
            }
            if !o.group_partial.is_empty() {
                parts.push(format!(
                    "group_partial={}",
                    encode(&o.group_partial.join(","))
                ));
            }
        }
        let r = &o.hypotheses;
        if r.alpha != d.hypotheses.alpha {
            parts.push(format!("alpha={}", r.alpha));
        }
        if r.tails != d.hypotheses.tails {
            parts.push("tails=one".into());
        }
        if r.expected_sign != d.hypotheses.expected_sign {
            parts.push(format!(
                "sign={}",
                match r.expected_sign {
                    Sign::Positive => "positive",
                    Sign::Negative => "negative",
                    Sign::Any => "any",
                }
            ));
        }
        let dd = DiagramOptions::default();
        if self.diagram.labels != dd.labels {
            parts.push(format!(
                "labels={}",
                match self.diagram.labels {
                    LabelMode::Standardized => "std",
                    LabelMode::Unstandardized => "unstd",
                    LabelMode::None => "none",
                }
            ));
        }
        if self.diagram.residuals {
            parts.push("residuals=1".into());
        }
        if !self.diagram.measurement {
            parts.push("structural=1".into());
        }
        if !self.composites.is_empty() {
            parts.push(format!("composites={}", composites_value(&self.composites)));
        }
        if !self.layout.positions.is_empty() {
            parts.push(format!("pos={}", positions_value(&self.layout)));
        }
        if !self.layout.labels.is_empty() {
            parts.push(format!("lpos={}", label_offsets_value(&self.layout)));
        }
        if let Some(m) = &self.model {
            parts.push(format!("model={}", encode(m)));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A multi-group analysis: the group column, what is equal and what is
    /// released come back as they were; a kind lavaan does not know is
    /// reported with the ones it does.
    #[test]
    fn groups_round_trip() {
        let o = Options {
            group: Some("school".into()),
            group_equal: vec!["loadings".into(), "intercepts".into()],
            group_partial: vec!["x3~1".into(), "visual=~x2".into()],
            ..Options::default()
        };
        let link = Link {
            model: Some("visual =~ x1 + x2 + x3".into()),
            options: o.clone(),
            ..Link::default()
        };
        let f = link.fragment();
        assert!(
            f.starts_with("group=school&group_equal=loadings%2Cintercepts&group_partial=x3~1%2Cvisual%3D~x2&model="),
            "{f}"
        );
        let (back, problems) = Link::parse(&f);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.options, o);
        // lavaan's spelling and semlab's both read; an unknown kind is named
        let (l, problems) = Link::parse("group=school&group.equal=Loadings, residual_covariances");
        assert_eq!(l.options.group_equal, ["loadings", "residual.covariances"]);
        assert!(problems.is_empty());
        let (_, problems) = Link::parse("group=school&group_equal=loadings,slopes");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].key, "group_equal");
        assert!(problems[0].allowed.contains("residual.covariances"));
        // without a group column, group_equal says nothing
        let lone = Link {
            options: Options {
                group_equal: vec!["loadings".into()],
                ..Options::default()
            },
            ..Link::default()
        };
        assert_eq!(lone.fragment(), "");
    }

    #[test]
    fn round_trip() {
        let mut o = Options {
            std_lv: true,
            estimator: Estimator::Mlr,
            ..Options::default()
        };
        o.hypotheses.alpha = 0.01;
        o.hypotheses.tails = Tails::One;
        let link = Link {
            example: Some("hs1939".into()),
            model: Some("visual =~ x1 + x2 + x3\n# 中文注释 & more".into()),
            lang: Some(Lang::Zh),
            embed: true,
            options: o,
            diagram: DiagramOptions {
                labels: LabelMode::Unstandardized,
                ..DiagramOptions::default()
            },
            layout: Layout::default(),
            composites: Vec::new(),
        };
        let f = link.fragment();
        assert!(
            f.starts_with("embed&example=hs1939&lang=zh&estimator=MLR"),
            "{f}"
        );
        assert!(!f.contains(' ') && !f.contains('\n'), "{f}");
        let (back, problems) = Link::parse(&format!("#{f}"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, link);
    }

    /// Composite scores travel as `name~item~item` entries, before the
    /// model, and come back in order; a bad entry is named and the rest
    /// of the link applies.
    #[test]
    fn composites_round_trip() {
        let link = Link {
            example: Some("livecommerce".into()),
            model: Some("Loyalty ~ Trust_mean".into()),
            composites: vec![
                (
                    "Trust_mean".into(),
                    vec!["T1".into(), "T2".into(), "T3".into()],
                ),
                ("Norm.s".into(), vec!["N1".into(), "N_2".into()]),
            ],
            ..Link::default()
        };
        let f = link.fragment();
        assert!(
            f.contains("&composites=Trust_mean~T1~T2~T3*Norm.s~N1~N_2&model="),
            "{f}"
        );
        let (back, problems) = Link::parse(&f);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, link);
        for bad in [
            "composites=Trust_mean",
            "composites=Trust%20mean~T1",
            "composites=A~B~~C",
        ] {
            let (l, problems) = Link::parse(&format!("{bad}&std_lv=1"));
            assert_eq!(problems.len(), 1, "{bad}");
            assert_eq!(problems[0].key, "composites");
            assert!(l.composites.is_empty() && l.options.std_lv, "{bad}");
        }
    }

    /// Moved labels travel in an `lpos` value (whole units, the operator
    /// as a letter), beside the moved nodes; a bad entry is named.
    #[test]
    fn label_offsets_round_trip_compactly() {
        let mut layout = Layout::default();
        layout
            .positions
            .insert("Trust".into(), Point::new(1.0, 2.0));
        layout.move_label("Trust =~ T1", Point::new(0.4, -12.2));
        layout.move_label("y ~ x.2", Point::new(-30.0, 5.0));
        layout.move_label("a ~~ b", Point::new(3.0, 4.0));
        layout.move_label("C <~ x1", Point::new(0.0, 9.0));
        let link = Link {
            layout,
            ..Link::default()
        };
        let f = link.fragment();
        assert_eq!(
            f,
            "pos=Trust~1~2&lpos=C~f~x1~0~9*Trust~l~T1~0~-12*a~c~b~3~4*y~r~x.2~-30~5"
        );
        // lpos before pos: both kept
        let (back, problems) = Link::parse("lpos=Trust~l~T1~0~-12&pos=Trust~1~2");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.layout.position("Trust"), Some(Point::new(1.0, 2.0)));
        assert_eq!(
            back.layout.label_offset("Trust =~ T1"),
            Point::new(0.0, -12.0)
        );
        let (back, _) = Link::parse(&f);
        assert_eq!(back.layout.labels.len(), 4);
        assert_eq!(back.layout.label_offset("y ~ x.2"), Point::new(-30.0, 5.0));
        for bad in [
            "Trust~x~T1~0~1",
            "Trust~l~T1~0",
            "Trust~l~2T~0~1",
            "Trust~l~T1~a~1",
        ] {
            let (l, p) = Link::parse(&format!("lpos={bad}&std_lv=1"));
            assert_eq!(p.len(), 1, "{bad}");
            assert_eq!(p[0].key, "lpos");
            assert!(l.layout.labels.is_empty());
            assert!(l.options.std_lv);
        }
    }

    /// Moved nodes travel in a compact `pos` value (whole units), before
    /// the model; a bad entry is named and the rest of the link applies.
    #[test]
    fn positions_round_trip_compactly() {
        let mut layout = Layout::default();
        layout
            .positions
            .insert("Trust".into(), Point::new(120.4, 80.0));
        layout
            .positions
            .insert("T1".into(), Point::new(40.0, -19.6));
        layout.positions.insert("x.2".into(), Point::new(0.0, 7.0));
        let link = Link {
            model: Some("Trust =~ T1 + x.2".into()),
            layout,
            ..Link::default()
        };
        let f = link.fragment();
        assert!(
            f.starts_with("pos=T1~40~-20*Trust~120~80*x.2~0~7&model="),
            "{f}"
        );
        let (back, problems) = Link::parse(&f);
        assert!(problems.is_empty(), "{problems:?}");
        let at = |n: &str| back.layout.position(n).map(|p| (p.x, p.y));
        assert_eq!(at("Trust"), Some((120.0, 80.0)));
        assert_eq!(at("T1"), Some((40.0, -20.0)));
        assert_eq!(at("x.2"), Some((0.0, 7.0)));
        assert_eq!(back.layout.positions.len(), 3);
        // percent-encoded separators read too; a bad entry is reported
        let (l, p) = Link::parse("pos=Trust%7E1%7E2");
        assert!(p.is_empty());
        assert_eq!(
            l.layout.position("Trust").map(|p| (p.x, p.y)),
            Some((1.0, 2.0))
        );
        for bad in ["Trust~1", "Trust~a~2", "2B~1~2", "Trust~1~2~3"] {
            let (l, p) = Link::parse(&format!("pos={bad}&std_lv=1"));
            assert_eq!(p.len(), 1, "{bad}");
            assert_eq!(p[0].key, "pos");
            assert!(l.layout.positions.is_empty());
            assert!(l.options.std_lv);
        }
    }

    #[test]
    fn plus_stays_and_bad_values_are_reported() {
        let (l, p) = Link::parse("model=f=~x1+x2&lang=fr&alpha=5&tails=one&foo=bar&std_lv");
        assert_eq!(l.model.as_deref(), Some("f=~x1+x2"));
        assert_eq!(l.lang, None);
        assert!(l.options.std_lv);
        assert_eq!(l.options.hypotheses.tails, Tails::One);
        let keys: Vec<&str> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["lang", "alpha"]);
        let (_, p) = Link::parse("model=%E4%B8");
        assert_eq!(p.len(), 1);
    }
}
