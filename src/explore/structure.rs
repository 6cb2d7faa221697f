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

/// The model text after *Use this as my model*: the EFA's measurement part
/// (`efa_model`, from [`model_text`]) in place of the user's `=~`
/// statements, followed by everything else the user wrote (regressions,
/// covariances, `:=` lines, comments), in their order. A kept line that
/// names a factor the EFA no longer has is then reported by the model
/// check at its line and column, so nothing is lost silently.
pub fn replace_measurement(efa_model: &str, user_model: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    // the last statement line was part of a definition, and whether it
    // ended with `+` (so the next statement line continues it)
    let (mut after_definition, mut open) = (false, false);
    for line in user_model.lines() {
        let code = line.split('#').next().unwrap_or("").trim();
        if code.is_empty() {
            kept.push(line);
            continue;
        }
        let continues = open || (after_definition && code.starts_with('+'));
        if code.contains("=~") || continues {
            after_definition = true;
            open = code.ends_with('+');
            continue;
        }
        after_definition = false;
        open = false;
        kept.push(line);
    }
    while kept.first().is_some_and(|l| l.trim().is_empty()) {
        kept.remove(0);
    }
    let rest = kept.join("\n");
    let rest = rest.trim_end();
    if rest.is_empty() {
        efa_model.to_string()
    } else {
        format!("{}\n\n{rest}\n", efa_model.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::replace_measurement;

    #[test]
    fn the_structural_part_and_comments_stay_the_definitions_are_replaced() {
        let user = "# my study\nA =~ a1 + a2 +\n     a3\nB =~ b1 + b2 + b3\n\nB ~ H1*A\na1 ~~ a2\n";
        let efa = "A =~ a1 + a2\nB =~ a3 + b1 + b2 + b3\n";
        assert_eq!(
            replace_measurement(efa, user),
            "A =~ a1 + a2\nB =~ a3 + b1 + b2 + b3\n\n# my study\n\nB ~ H1*A\na1 ~~ a2\n"
        );
    }

    #[test]
    fn a_pure_measurement_model_becomes_the_efa_structure() {
        let efa = "F1 =~ x1 + x2 + x3\n# x3: main loading below .40\n";
        assert_eq!(replace_measurement(efa, "visual =~ x1 + x2 + x3\n"), efa);
    }
}
