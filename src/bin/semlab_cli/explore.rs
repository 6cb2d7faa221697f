//! `semlab explore`: the checks before and around the CFA on the command
//! line (KMO, Bartlett, eigenvalues and parallel analysis, the EFA for
//! 1..K factors, Harman, the one-factor CFA, the CLF model, a marker
//! variable). See [`semlab::measurement::check`].

use super::data_args::{parse_lang, walk, ReadArgs};
use semlab::explore::{ExploreOptions, Rotation};
use semlab::i18n::{Lang, Localized};
use semlab::measurement::{self, ItemSource};

pub const USAGE: &str = "usage: semlab explore --data FILE (--model FILE | --items a,b,c) [--factors K]
                      [--rotation geomin|oblimin|promax|varimax|quartimin] [--marker COL]
                      [--seed S] [--scree FILE.svg] [--r-script FILE.R] [--methods] [--json] [--lang en|zh]
options:
  --model FILE     the items are the model's observed indicators; K defaults to its number of factors
  --items a,b,c    the items, without a model (K defaults to the parallel-analysis suggestion)
  --factors K      fit the EFA with 1..K factors and show the rotated loadings of K
  --rotation R     rotation of the loadings shown (default geomin, as lavaan's efa())
  --marker COL     a column theoretically unrelated to the items (Lindell & Whitney correction)
  --seed S         seed of parallel analysis's random data
  --scree FILE     write the scree plot with the parallel-analysis line as SVG
  --r-script FILE  write an R script that reproduces the checks with lavaan (efa(), the CLF model)
  --methods        print the methods paragraph instead of the tables
  --missing-codes LIST, --sheet N, --encoding NAME   as for `semlab fit`";

struct Args {
    input: ReadArgs,
    model: Option<String>,
    items: Option<Vec<String>>,
    marker: Option<String>,
    scree: Option<String>,
    r_script: Option<String>,
    methods: bool,
    json: bool,
    lang: Lang,
    opts: ExploreOptions,
}

fn parse(it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args {
        input: ReadArgs::default(),
        model: None,
        items: None,
        marker: None,
        scree: None,
        r_script: None,
        methods: false,
        json: false,
        lang: Lang::En,
        opts: ExploreOptions::default(),
    };
    walk(it, "explore", USAGE, |flag, value| {
        match flag {
            "--model" => a.model = Some(value("--model")?),
            "--items" => {
                a.items = Some(
                    value("--items")?
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                )
            }
            "--marker" => a.marker = Some(value("--marker")?),
            "--scree" => a.scree = Some(value("--scree")?),
            "--json" => a.json = true,
            "--r-script" => a.r_script = Some(value("--r-script")?),
            "--methods" => a.methods = true,
            "--lang" => a.lang = parse_lang(&value("--lang")?)?,
            "--factors" => {
                let v = value("--factors")?;
                a.opts.factors = Some(v.parse().ok().filter(|k| *k >= 1).ok_or_else(|| {
                    format!("--factors needs a number of factors (1 or more), not `{v}`")
                })?);
            }
            "--rotation" => {
                let v = value("--rotation")?;
                a.opts.rotation = Rotation::parse(&v).ok_or_else(|| {
                    format!("unknown rotation `{v}`; choose geomin, oblimin, promax, varimax or quartimin")
                })?;
            }
            "--seed" => {
                let v = value("--seed")?;
                a.opts.seed = v
                    .parse()
                    .map_err(|_| format!("--seed needs a whole number, not `{v}`"))?;
            }
            other => return a.input.take(other, value),
        }
        Ok(true)
    })?;
    Ok(a)
}

/// Runs `semlab explore` with the arguments after the command word.
pub fn run(args: impl Iterator<Item = String>) -> Result<String, String> {
    let a = parse(args)?;
    let lang = a.lang;
    let (path, table) = a.input.table(lang)?;
    let model_text;
    let source = match (&a.model, a.items) {
        (Some(m), None) => {
            let bytes =
                std::fs::read(m).map_err(|e| format!("cannot read the model file `{m}`: {e}"))?;
            model_text = String::from_utf8(bytes)
                .map_err(|_| format!("{m}: the model file is not UTF-8 text"))?;
            ItemSource::Model(&model_text)
        }
        (None, Some(items)) => ItemSource::Items(items),
        (Some(_), Some(_)) => {
            return Err("give either --model FILE or --items a,b,c, not both".into())
        }
        (None, None) => return Err("--model FILE or --items a,b,c is required".into()),
    };
    let check = measurement::check(&table, &source, a.marker.as_deref(), &a.opts).map_err(|e| {
        let m = e.message(lang);
        match (&e, &a.model) {
            (semlab::explore::ExploreError::Model(_), Some(mp)) => format!("{mp}: {m}"),
            _ => format!("{path}: {m}"),
        }
    })?;
    if let Some(svg_path) = &a.scree {
        let e = &check.exploration;
        let svg = semlab::explore::scree::svg(
            &e.eigenvalues,
            &e.parallel,
            &semlab::explore::scree::ScreeLabels::in_lang(lang),
        );
        std::fs::write(svg_path, svg).map_err(|e| format!("cannot write `{svg_path}`: {e}"))?;
    }
    if let Some(r_path) = &a.r_script {
        let model = match &source {
            ItemSource::Model(m) => Some(*m),
            ItemSource::Items(_) => None,
        };
        let data = semlab::report::rscript::RData::File {
            name: path.clone(),
            delimiter: table.delimiter(),
            decimal_comma: table.decimal_comma(),
            missing_codes: a.input.read.missing_codes.clone(),
            encoding: table.encoding(),
            composites: Vec::new(),
        };
        let script = semlab::report::measurement::r_script(&check, &data, model);
        std::fs::write(r_path, script).map_err(|e| format!("cannot write `{r_path}`: {e}"))?;
    }
    if a.methods {
        Ok(semlab::report::measurement::methods_paragraph(&check, lang))
    } else if a.json {
        serde_json::to_string_pretty(&semlab::report::measurement::json(&check))
            .map_err(|e| e.to_string())
    } else {
        Ok(semlab::report::measurement::text(&check, lang))
    }
}
