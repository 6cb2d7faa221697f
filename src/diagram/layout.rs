//! Node positions (the [`Layout`]) and, from them, edge routes and label
//! places ([`route`]).
//!
//! The automatic layout ([`auto_layout`]) reads left to right: the
//! structural variables (constructs and observed variables that are not
//! items) are put in columns by the longest regression path leading to them
//! (sources in column 0), ordered within a column by the barycentre of their
//! neighbours. Each construct's items stand beside it: to the left in the
//! first column, to the right in the last, in a row above it in the columns
//! between (and to the left when there is only one column, as in a CFA).
//! Space is reserved for labels and residual arrows; if a label still cannot
//! be placed without overlapping a node or another label, the spacing grows
//! and the layout is tried again.
//!
//! Routing works on any positions (also after the user dragged a node):
//! loadings and regressions are straight lines, bent into a curve when a
//! straight line would cross another node; covariances are curves bulging
//! away from the items (or the diagram's centre), bent further until they
//! clear every node; each label is put on its edge at the first place (from
//! a list of preferred positions along the edge, then beside it) where its
//! box overlaps no node and no label placed before and no other edge's line
//! runs through it (else, free of nodes and labels, where the fewest do).

use super::{Diagram, EdgeKind, NodeKind, LABEL_HEIGHT};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// A point in SVG units.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
    fn add(self, o: Point) -> Point {
        Point::new(self.x + o.x, self.y + o.y)
    }
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
    fn scale(self, k: f64) -> Point {
        Point::new(self.x * k, self.y * k)
    }
    fn dot(self, o: Point) -> f64 {
        self.x * o.x + self.y * o.y
    }
    fn norm(self) -> f64 {
        self.dot(self).sqrt()
    }
    fn unit(self) -> Point {
        let n = self.norm();
        if n > 1e-12 {
            self.scale(1.0 / n)
        } else {
            Point::new(1.0, 0.0)
        }
    }
    /// Rotated by +90°.
    fn perp(self) -> Point {
        Point::new(-self.y, self.x)
    }
}

/// An axis-aligned box (top-left corner, width, height).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn centered(c: Point, w: f64, h: f64) -> Rect {
        Rect {
            x: c.x - w / 2.0,
            y: c.y - h / 2.0,
            w,
            h,
        }
    }
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// The boxes share interior area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.overlap_area(o) > 0.0
    }
    fn overlap_area(&self, o: &Rect) -> f64 {
        let w = (self.x + self.w).min(o.x + o.w) - self.x.max(o.x);
        let h = (self.y + self.h).min(o.y + o.h) - self.y.max(o.y);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
    pub fn inflate(&self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: self.w + 2.0 * d,
            h: self.h + 2.0 * d,
        }
    }
    pub fn contains(&self, p: Point) -> bool {
        p.x > self.x && p.x < self.x + self.w && p.y > self.y && p.y < self.y + self.h
    }
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect {
            x,
            y,
            w: (self.x + self.w).max(o.x + o.w) - x,
            h: (self.y + self.h).max(o.y + o.h) - y,
        }
    }
}

/// The centre of every node, and how far the person moved edge labels:
/// the part of a diagram the user can change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Layout {
    pub positions: BTreeMap<String, Point>,
    /// Labels moved by the person: by edge ([`super::Edge::key`]), how far
    /// from the place [`route`] finds for them (so a label moves with its
    /// edge when a node is dragged, keeping the person's nudge).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, Point>,
}

impl Layout {
    /// Nothing moved: the automatic layout.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty() && self.labels.is_empty()
    }
    /// The offset of an edge's label from its automatic place (zero when
    /// it was not moved).
    pub fn label_offset(&self, key: &str) -> Point {
        self.labels.get(key).copied().unwrap_or_default()
    }
    /// Moves an edge's label to `offset` from its automatic place.
    pub fn move_label(&mut self, key: &str, offset: Point) {
        self.labels.insert(key.to_string(), offset);
    }
    pub fn position(&self, name: &str) -> Option<Point> {
        self.positions.get(name).copied()
    }
    /// Moves a node (by name) to a new centre; false if there is no such node.
    pub fn move_node(&mut self, name: &str, to: Point) -> bool {
        match self.positions.get_mut(name) {
            Some(p) => {
                *p = to;
                true
            }
            None => false,
        }
    }
    /// The box of a node at its position.
    pub fn node_box(&self, d: &Diagram, name: &str) -> Option<Rect> {
        let n = d.node(name)?;
        let p = self.position(name)?;
        Some(Rect::centered(p, n.width, n.height))
    }
    /// True when every node of `d` has a position.
    pub fn covers(&self, d: &Diagram) -> bool {
        d.nodes.iter().all(|n| self.positions.contains_key(&n.name))
    }
    /// Positions of `old` kept for nodes that still exist, automatic ones
    /// for the rest (after the model changed). Nodes placed automatically
    /// may overlap kept ones; the app can offer "reset layout".
    pub fn merged_with_auto(d: &Diagram, old: &Layout) -> Layout {
        let mut l = auto_layout(d);
        for (k, p) in l.positions.iter_mut() {
            if let Some(q) = old.positions.get(k) {
                *p = *q;
            }
        }
        l.labels = old.labels.clone();
        l
    }
}

