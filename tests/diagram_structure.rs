//! The diagram editor draws the model text before any fit
//! (`diagram::build_structure`): for the live-commerce example it has the
//! same variables, shapes, items and arrows as the diagram of the fitted
//! model (less the two covariances lavaan adds by default), the hypothesis
//! labels and the markers' 1 on the arrows, and it lays out and renders.

mod common;

use semlab::diagram::{self, build_structure, svg, DiagramOptions, EdgeKind, NodeKind};
use semlab::i18n::Lang;
use semlab::syntax::parse;

#[test]
fn the_example_text_draws_as_its_fitted_diagram() {
    let case = common::load("lavaan", "livecommerce_sem");
    let st = parse(&case.model).unwrap();
    let s = build_structure(&st, &[], false, Lang::En);
    let fitted = diagram::build(&case.run(), &DiagramOptions::default());

    let nodes = |d: &diagram::Diagram| -> Vec<(String, NodeKind, Option<String>)> {
        d.nodes
            .iter()
            .map(|n| (n.name.clone(), n.kind, n.construct.clone()))
            .collect()
    };
    assert_eq!(nodes(&s), nodes(&fitted));
    assert_eq!(s.nodes.len(), 7 + 21);

    // every drawn arrow of the text is in the fitted diagram; the fitted one
    // adds only lavaan's default covariances: of the exogenous constructs
    // and of the two last outcomes' residuals (sem(): auto.cov.lv.x,
    // auto.cov.y)
    let arrows = |d: &diagram::Diagram| -> Vec<(EdgeKind, String, String)> {
        d.edges
            .iter()
            .map(|e| (e.kind, e.from.clone(), e.to.clone()))
            .collect()
    };
    let extra: Vec<_> = arrows(&fitted)
        .into_iter()
        .filter(|a| !arrows(&s).contains(a))
        .collect();
    assert_eq!(
        extra,
        [
            (
                EdgeKind::Covariance,
                "Trust".to_string(),
                "SubjectiveNorms".to_string()
            ),
            (
                EdgeKind::Covariance,
                "RelationshipBuilding".to_string(),
                "RelationshipDeepening".to_string()
            )
        ]
    );
    assert_eq!(s.edges.len(), 21 + 12);

    // labels: the marker's 1 (fixed), free loadings unlabelled, hypotheses
    let e = |from: &str, to: &str| {
        s.edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .unwrap_or_else(|| panic!("{from} -> {to}"))
    };
    assert_eq!(
        (e("Trust", "T1").label.as_str(), e("Trust", "T1").free),
        ("1", false)
    );
    assert_eq!(
        (e("Trust", "T2").label.as_str(), e("Trust", "T2").free),
        ("", true)
    );
    let h = e("MediaInteraction", "RelationshipDeepening");
    assert_eq!(
        (h.kind, h.label.as_str(), h.free),
        (EdgeKind::Regression, "H5b", true)
    );

    // std.lv: no marker, every loading free
    let lv = build_structure(&st, &[], true, Lang::En);
    assert!(lv
        .edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Loading)
        .all(|e| e.free && e.label.is_empty()));

    // it lays out and renders: every variable and label is in the SVG
    let out = svg::render(&s, &diagram::auto_layout(&s));
    for n in &s.nodes {
        assert!(out.contains(&format!(">{}<", n.name)), "{}", n.name);
    }
    assert!(out.contains("data-label=\"H1a\""));
}

#[test]
fn an_empty_text_draws_the_constructs_named_in_the_editor() {
    let s = build_structure(&[], &["Trust".to_string()], false, Lang::Zh);
    assert_eq!(s.nodes.len(), 1);
    assert_eq!(s.nodes[0].kind, NodeKind::Latent);
    assert!(s.edges.is_empty());
    let out = svg::render(&s, &diagram::auto_layout(&s));
    assert!(out.contains(">Trust<"));
    // nothing drawn at all is still a picture (no panic, a title)
    let none = build_structure(&[], &[], false, Lang::En);
    assert!(none.nodes.is_empty());
    let _ = svg::render(&none, &diagram::auto_layout(&none));
}
