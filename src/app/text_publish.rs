//! The strings of the publication side of the page — the language switch,
//! the path diagram, the APA tables, the methods paragraph, the R script and
//! project file, sharing and embedding — in every language ([`EN`], [`ZH`]),
//! beside the rest of the page's strings in [`crate::app::text`].

use crate::app::i18n::lang;
use crate::i18n::Lang;

/// The strings in one language.
pub struct PubText {
    pub page_title: &'static str,
    pub lang_label: &'static str,

    // diagram
    pub diagram_heading: &'static str,
    pub diagram_hint: &'static str,
    pub diagram_empty: &'static str,
    pub labels_label: &'static str,
    pub label_std: &'static str,
    pub label_unstd: &'static str,
    pub label_none: &'static str,
    pub stars_label: &'static str,
    pub residuals_label: &'static str,
    pub measurement_label: &'static str,
    pub r2_label: &'static str,
    pub suggestions_label: &'static str,
    pub colour_label: &'static str,
    pub no_leading_zero_label: &'static str,
    pub font_label: &'static str,
    pub font_sans: &'static str,
    pub font_serif: &'static str,
    pub font_size_label: &'static str,
    pub download_pdf_svg: &'static str,
    pub covariances_label: &'static str,
    pub covariances_auto: &'static str,
    pub covariances_all: &'static str,
    pub covariances_hidden: &'static str,
    pub reset_layout: &'static str,
    pub download_svg: &'static str,
    pub download_png: &'static str,
    pub png_failed: &'static str,
    pub moved_hint: &'static str,

    // publication tables
    pub publish_heading: &'static str,
    pub tables_heading: &'static str,
    pub tables_hint: &'static str,
    pub table_number: fn(usize) -> String,
    pub download_word: &'static str,
    pub download_csv: &'static str,
    pub download_latex: &'static str,
    pub copy_table: &'static str,
    pub all_word: &'static str,
    pub all_latex: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub tables_empty: &'static str,

    // methods paragraph
    pub methods_heading: &'static str,
    pub methods_hint: &'static str,
    pub methods_label: &'static str,
    pub copy_paragraph: &'static str,
    pub regenerate: &'static str,

    // reproducibility
    pub repro_heading: &'static str,
    pub repro_hint: &'static str,
    pub download_r: &'static str,
    pub save_project: &'static str,
    pub open_project: &'static str,
    pub project_opened: fn(&str) -> String,
    pub project_needs_data: fn(&str) -> String,
    pub project_failed: fn(&str, &str) -> String,

    // sharing
    pub share_heading: &'static str,
    pub share_hint: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_copy_failed: &'static str,
    pub link_label: &'static str,
    pub embed_label: &'static str,
    pub link_own_data: &'static str,
    pub link_no_data: &'static str,
    pub link_example: fn(&str) -> String,
    pub link_problems: &'static str,
    pub link_bad_value: fn(&str, &str, &str) -> String,
    pub open_full: &'static str,
    pub embed_privacy: &'static str,
}

