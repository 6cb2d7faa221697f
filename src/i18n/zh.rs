//! 简体中文: the Chinese text of every error and warning of the engine,
//! with the same numbers, names and lavaan syntax as the English.
//!
//! Some errors carry a fragment of English text made where they arise (what
//! a parser expected, why a modifier is wrong, what is not supported);
//! [`phrase`] translates the known fragments and leaves any other as it is.

use crate::analysis::AnalysisError;
use crate::data::DataError;
use crate::estimate::ConstraintError;
use crate::partable::ModelError;
use crate::project::ProjectError;
use crate::samplestats::moments::MomentsError;
use crate::samplestats::ordinal::{OrdinalError, MAX_CATEGORIES};
use crate::syntax::{Pos, SyntaxError, SyntaxErrorKind};
use crate::warnings::WarningText;

/// `第 3 行第 7 列：` — the place in the model text that starts a message.
pub fn position_prefix(line: usize, column: usize) -> String {
    format!("第 {line} 行第 {column} 列：")
}

fn at(pos: &Pos) -> String {
    position_prefix(pos.line, pos.col)
}

/// Known English fragments inside error values, in Chinese.
const PHRASES: &[(&str, &str)] = &[
    // what a parser expected
    ("a number", "数字"),
    ("a variable name", "变量名"),
    ("a fixed value or a label before `*` (e.g. `0.5*x2`, `a*x2`)", "`*` 前的固定值或标签（如 `0.5*x2`、`a*x2`）"),
    ("a variable name after `*`", "`*` 后的变量名"),
    ("a variable name (terms are joined with `+`)", "变量名（各项用 `+` 连接）"),
    ("a single group or level name", "一个组名或层名"),
    ("a name for the defined parameter", "定义参数的名称"),
    ("`group` or `level`", "`group` 或 `level`"),
    ("an operator such as `+` or `*`", "运算符（如 `+` 或 `*`）"),
    ("a number or a parameter label", "数字或参数标签"),
    // why a modifier is wrong
    ("modifiers belong on the right-hand side (e.g. `f =~ 0.5*x1`)", "修饰符应写在运算符右侧（如 `f =~ 0.5*x1`）"),
    ("expected a number or a label", "应为数字或标签"),
    ("empty value", "值为空"),
    ("empty value inside the parentheses", "括号内的值为空"),
    ("it has no value", "没有给出值"),
    ("labels and numbers cannot be mixed in one c(...)", "同一个 c(...) 中不能混用标签和数字"),
    ("fixed() needs a number", "fixed() 需要一个数字"),
    ("label() needs a quoted name, e.g. label(\"a\")", "label() 需要带引号的名称，如 label(\"a\")"),
    ("a start value needs a number", "起始值需要一个数字"),
    ("start() needs a number", "start() 需要一个数字"),
    ("lower() needs a number", "lower() 需要一个数字"),
    ("upper() needs a number", "upper() 需要一个数字"),
    // operator hints
    ("use `=~` for loadings or `==` for an equality constraint", "载荷请用 `=~`，等式约束请用 `==`"),
    ("lavaan writes regressions as `outcome ~ predictor`", "lavaan 的回归写作 `结果变量 ~ 预测变量`"),
    ("inequality constraints are written `<` or `>`", "不等式约束写作 `<` 或 `>`"),
    ("did you mean `=~`?", "是否想写 `=~`？"),
    ("did you mean `~~`?", "是否想写 `~~`？"),
    ("did you mean `:=`?", "是否想写 `:=`？"),
    ("did you mean `==`?", "是否想写 `==`？"),
    // what is not supported
    ("a formative composite (`<~`)", "形成性构念（`<~`）"),
    ("a scaling factor (`~*~`)", "尺度因子（`~*~`）"),
    ("a group weight (`%`)", "组权重（`%`）"),
    ("an inequality constraint on an expression (only `label > number` and `label < number`)", "对表达式的不等式约束（只支持 `标签 > 数字` 和 `标签 < 数字`）"),
    ("the bootstrap together with `missing = ml`", "Bootstrap 与 `missing = ml` 同时使用"),
    ("a multi-group analysis (`group`, `group.equal`)", "多组分析（`group`、`group.equal`）"),
    ("the bootstrap with ordinal items (WLSMV)", "有序题项（WLSMV）的 Bootstrap"),
    ("the bootstrap with ordinal items", "有序题项的 Bootstrap"),
    ("full-information ML (`missing = ml`) with ordinal items", "有序题项的全信息最大似然（`missing = ml`）"),
    ("the WLSMV estimator for continuous items (WLSMV is for ordinal items: declare them with `ordered`, e.g. `--ordered all`)", "对连续题项使用 WLSMV 估计（WLSMV 用于有序题项：请用 `ordered` 声明，如 `--ordered all`）"),
    ("`missing = ml` is not allowed with the MLM estimator (nor in lavaan: the Satorra–Bentler correction needs complete data); use MLR for robust standard errors with missing data", "MLM 估计不能与 `missing = ml` 同时使用（lavaan 也不允许：Satorra–Bentler 校正需要完整数据）；有缺失数据时请用 MLR 获得稳健标准误"),
    // what needs the raw data
    ("the bootstrap", "Bootstrap"),
    ("full-information ML for missing data (`missing = ml`)", "缺失数据的全信息最大似然（`missing = ml`）"),
    ("WLSMV for ordinal items (thresholds and polychoric correlations)", "有序题项的 WLSMV（阈值与多分格相关）"),
    ("the MLR estimator", "MLR 估计"),
    ("the MLM estimator", "MLM 估计"),
    // the bootstrap
    ("the bootstrap needs a model that converges on the full data, and this one does not; fix the estimation first (see the warnings without --bootstrap)", "Bootstrap 要求模型在完整数据上收敛，而此模型未收敛；请先解决估计问题（见不做 Bootstrap 时的警告）"),
    ("the bootstrap needs the raw data, not only a covariance matrix", "Bootstrap 需要原始数据，而不只是协方差矩阵"),
    ("the number of bootstrap draws must be at least 1", "Bootstrap 抽样次数至少为 1"),
    ("the bootstrap confidence level must lie between 0 and 1", "Bootstrap 置信水平必须介于 0 和 1 之间"),
    // data readers
    ("Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    ("SPSS data file (.sav)", "SPSS 数据文件（.sav）"),
    ("an SPSS data file (.sav)", "SPSS 数据文件（.sav）"),
    ("an old Excel workbook (.xls)", "旧版 Excel 工作簿（.xls）"),
    ("a PDF document", "PDF 文档"),
    ("a binary file", "二进制文件"),
    ("an Excel workbook (.xlsx) or another zip archive", "Excel 工作簿（.xlsx）或其他 ZIP 压缩包"),
    ("a binary file (or UTF-16 text without a byte-order mark)", "二进制文件（或没有字节顺序标记的 UTF-16 文本）"),
    ("a password-protected Excel workbook (or an old .xls file renamed to .xlsx)", "有密码保护的 Excel 工作簿（或被改名为 .xlsx 的旧版 .xls 文件）"),
    ("open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx (Excel Workbook) or CSV", "请在 Excel 中打开，取消密码（文件 > 信息 > 保护工作簿）后另存为 .xlsx（Excel 工作簿）或 CSV"),
    ("an old Excel workbook (.xls) or another old Office file", "旧版 Excel 工作簿（.xls）或其他旧版 Office 文件"),
    ("open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV", "请在 Excel 或 LibreOffice 中打开，另存为 .xlsx（Excel 工作簿）或 CSV"),
    ("an OpenDocument spreadsheet (.ods)", "OpenDocument 电子表格（.ods）"),
    ("open it in LibreOffice or Excel and save it as .xlsx or CSV", "请在 LibreOffice 或 Excel 中打开，另存为 .xlsx 或 CSV"),
    ("an Apple Numbers spreadsheet", "Apple Numbers 电子表格"),
    ("export it from Numbers as Excel (.xlsx) or CSV", "请从 Numbers 导出为 Excel（.xlsx）或 CSV"),
    ("a Stata data file (.dta)", "Stata 数据文件（.dta）"),
    ("export it from Stata as CSV (export delimited) or Excel (export excel)", "请从 Stata 导出为 CSV（export delimited）或 Excel（export excel）"),
    ("a SAS data file", "SAS 数据文件"),
    ("export it from SAS as CSV (PROC EXPORT) or .xlsx", "请从 SAS 导出为 CSV（PROC EXPORT）或 .xlsx"),
    ("an SPSS portable file (.por)", "SPSS 可移植文件（.por）"),
    ("open it in SPSS or PSPP and save it as a .sav data file or as CSV", "请在 SPSS 或 PSPP 中打开，另存为 .sav 数据文件或 CSV"),
    ("an SPSS syntax file, not a data file", "SPSS 语法文件，而不是数据文件"),
    ("an SPSS output file, not a data file", "SPSS 输出文件，而不是数据文件"),
    ("load the .sav data file instead", "请改为载入 .sav 数据文件"),
    ("an R data file", "R 数据文件"),
    ("write the data frame out from R with write.csv() (or haven::write_sav())", "请在 R 中用 write.csv()（或 haven::write_sav()）导出数据框"),
    ("a JSON file", "JSON 文件"),
    ("save the data as CSV or .xlsx with one column per variable", "请将数据另存为每个变量一列的 CSV 或 .xlsx"),
    ("a columnar data file (Parquet/Arrow)", "列式数据文件（Parquet/Arrow）"),
    ("save the data as CSV", "请将数据另存为 CSV"),
    ("a MATLAB data file", "MATLAB 数据文件"),
    ("save the data as CSV (writetable)", "请将数据另存为 CSV（writetable）"),
    ("a password-protected Excel workbook", "有密码保护的 Excel 工作簿"),
    ("remove the password in Excel (File > Info > Protect Workbook), save, and load it again", "请在 Excel 中取消密码（文件 > 信息 > 保护工作簿），保存后重新载入"),
    ("Mardia's multivariate skewness and kurtosis", "Mardia 多元偏度和峰度"),
];

/// A known English fragment in Chinese (others unchanged).
pub fn phrase(s: &str) -> String {
    PHRASES
        .iter()
        .find(|(en, _)| *en == s)
        .map(|(_, zh)| zh.to_string())
        .unwrap_or_else(|| s.to_string())
}

/// `3 loadings, 2 covariances` (the breakdown of free parameters) in Chinese.
fn breakdown(s: &str) -> String {
    const WORDS: [(&str, &str); 7] = [
        ("loadings", "个载荷"),
        ("regressions", "个回归系数"),
        ("intercepts", "个截距"),
        ("variances", "个方差"),
        ("covariances", "个协方差"),
        ("thresholds", "个阈值"),
        ("scaling factors", "个尺度因子"),
    ];
    s.split(", ")
        .map(|part| {
            let (n, what) = part.split_once(' ').unwrap_or((part, ""));
            match WORDS.iter().find(|(en, _)| *en == what) {
                Some((_, zh)) => format!("{n} {zh}"),
                None => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// `` `a`、`b` 和 `c` ``: names as code, the last joined by 和.
fn code_and_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match q.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} 和 {last}", rest.join("、")),
    }
}

/// A syntax error in Chinese.
pub fn syntax_error(e: &SyntaxError) -> String {
    use SyntaxErrorKind::*;
    let body = match &e.kind {
        UnexpectedCharacter(c) => format!("模型语法中不能出现字符 `{c}`"),
        UnterminatedString => "带引号的标签缺少右引号".to_string(),
        UnknownOperator { text, hint } => match hint {
            Some(h) => format!("未知的运算符 `{text}`（{}）", phrase(h)),
            None => format!("未知的运算符 `{text}`"),
        },
        UnbalancedParenthesis { open: true } => "这个 `(` 没有对应的 `)`".to_string(),
        UnbalancedParenthesis { open: false } => "这个 `)` 没有对应的 `(`".to_string(),
        MissingOperator { text } => format!(
            "`{text}` 缺少运算符；请写成如 `factor =~ item1 + item2`、`y ~ x` 或 `x ~~ y` 的形式"
        ),
        TwoOperators { first, second } => {
            format!("一条语句不能有两个运算符（`{first}` 和 `{second}`）；请分行书写")
        }
        EmptySide { op, left: true } => format!("`{op}` 左侧缺少内容"),
        EmptySide { op, left: false } => format!("`{op}` 右侧缺少内容"),
        Unexpected { found, expected } => {
            format!("此处应为{}，却出现了 `{found}`", expected_zh(expected))
        }
        BadModifier { text, reason } => {
            format!("修饰符 `{text}` 无效：{}", reason_zh(reason))
        }
        BadName { text } => format!("`{text}` 不是有效的变量名"),
    };
    format!("{}{body}", at(&e.pos))
}

fn expected_zh(expected: &str) -> String {
    if let Some(list) = expected.strip_prefix("one of the functions ") {
        return format!("以下函数之一：{list}");
    }
    phrase(expected)
}

fn reason_zh(reason: &str) -> String {
    if let Some(v) = reason
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix("` is not a number; a modifier is a number, NA or one label"))
    {
        return format!("`{v}` 不是数字；修饰符只能是数字、NA 或一个标签");
    }
    phrase(reason)
}

/// A model error in Chinese.
pub fn model_error(e: &ModelError) -> String {
    match e {
        ModelError::Syntax(e) => syntax_error(e),
        ModelError::UnknownVariable {
            name,
            pos,
            suggestion,
        } => match suggestion {
            Some(s) => format!("{}`{name}` 不是数据中的列（是否想写 `{s}`？）", at(pos)),
            None => format!(
                "{}`{name}` 不是数据中的列，也不是用 `=~` 定义的潜变量",
                at(pos)
            ),
        },
        ModelError::LatentWithoutIndicators { name, pos } => format!(
            "{}`{name}` 被当作潜变量使用，但它没有测量题项，也不是数据中的列；请用 `{name} =~ item1 + item2 + item3` 定义它",
            at(pos)
        ),
        ModelError::LabelConflict {
            label,
            pos,
            first,
            second,
        } => format!(
            "{}标签 `{label}` 使 `{first}` 与 `{second}` 相等，但二者被固定为不同的值",
            at(pos)
        ),
        ModelError::UnknownLabel { label, pos } => format!(
            "{}`{label}` 不是任何参数的标签；请先为参数加上标签，如 `y ~ {label}*x`",
            at(pos)
        ),
        ModelError::SelfReference { name, pos } => {
            format!("{}`{name}` 不能对自身回归，也不能由自身测量", at(pos))
        }
        ModelError::NotSupported { what, pos } => {
            format!("{}暂不支持{}", at(pos), not_supported_zh(what))
        }
        ModelError::ModifierValues { pos, given, groups } => format!(
            "{}修饰符给出了 {given} 个值，但模型有 {groups} 个组",
            at(pos)
        ),
        ModelError::BadThreshold {
            item,
            threshold,
            n_categories,
            pos,
        } => {
            if *n_categories == 0 {
                format!(
                    "{}`{item} | {threshold}` 是阈值，但 `{item}` 没有被声明为有序变量；请将其声明为有序（如 `--ordered {item}`）或删除这一行",
                    at(pos)
                )
            } else {
                format!(
                    "{}`{item}` 有 {n_categories} 个观测类别，其阈值为 `t1` 到 `t{}`；`{threshold}` 不在其中",
                    at(pos),
                    n_categories - 1
                )
            }
        }
        ModelError::Underidentified {
            n_free,
            n_data,
            breakdown: b,
        } => format!(
            "模型不可识别：它有 {n_free} 个自由参数（{}），而数据只提供 {n_data} 个方差、协方差和均值（自由度为 {}）；请固定或删除 {} 个参数，例如将一个载荷固定为 1，或删除一个协方差",
            breakdown(b),
            *n_data as i64 - *n_free as i64,
            *n_free as i64 - *n_data as i64
        ),
        ModelError::EmptyModel => {
            "模型为空：请至少写一行，如 `factor =~ item1 + item2 + item3`".to_string()
        }
    }
}

fn not_supported_zh(what: &str) -> String {
    if let Some(k) = what
        .strip_prefix("a `")
        .and_then(|r| r.strip_suffix(":` block (multi-group and multilevel models)"))
    {
        return format!("`{k}:` 块（多组模型与多层模型）");
    }
    if let Some(item) = what.strip_prefix("a variance for the ordinal item `") {
        let item = item.split('`').next().unwrap_or(item);
        return format!("为有序题项 `{item}` 设定方差（在 delta 参数化下，其残差方差由模型决定）");
    }
    if let Some(name) = what.strip_prefix("defining `") {
        let name = name.split('`').next().unwrap_or(name);
        return format!("用 `:=` 定义已作为参数标签的 `{name}`");
    }
    phrase(what)
}

/// A data error in Chinese.
pub fn data_error(e: &DataError) -> String {
    use DataError::*;
    match e {
        EmptyFile => "文件为空：需要一行列名（表头）和至少一行数据。".into(),
        Utf16 => "文件以 UTF-16 编码保存；请另存为 UTF-8（在 Excel 中选择“CSV UTF-8”）后重新载入。".into(),
        NotText { looks_like } => format!("这不是文本（CSV）文件：它看起来是{}。请另存为 CSV（逗号或制表符分隔的文本）后载入。", phrase(looks_like)),
        InvalidUtf8 { line } => format!("文件第 {line} 行含有无效的 UTF-8 字符；请将文件另存为 UTF-8（在 Excel 中选择“CSV UTF-8”）后重新载入。"),
        InvalidDelimiter { delimiter } => {
            let d = match *delimiter {
                b'\t' => "制表符".to_string(),
                b'\n' | b'\r' => "换行符".to_string(),
                0x20..=0x7e => format!("'{}'", *delimiter as char),
                b => format!("字节 0x{b:02X}"),
            };
            format!("所选分隔符 {d} 不可用；请选择逗号、分号、制表符或其他单个 ASCII 字符（不能是引号或换行）。")
        }
        UnclosedQuote { line } => format!("第 {line} 行：某个单元格以双引号（\"）开头却没有闭合；请检查该行是否缺少或多出引号。"),
        EmptyColumnName { column } => format!("表头（第一行）中第 {column} 列没有名称；请为每一列命名。"),
        DuplicateColumnName { name, first, second } => format!("列名“{name}”在表头中出现了两次（第 {first} 列和第 {second} 列）；列名必须唯一。"),
        NoDataRows => "文件只有表头，没有数据行。".into(),
        WrongFieldCount { row, line, expected, found } => format!("第 {row} 行数据（文件第 {line} 行）有 {found} 个值，而表头有 {expected} 个列名。"),
        UnknownColumn { name } => format!("数据中没有名为“{name}”的列（列名区分大小写）。"),
        NotANumber { column, row, line, value } => format!("列“{column}”第 {row} 行（文件第 {line} 行）：“{value}”不是数字；请修改该单元格，若它表示缺失回答，可将其加入缺失值代码。"),
        TooFewRows { what, needed, found } => format!("{}至少需要 {needed} 行完整数据，而数据只有 {found} 行。", phrase(what)),
        SingularData { what, constant_columns } => {
            if constant_columns.is_empty() {
                format!("无法计算{}：题项线性相关（某个题项是其他题项的组合）；请删除多余的题项。", phrase(what))
            } else {
                format!("无法计算{}：列 {} 在所有完整行中取值相同；请删除。", phrase(what), quoted_list(constant_columns))
            }
        }
        CovarianceNoNames => "协方差矩阵的第一行应为变量名，其后是数值行。".into(),
        CovarianceDuplicateName { name, first, second } => format!("变量名“{name}”在协方差矩阵的表头中出现了两次（第 {first} 个和第 {second} 个）；变量名必须唯一。"),
        CovarianceBadValue { line, position, value } => {
            if value.is_empty() {
                format!("协方差矩阵第 {line} 行第 {position} 个值为空；每个元素都必须是数字。")
            } else {
                format!("协方差矩阵第 {line} 行第 {position} 个值：“{value}”不是数字。")
            }
        }
        CovarianceShape { line, variables, detail } => {
            if *line == 0 {
                format!("{variables} 个变量的协方差矩阵必须是完整的 {variables}×{variables} 矩阵或下三角矩阵（第 1 行 1 个值，第 2 行 2 个值，……）：{detail}。")
            } else {
                format!("协方差矩阵第 {line} 行：{detail}（{variables} 个变量请给出完整的 {variables}×{variables} 矩阵或下三角矩阵：第 1 行 1 个值，第 2 行 2 个值，……）。")
            }
        }
        CovarianceRowName { line, expected, found } => format!("协方差矩阵第 {line} 行：该行名为“{found}”，但按表头应为“{expected}”；各行顺序必须与表头一致。"),
        CovarianceNotSymmetric { row, column, value, mirrored } => format!("协方差矩阵不对称：行“{row}”列“{column}”为 {value}，而行“{column}”列“{row}”为 {mirrored}。"),
        CovarianceNonPositiveVariance { name, value } => format!("“{name}”的方差（对角线元素）为 {value}；方差必须大于零。"),
        CovarianceCorrelationOutOfRange { row, column, correlation } => format!("“{row}”与“{column}”的协方差相对于其方差过大（意味着相关系数为 {correlation:.3}，超出 ±1）；请检查这些元素是否有输入错误。"),
        CovarianceNotPositiveDefinite => "协方差矩阵不是正定矩阵（任何真实数据都不会产生它）；请检查元素是否有输入错误，或删除作为其他变量组合的变量。".into(),
        InvalidSampleSize { n_obs } => format!("与协方差矩阵一起给出的观测数为 {n_obs}；至少应为 2。"),
        UnsupportedFormat { format, advice } => format!("该文件是{}，semlab 无法读取；{}。", phrase(format), phrase(advice)),
        CorruptFile { format, detail } => format!("无法读取该{}：{detail}。如果它能在原程序中打开，请重新保存（或另存为 CSV）后载入新文件。", phrase(format)),
        FileTooLarge { format, detail } => format!("该{}太大，无法在此读取：{detail}。", phrase(format)),
        SheetNotFound { index, sheets } => format!("工作簿有 {} 个工作表（{}）；没有第 {} 个工作表。", sheets.len(), quoted_list(sheets), index + 1),
        SheetProblem { sheet, cell: Some(cell), problem } => format!("工作表“{sheet}”单元格 {cell}：{problem}。"),
        SheetProblem { sheet, cell: None, problem } => format!("工作表“{sheet}”：{problem}。"),
        SavVariable { variable, problem } => format!("SPSS 变量“{variable}”：{problem}。"),
        UnsupportedEncoding { encoding, context } => format!("该 SPSS 文件的文本使用 {encoding} 编码，semlab 无法解码（{context}）；请在 SPSS 中切换到 Unicode 模式（编辑 > 选项 > 语言），打开文件后重新保存，或另存为 CSV（UTF-8）。"),
    }
}

/// A sample-moments error in Chinese.
pub fn moments_error(e: &MomentsError) -> String {
    match e {
        MomentsError::TooFewRows { rows } => format!(
            "删除含缺失值的行后只剩 {rows} 行完整数据；至少需要 2 行（要得到可靠的结果则需要多得多）"
        ),
        MomentsError::ConstantVariable { name } => format!(
            "`{name}` 在所用的每一行中取值都相同（方差为零）；请将它从模型中删除"
        ),
        MomentsError::NotPositiveDefinite { detail } => format!(
            "样本协方差矩阵不是正定矩阵（{detail}）；可能某个题项是其他题项的完全复制或加总，或者行数少于题项数"
        ),
        MomentsError::LinearDependency { item, others } if others.len() == 1 => format!(
            "`{item}` 与 `{}` 完全相关（一个是另一个的完全复制或线性变换），因此样本协方差矩阵是奇异的，无法拟合任何模型；请将其中一个从模型中删除",
            others[0]
        ),
        MomentsError::LinearDependency { item, others } => format!(
            "`{item}` 是 {} 的精确线性组合（例如它们的总分或均值），因此样本协方差矩阵是奇异的，无法拟合任何模型；请将 `{item}`（或其中另一个题项）从模型中删除",
            code_and_list(others)
        ),
        MomentsError::FewerRowsThanItems { rows, items } => format!(
            "模型有 {items} 个观测变量，但只用到 {rows} 行数据，因此样本协方差矩阵是奇异的；数据的行数必须多于题项数（要得到可靠的结果则需要多得多）"
        ),
        MomentsError::NoValues { name } => format!(
            "`{name}` 没有任何值（每一行都缺失）；请将它从模型中删除或检查该列"
        ),
    }
}

/// An ordinal-data error in Chinese.
pub fn ordinal_error(e: &OrdinalError) -> String {
    match e {
        OrdinalError::NotOrdinal {
            name,
            distinct,
            fractional,
        } => {
            let frac = fractional
                .map(|v| format!("，其中一些不是整数（如 {v}）"))
                .unwrap_or_default();
            format!(
                "`{name}` 被声明为有序变量，但有 {distinct} 个不同的值{frac}；有序（李克特）题项只有少数几个整数类别（最多 {MAX_CATEGORIES} 个）。请把 `{name}` 从有序题项中去掉（它将作为连续变量，模型需要使用 ML 估计）"
            )
        }
        OrdinalError::OneCategory { name, value } => format!(
            "`{name}` 被声明为有序变量，但所用的每一行答案都相同（{value}）：只有一个观测类别，无法估计阈值和相关；请将 `{name}` 从模型中删除"
        ),
        OrdinalError::UnknownItem { name, suggestion } => match suggestion {
            Some(s) => format!("`{name}` 被声明为有序变量，但它不是数据中的列（是否想写 `{s}`？）"),
            None => format!("`{name}` 被声明为有序变量，但它不是数据中的列"),
        },
        OrdinalError::TooFewRows { rows } => format!(
            "删除含缺失值的行后只剩 {rows} 行完整数据；多分格相关需要多得多的数据"
        ),
    }
}

/// A constraint error in Chinese.
pub fn constraint_error(e: &ConstraintError) -> String {
    match e {
        ConstraintError::Nonlinear { text, pos } => format!(
            "{}约束 `{text}` 不是参数的线性函数；目前只支持线性等式约束（如 `a == b` 或 `a == 2*b + 1`）",
            at(pos)
        ),
        ConstraintError::Inconsistent { text, pos } => {
            format!("{}约束 `{text}` 与其他约束相矛盾", at(pos))
        }
        ConstraintError::BoundedDependent { label, pos } => format!(
            "{}`{label}` 的上下界不能与把它和其他有界参数设为相等的等式约束同时使用；请只对相等参数中的一个设定界限",
            at(pos)
        ),
    }
}

/// An analysis error in Chinese.
pub fn analysis_error(e: &AnalysisError) -> String {
    match e {
        AnalysisError::Model(e) => model_error(e),
        AnalysisError::Data(e) => data_error(e),
        AnalysisError::Moments(e) => moments_error(e),
        AnalysisError::Constraint(e) => constraint_error(e),
        AnalysisError::NotSupported(what) => format!("暂不支持{}", not_supported_analysis(what)),
        AnalysisError::Incompatible(what) => phrase(what),
        AnalysisError::NeedsMeans => {
            "模型含有截距或均值（`~ 1`），但只提供了协方差矩阵；请改为提供原始数据".into()
        }
        AnalysisError::NeedsRawData(what) => format!(
            "{}需要原始数据，而不只是协方差矩阵；请改为提供数据文件",
            phrase(what)
        ),
        AnalysisError::Bootstrap(e) => phrase(e),
        AnalysisError::Ordinal(e) => ordinal_error(e),
    }
}

fn not_supported_analysis(what: &str) -> String {
    if let Some(a) = what
        .strip_prefix("a significance level of ")
        .and_then(|r| r.strip_suffix(" (it must lie between 0 and 1)"))
    {
        return format!("显著性水平 {a}（它必须介于 0 和 1 之间）");
    }
    if let Some(est) = what.strip_prefix("the ").and_then(|r| {
        r.strip_suffix(
            " estimator for ordinal items (lavaan uses WLSMV for them: choose `--estimator WLSMV`)",
        )
    }) {
        return format!("对有序题项使用 {est} 估计（lavaan 对有序题项使用 WLSMV：请选择 WLSMV）");
    }
    if let Some(c) = what
        .strip_prefix("a WLSMV model that mixes ordinal and continuous items (`")
        .and_then(|r| r.split('`').next())
    {
        return format!(
            "在 WLSMV 模型中混用有序题项与连续题项（`{c}` 未被声明为有序）；请将所有题项声明为有序"
        );
    }
    if let Some(c) = what
        .strip_prefix("a continuous covariate (`")
        .and_then(|r| r.split('`').next())
    {
        return format!(
            "在 WLSMV 模型中使用连续协变量（`{c}`）（lavaan 的 conditional.x：请将其移出模型，或改用 ML 或 MLR 估计）"
        );
    }
    if let Some(path) = what
        .strip_prefix("an ordinal item as a predictor (`")
        .and_then(|r| r.strip_suffix("`) under WLSMV"))
    {
        return format!("在 WLSMV 下以有序题项作为预测变量（`{path}`）");
    }
    phrase(what)
}

/// A project-file error in Chinese.
pub fn project_error(e: &ProjectError) -> String {
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
            crate::project::VERSION
        ),
        ProjectError::Field { field, message } => {
            format!("项目文件的 `{field}` 字段有误：{message}")
        }
        ProjectError::ContainsData(key) => format!(
            "项目文件含有存放数据的 `{key}` 字段；semlab 项目文件从不包含数据（请另外载入数据文件）"
        ),
    }
}