/// The geometry of one edge: a cubic Bézier curve from `p0` to `p1` with
/// control points `c0`, `c1` (a straight line when `straight`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    pub p0: Point,
    pub c0: Point,
    pub c1: Point,
    pub p1: Point,
    pub straight: bool,
}

impl Curve {
    fn line(p0: Point, p1: Point) -> Curve {
        let d = p1.sub(p0);
        Curve {
            p0,
            c0: p0.add(d.scale(1.0 / 3.0)),
            c1: p0.add(d.scale(2.0 / 3.0)),
            p1,
            straight: true,
        }
    }
    /// The quadratic curve with control point `c`, as a cubic.
    fn quadratic(p0: Point, c: Point, p1: Point) -> Curve {
        Curve {
            p0,
            c0: p0.add(c.sub(p0).scale(2.0 / 3.0)),
            c1: p1.add(c.sub(p1).scale(2.0 / 3.0)),
            p1,
            straight: false,
        }
    }
    /// The point at parameter t ∈ [0, 1].
    pub fn at(&self, t: f64) -> Point {
        let u = 1.0 - t;
        self.p0
            .scale(u * u * u)
            .add(self.c0.scale(3.0 * u * u * t))
            .add(self.c1.scale(3.0 * u * t * t))
            .add(self.p1.scale(t * t * t))
    }
    /// The unit tangent at t.
    pub fn tangent(&self, t: f64) -> Point {
        let u = 1.0 - t;
        self.c0
            .sub(self.p0)
            .scale(3.0 * u * u)
            .add(self.c1.sub(self.c0).scale(6.0 * u * t))
            .add(self.p1.sub(self.c1).scale(3.0 * t * t))
            .unit()
    }
    /// Approximate length.
    fn length(&self) -> f64 {
        (1..=24)
            .map(|k| {
                self.at(k as f64 / 24.0)
                    .sub(self.at((k - 1) as f64 / 24.0))
                    .norm()
            })
            .sum()
    }
    /// SVG path data.
    pub fn path_data(&self) -> String {
        if self.straight {
            format!(
                "M{} {} L{} {}",
                f(self.p0.x),
                f(self.p0.y),
                f(self.p1.x),
                f(self.p1.y)
            )
        } else {
            format!(
                "M{} {} C{} {} {} {} {} {}",
                f(self.p0.x),
                f(self.p0.y),
                f(self.c0.x),
                f(self.c0.y),
                f(self.c1.x),
                f(self.c1.y),
                f(self.p1.x),
                f(self.p1.y)
            )
        }
    }
}

/// A coordinate for SVG text: one decimal, no `-0`.
pub(crate) fn f(x: f64) -> String {
    let s = format!("{:.1}", x);
    let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// One routed edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutedEdge {
    /// Index into [`Diagram::edges`].
    pub edge: usize,
    pub curve: Curve,
    /// The box of the label (None for an empty label).
    pub label: Option<Rect>,
}

/// Edge routes and label boxes for given positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Routed {
    /// One per drawn edge, in the order of [`Diagram::edges`].
    pub edges: Vec<RoutedEdge>,
    /// Every node, label and edge, with a margin.
    pub bounds: Rect,
    /// Labels that could not be placed without overlapping a node or another label.
    pub conflicts: usize,
}

const RESID_LEN: f64 = 22.0;
const MARGIN: f64 = 12.0;

/// The point where the ray from the node's centre in direction `dir` leaves its shape.
fn boundary(kind: NodeKind, b: &Rect, dir: Point) -> Point {
    let c = b.center();
    let d = dir.unit();
    let (hw, hh) = (b.w / 2.0, b.h / 2.0);
    let t = match kind {
        NodeKind::Latent => 1.0 / ((d.x / hw).powi(2) + (d.y / hh).powi(2)).sqrt(),
        NodeKind::Observed => {
            let tx = if d.x.abs() > 1e-12 {
                hw / d.x.abs()
            } else {
                f64::INFINITY
            };
            let ty = if d.y.abs() > 1e-12 {
                hh / d.y.abs()
            } else {
                f64::INFINITY
            };
            tx.min(ty)
        }
    };
    c.add(d.scale(t))
}

struct Geo<'a> {
    d: &'a Diagram,
    index: HashMap<&'a str, usize>,
    boxes: Vec<Rect>,
    /// Per construct with items: the box around it and its items, and the
    /// nodes it holds (arrows of other nodes are bent around it).
    blocks: Vec<(Rect, Vec<usize>)>,
}

