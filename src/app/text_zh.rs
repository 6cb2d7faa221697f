//! 简体中文: the page's strings ([`crate::app::text::Text`]) in Simplified
//! Chinese, as a Chinese survey researcher reads them. Numbers, variable
//! names and lavaan syntax stay as they are. Every field of `Text` must be
//! here (the compiler says which one is missing).

use crate::app::examples::ExampleId;
use crate::app::text::Text;
use crate::format::count;

/// 简体中文.
pub const ZH: Text = Text {
    app_name: "semlab",
    tagline: "在浏览器中完成结构方程模型分析（验证性因子分析与结构方程模型），结果与 lavaan 一致。",
    privacy_label: "隐私",
    privacy_title: "您的数据只保留在本设备上：不会上传任何内容。",
    privacy_detail: "您打开的文件由本标签页中的 WebAssembly 读取。页面加载完成后不再发出任何网络请求，并由内容安全策略（CSP）加以保证。",
    footer: "semlab 是自由软件（GPL-3.0-or-later）。估计结果与 lavaan 0.6 一致。",
    colon: "：",
    fatal: |m| {
        format!("semlab 遇到内部错误并已停止：{m}。请重新加载页面继续（如果开启了“记住”，模型和选项会恢复）。")
    },
    engine_crashed: |m| format!("估计程序因内部错误停止，已重新启动：{m}"),
    engine_failed: |m| format!("无法启动估计程序（{m}）。请重新加载页面再试。"),

    examples_heading: "试用示例",
    examples_hint: "点击任一示例即可载入其数据和模型，并立即显示结果。",
    example_data: |file| format!("下载数据（CSV）：{file}"),
    example_name: |e| match e {
        ExampleId::HolzingerSwineford => "Holzinger–Swineford 验证性因子分析",
        ExampleId::PoliticalDemocracy => "政治民主结构方程模型",
        ExampleId::LiveCommerce => "直播电商价值共创",
    },
    example_detail: |e| match e {
        ExampleId::HolzingerSwineford => "3 个因子，9 项能力测验，N = 301",
        ExampleId::PoliticalDemocracy => "Bollen（1989），含间接效应，N = 75",
        ExampleId::LiveCommerce => "7 个构念，12 条假设，N = 465",
    },

    data_heading: "1. 数据",
    upload_label: "上传数据",
    upload_hint: "带表头的 CSV、TSV 或 TXT 文件，Excel（.xlsx）或 SPSS（.sav）文件——也可以把文件拖到这里。文件只在本标签页中读取，不会发送到任何地方。",
    drop_here: "松开鼠标即可读取文件",
    paste_summary: "从电子表格粘贴",
    paste_label: "粘贴的数据",
    paste_hint: "在 Excel、LibreOffice 或 Google 表格中复制包含表头行的单元格，然后粘贴到这里。",
    paste_button: "使用粘贴的数据",
    pasted_name: "粘贴的数据",
    missing_codes_label: "缺失值代码",
    missing_codes_hint: "多个代码用逗号分隔，如 -99, 999。空单元格以及 NA、N/A、#N/A、NaN、NULL 和 . 始终视为缺失。",
    missing_codes_apply: "应用",
    missing_code_suspected: |code, count, cols| {
        format!("{code} 在 {cols} 中出现 {count} 次，远离这些列的其他取值：它看起来是缺失值代码。若当作数值计算，会扭曲所有均值和协方差。")
    },
    treat_as_missing: |code| format!("将 {code} 视为缺失"),
    sheet_label: "工作表",
    no_data: "尚无数据：请上传文件、从电子表格粘贴单元格，或试用示例。",
    reading: |name| format!("正在读取 {name}……"),
    reading_progress: |name, pct| format!("正在读取 {name}：{pct}%"),
    reading_progress_label: |name| format!("正在读取 {name}"),
    cancel_reading: "取消",
    cancel_reading_label: |name| format!("取消读取 {name}"),
    read_cancelled: |name| format!("已取消读取 {name}。"),
    jobs_restarted: |jobs| {
        format!("读取占用了正在进行以下任务的工作线程：{jobs}。这些任务已在新的工作线程上从头重新开始。")
    },
    job_bootstrap: "Bootstrap",
    job_monte_carlo: "蒙特卡洛检验力分析",
    job_measurement: "测量检查",
    job_invariance: "测量等值性检验",
    data_loaded: |name, rows, cols| format!("{name}：{} 行，{cols} 列", count(rows)),
    complete_rows: |complete, rows| {
        if complete == rows {
            "无缺失值".to_string()
        } else {
            format!("{} 行中有 {} 行完整", count(rows), count(complete))
        }
    },
    data_error: |name| format!("无法读取 {name}"),
    data_kept: |name| format!("当前使用的仍是 {name}。"),
    file_unreadable: "浏览器无法读取该文件。",
    restored_note: "已恢复您上次使用的模型和选项。数据从不保存：请重新打开数据文件以查看结果。",
    data_details: "数据预览与题项统计",
    preview_caption: |shown, rows| format!("数据预览（共 {} 行，显示前 {shown} 行）", count(rows)),
    list_sep: "、",
    preview_note: "单元格按 semlab 读取的结果显示：数字为解析后的数值（小数逗号显示为小数点），空单元格和缺失值代码显示为 NA。",
    read_as: |enc| format!("按 {} 编码读取：请检查列名和标签是否显示正确。", enc.name()),
    items_caption: "题项描述统计",
    items_columns: [
        "题项", "n", "缺失", "均值", "标准差", "最小值", "最大值", "偏度", "峰度", "标签", "提示",
    ],
    hint_ordinal: |k| format!("有序？（{k} 个类别）"),
    hint_nominal: "文件中为名义变量：可作分组变量，不作题项",
    hint_value_labels: |l| format!("值标签：{l}"),
    hint_nonnormal: "严重偏离正态",
    hint_constant: "常数",
    text_columns: |names| format!("文本列（不能作为题项）：{names}。"),
    unusable_names: |names| {
        format!("以下列名无法在 lavaan 语法中使用：{names}。模型中的变量名须以字母开头，只含字母、数字、_ 和 .（不能有空格或连字符）；如需使用这些列，请在文件中为其改名。")
    },
    summary_ordinal: |k, n| {
        format!(
            "{n} 个题项中有 {k} 个看起来是有序变量（最多 7 个整数类别）。ML 将其视为连续变量，这对回答大致对称的 5 至 7 点李克特题项是常见做法；WLSMV（见“估计”）则将其视为有序变量。"
        )
    },
    summary_nonnormal: |names| {
        format!("严重偏离正态（|偏度| > 2 或 |峰度| > 7）：{names}。此时 ML 的标准误和 χ² 可能过于乐观。")
    },
    summary_constant: |names| format!("常数（只有一个值）：{names}。常数题项不能用于模型。"),
    mardia: |b2p, p, z, kp, b1p, sp| {
        format!(
            "Mardia 多元峰度 b2,p = {b2p:.3}（正态时为 {}），z = {z:.3}，{}；多元偏度 b1,p = {b1p:.3}，{}。",
            p * (p + 2),
            crate::app::text::p_is(kp),
            crate::app::text::p_is(sp)
        )
    },
    label_of: |name, label| format!("{name}：{label}"),
    coverage_caption: "覆盖率（两个变量同时有观测值的行所占比例）",
    coverage_note: "对角线：该变量有观测值的行所占比例（lavaan 的 lavInspect(fit, \"coverage\")）。FIML 使用每一个观测值；某对变量的覆盖率低，意味着它们的协方差只依赖于少数几行。",

    model_heading: "2. 模型",
    model_label: "模型",
    model_hint: "lavaan 语法：=~ 表示“由……测量”，~ 表示回归，~~ 表示协方差，:= 表示定义参数；标签*变量 为路径命名（H1a*Trust）。每条 ~ 路径都作为假设检验；以 H 加编号命名的定义参数（H6 := a*b、H_ind1）也是。",
    model_empty: "请用 lavaan 语法编写模型，或从示例开始。",
    model_ok: "模型语法正确。",
    error_at: |line, col| format!("第 {line} 行，第 {col} 列"),
    show_error: "在模型中显示",
    variables_heading: "数据中的变量",
    variables_hint: "点击变量名，即可在光标处插入。",
    variables_nominal: |names| format!("以下变量在文件中为名义变量，不列为题项：{names}。可在“分组”中选择，以比较各组。"),
    variables_empty: "载入数据后，这里会显示其变量。",
    insert_variable: |name| format!("插入 {name}"),

    options_heading: "估计",
    estimator_label: "估计方法",
    estimator_ml: "ML（最大似然）",
    estimator_mlr: "MLR（稳健标准误，Yuan–Bentler 校正 χ²）",
    estimator_mlm: "MLM（稳健标准误，Satorra–Bentler 校正 χ²）",
    missing_label: "缺失数据",
    missing_listwise: "列删除",
    missing_fiml: "全信息最大似然（FIML）",
    estimator_wlsmv: "WLSMV（有序题项）",
    fiml_unavailable: "MLM（其校正需要完整数据）和 WLSMV（有序题项使用完整行）不能使用 FIML：含缺失值的行将被删除。",
    estimator_unavailable: "使用 FIML 时只能选择 ML 和 MLR：MLM 需要完整数据，WLSMV 使用完整行。如需使用它们，请选择列删除。",
    ordered_label: "有序题项",
    ordered_all: "模型中的全部题项",
    ordered_choose: "选择题项",
    ordered_items_label: "声明为有序的题项",
    ordered_items_hint: "按住 Ctrl（Mac 上为 ⌘）可多选。看起来是有序变量的题项已预先选中。",
    ordered_none: "请至少选择一个题项。",
    ordered_not_declared: |names| {
        format!("WLSMV 要求把模型中的每个题项都声明为有序；未声明的有：{names}。")
    },
    ordinal_suggestion: |n| {
        format!("模型中的 {n} 个题项看起来是有序变量（最多 7 个整数类别）。WLSMV 将其作为有序变量处理：估计阈值和多分格相关。")
    },
    ordinal_button: |n| format!("将这 {n} 个题项作为有序变量（WLSMV）"),
    boot_heading: "Bootstrap 置信区间",
    boot_hint: "对数据行重复抽样 B 次，每次重新拟合模型：得到每个参数（包括定义参数，如 := 定义的间接效应）的 Bootstrap 标准误和置信区间。需要几秒钟，因此只在点击“运行”时进行。",
    boot_draws_label: "抽样次数（B）",
    boot_seed_label: "随机种子",
    boot_seed_hint: "相同的种子产生相同的抽样，结果可以重现。",
    boot_ci_label: "置信区间",
    boot_ci_percentile: "百分位",
    boot_ci_bias_corrected: "偏差校正",
    boot_run: "运行 Bootstrap",
    boot_cancel: "取消",
    boot_cancelling: "正在取消……",
    boot_progress_label: "Bootstrap 进度",
    boot_progress: |done, total, workers| {
        if workers > 1 {
            format!("已完成 {done} / {total} 次抽样（{workers} 个工作线程）")
        } else {
            format!("已完成 {done} / {total} 次抽样")
        }
    },
    boot_need_results: "Bootstrap 需要一个已收敛的拟合模型：它从该模型的估计值开始。",
    boot_no_fiml: "使用 FIML 时不能进行 Bootstrap：请选择列删除。",
    boot_no_wlsmv: "使用 WLSMV（有序题项）时不能进行 Bootstrap：请选择 ML、MLR 或 MLM。",
    boot_done: |ms, requested, ok, failed, seed, ci| {
        let failed = if failed > 0 {
            format!("（{failed} 次未收敛，已剔除）")
        } else {
            String::new()
        };
        format!(
            "Bootstrap 完成，用时 {:.1} 秒：使用了 {requested} 次抽样中的 {ok} 次{failed}，随机种子 {seed}，{ci} 95% 置信区间。",
            ms / 1000.0
        )
    },
    boot_cancelled: |completed, requested, ok| {
        format!("Bootstrap 在 {requested} 次抽样中的第 {completed} 次后被取消。Bootstrap 各列只基于这 {ok} 次抽样；如需全部 {requested} 次，请重新运行。")
    },
    boot_superseded: "由于数据、模型或选项发生变化，Bootstrap 已停止。请为新的结果重新运行。",
    boot_failed: |m| format!("无法运行 Bootstrap：{m}"),
    boot_see_table: "见参数估计表中的 Bootstrap 标准误和置信区间列。",
    std_lv_label: "潜变量标准化（std.lv）",
    orthogonal_label: "因子间不相关（正交）",
    rule_heading: "假设检验规则",
    rule_note: "更改规则会立即更新假设检验表，无需重新拟合。",
    alpha_label: "显著性水平 α",
    tails_label: "检验",
    tails_two: "双尾",
    tails_one: "单尾",
    sign_label: "预期方向",
    sign_positive: "正向",
    sign_negative: "负向",
    sign_any: "方向不限",
    sign_default: |s| format!("默认（{s}）"),
    per_hypothesis: "逐条设定假设的预期方向",
    per_hypothesis_empty: "模型中没有回归路径。",
    remember_label: "在本设备上记住我的模型和选项（从不保存数据）",

    results_heading: "3. 结果",
    fit_summary_label: "当前模型的拟合",
    fit_summary_link: "完整拟合表",
    results_empty: "有了数据和模型后，结果会显示在这里。",
    results_need_data: "请载入数据以拟合模型。",
    status_updating: "正在更新结果……",
    status_done: |ms, n, iter| format!("拟合用时 {ms:.0} 毫秒：N = {n}，迭代 {iter} 次后收敛。"),
    status_not_converged: "估计未收敛：请查看警告。",
    status_stale: "这些结果属于模型的较早版本。",
    status_model_error: "请修正模型以更新结果。",
    status_stale_data: |name| format!("这些结果来自此前读入的数据 {name}。"),
    fit_failed: "无法拟合模型",
    progress_label: "进度",
    contents_label: "表格",
    download_report: "下载报告（HTML）",
    download_csv: "下载 CSV",
    copy_table: "复制表格",
    for_table: |action, caption| format!("{action}：{caption}"),
    copied: "已复制：可粘贴到 Word 或 Google 文档中。",
    copy_failed: "浏览器拒绝复制，请改用“下载 CSV”。",
    mi_min_label: "显示修正指数不小于",
    power_heading: "样本量与检验力（RMSEA）",
    power_test_label: "RMSEA 检验",
    power_close: "近似拟合检验（ε₀ = .05 对 ε₁ = .08）",
    power_not_close: "非近似拟合检验（ε₀ = .05 对 ε₁ = .01）",
    power_n_label: "N",
    power_target_label: "目标检验力",
    power_hint: "按本模型的自由度计算，与 semTools 的 findRMSEApower 和 findRMSEAsamplesize 一致（α = .05）。修改 N 可用于研究设计。",
    mc_heading: "假设路径的蒙特卡洛检验力",
    mc_hint: "从拟合所得模型（其隐含协方差与均值）模拟多组 N 行的数据，逐组重新估计，统计每条假设路径显著的比例（双侧 Wald 检验，α 同假设检验），即常用的蒙特卡洛检验力分析。相同的种子给出相同的结果；各次重复由本浏览器的多个工作线程分担。",
    mc_n_label: "每组数据的 N",
    mc_reps_label: "重复次数",
    mc_seed_label: "模拟的随机种子",
    mc_typed_label: "输入总体参数值",
    mc_population_label: "总体模型",
    mc_population_hint: "用 lavaan 语法写出模型，并以数字给出总体参数值（y ~ 0.3*x，F =~ 0.7*x1）；未给数字的载荷与方差取 1，其他参数取 0。从它模拟数据，再用上方的模型拟合每组数据。",
    mc_paths_label: "假设",
    mc_path_check: |name| format!("模拟 {name} 的检验力"),
    mc_run: "运行蒙特卡洛",
    mc_cancel: "取消",
    mc_cancelling: "正在取消…",
    mc_preparing: "正在准备总体…",
    mc_progress_label: "蒙特卡洛进度",
    mc_progress: |pct, workers| {
        if workers > 1 {
            format!("{pct}%（{workers} 个工作线程）")
        } else {
            format!("{pct}%")
        }
    },
    mc_done: |ms, workers| format!("用时 {:.1} 秒，{workers} 个工作线程。", ms / 1000.0),
    mc_superseded: "模型、数据或选项已改变，运行已停止。请为新模型重新运行。",
    mc_no_paths: "请至少选择一条假设。",
    mc_need_results: "蒙特卡洛检验力需要一个已收敛的拟合模型：数据从其估计值模拟。",
    mc_col_path: "假设",
    mc_col_population: "总体值",
    mc_col_power: "检验力",
    mc_col_se: "MC SE",
    measure_heading: "检查测量",
    measure_intro: "CFA 之前：KMO 与 Bartlett 检验、特征值与平行分析、模型题项的探索性因子分析，以及共同方法偏差检验（Harman 单因子、单因子 CFA、共同方法因子）。点击后在本机运行。",
    measure_run: "运行检查",
    measure_running: "正在检查…",
    measure_factors_label: "因子数",
    measure_factors_auto: "与模型相同",
    measure_rotation_label: "旋转",
    measure_marker_label: "标记变量",
    measure_marker_none: "无",
    measure_marker_hint: "理论上与题项无关的一列（Lindell 与 Whitney, 2001）：经它校正的相关显示在“共同方法偏差”中。",
    measure_use_model: "用作我的模型",
    measure_use_model_hint: "将 EFA 的结构（每个题项归入其载荷最大的因子）写入模型文本；可在编辑器中用 Ctrl+Z 撤销。",
    measure_need_model: "请先载入数据和含潜变量的模型（或一个示例）。",
    measure_stale: "这些检查属于之前的模型或数据，请重新运行。",
    measure_done: |ms| format!("检查用时 {ms:.0} 毫秒。"),
    download_scree: "下载碎石图（SVG）",
    scree_label: "碎石图与平行分析线",
    cmb_heading: "共同方法偏差",
    cmb_need_check: "运行紧邻上方“检查测量”中的检查，此处将显示 Harman 检验、单因子 CFA 与共同方法因子检验。",
    fit_style_label: "拟合表",
    fit_style_standard: "标准（lavaan）",
    fit_style_amos: "AMOS 格式",
    mi_all: "全部",
    add: "添加",
    add_label: |p| format!("将 {p} 添加到模型"),
    no_rows: "无。",
    params_show_label: "显示",
    params_all: "全部参数",
    params_no_thresholds: "不含阈值",
    params_thresholds: "只显示阈值",
    no_hypotheses: crate::report::words::ZH.no_hypotheses,
    no_warnings: "没有警告。",

    report_title: "semlab 分析报告",
    report_made: |v| {
        format!("由浏览器中的 semlab {v} 生成；数据从未离开本设备。估计结果与 lavaan 0.6 一致。")
    },
    report_data: |name, n, est| format!("数据：{name}；N = {n}；估计方法 {est}。"),
    report_model: "模型",

    group_label: "分组变量",
    group_none: "无（单组）",
    group_hint: "比较各组：在该列的每个组中分别拟合模型（即 lavaan 的分组分析）。可选的列含 2 至 10 个取值。",
    group_level: |g, n| format!("{g}（{n} 行）"),
    group_levels: |list| format!("各组：{list}"),
    group_too_small: |g, n, k| {
        format!("组“{g}”只有 {n} 行，少于模型的 {k} 个观测变量：无法在该组中拟合模型。请选择另一个分组变量。")
    },
    group_equal_label: "各组间相等的参数",
    group_equal_hint: "都不勾选时，每个组的参数各自估计（形态等值模型）。",
    group_equal_kind: |k| {
        use crate::partable::GroupEqual::*;
        match k {
            Loadings => "因子载荷",
            Intercepts => "截距",
            Means => "潜均值",
            Thresholds => "阈值",
            Regressions => "回归系数",
            Residuals => "残差方差",
            ResidualCovariances => "残差协方差",
            LvVariances => "潜变量方差",
            LvCovariances => "潜变量协方差",
        }
    },
    group_switch_label: "显示的组",
    group_switch_hint: "逐组显示结果：",

    invariance_heading: "测量等值性",
    invariance_intro: "各构念在每个组中的含义是否相同？等值性检验依次拟合四个模型：形态等值（结构相同）、弱等值（载荷相等）、强等值（截距相等）与严格等值（残差方差相等），并将每一层级与上一层级比较。",
    invariance_need_group: "请先在“估计”中选择分组变量，再检验测量等值性。",
    invariance_run: "检验测量等值性",
    invariance_running: "正在拟合四个层级……",
    invariance_done: |ms| format!("等值性检验用时 {ms:.0} 毫秒。"),
    invariance_failed: "无法进行等值性检验",
    invariance_stale: "运行等值性检验之后，数据、模型或选项已有改动：请重新运行。",
    invariance_verdict: "结论",
    invariance_rule_label: "判定某一层级成立的标准",
    invariance_rule_cfi_rmsea: "ΔCFI ≥ −.01 且 ΔRMSEA ≤ .015（Cheung & Rensvold；Chen）",
    invariance_rule_cfi: "ΔCFI ≥ −.01（Cheung & Rensvold）",
    invariance_rule_chisq: "χ² 差异检验不显著（p ≥ .05）",
    release: "释放",
    release_label: |p| format!("在各层级中释放 {p} 并重新检验"),
    released_heading: "各层级均已释放（部分等值）：",
    constrain_again: "恢复约束",
    constrain_again_label: |p| format!("恢复 {p} 的等同约束并重新检验"),
    // diagram zoom
    zoom_group: "缩放",
    zoom_fit: "适应",
    zoom_fit_label: "缩放图形以适应窗格",
    zoom_actual_label: "实际大小（100 %）",
    zoom_in_label: "放大",
    zoom_out_label: "缩小",
    // diagram editor
    draw_toggle: "绘制模型",
    draw_hint: "每一次绘图操作都会写入下方的模型文本，修改文本也会重绘图形。在图中或列表里点击构念即可选中它。",
    undo: "撤销",
    redo: "重做",
    undo_label: "撤销对模型的上一次修改（Ctrl+Z）",
    redo_label: "重做上一次撤销的修改（Ctrl+Shift+Z）",
    draw_canvas_label: "所绘制的模型",
    new_latent_label: "新建潜变量",
    add_latent: "添加潜变量",
    constructs_heading: "构念",
    select_construct: |n| format!("选中 {n}"),
    selected_none: "尚未选中构念。",
    selected_is: |n| format!("已选中：{n}"),
    pending_hint: "请为它添加第一个题项：构念将随之写入模型文本。",
    items_hint: |f| format!("点击“数据中的变量”下的题项，或将其拖到图中的椭圆上，即可将其附加到 {f}。"),
    attach_item: |item, f| format!("将 {item} 附加到 {f}"),
    rename_label: "新名称",
    rename: "重命名",
    delete_construct: "删除构念",
    arrow_to_label: "指向",
    arrow_label_label: "假设标签（可选）",
    add_regression: "单向箭头（回归）",
    add_covariance: "双向箭头（协方差）",
    add_loading: "单向箭头作为载荷（高阶因子）",
    paths_heading: "模型中的箭头",
    delete_element: |e| format!("删除 {e}"),
    fix_loading: |e| format!("将 {e} 固定为 1"),
    free_loading: |e| format!("释放 {e}"),
    fix: "固定",
    free: "释放",
    delete: "删除",
    draw_empty: "尚未绘制：请先添加潜变量。",
    draw_text_error: |e| format!("模型文本有错误（{e}），暂不绘制；修正下方文本后即重新绘制。"),
    tool_regression: "绘制单向箭头",
    tool_covariance: "绘制双向箭头",
    tool_regression_start: "点击预测变量（箭头的起点）。",
    tool_regression_end: |a| format!("从 {a} 出发：点击结果变量。"),
    tool_covariance_start: "点击两个变量中的第一个。",
    tool_covariance_end: |a| format!("与 {a} 相关：点击第二个变量。"),
    draw_keys_hint: "在图中：点击箭头即可选中；按 Delete 或 Backspace 删除选中的内容；按 Esc 退出箭头工具。",
    new_arrow_label: |r| format!("{r} 的假设标签（可选）"),
    add_arrow: "添加箭头",
    cancel_arrow: "取消此箭头",
    selected_arrow: |e| format!("已选中箭头：{e}"),
    delete_selected_arrow: |e| format!("删除选中的箭头 {e}"),
    fix_variance: |f| format!("将 {f} 的方差固定为 1，并释放其第一个载荷"),
    free_variance: |f| format!("释放 {f} 的方差，并将其第一个载荷固定为 1"),
    fix_variance_short: "方差固定为 1",
    free_variance_short: "释放方差",
    variables_hint_attach: |f| format!("点击变量名即附加到选中的构念 {f}，也可拖到椭圆上。"),
    variables_hint_drawing: "将变量名拖到椭圆上，或先选中构念再点击变量名。",
};
