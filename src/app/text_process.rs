//! The strings of the moderation results and the *Mediation / moderation*
//! helper in every language ([`EN`], [`ZH`]), beside the rest of the page's
//! strings in [`crate::app::text`]. The tables' own words come from the
//! engine's `report::words`.

use crate::app::i18n::lang;
use crate::i18n::Lang;

/// The strings in one language.
pub struct ProcessText {
    /// The option that mean-centres the variables of `x:w` before the product.
    pub center_label: &'static str,
    pub plot_caption: &'static str,
    /// The plot's caption for a dichotomous moderator (its two values).
    pub plot_caption_dichotomous: &'static str,
    pub helper_summary: &'static str,
    pub helper_hint: &'static str,
    pub model_label: &'static str,
    /// PROCESS model 4, 6, 7, 8, 14 in words.
    pub model_names: [&'static str; 5],
    pub x_label: &'static str,
    /// The n-th mediator (1-based) and how many the model takes.
    pub m_label: fn(usize) -> String,
    pub w_label: &'static str,
    pub y_label: &'static str,
    pub choose: &'static str,
    /// A construct of the model in a choice list.
    pub construct: fn(&str) -> String,
    pub constructs_group: &'static str,
    pub columns_group: &'static str,
    pub write_button: &'static str,
    /// A construct chosen where a product term needs an observed variable
    /// (X or W of models 7 and 8, M or W of model 14): why, and the way out.
    pub latent_in_product: fn(&str) -> String,
    /// The button that adds the construct's composite score as a column.
    pub composite_button: fn(&str) -> String,
    /// The composite score's column was added (its name).
    pub composite_added: fn(&str) -> String,
    pub written: &'static str,
}

pub const EN: ProcessText = ProcessText {
    center_label: "Mean-centre interaction variables",
    plot_caption: "Simple slopes: the predicted outcome at three values of the moderator (mean − 1 SD, mean, mean + 1 SD).",
    plot_caption_dichotomous: "Simple slopes: the predicted outcome at each of the moderator's two values (it takes only two in the data).",
    helper_summary: "Mediation / moderation helper",
    helper_hint: "Choose the variables and a PROCESS model; the helper adds the model in lavaan syntax to the text in the editor (your lines stay), with labelled paths and the indirect and conditional effects as := lines.",
    model_label: "PROCESS model",
    model_names: [
        "4: simple mediation (X → M → Y)",
        "6: serial mediation (X → M1 → M2 → Y)",
        "7: first-stage moderated mediation (W moderates X → M)",
        "8: W moderates X → M and the direct path X → Y",
        "14: second-stage moderated mediation (W moderates M → Y)",
    ],
    x_label: "X (predictor)",
    m_label: |k| format!("M{k} (mediator)"),
    w_label: "W (moderator)",
    y_label: "Y (outcome)",
    choose: "— choose —",
    construct: |c| format!("{c} (construct)"),
    constructs_group: "Constructs of the model",
    columns_group: "Columns of the data",
    write_button: "Write the model",
    latent_in_product: |c| format!("{c} is a construct (a latent variable), and lavaan takes a product term x:w only between observed variables. Use its composite score, the mean of its items, instead."),
    composite_button: |c| format!("Add the composite score of {c}"),
    composite_added: |n| format!("Added the column {n} (the mean of the items) to the data."),
    written: "The model is in the editor.",
};

pub const ZH: ProcessText = ProcessText {
    center_label: "对交互项变量做均值中心化",
    plot_caption: "简单斜率：调节变量取三个值（均值 − 1 个标准差、均值、均值 + 1 个标准差）时结果变量的预测值。",
    plot_caption_dichotomous: "简单斜率：调节变量取其两个值（数据中只有两个取值）时结果变量的预测值。",
    helper_summary: "中介 / 调节助手",
    helper_hint: "选择变量和 PROCESS 模型，助手会把 lavaan 语法的模型添加到编辑器中已有的文本里（您的各行保留）：路径带标签，间接效应和条件效应写成 := 定义。",
    model_label: "PROCESS 模型",
    model_names: [
        "4：简单中介（X → M → Y）",
        "6：链式中介（X → M1 → M2 → Y）",
        "7：前半段被调节的中介（W 调节 X → M）",
        "8：W 调节 X → M 和直接路径 X → Y",
        "14：后半段被调节的中介（W 调节 M → Y）",
    ],
    x_label: "X（自变量）",
    m_label: |k| format!("M{k}（中介变量）"),
    w_label: "W（调节变量）",
    y_label: "Y（因变量）",
    choose: "— 请选择 —",
    construct: |c| format!("{c}（构念）"),
    constructs_group: "模型中的构念",
    columns_group: "数据中的列",
    write_button: "写入模型",
    latent_in_product: |c| format!("{c} 是构念（潜变量），而 lavaan 的交互项 x:w 只能由观测变量构成。请改用它的合成分数（各题项的均值）。"),
    composite_button: |c| format!("添加 {c} 的合成分数"),
    composite_added: |n| format!("已在数据中添加列 {n}（各题项的均值）。"),
    written: "模型已写入编辑器。",
};

/// The strings in the page's language.
pub fn tm() -> &'static ProcessText {
    match lang() {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