impl Geo<'_> {
    fn kind(&self, i: usize) -> NodeKind {
        self.d.nodes[i].kind
    }
    fn center(&self, i: usize) -> Point {
        self.boxes[i].center()
    }
    /// How many sample points of the curve fall inside node boxes (its own
    /// end nodes count only away from the ends).
    fn penalty(&self, c: &Curve, a: usize, b: usize) -> usize {
        // a sample every 4 units or so along the curve
        let samples = ((c.length() / 4.0).ceil() as usize).clamp(20, 2000);
        (1..samples)
            .filter(|&k| {
                let t = k as f64 / samples as f64;
                let p = c.at(t);
                self.boxes.iter().enumerate().any(|(i, r)| {
                    if i == a || i == b {
                        !c.straight && (0.15..=0.85).contains(&t) && r.contains(p)
                    } else {
                        r.inflate(4.0).contains(p)
                    }
                })
            })
            .count()
    }
    /// The curve stays clear of every node box.
    fn clear(&self, c: &Curve, a: usize, b: usize) -> bool {
        self.penalty(c, a, b) == 0
    }
    fn line(&self, a: usize, b: usize) -> Curve {
        let (ca, cb) = (self.center(a), self.center(b));
        Curve::line(
            boundary(self.kind(a), &self.boxes[a], cb.sub(ca)),
            boundary(self.kind(b), &self.boxes[b], ca.sub(cb)),
        )
    }
    fn quad(&self, a: usize, b: usize, ctrl: Point) -> Curve {
        Curve::quadratic(
            boundary(self.kind(a), &self.boxes[a], ctrl.sub(self.center(a))),
            ctrl,
            boundary(self.kind(b), &self.boxes[b], ctrl.sub(self.center(b))),
        )
    }
    /// A curve leaving `a` in direction `da` and entering `b` from direction `db`.
    fn hook(&self, a: usize, b: usize, da: Point, db: Point, reach: f64) -> Curve {
        let p0 = boundary(self.kind(a), &self.boxes[a], da);
        let p1 = boundary(self.kind(b), &self.boxes[b], db);
        Curve {
            p0,
            c0: p0.add(da.unit().scale(reach)),
            c1: p1.add(db.unit().scale(reach)),
            p1,
            straight: false,
        }
    }
    /// The curve crosses no construct block that holds neither end.
    fn clear_of_blocks(&self, c: &Curve, a: usize, b: usize) -> bool {
        self.blocks
            .iter()
            .filter(|(_, members)| !members.contains(&a) && !members.contains(&b))
            .all(|(r, _)| (1..20).all(|k| !r.contains(c.at(k as f64 / 20.0))))
    }
    /// A directed edge: straight, or bent just enough to clear other nodes
    /// and other constructs' item groups (failing that, other nodes only).
    fn arrow(&self, a: usize, b: usize) -> Curve {
        let straight = self.line(a, b);
        if a == b {
            return straight;
        }
        let (ca, cb) = (self.center(a), self.center(b));
        let mid = ca.add(cb).scale(0.5);
        let n = cb.sub(ca).unit().perp();
        for strict in [true, false] {
            let ok = |c: &Curve| self.clear(c, a, b) && (!strict || self.clear_of_blocks(c, a, b));
            if ok(&straight) {
                return straight;
            }
            for k in 1..=10 {
                for s in [1.0, -1.0] {
                    let q = self.quad(a, b, mid.add(n.scale(s * 30.0 * k as f64)));
                    if ok(&q) {
                        return q;
                    }
                }
            }
        }
        straight
    }
    /// Items' centroid of a structural node.
    fn items_centroid(&self, i: usize) -> Option<Point> {
        let name = &self.d.nodes[i].name;
        let pts: Vec<Point> = self
            .d
            .items_of(name)
            .filter_map(|n| self.index.get(n.name.as_str()).map(|&j| self.center(j)))
            .collect();
        (!pts.is_empty()).then(|| {
            pts.iter()
                .fold(Point::default(), |s, p| s.add(*p))
                .scale(1.0 / pts.len() as f64)
        })
    }
    fn construct_center(&self, i: usize) -> Option<Point> {
        let c = self.d.nodes[i].construct.as_deref()?;
        self.index.get(c).map(|&j| self.center(j))
    }
    fn centroid(&self) -> Point {
        self.boxes
            .iter()
            .fold(Point::default(), |s, r| s.add(r.center()))
            .scale(1.0 / self.boxes.len().max(1) as f64)
    }
    /// A covariance: a curve bulging away from the pair's construct (two
    /// items of one construct) or from the diagram's centre (the outer
    /// side), bent until it clears the nodes. It leaves and enters its
    /// nodes the more along the bulge the further apart they are, so that
    /// of two arcs from one node the longer runs outside the shorter.
    fn arc(&self, a: usize, b: usize) -> Curve {
        let (ca, cb) = (self.center(a), self.center(b));
        let mid = ca.add(cb).scale(0.5);
        let dist = cb.sub(ca).norm();
        let home = match (
            self.d.nodes[a].construct.as_deref(),
            self.d.nodes[b].construct.as_deref(),
        ) {
            (Some(x), Some(y)) if x == y => self.construct_center(a),
            _ => None,
        }
        .unwrap_or_else(|| self.centroid());
        let mut n = cb.sub(ca).unit().perp();
        let side = mid.sub(home).dot(n);
        if side < -1e-6 || (side.abs() <= 1e-6 && (n.x < -1e-9 || (n.x.abs() <= 1e-9 && n.y < 0.0)))
        {
            n = n.scale(-1.0);
        }
        let half = |i: usize| {
            let r = &self.boxes[i];
            (r.w * n.x.abs() + r.h * n.y.abs()) / 2.0
        };
        let u = cb.sub(ca).unit();
        let steep = 1.0 + dist / 150.0;
        for n in [n, n.scale(-1.0)] {
            let da = n.scale(steep).add(u).unit();
            let db = n.scale(steep).sub(u).unit();
            let s = da.dot(n);
            // the apex (0.75 · reach · s beyond the ends) just beyond the
            // wider end node, further for pairs further apart
            let bulge = half(a).max(half(b)) * (1.0 - s) + 20.0 + 0.25 * dist;
            for f in [1.0, 0.75, 1.35, 1.7, 2.1, 2.6, 3.2, 4.0, 5.0] {
                let q = self.hook(a, b, da, db, f * bulge / (0.75 * s));
                if self.clear(&q, a, b) {
                    return q;
                }
            }
        }
        // no symmetric arc is clear: leave and enter the two nodes in any of
        // eight directions; the shortest clear curve (or the one crossing
        // the fewest boxes)
        let dirs: Vec<Point> = (0..8)
            .map(|k| {
                let angle = k as f64 * std::f64::consts::FRAC_PI_4;
                Point::new(angle.cos(), angle.sin())
            })
            .collect();
        let mut best: Option<(usize, f64, Curve)> = None;
        for &da in &dirs {
            for &db in &dirs {
                for m in [0.3, 0.6, 0.9] {
                    let q = self.hook(a, b, da, db, m * dist + 30.0);
                    let key = (self.penalty(&q, a, b), q.length());
                    if best
                        .as_ref()
                        .is_none_or(|(p, l, _)| key.0 < *p || (key.0 == *p && key.1 < *l))
                    {
                        best = Some((key.0, key.1, q));
                    }
                }
            }
        }
        best.map(|b| b.2)
            .unwrap_or_else(|| self.quad(a, b, mid.add(n.scale(dist))))
    }

    /// A residual: a short arrow into the node from outside, away from its
    /// construct (items) or its items (constructs).
    fn residual(&self, i: usize) -> (Curve, Point) {
        let c = self.center(i);
        let dir = if let Some(k) = self.construct_center(i) {
            let v = c.sub(k);
            // items in a row get their residuals from above/below, items in
            // a stack from the side (one item: the dominant direction)
            let siblings: Vec<Point> = self
                .d
                .items_of(self.d.nodes[i].construct.as_deref().unwrap_or_default())
                .filter_map(|n| self.index.get(n.name.as_str()).map(|&j| self.center(j)))
                .collect();
            let spread = |f: fn(&Point) -> f64| {
                let lo = siblings.iter().map(f).fold(f64::INFINITY, f64::min);
                let hi = siblings.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
                hi - lo
            };
            let row = if siblings.len() > 1 {
                spread(|p| p.x) > spread(|p| p.y)
            } else {
                v.y.abs() > v.x.abs()
            };
            if row {
                Point::new(0.0, if v.y < 0.0 { -1.0 } else { 1.0 })
            } else {
                Point::new(if v.x < 0.0 { -1.0 } else { 1.0 }, 0.0)
            }
        } else {
            match self.items_centroid(i) {
                Some(g) if g.y > c.y + self.boxes[i].h / 2.0 => Point::new(0.0, -1.0),
                _ => Point::new(0.0, 1.0),
            }
        };
        let p1 = boundary(self.kind(i), &self.boxes[i], dir);
        let p0 = p1.add(dir.scale(RESID_LEN));
        (Curve::line(p0, p1), dir)
    }
}

