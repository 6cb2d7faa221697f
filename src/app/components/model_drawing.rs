//! *Draw the model*: the diagram editor, above the text editor. The model
//! text stays the one source of truth: every drawing action (add a latent
//! variable, attach an item, a one- or two-headed arrow, delete, rename,
//! fix or free a loading) is an edit of the text by
//! [`crate::syntax::edit`], recorded as one undo step, and every change of
//! the text redraws the drawing ([`crate::diagram::build_structure`]).
//! Every action is a labelled button, so all of it works from the keyboard;
//! in the drawing itself, clicking a construct selects it, clicking an
//! arrow selects it (Delete or Backspace deletes it), the arrow tools draw
//! an arrow from the node clicked first to the node clicked second, and an
//! item of the data's variable list ([`super::VariableList`], drawn beside
//! the canvas while the drawing is open) is attached to the selected
//! construct by a click or dropped onto an ellipse.

use crate::app::components::{canvas_mode, size_canvas, DiagramZoom, NodeDrag, VariableList, Zoom};
use crate::app::i18n::lang;
use crate::app::publish::PublishState;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::data::MeasureLevel;
use crate::diagram::{build_structure, svg::render, EdgeKind, Layout, NodeKind};
use crate::format::html_escape;
use crate::i18n::Localized;
use crate::syntax::edit::{self, EditError, Element};
use crate::syntax::parse;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The lavaan name of a drawn parameter (`F =~ x`), for buttons' names.
fn lavaan(lhs: &str, op: &str, rhs: &str) -> String {
    format!("{lhs} {op} {rhs}")
}

/// The element a drawn arrow stands for, by its lavaan operator.
fn element_of(lhs: &str, op: &str, rhs: &str) -> Element {
    match op {
        "=~" => Element::Loading {
            latent: lhs.to_string(),
            item: rhs.to_string(),
        },
        "~" => Element::Regression {
            outcome: lhs.to_string(),
            predictor: rhs.to_string(),
        },
        _ => Element::Covariance {
            a: lhs.to_string(),
            b: rhs.to_string(),
        },
    }
}

/// A drawn arrow: lavaan's (lhs, op, rhs).
pub type ArrowKey = (String, String, String);

/// What a click on a node of the drawing does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    /// Selects the node (or the arrow).
    Select,
    /// The first node clicked predicts the second: `second ~ first`.
    Regression,
    /// A covariance between the two nodes clicked.
    Covariance,
}

/// What the drawing keeps while the page is drawn again (a change of
/// language): whether it is open, the selected construct or arrow, the
/// tool, and what the last action could not do. (The constructs named but
/// without an item yet are [`AppState::pending`], part of the undo steps.)
#[derive(Clone, Copy)]
pub struct DrawingState {
    open: RwSignal<bool>,
    selected: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
    selected_arrow: RwSignal<Option<ArrowKey>>,
    tool: RwSignal<Tool>,
    /// The node an arrow tool started from.
    tool_from: RwSignal<Option<String>>,
    /// A regression drawn with the tool, waiting for its optional label:
    /// (predictor, outcome).
    new_arrow: RwSignal<Option<(String, String)>>,
}

impl DrawingState {
    pub fn new() -> Self {
        DrawingState {
            open: RwSignal::new(false),
            selected: RwSignal::new(None),
            problem: RwSignal::new(None),
            selected_arrow: RwSignal::new(None),
            tool: RwSignal::new(Tool::Select),
            tool_from: RwSignal::new(None),
            new_arrow: RwSignal::new(None),
        }
    }

    /// Whether the drawing is open (the data's variable list is then drawn
    /// beside it, not beside the text editor). Tracked.
    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    /// The construct a click on an item attaches it to: the one selected in
    /// the open drawing, when it is a latent variable (of the text, or
    /// named and pending). Tracked.
    pub fn attach_target(&self, st: AppState) -> Option<String> {
        if !self.open.get() {
            return None;
        }
        let sel = self.selected.get()?;
        let latent = st.pending.with(|p| p.contains(&sel))
            || st.model.with(|m| {
                parse(m)
                    .map(|s| edit::latent_names(&s).contains(&sel))
                    .unwrap_or(false)
            });
        latent.then_some(sel)
    }

