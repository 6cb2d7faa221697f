//! Path diagram (Figure II of a survey paper): an [`Analysis`] in; latent
//! variables as ellipses, observed variables as rectangles, arrows for
//! loadings and regressions, curved double arrows for covariances, each
//! labelled with its estimate and significance stars, out as a
//! self-contained SVG.
//!
//! Three steps, each a plain value the app can hold on to:
//! 1. [`build`]: the analysis and [`DiagramOptions`] → a [`Diagram`] (nodes
//!    with their sizes, edges with their labels; no positions);
//! 2. [`layout::auto_layout`]: the diagram → a [`Layout`] (the centre of
//!    every node). The layout reads left to right along the structural
//!    paths, with each construct's items beside it. It is data: the app
//!    moves a node by changing its position ([`Layout::move_node`]) and
//!    renders again;
//! 3. [`svg::render`]: diagram + layout → SVG text. Edge routes and label
//!    places are computed from the positions ([`layout::route`]), so they
//!    follow dragged nodes.
//!
//! **Which edges are drawn** (one `<path>` each, with `data-lhs`, `data-op`,
//! `data-rhs`, `data-free` and `data-label`): every loading (`=~`, fixed
//! marker loadings too, marked `data-free="false"` and without stars), every
//! regression (`~`), every covariance between two different variables
//! (`~~`) except those fixed to 0, and — only when residuals are shown — the
//! residual variance of every endogenous variable unless fixed to 0 (`~~`
//! with `lhs == rhs`, class `residual`; never with stars). Intercepts and defined parameters
//! (`:=`) are not drawn. With the measurement part hidden, the items and
//! every edge touching an item are left out. Covariances between constructs
//! (two variables that are not items) are left out past
//! [`MAX_CONSTRUCT_COVARIANCES`] unless all are asked for
//! ([`CovarianceView`]), and the legend says how many.
//!
//! **Publication style** ([`DiagramOptions`]): black and white unless
//! colour is asked for, numbers with or without their leading zero, a sans
//! or serif typeface and its size (nodes and label boxes grow with it).
//!
//! **Labels**: the estimate to 3 decimals exactly as the parameter table
//! shows it ([`crate::format::num`]) followed by the stars of its p-value
//! (`*` < .05, `**` < .01, `***` < .001) for free parameters.

pub mod layout;
pub mod structure;
pub mod svg;

pub use layout::{auto_layout, route, Layout, Point, Rect};
pub use structure::build_structure;

use crate::analysis::{Analysis, ParameterRow};
use crate::format::num;
use crate::i18n::Lang;
use crate::syntax::edit::parameter_line;
use crate::tables::hypotheses::stars;
use crate::tables::modindices::{listed, ModIndex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Which estimate labels the edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LabelMode {
    /// std.all (completely standardized), as in Figure II.
    #[default]
    Standardized,
    /// The unstandardized estimate.
    Unstandardized,
    /// No labels.
    None,
}

/// What the diagram shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiagramOptions {
    pub labels: LabelMode,
    /// Significance stars after the estimates.
    pub stars: bool,
    /// Residual variances of endogenous variables as short arrows.
    pub residuals: bool,
    /// The measurement part (items and loadings).
    pub measurement: bool,
    /// R² inside endogenous constructs.
    pub r2: bool,
    /// The largest modification indices as dashed suggestion arrows (on
    /// the page only, see [`add_suggestions`]).
    pub suggestions: bool,
    /// Nodes filled in colour (off: black and white, as journals print).
    pub colour: bool,
    /// Numbers without their leading zero (`.78`, as APA and AMOS print).
    pub no_leading_zero: bool,
    /// The typeface of the text.
    pub font: FontFamily,
    /// Font size of the nodes' names in px (labels and legend 2 px smaller).
    pub font_size: u8,
    /// Which covariances between constructs are drawn.
    pub construct_covariances: CovarianceView,
}

/// Which covariances between constructs (two variables that are not
/// items) are drawn: in a CFA of many factors they are a hairball of arcs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CovarianceView {
    /// All of them up to [`MAX_CONSTRUCT_COVARIANCES`], none past it.
    #[default]
    Auto,
    All,
    Hidden,
}

