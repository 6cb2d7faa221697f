//! 简体中文: what the Chinese text of the engine's errors and warnings
//! shares — the place prefix, the known English fragments inside error
//! values ([`phrase`]), lists of names. Each error's Chinese message is
//! written beside the error type (its `Localized` implementation), so this
//! module needs none of them.
//!
//! Some errors carry a fragment of English text made where they arise (what
//! a parser expected, why a modifier is wrong, what is not supported);
//! [`phrase`] translates the known fragments and leaves any other as it is.

/// `第 3 行第 7 列：` — the place in the model text that starts a message.
pub fn position_prefix(line: usize, column: usize) -> String {
    format!("第 {line} 行第 {column} 列：")
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
    ("one parameter gets two fixed values; write one number (or `NA` to free it)", "一个参数被赋予了两个固定值；请只写一个数字（或写 `NA` 使其自由估计）"),
    ("one parameter gets two labels; write one label", "一个参数被赋予了两个标签；请只写一个标签"),
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
    ("text file (UTF-16)", "文本文件（UTF-16）"),
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
    ("the invariance ladder compares groups: give the group column (`--group COLUMN`)", "测量等值性检验比较的是各组：请指定分组变量（`--group 列名`）"),
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
pub fn breakdown(s: &str) -> String {
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

pub fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join("、")
}

/// `` `a`、`b` 和 `c` ``: names as code, the last joined by 和.
pub fn code_and_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match q.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} 和 {last}", rest.join("、")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
