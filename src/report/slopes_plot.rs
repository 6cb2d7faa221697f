//! The simple-slopes plot of a product term `x:w` as SVG: the predicted
//! outcome against x (from mean − 1 SD to mean + 1 SD of x) at W = mean −
//! 1 SD, mean and mean + 1 SD ([`Moderation::lines`]; Hayes 2022, §7.3).
//! Printable in black and white: the three lines differ by dash pattern
//! and end marker, each labelled at its right end with the value of W as
//! the simple-slopes table writes it; the axes carry the variables' names.
//! Self-contained like the path diagram (presentation attributes only).

use super::words::words;
use crate::diagram::svg::FONT_STACK;
use crate::diagram::text_width;
use crate::format::html_escape as esc;
use crate::i18n::Lang;
use crate::moderation::Moderation;

const INK: &str = "#1a1a1a";
const FONT: f64 = 12.0;
/// Dash pattern and marker per line (W at −1 SD, mean, +1 SD).
const STYLES: [(&str, &str); 3] = [("7 4", "circle"), ("", "square"), ("2 3", "triangle")];

/// About five round tick values covering [lo, hi] (steps 1, 2 or 5 × 10ᵏ).
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// A number for an axis: as short as its step allows.
fn tick_text(v: f64, step: f64) -> String {
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    format!("{:.*}", decimals, if v.abs() < 1e-12 { 0.0 } else { v })
}

/// A coordinate with two decimals.
fn c(x: f64) -> String {
    format!("{x:.2}")
}

