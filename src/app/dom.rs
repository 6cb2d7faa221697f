//! Small browser helpers: downloads, the clipboard, `localStorage`, and the
//! visible message for a crashed app.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// The value of `name` in the page address's query (`?bench=30&boot=5`):
/// `Some("")` for a bare `?bench`, None when absent.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.strip_prefix('?')?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| v.to_string())
    })
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Offers `content` as a file download (a `blob:` URL: nothing leaves the device).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Give the browser a moment to start the download before the URL goes.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Copies a table as HTML (and as tab-separated text for plain editors),
/// so that it pastes into Word or Google Docs as a table. Must run inside
/// the click (see [`copy_formats`]).
pub fn copy_html(html: &str, plain: &str) -> Result<(), JsValue> {
    copy_formats(&[("text/html", html), ("text/plain", plain)])
}

/// Copies plain text within a click.
pub fn copy_text(text: &str) -> Result<(), JsValue> {
    copy_formats(&[("text/plain", text)])
}

/// Puts `(MIME type, content)` pairs on the clipboard. Must run inside a
/// click: it answers the browser's `copy` event with them (which needs no
/// permission and never puts HTML into the page, so the
/// Content-Security-Policy's style rules do not apply to it).
fn copy_formats(formats: &[(&str, &str)]) -> Result<(), JsValue> {
    let document = window().and_then(|w| w.document()).ok_or("no document")?;
    let formats: Vec<(String, String)> = formats
        .iter()
        .map(|(t, c)| (t.to_string(), c.to_string()))
        .collect();
    let done = std::rc::Rc::new(std::cell::Cell::new(false));
    let done2 = done.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::ClipboardEvent)>::new(move |ev: web_sys::ClipboardEvent| {
            if let Some(data) = ev.clipboard_data() {
                let ok = formats.iter().all(|(t, c)| data.set_data(t, c).is_ok());
                done2.set(ok);
                ev.prevent_default();
            }
        });
    document.add_event_listener_with_callback("copy", listener.as_ref().unchecked_ref())?;
    let html_doc: web_sys::HtmlDocument = document.clone().unchecked_into();
    let accepted = html_doc.exec_command("copy").unwrap_or(false);
    document.remove_event_listener_with_callback("copy", listener.as_ref().unchecked_ref())?;
    if accepted && done.get() {
        Ok(())
    } else {
        Err("copy refused".into())
    }
}

/// Runs `f` once the page's HTML has been parsed: at once when it has, else
/// at `DOMContentLoaded`. The loader is an `async` module script (so the
/// wasm compiles while the parser and the style sheets are still busy), and
/// may therefore start the app before the parser has reached `<body>`.
pub fn when_parsed(f: impl FnOnce() + 'static) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return f();
    };
    if document.ready_state() != "loading" && document.body().is_some() {
        return f();
    }
    // DOMContentLoaded fires once, as a once-closure may be called.
    let once = Closure::once_into_js(f);
    let _ = document.add_event_listener_with_callback("DOMContentLoaded", once.unchecked_ref());
}

/// Records a named moment in the page's performance timeline.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Milliseconds since the page started loading.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Shows a message at the top of the page without Leptos (used by the
/// panic hook, when the app itself can no longer be trusted to render).
pub fn show_fatal(message: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let el = match document.get_element_by_id("fatal-error") {
        Some(el) => el,
        None => {
            let Ok(el) = document.create_element("div") else {
                return;
            };
            el.set_id("fatal-error");
            let _ = el.set_attribute("role", "alert");
            el.set_class_name("fatal-error");
            let _ = body.prepend_with_node_1(&el);
            el
        }
    };
    el.set_text_content(Some(message));
}

/// On a laptop screen (the two-pane workbench, `min-width: 75rem` in
/// `www/style.css`), scrolls the window so the workbench fills it: the model
/// editor and the fit table in view. Narrower, the page is one column and
/// stays where the person is.
pub fn show_workbench() {
    let Some(w) = window() else { return };
    let wide = w
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|px| px >= 75.0 * 16.0);
    if let Some(el) = wide
        .then(|| w.document()?.get_element_by_id("workbench"))
        .flatten()
    {
        el.scroll_into_view_with_bool(true);
    }
}
