//! The model editor: a labelled `<textarea>` with line numbers and colours
//! drawn beneath it, and the model's first error (from the engine's own
//! parser, checked against the data's columns) shown at its line and column
//! while typing. Lines are not wrapped (a line number is a model line): a
//! line longer than the editor scrolls sideways, and a shade on the side
//! where text is hidden says so (`data-more-left`, `data-more-right`).

use crate::app::highlight::highlight;
use crate::app::protocol::ErrorReport;
use crate::app::state::AppState;
use crate::app::text::t;
use leptos::html;
use leptos::prelude::*;

/// The editor's `<textarea>`, for the variable list's click-to-insert.
#[derive(Clone, Copy)]
pub struct EditorRef(pub NodeRef<html::Textarea>);

/// UTF-16 offset (what `selectionStart` counts) of 1-based line and column (characters).
pub fn utf16_offset(text: &str, line: usize, col: usize) -> u32 {
    let mut off = 0usize;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            off += l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf16)
                .sum::<usize>();
            return off as u32;
        }
        off += l.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

/// The message (in the current language) without the engine's own "line
/// L, column C: " prefix.
fn message_body(e: &ErrorReport) -> String {
    let text = e.text();
    if let (Some(l), Some(c)) = (e.line, e.column) {
        for prefix in [
            format!("line {l}, column {c}: "),
            crate::i18n::zh::position_prefix(l, c),
        ] {
            if let Some(rest) = text.strip_prefix(&prefix) {
                return rest.to_string();
            }
        }
    }
    text
}

#[component]
pub fn ModelEditor() -> impl IntoView {
    let st = expect_context::<AppState>();
    let EditorRef(textarea) = expect_context::<EditorRef>();
    let gutter = NodeRef::<html::Div>::new();
    let under = NodeRef::<html::Pre>::new();

    let columns = Memo::new(move |_| {
        st.data
            .with(|d| d.current.as_ref().map(|c| c.column_names()))
            .unwrap_or_default()
    });
    let error = st.editor_error;
    let n_lines = Memo::new(move |_| st.model.with(|m| m.split('\n').count()));
    let error_line = move || error.with(|e| e.as_ref().and_then(|e| e.line));
    let highlighted = move || {
        let pos = error.with(|e| e.as_ref().and_then(|e| Some((e.line?, e.column?))));
        st.model.with(|m| columns.with(|c| highlight(m, c, pos)))
    };

    // the shades at the sides where a long line's text is scrolled away
    let area = NodeRef::<html::Div>::new();
    let mark_hidden_sides = move || {
        if let (Some(ta), Some(a)) = (textarea.get_untracked(), area.get_untracked()) {
            let left = ta.scroll_left();
            let hidden_right = ta.scroll_width() - ta.client_width() - left;
            let _ = a.set_attribute("data-more-left", &(left > 0).to_string());
            let _ = a.set_attribute("data-more-right", &(hidden_right > 1).to_string());
        }
    };
    // measured in the next frame: reading the layout while the page is
    // being drawn would lay it out once more before its first frame
    Effect::new(move |_| {
        st.model.track();
        request_animation_frame(mark_hidden_sides);
    });
    let sync_scroll = move |_| {
        mark_hidden_sides();
        if let Some(ta) = textarea.get() {
            if let Some(g) = gutter.get() {
                g.set_scroll_top(ta.scroll_top());
            }
            if let Some(p) = under.get() {
                p.set_scroll_top(ta.scroll_top());
                p.set_scroll_left(ta.scroll_left());
            }
        }
    };
    let show_error = move |_| {
        let Some(ta) = textarea.get() else { return };
        if let Some((l, c)) =
            error.with_untracked(|e| e.as_ref().and_then(|e| Some((e.line?, e.column?))))
        {
            let off = st.model.with_untracked(|m| utf16_offset(m, l, c));
            let _ = ta.focus();
            let _ = ta.set_selection_range(off, off + 1);
        }
    };

    view! {
        <div class="editor-block">
            <label class="field-label" for="model">{t().model_label}</label>
            <p class="hint" id="model-hint">{t().model_hint}</p>
            <div class="editor" class:has-error=move || error.with(Option::is_some)>
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    {move || {
                        let err = error_line();
                        (1..=n_lines.get())
                            .map(|i| {
                                view! { <div class:err=err == Some(i)>{i}</div> }
                            })
                            .collect_view()
                    }}
                </div>
                <div class="editor-area" node_ref=area>
                    <pre class="editor-under" aria-hidden="true" node_ref=under inner_html=highlighted></pre>
                    <textarea
                        id="model"
                        node_ref=textarea
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        rows=move || (n_lines.get() + 1).clamp(8, 40).to_string()
                        aria-describedby="model-hint model-status"
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        prop:value=move || st.model.get()
                        on:input=move |ev| st.model.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            // one history for typing and drawing (the
                            // browser's own would not know the drawing's edits)
                            if !(ev.ctrl_key() || ev.meta_key()) {
                                return;
                            }
                            match crate::letter_case::lower(&ev.key()).as_str() {
                                "z" if ev.shift_key() => st.redo_model(),
                                "z" => st.undo_model(),
                                "y" => st.redo_model(),
                                _ => return,
                            }
                            ev.prevent_default();
                        }
                        on:scroll=sync_scroll
                    ></textarea>
                </div>
            </div>
            <div id="model-status" class="model-status" aria-live="polite">
                {move || match error.get() {
                    Some(e) => {
                        let at = e.line.zip(e.column).map(|(l, c)| (t().error_at)(l, c));
                        let has_pos = at.is_some();
                        view! {
                            <p class="model-error">
                                {at.map(|a| view! { <strong class="error-at">{a}</strong> {t().colon} })}
                                <span class="error-message">{message_body(&e)}</span>
                                {has_pos
                                    .then(|| {
                                        view! {
                                            " "
                                            <button type="button" class="button small" on:click=show_error>
                                                {t().show_error}
                                            </button>
                                        }
                                    })}
                            </p>
                        }
                            .into_any()
                    }
                    None => {
                        let empty = st.model.with(|m| m.trim().is_empty());
                        view! {
                            <p class="hint">{if empty { t().model_empty } else { t().model_ok }}</p>
                        }
                            .into_any()
                    }
                }}
            </div>
        </div>
    }
}
