//! The app's language: English or 简体中文, chosen from the browser's
//! language (`navigator.languages`, `zh*` → Chinese), a link's `lang=`, or
//! the switch in the header, and changeable at any time.
//!
//! [`lang`] is what every string accessor reads ([`crate::app::text::t`],
//! [`crate::app::text_publish::tp`], the engine's tables and messages).
//! Switching sets it and then the [`LangState`] signal, which redraws the
//! whole page from the store: data, model, options and results live in
//! [`crate::app::state::AppState`], so nothing is lost.

use crate::i18n::Lang;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language the page is drawn in now.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// The browser's preferred language among those the app has (English
/// when none of them is Chinese).
pub fn browser_lang() -> Lang {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Lang::En;
    };
    let mut tags: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = nav.language() {
        tags.insert(0, l);
    }
    tags.iter().find_map(|t| Lang::parse(t)).unwrap_or(Lang::En)
}

/// The language signal the page is drawn from (in the context).
#[derive(Clone, Copy)]
pub struct LangState(pub RwSignal<Lang>);

impl LangState {
    /// Starts in `initial`.
    pub fn new(initial: Lang) -> LangState {
        apply(initial);
        LangState(RwSignal::new(initial))
    }

    /// Switches the page to `l` (redraws it; the store stays).
    pub fn set(&self, l: Lang) {
        if self.0.get_untracked() != l {
            apply(l);
            self.0.set(l);
        }
    }
}

/// Makes `l` current: the accessors and the document's `lang` and title.
fn apply(l: Lang) {
    CURRENT.with(|c| c.set(l));
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", l.html_tag());
        }
        doc.set_title(crate::app::text_publish::tp().page_title);
    }
}
