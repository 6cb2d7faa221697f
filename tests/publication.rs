//! Publication outputs on the three examples (a CFA, a mediation model
//! with residual covariances, the live-commerce SEM of the seed paper):
//! the path diagram (one node per variable, one edge per drawn parameter
//! with the displayed std.all and stars, no overlapping boxes), the APA
//! tables (LaTeX and CSV read back to the displayed numbers), the methods
//! paragraph (the fit table's numbers), the R script (lavaan prints the
//! same χ²), project files, and the command-line flags.

mod common;

use semlab::analysis::{self, Analysis, DataInput, Options};
use semlab::data::{read_table, ReadOptions};
use semlab::diagram::{self, DiagramOptions, LabelMode, Point};
use semlab::i18n::Localized;
use semlab::project::{Project, ProjectError};
use semlab::report::export::{self, Style};
use semlab::report::methods::{self, Lang};
use semlab::report::rscript::{r_script, RData};
use semlab::report::{self, apa, num};
use semlab::tables::hypotheses::stars;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::process::Command;

fn fixture_dir(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lavaan")
        .join(case)
}

fn model(case: &str) -> String {
    std::fs::read_to_string(fixture_dir(case).join("model.lav")).unwrap()
}

fn data_path(case: &str) -> PathBuf {
    fixture_dir(case).join(format!("{case}.csv"))
}

fn run(case: &str) -> Analysis {
    let bytes = std::fs::read(data_path(case)).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    analysis::run(&DataInput::Table(&table), &model(case), &Options::default()).unwrap()
}

