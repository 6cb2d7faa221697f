//! The diagram of a model text before (or without) any results: what the
//! diagram editor draws while the model is being built. The same nodes and
//! edges as [`super::build`] (latent variables as ellipses, items beside
//! their construct, loadings, regressions and covariances between two
//! variables), read from the parsed statements instead of a fit; the
//! labels are what the text writes on a parameter: its label (a hypothesis
//! such as `H1a`) or its fixed value (`1`), and `1` on each factor's marker
//! (its first item, unless `std_lv`). Latent variables named in the editor
//! but without an item yet (`pending`) are drawn as ellipses too. A
//! composite (`F <~ x1 + x2`) is drawn as an ellipse with arrows from its
//! indicators into it; a covariance fixed to a value (`a ~~ 0*b`) is drawn
//! with that value.

use super::{
    sized, Diagram, DiagramOptions, Edge, EdgeKind, LabelMode, NodeKind, NODE_FONT, WORDS_EN,
    WORDS_ZH,
};
use crate::format::num;
use crate::i18n::Lang;
use crate::syntax::{ModValue, Modifier, RelOp, Relation, Statement};
use std::collections::BTreeMap;

/// The label a relation's modifiers write, and whether it is free.
fn written(r: &Relation, marker: bool) -> (String, bool) {
    let mut label = String::new();
    let mut free = !marker;
    if marker {
        label = "1".to_string();
    }
    for m in &r.rhs.modifiers {
        match m {
            Modifier::Label(ls) => {
                if let Some(l) = ls.first() {
                    label = l.clone();
                }
            }
            Modifier::Fixed(vs) => match vs.first() {
                Some(ModValue::Number(v)) => {
                    label = num(Some(*v));
                    label = label
                        .trim_end_matches('0')
                        .trim_end_matches('.')
                        .to_string();
                    free = false;
                }
                Some(ModValue::Na) => {
                    if marker {
                        label.clear();
                    }
                    free = true;
                }
                _ => {}
            },
            _ => {}
        }
    }
    (label, free)
}

