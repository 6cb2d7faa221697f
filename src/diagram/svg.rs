//! SVG rendering of a [`Diagram`] at given positions: a self-contained
//! document (no external fonts, styles or links; presentation attributes
//! only, so a strict Content-Security-Policy and image converters both
//! accept it) with a `<title>`, the system font stack, one `<g class="node
//! …" data-name="…">` per variable and one `<path class="edge …"
//! data-lhs data-op data-rhs data-free data-label>` per drawn parameter,
//! followed by the label boxes (`<g class="edge-label" data-lhs data-op
//! data-rhs>`) so no line is drawn over a label.
//!
//! Black and white unless [`DiagramOptions::colour`](super::DiagramOptions)
//! asks for fills; the typeface and size are the options'. [`Output::Pdf`]
//! is the same drawing made for PDF converters (Inkscape, rsvg-convert,
//! Illustrator): only the generic font family (`sans-serif`, `serif`),
//! written on every `<text>`, arrowheads drawn as polygons instead of
//! `<marker>`s, and no `<foreignObject>` or CSS anywhere.

use super::layout::{f, route, Layout, Rect, Routed};
use super::layout::{Curve, Point};
use super::{text_width, Diagram, EdgeKind, NodeKind};
use crate::format::html_escape as esc;

/// The system font stack (no web fonts: nothing is fetched).
pub const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/// A serif list for the same purpose (Times-like fonts first).
pub const SERIF_STACK: &str = "'Times New Roman', Times, 'Liberation Serif', 'Noto Serif', serif";

/// Who the SVG is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The page and the SVG download.
    Screen,
    /// PDF-ready: generic font family on every text, no markers.
    Pdf,
}

const INK: &str = "#1a1a1a";
/// Fills of the colour option: constructs and observed variables.
const LATENT_FILL: &str = "#dbe7f4";
const OBSERVED_FILL: &str = "#eef4e4";
/// Suggestion arrows: a grey apart from the model's ink.
const SUGGEST: &str = "#5a5a5a";

/// Renders the diagram at the layout's positions. Nodes missing from the
/// layout are placed automatically.
pub fn render(d: &Diagram, l: &Layout) -> String {
    render_for(d, l, Output::Screen)
}

/// The arrowhead of a marker (7 units long, as the markers draw it) as a
/// polygon whose tip is `tip`, pointing along `dir`.
fn head(tip: Point, dir: Point) -> String {
    let n = (dir.x * dir.x + dir.y * dir.y).sqrt().max(1e-12);
    let (ux, uy) = (dir.x / n, dir.y / n);
    let (bx, by) = (tip.x - 7.0 * ux, tip.y - 7.0 * uy);
    let (px, py) = (-uy * 2.8, ux * 2.8);
    format!(
        "<polygon points=\"{},{} {},{} {},{}\" fill=\"{INK}\"/>",
        f(tip.x),
        f(tip.y),
        f(bx + px),
        f(by + py),
        f(bx - px),
        f(by - py)
    )
}

/// The arrowheads of an edge as polygons (PDF output).
fn heads(c: &Curve, kind: EdgeKind) -> String {
    let mut o = head(c.p1, c.tangent(1.0));
    if kind == EdgeKind::Covariance {
        let t = c.tangent(0.0);
        o.push_str(&head(c.p0, Point::new(-t.x, -t.y)));
    }
    o
}

