//! The zoom of a drawn diagram (the drawing editor's and the results'):
//! *Fit* scales it down to the canvas (its width, and a height that leaves
//! the rest of the pane in view: the variable list beside the drawing),
//! *100 %* draws it at its own size, *+* and *−* step through
//! [`STEPS`]. The canvas scrolls when the drawing is larger than it. The
//! sizes are CSS custom properties of the canvas (`--w`, `--h`: the
//! drawing's own size, `--zoom`), set through the CSSOM (the page's
//! Content-Security-Policy allows no `style` attribute); pointer positions
//! keep working at any zoom.

use crate::app::text::t;
use leptos::html;
use leptos::prelude::*;

/// How large the drawing is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zoom {
    /// As large as the canvas allows, never past its own size.
    Fit,
    /// Its own size times this.
    Scale(f64),
}

/// The scales of *+* and *−*.
pub const STEPS: [f64; 9] = [0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0];

/// The next step up (`up`) or down from the scale `s`.
pub fn step(s: f64, up: bool) -> f64 {
    if up {
        STEPS
            .iter()
            .copied()
            .find(|&x| x > s + 1e-3)
            .unwrap_or(STEPS[STEPS.len() - 1])
    } else {
        STEPS
            .iter()
            .rev()
            .copied()
            .find(|&x| x < s - 1e-3)
            .unwrap_or(STEPS[0])
    }
}

/// The `width` and `height` of an SVG's text.
pub fn svg_size(svg: &str) -> Option<(f64, f64)> {
    let head = &svg[..svg.find('>')?];
    let attr = |name: &str| -> Option<f64> {
        let start = head.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = start + head[start..].find('"')?;
        head[start..end].parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// Keeps the canvas's `--w`, `--h` (the drawing's own size, from its SVG
/// text) and `--zoom` up to date.
pub fn size_canvas(canvas: NodeRef<html::Div>, svg: Memo<Option<String>>, zoom: RwSignal<Zoom>) {
    Effect::new(move |_| {
        let z = match zoom.get() {
            Zoom::Fit => 1.0,
            Zoom::Scale(s) => s,
        };
        let (w, h) = svg
            .with(|s| s.as_deref().and_then(svg_size))
            .unwrap_or((1.0, 1.0));
        if let Some(c) = canvas.get() {
            let style = web_sys::HtmlElement::style(&c);
            for (name, v) in [("--w", w), ("--h", h), ("--zoom", z)] {
                let _ = style.set_property(name, &v.to_string());
            }
        }
    });
}

/// The `data-zoom` of the canvas.
pub fn canvas_mode(zoom: Zoom) -> &'static str {
    match zoom {
        Zoom::Fit => "fit",
        Zoom::Scale(_) => "scale",
    }
}

/// The scale the drawing is shown at (in *Fit*: measured in the page).
fn shown_scale(canvas: NodeRef<html::Div>, zoom: Zoom) -> f64 {
    match zoom {
        Zoom::Scale(s) => s,
        Zoom::Fit => canvas
            .get_untracked()
            .and_then(|c| c.query_selector("svg").ok().flatten())
            .and_then(|svg| {
                let w: f64 = svg.get_attribute("width")?.parse().ok()?;
                let shown = svg.get_bounding_client_rect().width();
                (w > 0.0 && shown > 0.0).then(|| shown / w)
            })
            .unwrap_or(1.0),
    }
}

/// The four buttons, named for screen readers, and the scale shown.
#[component]
pub fn DiagramZoom(zoom: RwSignal<Zoom>, canvas: NodeRef<html::Div>) -> impl IntoView {
    let by = move |up: bool| {
        let s = shown_scale(canvas, zoom.get_untracked());
        zoom.set(Zoom::Scale(step(s, up)));
    };
    // the scale a step of + or − gave; Fit says itself on its pressed
    // button (the word again after the buttons read as a fifth one)
    let percent = move || match zoom.get() {
        Zoom::Fit => String::new(),
        Zoom::Scale(s) => format!("{} %", (s * 100.0).round()),
    };
    view! {
        <span class="diagram-zoom" role="group" aria-label=move || t().zoom_group>
            <button
                type="button"
                class="button small"
                aria-label=move || t().zoom_fit_label
                aria-pressed=move || (zoom.get() == Zoom::Fit).to_string()
                on:click=move |_| zoom.set(Zoom::Fit)
            >
                {move || t().zoom_fit}
            </button>
            <button
                type="button"
                class="button small"
                aria-label=move || t().zoom_actual_label
                aria-pressed=move || (zoom.get() == Zoom::Scale(1.0)).to_string()
                on:click=move |_| zoom.set(Zoom::Scale(1.0))
            >
                "100 %"
            </button>
            <button
                type="button"
                class="button small"
                aria-label=move || t().zoom_in_label
                on:click=move |_| by(true)
            >
                "+"
            </button>
            <button
                type="button"
                class="button small"
                aria-label=move || t().zoom_out_label
                on:click=move |_| by(false)
            >
                "−"
            </button>
            <output class="hint zoom-shown">{percent}</output>
        </span>
    }
}