/// Covariances between constructs drawn at most by [`CovarianceView::Auto`]
/// (five fully correlated factors); past it the legend says how many are
/// left out.
pub const MAX_CONSTRUCT_COVARIANCES: usize = 10;

/// The typeface of the diagram's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FontFamily {
    #[default]
    Sans,
    Serif,
}

impl FontFamily {
    /// The font list for screens and SVG editors (system fonts, nothing fetched).
    pub fn stack(self) -> &'static str {
        match self {
            FontFamily::Sans => svg::FONT_STACK,
            FontFamily::Serif => svg::SERIF_STACK,
        }
    }
    /// The generic family alone: what a PDF converter maps to a font it embeds.
    pub fn generic(self) -> &'static str {
        match self {
            FontFamily::Sans => "sans-serif",
            FontFamily::Serif => "serif",
        }
    }
}

impl DiagramOptions {
    /// The font sizes offered (px, of the nodes' names).
    pub const FONT_SIZES: [u8; 4] = [11, 13, 15, 17];
    /// Font size of node names (px).
    pub fn node_font(&self) -> f64 {
        f64::from(self.font_size.clamp(8, 28))
    }
    /// Font size of edge labels and the legend (px).
    pub fn label_font(&self) -> f64 {
        self.node_font() - 2.0
    }
    /// Height of an edge label's box.
    pub fn label_height(&self) -> f64 {
        self.label_font() + 4.0
    }
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            labels: LabelMode::Standardized,
            stars: true,
            residuals: false,
            measurement: true,
            r2: true,
            suggestions: true,
            colour: false,
            no_leading_zero: false,
            font: FontFamily::Sans,
            font_size: NODE_FONT as u8,
            construct_covariances: CovarianceView::Auto,
        }
    }
}

/// The shape of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// A latent variable (ellipse).
    Latent,
    /// An observed variable (rectangle).
    Observed,
}

/// One variable of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub name: String,
    pub kind: NodeKind,
    /// For an item (an observed indicator): the construct it is drawn beside
    /// (the first factor it loads on).
    pub construct: Option<String>,
    /// R² shown inside the node (endogenous constructs, when asked for).
    pub r2: Option<f64>,
    /// Size of the node's box in SVG units (the ellipse's bounding box).
    pub width: f64,
    pub height: f64,
}

impl Node {
    /// The lines of text inside the node.
    pub fn lines(&self) -> Vec<String> {
        let mut l = vec![self.name.clone()];
        if let Some(r) = self.r2 {
            l.push(format!("R² = {}", without_leading_zero(num(Some(r)))));
        }
        l
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// `=~`: arrow from the factor to its indicator.
    Loading,
    /// `~`: arrow from the predictor to the outcome.
    Regression,
    /// `~~` between two variables: curved double arrow.
    Covariance,
    /// `~~` of a variable with itself: short arrow into the node.
    Residual,
}

/// One drawn parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The parameter as lavaan names it.
    pub lhs: String,
    pub op: String,
    pub rhs: String,
    pub kind: EdgeKind,
    /// A free parameter (false for fixed loadings and fixed covariances).
    pub free: bool,
    /// The label text (empty with [`LabelMode::None`]).
    pub label: String,
    /// Where the arrow starts and ends (for a regression `y ~ x`: from x to y).
    pub from: String,
    pub to: String,
    /// A parameter the model does not have, suggested by its modification
    /// index (drawn dashed, on top, as a button that adds it).
    #[serde(default)]
    pub suggestion: Option<Suggestion>,
}

/// A suggestion arrow: a modification index the person can add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub mi: f64,
    /// The model line that adds it ([`crate::syntax::edit::parameter_line`]).
    pub line: String,
    /// Its accessible name in the diagram's language ("Add x1 ~~ x2 (MI 24.3)").
    pub name: String,
}

/// Everything to draw, without positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub options: DiagramOptions,
    /// The SVG `<title>`.
    pub title: String,
    /// The legend under the diagram.
    pub note: String,
    /// The SVG `<desc>` (what is drawn, and by what).
    #[serde(default)]
    pub desc: String,
}

impl Edge {
    /// The parameter as lavaan writes it (`Trust =~ T1`): what a moved
    /// label is kept under in a [`Layout`].
    pub fn key(&self) -> String {
        format!("{} {} {}", self.lhs, self.op, self.rhs)
    }
}

