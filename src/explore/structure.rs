//! The EFA's structure as a CFA model: a rotated solution in; lavaan model
//! text with each item on its main factor out (what the page's button *Use
//! this as my model* writes into the model text).
//!
//! Factor names: when the user's model is given, a factor takes the name of
//! the model factor that most of its items belong to (if no other EFA
//! factor has claimed that name already), otherwise `F1`, `F2`, … in the
//! EFA's order. Items whose main loading is weak, or that cross-load, stay
//! on their main factor and are named in a comment so the user can decide.

use super::{ModelFactor, RotatedSolution};

/// Model text for the solution; `model` is the user's measurement model, if any.
pub fn model_text(sol: &RotatedSolution, model: &[ModelFactor]) -> String {
    let m = sol.nfactors;
    let mut names: Vec<String> = Vec::with_capacity(m);
    for j in 0..m {
        let items: Vec<&str> = sol
            .items
            .iter()
            .filter(|i| i.main_factor == j)
            .map(|i| i.item.as_str())
            .collect();
        let best = model
            .iter()
            .map(|f| {
                let hits = items
                    .iter()
                    .filter(|i| f.items.iter().any(|x| x == *i))
                    .count();
                (hits, f)
            })
            .filter(|(hits, f)| *hits * 2 > items.len() && !names.contains(&f.name))
            .max_by_key(|(hits, _)| *hits);
        names.push(match best {
            Some((_, f)) => f.name.clone(),
            None => {
                let mut k = j + 1;
                while names.contains(&format!("F{k}"))
                    || model.iter().any(|f| f.name == format!("F{k}"))
                {
                    k += 1;
                }
                format!("F{k}")
            }
        });
    }
    let mut out = String::new();
    let mut notes = Vec::new();
    for (j, name) in names.iter().enumerate() {
        let items: Vec<&str> = sol
            .items
            .iter()
            .filter(|i| i.main_factor == j)
            .map(|i| i.item.as_str())
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("{name} =~ {}\n", items.join(" + ")));
    }
    for i in &sol.items {
        if i.weak {
            notes.push(format!("# {}: main loading below .40", i.item));
        }
        if !i.cross_loadings.is_empty() {
            let others: Vec<&str> = i
                .cross_loadings
                .iter()
                .map(|&j| names[j].as_str())
                .collect();
            notes.push(format!(
                "# {}: also loads ≥ .30 on {}",
                i.item,
                others.join(", ")
            ));
        }
    }
    if !notes.is_empty() {
        out.push_str(&notes.join("\n"));
        out.push('\n');
    }
    out
}
