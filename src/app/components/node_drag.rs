//! Moving the nodes and edge labels of a drawn diagram with the pointer
//! (mouse, pen or touch), for the results' path diagram
//! ([`super::DiagramPanel`]) and the diagram editor ([`super::ModelDrawing`])
//! alike: both change the same [`Layout`] (the positions and label offsets
//! kept in project files and links). A pointer pressed on a node or a
//! label and moved more than [`SLOP`] pixels drags it; a press without a
//! move is a click and changes nothing.

use crate::diagram::{Layout, Point};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Pointer travel (CSS px) below which a press is a click, not a drag.
const SLOP: f64 = 3.0;

/// What is dragged: a node (by name) or an edge's label (by
/// [`crate::diagram::Edge::key`]).
#[derive(Clone)]
enum Held {
    Node(String),
    Label(String),
}

/// A node or label being dragged: what, where it is held (for a node:
/// relative to its centre; for a label: its offset minus the pointer's
/// place), the layout it started from until it first moves (every node
/// placed), and where the pointer went down.
#[derive(Clone)]
struct Drag {
    held: Held,
    offset: Point,
    start: Option<Layout>,
    down: (i32, i32),
}

/// The label's edge key of a `g.edge-label` (`lhs op rhs`).
fn label_key(g: &web_sys::Element) -> Option<String> {
    let a = |n: &str| g.get_attribute(n);
    Some(format!(
        "{} {} {}",
        a("data-lhs")?,
        a("data-op")?,
        a("data-rhs")?
    ))
}

/// The node or label under a pointer event.
fn held(ev: &web_sys::PointerEvent) -> Option<Held> {
    let el = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())?;
    if let Some(g) = el.closest("g.edge-label").ok().flatten() {
        return label_key(&g).map(Held::Label);
    }
    let n = el.closest("g.node").ok().flatten()?;
    n.get_attribute("data-name").map(Held::Node)
}

/// A press on a node or a label (to keep the page from selecting text or
/// scrolling while it is held).
pub fn on_draggable(ev: &web_sys::PointerEvent) -> bool {
    held(ev).is_some()
}

/// The point of the drawing under the pointer (SVG units).
fn svg_point(canvas: &web_sys::HtmlDivElement, x: i32, y: i32) -> Option<Point> {
    let svg = canvas.query_selector("svg").ok()??;
    let vb: Vec<f64> = svg
        .get_attribute("viewBox")?
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let r = svg.get_bounding_client_rect();
    if vb.len() != 4 || r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    Some(Point::new(
        vb[0] + (x as f64 - r.left()) * vb[2] / r.width(),
        vb[1] + (y as f64 - r.top()) * vb[3] / r.height(),
    ))
}

/// The pointer handlers of one drawing.
#[derive(Clone, Copy)]
pub struct NodeDrag {
    canvas: NodeRef<html::Div>,
    layout: RwSignal<Layout>,
    drag: StoredValue<Option<Drag>>,
}

impl NodeDrag {
    pub fn new(canvas: NodeRef<html::Div>, layout: RwSignal<Layout>) -> Self {
        NodeDrag {
            canvas,
            layout,
            drag: StoredValue::new(None),
        }
    }

    /// A press: on a node or a label, the drag may start. `full` gives the
    /// layout with every node placed (the automatic places of those not
    /// moved).
    pub fn down(&self, ev: &web_sys::PointerEvent, full: impl FnOnce() -> Option<Layout>) {
        let (Some(held), Some(c)) = (held(ev), self.canvas.get_untracked()) else {
            return;
        };
        let Some(p) = svg_point(&c, ev.client_x(), ev.client_y()) else {
            return;
        };
        let Some(full) = full() else {
            return;
        };
        let at = match &held {
            Held::Node(name) => match full.position(name) {
                Some(at) => at,
                None => return,
            },
            Held::Label(key) => full.label_offset(key),
        };
        self.drag.set_value(Some(Drag {
            held,
            offset: Point::new(at.x - p.x, at.y - p.y),
            start: Some(full),
            down: (ev.client_x(), ev.client_y()),
        }));
    }

    /// A move: the node or label follows the pointer (once past the slop).
    pub fn moved(&self, ev: &web_sys::PointerEvent) {
        let Some(mut d) = self.drag.get_value() else {
            return;
        };
        let Some(c) = self.canvas.get_untracked() else {
            return;
        };
        let Some(p) = svg_point(&c, ev.client_x(), ev.client_y()) else {
            return;
        };
        let to = Point::new(p.x + d.offset.x, p.y + d.offset.y);
        let put = |l: &mut Layout| match &d.held {
            Held::Node(name) => {
                l.move_node(name, to);
            }
            Held::Label(key) => l.move_label(key, to),
        };
        if let Some(mut full) = d.start.take() {
            let (dx, dy) = (ev.client_x() - d.down.0, ev.client_y() - d.down.1);
            if ((dx * dx + dy * dy) as f64).sqrt() < SLOP {
                return;
            }
            // the first move: the pointer is held, every node gets its position
            let _ = c.set_pointer_capture(ev.pointer_id());
            put(&mut full);
            self.layout.set(full);
            self.drag.set_value(Some(d));
            return;
        }
        self.layout.update(put);
    }

    /// The press ends: the drag, if any, is over.
    pub fn up(&self, ev: &web_sys::PointerEvent) {
        if self.drag.get_value().is_some() {
            self.drag.set_value(None);
            if let Some(c) = self.canvas.get_untracked() {
                let _ = c.release_pointer_capture(ev.pointer_id());
            }
        }
    }
}