impl Diagram {
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.name == name)
    }
    /// The box of an edge label with text `s`, at the diagram's font size.
    pub fn label_size(&self, s: &str) -> (f64, f64) {
        (
            text_width(s, self.options.label_font()) + 6.0,
            self.options.label_height(),
        )
    }
    /// Items drawn beside `construct`, in model order.
    /// The diagram without its suggestion arrows (what the automatic
    /// layout places, so that showing them moves nothing).
    pub fn without_suggestions(&self) -> Diagram {
        let mut d = self.clone();
        d.edges.retain(|e| e.suggestion.is_none());
        d
    }
    /// Items drawn beside `construct`, in model order.
    pub fn items_of<'a>(&'a self, construct: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.nodes
            .iter()
            .filter(move |n| n.construct.as_deref() == Some(construct))
    }
}

/// Font size of node text (px).
pub const NODE_FONT: f64 = 13.0;
/// Font size of edge labels (px).
pub const LABEL_FONT: f64 = 11.0;
/// Conservative width of one character, as a fraction of the font size
/// (system sans-serif fonts average about 0.5–0.55 em).
pub const CHAR_EM: f64 = 0.62;
/// Height of an edge label's box.
pub const LABEL_HEIGHT: f64 = 15.0;

/// Width of `s` at `font` px, conservatively (CJK and other wide
/// characters count as a full em).
pub fn text_width(s: &str, font: f64) -> f64 {
    s.chars()
        .map(|c| if is_wide(c) { 1.0 } else { CHAR_EM })
        .sum::<f64>()
        * font
}

/// A character that takes a full em (CJK ideographs, kana, Hangul,
/// full-width forms and punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The words of the diagram in one language.
struct DiagramWords {
    title: fn(&str) -> String,
    what_std: &'static str,
    what_unstd: &'static str,
    what_none: &'static str,
    note_std: &'static str,
    note_unstd: &'static str,
    stars: &'static str,
    fixed: &'static str,
    end: &'static str,
    r2: &'static str,
    desc: fn(usize, usize, &str) -> String,
    /// A suggestion's accessible name: (model line, MI).
    suggest: fn(&str, &str) -> String,
    /// The legend on suggestions: (how many, threshold).
    suggestions_shown: fn(usize, &str) -> String,
    suggestions_hidden: fn(usize, &str) -> String,
    /// The legend when covariances between constructs are left out.
    covariances_hidden: fn(usize) -> String,
}

const WORDS_EN: DiagramWords = DiagramWords {
    title: |what| format!("Path diagram: {what}"),
    what_std: "standardized estimates (std.all)",
    what_unstd: "unstandardized estimates",
    what_none: "model structure",
    note_std: "Standardized estimates (std.all).",
    note_unstd: "Unstandardized estimates.",
    stars: " * p < .05, ** p < .01, *** p < .001",
    fixed: "; loadings without stars are fixed",
    end: ".",
    r2: " R² of endogenous constructs inside their nodes.",
    desc: |nodes, edges, v| {
        format!("{nodes} latent and observed variables, {edges} paths. Made with semlab {v}.")
    },
    suggest: |line, mi| format!("Add {line} (MI {mi})"),
    suggestions_shown: |n, min| {
        format!(" Dashed: the {n} largest modification indices (MI ≥ {min}); select one to add it to the model.")
    },
    suggestions_hidden: |n, min| {
        format!(" {n} modification indices of MI ≥ {min} are not drawn (suggestions off).")
    },
    covariances_hidden: |n| {
        format!(" The {n} covariances between constructs are not drawn; the parameter table lists them.")
    },
};

