//! The language switch in the header: English | 简体中文, each named in
//! its own language. Switching redraws the page in the other language and
//! keeps the data, the model, the options and the results.

use crate::app::i18n::LangState;
use crate::app::text_publish::tp;
use crate::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let ls = expect_context::<LangState>();
    view! {
        <div class="lang-switch" role="group" aria-label=tp().lang_label>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let id = format!("lang-{}", l.code());
                    view! {
                        <button
                            type="button"
                            id=id.clone()
                            class="button small"
                            lang=l.html_tag()
                            aria-pressed=move || (ls.0.get() == l).to_string()
                            on:click=move |_| {
                                ls.set(l);
                                // The page is drawn again: keep the focus on the switch.
                                let id = id.clone();
                                request_animation_frame(move || {
                                    if let Some(el) = document().get_element_by_id(&id) {
                                        let el: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(el);
                                        let _ = el.focus();
                                    }
                                });
                            }
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