const EXAMPLES: [&str; 3] = ["hs1939_cfa", "poldem_mediation", "livecommerce_sem"];

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("semlab-pub-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

// ---------------------------------------------------------------- SVG parsing

/// The start tags `<name ...>` in the text, with their attributes.
fn tags(svg: &str, name: &str) -> Vec<(usize, HashMap<String, String>)> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = svg[from..].find(&open) {
        let start = from + k;
        let end = start + svg[start..].find('>').unwrap();
        out.push((start, attrs(&svg[start + open.len()..end])));
        from = end;
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attrs(s: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let mut rest = s;
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let close = after.find('"').unwrap();
        m.insert(key, unescape(&after[..close]));
        rest = &after[close + 1..];
    }
    m
}

#[derive(Debug, Clone, Copy)]
struct Box2 {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box2 {
    fn overlaps(&self, o: &Box2) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

fn f(m: &HashMap<String, String>, k: &str) -> f64 {
    m[k].parse()
        .unwrap_or_else(|_| panic!("attribute {k} = {:?}", m[k]))
}

struct ParsedSvg {
    /// name → (class, box)
    nodes: Vec<(String, String, Box2)>,
    /// (lhs, op, rhs, free, label)
    edges: Vec<(String, String, String, bool, String)>,
    /// (lhs, op, rhs, text, box)
    labels: Vec<(String, String, String, String, Box2)>,
}

fn parse_svg(svg: &str) -> ParsedSvg {
    let mut nodes = Vec::new();
    for (pos, g) in tags(svg, "g") {
        let class = g.get("class").cloned().unwrap_or_default();
        if class.starts_with("node ") {
            let rest = &svg[pos..];
            let shape_end = rest.find("/>").unwrap();
            let shape = &rest[..shape_end];
            let b = if let Some(k) = shape.find("<ellipse ") {
                let a = attrs(&shape[k + 9..]);
                let (cx, cy, rx, ry) = (f(&a, "cx"), f(&a, "cy"), f(&a, "rx"), f(&a, "ry"));
                Box2 {
                    x: cx - rx,
                    y: cy - ry,
                    w: 2.0 * rx,
                    h: 2.0 * ry,
                }
            } else {
                let k = shape.find("<rect ").unwrap();
                let a = attrs(&shape[k + 6..]);
                Box2 {
                    x: f(&a, "x"),
                    y: f(&a, "y"),
                    w: f(&a, "width"),
                    h: f(&a, "height"),
                }
            };
            nodes.push((g["data-name"].clone(), class, b));
        }
    }
    let edges = tags(svg, "path")
        .into_iter()
        .filter(|(_, a)| a.get("class").is_some_and(|c| c.starts_with("edge ")))
        .map(|(_, a)| {
            (
                a["data-lhs"].clone(),
                a["data-op"].clone(),
                a["data-rhs"].clone(),
                a["data-free"] == "true",
                a["data-label"].clone(),
            )
        })
        .collect();
    let mut labels = Vec::new();
    for (pos, g) in tags(svg, "g") {
        if g.get("class").map(String::as_str) == Some("edge-label") {
            let rest = &svg[pos..];
            let end = rest.find("</g>").unwrap();
            let inner = &rest[..end];
            let r0 = inner.find("<rect ").unwrap() + 6;
            let r = attrs(&inner[r0..r0 + inner[r0..].find("/>").unwrap()]);
            let t0 = inner.find("<text ").unwrap();
            let t1 = inner[t0..].find('>').unwrap() + t0 + 1;
            let t2 = inner.find("</text>").unwrap();
            labels.push((
                g["data-lhs"].clone(),
                g["data-op"].clone(),
                g["data-rhs"].clone(),
                unescape(&inner[t1..t2]),
                Box2 {
                    x: f(&r, "x"),
                    y: f(&r, "y"),
                    w: f(&r, "width"),
                    h: f(&r, "height"),
                },
            ));
        }
    }
    ParsedSvg {
        nodes,
        edges,
        labels,
    }
}

/// Parameters the diagram draws (see `semlab::diagram`): loadings,
/// regressions, covariances between two variables unless fixed to 0 (those
/// between constructs only up to `MAX_CONSTRUCT_COVARIANCES`), and with
/// residuals the variances of endogenous variables.
fn expected_edges(a: &Analysis, o: &DiagramOptions) -> BTreeMap<(String, String, String), String> {
    let items: BTreeSet<&str> = a
        .parameters
        .iter()
        .filter(|p| p.op == "=~")
        .map(|p| p.rhs.as_str())
        .filter(|v| !a.parameters.iter().any(|q| q.op == "=~" && q.lhs == *v))
        .collect();
    let endogenous: BTreeSet<&str> = a
        .parameters
        .iter()
        .filter_map(|p| match p.op.as_str() {
            "=~" => Some(p.rhs.as_str()),
            "~" => Some(p.lhs.as_str()),
            _ => None,
        })
        .collect();
    let mut m = BTreeMap::new();
    for p in &a.parameters {
        let drawn = match p.op.as_str() {
            "=~" | "~" => true,
            "~~" if p.lhs != p.rhs => p.free || p.est != 0.0,
            "~~" => o.residuals && endogenous.contains(p.lhs.as_str()) && (p.free || p.est != 0.0),
            _ => false,
        };
        let hidden =
            !o.measurement && (items.contains(p.lhs.as_str()) || items.contains(p.rhs.as_str()));
        if !drawn || hidden {
            continue;
        }
        let value = match o.labels {
            LabelMode::Standardized => p.std_all,
            LabelMode::Unstandardized => Some(p.est),
            LabelMode::None => None,
        };
        let mut label = if o.labels == LabelMode::None {
            String::new()
        } else {
            num(value)
        };
        if o.labels != LabelMode::None && o.stars && p.free && p.lhs != p.rhs {
            label.push_str(&stars(p.pvalue));
        }
        m.insert((p.lhs.clone(), p.op.clone(), p.rhs.clone()), label);
    }
    // covariances between two variables that are not items: left out past
    // MAX_CONSTRUCT_COVARIANCES unless all are asked for (a growth model's
    // six covariates have 15 among them)
    let between = |k: &(String, String, String)| {
        k.1 == "~~" && k.0 != k.2 && !items.contains(k.0.as_str()) && !items.contains(k.2.as_str())
    };
    let n_between = m.keys().filter(|k| between(k)).count();
    let hide = match o.construct_covariances {
        diagram::CovarianceView::All => false,
        diagram::CovarianceView::Hidden => true,
        diagram::CovarianceView::Auto => n_between > diagram::MAX_CONSTRUCT_COVARIANCES,
    };
    if hide {
        m.retain(|k, _| !between(k));
    }
    m
}

fn option_sets() -> Vec<(&'static str, DiagramOptions)> {
    vec![
        ("default", DiagramOptions::default()),
        (
            "residuals",
            DiagramOptions {
                residuals: true,
                ..DiagramOptions::default()
            },
        ),
        (
            "unstandardized",
            DiagramOptions {
                labels: LabelMode::Unstandardized,
                residuals: true,
                ..DiagramOptions::default()
            },
        ),
        (
            "structural",
            DiagramOptions {
                measurement: false,
                ..DiagramOptions::default()
            },
        ),
    ]
}

// ---------------------------------------------------------------- diagram

#[test]
fn diagram_has_one_node_per_variable_and_one_edge_per_parameter_with_its_label() {
    for case in EXAMPLES {
        let a = run(case);
        for (what, o) in option_sets() {
            let svg = diagram::to_svg(&a, &o);
            let p = parse_svg(&svg);
            // nodes: every latent and observed variable once
            let latents: BTreeSet<String> = a
                .parameters
                .iter()
                .filter(|q| q.op == "=~")
                .map(|q| q.lhs.clone())
                .collect();
            let mut want: BTreeSet<String> = latents.clone();
            let items: BTreeSet<String> = a
                .parameters
                .iter()
                .filter(|q| q.op == "=~" && !latents.contains(&q.rhs))
                .map(|q| q.rhs.clone())
                .collect();
            for v in &a.data.variables {
                if o.measurement || !items.contains(v) {
                    want.insert(v.clone());
                }
            }
            let got: Vec<String> = p.nodes.iter().map(|n| n.0.clone()).collect();
            let got_set: BTreeSet<String> = got.iter().cloned().collect();
            assert_eq!(got.len(), got_set.len(), "{case}/{what}: a node twice");
            assert_eq!(got_set, want, "{case}/{what}: nodes");
            for (name, class, _) in &p.nodes {
                let shape = if latents.contains(name) {
                    "node latent"
                } else {
                    "node observed"
                };
                assert!(class.starts_with(shape), "{case}/{what}: {name} is {class}");
            }
            // edges: one per drawn parameter, labelled with the displayed value and stars
            let want_edges = expected_edges(&a, &o);
            let mut seen = BTreeSet::new();
            for (lhs, op, rhs, free, label) in &p.edges {
                let key = (lhs.clone(), op.clone(), rhs.clone());
                assert!(seen.insert(key.clone()), "{case}/{what}: {key:?} twice");
                let Some(want_label) = want_edges.get(&key) else {
                    panic!("{case}/{what}: unexpected edge {key:?}");
                };
                assert_eq!(label, want_label, "{case}/{what}: label of {key:?}");
                let row = a
                    .parameters
                    .iter()
                    .find(|q| q.lhs == *lhs && q.op == *op && q.rhs == *rhs)
                    .unwrap();
                assert_eq!(*free, row.free, "{case}/{what}: data-free of {key:?}");
            }
            assert_eq!(seen.len(), want_edges.len(), "{case}/{what}: edges");
            // every free path (non-variance) is drawn
            for q in &a.parameters {
                if q.free && q.lhs != q.rhs && matches!(q.op.as_str(), "=~" | "~" | "~~") {
                    let k = (q.lhs.clone(), q.op.clone(), q.rhs.clone());
                    let hidden =
                        !o.measurement && (items.contains(&q.lhs) || items.contains(&q.rhs));
                    assert!(
                        hidden || seen.contains(&k),
                        "{case}/{what}: free {k:?} not drawn"
                    );
                }
            }
            // visible label texts are the same labels, one per labelled edge
            let labelled = want_edges.values().filter(|l| !l.is_empty()).count();
            assert_eq!(p.labels.len(), labelled, "{case}/{what}: label count");
            for (lhs, op, rhs, text, _) in &p.labels {
                assert_eq!(
                    Some(text),
                    want_edges.get(&(lhs.clone(), op.clone(), rhs.clone())),
                    "{case}/{what}: label text"
                );
            }
        }
    }
}

#[test]
fn diagram_std_labels_match_the_parameter_table() {
    // the diagram's labels are the parameter table's Std.all column plus stars
    let a = run("livecommerce_sem");
    let t = report::parameters_table(&a);
    let col = t.columns.iter().position(|c| c == "Std.all").unwrap();
    let p = parse_svg(&diagram::to_svg(&a, &DiagramOptions::default()));
    let h1a = p
        .edges
        .iter()
        .find(|e| e.0 == "ProductInteraction" && e.1 == "~" && e.2 == "Trust")
        .unwrap();
    let row = t
        .rows
        .iter()
        .find(|r| r[0] == "ProductInteraction" && r[1] == "~" && r[2] == "Trust")
        .unwrap();
    assert_eq!(h1a.4, format!("{}***", row[col]));
    assert_eq!(h1a.4, "0.775***");
    let h3b = p
        .edges
        .iter()
        .find(|e| e.0 == "RelationshipDeepening" && e.2 == "ProductInteraction")
        .unwrap();
    assert_eq!(h3b.4, "0.005");
    // the fixed marker loading has no stars
    let t1 = p.edges.iter().find(|e| e.1 == "=~" && e.2 == "T1").unwrap();
    assert!(!t1.3 && t1.4 == "0.689", "{t1:?}");
    // R² inside endogenous constructs
    assert!(p.nodes.iter().any(|n| n.0 == "ProductInteraction"));
    let svg = diagram::to_svg(&a, &DiagramOptions::default());
    assert!(
        svg.contains(">R² = .695</text>"),
        "R² of ProductInteraction"
    );
}

/// No two node boxes overlap, no label box overlaps another or a node, and
/// text fits its box at a conservative 0.62 em per character.
fn check_no_overlap(case: &str, what: &str, p: &ParsedSvg) {
    check_no_overlap_at(case, what, p, 13.0, 11.0);
}

/// [`check_no_overlap`] with the text at other font sizes.
fn check_no_overlap_at(case: &str, what: &str, p: &ParsedSvg, node_font: f64, label_font: f64) {
    for (i, x) in p.nodes.iter().enumerate() {
        for y in &p.nodes[i + 1..] {
            assert!(
                !x.2.overlaps(&y.2),
                "{case}/{what}: nodes {} and {} overlap",
                x.0,
                y.0
            );
        }
    }
    for (i, l) in p.labels.iter().enumerate() {
        let need = l.3.chars().count() as f64 * label_font * 0.62;
        assert!(l.4.w >= need, "{case}/{what}: label {:?} too narrow", l.3);
        for m in &p.labels[i + 1..] {
            assert!(
                !l.4.overlaps(&m.4),
                "{case}/{what}: labels of {} {} {} and {} {} {} overlap",
                l.0,
                l.1,
                l.2,
                m.0,
                m.1,
                m.2
            );
        }
        for n in &p.nodes {
            assert!(
                !l.4.overlaps(&n.2),
                "{case}/{what}: label of {} {} {} overlaps node {}",
                l.0,
                l.1,
                l.2,
                n.0
            );
        }
    }
    for (name, _, b) in &p.nodes {
        let need = name.chars().count() as f64 * node_font * 0.62;
        assert!(b.w >= need, "{case}/{what}: node {name} too narrow");
    }
}

#[test]
fn diagram_boxes_do_not_overlap() {
    for case in EXAMPLES
        .iter()
        .chain(&["hs1939_fixed_constraints", "poldem_sem"])
    {
        let a = run(case);
        for (what, o) in option_sets() {
            check_no_overlap(case, what, &parse_svg(&diagram::to_svg(&a, &o)));
        }
    }
}

#[test]
fn diagram_of_other_models_has_every_edge_and_no_overlap() {
    // second-order factor, MIMIC with observed covariates, a path model
    // with fixed.x covariances, a single-indicator factor, ...
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lavaan-extra");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no tests/fixtures/lavaan-extra");
        return;
    };
    for e in entries.flatten() {
        let case = e.file_name().to_string_lossy().into_owned();
        let (Ok(bytes), Ok(model)) = (
            std::fs::read(e.path().join(format!("{case}.csv"))),
            std::fs::read_to_string(e.path().join("model.lav")),
        ) else {
            continue;
        };
        let table = read_table(&bytes, &ReadOptions::default()).unwrap();
        let Ok(a) = analysis::run(&DataInput::Table(&table), &model, &Options::default()) else {
            continue;
        };
        for (what, o) in option_sets() {
            let p = parse_svg(&diagram::to_svg(&a, &o));
            let want = expected_edges(&a, &o);
            let got: BTreeMap<(String, String, String), String> = p
                .edges
                .iter()
                .map(|e| ((e.0.clone(), e.1.clone(), e.2.clone()), e.4.clone()))
                .collect();
            assert_eq!(got.len(), p.edges.len(), "{case}/{what}: an edge twice");
            assert_eq!(got, want, "{case}/{what}: edges");
            check_no_overlap(&case, what, &p);
        }
    }
}

#[test]
fn diagram_reads_left_to_right_with_items_beside_their_construct() {
    let a = run("livecommerce_sem");
    let d = diagram::build(&a, &DiagramOptions::default());
    let l = diagram::auto_layout(&d);
    let x = |n: &str| l.position(n).unwrap().x;
    assert!(x("Trust") < x("ProductInteraction"));
    assert!(x("SubjectiveNorms") < x("MediaInteraction"));
    assert!(x("ProductInteraction") < x("RelationshipBuilding"));
    assert!(x("InterpersonalInteraction") < x("RelationshipDeepening"));
    // every item is nearer its own construct than any other construct
    let constructs: Vec<&str> = a.constructs.iter().map(|c| c.name.as_str()).collect();
    let dist = |a: Point, b: Point| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
    for c in &a.constructs {
        for item in &c.items {
            let p = l.position(item).unwrap();
            let own = dist(p, l.position(&c.name).unwrap());
            for other in &constructs {
                if *other != c.name {
                    assert!(
                        own < dist(p, l.position(other).unwrap()),
                        "{item} of {}",
                        c.name
                    );
                }
            }
        }
    }
}

#[test]
fn diagram_layout_is_data_that_moves_with_the_user() {
    let a = run("poldem_mediation");
    let d = diagram::build(&a, &DiagramOptions::default());
    let mut l = diagram::auto_layout(&d);
    let before = l.position("dem60").unwrap();
    let to = Point::new(before.x + 40.0, before.y + 250.0);
    assert!(l.move_node("dem60", to));
    assert!(!l.move_node("nonexistent", to));
    let svg = diagram::svg::render(&d, &l);
    let p = parse_svg(&svg);
    let b = p.nodes.iter().find(|n| n.0 == "dem60").unwrap().2;
    assert!((b.x + b.w / 2.0 - to.x).abs() < 0.1 && (b.y + b.h / 2.0 - to.y).abs() < 0.1);
    // the edge into dem60 now ends at its new place
    let r = diagram::route(&d, &l);
    let k = d
        .edges
        .iter()
        .position(|e| e.lhs == "dem60" && e.op == "~")
        .unwrap();
    let end = r.edges.iter().find(|re| re.edge == k).unwrap().curve.p1;
    assert!(((end.x - to.x).powi(2) + (end.y - to.y).powi(2)).sqrt() < 60.0);
    // the layout survives JSON (it goes into project files)
    let json = serde_json::to_string(&l).unwrap();
    let back: diagram::Layout = serde_json::from_str(&json).unwrap();
    assert_eq!(back, l);
    // a layout missing a node (model changed) is completed automatically
    let mut partial = l.clone();
    partial.positions.remove("x1");
    assert!(diagram::svg::render(&d, &partial).contains("data-name=\"x1\""));
}

#[test]
fn moved_labels_stay_where_they_were_put_in_project_files_and_links() {
    let a = run("poldem_mediation");
    let d = diagram::build(&a, &DiagramOptions::default());
    let auto = diagram::auto_layout(&d);
    let k = d
        .edges
        .iter()
        .position(|e| e.lhs == "dem65" && e.op == "~" && e.rhs == "dem60")
        .unwrap();
    let key = d.edges[k].key();
    assert_eq!(key, "dem65 ~ dem60");
    let label = |l: &diagram::Layout| {
        let r = diagram::route(&d, l);
        r.edges
            .iter()
            .find(|re| re.edge == k)
            .unwrap()
            .label
            .unwrap()
    };
    let at_first = label(&auto);
    let mut l = auto.clone();
    l.move_label(&key, Point::new(35.0, -48.0));
    let moved = label(&l);
    assert!((moved.x - at_first.x - 35.0).abs() < 1e-9);
    assert!((moved.y - at_first.y + 48.0).abs() < 1e-9);
    // the SVG draws the label's box there
    let svg = diagram::svg::render(&d, &l);
    let g = svg
        .find("<g class=\"edge-label\" data-lhs=\"dem65\" data-op=\"~\" data-rhs=\"dem60\">")
        .unwrap();
    let rect = &svg[g..g + svg[g..].find("/>").unwrap()];
    let x: f64 = rect
        .split("<rect x=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((x - moved.x).abs() < 0.06, "{rect}");
    // a node dragged: the label moves with its edge, the nudge kept
    let mut dragged = l.clone();
    let p = dragged.position("dem65").unwrap();
    dragged.move_node("dem65", Point::new(p.x + 60.0, p.y));
    let mut dragged_auto = dragged.clone();
    dragged_auto.labels.clear();
    let (a0, a1) = (label(&dragged_auto), label(&dragged));
    assert!((a1.x - a0.x - 35.0).abs() < 1e-9 && (a1.y - a0.y + 48.0).abs() < 1e-9);
    // kept when the model changes and the layout is completed
    assert_eq!(
        diagram::Layout::merged_with_auto(&d, &l).label_offset(&key),
        Point::new(35.0, -48.0)
    );
    // a project file keeps them, and reads a layout written without them
    let mut p = Project::new("dem65 ~ dem60", &Options::default());
    p.diagram = Some(semlab::project::DiagramState {
        options: DiagramOptions::default(),
        layout: Some(l.clone()),
    });
    let json = p.to_json();
    assert!(json.contains("\"dem65 ~ dem60\""), "{json}");
    let back = Project::from_json(&json).unwrap();
    assert_eq!(back.diagram.unwrap().layout.unwrap(), l);
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["diagram"]["layout"]
        .as_object_mut()
        .unwrap()
        .remove("labels")
        .unwrap();
    let old = v.to_string();
    let back = Project::from_json(&old).unwrap();
    assert!(back.diagram.unwrap().layout.unwrap().labels.is_empty());
    // and so does a link (whole units)
    let link = semlab::link::Link {
        layout: l.clone(),
        ..semlab::link::Link::default()
    };
    let f = link.fragment();
    assert!(f.contains("lpos=dem65~r~dem60~35~-48"), "{f}");
    let (back, problems) = semlab::link::Link::parse(&f);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.layout.label_offset(&key), Point::new(35.0, -48.0));
}

#[test]
fn diagram_svg_is_self_contained() {
    let a = run("livecommerce_sem");
    let svg = diagram::to_svg(&a, &DiagramOptions::default());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(
        "<title id=\"semlab-diagram-title\">Path diagram: standardized estimates (std.all)</title>"
    ));
    assert!(svg.contains("font-family=\"system-ui,"));
    assert_eq!(svg.matches("http").count(), 1, "only the namespace");
    for bad in [
        "<image",
        "<style",
        "@import",
        "@font-face",
        "<script",
        "<foreignObject",
        "xlink:href",
        " href=",
    ] {
        assert!(!svg.contains(bad), "{bad}");
    }
    assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    assert!(svg.trim_end().ends_with("</svg>"));
    // no labels, no stars
    let bare = diagram::to_svg(
        &a,
        &DiagramOptions {
            labels: LabelMode::None,
            ..DiagramOptions::default()
        },
    );
    assert!(!bare.contains("class=\"edge-label\""));
    assert!(!bare.contains('*'));
}