/// English.
pub const EN: PubText = PubText {
    page_title: "semlab — structural equation modeling in your browser",
    lang_label: "Language",

    diagram_heading: "Path diagram",
    diagram_hint: "Drag a node to fine-tune the layout: arrows and labels follow, and \
         the positions stay while you edit the model.",
    diagram_empty: "The path diagram appears once there are results.",
    labels_label: "Path labels",
    label_std: "Standardized estimates",
    label_unstd: "Unstandardized estimates",
    label_none: "None",
    stars_label: "Significance stars",
    residuals_label: "Residual variances",
    measurement_label: "Measurement part (items and loadings)",
    r2_label: "R² of endogenous constructs",
    suggestions_label: "Suggestions: the largest modification indices as dashed arrows (select one to add it to the model)",
    colour_label: "Colour (off: black and white, for print)",
    no_leading_zero_label: "No leading zero (.78, as APA and AMOS print)",
    font_label: "Font",
    font_sans: "Sans-serif",
    font_serif: "Serif (Times)",
    font_size_label: "Font size",
    download_pdf_svg: "Download PDF-ready SVG",
    covariances_label: "Covariances between constructs",
    covariances_auto: "Up to 10, else hidden",
    covariances_all: "All",
    covariances_hidden: "Hidden",
    reset_layout: "Reset layout",
    download_svg: "Download SVG",
    download_png: "Download PNG (2×)",
    png_failed: "This browser could not draw the PNG; download the SVG instead.",
    moved_hint: "Nodes moved by hand.",

    publish_heading: "4. For the paper",
    tables_heading: "Publication tables (APA style)",
    tables_hint: "APA 7th-edition tables: download each as HTML that pastes into Word \
         or Google Docs as a formatted table, as CSV, or as LaTeX (booktabs).",
    table_number: |n| format!("Table {n}"),
    download_word: "Word (HTML)",
    download_csv: "CSV",
    download_latex: "LaTeX",
    copy_table: "Copy",
    all_word: "All tables for Word (HTML)",
    all_latex: "All tables as LaTeX",
    copied: "Copied: paste it into Word or Google Docs.",
    copy_failed: "The browser refused to copy; download the file instead.",
    tables_empty: "The tables appear once there are results.",

    methods_heading: "Methods paragraph",
    methods_hint: "Written from this analysis: the model, estimator, N, missing data, the \
         fit with its values, reliability ranges and the hypotheses. Edit it here and \
         copy it into your paper; it is written again when the results change.",
    methods_label: "The paragraph (edit it here)",
    copy_paragraph: "Copy paragraph",
    regenerate: "Write it again",

    repro_heading: "Reproduce and save",
    repro_hint: "The R script fits the same model with the same options in lavaan and \
         prints the same outputs: put it next to your data file and run it. The project \
         file keeps the model, the options and the diagram (never the data) and opens \
         again here.",
    download_r: "Download R script (lavaan)",
    save_project: "Save project file",
    open_project: "Open project file",
    project_opened: |name| format!("Opened {name}: the model and options are restored."),
    project_needs_data: |file| {
        format!("It was made with the data file {file}: open that file again to see results.")
    },
    project_failed: |name, why| format!("{name} cannot be opened: {why}"),

    share_heading: "Share and embed",
    share_hint: "A link that opens semlab with this model, these options and this \
         language — for a colleague, or as an <iframe> on a course page. The link \
         never holds data.",
    copy_link: "Copy link",
    link_copied: "Link copied.",
    link_copy_failed: "The browser refused to copy; select the link and copy it.",
    link_label: "Link to this analysis",
    embed_label: "Embed code for a course page",
    link_own_data: "Your own data is not part of the link: whoever opens it has to load \
         the data again.",
    link_no_data: "No data is loaded: the link holds the model and options only.",
    link_example: |name| format!("The link opens the example “{name}” with this model."),
    link_problems: "Some parts of the link could not be used (the rest was):",
    link_bad_value: |key, value, allowed| {
        format!("{key}={value} is not understood (allowed: {allowed})")
    },
    open_full: "Open in semlab",
    embed_privacy: "Runs in your browser: nothing is uploaded.",
};

