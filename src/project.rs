//! Project files: the model text, the options, the diagram's settings and
//! node positions, and the name of the data file — never the data — as
//! JSON, so a user can save their work and open it again (the data file is
//! dropped in again; it never leaves the device inside a project).
//!
//! ```json
//! { "format": "semlab-project", "version": 1, "semlab": "0.1.0",
//!   "model": "Trust =~ T1 + T2 + T3\n...", "options": { "std_lv": false, ... },
//!   "data_file": "survey.csv", "missing_codes": ["-99"],
//!   "composites": [{ "name": "Trust_mean", "items": ["T1", "T2", "T3"] }],
//!   "diagram": { "options": { ... }, "layout": { "positions": { ... } } } }
//! ```
//!
//! [`Project::from_json`] checks everything and says what is wrong in plain
//! words: not JSON (with line and column), not a semlab project, a newer
//! format version, a missing or empty model, an unknown option or a wrong
//! value (naming the option), or data inside the file.

use crate::analysis::Options;
use crate::diagram::{DiagramOptions, Layout};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The `format` field of every project file.
pub const FORMAT: &str = "semlab-project";
/// The format version this semlab writes (and the newest it reads).
pub const VERSION: u64 = 1;

/// The diagram as the user left it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DiagramState {
    #[serde(default)]
    pub options: DiagramOptions,
    /// Node positions after dragging (None: automatic layout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
}

/// A saved project.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub model: String,
    pub options: Options,
    /// The name of the data file analysed (informative; no data).
    pub data_file: Option<String>,
    /// Extra codes meaning "missing" used when reading the data.
    pub missing_codes: Vec<String>,
    /// Composite scores added to the data (name, items), in order: made
    /// again when the data is loaded (the recipe, never the values).
    pub composites: Vec<(String, Vec<String>)>,
    pub diagram: Option<DiagramState>,
}

/// One composite score in the file: `{"name": ..., "items": [...]}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompositeEntry {
    name: String,
    items: Vec<String>,
}

/// Why a project file could not be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectError {
    /// Not JSON at all.
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a semlab project.
    NotAProject(String),
    /// Written by a newer semlab.
    NewerVersion(u64),
    /// A field is missing or has the wrong type or value.
    Field { field: String, message: String },
    /// The file holds data, which a project never does.
    ContainsData(String),
}

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectError::NotJson {
                line,
                column,
                message,
            } => write!(
                f,
                "this is not a semlab project file: it is not valid JSON (line {line}, column {column}: {message})"
            ),
            ProjectError::NotAProject(why) => write!(f, "this is not a semlab project file: {why}"),
            ProjectError::NewerVersion(v) => write!(
                f,
                "this project file has format version {v}, made by a newer semlab; this semlab reads up to version {VERSION}: update semlab to open it"
            ),
            ProjectError::Field { field, message } => {
                write!(f, "the project file's `{field}` {message}")
            }
            ProjectError::ContainsData(key) => write!(
                f,
                "the project file has a `{key}` field with data; semlab project files never hold data (drop the data file in separately)"
            ),
        }
    }
}

impl std::error::Error for ProjectError {}

fn field(name: &str, message: impl Into<String>) -> ProjectError {
    ProjectError::Field {
        field: name.to_string(),
        message: message.into(),
    }
}