/// Preferred label positions along an edge (as curve parameter t).
fn preferred_t(kind: EdgeKind, c: &Curve) -> &'static [f64] {
    let v = c.p1.sub(c.p0);
    match kind {
        EdgeKind::Loading if v.y.abs() > v.x.abs() => {
            &[0.75, 0.7, 0.8, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4]
        }
        EdgeKind::Loading => &[0.5, 0.55, 0.45, 0.6, 0.4, 0.65, 0.35, 0.7, 0.3],
        EdgeKind::Regression => &[
            0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8,
        ],
        _ => &[0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7],
    }
}

/// An edge as a polyline (a straight one as its two ends).
fn polyline(c: &Curve) -> Vec<Point> {
    if c.straight {
        vec![c.p0, c.p1]
    } else {
        (0..=24).map(|k| c.at(k as f64 / 24.0)).collect()
    }
}

/// The segment from `a` to `b` passes through the box (Liang–Barsky clipping).
fn segment_hits(r: &Rect, a: Point, b: Point) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - r.x),
        (dx, r.x + r.w - a.x),
        (-dy, a.y - r.y),
        (dy, r.y + r.h - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// How many lines other than line `own` pass through the box.
fn crossings(r: &Rect, (lines, own): (&[Vec<Point>], usize)) -> usize {
    lines
        .iter()
        .enumerate()
        .filter(|(k, pts)| *k != own && pts.windows(2).any(|s| segment_hits(r, s[0], s[1])))
        .count()
}

/// Places a label of size (w, h) on or beside the curve; returns the box
/// and whether it is free of the obstacles. Among the places free of them
/// the first that no other line crosses is taken (a value where lines
/// cross cannot be told apart), else the one crossed by the fewest.
fn place_label(
    candidates: &[Point],
    normals: &[Point],
    steps: &[f64],
    (w, h): (f64, f64),
    obstacles: &[Rect],
    lines: (&[Vec<Point>], usize),
) -> (Rect, bool) {
    let mut best: Option<(f64, Rect)> = None;
    let mut best_free: Option<(usize, Rect)> = None;
    for k in [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0] {
        for ((p, n), step) in candidates.iter().zip(normals).zip(steps) {
            let r = Rect::centered(p.add(n.scale(k * step)), w, h);
            let overlap: f64 = obstacles.iter().map(|o| r.overlap_area(o)).sum();
            if overlap == 0.0 {
                let c = crossings(&r.inflate(-0.5), lines);
                if c == 0 {
                    return (r, true);
                }
                if best_free.is_none_or(|(b, _)| c < b) {
                    best_free = Some((c, r));
                }
            } else if best.is_none_or(|(b, _)| overlap < b) {
                best = Some((overlap, r));
            }
        }
    }
    if let Some((_, r)) = best_free {
        return (r, true);
    }
    let r = best
        .map(|b| b.1)
        .unwrap_or(Rect::centered(candidates[0], w, h));
    (r, false)
}

/// Each node's position in `d.nodes`, by name.
fn node_index(d: &Diagram) -> HashMap<&str, usize> {
    d.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .collect()
}

/// Routes every edge and places every label for the given positions
/// (nodes without a position are put at the origin).
pub fn route(d: &Diagram, l: &Layout) -> Routed {
    let index = node_index(d);
    let boxes: Vec<Rect> = d
        .nodes
        .iter()
        .map(|n| Rect::centered(l.position(&n.name).unwrap_or_default(), n.width, n.height))
        .collect();
    let mut blocks = Vec::new();
    for (i, n) in d.nodes.iter().enumerate() {
        let members: Vec<usize> = d
            .items_of(&n.name)
            .filter_map(|m| index.get(m.name.as_str()).copied())
            .collect();
        if n.construct.is_none() && !members.is_empty() {
            let r = members
                .iter()
                .fold(boxes[i], |r, &j| r.union(&boxes[j]))
                .inflate(-4.0);
            let mut all = members;
            all.push(i);
            blocks.push((r, all));
        }
    }
    let g = Geo {
        d,
        index,
        boxes,
        blocks,
    };
    let mut edges: Vec<RoutedEdge> = Vec::with_capacity(d.edges.len());
    let mut resid_dir: HashMap<usize, Point> = HashMap::new();
    for (k, e) in d.edges.iter().enumerate() {
        let (Some(&a), Some(&b)) = (g.index.get(e.from.as_str()), g.index.get(e.to.as_str()))
        else {
            continue;
        };
        let curve = match e.kind {
            EdgeKind::Loading | EdgeKind::Regression => g.arrow(a, b),
            EdgeKind::Covariance => g.arc(a, b),
            EdgeKind::Residual => {
                let (c, dir) = g.residual(a);
                resid_dir.insert(k, dir);
                c
            }
        };
        edges.push(RoutedEdge {
            edge: k,
            curve,
            label: None,
        });
    }

    // the lines a label should not sit on: each edge as a polyline (a
    // suggestion's only for other suggestions, so that switching them on
    // moves no label of the model)
    let lines: Vec<Vec<Point>> = edges.iter().map(|re| polyline(&re.curve)).collect();
    let model_lines: Vec<Vec<Point>> = edges
        .iter()
        .zip(&lines)
        .map(|(re, l)| {
            if d.edges[re.edge].suggestion.is_some() {
                Vec::new()
            } else {
                l.clone()
            }
        })
        .collect();
    // labels: the most constrained first, suggestions' after the model's
    let mut obstacles: Vec<Rect> = g.boxes.iter().map(|b| b.inflate(2.0)).collect();
    let mut conflicts = 0;
    for (kind, suggestion) in [
        (Some(EdgeKind::Residual), false),
        (Some(EdgeKind::Loading), false),
        (Some(EdgeKind::Regression), false),
        (Some(EdgeKind::Covariance), false),
        (None, true),
    ] {
        for (own, re) in edges.iter_mut().enumerate() {
            let e = &d.edges[re.edge];
            if kind.is_some_and(|k| e.kind != k)
                || e.suggestion.is_some() != suggestion
                || e.label.is_empty()
            {
                continue;
            }
            let kind = e.kind;
            let size = d.label_size(&e.label);
            let (cands, normals, steps): (Vec<Point>, Vec<Point>, Vec<f64>) =
                if let Some(dir) = resid_dir.get(&re.edge) {
                    // beyond the tail of the residual arrow
                    let along = if dir.x != 0.0 { size.0 } else { size.1 } / 2.0 + 2.0;
                    let p = re.curve.p0.add(dir.scale(along));
                    let n = dir.perp();
                    let step = if dir.x != 0.0 { size.1 } else { size.0 } * 0.6;
                    (vec![p], vec![n], vec![step])
                } else {
                    let ts = preferred_t(kind, &re.curve);
                    let mut cs = Vec::new();
                    let mut ns = Vec::new();
                    let mut ss = Vec::new();
                    for &t in ts {
                        let tan = re.curve.tangent(t);
                        cs.push(re.curve.at(t));
                        ns.push(tan.perp());
                        // beside a horizontal line: a label height; beside a
                        // vertical one: a label width
                        ss.push(if tan.x.abs() >= tan.y.abs() {
                            size.1 * 0.8
                        } else {
                            size.0 * 0.6
                        });
                    }
                    (cs, ns, ss)
                };
            let others = if suggestion { &lines } else { &model_lines };
            let (r, ok) = place_label(&cands, &normals, &steps, size, &obstacles, (others, own));
            if !ok {
                conflicts += 1;
            }
            // where the person moved it, from there
            let moved = l.label_offset(&e.key());
            let r = Rect {
                x: r.x + moved.x,
                y: r.y + moved.y,
                ..r
            };
            obstacles.push(r.inflate(1.0));
            re.label = Some(r);
        }
    }

    // bounds
    let mut bounds: Option<Rect> = None;
    let mut grow = |r: Rect| {
        bounds = Some(match bounds {
            Some(b) => b.union(&r),
            None => r,
        })
    };
    for b in &g.boxes {
        grow(*b);
    }
    for re in &edges {
        for k in 0..=10 {
            grow(Rect::centered(re.curve.at(k as f64 / 10.0), 2.0, 2.0));
        }
        if let Some(r) = re.label {
            grow(r);
        }
    }
    let bounds = bounds
        .unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: LABEL_HEIGHT,
        })
        .inflate(MARGIN);
    Routed {
        edges,
        bounds,
        conflicts,
    }
}

