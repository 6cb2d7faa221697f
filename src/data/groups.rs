//! Groups of a multi-group analysis: a data table and the name of its group
//! column in; the groups (lavaan's `group.label`) and which group each data
//! row belongs to out.
//!
//! lavaan (`R/lav_data.R`, `lav_data_full`): the groups are the distinct
//! values of the group column **in order of first appearance**; a row whose
//! group value is missing belongs to no group and is left out. A group
//! column with a single value is no comparison at all and is refused here,
//! with the value named.

use super::{DataTable, MeasureLevel, NumericData};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The groups of the data rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Groups {
    /// The group column.
    pub column: String,
    /// Group labels (the column's text), in order of first appearance.
    pub labels: Vec<String>,
    /// Group (0-based index into `labels`) of every data row; None when the
    /// row's group value is missing.
    pub of_row: Vec<Option<usize>>,
}

/// Why the group column cannot define groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum GroupError {
    /// The group column is not in the data.
    UnknownColumn {
        name: String,
        /// A column with nearly the same name (case differs), if any.
        suggestion: Option<String>,
    },
    /// Every row with a group value has the same one.
    OneLevel { column: String, level: String },
    /// No row has a group value.
    NoValues { column: String },
    /// The group column is also a variable of the model: within each group
    /// it would not vary (lavaan: "some variables have no variance in
    /// group 1").
    InModel { column: String },
    /// So many groups for the rows (fewer than five rows a group on
    /// average) that the column is a measurement rather than a grouping;
    /// reported when a group's data cannot be used.
    ManyGroups {
        column: String,
        groups: usize,
        rows: usize,
    },
}

impl fmt::Display for GroupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupError::UnknownColumn { name, suggestion } => {
                write!(f, "the group column \"{name}\" is not in the data")?;
                match suggestion {
                    Some(s) => write!(f, " (did you mean \"{s}\"?)"),
                    None => write!(f, " (names are case-sensitive)"),
                }
            }
            GroupError::OneLevel { column, level } => write!(
                f,
                "the group column \"{column}\" has only one value (\"{level}\") in the rows used, so there is nothing to compare; choose a column with two or more groups"
            ),
            GroupError::NoValues { column } => write!(
                f,
                "the group column \"{column}\" is empty (every row is missing), so no row belongs to a group"
            ),
            GroupError::ManyGroups { column, groups, rows } => write!(
                f,
                "the group column \"{column}\" has {} different values among {} rows, too few rows for each group; a group column names a few groups (e.g. gender or channel), not a measurement: choose another group column",
                crate::format::count(*groups),
                crate::format::count(*rows)
            ),
            GroupError::InModel { column } => write!(
                f,
                "the group column \"{column}\" is also a variable of the model, so it would not vary within any group; the group column says which group a row belongs to (e.g. gender or channel): take `{column}` out of the model, or choose another group column"
            ),
        }
    }
}

impl std::error::Error for GroupError {}

impl Localized for GroupError {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                GroupError::UnknownColumn { name, suggestion } => match suggestion {
                    Some(s) => format!("分组列“{name}”不在数据中（是否想写“{s}”？）"),
                    None => format!("分组列“{name}”不在数据中（列名区分大小写）"),
                },
                GroupError::OneLevel { column, level } => format!(
                    "分组列“{column}”在所用的行中只有一个取值（“{level}”），没有可比较的组；请选择含两个或更多组的列"
                ),
                GroupError::NoValues { column } => format!(
                    "分组列“{column}”为空（每一行都缺失），没有任何行属于某个组"
                ),
                GroupError::ManyGroups { column, groups, rows } => format!(
                    "分组列“{column}”在 {} 行中有 {} 个不同的取值，每组的行数太少；分组列应只含少数几个组（如性别、渠道），而不是测量值：请选择其他分组列",
                    crate::format::count(*rows),
                    crate::format::count(*groups)
                ),
                GroupError::InModel { column } => format!(
                    "分组列“{column}”同时是模型中的变量，在每个组内都不会变化；分组列只用于标明每行所属的组（如性别、渠道）：请将 `{column}` 移出模型，或选择其他分组列"
                ),
            },
        }
    }
}

impl Groups {
    /// The groups of `table` by its column `column`.
    pub fn from_table(table: &DataTable, column: &str) -> Result<Groups, GroupError> {
        let Some(col) = table.column_index(column) else {
            let lower = crate::letter_case::lower(column);
            let suggestion = table
                .names()
                .iter()
                .find(|n| crate::letter_case::lower(n) == lower)
                .cloned();
            return Err(GroupError::UnknownColumn {
                name: column.to_string(),
                suggestion,
            });
        };
        let mut labels: Vec<String> = Vec::new();
        let mut of_row = Vec::with_capacity(table.n_rows());
        for i in 0..table.n_rows() {
            let cell = table.cell(i, col).unwrap_or("");
            if cell.is_empty() || table.is_missing_text(cell) {
                of_row.push(None);
                continue;
            }
            let g = match labels.iter().position(|l| l == cell) {
                Some(g) => g,
                None => {
                    labels.push(cell.to_string());
                    labels.len() - 1
                }
            };
            of_row.push(Some(g));
        }
        match labels.len() {
            0 => Err(GroupError::NoValues {
                column: column.to_string(),
            }),
            1 => Err(GroupError::OneLevel {
                column: column.to_string(),
                level: labels[0].clone(),
            }),
            _ => Ok(Groups {
                column: column.to_string(),
                labels,
                of_row,
            }),
        }
    }