/// [`render`] for a purpose: the page or a PDF converter.
pub fn render_for(d: &Diagram, l: &Layout, out: Output) -> String {
    let pdf = out == Output::Pdf;
    let node_font = d.options.node_font();
    let label_font = d.options.label_font();
    // the layout of a node's lines was drawn for 13 px
    let z = node_font / super::NODE_FONT;
    let family = if pdf {
        d.options.font.generic()
    } else {
        d.options.font.stack()
    };
    // PDF converters get the family on each text, not only inherited
    let text_family = if pdf {
        format!(" font-family=\"{family}\"")
    } else {
        String::new()
    };
    let label_text = LabelText {
        size: label_font,
        family: &text_family,
    };
    let (latent_fill, observed_fill) = if d.options.colour {
        (LATENT_FILL, OBSERVED_FILL)
    } else {
        ("#ffffff", "#ffffff")
    };
    let filled;
    let l = if l.covers(d) {
        l
    } else {
        filled = Layout::merged_with_auto(d, l);
        &filled
    };
    let routed = route(d, l);
    let mut b = routed.bounds;
    // the legend under the drawing
    let note_y = b.y + b.h + 4.0;
    if !d.note.is_empty() {
        let w = text_width(&d.note, label_font) + 24.0;
        b.w = b.w.max(w);
        b.h += label_font + 12.0;
    }
    let mut o = String::new();
    o.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"semlab-diagram\" width=\"{}\" height=\"{}\" viewBox=\"{} {} {} {}\" font-family=\"{}\" role=\"img\" aria-labelledby=\"semlab-diagram-title\">\n",
        f(b.w.ceil()),
        f(b.h.ceil()),
        f(b.x),
        f(b.y),
        f(b.w.ceil()),
        f(b.h.ceil()),
        family
    ));
    o.push_str(&format!(
        "<title id=\"semlab-diagram-title\">{}</title>\n",
        esc(&d.title)
    ));
    let desc = if d.desc.is_empty() {
        format!(
            "{} latent and observed variables, {} paths. Made with semlab {}.",
            d.nodes.len(),
            d.edges.len(),
            env!("CARGO_PKG_VERSION")
        )
    } else {
        d.desc.clone()
    };
    o.push_str(&format!("<desc>{}</desc>\n", esc(&desc)));
    if !pdf {
        o.push_str(&format!(
        "<defs>\
<marker id=\"semlab-arrow-end\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><polygon points=\"0,1 10,5 0,9\" fill=\"{INK}\"/></marker>\
<marker id=\"semlab-arrow-start\" viewBox=\"0 0 10 10\" refX=\"0\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><polygon points=\"10,1 0,5 10,9\" fill=\"{INK}\"/></marker>\
</defs>\n"
    ));
    }
    o.push_str(&format!(
        "<rect class=\"background\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        f(b.x),
        f(b.y),
        f(b.w.ceil()),
        f(b.h.ceil())
    ));

    // edges
    o.push_str("<g class=\"edges\">\n");
    for re in &routed.edges {
        let e = &d.edges[re.edge];
        if e.suggestion.is_some() {
            continue;
        }
        let class = match e.kind {
            EdgeKind::Loading => "loading",
            EdgeKind::Regression => "regression",
            EdgeKind::Covariance => "covariance",
            EdgeKind::Residual => "residual",
        };
        let markers = match e.kind {
            _ if pdf => "",
            EdgeKind::Covariance => {
                " marker-start=\"url(#semlab-arrow-start)\" marker-end=\"url(#semlab-arrow-end)\""
            }
            _ => " marker-end=\"url(#semlab-arrow-end)\"",
        };
        let dash = if e.free || e.kind != EdgeKind::Covariance {
            ""
        } else {
            " stroke-dasharray=\"4 3\""
        };
        o.push_str(&format!(
            "<path class=\"edge {class}\" d=\"{}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.2\"{markers}{dash} data-lhs=\"{}\" data-op=\"{}\" data-rhs=\"{}\" data-free=\"{}\" data-label=\"{}\"/>\n",
            re.curve.path_data(),
            esc(&e.lhs),
            esc(&e.op),
            esc(&e.rhs),
            e.free,
            esc(&e.label)
        ));
        if pdf {
            o.push_str(&heads(&re.curve, e.kind));
            o.push('\n');
        }
    }
    o.push_str("</g>\n");

    // nodes
    o.push_str("<g class=\"nodes\">\n");
    for n in &d.nodes {
        let Some(r) = l.node_box(d, &n.name) else {
            continue;
        };
        let c = r.center();
        let (class, shape) = match n.kind {
            NodeKind::Latent => (
                "latent",
                format!(
                    "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"{latent_fill}\" stroke=\"{INK}\" stroke-width=\"1.5\"/>",
                    f(c.x),
                    f(c.y),
                    f(r.w / 2.0),
                    f(r.h / 2.0)
                ),
            ),
            NodeKind::Observed => (
                if n.construct.is_some() {
                    "observed item"
                } else {
                    "observed"
                },
                format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{observed_fill}\" stroke=\"{INK}\" stroke-width=\"1.2\"/>",
                    f(r.x),
                    f(r.y),
                    f(r.w),
                    f(r.h)
                ),
            ),
        };
        o.push_str(&format!(
            "<g class=\"node {class}\" data-name=\"{}\">{shape}",
            esc(&n.name)
        ));
        let lines = n.lines();
        let first = c.y - (lines.len() as f64 - 1.0) * 8.0 * z;
        for (k, line) in lines.iter().enumerate() {
            let (size, cls) = if k == 0 {
                (node_font, "name")
            } else {
                (node_font - 1.0, "r2")
            };
            o.push_str(&format!(
                "<text class=\"{cls}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\"{text_family} font-size=\"{}\" fill=\"{INK}\">{}</text>",
                f(c.x),
                f(first + 16.0 * z * k as f64 + size * 0.35),
                f(size),
                esc(line)
            ));
        }
        o.push_str("</g>\n");
    }
    o.push_str("</g>\n");

    // labels on top
    o.push_str("<g class=\"labels\">\n");
    for re in &routed.edges {
        let e = &d.edges[re.edge];
        let Some(r) = re.label.filter(|_| e.suggestion.is_none()) else {
            continue;
        };
        o.push_str(&format!(
            "<g class=\"edge-label\" data-lhs=\"{}\" data-op=\"{}\" data-rhs=\"{}\">{}</g>\n",
            esc(&e.lhs),
            esc(&e.op),
            esc(&e.rhs),
            label_box(&r, &e.label, INK, "", &label_text)
        ));
    }
    o.push_str("</g>\n");
    if !pdf {
        suggestions(&mut o, d, &routed, &label_text);
    }
    if !d.note.is_empty() {
        o.push_str(&format!(
            "<text class=\"note\" x=\"{}\" y=\"{}\"{text_family} font-size=\"{}\" fill=\"{INK}\">{}</text>\n",
            f(b.x + 12.0),
            f(note_y + label_font),
            f(label_font),
            esc(&d.note)
        ));
    }
    o.push_str("</svg>\n");
    o
}

