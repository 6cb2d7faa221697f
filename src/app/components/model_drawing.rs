//! *Draw the model*: the diagram editor beside the text editor. The model
//! text stays the one source of truth: every drawing action (add a latent
//! variable, attach an item, a one- or two-headed arrow, delete, rename,
//! fix or free a loading) is an edit of the text by
//! [`crate::syntax::edit`], recorded as one undo step, and every change of
//! the text redraws the drawing ([`crate::diagram::build_structure`]).
//! Every action is a labelled button, so all of it works from the keyboard;
//! clicking a construct in the drawing selects it too.

use crate::app::i18n::lang;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::data::MeasureLevel;
use crate::diagram::{auto_layout, build_structure, svg::render, EdgeKind, NodeKind};
use crate::i18n::Localized;
use crate::syntax::edit::{self, EditError, Element};
use crate::syntax::parse;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The lavaan name of a drawn parameter (`F =~ x`), for buttons' names.
fn lavaan(lhs: &str, op: &str, rhs: &str) -> String {
    format!("{lhs} {op} {rhs}")
}

/// What the drawing keeps while the page is drawn again (a change of
/// language): whether it is open, the selected construct, and the
/// constructs named but without an item yet (not in the text).
#[derive(Clone, Copy)]
pub struct DrawingState {
    open: RwSignal<bool>,
    selected: RwSignal<Option<String>>,
    pending: RwSignal<Vec<String>>,
}

impl DrawingState {
    pub fn new() -> Self {
        DrawingState {
            open: RwSignal::new(false),
            selected: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for DrawingState {
    fn default() -> Self {
        Self::new()
    }
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
    let lang = lang();
    let DrawingState {
        open,
        selected,
        pending,
    } = expect_context::<DrawingState>();
    let problem = RwSignal::new(None::<String>);
    let new_name = RwSignal::new(String::new());
    let rename_to = RwSignal::new(String::new());
    let arrow_to = RwSignal::new(String::new());
    let arrow_label = RwSignal::new(String::new());

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
    let structure = Memo::new(move |_| {
        let std_lv = st.fit.with(|o| o.std_lv);
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
    // the same title and arrow-head ids)
    let svg = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        structure.with(|d| {
            d.as_ref().filter(|d| !d.nodes.is_empty()).map(|d| {
                let s = render(d, &auto_layout(d))
                    .replace("semlab-diagram-title", "semlab-drawing-title")
                    .replace("semlab-arrow-", "semlab-drawing-arrow-");
                match selected.get() {
                    Some(n) => s.replacen(
                        &format!("data-name=\"{n}\""),
                        &format!("data-name=\"{n}\" data-selected=\"true\""),
                        1,
                    ),
                    None => s,
                }
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
        let gone =
            selected.with_untracked(|s| s.as_ref().is_some_and(|s| !nodes.with(|n| n.contains(s))));
        if gone && statements.with(Option::is_some) {
            selected.set(None);
        }
    });

    let apply = move |r: Result<String, EditError>| -> bool {
        match r {
            Ok(text) => {
                problem.set(None);
                st.edit_model(text);
                true
            }
            Err(e) => {
                problem.set(Some(e.message(lang)));
                false
            }
        }
    };
    let text = move || st.model.get_untracked();

    let add_latent = move || {
        let name = new_name.get_untracked().trim().to_string();
        let is_pending = pending.with_untracked(|p| p.contains(&name));
        // the name is checked now (a dry run without items)
        match edit::add_latent(&text(), &name, &[], &columns.get_untracked()) {
            Err(EditError::NoItems) if !is_pending => {
                problem.set(None);
                pending.update(|p| p.push(name.clone()));
                selected.set(Some(name));
                new_name.set(String::new());
            }
            Err(EditError::NoItems) => {
                problem.set(Some(EditError::NameInUse(name).message(lang)));
            }
            Err(e) => problem.set(Some(e.message(lang))),
            Ok(_) => {}
        }
    };
    let attach = move |item: String| {
        let Some(f) = selected.get_untracked() else {
            return;
        };
        if pending.with_untracked(|p| p.contains(&f)) {
            if apply(edit::add_latent(
                &text(),
                &f,
                &[&item],
                &columns.get_untracked(),
            )) {
                pending.update(|p| p.retain(|n| n != &f));
            }
        } else {
            apply(edit::attach_item(&text(), &f, &item));
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
                    pending.update(|p| {
                        for n in p.iter_mut().filter(|n| **n == old) {
                            *n = new.clone();
                        }
                    });
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
            pending.update(|p| p.retain(|n| n != &f));
            selected.set(None);
            problem.set(None);
        } else if apply(edit::delete(&text(), &Element::Latent(f))) {
            selected.set(None);
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
    let on_canvas_click = move |ev: web_sys::MouseEvent| {
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("g.node").ok().flatten())
            .and_then(|n| n.get_attribute("data-name"));
        if let Some(n) = name {
            selected.set(Some(n));
        }
    };
    let has_selection = Memo::new(move |_| selected.with(Option::is_some));
    let is_latent = move |n: &str| latents.with(|l| l.iter().any(|x| x == n));

    let canvas = move || {
        view! {
            {move || svg.with(Option::is_none).then(|| view! { <p class="hint">{t().draw_empty}</p> })}
            <div
                class="diagram-canvas drawing-canvas"
                role="group"
                aria-label=t().draw_canvas_label
                inner_html=move || svg.get().unwrap_or_default()
                on:click=on_canvas_click
            ></div>
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
                                            on:click=move |_| selected.set(Some(n3.clone()))
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
                </p>
                <h4>{t().items_heading}</h4>
                <p class="hint">{t().items_hint}</p>
                <ul class="variable-list item-chips">
                    {move || {
                        let f = selected.get().unwrap_or_default();
                        let can = is_latent(&f);
                        items
                            .get()
                            .into_iter()
                            .map(|i| {
                                let i2 = i.clone();
                                let label = (t().attach_item)(&i, &f);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="variable"
                                            disabled=!can
                                            aria-label=label
                                            on:click=move |_| attach(i2.clone())
                                        >
                                            {i}
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
                                let element = match e.kind {
                                    EdgeKind::Loading => Element::Loading {
                                        latent: e.lhs.clone(),
                                        item: e.rhs.clone(),
                                    },
                                    EdgeKind::Regression => Element::Regression {
                                        outcome: e.lhs.clone(),
                                        predictor: e.rhs.clone(),
                                    },
                                    _ => Element::Covariance {
                                        a: e.lhs.clone(),
                                        b: e.rhs.clone(),
                                    },
                                };
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
                                                    let std_lv = st.fit.with_untracked(|o| o.std_lv);
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

    view! {
        <div class="model-drawing">
            <p class="drawing-bar">
                <button
                    type="button"
                    class="button small"
                    aria-pressed=move || open.get().to_string()
                    aria-controls="model-drawing"
                    on:click=move |_| open.update(|o| *o = !*o)
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
