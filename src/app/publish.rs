//! The publication side of the page: its state (diagram settings and the
//! positions the person dragged nodes to, the embed flag, what a link or a
//! project file could not set), sharing links in the address's fragment
//! ([`crate::link`]), project files, and the analysis as the publication
//! outputs see it (the hypotheses under the rule set now, the options of
//! the fit shown).

use crate::analysis::{Analysis, Options};
use crate::app::examples::ExampleId;
use crate::app::i18n::{lang, LangState};
use crate::app::state::AppState;
use crate::diagram::{DiagramOptions, Layout};
use crate::link::{Link, LinkProblem};
use crate::project::{DiagramState, Project};
use crate::report::rscript::RData;
use crate::tables::hypotheses::evaluate;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The analysis shown, compared by identity (a new fit is a new value).
#[derive(Clone)]
pub struct Shown(pub Arc<Analysis>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The invariance ladder shown, compared by identity like [`Shown`].
#[derive(Clone)]
pub struct ShownLadder(pub Arc<crate::invariance::Ladder>);

impl PartialEq for ShownLadder {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A message about a project file that was opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectNote {
    Opened {
        name: String,
        data_file: Option<String>,
    },
    Failed {
        name: String,
        error: crate::project::ProjectError,
    },
}

/// The state of the publication side (a cheap, copyable handle).
#[derive(Clone, Copy)]
pub struct PublishState {
    pub diagram: RwSignal<DiagramOptions>,
    /// Where the person dragged nodes to (empty: the automatic layout).
    pub layout: RwSignal<Layout>,
    /// The compact page for an `<iframe>` (`#embed`).
    pub embed: RwSignal<bool>,
    /// Values of the page's link that could not be used.
    pub link_problems: RwSignal<Vec<LinkProblem>>,
    pub project_note: RwSignal<Option<ProjectNote>>,
}

impl PublishState {
    pub fn new() -> PublishState {
        PublishState {
            diagram: RwSignal::new(DiagramOptions::default()),
            layout: RwSignal::new(Layout::default()),
            embed: RwSignal::new(false),
            link_problems: RwSignal::new(Vec::new()),
            project_note: RwSignal::new(None),
        }
    }
}

impl Default for PublishState {
    fn default() -> Self {
        Self::new()
    }
}

/// The address's fragment, without `#`.
pub fn location_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// The page's address without its fragment.
fn base_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

/// Applies a link: the language, the embed flag, and — when the link names
/// an example or a model — the example's data, the model and the options.
pub fn apply_link(st: AppState, ps: PublishState, lang_state: Option<LangState>, link: &Link) {
    let mut problems = Vec::new();
    if let (Some(l), Some(ls)) = (link.lang, lang_state) {
        ls.set(l);
    }
    ps.embed.set(link.embed);
    let example = match &link.example {
        Some(key) => match ExampleId::from_key(key) {
            Some(e) => Some(e),
            None => {
                problems.push(LinkProblem {
                    key: "example".into(),
                    value: key.clone(),
                    allowed: ExampleId::ALL.map(|e| e.key()).join(", "),
                });
                None
            }
        },
        None => None,
    };
    if let Some(ex) = example {
        st.load_example(ex);
    }
    if let Some(m) = &link.model {
        st.model.set(m.clone());
    }
    if !link.composites.is_empty() {
        st.keep_composites(link.composites.clone());
    }
    if example.is_some() || link.model.is_some() {
        let mut fit = link.options.clone();
        st.rule.set(std::mem::take(&mut fit.hypotheses));
        st.fit.set(fit);
        ps.diagram.set(link.diagram);
        ps.layout.set(link.layout.clone());
    }
    ps.link_problems.set(problems);
}

/// Reads the page's own link, and again whenever the fragment changes.
pub fn follow_link(st: AppState, ps: PublishState, lang_state: LangState, link: &Link) {
    apply_link(st, ps, Some(lang_state), link);
    let on_change = Closure::<dyn FnMut()>::new(move || {
        let (link, mut problems) = Link::parse(&location_fragment());
        apply_link(st, ps, Some(lang_state), &link);
        if !problems.is_empty() {
            ps.link_problems.update(|p| p.append(&mut problems));
        }
    });
    if let Some(w) = web_sys::window() {
        w.set_onhashchange(Some(on_change.as_ref().unchecked_ref()));
    }
    // The page lives as long as the listener.
    on_change.forget();
}

/// The estimation options of the fit shown, with the hypothesis rule set
/// now (and the bootstrap settings when its columns are shown).
pub fn current_options(st: AppState, a: Option<&Analysis>) -> Options {
    let mut o = st.fit.get();
    o.hypotheses = st.rule.get();
    if a.is_some_and(|a| a.bootstrap.is_some()) {
        o.bootstrap = Some(st.boot.get());
    }
    o
}

/// The analysis with its hypotheses under the rule set now (which changes
/// without a refit).
pub fn with_current_rule(st: AppState, a: &Arc<Analysis>) -> Arc<Analysis> {
    let rule = st.rule.get();
    if rule == a.hypothesis_rule {
        return a.clone();
    }
    let mut b = (**a).clone();
    b.hypotheses = evaluate(&b.paths(), &rule);
    b.hypothesis_rule = rule;
    Arc::new(b)
}

/// The link to the page as it is now: the example (if its data is in use),
/// the model, the options, the diagram settings and the language.
pub fn current_link(st: AppState, ps: PublishState, embed: bool) -> (String, Link) {
    let mut options = st.fit.get();
    options.hypotheses = st.rule.get();
    options.bootstrap = None;
    let link = Link {
        example: st.data.with(|d| d.example.map(|e| e.key().to_string())),
        model: Some(st.model.get()).filter(|m| !m.trim().is_empty()),
        lang: Some(lang()),
        embed,
        options,
        diagram: ps.diagram.get(),
        layout: ps.layout.get(),
        composites: st
            .data
            .with(|d| d.current.as_ref().map(|c| c.composites.clone()))
            .unwrap_or_default(),
    };
    (format!("{}#{}", base_url(), link.fragment()), link)
}

/// How the R script reads the data in use: the file by its name, read as
/// semlab read it (delimiter, decimal comma, encoding, missing codes).
pub fn r_data(st: AppState) -> RData {
    let codes = st.read.with(|r| r.codes());
    let view = st.data.with(|d| d.current.clone());
    match view {
        Some(v) => RData::File {
            name: v.name.clone(),
            delimiter: if v.delimiter == 0 { b',' } else { v.delimiter },
            decimal_comma: v.decimal_comma,
            missing_codes: codes,
            encoding: v.encoding,
            composites: v.composites.clone(),
        },
        None => RData::File {
            name: "data.csv".into(),
            delimiter: b',',
            decimal_comma: false,
            missing_codes: codes,
            encoding: crate::data::TextEncoding::Utf8,
            composites: Vec::new(),
        },
    }
}

/// The project file of the page as it is now.
pub fn current_project(st: AppState, ps: PublishState, a: Option<&Analysis>) -> Project {
    let mut opts = current_options(st, a);
    opts.bootstrap = None;
    let mut p = Project::new(&st.model.get(), &opts);
    p.data_file = st.data.with(|d| d.current.as_ref().map(|c| c.name.clone()));
    p.missing_codes = st.read.with(|r| r.codes());
    p.composites = st
        .data
        .with(|d| d.current.as_ref().map(|c| c.composites.clone()))
        .unwrap_or_default();
    let layout = ps.layout.get();
    p.diagram = Some(DiagramState {
        options: ps.diagram.get(),
        layout: (!layout.is_empty()).then_some(layout),
    });
    p
}

/// Opens a project file: the model, options, missing-value codes and
/// diagram; an example's data when the project names it.
pub fn open_project(st: AppState, ps: PublishState, name: String, text: &str) {
    let p = match Project::from_json(text) {
        Ok(p) => p,
        Err(error) => {
            ps.project_note
                .set(Some(ProjectNote::Failed { name, error }));
            return;
        }
    };
    let example = p
        .data_file
        .as_deref()
        .and_then(|f| ExampleId::ALL.into_iter().find(|e| e.file_name() == f));
    st.read
        .update(|r| r.missing_codes = p.missing_codes.join(", "));
    if let Some(ex) = example {
        st.load_example(ex);
    }
    st.model.set(p.model.clone());
    st.keep_composites(p.composites.clone());
    let mut fit = p.options.clone();
    fit.bootstrap = None;
    st.rule.set(std::mem::take(&mut fit.hypotheses));
    st.fit.set(fit);
    let d = p.diagram.clone().unwrap_or_default();
    ps.diagram.set(d.options);
    ps.layout.set(d.layout.unwrap_or_default());
    let has_data = st.data.with(|d| d.current.is_some());
    if example.is_none() && !has_data {
        st.restored_without_data.set(true);
    }
    ps.project_note.set(Some(ProjectNote::Opened {
        name,
        data_file: p.data_file.filter(|_| example.is_none()),
    }));
}
