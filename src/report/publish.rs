//! Publication outputs asked for on the command line (`semlab fit
//! --diagram out.svg --latex out.tex --methods ...`): the flags, and the
//! files they produce from an analysis. The command-line tool writes the
//! files; the browser app calls the generators directly
//! ([`crate::diagram::to_svg`], [`super::apa`], [`super::methods`],
//! [`super::rscript`], [`crate::project`]).

use super::methods::{self, Lang};
use super::rscript::{r_script, RData};
use super::{apa, Table};
use crate::analysis::{Analysis, Options};
use crate::diagram::{self, DiagramOptions, LabelMode};
use crate::project::{DiagramState, Project};

/// The help lines of the flags.
pub const USAGE: &str = "publication outputs:
  --diagram FILE         the path diagram as SVG (with --group: one per group, FILE-<group>.svg)
  --diagram-labels std|unstd|none   label the paths with standardized (default) or unstandardized estimates, or not
  --diagram-residuals    show residual variances in the diagram
  --diagram-structural   hide the measurement part (items and loadings) in the diagram
  --html FILE            APA-style tables as HTML (pastes into Word)
  --latex FILE           APA-style tables as LaTeX (booktabs)
  --csv-dir DIR          APA-style tables as CSV files in DIR
  --methods              print the methods paragraph instead of the report
  --r-script FILE        an R script that reproduces the analysis in lavaan
  --project FILE         save the model and options (never the data) as a project file";

/// What to produce.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publish {
    pub diagram: Option<String>,
    pub diagram_options: DiagramOptions,
    pub html: Option<String>,
    pub latex: Option<String>,
    pub csv_dir: Option<String>,
    pub methods: bool,
    pub r_script: Option<String>,
    pub project: Option<String>,
}

const VALUE_FLAGS: [&str; 7] = [
    "--diagram",
    "--diagram-labels",
    "--html",
    "--latex",
    "--csv-dir",
    "--r-script",
    "--project",
];
const SWITCHES: [&str; 3] = ["--diagram-residuals", "--diagram-structural", "--methods"];

impl Publish {
    /// A flag of this module that takes a value.
    pub fn takes_value(flag: &str) -> bool {
        VALUE_FLAGS.contains(&flag)
    }
    /// A flag of this module without a value.
    pub fn is_switch(flag: &str) -> bool {
        SWITCHES.contains(&flag)
    }
    /// Records a flag (with its value for [`Publish::takes_value`] flags).
    pub fn set(&mut self, flag: &str, value: Option<String>) -> Result<(), String> {
        let v = value.unwrap_or_default();
        match flag {
            "--diagram" => self.diagram = Some(v),
            "--diagram-labels" => {
                self.diagram_options.labels = match v.as_str() {
                    "std" | "standardized" => LabelMode::Standardized,
                    "unstd" | "unstandardized" => LabelMode::Unstandardized,
                    "none" => LabelMode::None,
                    _ => {
                        return Err(format!(
                            "--diagram-labels is `std`, `unstd` or `none`, not `{v}`"
                        ))
                    }
                }
            }
            "--diagram-residuals" => self.diagram_options.residuals = true,
            "--diagram-structural" => self.diagram_options.measurement = false,
            "--html" => self.html = Some(v),
            "--latex" => self.latex = Some(v),
            "--csv-dir" => self.csv_dir = Some(v),
            "--methods" => self.methods = true,
            "--r-script" => self.r_script = Some(v),
            "--project" => self.project = Some(v),
            other => return Err(format!("unknown option `{other}`")),
        }
        Ok(())
    }

    /// The files to write: (path, content). `data` names the data source for
    /// the R script and the project file.
    /// Tables, diagram and paragraph are in `lang`.
    pub fn files(
        &self,
        a: &Analysis,
        model: &str,
        opts: &Options,
        data: &RData,
        missing_codes: &[String],
        lang: Lang,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(p) = &self.diagram {
            // a multi-group fit: one diagram per group, `d-Taobao.svg`
            let labels = a.groups.as_ref().map(|g| g.labels.as_slice());
            let svgs = super::groups::diagrams(a, |one| {
                diagram::to_svg_in(one, &self.diagram_options, lang)
            });
            for (i, (_, svg)) in svgs.into_iter().enumerate() {
                let path = match labels {
                    Some(l) => path_of_group(p, &l[i]),
                    None => p.clone(),
                };
                out.push((path, svg));
            }
        }
        if self.wants_tables() {
            out.extend(self.table_files(&apa::tables_in(a, lang), lang));
        }
        if let Some(p) = &self.r_script {
            out.push((
                p.clone(),
                r_script(model, opts, data, &a.constructs, &a.moderation),
            ));
        }
        if let Some(p) = &self.project {
            let mut pr = Project::new(model, opts);
            let name = match data {
                RData::File { name, .. } | RData::Covariance { name, .. } => name,
            };
            pr.data_file = Some(
                name.rsplit(['/', '\\'])
                    .next()
                    .unwrap_or(name.as_str())
                    .to_string(),
            );
            pr.missing_codes = missing_codes.to_vec();
            if self.diagram.is_some() {
                pr.diagram = Some(DiagramState {
                    options: self.diagram_options,
                    layout: None,
                });
            }
            out.push((p.clone(), pr.to_json()));
        }
        out
    }

    /// Whether an APA-table output (`--html`, `--latex`, `--csv-dir`) was
    /// asked for: the tables are built only then (a plain `semlab fit`
    /// spent about a tenth of its run making tables it never wrote).
    pub fn wants_tables(&self) -> bool {
        self.html.is_some() || self.latex.is_some() || self.csv_dir.is_some()
    }

    /// The `--html`, `--latex` and `--csv-dir` files of APA `tables`
    /// (`semlab fit` writes the analysis' tables, `semlab invariance` the
    /// ladder's).
    pub fn table_files(&self, tables: &[Table], lang: Lang) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(p) = &self.html {
            out.push((
                p.clone(),
                format!(
                    "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>Tables</title></head>\n<body>\n{}</body>\n</html>\n",
                    lang.code(),
                    apa::html_of(tables, lang)
                ),
            ));
        }
        if let Some(p) = &self.latex {
            out.push((p.clone(), apa::latex_of(tables, lang)));
        }
        if let Some(dir) = &self.csv_dir {
            for (name, content) in apa::csv_of(tables) {
                out.push((format!("{}/{name}", dir.trim_end_matches('/')), content));
            }
        }
        out
    }

    /// The methods paragraph, when asked for.
    pub fn methods_text(&self, a: &Analysis, opts: &Options, lang: Lang) -> Option<String> {
        self.methods.then(|| methods::paragraph(a, opts, lang))
    }
}

/// `path` with a group's label before its extension (`d.svg` → `d-Taobao.svg`),
/// characters a file name cannot hold as `_`.
fn path_of_group(path: &str, label: &str) -> String {
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let name_start = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_start + dot;
            format!("{}-{safe}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}-{safe}"),
    }
}