/// How the labels' text is written: size (px) and the `font-family`
/// attribute each text carries (empty: inherited).
struct LabelText<'a> {
    size: f64,
    family: &'a str,
}

/// An edge label: its white box (with `border` attributes) and its text.
fn label_box(r: &Rect, text: &str, ink: &str, border: &str, t: &LabelText) -> String {
    let c = r.center();
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"{border}/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\"{} font-size=\"{}\" fill=\"{ink}\">{}</text>",
        f(r.x),
        f(r.y),
        f(r.w),
        f(r.h),
        f(c.x),
        f(c.y + t.size * 0.35),
        t.family,
        f(t.size),
        esc(text)
    )
}

/// The suggestion arrows, on top of everything: each one focusable, with
/// its accessible name, its line (`data-line`), its parameter as lavaan's
/// table has it (`data-lhs`, `data-op`, `data-rhs`) and its label in one group.
fn suggestions(o: &mut String, d: &Diagram, routed: &Routed, t: &LabelText) {
    let mut any = false;
    for re in &routed.edges {
        let e = &d.edges[re.edge];
        let Some(s) = &e.suggestion else {
            continue;
        };
        if !any {
            o.push_str("<g class=\"suggestions\">\n");
            any = true;
        }
        let markers = match e.kind {
            EdgeKind::Covariance => {
                " marker-start=\"url(#semlab-arrow-start)\" marker-end=\"url(#semlab-arrow-end)\""
            }
            _ => " marker-end=\"url(#semlab-arrow-end)\"",
        };
        o.push_str(&format!(
            "<g class=\"suggestion\" tabindex=\"0\" role=\"button\" aria-label=\"{}\" data-line=\"{}\" data-lhs=\"{}\" data-op=\"{}\" data-rhs=\"{}\" data-mi=\"{}\"><path d=\"{}\" fill=\"none\" stroke=\"{SUGGEST}\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"{markers}/><path class=\"hit\" d=\"{}\" fill=\"none\" stroke=\"#000\" stroke-opacity=\"0\" stroke-width=\"10\"/>",
            esc(&s.name),
            esc(&s.line),
            esc(&e.lhs),
            esc(&e.op),
            esc(&e.rhs),
            f(s.mi),
            re.curve.path_data(),
            re.curve.path_data(),
        ));
        if let Some(r) = re.label {
            let border =
                format!(" stroke=\"{SUGGEST}\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\"");
            o.push_str(&label_box(&r, &e.label, SUGGEST, &border, t));
        }
        o.push_str("</g>\n");
    }
    if any {
        o.push_str("</g>\n");
    }
}
