//! The path diagram (Figure II of a survey paper), drawn by the engine
//! ([`crate::diagram`]) from the newest results: latent variables as
//! ellipses, items as rectangles, arrows labelled with estimates and stars,
//! R² inside endogenous constructs. The person chooses the labels and what
//! is shown, drags nodes to fine-tune the automatic layout (the positions
//! are data, kept while the model is edited), and downloads SVG or PNG (2×,
//! drawn on a canvas in the page: no request).

use crate::app::components::{
    canvas_mode, on_draggable, size_canvas, svg_size, DiagramZoom, GroupSwitch, NodeDrag,
    ShownGroup, Zoom,
};
use crate::app::dom;
use crate::app::i18n::lang;
use crate::app::publish::{PublishState, Shown};
use crate::app::state::AppState;
use crate::app::text_publish::tp;
use crate::diagram::svg::{render, render_for, Output};
use crate::diagram::{
    add_suggestions, build_in, CovarianceView, DiagramOptions, FontFamily, LabelMode, Layout,
};
use crate::report::groups::of_group;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Offers a `data:` URL as a download.
fn download_href(href: &str, file_name: &str) -> Result<(), JsValue> {
    let document = document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(href);
    a.set_download(file_name);
    a.set_hidden(true);
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    Ok(())
}