    /// Makes an edit of the model text (one undo step), or shows why not.
    fn apply(&self, st: AppState, r: Result<String, EditError>) -> bool {
        match r {
            Ok(text) => {
                self.problem.set(None);
                st.edit_model(text);
                true
            }
            Err(e) => {
                self.problem.set(Some(e.message(lang())));
                false
            }
        }
    }

    /// Attaches `item` to the construct `latent`: appended to its `=~`
    /// line, or, for a construct still pending, the construct enters the
    /// text with it.
    pub fn attach(&self, st: AppState, latent: &str, item: &str) -> bool {
        let text = st.model.get_untracked();
        let pending = st.pending.with_untracked(|p| p.iter().any(|n| n == latent));
        let r = if pending {
            let columns = st
                .data
                .with_untracked(|d| d.current.as_ref().map(|c| c.column_names()))
                .unwrap_or_default();
            edit::add_latent(&text, latent, &[item], &columns)
        } else {
            edit::attach_item(&text, latent, item)
        };
        let ok = self.apply(st, r);
        if ok && pending {
            // part of the text edit's undo step
            st.pending.update(|p| p.retain(|n| n != latent));
        }
        ok
    }
}

impl Default for DrawingState {
    fn default() -> Self {
        Self::new()
    }
}

/// The value of attribute `name` in an SVG element's source line.
fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = line.find(&key)? + key.len();
    Some(&line[start..start + line[start..].find('"')?])
}

/// The drawing's SVG with what the editor adds to the rendered diagram:
/// a wide invisible line over each arrow (so a thin arrow can be clicked),
/// the selected arrow and node marked `data-selected`, and the node an
/// arrow tool starts from marked `data-from`.
fn editable_svg(
    svg: &str,
    node: Option<&str>,
    from: Option<&str>,
    arrow: Option<&ArrowKey>,
) -> String {
    let arrow = arrow.map(|(l, o, r)| (html_escape(l), html_escape(o), html_escape(r)));
    let mut out = String::with_capacity(svg.len() * 3 / 2);
    for line in svg.split_inclusive('\n') {
        let (Some(d), Some(l), Some(o), Some(r)) = (
            attr(line, "d"),
            attr(line, "data-lhs"),
            attr(line, "data-op"),
            attr(line, "data-rhs"),
        ) else {
            out.push_str(line);
            continue;
        };
        if !line.starts_with("<path class=\"edge ") {
            out.push_str(line);
            continue;
        }
        let picked = arrow
            .as_ref()
            .is_some_and(|(al, ao, ar)| al == l && ao == o && ar == r);
        if picked {
            out.push_str(&line.replacen("<path ", "<path data-selected=\"true\" ", 1));
        } else {
            out.push_str(line);
        }
        out.push_str(&format!(
            "<path class=\"edge-hit\" d=\"{d}\" fill=\"none\" stroke=\"#000\" stroke-opacity=\"0\" stroke-width=\"12\" pointer-events=\"stroke\" data-lhs=\"{l}\" data-op=\"{o}\" data-rhs=\"{r}\"/>\n"
        ));
    }
    for (name, mark) in [(node, "data-selected"), (from, "data-from")] {
        if let Some(n) = name {
            let key = format!("data-name=\"{}\"", html_escape(n));
            out = out.replacen(&key, &format!("{key} {mark}=\"true\""), 1);
        }
    }
    out
}

/// Undo and Redo of the model text (typing and drawing alike).
#[component]
pub fn ModelHistoryButtons() -> impl IntoView {
    let st = expect_context::<AppState>();
    view! {
        <span class="history-buttons">
            <button
                type="button"
                class="button small"
                aria-label=t().undo_label
                disabled=move || !st.history.with(|h| h.can_undo())
                on:click=move |_| st.undo_model()
            >
                {t().undo}
            </button>
            <button
                type="button"
                class="button small"
                aria-label=t().redo_label
                disabled=move || !st.history.with(|h| h.can_redo())
                on:click=move |_| st.redo_model()
            >
                {t().redo}
            </button>
        </span>
    }
}