// ---------------------------------------------------------------- APA tables

/// Rows of a LaTeX tabular between `\midrule` and `\bottomrule`.
fn latex_rows(tex: &str) -> Vec<Vec<String>> {
    let body = &tex[tex.find("\\midrule\n").unwrap() + 9..tex.find("\\bottomrule").unwrap()];
    body.lines()
        .map(|l| {
            l.trim_end_matches(" \\\\")
                .split(" & ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| {
            assert!(!l.contains('"'), "no quoting expected in {l}");
            l.split(',').map(str::to_string).collect()
        })
        .collect()
}

fn parse(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

#[test]
fn table_one_latex_and_csv_read_back_to_the_displayed_numbers() {
    let a = run("livecommerce_sem");
    // the numbers the results page shows
    let shown = report::reliability_table(&a);
    let col = |name: &str| shown.columns.iter().position(|c| c == name).unwrap();
    let (ci, cl, ca, cc, cv) = (
        col("Item"),
        col("Std. loading"),
        col("Cronbach's α"),
        col("CR (ω)"),
        col("AVE"),
    );
    let t = apa::measurement_table(&a);
    let tex = export::to_latex_styled(&t, Style::Apa { number: 1 });
    assert!(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
    assert!(!tex.contains('|'), "no vertical rules");
    let csv = export::to_csv(&t);
    for rows in [latex_rows(&tex), csv_rows(&csv)] {
        assert_eq!(rows.len(), shown.rows.len());
        assert_eq!(rows.len(), 21);
        for (r, s) in rows.iter().zip(&shown.rows) {
            assert_eq!(r[1], s[ci]);
            assert_eq!(parse(&r[2]), parse(&s[cl]), "loading of {}", s[ci]);
            for (k, c) in [(3, ca), (4, cc), (5, cv)] {
                if s[c].is_empty() {
                    assert!(r[k].is_empty());
                } else {
                    assert_eq!(
                        parse(&r[k]),
                        parse(&s[c]),
                        "{} of {}",
                        shown.columns[c],
                        s[0]
                    );
                }
            }
        }
    }
    // the paper's layout: construct name on its first item's row
    let rows = csv_rows(&csv);
    assert_eq!(rows[0][..3], ["Trust", "T1", ".689"]);
    assert_eq!(rows[0][3..], [".746", ".726", ".482"]);
}

#[test]
fn apa_html_pastes_into_word() {
    let a = run("livecommerce_sem");
    let html = apa::html(&a);
    assert!(
        !html.contains("<style") && !html.contains("class="),
        "inline styles only"
    );
    assert!(html.contains("<p style=\"margin:0;font-weight:bold\">Table 1</p>"));
    assert!(html.contains("Table 5"));
    assert!(html.contains("border-top:1px solid #000"));
    assert!(!html.contains("border-left:1") && !html.contains("border-right:1"));
    assert!(html.contains("<i>Note.</i>"));
    // italic statistic symbols, Greek upright
    assert!(
        html.contains("><i>p</i></th>")
            && html.contains("><i>SE</i></th>")
            && html.contains("><i>df</i></th>")
    );
    assert!(html.contains(">β</th>") && html.contains(">χ²</th>"));
    assert!(html.contains("<i>N</i> = 465"));
    // hypotheses: β with stars, supported yes/no
    let t = apa::hypotheses_table(&a);
    let h1a = t.rows.iter().find(|r| r[0] == "H1a").unwrap();
    assert_eq!(h1a[2], ".775***");
    assert_eq!(h1a[7], "Yes");
    let h3b = t.rows.iter().find(|r| r[0] == "H3b").unwrap();
    assert_eq!(
        (h3b[2].as_str(), h3b[6].as_str(), h3b[7].as_str()),
        (".005", ".942", "No")
    );
    // every table (the sixth: indirect, direct and total effects) also as LaTeX and CSV
    assert!(html.contains("Table 6"));
    assert_eq!(apa::latex(&a).matches("\\begin{table}").count(), 6);
    assert_eq!(apa::csv_files(&a).len(), 6);
    // a CFA has no hypothesis table
    assert_eq!(apa::tables(&run("hs1939_cfa")).len(), 4);
}

#[test]
fn apa_fit_table_shows_the_fit_table_numbers() {
    let a = run("livecommerce_sem");
    let shown = report::fit_table(&a);
    let value = |label: &str| shown.rows.iter().find(|r| r[0] == label).unwrap()[1].clone();
    let t = apa::fit_table(&a);
    let cell = |col: &str| {
        let j = t.columns.iter().position(|c| c == col).unwrap();
        t.rows[0][j].clone()
    };
    assert_eq!(cell("χ²"), format!("{:.2}", parse(&value("χ²"))));
    assert_eq!(cell("df"), value("df"));
    assert_eq!(cell("p"), value("p (χ²)"));
    for (apa_col, label) in [
        ("CFI", "CFI"),
        ("TLI", "TLI (NNFI)"),
        ("GFI", "GFI"),
        ("RMSEA", "RMSEA"),
        ("SRMR", "SRMR"),
    ] {
        assert_eq!(parse(&cell(apa_col)), parse(&value(label)), "{apa_col}");
    }
    assert_eq!(cell("RMSEA 90% CI"), "[.017, .036]");
    assert_eq!(t.rows[1][0], "Criterion");
}

/// HS1939's χ² test has p = 8.5e-09: the tables show `< .001`, their CSV
/// files hold the number (APA fit table; AMOS table: P and PCLOSE of the
/// default, saturated and independence models).
#[test]
fn fit_tables_keep_exact_p_values_in_csv() {
    let a = run("hs1939_cfa");
    let p = a.fit["pvalue"].unwrap();
    assert!(p < 1e-8, "{p}");
    let t = apa::fit_table(&a);
    let j = t.columns.iter().position(|c| c == "p").unwrap();
    assert_eq!(t.rows[0][j], "< .001");
    // (the p column comes before the quoted "[.071, .114]")
    let csv: Vec<Vec<String>> = export::to_csv(&t)
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(parse(&csv[0][j]), p);
    assert_eq!(csv[1][j], t.rows[1][j], "the criterion row stays text");

    let amos = report::amos::amos_table_in(&a, Lang::En).unwrap();
    let fit = report::amos::amos_fit_of(&a).unwrap();
    let csv = export::to_csv(&amos);
    let rows: Vec<Vec<String>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let row = |label: &str| rows.iter().find(|r| r[0] == label).unwrap().clone();
    let p_row = row("P");
    assert_eq!(amos.rows.iter().find(|r| r[0] == "P").unwrap()[1], "< .001");
    assert_eq!(parse(&p_row[1]), fit.default.p.unwrap());
    assert!((parse(&p_row[1]) - p).abs() < 1e-15, "AMOS P is lavaan's p");
    assert_eq!(parse(&p_row[3]), fit.independence.p.unwrap());
    assert_eq!(parse(&row("PCLOSE")[1]), fit.default.pclose.unwrap());
    // other rows keep the displayed numbers
    assert_eq!(
        row("CMIN")[1],
        amos.rows.iter().find(|r| r[0] == "CMIN").unwrap()[1]
    );
}

// ---------------------------------------------------------------- methods paragraph

#[test]
fn methods_paragraph_counts_in_good_english_for_one_construct_and_one_path() {
    // one construct, one regression on an observed covariate, one hypothesis
    let bytes = std::fs::read(data_path("hs1939_cfa")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = "visual =~ x1 + x2 + x3\nvisual ~ x9";
    let a = analysis::run(&DataInput::Table(&table), model, &Options::default()).unwrap();
    let text = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(
        text.contains("a measurement model of 1 latent construct measured by 3 items and a structural model of 1 path."),
        "{text}"
    );
    let alpha = a.constructs[0].alpha.unwrap();
    let want = format!(
        "Cronbach's α ({})",
        format!("{alpha:.2}").trim_start_matches('0')
    );
    assert!(text.contains(&want), "{want} in {text}");
    assert!(!text.contains("ranged from"), "{text}");
    assert!(
        text.contains("The hypothesized path was tested (two-tailed test at α = .05, positive effects expected) and was supported."),
        "{text}"
    );
    let zh = methods::paragraph(&a, &Options::default(), Lang::Zh);
    assert!(zh.contains("得到支持") && !zh.contains("{"), "{zh}");
}

#[test]
fn methods_paragraph_has_the_fit_tables_numbers() {
    for case in EXAMPLES {
        let a = run(case);
        let text = methods::paragraph(&a, &Options::default(), Lang::En);
        let shown = report::fit_table(&a);
        let value = |label: &str| shown.rows.iter().find(|r| r[0] == label).unwrap()[1].clone();
        let apa = |s: String| s.strip_prefix('0').map(str::to_string).unwrap_or(s);
        let chisq = format!("{:.2}", parse(&value("χ²")));
        assert!(
            text.contains(&format!("χ²({}) = {chisq}", value("df"))),
            "{case}: {text}"
        );
        let p = value("p (χ²)");
        let p = if p.starts_with('<') {
            format!("p {p}")
        } else {
            format!("p = {p}")
        };
        assert!(text.contains(&p), "{case}: {p}");
        for (name, label) in [
            ("CFI", "CFI"),
            ("TLI", "TLI (NNFI)"),
            ("RMSEA", "RMSEA"),
            ("SRMR", "SRMR"),
        ] {
            let want = format!("{name} = {}", apa(value(label)));
            assert!(text.contains(&want), "{case}: {want} in {text}");
        }
        let ci = format!(
            "90% CI [{}, {}]",
            apa(value("RMSEA 90% CI lower")),
            apa(value("RMSEA 90% CI upper"))
        );
        assert!(text.contains(&ci), "{case}: {ci}");
        assert!(text.contains(&format!("N = {}", a.nobs)));
        assert!(text.contains(&format!(
            "semlab {}, which reproduces lavaan 0.6",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(text.contains("maximum likelihood (ML)"));
        // reliability ranges to 2 decimals, from the constructs
        let lo = a
            .constructs
            .iter()
            .filter_map(|c| c.alpha)
            .fold(f64::INFINITY, f64::min);
        let hi = a
            .constructs
            .iter()
            .filter_map(|c| c.alpha)
            .fold(0.0, f64::max);
        let want = format!(
            "α ranged from {} to {}",
            apa(format!("{lo:.2}")),
            apa(format!("{hi:.2}"))
        );
        assert!(text.contains(&want), "{case}: {want}");
    }
    let a = run("livecommerce_sem");
    let text = methods::paragraph(&a, &Options::default(), Lang::En);
    assert!(text.contains(
        "χ²(175) = 234.42, p = .002, CFI = .986, TLI = .984, RMSEA = .027, 90% CI [.017, .036], SRMR = .034"
    ));
    assert!(text.contains("α ranged from .72 to .87, CR from .72 to .87, and AVE from .46 to .70"));
    assert!(text.contains("11 of the 12 hypothesized paths were supported"));
    assert!(text.contains("two-tailed test at α = .05"));
    assert!(text.contains("Not supported: H3b (β = .005, p = .942)."));
    let cfa = methods::paragraph(&run("hs1939_cfa"), &Options::default(), Lang::En);
    assert!(cfa.contains(
        "confirmatory factor analysis of 3 correlated latent constructs measured by 9 items"
    ));
    assert!(!cfa.contains("hypothes"));
    let std_lv = Options {
        std_lv: true,
        ..Options::default()
    };
    // the sentence follows the fitted parameter table, not the options alone
    assert!(!methods::paragraph(&a, &std_lv, Lang::En).contains("fixing its variance to 1"));
    let bytes = std::fs::read(data_path("livecommerce_sem")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let a = analysis::run(
        &DataInput::Table(&table),
        &model("livecommerce_sem"),
        &std_lv,
    )
    .unwrap();
    assert!(methods::paragraph(&a, &std_lv, Lang::En).contains("fixing its variance to 1"));
}

// ---------------------------------------------------------------- R script

/// lavaan's χ² from `summary()`'s first "Test statistic" line (the user
/// model; the first column when a scaled one follows).
fn lavaan_chisq(out: &str) -> Option<String> {
    out.lines()
        .find(|l| l.trim_start().to_lowercase().starts_with("test statistic"))
        .and_then(|l| l.split_whitespace().nth(2))
        .map(str::to_string)
}

/// Writes `script` to `path`, runs it with Rscript and returns what it
/// printed; fails the test with R's messages when it fails.
fn run_r(path: &std::path::Path, script: &str) -> String {
    std::fs::write(path, script).unwrap();
    let out = Command::new("Rscript").arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}: the R script failed:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn r_script_reproduces_the_chi_square_in_lavaan() {
    let has_r = common::r_with_lavaan();
    let dir = tmp_dir("rscript");
    for case in EXAMPLES {
        let a = run(case);
        let data = data_path(case);
        let script = r_script(
            &model(case),
            &Options::default(),
            &RData::csv(data.to_str().unwrap()),
            &a.constructs,
            &a.moderation,
        );
        assert!(script.contains(&model(case)), "the model verbatim");
        for needed in [
            "library(lavaan)",
            "fit <- sem(model, data = data)",
            "summary(fit, fit.measures = TRUE, standardized = TRUE",
            "fitMeasures(fit)",
            "standardizedSolution(fit)",
            "modindices(fit, sort. = TRUE)",
            "compRelSEM(fit, omit.factors = others)",
            "AVE(fit, omit.factors = others)",
            "data = data, htmt2 = TRUE)",
        ] {
            assert!(script.contains(needed), "{case}: {needed}");
        }
        if !has_r {
            eprintln!(
                "skipped running the R script: Rscript with lavaan and semTools is not installed"
            );
            continue;
        }
        let stdout = run_r(&dir.join(format!("{case}.R")), &script);
        let chisq = lavaan_chisq(&stdout).expect("lavaan printed a test statistic");
        assert_eq!(chisq, num(a.fit["chisq"]), "{case}: lavaan's χ²");
        // semTools ran to the end (the HTMT matrix is the last output)
        assert!(stdout.trim_end().lines().count() > 50);
    }
}

#[test]
fn r_script_of_a_path_model_skips_the_reliability_block_in_r() {
    // no latent variables: semTools' htmt() would stop R, so the script
    // guards the reliability block; lavaan's χ² still matches
    let bytes = std::fs::read(data_path("hs1939_cfa")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = "x3 ~ x1 + x2\nx6 ~ x3 + x4";
    let a = analysis::run(&DataInput::Table(&table), model, &Options::default()).unwrap();
    let data = data_path("hs1939_cfa");
    let script = r_script(
        model,
        &Options::default(),
        &RData::csv(data.to_str().unwrap()),
        &a.constructs,
        &a.moderation,
    );
    assert!(script.contains("# this model has none") && !script.contains("htmt("));
    let has_r = common::r_with_lavaan();
    if !has_r {
        eprintln!(
            "skipped running the R script: Rscript with lavaan and semTools is not installed"
        );
        return;
    }
    let stdout = run_r(&tmp_dir("rscript-path").join("path.R"), &script);
    let chisq = lavaan_chisq(&stdout).expect("lavaan printed a test statistic");
    assert_eq!(chisq, num(a.fit["chisq"]), "lavaan's χ²");
}

/// `visual =~ x1 + x2 + x3 + 0*x9`: x9 is not an item of visual, in
/// semlab's α and in the R script's α alike (R's value, to 4 decimals, is
/// semlab's), and semTools' `htmt()` gets the scales' items only.
#[test]
fn r_script_leaves_a_loading_fixed_at_zero_out_of_alpha() {
    let bytes = std::fs::read(data_path("hs1939_cfa")).unwrap();
    let table = read_table(&bytes, &ReadOptions::default()).unwrap();
    let model = "visual =~ x1 + x2 + x3 + 0*x9\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9";
    let a = analysis::run(&DataInput::Table(&table), model, &Options::default()).unwrap();
    let data = data_path("hs1939_cfa");
    let script = r_script(
        model,
        &Options::default(),
        &RData::csv(data.to_str().unwrap()),
        &a.constructs,
        &a.moderation,
    );
    assert!(script.contains("visual =~ x1 + x2 + x3\n"), "{script}");
    if !common::r_with_lavaan() {
        eprintln!(
            "skipped running the R script: Rscript with lavaan and semTools is not installed"
        );
        return;
    }
    let stdout = run_r(&tmp_dir("rscript-zero").join("zero.R"), &script);
    let alpha = a.alpha["visual"].unwrap();
    assert!(
        (alpha - 0.626117).abs() < 1e-6,
        "semlab's α of x1–x3: {alpha}"
    );
    assert!(stdout.contains(&format!("{alpha:.4}")), "R's α:\n{stdout}");
}

#[test]
fn r_script_passes_the_options_to_sem() {
    let o = Options {
        std_lv: true,
        orthogonal: true,
        estimator: semlab::analysis::Estimator::Mlr,
        ..Options::default()
    };
    let s = r_script(
        "f =~ a + b + c",
        &o,
        &RData::File {
            name: "C:\\data\\my \"survey\".csv".into(),
            delimiter: b';',
            decimal_comma: true,
            missing_codes: vec!["-99".into()],
            encoding: semlab::data::TextEncoding::Gbk,
            composites: Vec::new(),
        },
        &[],
        &[],
    );
    assert!(
        s.contains(
            "fit <- sem(model, data = data, std.lv = TRUE, orthogonal = TRUE, estimator = \"MLR\")"
        ),
        "{s}"
    );
    assert!(s.contains(
        "read.csv(\"C:\\\\data\\\\my \\\"survey\\\".csv\", sep = \";\", dec = \",\", na.strings = c(\"\", \"NA\", \".\", \"-99\"), check.names = FALSE, fileEncoding = \"GBK\")"
    ), "{s}");
    // a model containing the raw string's end gets a longer delimiter
    let tricky = "y ~ x # )\" ok";
    let s = r_script(tricky, &Options::default(), &RData::csv("d.csv"), &[], &[]);
    assert!(s.contains("model <- r\"-(y ~ x # )\" ok)-\""), "{s}");
    let cov = r_script(
        "f =~ a + b + c",
        &Options::default(),
        &RData::Covariance {
            name: "cov.txt".into(),
            nobs: 200,
        },
        &[],
        &[],
    );
    assert!(cov.contains("sample.cov = S, sample.nobs = N") && cov.contains("N <- 200"));
}

// ---------------------------------------------------------------- project files

#[test]
fn project_round_trips_and_holds_no_data() {
    let mut o = Options {
        std_lv: true,
        ..Options::default()
    };
    o.hypotheses.alpha = 0.1;
    let mut p = Project::new(&model("livecommerce_sem"), &o);
    p.data_file = Some("livecommerce_sem.csv".into());
    p.missing_codes = vec!["-99".into()];
    let a = run("livecommerce_sem");
    let d = diagram::build(&a, &DiagramOptions::default());
    p.diagram = Some(semlab::project::DiagramState {
        options: DiagramOptions::default(),
        layout: Some(diagram::auto_layout(&d)),
    });
    let json = p.to_json();
    assert!(json.contains("\"format\": \"semlab-project\"") && json.contains("\"version\": 1"));
    let back = Project::from_json(&json).unwrap();
    assert_eq!(back, p);
    // no data: not one value of the data file's first row is in it
    let csv = std::fs::read_to_string(data_path("livecommerce_sem")).unwrap();
    let first_row = csv.lines().nth(1).unwrap();
    assert!(!json.contains(first_row));
}

// composite scores (a construct's items averaged into a new column) are
// kept as their recipe, in order, and come back; a bad entry is named
#[test]
fn project_keeps_the_composite_scores() {
    let mut p = Project::new("Loyalty ~ Trust_mean", &Options::default());
    p.data_file = Some("survey.csv".into());
    p.composites = vec![
        (
            "Trust_mean".into(),
            vec!["T1".into(), "T2".into(), "T3".into()],
        ),
        ("Norms_mean".into(), vec!["N1".into(), "N2".into()]),
    ];
    let json = p.to_json();
    assert!(json.contains("\"composites\": ["), "{json}");
    assert!(json.contains("\"name\": \"Trust_mean\""), "{json}");
    assert_eq!(Project::from_json(&json).unwrap(), p);
    // an older file without the field reads with none
    let mut old = Project::new("Loyalty ~ Trust", &Options::default());
    old.data_file = Some("survey.csv".into());
    let back = Project::from_json(&old.to_json()).unwrap();
    assert!(back.composites.is_empty() && !old.to_json().contains("composites"));
    let bad = |c: &str| {
        let text = format!(
            r#"{{"format": "semlab-project", "version": 1, "model": "y ~ x", "composites": {c}}}"#
        );
        let e = Project::from_json(&text).unwrap_err();
        (e.to_string(), e.message(Lang::Zh))
    };
    let (en, zh) = bad(r#"[{"name": "F_mean"}]"#);
    assert!(
        en.starts_with("the project file's `composites` must list composite scores"),
        "{en}"
    );
    assert!(zh.contains("`composites`"), "{zh}");
    let (en, _) = bad(r#"[{"name": "F_mean", "items": []}]"#);
    assert_eq!(
        en,
        "the project file's `composites` has `F_mean` without items"
    );
    let (en, _) = bad(r#""F_mean""#);
    assert!(en.contains("`composites` must list"), "{en}");
}

// a multi-group analysis keeps its group column, group.equal and
// group.partial in the project file
#[test]
fn project_keeps_the_group_choice() {
    let o = Options {
        group: Some("channel".into()),
        group_equal: vec!["loadings".into(), "intercepts".into()],
        group_partial: vec!["T2~1".into()],
        ..Options::default()
    };
    let p = Project::new(&model("livecommerce_sem"), &o);
    let back = Project::from_json(&p.to_json()).unwrap();
    assert_eq!(back.options.group.as_deref(), Some("channel"));
    assert_eq!(back.options.group_equal, o.group_equal);
    assert_eq!(back.options.group_partial, o.group_partial);
}

#[test]
fn project_reader_explains_what_is_wrong() {
    let err = |s: &str| Project::from_json(s).unwrap_err();
    let msg = |s: &str| err(s).to_string();
    assert!(matches!(
        err("{\"format\": "),
        ProjectError::NotJson { line: 1, .. }
    ));
    assert!(msg("model: x").contains("not valid JSON"));
    assert!(msg("[1, 2]").contains("not a semlab project file"));
    assert!(
        msg("{\"format\": \"other\", \"version\": 1, \"model\": \"f =~ a\"}").contains("`other`")
    );
    assert!(msg("{\"version\": 1, \"model\": \"f =~ a\"}").contains("no `format"));
    let base = |rest: &str| format!("{{\"format\": \"semlab-project\", \"version\": 1{rest}}}");
    assert!(matches!(
        err(&base(", \"version\": 7, \"model\": \"f =~ a\"").replacen("\"version\": 1, ", "", 1)),
        ProjectError::NewerVersion(7)
    ));
    assert!(msg(&base("")).contains("`model` is missing"));
    assert!(msg(&base(", \"model\": \"  \"")).contains("`model` is empty"));
    assert!(msg(&base(", \"model\": 3")).contains("must be the model text"));
    let bad_opt = msg(&base(
        ", \"model\": \"f =~ a\", \"options\": {\"std_lv\": \"yes\"}",
    ));
    assert!(
        bad_opt.contains("`options.std_lv` has a wrong value"),
        "{bad_opt}"
    );
    let unknown = msg(&base(
        ", \"model\": \"f =~ a\", \"options\": {\"stdlv\": true}",
    ));
    assert!(
        unknown.contains("`options.stdlv` is not an option") && unknown.contains("std_lv"),
        "{unknown}"
    );
    let est = msg(&base(
        ", \"model\": \"f =~ a\", \"options\": {\"estimator\": \"GLS\"}",
    ));
    assert!(
        est.contains("options.estimator") && est.contains("GLS"),
        "{est}"
    );
    assert!(matches!(
        err(&base(", \"model\": \"f =~ a\", \"data\": [[1, 2]]")),
        ProjectError::ContainsData(_)
    ));
    assert!(
        msg(&base(", \"model\": \"f =~ a\", \"colour\": 1")).contains("`colour` is not a field")
    );
    // partial options take the defaults for the rest
    let p = Project::from_json(&base(
        ", \"model\": \"f =~ a\", \"options\": {\"std_lv\": true}",
    ))
    .unwrap();
    assert!(p.options.std_lv && !p.options.orthogonal);
    assert_eq!(p.options.hypotheses.alpha, 0.05);
}

// ---------------------------------------------------------------- command line

/// `semlab fit --data DATA --model MODEL`, to add flags to.
fn semlab_fit(data: &std::path::Path, model: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_semlab"));
    c.args([
        "fit",
        "--data",
        data.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
    ]);
    c
}

#[test]
fn cli_writes_the_publication_outputs() {
    let dir = tmp_dir("cli");
    let out = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let data = data_path("livecommerce_sem");
    let model_file = fixture_dir("livecommerce_sem").join("model.lav");
    let res = semlab_fit(&data, &model_file)
        .args(["--diagram", &out("d.svg"), "--diagram-residuals"])
        .args([
            "--latex",
            &out("t.tex"),
            "--html",
            &out("t.html"),
            "--csv-dir",
            &out("csv"),
        ])
        .args([
            "--r-script",
            &out("s.R"),
            "--project",
            &out("p.semlab.json"),
            "--methods",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(
        stdout.starts_with("The hypothesized model was tested"),
        "{stdout}"
    );
    assert!(stdout.contains("χ²(175) = 234.42"));
    let svg = std::fs::read_to_string(out("d.svg")).unwrap();
    assert!(svg.contains("class=\"edge residual\""));
    assert!(std::fs::read_to_string(out("t.tex"))
        .unwrap()
        .contains("\\label{tab:apa_measurement}"));
    assert!(std::fs::read_to_string(out("t.html"))
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
    assert!(dir.join("csv/apa_hypotheses.csv").exists());
    let r = std::fs::read_to_string(out("s.R")).unwrap();
    assert!(r.contains(&format!("read.csv({:?}", data.to_str().unwrap())));
    let p = Project::from_json(&std::fs::read_to_string(out("p.semlab.json")).unwrap()).unwrap();
    assert_eq!(p.model, model("livecommerce_sem"));
    assert_eq!(p.data_file.as_deref(), Some("livecommerce_sem.csv"));
    assert!(p.diagram.unwrap().options.residuals);

    // a bad value is a one-line error
    let res = semlab_fit(&data, &model_file)
        .args(["--diagram-labels", "fancy"])
        .output()
        .unwrap();
    assert_eq!(res.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&res.stderr)
        .contains("--diagram-labels is `std`, `unstd` or `none`"));
    // the help lists the flags
    let help = Command::new(env!("CARGO_BIN_EXE_semlab"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--r-script FILE"));
}

/// The whole report (the page's *Download report (HTML)*): the path
/// diagram, the methods paragraph and the item statistics come with the
/// tables, and a table without rows — the hypotheses of a CFA — is left
/// out instead of printed as a bare header; the tables are numbered as shown.
#[test]
fn the_whole_report_has_the_diagram_the_paragraph_and_the_item_statistics_and_no_empty_table() {
    use semlab::report::document::{report_sections, ReportParts};
    use semlab::report::Table;
    let a = run("hs1939_cfa");
    for lang in [Lang::En, Lang::Zh] {
        let w = report::words::words(lang);
        let tables = report::all_tables_in(&a, lang);
        let hyp = tables.iter().find(|t| t.id == "hypotheses").unwrap();
        assert!(hyp.rows.is_empty(), "a CFA has no hypotheses");
        let items = Table {
            exact: Vec::new(),
            id: "items".into(),
            caption: "Item statistics".into(),
            columns: vec!["Item".into(), "Mean".into()],
            rows: vec![vec!["x1".into(), "4.936".into()]],
            note: None,
        };
        let svg = diagram::to_svg_in(&a, &DiagramOptions::default(), lang);
        let p = methods::paragraph(&a, &Options::default(), lang);
        let html = report_sections(
            &a,
            &ReportParts {
                tables: &tables,
                items: Some(&items),
                diagrams: &[(String::new(), svg.clone())],
                methods: Some(&p),
                ladder: None,
            },
            lang,
        );
        assert!(html.contains("<svg") && html.contains(w.report_diagram));
        assert!(html.contains(&export::html_escape(&p)), "{lang:?}");
        assert!(html.contains(w.report_methods));
        let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s}"));
        assert!(at("<svg") < at(w.report_methods));
        assert!(at(w.report_methods) < at("Item statistics"));
        assert!(at("Item statistics") < at(&export::html_escape(&tables[0].caption)));
        assert!(
            !html.contains(&export::html_escape(&hyp.caption)),
            "{lang:?}"
        );
        // numbered 1..n over the tables shown: the items and every table with rows
        let shown = 1 + tables.iter().filter(|t| !t.rows.is_empty()).count();
        assert!(html.contains(&format!("{} {shown}</p>", w.apa_table)));
        assert!(!html.contains(&format!("{} {}</p>", w.apa_table, shown + 1)));
    }
}

/// The CSV of a table gives p-values as numbers (not `< .001` or `.023`):
/// live-commerce's parameter, hypothesis, effects and fit tables, each p
/// cell parsed back equals the analysis' p-value; the page keeps `< .001`.
#[test]
fn csv_exports_give_p_values_as_numbers() {
    let a = run("livecommerce_sem");
    let tables = [
        report::parameters_table(&a),
        report::hypotheses_table(&a.hypotheses, &a.hypothesis_rule, true),
        report::effects_table(&a).expect("indirect effects"),
        report::fit_table(&a),
        apa::hypotheses_table(&a),
    ];
    let mut tiny = 0;
    for t in &tables {
        let csv = export::to_csv(t);
        let lines: Vec<Vec<String>> = csv.trim_end().split("\r\n").map(split_csv_line).collect();
        let p_col = lines[0]
            .iter()
            .position(|c| c == "p" || c == "Value")
            .unwrap();
        let mut numbers = 0;
        for (i, row) in lines[1..].iter().enumerate() {
            let shown = &t.rows[i][p_col];
            if shown.starts_with('<') || shown.starts_with('.') {
                let v: f64 = row[p_col]
                    .parse()
                    .unwrap_or_else(|_| panic!("{}: p {:?} is not a number", t.id, row[p_col]));
                assert_eq!(Some(v), t.exact_value(i, p_col), "{}", t.id);
                if shown == "< .001" {
                    assert!(v < 0.001, "{}: {v}", t.id);
                    tiny += 1;
                }
                numbers += 1;
            }
        }
        assert!(numbers > 0, "{}: no p-values", t.id);
    }
    assert!(tiny > 0, "some p < .001 written as numbers");
    // the exact values are the analysis' own
    let h = &a.hypotheses[0];
    let t = report::hypotheses_table(&a.hypotheses, &a.hypothesis_rule, true);
    assert_eq!(t.exact_value(0, 6), h.pvalue);
}

/// A CSV line split into cells (quoted cells with commas and "").
fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

// ---------------------------------------------------------------- suggestions

#[test]
fn diagram_suggests_the_largest_drawable_modification_indices_of_the_table() {
    let a = run("livecommerce_sem");
    let base = diagram::build(&a, &DiagramOptions::default());
    for min in [3.84, 10.83] {
        let mut d = base.clone();
        diagram::add_suggestions(&mut d, &a, min, true, Lang::En);
        let s: Vec<&diagram::Edge> = d.edges.iter().filter(|e| e.suggestion.is_some()).collect();
        // the table's rows at the same threshold, largest first
        let table = report::modindices_table_in(&a, min, Lang::En);
        let rows: Vec<(String, String, String, f64)> = table
            .rows
            .iter()
            .map(|r| {
                (
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].parse().unwrap(),
                )
            })
            .collect();
        let drawable: Vec<&(String, String, String, f64)> = rows
            .iter()
            .filter(|r| r.0 != r.2 && base.node(&r.0).is_some() && base.node(&r.2).is_some())
            .collect();
        assert!(
            !drawable.is_empty(),
            "{min}: the example has drawable indices"
        );
        assert_eq!(
            s.len(),
            drawable.len().min(diagram::MAX_SUGGESTIONS),
            "{min}"
        );
        for (e, r) in s.iter().zip(&drawable) {
            let sg = e.suggestion.as_ref().unwrap();
            assert_eq!(
                (&e.lhs, &e.op, &e.rhs),
                (&r.0, &r.1, &r.2),
                "{min}: largest first"
            );
            assert!((sg.mi - r.3).abs() < 5e-4, "{min}: {} vs {}", sg.mi, r.3);
            assert_eq!(sg.line, format!("{} {} {}", r.0, r.1, r.2));
            assert_eq!(e.label, format!("MI {:.1}", sg.mi));
            assert_eq!(sg.name, format!("Add {} (MI {:.1})", sg.line, sg.mi));
        }
        // showing them moves no node, and every one is a focusable button
        assert_eq!(diagram::auto_layout(&d), diagram::auto_layout(&base));
        let svg = diagram::svg::render(&d, &diagram::auto_layout(&d));
        assert_eq!(
            svg.matches("<g class=\"suggestion\" tabindex=\"0\" role=\"button\"")
                .count(),
            s.len()
        );
        let first = s[0].suggestion.as_ref().unwrap();
        assert!(
            svg.contains(&format!("aria-label=\"{}\"", first.name)),
            "{svg}"
        );
        assert!(d
            .note
            .contains(&format!("the {} largest modification indices", s.len())));
        // the model's own edges are unchanged
        assert_eq!(parse_svg(&svg).edges.len(), base.edges.len());
        check_no_overlap("livecommerce_sem", "suggestions", &parse_svg(&svg));
    }
    // lavaan's largest: SubjectiveNorms =~ HI1, MI 13.056 (a cross-loading)
    let mut d = base.clone();
    diagram::add_suggestions(&mut d, &a, 3.84, true, Lang::Zh);
    let top = d.edges.iter().find_map(|e| e.suggestion.as_ref()).unwrap();
    assert_eq!(top.name, "添加 SubjectiveNorms =~ HI1（MI 13.1）");
    assert!(d.note.contains("修正指数"), "{}", d.note);
    // switched off: nothing drawn, and the legend says how many are left out
    let mut off = base.clone();
    diagram::add_suggestions(&mut off, &a, 3.84, false, Lang::En);
    assert_eq!(off.edges, base.edges);
    assert!(
        off.note.contains("are not drawn (suggestions off)"),
        "{}",
        off.note
    );
    // above every index: nothing, and the legend is the model's
    let mut none = base.clone();
    diagram::add_suggestions(&mut none, &a, 1e9, true, Lang::En);
    assert_eq!(none, base);
}

// ---------------------------------------------------------------- publication style

/// Every `fill` and `stroke` colour of an SVG.
fn colours(svg: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for key in [" fill=\"", " stroke=\""] {
        let mut rest = svg;
        while let Some(k) = rest.find(key) {
            rest = &rest[k + key.len()..];
            out.insert(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn diagram_is_black_and_white_by_default_with_colour_leading_zero_and_font_as_options() {
    let a = run("livecommerce_sem");
    let base = DiagramOptions::default();
    let svg = diagram::to_svg(&a, &base);
    // black and white: ink, white and nothing else
    let bw: BTreeSet<String> = ["#1a1a1a", "#ffffff", "none"].map(String::from).into();
    assert_eq!(colours(&svg), bw);
    let colour = diagram::to_svg(
        &a,
        &DiagramOptions {
            colour: true,
            ..base
        },
    );
    assert!(colours(&colour).len() > bw.len(), "fills in colour");
    assert_eq!(parse_svg(&colour).edges, parse_svg(&svg).edges);

    // no leading zero: every label as the default's without its "0"
    let plain = parse_svg(&svg);
    let apa = parse_svg(&diagram::to_svg(
        &a,
        &DiagramOptions {
            no_leading_zero: true,
            ..base
        },
    ));
    assert_eq!(plain.edges.len(), apa.edges.len());
    let mut dropped = 0;
    for (x, y) in plain.edges.iter().zip(&apa.edges) {
        let want =
            x.4.strip_prefix("0.")
                .map(|r| format!(".{r}"))
                .or_else(|| x.4.strip_prefix("-0.").map(|r| format!("-.{r}")))
                .unwrap_or_else(|| x.4.clone());
        dropped += usize::from(want != x.4);
        assert_eq!(y.4, want);
    }
    assert!(dropped > 20, "the standardized loadings lose their zero");
    assert!(apa.labels.iter().any(|l| l.3.starts_with(".689")));

    // the font: serif, and a larger size that still fits every text
    for size in DiagramOptions::FONT_SIZES {
        let o = DiagramOptions {
            font: diagram::FontFamily::Serif,
            font_size: size,
            ..base
        };
        let svg = diagram::to_svg(&a, &o);
        assert!(
            svg.contains(&format!("font-family=\"{}\"", diagram::svg::SERIF_STACK)),
            "{size}"
        );
        assert!(svg.contains(&format!("font-size=\"{size}\"")), "{size}");
        assert!(
            svg.contains(&format!("font-size=\"{}\"", size - 2)),
            "{size}"
        );
        let p = parse_svg(&svg);
        for (name, _, b) in &p.nodes {
            let need = name.chars().count() as f64 * f64::from(size) * 0.62;
            assert!(b.w >= need, "{size}: node {name} too narrow");
        }
        for l in &p.labels {
            let need = l.3.chars().count() as f64 * f64::from(size - 2) * 0.62;
            assert!(
                l.4.w >= need && l.4.h >= f64::from(size - 2),
                "{size}: label {:?}",
                l.3
            );
        }
        let (nf, lf) = (f64::from(size), f64::from(size - 2));
        check_no_overlap_at("livecommerce_sem", "font size", &p, nf, lf);
    }
}

#[test]
fn pdf_ready_svg_has_generic_fonts_on_every_text_and_no_markers() {
    let a = run("poldem_mediation");
    for font in [diagram::FontFamily::Sans, diagram::FontFamily::Serif] {
        let o = DiagramOptions {
            font,
            residuals: true,
            ..DiagramOptions::default()
        };
        let d = diagram::build(&a, &o);
        let l = diagram::auto_layout(&d);
        let screen = diagram::svg::render(&d, &l);
        let pdf = diagram::svg::render_for(&d, &l, diagram::svg::Output::Pdf);
        let generic = font.generic();
        assert!(
            pdf.contains(&format!("font-family=\"{generic}\" role=\"img\"")),
            "{pdf}"
        );
        let texts = pdf.matches("<text ").count();
        assert!(texts > 10);
        assert_eq!(
            pdf.matches(&format!(" font-family=\"{generic}\" font-size="))
                .count(),
            texts
        );
        for bad in [
            "<marker",
            "marker-end",
            "<defs",
            "<foreignObject",
            "<style",
            "class=\"suggestion",
        ] {
            assert!(!pdf.contains(bad), "{bad}");
        }
        // the same drawing: nodes, edges and labels where the screen's are
        let (p, s) = (parse_svg(&pdf), parse_svg(&screen));
        assert_eq!(p.edges, s.edges);
        assert_eq!(p.nodes.len(), s.nodes.len());
        assert_eq!(p.labels.len(), s.labels.len());
        // an arrowhead per head: one per edge, two per covariance
        let covs = d
            .edges
            .iter()
            .filter(|e| e.kind == diagram::EdgeKind::Covariance)
            .count();
        assert!(covs > 0);
        assert_eq!(pdf.matches("<polygon ").count(), d.edges.len() + covs);
        assert_eq!(pdf.matches("<g").count(), pdf.matches("</g>").count());
    }
}
