//! The browser app: Leptos components (compiled for `wasm32` only) over the
//! engine, which runs in a Web Worker ([`worker`], [`engine`]).
//!
//! - [`state`]: the store of signals and the actions on it;
//! - [`protocol`]: the messages between page and worker;
//! - [`components`]: one file per part of the page;
//! - [`text`]: every string a person sees ([`text_zh`] in Chinese,
//!   [`text_publish`] for the publication side), in the language of [`i18n`];
//! - [`publish`]: the diagram, publication outputs, sharing links and
//!   offline use.

pub mod bootstrap_run;
pub mod components;
pub mod dom;
pub mod engine;
pub mod examples;
pub mod highlight;
pub mod i18n;
pub mod offline;
pub mod pool;
pub mod power_run;
pub mod protocol;
pub mod publish;
pub mod report_file;
pub mod state;
pub mod text;
pub mod text_process;
pub mod text_publish;
pub mod text_zh;
pub mod worker;

use components::*;
use components::{DrawingState, EditorRef};
use leptos::prelude::*;
use state::AppState;

/// Installs a panic hook that logs the panic and shows it on the page (a
/// panic leaves the app's WebAssembly unusable, so the message is written
/// without the app's help).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        dom::show_fatal(&(text::t().fatal)(&info.to_string()));
    }));
}

/// `?bench` or `?bench=REPS` in the address: the benchmark page.
fn bench_reps() -> Option<usize> {
    dom::query_param("bench").map(|v| v.parse().unwrap_or(30))
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    if let Some(reps) = bench_reps() {
        return view! { <BenchReport reps=reps /> }.into_any();
    }
    // A link (`#example=...&model=...&lang=zh&embed`) opens a ready analysis.
    let (link, problems) = crate::link::Link::parse(&publish::location_fragment());
    let lang = i18n::LangState::new(link.lang.unwrap_or_else(i18n::browser_lang));
    let st = AppState::start();
    provide_context(st);
    let ps = publish::PublishState::new();
    provide_context(ps);
    provide_context(components::ShownGroup(RwSignal::new(1)));
    provide_context(lang);
    provide_context(EditorRef(NodeRef::new()));
    provide_context(DrawingState::new());
    let rest = RestOfPage::after_first_frame();
    provide_context(rest);
    publish::follow_link(st, ps, lang, &link);
    ps.link_problems.update(|p| p.extend(problems));
    // The whole page is drawn again when the language changes; everything
    // it shows lives in the store, so nothing is lost.
    (move || {
        lang.0.track();
        page(ps)
    })
    .into_any()
}

/// Whether the parts of the page under the first screen are drawn. The
/// first frame shows the header, the examples, the data, the model editor
/// and the results (what a laptop's window shows first); the options, the
/// checks, the diagram, *For the paper* and the footer are drawn in the
/// task after that frame, so the page appears without waiting for them.
/// True from then on, also when the page is drawn again in another
/// language. `.page[data-complete="true"]` says all of it is there (and
/// the performance mark `semlab:page-complete` when, for the benchmark).
#[derive(Clone, Copy)]
pub struct RestOfPage(pub RwSignal<bool>);

impl RestOfPage {
    fn after_first_frame() -> Self {
        let shown = RwSignal::new(false);
        // the first frame's animation callback, then the next task: the
        // frame is painted in between
        request_animation_frame(move || {
            set_timeout(
                move || {
                    shown.set(true);
                    request_animation_frame(|| dom::mark("semlab:page-complete"));
                },
                std::time::Duration::ZERO,
            );
        });
        RestOfPage(shown)
    }

    /// Tracked.
    pub fn shown(&self) -> bool {
        self.0.get()
    }
}

/// The page in the current language: the introduction, then the
/// [`Workbench`].
fn page(ps: publish::PublishState) -> impl IntoView {
    let embed = move || ps.embed.get();
    let rest = expect_context::<RestOfPage>();
    view! {
        <div class="page" class:embed=embed data-complete=move || rest.shown().to_string()>
            {move || embed().then(|| view! { <EmbedBar /> })}
            <Header />
            <main id="main">
                <PrivacyNote />
                <EngineError />
                <LinkProblems />
                <ExampleButtons />
                <Workbench />
            </main>
            {move || rest.shown().then(|| view! { <Footer /> })}
        </div>
    }
}

/// The two panes where the study happens: what goes in (data, model,
/// options) on the left, what comes out (fit, hypotheses, the other tables,
/// the checks, the diagram, *For the paper*) on the right. On a laptop
/// screen (≥ 75rem) the panes sit side by side at the window's height and
/// scroll on their own, so the fit stays in view while the model is
/// edited; narrower, they are one column. The sticky [`FitSummaryLine`]
/// under the editor keeps χ²/df, CFI, RMSEA and SRMR in view on a phone.
/// What lies under the first screen waits for the first frame
/// ([`RestOfPage`]).
#[component]
fn Workbench() -> impl IntoView {
    let drawing = expect_context::<DrawingState>();
    let rest = expect_context::<RestOfPage>();
    view! {
        <div class="workbench" id="workbench">
            <div class="pane input-pane">
                <DataPanel />
                <section class="panel model-panel" aria-labelledby="model-heading">
                    <h2 id="model-heading">{text::t().model_heading}</h2>
                    <ModelDrawing />
                    // the variables sit beside the drawing while it is open
                    <div class="model-grid" class:drawing-open=move || drawing.is_open()>
                        <ModelEditor />
                        {move || (!drawing.is_open()).then(|| view! { <VariableList /> })}
                    </div>
                    <FitSummaryLine />
                    // under the first screen: drawn after the first frame
                    {move || {
                        rest.shown()
                            .then(|| {
                                view! {
                                    <MediationHelper />
                                    <div class="options-grid">
                                        <EstimationOptions />
                                        <BootstrapPanel />
                                        <HypothesisRulePanel />
                                    </div>
                                }
                            })
                    }}
                </section>
            </div>
            <div class="pane results-pane">
                <ResultsPanel />
                {move || {
                    rest.shown()
                        .then(|| {
                            view! {
                                <InvariancePanel />
                                <MeasurementPanel />
                                <MethodBiasPanel />
                                <DiagramPanel />
                                <PublishPanel />
                            }
                        })
                }}
            </div>
        </div>
    }
}