const WORDS_ZH: DiagramWords = DiagramWords {
    title: |what| format!("路径图：{what}"),
    what_std: "标准化估计值（std.all）",
    what_unstd: "非标准化估计值",
    what_none: "模型结构",
    note_std: "图中为标准化估计值（std.all）。",
    note_unstd: "图中为非标准化估计值。",
    stars: "* p < .05，** p < .01，*** p < .001",
    fixed: "；未标星号的载荷为固定参数",
    end: "。",
    r2: "内生构念的 R² 标在其节点内。",
    desc: |nodes, edges, v| {
        format!("{nodes} 个潜变量和观测变量，{edges} 条路径。由 semlab {v} 绘制。")
    },
    suggest: |line, mi| format!("添加 {line}（MI {mi}）"),
    suggestions_shown: |n, min| {
        format!("虚线：最大的 {n} 个修正指数（MI ≥ {min}）；选中一条即把它加入模型。")
    },
    suggestions_hidden: |n, min| format!("{n} 个 MI ≥ {min} 的修正指数未画出（建议已关闭）。"),
    covariances_hidden: |n| format!("构念之间的 {n} 个协方差未画出，见参数估计表。"),
};

/// A number as APA and AMOS print values that cannot exceed 1 in size:
/// `0.780` → `.780`, `-0.045` → `-.045` (others unchanged).
pub fn without_leading_zero(s: String) -> String {
    if let Some(r) = s.strip_prefix("0.") {
        format!(".{r}")
    } else if let Some(r) = s.strip_prefix("-0.") {
        format!("-.{r}")
    } else {
        s
    }
}

/// Sizes a node for its text at `font` px (its shape grows with the font).
fn sized(
    name: &str,
    kind: NodeKind,
    construct: Option<String>,
    r2: Option<f64>,
    font: f64,
) -> Node {
    let mut n = Node {
        name: name.to_string(),
        kind,
        construct,
        r2,
        width: 0.0,
        height: 0.0,
    };
    let lines = n.lines();
    let tw = lines
        .iter()
        .map(|l| text_width(l, font))
        .fold(0.0, f64::max);
    let two = lines.len() > 1;
    // the shapes are drawn for 13 px and scaled with the font
    let z = font / NODE_FONT;
    match kind {
        NodeKind::Latent => {
            // the text block (half height hh) must fit inside the ellipse
            let ry: f64 = if two { 30.0 } else { 22.0 } * z;
            let hh: f64 = if two { 16.0 } else { 8.0 } * z;
            let k = (1.0 - (hh / ry).powi(2)).sqrt();
            let rx = ((tw / 2.0 + 5.0 * z) / k).max(36.0 * z);
            n.width = (2.0 * rx).ceil();
            n.height = 2.0 * ry;
        }
        NodeKind::Observed => {
            n.width = (tw + 16.0 * z).max(44.0 * z).ceil();
            n.height = if two { 40.0 } else { 26.0 } * z;
        }
    }
    n
}

/// The label of a parameter under the options.
fn edge_label(p: &ParameterRow, kind: EdgeKind, opts: &DiagramOptions) -> String {
    let v = match opts.labels {
        LabelMode::Standardized => p.std_all,
        LabelMode::Unstandardized => Some(p.est),
        LabelMode::None => return String::new(),
    };
    let mut s = num(v);
    if opts.no_leading_zero {
        s = without_leading_zero(s);
    }
    if opts.stars && p.free && kind != EdgeKind::Residual {
        s.push_str(&stars(p.pvalue));
    }
    s
}

/// Builds the diagram of an analysis (first group only).
pub fn build(a: &Analysis, opts: &DiagramOptions) -> Diagram {
    build_in(a, opts, Lang::En)
}

