//! The scree plot: the data's eigenvalues and parallel analysis's 95th
//! percentile line in; a self-contained SVG (downloadable from the page,
//! written by the command line) out. Kaiser's line at 1 is drawn dashed.

use super::eigen::Parallel;

/// Width and height of the plot in SVG user units.
const W: f64 = 480.0;
const H: f64 = 300.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// The scree plot as SVG; `labels` are the legend's words (eigenvalues of
/// the data, parallel analysis, axis titles) in the page's language.
pub fn svg(eigenvalues: &[f64], parallel: &Parallel, labels: &ScreeLabels) -> String {
    let n = eigenvalues.len().max(2);
    let ymax = eigenvalues
        .iter()
        .chain(&parallel.p95)
        .fold(1.0f64, |a, b| a.max(*b))
        .ceil();
    let x = |k: usize| LEFT + (W - LEFT - RIGHT) * k as f64 / (n - 1) as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / ymax);
    let line = |vals: &[f64]| -> String {
        vals.iter()
            .enumerate()
            .map(|(k, v)| format!("{:.1},{:.1}", x(k), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n"
    );
    // axes and ticks
    s += &format!(
        "<line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"black\"/>\n<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\" stroke=\"black\"/>\n",
        b = H - BOTTOM,
        r = W - RIGHT
    );
    for t in 0..=(ymax as usize) {
        s += &format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{t}</text>\n",
            LEFT - 6.0,
            y(t as f64) + 4.0
        );
    }
    for k in 0..eigenvalues.len() {
        s += &format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
            x(k),
            H - BOTTOM + 14.0,
            k + 1
        );
    }
    s += &format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\n",
        (LEFT + W - RIGHT) / 2.0,
        H - 6.0,
        esc(&labels.x_axis)
    );
    s += &format!(
        "<text transform=\"translate(12,{:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
        (TOP + H - BOTTOM) / 2.0,
        esc(&labels.y_axis)
    );
    // Kaiser's line
    s += &format!(
        "<line x1=\"{LEFT}\" y1=\"{y1:.1}\" x2=\"{r}\" y2=\"{y1:.1}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n",
        y1 = y(1.0),
        r = W - RIGHT
    );
    s += &format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#c0392b\" stroke-dasharray=\"6 3\"/>\n",
        line(&parallel.p95)
    );
    s += &format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n",
        line(eigenvalues)
    );
    for (k, v) in eigenvalues.iter().enumerate() {
        s += &format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#1f4e79\"/>\n",
            x(k),
            y(*v)
        );
    }
    // legend
    let lx = W - RIGHT - 190.0;
    s += &format!(
        "<line x1=\"{lx}\" y1=\"{TOP}\" x2=\"{:.1}\" y2=\"{TOP}\" stroke=\"#1f4e79\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
        lx + 20.0,
        lx + 26.0,
        TOP + 4.0,
        esc(&labels.data)
    );
    s += &format!(
        "<line x1=\"{lx}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c0392b\" stroke-dasharray=\"6 3\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
        TOP + 16.0,
        lx + 20.0,
        TOP + 16.0,
        lx + 26.0,
        TOP + 20.0,
        esc(&labels.parallel)
    );
    s += "</svg>\n";
    s
}

/// The words of the scree plot.
#[derive(Debug, Clone)]
pub struct ScreeLabels {
    pub x_axis: String,
    pub y_axis: String,
    pub data: String,
    pub parallel: String,
}

impl ScreeLabels {
    pub fn in_lang(lang: crate::i18n::Lang) -> ScreeLabels {
        match lang {
            crate::i18n::Lang::En => ScreeLabels {
                x_axis: "Component".into(),
                y_axis: "Eigenvalue".into(),
                data: "Eigenvalues of the data".into(),
                parallel: "Parallel analysis (95th percentile)".into(),
            },
            crate::i18n::Lang::Zh => ScreeLabels {
                x_axis: "成分".into(),
                y_axis: "特征值".into(),
                data: "数据的特征值".into(),
                parallel: "平行分析（第 95 百分位）".into(),
            },
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