/// A warning in Chinese.
pub fn warning(w: &WarningText) -> String {
    use WarningText::*;
    match w {
        BadStart => "无法估计模型：起始值导致协方差矩阵不正定；请检查模型是否有误，或给出起始值（如 `start(0.5)*x`）".into(),
        NotConverged { iterations, max_grad } => format!("估计在 {iterations} 次迭代后仍未收敛（最大梯度 {max_grad:.2e}）；以下结果不可信。请检查模型的识别问题，或简化模型"),
        NoStandardErrors => "无法计算标准误：信息矩阵奇异，模型很可能不可识别（某个因子既没有固定载荷也没有固定方差，或自由路径过多）".into(),
        RobustNoStandardErrors { estimator } => format!("无法计算稳健（{estimator}）标准误：信息矩阵奇异，模型很可能不可识别"),
        RobustNotPositiveDefinite => "无法计算稳健标准误：模型隐含协方差矩阵不正定".into(),
        RowsDropped { dropped, read, used } => format!("{read} 行中有 {dropped} 行在模型变量上存在缺失值，已被删除（列删除法）；实际使用 {used} 行"),
        EmptyRows { empty, read, used } => format!("{read} 行中有 {empty} 行在所有模型变量上均无取值，已被删除（与 lavaan 相同）；全信息最大似然使用了其余 {used} 行"),
        CovariateRows { rows } => format!("{rows} 行缺少外生协变量的值，已被删除：协变量被视为固定（lavaan 的 fixed.x），全信息最大似然无法使用缺少协变量的行"),
        LowCoverage { first, second, percent } => {
            let what = match second {
                None => format!("`{first}` 仅在 {percent:.1}% 的行中有观测值"),
                Some(s) => format!("`{first}` 与 `{s}` 仅在 {percent:.1}% 的行中同时有观测值"),
            };
            format!("有些变量很少同时被观测到：{what}；涉及它们的估计只依赖于少数个案（lavaan 在覆盖率低于 10% 时发出警告）")
        }
        EmNotConverged { iterations } => format!("均值与协方差的 EM 估计（FIML 下的非限定模型）在 {iterations} 次迭代内未收敛；χ² 检验和拟合指数可能不准确"),
        NegativeVariance { name, value } => format!("`{name}` 的方差估计为负值（{value:.3}），即 Heywood 现象：该解不合理。请检查是否有题项与其因子几乎无关、因子只有两个题项，或样本量过小"),
        NonPositiveDefiniteLatent => "潜变量的协方差矩阵不正定：可能有因子相关超过 1 或潜变量方差为负；两个因子可能测量的是同一事物".into(),
        NonPositiveDefiniteResidual => "观测变量的残差协方差矩阵不正定（存在负的残差方差或超出 ±1 的残差相关）".into(),
        StandardizedAboveOne { lhs, op, rhs, value } => format!("`{lhs} {op} {rhs}` 的标准化值为 {value:.3}，超出 ±1：该解不合理（常见原因是多重共线性或负方差）"),
        SmallSample { n, npar } => format!("相对于该模型样本量偏小：{n} 个个案对应 {npar} 个自由参数（每个参数不足 5 个个案）；估计值和拟合指数可能不稳定"),
        SmallSampleOrdinal { n, npar } => format!("相对于该模型样本量偏小：{n} 个个案对应除阈值外的 {npar} 个自由参数（每个参数不足 5 个个案）；估计值和拟合指数可能不稳定"),
        PolychoricNotConverged { first, second } => format!("`{first}` 与 `{second}` 的多分格相关未收敛；请检查二者的交叉表中是否有几乎为空的行或列"),
        PolychoricNearOne { first, second, rho } => format!("`{first}` 与 `{second}` 的多分格相关（几乎）为 1（{rho:.3}）：这两个题项可能重复"),
        Bootstrap { stopped, failed, nonadmissible, ok } => {
            let mut parts = Vec::new();
            if let Some((completed, requested)) = stopped {
                parts.push(format!("Bootstrap 在 {requested} 次抽样中的第 {completed} 次后被停止"));
            }
            if let Some((n, completed)) = failed {
                parts.push(format!("{completed} 次 Bootstrap 抽样中有 {n} 次失败（未收敛或重抽样不可用），已被剔除"));
            }
            if *nonadmissible > 0 {
                parts.push(format!("{nonadmissible} 次 Bootstrap 抽样出现负的方差估计（与 lavaan 一样予以保留）"));
            }
            format!("{}；Bootstrap 结果基于 {ok} 次抽样", parts.join("；"))
        }
        Duplicate { line, column, lhs, op, rhs } => format!("{}`{lhs} {op} {rhs}` 出现了两次；重复的一条已被忽略", position_prefix(*line, *column)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Localized};

    #[test]
    fn syntax_errors_keep_place_and_names() {
        let e = crate::syntax::parse("f =~ x1 + x2\ny -> x").unwrap_err();
        let zh = e.message(Lang::Zh);
        assert!(zh.starts_with("第 2 行第 3 列："), "{zh}");
        assert!(zh.contains("`->`") && zh.contains("回归"), "{zh}");
        assert_eq!(e.message(Lang::En), e.to_string());
    }

    #[test]
    fn breakdown_in_chinese() {
        assert_eq!(
            breakdown("3 loadings, 2 covariances"),
            "3 个载荷、2 个协方差"
        );
    }

    #[test]
    fn every_phrase_has_chinese() {
        for (en, zh) in PHRASES {
            assert!(!zh.is_empty(), "{en}");
            assert_ne!(en, zh, "{en}");
        }
    }
}
