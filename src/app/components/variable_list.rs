//! The data's variables beside the editor; a click inserts the name at the
//! cursor (joined with `+` after another name). While *Draw the model* is
//! open with a construct selected, a click attaches the item to that
//! construct instead (the button's name says which it does), and each item
//! can be dragged onto an ellipse of the drawing
//! ([`super::ModelDrawing`]) to attach it there. While the drawing is open
//! the list is drawn beside its canvas (`beside_drawing`): a narrow column
//! with a short hint, so the items and the drawing are in view together.

use crate::app::components::{DrawingState, EditorRef};
use crate::app::protocol::ColumnView;
use crate::app::state::AppState;
use crate::app::text::t;
use crate::data::MeasureLevel;
use leptos::prelude::*;

/// The drag data type of an item chip (dropped on the drawing).
pub const ITEM_TYPE: &str = "text/plain";

/// Inserts `name` into `text` at UTF-16 offsets `start..end` (a selection
/// is replaced). Returns the new text and the caret's UTF-16 offset.
pub fn insert_name(text: &str, start: usize, end: usize, name: &str) -> (String, usize) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let start = start.min(units.len());
    let end = end.clamp(start, units.len());
    let before = String::from_utf16_lossy(&units[..start]);
    let after = String::from_utf16_lossy(&units[end..]);
    let last = before.chars().last();
    let last_word = before.trim_end().chars().last();
    let joiner = match (last, last_word) {
        (None, _) => "",
        (Some('\n'), _) => "",
        (_, Some(w)) if w.is_alphanumeric() || w == '_' || w == '.' || w == ')' => {
            if before.ends_with(' ') {
                "+ "
            } else {
                " + "
            }
        }
        (Some(c), _) if c.is_whitespace() => "",
        _ => " ",
    };
    let inserted = format!("{joiner}{name}");
    let caret = start + inserted.encode_utf16().count();
    (format!("{before}{inserted}{after}"), caret)
}

/// A column the file declares nominal (SPSS: gender, region): its numbers
/// name categories, so it is offered as a group column, not as an item.
fn is_nominal(c: &ColumnView) -> bool {
    c.measure == Some(MeasureLevel::Nominal)
}

/// The nominal columns, named under the list (None when there are none).
fn nominal_note(cols: &[ColumnView]) -> Option<impl IntoView> {
    let names: Vec<&str> = cols
        .iter()
        .filter(|c| is_nominal(c))
        .map(|c| c.name.as_str())
        .collect();
    (!names.is_empty()).then(|| {
        view! { <p class="hint nominal-variables">{(t().variables_nominal)(&names.join(t().list_sep))}</p> }
    })
}

#[component]
pub fn VariableList(
    /// Drawn beside the drawing's canvas: narrow, with a short hint.
    #[prop(optional)]
    beside_drawing: bool,
) -> impl IntoView {
    let st = expect_context::<AppState>();
    let EditorRef(textarea) = expect_context::<EditorRef>();
    let ds = expect_context::<DrawingState>();
    // the construct a click attaches an item to (None: a click inserts)
    let target = Memo::new(move |_| ds.attach_target(st));
    let columns = Memo::new(move |_| {
        st.data
            .with(|d| d.current.as_ref().map(|c| c.columns.clone()))
            .unwrap_or_default()
    });
    let used = Memo::new(move |_| {
        st.model.with(|m| {
            m.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect::<std::collections::HashSet<_>>()
        })
    });
    let insert = move |name: String| {
        let (start, end, text) = match textarea.get() {
            Some(ta) => {
                let len = ta.value().encode_utf16().count() as u32;
                (
                    ta.selection_start().ok().flatten().unwrap_or(len) as usize,
                    ta.selection_end().ok().flatten().unwrap_or(len) as usize,
                    ta.value(),
                )
            }
            None => {
                let m = st.model.get_untracked();
                let n = m.encode_utf16().count();
                (n, n, m)
            }
        };
        let (new_text, caret) = insert_name(&text, start, end, &name);
        st.model.set(new_text);
        request_animation_frame(move || {
            if let Some(ta) = textarea.get_untracked() {
                let _ = ta.focus();
                let _ = ta.set_selection_range(caret as u32, caret as u32);
            }
        });
    };
    view! {
        <aside class="variables" class:beside-drawing=beside_drawing aria-labelledby="variables-heading">
            <h3 id="variables-heading">{t().variables_heading}</h3>
            {move || {
                let cols = columns.get();
                let note = nominal_note(&cols);
                if cols.is_empty() {
                    view! { <p class="hint">{t().variables_empty}</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">
                            {move || match target.get() {
                                Some(f) => (t().variables_hint_attach)(&f),
                                None if beside_drawing => t().variables_hint_drawing.to_string(),
                                None => t().variables_hint.to_string(),
                            }}
                        </p>
                        <ul class="variable-list">
                            {cols
                                .into_iter()
                                .filter(|c| c.numeric && !is_nominal(c))
                                .map(|c| {
                                    let name = c.name.clone();
                                    let name2 = c.name.clone();
                                    let name3 = c.name.clone();
                                    let name4 = c.name.clone();
                                    let is_used = move || used.with(|u| u.contains(&name2));
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="variable"
                                                class:used=is_used
                                                draggable="true"
                                                aria-label=move || match target.get() {
                                                    Some(f) => (t().attach_item)(&name3, &f),
                                                    None => (t().insert_variable)(&name3),
                                                }
                                                on:click=move |_| match target.get_untracked() {
                                                    Some(f) => {
                                                        ds.attach(st, &f, &name);
                                                    }
                                                    None => insert(name.clone()),
                                                }
                                                on:dragstart=move |ev: web_sys::DragEvent| {
                                                    if let Some(dt) = ev.data_transfer() {
                                                        let _ = dt.set_data(ITEM_TYPE, &name4);
                                                        dt.set_effect_allowed("copy");
                                                    }
                                                }
                                            >
                                                {c.name.clone()}
                                            </button>
                                            {c.label.clone().map(|l| view! { <span class="var-label">{l}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        {note}
                    }
                        .into_any()
                }
            }}
        </aside>
    }
}