/// A JSON value's kind in words.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl Project {
    /// A project for a model and options.
    pub fn new(model: &str, options: &Options) -> Project {
        Project {
            model: model.to_string(),
            options: options.clone(),
            data_file: None,
            missing_codes: Vec::new(),
            composites: Vec::new(),
            diagram: None,
        }
    }

    /// The project as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        let mut m = Map::new();
        m.insert("format".into(), FORMAT.into());
        m.insert("version".into(), VERSION.into());
        m.insert("semlab".into(), env!("CARGO_PKG_VERSION").into());
        m.insert("model".into(), self.model.clone().into());
        m.insert(
            "options".into(),
            serde_json::to_value(&self.options).unwrap_or(Value::Null),
        );
        if let Some(d) = &self.data_file {
            m.insert("data_file".into(), d.clone().into());
        }
        if !self.missing_codes.is_empty() {
            m.insert(
                "missing_codes".into(),
                serde_json::to_value(&self.missing_codes).unwrap_or(Value::Null),
            );
        }
        if !self.composites.is_empty() {
            let entries: Vec<CompositeEntry> = self
                .composites
                .iter()
                .map(|(name, items)| CompositeEntry {
                    name: name.clone(),
                    items: items.clone(),
                })
                .collect();
            m.insert(
                "composites".into(),
                serde_json::to_value(entries).unwrap_or(Value::Null),
            );
        }
        if let Some(d) = &self.diagram {
            m.insert(
                "diagram".into(),
                serde_json::to_value(d).unwrap_or(Value::Null),
            );
        }
        let mut s = serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads and checks a project file.
    pub fn from_json(text: &str) -> Result<Project, ProjectError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let v: Value = serde_json::from_str(text).map_err(|e| ProjectError::NotJson {
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or("")
                .to_string(),
        })?;
        let Value::Object(obj) = v else {
            return Err(ProjectError::NotAProject(format!(
                "it holds {}, not an object with a model and options",
                kind(&v)
            )));
        };
        match obj.get("format") {
            Some(Value::String(s)) if s == FORMAT => {}
            Some(Value::String(s)) => {
                return Err(ProjectError::NotAProject(format!(
                    "its format is `{s}`, not `{FORMAT}`"
                )))
            }
            Some(other) => {
                return Err(ProjectError::NotAProject(format!(
                    "its `format` is {}, not the text `{FORMAT}`",
                    kind(other)
                )))
            }
            None => {
                return Err(ProjectError::NotAProject(format!(
                    "it has no `format: \"{FORMAT}\"` field"
                )))
            }
        }
        match obj.get("version") {
            Some(Value::Number(n)) => match n.as_u64() {
                Some(v) if v > VERSION => return Err(ProjectError::NewerVersion(v)),
                Some(v) if v >= 1 => {}
                _ => {
                    return Err(field(
                        "version",
                        format!("must be a whole number from 1 to {VERSION}, not {n}"),
                    ))
                }
            },
            Some(other) => {
                return Err(field(
                    "version",
                    format!("must be a whole number, not {}", kind(other)),
                ))
            }
            None => return Err(field("version", "is missing")),
        }
        for key in ["data", "rows", "values", "cov", "sample_cov", "raw_data"] {
            if obj.contains_key(key) {
                return Err(ProjectError::ContainsData(key.to_string()));
            }
        }
        let known = [
            "format",
            "version",
            "semlab",
            "model",
            "options",
            "data_file",
            "missing_codes",
            "composites",
            "diagram",
        ];
        if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(field(
                k,
                format!(
                    "is not a field of a project file (known: {})",
                    known.join(", ")
                ),
            ));
        }
        let model = match obj.get("model") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::String(_)) => {
                return Err(field("model", "is empty: write the model in lavaan syntax"))
            }
            Some(other) => {
                return Err(field(
                    "model",
                    format!("must be the model text, not {}", kind(other)),
                ))
            }
            None => return Err(field("model", "is missing")),
        };
        let options = match obj.get("options") {
            None | Some(Value::Null) => Options::default(),
            Some(Value::Object(given)) => read_options(given)?,
            Some(other) => {
                return Err(field(
                    "options",
                    format!("must be an object of options, not {}", kind(other)),
                ))
            }
        };
        let data_file = match obj.get("data_file") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                return Err(field(
                    "data_file",
                    format!("must be a file name, not {}", kind(other)),
                ))
            }
        };
        let missing_codes = match obj.get("missing_codes") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(xs)) => xs
                .iter()
                .map(|x| match x {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(field(
                        "missing_codes",
                        format!("must list codes such as \"-99\", not {}", kind(other)),
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(field(
                    "missing_codes",
                    format!("must be a list of codes, not {}", kind(other)),
                ))
            }
        };
        let composites = match obj.get("composites") {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => serde_json::from_value::<Vec<CompositeEntry>>(v.clone())
                .map_err(|e| {
                    field(
                        "composites",
                        format!(
                            "must list composite scores such as {{\"name\": \"Trust_mean\", \"items\": [\"T1\", \"T2\"]}} ({e})"
                        ),
                    )
                })?
                .into_iter()
                .map(|c| {
                    if c.items.is_empty() {
                        Err(field(
                            "composites",
                            format!("has `{}` without items", c.name),
                        ))
                    } else {
                        Ok((c.name, c.items))
                    }
                })
                .collect::<Result<_, _>>()?,
        };
        let diagram = match obj.get("diagram") {
            None | Some(Value::Null) => None,
            Some(d) => Some(
                serde_json::from_value::<DiagramState>(d.clone())
                    .map_err(|e| field("diagram", format!("is not valid: {e}")))?,
            ),
        };
        Ok(Project {
            model,
            options,
            data_file,
            missing_codes,
            composites,
            diagram,
        })
    }
}

/// The options: semlab's defaults, overridden field by field, each checked
/// on its own so an error names the option.
fn read_options(given: &Map<String, Value>) -> Result<Options, ProjectError> {
    let Ok(Value::Object(defaults)) = serde_json::to_value(Options::default()) else {
        return Ok(Options::default());
    };
    let optional = ["bootstrap", "group"];
    let mut merged = defaults.clone();
    for (k, v) in given {
        if !defaults.contains_key(k) && !optional.contains(&k.as_str()) {
            let mut names: Vec<&str> = defaults.keys().map(String::as_str).collect();
            crate::sorting::sort(&mut names);
            return Err(field(
                &format!("options.{k}"),
                format!("is not an option (options: {})", names.join(", ")),
            ));
        }
        let mut one = defaults.clone();
        one.insert(k.clone(), v.clone());
        if let Err(e) = serde_json::from_value::<Options>(Value::Object(one)) {
            return Err(field(
                &format!("options.{k}"),
                format!("has a wrong value: {e}"),
            ));
        }
        merged.insert(k.clone(), v.clone());
    }
    serde_json::from_value::<Options>(Value::Object(merged))
        .map_err(|e| field("options", format!("are not valid together: {e}")))
}

// ---------------------------------------------------------------------------
// 简体中文 (see `crate::i18n`)

/// A project-file error in Chinese.
fn zh_text(e: &ProjectError) -> String {
    match e {
        ProjectError::NotJson {
            line,
            column,
            message,
        } => format!(
            "这不是 semlab 项目文件：它不是有效的 JSON（第 {line} 行第 {column} 列：{message}）"
        ),
        ProjectError::NotAProject(why) => format!("这不是 semlab 项目文件：{why}"),
        ProjectError::NewerVersion(v) => format!(
            "该项目文件的格式版本为 {v}，由更新版本的 semlab 生成；当前 semlab 最多读取版本 {}：请更新 semlab 后再打开",
            VERSION
        ),
        ProjectError::Field { field, message } => {
            format!("项目文件的 `{field}` 字段有误：{message}")
        }
        ProjectError::ContainsData(key) => format!(
            "项目文件含有存放数据的 `{key}` 字段；semlab 项目文件从不包含数据（请另外载入数据文件）"
        ),
    }
}

impl Localized for ProjectError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => zh_text(self),
        }
    }
}