/// 简体中文.
pub const ZH: PubText = PubText {
    page_title: "semlab — 在浏览器中进行结构方程模型分析",
    lang_label: "语言",

    diagram_heading: "路径图",
    diagram_hint: "拖动节点可微调布局：箭头和数值标注会随之移动，修改模型时节点位置保持不变。",
    diagram_empty: "有了分析结果后，这里会显示路径图。",
    labels_label: "路径标注",
    label_std: "标准化估计值",
    label_unstd: "非标准化估计值",
    label_none: "不标注",
    stars_label: "显著性星号",
    residuals_label: "残差方差",
    measurement_label: "测量部分（题项与载荷）",
    r2_label: "内生构念的 R²",
    suggestions_label: "建议：以虚线画出最大的修正指数（选中一条即加入模型）",
    colour_label: "彩色（关闭时为黑白，适合印刷）",
    no_leading_zero_label: "省略前导零（.78，同 APA 与 AMOS）",
    font_label: "字体",
    font_sans: "无衬线",
    font_serif: "衬线（Times）",
    font_size_label: "字号",
    download_pdf_svg: "下载可转 PDF 的 SVG",
    covariances_label: "构念之间的协方差",
    covariances_auto: "不超过 10 个时画出",
    covariances_all: "全部",
    covariances_hidden: "隐藏",
    reset_layout: "恢复自动布局",
    download_svg: "下载 SVG",
    download_png: "下载 PNG（2 倍分辨率）",
    png_failed: "此浏览器无法生成 PNG，请改为下载 SVG。",
    moved_hint: "已手动移动节点。",

    publish_heading: "4. 论文输出",
    tables_heading: "出版格式表格（APA 格式）",
    tables_hint: "APA 第 7 版格式的表格：可下载为能直接粘贴到 Word 或 Google 文档中的 HTML 表格、CSV 或 LaTeX（booktabs）。",
    table_number: |n| format!("表 {n}"),
    download_word: "Word（HTML）",
    download_csv: "CSV",
    download_latex: "LaTeX",
    copy_table: "复制",
    all_word: "全部表格（Word/HTML）",
    all_latex: "全部表格（LaTeX）",
    copied: "已复制：可粘贴到 Word 或 Google 文档中。",
    copy_failed: "浏览器拒绝复制，请改为下载文件。",
    tables_empty: "有了分析结果后，这里会显示表格。",

    methods_heading: "方法部分段落",
    methods_hint: "根据本次分析自动生成：模型、估计方法、样本量、缺失数据处理、拟合指数及其数值、信度范围和假设检验结果。可在此修改后复制到论文中；分析结果变化时会重新生成。",
    methods_label: "段落内容（可在此修改）",
    copy_paragraph: "复制段落",
    regenerate: "重新生成",

    repro_heading: "重现与保存",
    repro_hint: "R 脚本在 lavaan 中以相同的选项拟合同一模型，并输出相同的结果：把它放在数据文件旁边运行即可。项目文件保存模型、选项和路径图（从不保存数据），可在此重新打开。",
    download_r: "下载 R 脚本（lavaan）",
    save_project: "保存项目文件",
    open_project: "打开项目文件",
    project_opened: |name| format!("已打开 {name}：模型和选项已恢复。"),
    project_needs_data: |file| format!("该项目使用的数据文件是 {file}：请重新打开该文件以查看结果。"),
    project_failed: |name, why| format!("无法打开 {name}：{why}"),

    share_heading: "分享与嵌入",
    share_hint: "生成一个链接，打开后 semlab 会载入当前的模型、选项和语言——可发给同事，也可作为 <iframe> 嵌入课程网页。链接中从不包含数据。",
    copy_link: "复制链接",
    link_copied: "链接已复制。",
    link_copy_failed: "浏览器拒绝复制，请选中链接后手动复制。",
    link_label: "本次分析的链接",
    embed_label: "用于课程网页的嵌入代码",
    link_own_data: "您自己的数据不会包含在链接中：打开链接的人需要重新载入数据。",
    link_no_data: "当前没有载入数据：链接只包含模型和选项。",
    link_example: |name| format!("该链接会以当前模型打开示例“{name}”。"),
    link_problems: "链接中有部分内容无法使用（其余部分已生效）：",
    link_bad_value: |key, value, allowed| {
        format!("无法识别 {key}={value}（可用的值：{allowed}）")
    },
    open_full: "在 semlab 中打开",
    embed_privacy: "在您的浏览器中运行：不会上传任何数据。",
};

/// The strings of the current language.
pub fn tp() -> &'static PubText {
    match lang() {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}
