//! The rule that decides "supported": α, one- or two-tailed, the expected
//! sign (overall and per hypothesis). Changing it re-evaluates the
//! hypothesis table from the estimates already there — no refit.

use crate::app::state::AppState;
use crate::app::text::t;
use crate::tables::hypotheses::{Sign, Tails};
use leptos::prelude::*;

const ALPHAS: [(f64, &str); 4] = [(0.10, ".10"), (0.05, ".05"), (0.01, ".01"), (0.001, ".001")];

fn sign_key(s: Sign) -> &'static str {
    match s {
        Sign::Positive => "positive",
        Sign::Negative => "negative",
        Sign::Any => "any",
    }
}

fn sign_from_key(k: &str) -> Option<Sign> {
    match k {
        "positive" => Some(Sign::Positive),
        "negative" => Some(Sign::Negative),
        "any" => Some(Sign::Any),
        _ => None,
    }
}

fn sign_label(s: Sign) -> &'static str {
    match s {
        Sign::Positive => t().sign_positive,
        Sign::Negative => t().sign_negative,
        Sign::Any => t().sign_any,
    }
}

const SIGNS: [Sign; 3] = [Sign::Positive, Sign::Negative, Sign::Any];

#[component]
pub fn HypothesisRulePanel() -> impl IntoView {
    let st = expect_context::<AppState>();
    let rule = st.rule;
    // The hypothesised paths of the shown results: (key, name, path).
    let paths = Memo::new(move |_| {
        st.results.with(|r| {
            r.analysis
                .as_ref()
                .map(|a| {
                    a.paths()
                        .iter()
                        .map(|p| (p.key(), p.name(), p.path()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="options rule">
            <legend>{t().rule_heading}</legend>
            <p class="field">
                <label for="alpha">{t().alpha_label}</label>
                <select
                    id="alpha"
                    on:change=move |ev| {
                        if let Ok(a) = event_target_value(&ev).parse::<f64>() {
                            rule.update(|r| r.alpha = a);
                        }
                    }
                >
                    {ALPHAS
                        .into_iter()
                        .map(|(a, label)| {
                            view! {
                                <option
                                    value=a.to_string()
                                    selected=move || rule.with(|r| (r.alpha - a).abs() < 1e-12)
                                >
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            <p class="field">
                <label for="tails">{t().tails_label}</label>
                <select
                    id="tails"
                    on:change=move |ev| {
                        let tails = if event_target_value(&ev) == "one" { Tails::One } else { Tails::Two };
                        rule.update(|r| r.tails = tails);
                    }
                >
                    <option value="two" selected=move || rule.with(|r| r.tails == Tails::Two)>
                        {t().tails_two}
                    </option>
                    <option value="one" selected=move || rule.with(|r| r.tails == Tails::One)>
                        {t().tails_one}
                    </option>
                </select>
            </p>
            <p class="field">
                <label for="sign">{t().sign_label}</label>
                <select
                    id="sign"
                    on:change=move |ev| {
                        if let Some(s) = sign_from_key(&event_target_value(&ev)) {
                            rule.update(|r| r.expected_sign = s);
                        }
                    }
                >
                    {SIGNS
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option
                                    value=sign_key(s)
                                    selected=move || rule.with(|r| r.expected_sign == s)
                                >
                                    {sign_label(s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </p>
            <details class="per-hypothesis">
                <summary>{t().per_hypothesis}</summary>
                {move || {
                    let list = paths.get();
                    if list.is_empty() {
                        return view! { <p class="hint">{t().per_hypothesis_empty}</p> }.into_any();
                    }
                    view! {
                        <ul class="sign-list">
                            {list
                                .into_iter()
                                .enumerate()
                                .map(|(i, (key, name, path))| {
                                    let id = format!("sign-{i}");
                                    let key2 = key.clone();
                                    let current = Signal::derive(move || rule.with(|r| r.signs.get(&key2).copied()));
                                    view! {
                                        <li>
                                            <label for=id.clone()>
                                                <strong>{name.clone()}</strong>
                                                " "
                                                <span class="path">{path}</span>
                                            </label>
                                            <select
                                                id=id
                                                on:change=move |ev| {
                                                    let v = sign_from_key(&event_target_value(&ev));
                                                    let key = key.clone();
                                                    rule.update(|r| match v {
                                                        Some(s) => {
                                                            r.signs.insert(key, s);
                                                        }
                                                        None => {
                                                            r.signs.remove(&key);
                                                        }
                                                    });
                                                }
                                            >
                                                <option value="default" selected=move || current.get().is_none()>
                                                    {move || (t().sign_default)(
                                                        sign_label(rule.with(|r| r.expected_sign)),
                                                    )}
                                                </option>
                                                {SIGNS
                                                    .into_iter()
                                                    .map(|s| {
                                                        view! {
                                                            <option
                                                                value=sign_key(s)
                                                                selected=move || current.get() == Some(s)
                                                            >
                                                                {sign_label(s)}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
            </details>
            <p class="hint">{t().rule_note}</p>
        </fieldset>
    }
}