/// [`build`] with the title, legend and description in a language.
pub fn build_in(a: &Analysis, opts: &DiagramOptions, lang: Lang) -> Diagram {
    let w = match lang {
        Lang::En => &WORDS_EN,
        Lang::Zh => &WORDS_ZH,
    };
    let first = first_group(a);
    let params: Vec<&ParameterRow> = a
        .parameters
        .iter()
        .filter(|p| p.group == first && matches!(p.op.as_str(), "=~" | "~" | "~~"))
        .collect();
    // latent variables: the left side of `=~`, in order
    let mut latents: Vec<String> = Vec::new();
    for p in params.iter().filter(|p| p.op == "=~") {
        if !latents.contains(&p.lhs) {
            latents.push(p.lhs.clone());
        }
    }
    let is_latent = |v: &str| latents.iter().any(|l| l == v);
    // items: observed indicators, drawn beside the first factor they load on
    let mut construct_of: BTreeMap<String, String> = BTreeMap::new();
    for p in params.iter().filter(|p| p.op == "=~") {
        if !is_latent(&p.rhs) {
            construct_of
                .entry(p.rhs.clone())
                .or_insert_with(|| p.lhs.clone());
        }
    }
    // every variable, in order of appearance
    let mut vars: Vec<String> = latents.clone();
    for p in &params {
        for v in [&p.lhs, &p.rhs] {
            if !vars.contains(v) {
                vars.push(v.clone());
            }
        }
    }
    for v in &a.data.variables {
        if !vars.contains(v) {
            vars.push(v.clone());
        }
    }
    let endogenous: BTreeSet<&str> =
        crate::sorting::set_of(params.iter().filter_map(|p| match p.op.as_str() {
            "=~" => Some(p.rhs.as_str()),
            "~" => Some(p.lhs.as_str()),
            _ => None,
        }));
    let is_item = |v: &str| construct_of.contains_key(v);
    let shown = |v: &str| opts.measurement || !is_item(v);

    let nodes: Vec<Node> = vars
        .iter()
        .filter(|v| shown(v))
        .map(|v| {
            let kind = if is_latent(v) {
                NodeKind::Latent
            } else {
                NodeKind::Observed
            };
            let r2 = if opts.r2 && !is_item(v) && endogenous.contains(v.as_str()) {
                a.r2.get(v).copied().filter(|r| r.is_finite())
            } else {
                None
            };
            sized(v, kind, construct_of.get(v).cloned(), r2, opts.node_font())
        })
        .collect();

    let mut edges = Vec::new();
    for p in &params {
        if !shown(&p.lhs) || !shown(&p.rhs) {
            continue;
        }
        let (kind, from, to) = match p.op.as_str() {
            "=~" => (EdgeKind::Loading, &p.lhs, &p.rhs),
            "~" => (EdgeKind::Regression, &p.rhs, &p.lhs),
            _ if p.lhs != p.rhs => {
                if !p.free && p.est == 0.0 {
                    continue;
                }
                (EdgeKind::Covariance, &p.lhs, &p.rhs)
            }
            _ => {
                if !opts.residuals
                    || !endogenous.contains(p.lhs.as_str())
                    || (!p.free && p.est == 0.0)
                {
                    continue;
                }
                (EdgeKind::Residual, &p.lhs, &p.lhs)
            }
        };
        edges.push(Edge {
            lhs: p.lhs.clone(),
            op: p.op.clone(),
            rhs: p.rhs.clone(),
            kind,
            free: p.free,
            label: edge_label(p, kind, opts),
            from: from.clone(),
            to: to.clone(),
            suggestion: None,
        });
    }

    // covariances between constructs: all, or none past a size
    let between_constructs =
        |e: &Edge| e.kind == EdgeKind::Covariance && !is_item(&e.lhs) && !is_item(&e.rhs);
    let construct_covs = edges.iter().filter(|e| between_constructs(e)).count();
    let hide_covs = construct_covs > 0
        && match opts.construct_covariances {
            CovarianceView::All => false,
            CovarianceView::Hidden => true,
            CovarianceView::Auto => construct_covs > MAX_CONSTRUCT_COVARIANCES,
        };
    if hide_covs {
        edges.retain(|e| !between_constructs(e));
    }

    let what = match opts.labels {
        LabelMode::Standardized => w.what_std,
        LabelMode::Unstandardized => w.what_unstd,
        LabelMode::None => w.what_none,
    };
    let mut note = match opts.labels {
        LabelMode::Standardized => w.note_std.to_string(),
        LabelMode::Unstandardized => w.note_unstd.to_string(),
        LabelMode::None => String::new(),
    };
    if opts.labels != LabelMode::None && opts.stars {
        note.push_str(w.stars);
        if edges.iter().any(|e| e.kind == EdgeKind::Loading && !e.free) {
            note.push_str(w.fixed);
        }
        note.push_str(w.end);
    }
    if nodes.iter().any(|n| n.r2.is_some()) {
        note.push_str(w.r2);
    }
    if hide_covs {
        note.push_str(&(w.covariances_hidden)(construct_covs));
    }
    let desc = (w.desc)(nodes.len(), edges.len(), env!("CARGO_PKG_VERSION"));
    Diagram {
        nodes,
        edges,
        options: *opts,
        title: (w.title)(what),
        note: note.trim().to_string(),
        desc,
    }
}