/// The plot of `m` in a language; None when the model gave no lines (no
/// means of the variables).
pub fn simple_slopes_svg(m: &Moderation, lang: Lang) -> Option<String> {
    if m.lines.len() != m.slopes.len() || m.lines.is_empty() {
        return None;
    }
    let w = words(lang);
    let labels: Vec<String> = m
        .slopes
        .iter()
        .map(|s| crate::report::slope_at(m, s, lang))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(0.0, f64::max);
    let (left, top, plot_w, plot_h) = (64.0, 40.0, 320.0, 220.0);
    let width = left + plot_w + 24.0 + label_w + 12.0;
    let height = top + plot_h + 56.0;
    let xs: Vec<f64> = m.lines.iter().flat_map(|l| [l[0].0, l[1].0]).collect();
    let ys: Vec<f64> = m.lines.iter().flat_map(|l| [l[0].1, l[1].1]).collect();
    let (x_lo, x_hi) = (
        xs.iter().copied().fold(f64::MAX, f64::min),
        xs.iter().copied().fold(f64::MIN, f64::max),
    );
    let (y_min, y_max) = (
        ys.iter().copied().fold(f64::MAX, f64::min),
        ys.iter().copied().fold(f64::MIN, f64::max),
    );
    let pad = ((y_max - y_min) * 0.1).max(1e-6);
    let (y_lo, y_hi) = (y_min - pad, y_max + pad);
    let px = |x: f64| left + (x - x_lo) / (x_hi - x_lo).max(1e-12) * plot_w;
    let py = |y: f64| top + (y_hi - y) / (y_hi - y_lo) * plot_h;
    let title = (w.slopes_plot_title)(&m.focal, &m.outcome, &m.moderator);

    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" class=\"semlab-slopes\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{FONT_STACK}\" font-size=\"{FONT}\" role=\"img\" aria-label=\"{}\">\n",
        c(width.ceil()),
        c(height),
        c(width.ceil()),
        c(height),
        esc(&title)
    );
    o.push_str(&format!("<title>{}</title>\n", esc(&title)));
    o.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        c(width.ceil()),
        c(height)
    ));
    // axes, ticks and names
    let (x0, y0) = (left, top + plot_h);
    o.push_str(&format!(
        "<path class=\"axes\" d=\"M{} {} V{} H{}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1\"/>\n",
        c(x0),
        c(top),
        c(y0),
        c(left + plot_w)
    ));
    let xt = ticks(x_lo, x_hi);
    let x_step = xt.get(1).zip(xt.first()).map_or(1.0, |(b, a)| b - a);
    for v in &xt {
        o.push_str(&format!(
            "<path d=\"M{} {} v5\" stroke=\"{INK}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>\n",
            c(px(*v)),
            c(y0),
            c(px(*v)),
            c(y0 + 18.0),
            tick_text(*v, x_step)
        ));
    }
    let yt = ticks(y_lo, y_hi);
    let y_step = yt.get(1).zip(yt.first()).map_or(1.0, |(b, a)| b - a);
    for v in &yt {
        o.push_str(&format!(
            "<path d=\"M{} {} h-5\" stroke=\"{INK}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>\n",
            c(x0),
            c(py(*v)),
            c(x0 - 8.0),
            c(py(*v) + 4.0),
            tick_text(*v, y_step)
        ));
    }
    o.push_str(&format!(
        "<text class=\"axis-label x\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>\n",
        c(left + plot_w / 2.0),
        c(y0 + 42.0),
        esc(&m.focal)
    ));
    o.push_str(&format!(
        "<text class=\"axis-label y\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{INK}\" transform=\"rotate(-90 {} {})\">{}</text>\n",
        c(18.0),
        c(top + plot_h / 2.0),
        c(18.0),
        c(top + plot_h / 2.0),
        esc(&m.outcome)
    ));
    // the lines, their end markers and labels (labels pushed apart ≥ 15 px)
    let mut label_y: Vec<(usize, f64)> = m
        .lines
        .iter()
        .enumerate()
        .map(|(k, l)| (k, py(l[1].1) + 4.0))
        .collect();
    crate::sorting::sort_by(&mut label_y, |a, b| a.1.total_cmp(&b.1));
    for i in 1..label_y.len() {
        label_y[i].1 = label_y[i].1.max(label_y[i - 1].1 + 15.0);
    }
    for (k, line) in m.lines.iter().enumerate() {
        let (dash, marker) = STYLES[k.min(2)];
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let offset = m.slopes[k].sd_offset;
        o.push_str(&format!(
            "<g class=\"slope\" data-sd-offset=\"{offset}\"><path class=\"slope-line\" d=\"M{} {} L{} {}\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"2\"{dash}/>\n",
            c(px(line[0].0)),
            c(py(line[0].1)),
            c(px(line[1].0)),
            c(py(line[1].1))
        ));
        for (x, y) in line {
            let (x, y) = (px(*x), py(*y));
            o.push_str(&match marker {
                "circle" => format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.5\"/>\n",
                    c(x),
                    c(y)
                ),
                "square" => format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{INK}\"/>\n",
                    c(x - 4.0),
                    c(y - 4.0)
                ),
                _ => format!(
                    "<polygon points=\"{},{} {},{} {},{}\" fill=\"{INK}\"/>\n",
                    c(x),
                    c(y - 5.0),
                    c(x - 5.0),
                    c(y + 4.0),
                    c(x + 5.0),
                    c(y + 4.0)
                ),
            });
        }
        let ly = label_y.iter().find(|(i, _)| *i == k).map_or(0.0, |l| l.1);
        o.push_str(&format!(
            "<text class=\"slope-label\" x=\"{}\" y=\"{}\" fill=\"{INK}\">{}</text></g>\n",
            c(left + plot_w + 12.0),
            c(ly),
            esc(&labels[k])
        ));
    }
    o.push_str("</svg>\n");
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_inside() {
        let t = ticks(0.0, 1.0);
        assert_eq!(t.len(), 6);
        assert!((t[1] - 0.2).abs() < 1e-12 && (t[5] - 1.0).abs() < 1e-12);
        let t = ticks(2.26, 4.07);
        assert!(t.iter().all(|v| (2.26..=4.07).contains(v)), "{t:?}");
        assert_eq!(tick_text(2.5, 0.5), "2.5");
        assert_eq!(tick_text(3.0, 1.0), "3");
    }
}