/// Draws the SVG on a canvas at twice its size and downloads it as PNG.
fn export_png(svg: &str, file_name: &'static str, failed: RwSignal<bool>) -> Result<(), JsValue> {
    let (w, h) = svg_size(svg).ok_or("no size")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("image/svg+xml;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let draw = || -> Result<(), JsValue> {
            let canvas: web_sys::HtmlCanvasElement =
                document().create_element("canvas")?.unchecked_into();
            canvas.set_width((2.0 * w).round() as u32);
            canvas.set_height((2.0 * h).round() as u32);
            let ctx: web_sys::CanvasRenderingContext2d = canvas
                .get_context("2d")?
                .ok_or("no 2d context")?
                .unchecked_into();
            ctx.draw_image_with_html_image_element_and_dw_and_dh(
                &img2,
                0.0,
                0.0,
                2.0 * w,
                2.0 * h,
            )?;
            let data = canvas.to_data_url_with_type("image/png")?;
            download_href(&data, file_name)
        };
        if draw().is_err() {
            failed.set(true);
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    let onerror = Closure::once_into_js(move || failed.set(true));
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_onerror(Some(onerror.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}

/// One `<select>` of the diagram's options with its label: the choices
/// (the `value` attribute, the option, the caption), which one the
/// options hold (`get`) and how choosing one changes them (`set`).
fn option_select<T: Copy + PartialEq + Send + Sync + 'static>(
    ps: PublishState,
    id: &'static str,
    label: &'static str,
    choices: Vec<(String, T, String)>,
    get: fn(&DiagramOptions) -> T,
    set: fn(&mut DiagramOptions, T),
) -> impl IntoView {
    let values: Vec<(String, T)> = choices.iter().map(|(v, x, _)| (v.clone(), *x)).collect();
    view! {
        <label for=id>{label}</label>
        <select
            id=id
            on:change=move |ev| {
                let chosen = event_target_value(&ev);
                if let Some((_, x)) = values.iter().find(|(v, _)| *v == chosen) {
                    let x = *x;
                    ps.diagram.update(|o| set(o, x));
                }
            }
        >
            {choices
                .into_iter()
                .map(|(v, x, caption)| {
                    view! {
                        <option value=v selected=move || ps.diagram.with(|o| get(o) == x)>
                            {caption}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
pub fn DiagramPanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let ps = expect_context::<PublishState>();
    let lang = lang();
    // the shown group's part of a multi-group fit (its own estimates)
    let shown_group = expect_context::<ShownGroup>().0;
    let shown = Memo::new(move |_| {
        let g = shown_group.get();
        st.results.with(|r| {
            r.analysis.clone().map(|a| match of_group(&a, g) {
                Some(one) => Shown(Arc::new(one)),
                None => Shown(a),
            })
        })
    });
    // the diagram for the paper, and the page's with the suggestion arrows
    // of the modification indices the table lists (its threshold)
    let diagram = Memo::new(move |_| {
        let opts = ps.diagram.get();
        shown.with(|a| a.as_ref().map(|a| build_in(&a.0, &opts, lang)))
    });
    let on_page = Memo::new(move |_| {
        let on = ps.diagram.with(|o| o.suggestions);
        let min = st.display.with(|d| d.mi_min);
        diagram.with(|d| {
            d.clone().map(|mut d| {
                shown.with_untracked(|a| {
                    if let Some(a) = a {
                        add_suggestions(&mut d, &a.0, min, on, lang);
                    }
                });
                d
            })
        })
    });
    let svg =
        Memo::new(move |_| on_page.with(|d| d.as_ref().map(|d| ps.layout.with(|l| render(d, l)))));
    let export_svg = move |out: Output| {
        diagram.with_untracked(|d| {
            d.as_ref()
                .map(|d| ps.layout.with_untracked(|l| render_for(d, l, out)))
        })
    };
    // a suggestion arrow chosen: its parameter enters the model as the
    // table's *Add* puts it, and the model refits
    let suggestion_parameter = |ev: &web_sys::Event| -> Option<[String; 3]> {
        let g = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("g.suggestion").ok().flatten())?;
        let part = |name: &str| g.get_attribute(name);
        Some([part("data-lhs")?, part("data-op")?, part("data-rhs")?])
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some([lhs, op, rhs]) = suggestion_parameter(&ev) {
            st.add_to_model(&lhs, &op, &rhs);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if matches!(ev.key().as_str(), "Enter" | " ") {
            if let Some([lhs, op, rhs]) = suggestion_parameter(&ev) {
                ev.prevent_default();
                st.add_to_model(&lhs, &op, &rhs);
            }
        }
    };
    let canvas = NodeRef::<html::Div>::new();
    let drag = NodeDrag::new(canvas, ps.layout);
    let zoom = RwSignal::new(Zoom::Fit);
    size_canvas(canvas, svg, zoom);
    let png_failed = RwSignal::new(false);

    let on_down = move |ev: web_sys::PointerEvent| {
        // no text selection or scrolling while a node or label is held
        if on_draggable(&ev) {
            ev.prevent_default();
        }
        drag.down(&ev, || {
            diagram.with_untracked(|d| {
                d.as_ref()
                    .map(|d| ps.layout.with_untracked(|l| Layout::merged_with_auto(d, l)))
            })
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| drag.moved(&ev);
    let on_up = move |ev: web_sys::PointerEvent| drag.up(&ev);

    let download_svg = move |_| {
        if let Some(s) = export_svg(Output::Screen) {
            let _ = dom::download("semlab-path-diagram.svg", "image/svg+xml;charset=utf-8", &s);
        }
    };
    let download_pdf_svg = move |_| {
        if let Some(s) = export_svg(Output::Pdf) {
            let _ = dom::download(
                "semlab-path-diagram-pdf.svg",
                "image/svg+xml;charset=utf-8",
                &s,
            );
        }
    };
    let download_png = move |_| {
        png_failed.set(false);
        if let Some(s) = export_svg(Output::Screen) {
            if export_png(&s, "semlab-path-diagram.png", png_failed).is_err() {
                png_failed.set(true);
            }
        }
    };
    let moved = move || ps.layout.with(|l| !l.is_empty());
    let has = move || svg.with(Option::is_some);

    let check = move |id: &'static str,
                      label: &'static str,
                      get: fn(&DiagramOptions) -> bool,
                      set: fn(&mut DiagramOptions, bool)| {
        view! {
            <p class="check">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || ps.diagram.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ps.diagram.update(|o| set(o, on));
                    }
                />
                <label for=id>{label}</label>
            </p>
        }
    };

    view! {
        <section class="panel diagram-panel" id="diagram" aria-labelledby="diagram-heading">
            <h2 id="diagram-heading">{tp().diagram_heading}</h2>
            <p class="hint">{tp().diagram_hint}</p>
            <fieldset class="diagram-options">
                <p class="field">
                    {option_select(
                        ps,
                        "diagram-labels",
                        tp().labels_label,
                        vec![
                            ("std".into(), LabelMode::Standardized, tp().label_std.into()),
                            ("unstd".into(), LabelMode::Unstandardized, tp().label_unstd.into()),
                            ("none".into(), LabelMode::None, tp().label_none.into()),
                        ],
                        |o| o.labels,
                        |o, v| o.labels = v,
                    )}
                </p>
                <p class="field">
                    {option_select(
                        ps,
                        "diagram-covariances",
                        tp().covariances_label,
                        vec![
                            ("auto".into(), CovarianceView::Auto, tp().covariances_auto.into()),
                            ("all".into(), CovarianceView::All, tp().covariances_all.into()),
                            ("hidden".into(), CovarianceView::Hidden, tp().covariances_hidden.into()),
                        ],
                        |o| o.construct_covariances,
                        |o, v| o.construct_covariances = v,
                    )}
                </p>
                {check("diagram-stars", tp().stars_label, |o| o.stars, |o, v| o.stars = v)}
                {check("diagram-measurement", tp().measurement_label, |o| o.measurement, |o, v| o.measurement = v)}
                {check("diagram-residuals", tp().residuals_label, |o| o.residuals, |o, v| o.residuals = v)}
                {check("diagram-r2", tp().r2_label, |o| o.r2, |o, v| o.r2 = v)}
                {check("diagram-suggestions", tp().suggestions_label, |o| o.suggestions, |o, v| o.suggestions = v)}
                {check("diagram-colour", tp().colour_label, |o| o.colour, |o, v| o.colour = v)}
                {check("diagram-no-leading-zero", tp().no_leading_zero_label, |o| o.no_leading_zero, |o, v| o.no_leading_zero = v)}
                <p class="field">
                    {option_select(
                        ps,
                        "diagram-font",
                        tp().font_label,
                        vec![
                            ("sans".into(), FontFamily::Sans, tp().font_sans.into()),
                            ("serif".into(), FontFamily::Serif, tp().font_serif.into()),
                        ],
                        |o| o.font,
                        |o, v| o.font = v,
                    )}
                    " "
                    {option_select(
                        ps,
                        "diagram-font-size",
                        tp().font_size_label,
                        DiagramOptions::FONT_SIZES
                            .into_iter()
                            .map(|size| (size.to_string(), size, format!("{size} px")))
                            .collect(),
                        |o| o.font_size,
                        |o, v| o.font_size = v,
                    )}
                </p>
            </fieldset>
            <GroupSwitch label_id="diagram-group-switch-label" />
            <div class="diagram-tools" class:hidden=move || !has()>
                <button type="button" class="button small" on:click=download_svg>{tp().download_svg}</button>
                <button type="button" class="button small" on:click=download_png>{tp().download_png}</button>
                <button type="button" class="button small" on:click=download_pdf_svg>{tp().download_pdf_svg}</button>
                <button
                    type="button"
                    class="button small"
                    disabled=move || !moved()
                    on:click=move |_| ps.layout.set(Layout::default())
                >
                    {tp().reset_layout}
                </button>
                <DiagramZoom zoom=zoom canvas=canvas />
                <span class="hint" role="status">
                    {move || png_failed.get().then_some(tp().png_failed)}
                </span>
            </div>
            {move || (!has()).then(|| view! { <p class="hint">{tp().diagram_empty}</p> })}
            <div
                class="diagram-canvas"
                class:stale=move || st.results_outdated()
                data-zoom=move || canvas_mode(zoom.get())
                node_ref=canvas
                inner_html=move || svg.get().unwrap_or_default()
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:click=on_click
                on:keydown=on_key
            ></div>
        </section>
    }
}