/// The group a diagram draws: group 1 of a multi-group fit, or the group
/// of one group's part ([`crate::report::groups::of_group`], whose rows
/// keep their group number).
fn first_group(a: &Analysis) -> usize {
    a.parameters
        .iter()
        .map(|p| p.group)
        .filter(|&g| g > 0)
        .min()
        .unwrap_or(0)
}

/// Suggestion arrows drawn at most (the largest indices first).
pub const MAX_SUGGESTIONS: usize = 5;

/// The parameters a diagram can suggest, largest MI first: the indices the
/// modification-index table lists at `min_mi` ([`listed`], one verdict for
/// both) of the group drawn that join two drawn variables — a cross-loading
/// (`=~` from a construct to an item), a regression (`~`) or a covariance
/// (`~~`) of two different variables; never a variance or an intercept.
pub fn suggested<'a>(d: &Diagram, a: &'a Analysis, min_mi: f64) -> Vec<&'a ModIndex> {
    let first = first_group(a);
    let mut s: Vec<&ModIndex> = a
        .modindices
        .iter()
        .filter(|m| {
            m.group <= first
                && listed(m, min_mi)
                && m.mi.is_finite()
                && m.lhs != m.rhs
                && matches!(m.op.as_str(), "=~" | "~" | "~~")
                && d.node(&m.lhs).is_some()
                && d.node(&m.rhs).is_some()
                && !d.edges.iter().any(|e| {
                    e.op == m.op
                        && ((e.lhs == m.lhs && e.rhs == m.rhs)
                            || (m.op == "~~" && e.lhs == m.rhs && e.rhs == m.lhs))
                })
        })
        .collect();
    crate::sorting::sort_by(&mut s, |x, y| y.mi.total_cmp(&x.mi));
    s.truncate(MAX_SUGGESTIONS);
    s
}

/// Adds the suggestion arrows of [`suggested`] to a fitted model's diagram
/// (when `shown`) and says in the legend what is drawn, or how many are
/// left out when they are switched off. Each is a dashed edge labelled
/// `MI 24.3`; the app makes it a button that adds its line to the model.
pub fn add_suggestions(d: &mut Diagram, a: &Analysis, min_mi: f64, shown: bool, lang: Lang) {
    let w = match lang {
        Lang::En => &WORDS_EN,
        Lang::Zh => &WORDS_ZH,
    };
    let picked = suggested(d, a, min_mi);
    if picked.is_empty() {
        return;
    }
    let min = num(Some(min_mi))
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_string();
    let note = if shown {
        (w.suggestions_shown)(picked.len(), &min)
    } else {
        (w.suggestions_hidden)(picked.len(), &min)
    };
    d.note = format!("{}{}", d.note, note).trim().to_string();
    if !shown {
        return;
    }
    for m in picked {
        let (kind, from, to) = match m.op.as_str() {
            "=~" => (EdgeKind::Loading, &m.lhs, &m.rhs),
            "~" => (EdgeKind::Regression, &m.rhs, &m.lhs),
            _ => (EdgeKind::Covariance, &m.lhs, &m.rhs),
        };
        let line = parameter_line(&m.lhs, &m.op, &m.rhs);
        let mi = format!("{:.1}", m.mi);
        d.edges.push(Edge {
            lhs: m.lhs.clone(),
            op: m.op.clone(),
            rhs: m.rhs.clone(),
            kind,
            free: false,
            label: format!("MI {mi}"),
            from: from.clone(),
            to: to.clone(),
            suggestion: Some(Suggestion {
                mi: m.mi,
                name: (w.suggest)(&line, &mi),
                line,
            }),
        });
    }
}

/// The whole path: build, lay out automatically, render as SVG.
pub fn to_svg(a: &Analysis, opts: &DiagramOptions) -> String {
    to_svg_in(a, opts, Lang::En)
}

/// [`to_svg`] with the words in a language.
pub fn to_svg_in(a: &Analysis, opts: &DiagramOptions, lang: Lang) -> String {
    let d = build_in(a, opts, lang);
    let l = auto_layout(&d);
    svg::render(&d, &l)
}