/// Where a construct's items stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
    Above,
}

/// The space a structural node and its items take around the node's centre.
#[derive(Debug, Clone, Copy, Default)]
struct Extent {
    left: f64,
    right: f64,
    up: f64,
    down: f64,
}

/// The automatic layout (see the module documentation).
pub fn auto_layout(d: &Diagram) -> Layout {
    // suggestion arrows are placed around, never placed for
    let plain;
    let d = if d.edges.iter().any(|e| e.suggestion.is_some()) {
        plain = d.without_suggestions();
        &plain
    } else {
        d
    };
    let mut best: Option<(usize, Layout)> = None;
    for attempt in 0..8 {
        let l = place(d, 1.0 + 0.25 * attempt as f64);
        let conflicts = route(d, &l).conflicts;
        if conflicts == 0 {
            return l;
        }
        if best.as_ref().is_none_or(|(c, _)| conflicts < *c) {
            best = Some((conflicts, l));
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

/// One layout attempt with spacing factor `s`.
fn place(d: &Diagram, s: f64) -> Layout {
    let n = d.nodes.len();
    let index = node_index(d);
    let structural: Vec<usize> = (0..n).filter(|&i| d.nodes[i].construct.is_none()).collect();
    let is_structural = |i: usize| d.nodes[i].construct.is_none();
    // directed structural edges: regressions, and loadings between factors
    let mut sedges: Vec<(usize, usize)> = Vec::new();
    for e in &d.edges {
        if !matches!(e.kind, EdgeKind::Regression | EdgeKind::Loading) {
            continue;
        }
        if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            if a != b && is_structural(a) && is_structural(b) && !sedges.contains(&(a, b)) {
                sedges.push((a, b));
            }
        }
    }
    // layers: the longest path from a source (capped, for feedback loops)
    let mut layer = vec![0usize; n];
    let cap = structural.len().max(1) - 1;
    for _ in 0..structural.len() {
        let mut changed = false;
        for &(a, b) in &sedges {
            let want = (layer[a] + 1).min(cap);
            if layer[b] < want {
                layer[b] = want;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let nl = structural.iter().map(|&i| layer[i] + 1).max().unwrap_or(1);
    let mut cols: Vec<Vec<usize>> = vec![Vec::new(); nl];
    for &i in &structural {
        cols[layer[i]].push(i);
    }
    // order within columns: barycentre of the neighbours in the previous
    // (then the next) column
    let rank = |cols: &Vec<Vec<usize>>| {
        let mut r = vec![0.0; n];
        for c in cols {
            for (k, &i) in c.iter().enumerate() {
                r[i] = (k as f64 + 0.5) / c.len() as f64;
            }
        }
        r
    };
    for _ in 0..2 {
        for forward in [true, false] {
            let order: Vec<usize> = if forward {
                (1..nl).collect()
            } else {
                (0..nl.saturating_sub(1)).rev().collect()
            };
            for c in order {
                let r = rank(&cols);
                let key = |i: usize| {
                    let nb: Vec<f64> = sedges
                        .iter()
                        .filter_map(|&(a, b)| {
                            if forward && b == i && layer[a] < layer[i] {
                                Some(r[a])
                            } else if !forward && a == i && layer[b] > layer[i] {
                                Some(r[b])
                            } else {
                                None
                            }
                        })
                        .collect();
                    if nb.is_empty() {
                        r[i]
                    } else {
                        nb.iter().sum::<f64>() / nb.len() as f64
                    }
                };
                let mut keyed: Vec<(f64, usize)> = cols[c].iter().map(|&i| (key(i), i)).collect();
                crate::sorting::sort_by(&mut keyed, |x, y| x.0.total_cmp(&y.0));
                cols[c] = keyed.into_iter().map(|x| x.1).collect();
            }
        }
    }

    // spacing
    let load_h = 100.0 * s;
    let load_v = 64.0 * s;
    let item_vgap = 14.0 * s;
    let item_hgap = 14.0 * s;
    let col_gap = 160.0 * s;
    let block_gap = 36.0 * s;
    let block_gap_above = 90.0 * s;
    let label_w = |name: &str, kind: EdgeKind| {
        d.edges
            .iter()
            .filter(|e| e.kind == kind && (e.to == name || e.from == name) && !e.label.is_empty())
            .map(|e| d.label_size(&e.label).0)
            .fold(0.0, f64::max)
    };
    let has_resid = |name: &str| {
        d.edges
            .iter()
            .any(|e| e.kind == EdgeKind::Residual && e.from == name)
    };
    let resid_room_h = |names: &[&str]| {
        let w = names
            .iter()
            .filter(|n| has_resid(n))
            .map(|n| label_w(n, EdgeKind::Residual).max(1.0))
            .fold(0.0, f64::max);
        if w > 0.0 {
            RESID_LEN + w + 4.0
        } else {
            0.0
        }
    };
    let resid_room_v = |names: &[&str]| {
        if names.iter().any(|n| has_resid(n)) {
            RESID_LEN + d.options.label_height() + 4.0
        } else {
            0.0
        }
    };

    let mut pos: Vec<Point> = vec![Point::default(); n];
    let mut extents: Vec<Extent> = vec![Extent::default(); n];
    let mut above = vec![false; n];
    // item offsets relative to their construct
    let mut offsets: Vec<(usize, Point)> = Vec::new();
    for (c, col) in cols.iter().enumerate() {
        for &i in col {
            let node = &d.nodes[i];
            let (rx, ry) = (node.width / 2.0, node.height / 2.0);
            let items: Vec<usize> = d
                .items_of(&node.name)
                .filter_map(|m| index.get(m.name.as_str()).copied())
                .collect();
            let names: Vec<&str> = items.iter().map(|&j| d.nodes[j].name.as_str()).collect();
            let dist = resid_room_v(&[node.name.as_str()]);
            // the last column's items stand in a row too when their
            // residuals covary with items in a row (arcs over the rows
            // cross nothing but each other, not the loadings of a stack)
            let covaries_with_a_row = || {
                d.edges.iter().any(|e| {
                    e.kind == EdgeKind::Covariance
                        && [(&e.from, &e.to), (&e.to, &e.from)].iter().any(|(x, y)| {
                            items.iter().any(|&j| d.nodes[j].name == **x)
                                && d.node(y)
                                    .and_then(|m| m.construct.as_deref())
                                    .and_then(|k| index.get(k))
                                    .is_some_and(|&k| above[k])
                        })
                })
            };
            let side = if nl == 1 || c == 0 {
                Side::Left
            } else if c == nl - 1 && !covaries_with_a_row() {
                Side::Right
            } else {
                Side::Above
            };
            let mut ext = Extent {
                left: rx,
                right: rx,
                up: ry,
                down: ry + dist,
            };
            if !items.is_empty() {
                let maxw = items.iter().map(|&j| d.nodes[j].width).fold(0.0, f64::max);
                let maxh = items.iter().map(|&j| d.nodes[j].height).fold(0.0, f64::max);
                match side {
                    Side::Left | Side::Right => {
                        let stack: f64 = items.iter().map(|&j| d.nodes[j].height).sum::<f64>()
                            + item_vgap * (items.len() - 1) as f64;
                        let sign = if side == Side::Left { -1.0 } else { 1.0 };
                        let mut y = -stack / 2.0;
                        for &j in &items {
                            let it = &d.nodes[j];
                            let x = sign * (rx + load_h + it.width / 2.0);
                            offsets.push((j, Point::new(x, y + it.height / 2.0)));
                            y += it.height + item_vgap;
                        }
                        let outer = rx + load_h + maxw + resid_room_h(&names);
                        if side == Side::Left {
                            ext.left = outer;
                        } else {
                            ext.right = outer;
                        }
                        ext.up = ext.up.max(stack / 2.0);
                        ext.down = ext.down.max(stack / 2.0);
                    }
                    Side::Above => {
                        above[i] = true;
                        let lw = items
                            .iter()
                            .map(|&j| label_w(&d.nodes[j].name, EdgeKind::Loading))
                            .fold(0.0, f64::max);
                        let slot = (maxw + item_hgap).max((lw + 8.0) / 0.75);
                        let row = slot * items.len() as f64;
                        for (k, &j) in items.iter().enumerate() {
                            let x = -row / 2.0 + slot * (k as f64 + 0.5);
                            offsets.push((j, Point::new(x, -(ry + load_v + maxh / 2.0))));
                        }
                        ext.up = ry + load_v + maxh + resid_room_v(&names);
                        let half = (row / 2.0).max(rx);
                        ext.left = half;
                        ext.right = half;
                    }
                }
            }
            extents[i] = ext;
        }
    }
    // columns left to right, each stacked top to bottom and centred on y = 0;
    // short columns are spread to 60% of the tallest one
    let height = |col: &Vec<usize>| {
        col.iter()
            .map(|&i| extents[i].up + extents[i].down)
            .sum::<f64>()
            + if col.iter().any(|&i| above[i]) {
                block_gap_above
            } else {
                block_gap
            } * col.len().saturating_sub(1) as f64
    };
    let tallest = cols.iter().map(height).fold(0.0, f64::max);
    let mut x = 0.0;
    let mut prev_right = 0.0;
    for (c, col) in cols.iter().enumerate() {
        // a row of items above a construct stands nearer to it than to
        // the construct above
        let base_gap = if col.iter().any(|&i| above[i]) {
            block_gap_above
        } else {
            block_gap
        };
        let gap = if col.len() > 1 {
            base_gap + (0.6 * tallest - height(col)).max(0.0) / (col.len() - 1) as f64
        } else {
            block_gap
        };
        let left = col.iter().map(|&i| extents[i].left).fold(0.0, f64::max);
        let right = col.iter().map(|&i| extents[i].right).fold(0.0, f64::max);
        if c > 0 {
            x += prev_right + col_gap + left;
        } else {
            x = left;
        }
        prev_right = right;
        let mut y = 0.0;
        let mut centers = Vec::new();
        for &i in col {
            let cy = y + extents[i].up;
            centers.push((i, cy));
            y = cy + extents[i].down + gap;
        }
        let total = (y - gap).max(0.0);
        for (i, cy) in centers {
            pos[i] = Point::new(x, cy - total / 2.0);
        }
    }
    for (j, off) in offsets {
        let k = d.nodes[j]
            .construct
            .as_deref()
            .and_then(|c| index.get(c).copied());
        if let Some(k) = k {
            pos[j] = pos[k].add(off);
        }
    }
    // to a tenth, as the SVG writes them (and as a project file's JSON
    // gives them back exactly)
    let tenth = |v: f64| (v * 10.0).round() / 10.0;
    Layout {
        positions: crate::sorting::map_of(
            d.nodes
                .iter()
                .zip(pos)
                .map(|(n, p)| (n.name.clone(), Point::new(tenth(p.x), tenth(p.y)))),
        ),
        labels: BTreeMap::new(),
    }
}