#[component]
pub fn ModelDrawing() -> impl IntoView {
    let st = expect_context::<AppState>();
    let ds = expect_context::<DrawingState>();
    let ps = expect_context::<PublishState>();
    let lang = lang();
    let DrawingState {
        open,
        selected,
        problem,
        selected_arrow,
        tool,
        tool_from,
        new_arrow,
    } = ds;
    let pending = st.pending;
    let new_name = RwSignal::new(String::new());
    let rename_to = RwSignal::new(String::new());
    let arrow_to = RwSignal::new(String::new());
    let arrow_label = RwSignal::new(String::new());
    let new_arrow_label = RwSignal::new(String::new());
    let new_arrow_input = NodeRef::<html::Input>::new();

    let columns = Memo::new(move |_| {
        st.data
            .with(|d| d.current.as_ref().map(|c| c.column_names()))
            .unwrap_or_default()
    });
    let items = Memo::new(move |_| {
        st.data
            .with(|d| {
                d.current.as_ref().map(|c| {
                    c.columns
                        .iter()
                        .filter(|c| c.numeric && c.measure != Some(MeasureLevel::Nominal))
                        .map(|c| c.name.clone())
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default()
    });
    // the text's statements (None while it has a syntax error: the last
    // good drawing is not kept, the editor shows the error)
    let statements = Memo::new(move |_| st.model.with(|m| parse(m).ok()));
    let std_lv = Memo::new(move |_| st.fit.with(|o| o.std_lv));
    let structure = Memo::new(move |_| {
        let std_lv = std_lv.get();
        statements.with(|s| {
            s.as_ref()
                .map(|s| pending.with(|p| build_structure(s, p, std_lv, lang)))
        })
    });
    let latents = Memo::new(move |_| {
        structure.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.nodes
                        .iter()
                        .filter(|n| n.kind == NodeKind::Latent)
                        .map(|n| n.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let nodes = Memo::new(move |_| {
        structure.with(|d| {
            d.as_ref()
                .map(|d| d.nodes.iter().map(|n| n.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // drawn while open only, with its own ids (the results' diagram uses
    // the same title and arrow-head ids), at the positions the nodes were
    // moved to here or in the results' diagram (one layout)
    let svg = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        structure.with(|d| {
            d.as_ref().filter(|d| !d.nodes.is_empty()).map(|d| {
                let s = ps
                    .layout
                    .with(|l| render(d, l))
                    .replace("semlab-diagram-title", "semlab-drawing-title")
                    .replace("semlab-arrow-", "semlab-drawing-arrow-");
                editable_svg(
                    &s,
                    selected.get().as_deref(),
                    tool_from.get().as_deref(),
                    selected_arrow.get().as_ref(),
                )
            })
        })
    });
    // a construct that entered the text is no longer pending; a selection
    // that left the drawing (deleted, renamed in the text) is dropped
    Effect::new(move |_| {
        let text_latents: Vec<String> = statements.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.iter()
                        .filter_map(|s| match s {
                            crate::syntax::Statement::Relation(r)
                                if r.op == crate::syntax::RelOp::Loading =>
                            {
                                Some(r.lhs.clone())
                            }
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        if pending.with_untracked(|p| p.iter().any(|n| text_latents.contains(n))) {
            pending.update(|p| p.retain(|n| !text_latents.contains(n)));
        }
        if statements.with(Option::is_none) {
            return;
        }
        let gone =
            selected.with_untracked(|s| s.as_ref().is_some_and(|s| !nodes.with(|n| n.contains(s))));
        if gone {
            selected.set(None);
        }
        let arrow_gone = selected_arrow.with_untracked(|a| {
            a.as_ref().is_some_and(|(l, o, r)| {
                !structure.with(|d| {
                    d.as_ref().is_some_and(|d| {
                        d.edges
                            .iter()
                            .any(|e| &e.lhs == l && &e.op == o && &e.rhs == r)
                    })
                })
            })
        });
        if arrow_gone {
            selected_arrow.set(None);
        }
    });

    let apply = move |r: Result<String, EditError>| -> bool { ds.apply(st, r) };
    let text = move || st.model.get_untracked();

    let add_latent = move || {
        let name = new_name.get_untracked().trim().to_string();
        let is_pending = pending.with_untracked(|p| p.contains(&name));
        // the name is checked now (a dry run without items)
        match edit::add_latent(&text(), &name, &[], &columns.get_untracked()) {
            Err(EditError::NoItems) if !is_pending => {
                problem.set(None);
                let mut now = pending.get_untracked();
                now.push(name.clone());
                st.set_pending(now);
                selected.set(Some(name));
                selected_arrow.set(None);
                new_name.set(String::new());
            }
            Err(EditError::NoItems) => {
                problem.set(Some(EditError::NameInUse(name).message(lang)));
            }
            Err(e) => problem.set(Some(e.message(lang))),
            Ok(_) => {}
        }
    };
    let rename = move || {
        let Some(old) = selected.get_untracked() else {
            return;
        };
        let new = rename_to.get_untracked().trim().to_string();
        if pending.with_untracked(|p| p.contains(&old)) {
            match edit::add_latent(&text(), &new, &[], &columns.get_untracked()) {
                Err(EditError::NoItems) => {
                    problem.set(None);
                    let mut now = pending.get_untracked();
                    for n in now.iter_mut().filter(|n| **n == old) {
                        *n = new.clone();
                    }
                    st.set_pending(now);
                    selected.set(Some(new));
                    rename_to.set(String::new());
                }
                Err(e) => problem.set(Some(e.message(lang))),
                Ok(_) => {}
            }
        } else if apply(edit::rename_latent(
            &text(),
            &old,
            &new,
            &columns.get_untracked(),
        )) {
            selected.set(Some(new));
            rename_to.set(String::new());
        }
    };
    let delete_selected = move || {
        let Some(f) = selected.get_untracked() else {
            return;
        };
        if pending.with_untracked(|p| p.contains(&f)) {
            let mut now = pending.get_untracked();
            now.retain(|n| n != &f);
            st.set_pending(now);
            selected.set(None);
            problem.set(None);
        } else if apply(edit::delete(&text(), &Element::Latent(f))) {
            selected.set(None);
        }
    };
    let delete_arrow = move || {
        let Some((l, o, r)) = selected_arrow.get_untracked() else {
            return;
        };
        if apply(edit::delete(&text(), &element_of(&l, &o, &r))) {
            selected_arrow.set(None);
        }
    };
    let arrow_target = move || {
        let to = arrow_to.get_untracked();
        if !to.is_empty() {
            return Some(to);
        }
        // the select shows its first option until one is chosen
        let from = selected.get_untracked();
        nodes
            .get_untracked()
            .into_iter()
            .find(|n| Some(n) != from.as_ref())
    };
    let add_regression = move || {
        let (Some(from), Some(to)) = (selected.get_untracked(), arrow_target()) else {
            return;
        };
        let label = arrow_label.get_untracked().trim().to_string();
        let label = (!label.is_empty()).then_some(label);
        if apply(edit::add_regression(&text(), &to, &from, label.as_deref())) {
            arrow_label.set(String::new());
        }
    };
    let add_covariance = move || {
        let (Some(from), Some(to)) = (selected.get_untracked(), arrow_target()) else {
            return;
        };
        apply(edit::add_covariance(&text(), &from, &to));
    };
    // a higher-order factor: the selected construct measured by another
    // (`Interaction =~ ProductInteraction`), the arrow AMOS draws from a
    // second-order factor; a construct not yet in the text enters it so
    let add_loading = move || {
        let (Some(from), Some(to)) = (selected.get_untracked(), arrow_target()) else {
            return;
        };
        ds.attach(st, &from, &to);
    };
    // the regression drawn with the tool, with the label typed for it
    let confirm_new_arrow = move || {
        let Some((from, to)) = new_arrow.get_untracked() else {
            return;
        };
        let label = new_arrow_label.get_untracked().trim().to_string();
        let label = (!label.is_empty()).then_some(label);
        if apply(edit::add_regression(&text(), &to, &from, label.as_deref())) {
            new_arrow.set(None);
            new_arrow_label.set(String::new());
        }
    };
    let cancel_new_arrow = move || {
        new_arrow.set(None);
        new_arrow_label.set(String::new());
        problem.set(None);
    };
    // the label's field takes the keyboard as soon as it appears
    Effect::new(move |_| {
        if new_arrow.with(Option::is_some) {
            request_animation_frame(move || {
                if let Some(i) = new_arrow_input.get_untracked() {
                    let _ = i.focus();
                }
            });
        }
    });
    let choose_tool = move |t: Tool| {
        let now = tool.get_untracked();
        tool.set(if now == t { Tool::Select } else { t });
        tool_from.set(None);
        cancel_new_arrow();
    };
    // a node clicked with an arrow tool: the arrow's start, then its end
    let tool_click = move |t: Tool, name: String| match tool_from.get_untracked() {
        None => {
            new_arrow.set(None);
            tool_from.set(Some(name));
        }
        Some(a) if a == name => tool_from.set(None),
        Some(a) => {
            tool_from.set(None);
            if t == Tool::Regression {
                problem.set(None);
                new_arrow_label.set(String::new());
                new_arrow.set(Some((a, name)));
            } else {
                apply(edit::add_covariance(&text(), &a, &name));
            }
        }
    };
    let on_canvas_click = move |ev: web_sys::MouseEvent| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let node = el
            .closest("g.node")
            .ok()
            .flatten()
            .and_then(|n| n.get_attribute("data-name"));
        let arrow = el
            .closest("path.edge-hit, path.edge, g.edge-label")
            .ok()
            .flatten()
            .and_then(|e| {
                Some((
                    e.get_attribute("data-lhs")?,
                    e.get_attribute("data-op")?,
                    e.get_attribute("data-rhs")?,
                ))
            });
        match (tool.get_untracked(), node, arrow) {
            (Tool::Select, Some(n), _) => {
                selected_arrow.set(None);
                selected.set(Some(n));
            }
            (Tool::Select, None, Some(a)) => {
                selected.set(None);
                selected_arrow.set(Some(a));
            }
            (t, Some(n), _) if t != Tool::Select => tool_click(t, n),
            _ => {}
        }
    };
    let on_canvas_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Delete" | "Backspace" => {
            if selected_arrow.with_untracked(Option::is_some) {
                ev.prevent_default();
                delete_arrow();
            } else if selected.with_untracked(Option::is_some) {
                ev.prevent_default();
                delete_selected();
            }
        }
        "Escape" => {
            if tool_from.with_untracked(Option::is_some)
                || new_arrow.with_untracked(Option::is_some)
            {
                tool_from.set(None);
                cancel_new_arrow();
            } else if tool.get_untracked() != Tool::Select {
                tool.set(Tool::Select);
            } else {
                selected_arrow.set(None);
            }
        }
        _ => {}
    };
    // an item of the data's variable list dropped onto an ellipse
    let latent_under = |ev: &web_sys::DragEvent| -> Option<String> {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("g.node.latent").ok().flatten())
            .and_then(|n| n.get_attribute("data-name"))
    };
    let on_drag_over = move |ev: web_sys::DragEvent| {
        if latent_under(&ev).is_some() {
            ev.prevent_default();
            if let Some(dt) = ev.data_transfer() {
                dt.set_drop_effect("copy");
            }
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        let Some(latent) = latent_under(&ev) else {
            return;
        };
        ev.prevent_default();
        let item = ev
            .data_transfer()
            .and_then(|dt| dt.get_data(super::variable_list::ITEM_TYPE).ok())
            .filter(|i| !i.is_empty());
        if let Some(item) = item {
            selected_arrow.set(None);
            selected.set(Some(latent.clone()));
            ds.attach(st, &latent, &item);
        }
    };
    // nodes moved with the pointer (the select tool only)
    let canvas_ref = NodeRef::<html::Div>::new();
    let drag = NodeDrag::new(canvas_ref, ps.layout);
    let zoom = RwSignal::new(Zoom::Fit);
    size_canvas(canvas_ref, svg, zoom);
    let on_down = move |ev: web_sys::PointerEvent| {
        if tool.get_untracked() != Tool::Select || ev.button() != 0 {
            return;
        }
        drag.down(&ev, || {
            structure.with_untracked(|d| {
                d.as_ref()
                    .map(|d| ps.layout.with_untracked(|l| Layout::merged_with_auto(d, l)))
            })
        });
    };
    let has_selection = Memo::new(move |_| selected.with(Option::is_some));
    let is_latent = move |n: &str| latents.with(|l| l.iter().any(|x| x == n));
    // the marker choice of the selected construct (a latent of the text)
    let variance_fixed = Memo::new(move |_| {
        let f = selected.get()?;
        let in_text = statements.with(|s| {
            s.as_ref()
                .is_some_and(|s| edit::latent_names(s).contains(&f))
        });
        in_text.then(|| {
            statements.with(|s| {
                s.as_ref()
                    .is_some_and(|s| edit::variance_fixed(s, &f, std_lv.get()))
            })
        })
    });

    let tool_hint = move || {
        let from = tool_from.get();
        match (tool.get(), from) {
            (Tool::Select, _) => String::new(),
            (Tool::Regression, None) => t().tool_regression_start.to_string(),
            (Tool::Regression, Some(a)) => (t().tool_regression_end)(&a),
            (Tool::Covariance, None) => t().tool_covariance_start.to_string(),
            (Tool::Covariance, Some(a)) => (t().tool_covariance_end)(&a),
        }
    };

    let canvas = move || {
        view! {
            // nothing drawn: an empty model, or a text with a syntax error
            // (said as such: "nothing drawn yet" read as the model lost)
            {move || {
                svg.with(Option::is_none)
                    .then(|| {
                        let said = match st.model.with(|m| parse(m).err()) {
                            Some(e) => (t().draw_text_error)(&e.message(crate::app::i18n::lang())),
                            None => t().draw_empty.to_string(),
                        };
                        view! { <p class="hint drawing-empty">{said}</p> }
                    })
            }}
            <p class="drawing-tools field inline">
                {[(Tool::Regression, t().tool_regression), (Tool::Covariance, t().tool_covariance)]
                    .into_iter()
                    .map(|(which, caption)| {
                        view! {
                            <button
                                type="button"
                                class="button small"
                                aria-pressed=move || (tool.get() == which).to_string()
                                on:click=move |_| choose_tool(which)
                            >
                                {caption}
                            </button>
                        }
                    })
                    .collect_view()}
                <span class="hint" role="status">{tool_hint}</span>
                <DiagramZoom zoom=zoom canvas=canvas_ref />
            </p>
            // the data's variables beside the canvas (under it on a phone),
            // so items are dragged or clicked onto the drawing in view
            <div class="drawing-work">
            <div
                class="diagram-canvas drawing-canvas"
                class:arrow-tool=move || tool.get() != Tool::Select
                data-zoom=move || canvas_mode(zoom.get())
                role="group"
                tabindex="0"
                aria-label=t().draw_canvas_label
                aria-describedby="draw-canvas-keys"
                node_ref=canvas_ref
                inner_html=move || svg.get().unwrap_or_default()
                on:click=on_canvas_click
                on:pointerdown=on_down
                on:pointermove=move |ev| drag.moved(&ev)
                on:pointerup=move |ev| drag.up(&ev)
                on:pointercancel=move |ev| drag.up(&ev)
                on:keydown=on_canvas_key
                on:dragover=on_drag_over
                on:drop=on_drop
            ></div>
            <VariableList beside_drawing=true />
            </div>
            <p class="hint" id="draw-canvas-keys">{t().draw_keys_hint}</p>
            {move || {
                new_arrow
                    .get()
                    .map(|(from, to)| {
                        view! {
                            <p class="field inline arrow-prompt">
                                <label for="draw-new-arrow-label">
                                    {(t().new_arrow_label)(&lavaan(&to, "~", &from))}
                                </label>
                                <input
                                    id="draw-new-arrow-label"
                                    type="text"
                                    autocomplete="off"
                                    spellcheck="false"
                                    size="6"
                                    node_ref=new_arrow_input
                                    prop:value=move || new_arrow_label.get()
                                    on:input=move |ev| new_arrow_label.set(event_target_value(&ev))
                                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                                        match ev.key().as_str() {
                                            "Enter" => {
                                                ev.prevent_default();
                                                confirm_new_arrow();
                                            }
                                            "Escape" => cancel_new_arrow(),
                                            _ => {}
                                        }
                                    }
                                />
                                <button type="button" class="button small" on:click=move |_| confirm_new_arrow()>
                                    {t().add_arrow}
                                </button>
                                <button type="button" class="button small" on:click=move |_| cancel_new_arrow()>
                                    {t().cancel_arrow}
                                </button>
                            </p>
                        }
                    })
            }}
            {move || {
                selected_arrow
                    .get()
                    .map(|(l, o, r)| {
                        let name = lavaan(&l, &o, &r);
                        view! {
                            <p class="field inline selected-arrow">
                                <span role="status">{(t().selected_arrow)(&name)}</span>
                                <button
                                    type="button"
                                    class="button small"
                                    aria-label=(t().delete_selected_arrow)(&name)
                                    on:click=move |_| delete_arrow()
                                >
                                    {t().delete}
                                </button>
                            </p>
                        }
                    })
            }}
        }
    };

    let constructs = move || {
        view! {
            <div class="drawing-part">
                <h4>{t().constructs_heading}</h4>
                <p class="field inline">
                    <label for="draw-new-latent">{t().new_latent_label}</label>
                    <input
                        id="draw-new-latent"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add_latent();
                            }
                        }
                    />
                    <button type="button" class="button small" on:click=move |_| add_latent()>
                        {t().add_latent}
                    </button>
                </p>
                <ul class="variable-list construct-list">
                    {move || {
                        nodes
                            .get()
                            .into_iter()
                            .filter(|n| is_latent(n) || !items.with(|i| i.contains(n)))
                            .map(|n| {
                                let n2 = n.clone();
                                let n3 = n.clone();
                                let label = (t().select_construct)(&n);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="variable"
                                            aria-label=label
                                            aria-pressed=move || (selected.get().as_deref() == Some(n2.as_str())).to_string()
                                            on:click=move |_| {
                                                selected_arrow.set(None);
                                                selected.set(Some(n3.clone()));
                                            }
                                        >
                                            {n}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <p class="hint" role="status">
                    {move || match selected.get() {
                        Some(s) => {
                            let pend = pending.with(|p| p.contains(&s));
                            let mut m = (t().selected_is)(&s);
                            if pend {
                                m.push(' ');
                                m.push_str(t().pending_hint);
                            }
                            m
                        }
                        None => t().selected_none.to_string(),
                    }}
                </p>
            </div>
        }
    };

    let selection_tools = move || {
        view! {
            <div class="drawing-part">
                <p class="field inline">
                    <label for="draw-rename">{t().rename_label}</label>
                    <input
                        id="draw-rename"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || rename_to.get()
                        on:input=move |ev| rename_to.set(event_target_value(&ev))
                    />
                    <button type="button" class="button small" on:click=move |_| rename()>
                        {t().rename}
                    </button>
                    <button type="button" class="button small" on:click=move |_| delete_selected()>
                        {t().delete_construct}
                    </button>
                </p>
                {move || {
                    variance_fixed
                        .get()
                        .zip(selected.get())
                        .map(|(fixed, f)| {
                            let label = if fixed {
                                (t().free_variance)(&f)
                            } else {
                                (t().fix_variance)(&f)
                            };
                            view! {
                                <p class="field inline">
                                    <button
                                        type="button"
                                        class="button small"
                                        aria-label=label
                                        on:click=move |_| {
                                            let std_lv = std_lv.get_untracked();
                                            apply(edit::set_variance_fixed(&text(), &f, !fixed, std_lv));
                                        }
                                    >
                                        {if fixed { t().free_variance_short } else { t().fix_variance_short }}
                                    </button>
                                </p>
                            }
                        })
                }}
                <p class="field inline">
                    <label for="draw-arrow-to">{t().arrow_to_label}</label>
                    <select
                        id="draw-arrow-to"
                        on:change=move |ev| arrow_to.set(event_target_value(&ev))
                    >
                        {move || {
                            let from = selected.get();
                            nodes
                                .get()
                                .into_iter()
                                .filter(|n| Some(n) != from.as_ref())
                                .map(|n| {
                                    let n2 = n.clone();
                                    let value = n.clone();
                                    view! {
                                        <option value=value selected=move || arrow_to.get() == n2>
                                            {n}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <label for="draw-arrow-label">{t().arrow_label_label}</label>
                    <input
                        id="draw-arrow-label"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        size="6"
                        prop:value=move || arrow_label.get()
                        on:input=move |ev| arrow_label.set(event_target_value(&ev))
                    />
                </p>
                <p class="field inline">
                    <button type="button" class="button small" on:click=move |_| add_regression()>
                        {t().add_regression}
                    </button>
                    <button type="button" class="button small" on:click=move |_| add_covariance()>
                        {t().add_covariance}
                    </button>
                    {move || {
                        selected
                            .get()
                            .filter(|f| is_latent(f))
                            .map(|_| {
                                view! {
                                    <button
                                        type="button"
                                        class="button small"
                                        on:click=move |_| add_loading()
                                    >
                                        {t().add_loading}
                                    </button>
                                }
                            })
                    }}
                </p>
                {move || {
                    selected
                        .get()
                        .filter(|f| is_latent(f))
                        .map(|f| view! { <p class="hint">{(t().items_hint)(&f)}</p> })
                }}
            </div>
        }
    };

    let paths = move || {
        view! {
            <div class="drawing-part">
                <h4>{t().paths_heading}</h4>
                <ul class="drawing-paths">
                    {move || {
                        structure
                            .get()
                            .map(|d| d.edges)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|e| {
                                let name = lavaan(&e.lhs, &e.op, &e.rhs);
                                let element = element_of(&e.lhs, &e.op, &e.rhs);
                                let fix = (e.kind == EdgeKind::Loading)
                                    .then(|| {
                                        let (latent, item, free) = (e.lhs.clone(), e.rhs.clone(), e.free);
                                        let label = if free {
                                            (t().fix_loading)(&name)
                                        } else {
                                            (t().free_loading)(&name)
                                        };
                                        view! {
                                            <button
                                                type="button"
                                                class="button small"
                                                aria-label=label
                                                on:click=move |_| {
                                                    let std_lv = std_lv.get_untracked();
                                                    apply(edit::set_loading_fixed(&text(), &latent, &item, free, std_lv));
                                                }
                                            >
                                                {if free { t().fix } else { t().free }}
                                            </button>
                                        }
                                    });
                                let shown = if e.label.is_empty() {
                                    name.clone()
                                } else {
                                    format!("{name} ({})", e.label)
                                };
                                view! {
                                    <li>
                                        <code>{shown}</code>
                                        " "
                                        {fix}
                                        <button
                                            type="button"
                                            class="button small"
                                            aria-label=(t().delete_element)(&name)
                                            on:click=move |_| {
                                                apply(edit::delete(&text(), &element));
                                            }
                                        >
                                            {t().delete}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        }
    };

    let drawing_ref = NodeRef::<html::Div>::new();
    view! {
        <div class="model-drawing" node_ref=drawing_ref>
            <p class="drawing-bar">
                <button
                    type="button"
                    class="button small"
                    aria-pressed=move || open.get().to_string()
                    aria-controls="model-drawing"
                    on:click=move |_| {
                        open.update(|o| *o = !*o);
                        if open.get_untracked() {
                            // the drawing and the variables beside it come into view
                            request_animation_frame(move || {
                                if let Some(el) = drawing_ref.get_untracked() {
                                    el.scroll_into_view_with_bool(true);
                                }
                            });
                        }
                    }
                >
                    {t().draw_toggle}
                </button>
                " "
                <ModelHistoryButtons />
            </p>
            // drawn only while open (no hidden buttons on the page)
            {move || {
                open.get()
                    .then(|| {
                        view! {
                            <div id="model-drawing" class="drawing">
                                <p class="hint">{t().draw_hint}</p>
                                {canvas}
                                <p class="model-error" role="alert">{move || problem.get()}</p>
                                {constructs}
                                {move || has_selection.get().then(selection_tools)}
                                {paths}
                            </div>
                        }
                    })
            }}
        </div>
    }
}