/// Builds the structure of a model's statements (first block only).
pub fn build_structure(
    statements: &[Statement],
    pending: &[String],
    std_lv: bool,
    lang: Lang,
) -> Diagram {
    let w = match lang {
        Lang::En => &WORDS_EN,
        Lang::Zh => &WORDS_ZH,
    };
    // the first group's block: up to the second `group:` line
    let mut blocks = 0;
    let rels: Vec<&Relation> = statements
        .iter()
        .take_while(|s| {
            if matches!(s, Statement::Block { .. }) {
                blocks += 1;
            }
            blocks < 2
        })
        .filter_map(|s| match s {
            Statement::Relation(r) => Some(r),
            _ => None,
        })
        .filter(|r| {
            matches!(
                r.op,
                RelOp::Loading | RelOp::Regression | RelOp::Covariance | RelOp::Composite
            )
        })
        .collect();
    let mut latents: Vec<String> = Vec::new();
    for r in rels
        .iter()
        .filter(|r| matches!(r.op, RelOp::Loading | RelOp::Composite))
    {
        if !latents.contains(&r.lhs) {
            latents.push(r.lhs.clone());
        }
    }
    for p in pending {
        if !latents.contains(p) {
            latents.push(p.clone());
        }
    }
    let mut construct_of: BTreeMap<String, String> = BTreeMap::new();
    for r in rels.iter().filter(|r| r.op == RelOp::Loading) {
        if !latents.contains(&r.rhs.name) {
            construct_of
                .entry(r.rhs.name.clone())
                .or_insert_with(|| r.lhs.clone());
        }
    }
    let mut vars: Vec<String> = latents.clone();
    for r in &rels {
        for v in [&r.lhs, &r.rhs.name] {
            if !vars.contains(v) {
                vars.push(v.clone());
            }
        }
    }
    let nodes = vars
        .iter()
        .map(|v| {
            let kind = if latents.contains(v) {
                NodeKind::Latent
            } else {
                NodeKind::Observed
            };
            sized(v, kind, construct_of.get(v).cloned(), None, NODE_FONT)
        })
        .collect();
    let mut seen_marker: Vec<&str> = Vec::new();
    let mut edges = Vec::new();
    for r in &rels {
        let (kind, from, to) = match r.op {
            RelOp::Loading => (EdgeKind::Loading, &r.lhs, &r.rhs.name),
            RelOp::Regression => (EdgeKind::Regression, &r.rhs.name, &r.lhs),
            // a composite is formed by its indicators: arrows into it
            RelOp::Composite => (EdgeKind::Regression, &r.rhs.name, &r.lhs),
            RelOp::Covariance if r.lhs != r.rhs.name => (EdgeKind::Covariance, &r.lhs, &r.rhs.name),
            _ => continue,
        };
        let marker = kind == EdgeKind::Loading && !std_lv && !seen_marker.contains(&r.lhs.as_str());
        if kind == EdgeKind::Loading {
            seen_marker.push(&r.lhs);
        }
        let (label, free) = written(r, marker);
        edges.push(Edge {
            lhs: r.lhs.clone(),
            op: r.op.as_str().to_string(),
            rhs: r.rhs.name.clone(),
            kind,
            free,
            label,
            from: from.clone(),
            to: to.clone(),
            suggestion: None,
        });
    }
    let options = DiagramOptions {
        labels: LabelMode::None,
        stars: false,
        residuals: false,
        r2: false,
        suggestions: false,
        ..DiagramOptions::default()
    };
    let desc = (w.desc)(vars.len(), edges.len(), env!("CARGO_PKG_VERSION"));
    Diagram {
        nodes,
        edges,
        options,
        title: (w.title)(w.what_none),
        note: String::new(),
        desc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn the_text_draws_its_labels_markers_and_pending_constructs() {
        let st = parse("F =~ a + NA*b + 1*c\nY ~ H1*F\nY ~~ F").unwrap();
        let d = build_structure(&st, &["G".to_string()], false, Lang::En);
        let names: Vec<&str> = d.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["F", "G", "a", "b", "c", "Y"]);
        assert_eq!(d.nodes[1].kind, NodeKind::Latent);
        let labels: Vec<(&str, bool)> =
            d.edges.iter().map(|e| (e.label.as_str(), e.free)).collect();
        assert_eq!(
            labels,
            [
                ("1", false),
                ("", true),
                ("1", false),
                ("H1", true),
                ("", true)
            ]
        );
        assert_eq!(d.edges[3].from, "F");
        assert_eq!(d.edges[4].kind, EdgeKind::Covariance);
    }

    #[test]
    fn composites_and_fixed_covariances_are_drawn() {
        let st = parse("F =~ a + b\nC <~ x1 + x2\nF ~~ 0*C\na ~~ 0.25*b").unwrap();
        let d = build_structure(&st, &[], false, Lang::En);
        assert_eq!(d.node("C").map(|n| n.kind), Some(NodeKind::Latent));
        let drawn: Vec<(&str, &str, &str, &str, bool)> = d
            .edges
            .iter()
            .map(|e| {
                (
                    e.from.as_str(),
                    e.op.as_str(),
                    e.to.as_str(),
                    e.label.as_str(),
                    e.free,
                )
            })
            .collect();
        assert_eq!(
            drawn,
            [
                ("F", "=~", "a", "1", false),
                ("F", "=~", "b", "", true),
                ("x1", "<~", "C", "", true),
                ("x2", "<~", "C", "", true),
                ("F", "~~", "C", "0", false),
                ("a", "~~", "b", "0.25", false),
            ]
        );
        // and the SVG shows the fixed values on their arrows
        let svg = crate::diagram::svg::render(&d, &crate::diagram::auto_layout(&d));
        assert!(
            svg.contains(r#"data-lhs="F" data-op="~~" data-rhs="C""#),
            "{svg}"
        );
        for label in ["0", "0.25"] {
            assert!(
                svg.contains(&format!(">{label}</text></g>")),
                "{label}: {svg}"
            );
        }
    }
}