    /// [`GroupError::ManyGroups`] when there are more than ten groups with
    /// fewer than five rows each on average (a measurement, not groups).
    pub fn too_many(&self) -> Option<GroupError> {
        let rows = self.of_row.iter().filter(|g| g.is_some()).count();
        (self.len() > 10 && self.len() * 5 > rows).then(|| GroupError::ManyGroups {
            column: self.column.clone(),
            groups: self.len(),
            rows,
        })
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: a [`Groups`] has two or more groups.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Data rows (0-based) whose group value is missing.
    pub fn rows_without_group(&self) -> Vec<usize> {
        (0..self.of_row.len())
            .filter(|&i| self.of_row[i].is_none())
            .collect()
    }

    /// The rows of each group: per group, its part of `data` (rows in file
    /// order) and the 0-based data-row numbers of those rows.
    pub fn split(&self, data: &NumericData) -> Vec<(NumericData, Vec<usize>)> {
        (0..self.len())
            .map(|g| {
                let idx: Vec<usize> = (0..data.n_rows())
                    .filter(|&i| self.of_row.get(i).copied().flatten() == Some(g))
                    .collect();
                let part = NumericData {
                    names: data.names.clone(),
                    rows: idx.iter().map(|&i| data.rows[i].clone()).collect(),
                };
                (part, idx)
            })
            .collect()
    }
}

/// Most groups a column may have to be offered as a group column.
pub const MAX_GROUP_LEVELS: usize = 10;

/// A column that can define groups: its values (in order of first
/// appearance, as [`Groups::from_table`] orders the groups) and how many
/// rows have each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupColumn {
    pub name: String,
    pub levels: Vec<(String, usize)>,
    /// Each level's value label (`"1"` → `"male"`), when the file gives it.
    #[serde(default)]
    pub labels: Vec<Option<String>>,
    /// The file declares the column nominal (SPSS's *Measure*).
    #[serde(default)]
    pub nominal: bool,
}

/// The columns of `table` that can define groups: two to `max_levels`
/// distinct values, each held by at least two rows (a column of nearly
/// unique values, such as an id or a continuous score, is no grouping).
/// Columns the file declares nominal (SPSS: gender, region) come first
/// (SPSS marks many numeric columns *scale* by default, so other levels
/// exclude nothing).
pub fn group_columns(table: &DataTable, max_levels: usize) -> Vec<GroupColumn> {
    let mut out = Vec::new();
    'columns: for (col, name) in table.names().iter().enumerate() {
        let mut levels: Vec<(String, usize)> = Vec::new();
        for i in 0..table.n_rows() {
            let cell = table.cell(i, col).unwrap_or("");
            if cell.is_empty() || table.is_missing_text(cell) {
                continue;
            }
            match levels.iter().position(|(l, _)| l == cell) {
                Some(k) => levels[k].1 += 1,
                None if levels.len() == max_levels => continue 'columns,
                None => levels.push((cell.to_string(), 1)),
            }
        }
        if levels.len() >= 2 && levels.iter().all(|(_, n)| *n >= 2) {
            out.push(GroupColumn {
                name: name.clone(),
                labels: levels
                    .iter()
                    .map(|(v, _)| table.value_label(col, v).map(String::from))
                    .collect(),
                levels,
                nominal: table.measure(col) == Some(MeasureLevel::Nominal),
            });
        }
    }
    // stable: file order within the nominal and the other columns
    crate::sorting::sort_by_key(&mut out, |c| !c.nominal);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{read_table, ReadOptions};

    #[test]
    fn groups_in_order_of_first_appearance_and_missing_dropped() {
        let t = read_table(b"x,g\n1,b\n2,a\n3,NA\n4,b\n5,a\n", &ReadOptions::default()).unwrap();
        let g = Groups::from_table(&t, "g").unwrap();
        assert_eq!(g.labels, vec!["b", "a"]);
        assert_eq!(g.of_row, vec![Some(0), Some(1), None, Some(0), Some(1)]);
        assert_eq!(g.rows_without_group(), vec![2]);
        let parts = g.split(&t.numeric(&["x"]).unwrap());
        assert_eq!(parts[1].1, vec![1, 4]);
        assert_eq!(parts[1].0.rows, vec![vec![Some(2.0)], vec![Some(5.0)]]);
    }

    #[test]
    fn one_level_and_unknown_column_are_named() {
        let t = read_table(b"x,g\n1,a\n2,a\n3,\n", &ReadOptions::default()).unwrap();
        let e = Groups::from_table(&t, "g").unwrap_err();
        assert!(e.to_string().contains("only one value (\"a\")"), "{e}");
        assert!(e.message(Lang::Zh).contains("只有一个取值"));
        let e = Groups::from_table(&t, "G").unwrap_err();
        assert!(e.to_string().contains("did you mean \"g\""), "{e}");
    }

    #[test]
    fn group_columns_have_few_values_each_held_by_several_rows() {
        let t = read_table(
            b"id,x,g,h\n1,1.5,b,u\n2,2.5,a,u\n3,1.5,NA,u\n4,1.5,b,u\n5,2.5,a,u\n",
            &ReadOptions::default(),
        )
        .unwrap();
        let cols = group_columns(&t, MAX_GROUP_LEVELS);
        // `id` has unique values, `h` one value; `x` has two rows per value
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["x", "g"]);
        assert_eq!(cols[1].levels, vec![("b".into(), 2), ("a".into(), 2)]);
        assert!(group_columns(&t, 1).is_empty());
    }
}
