//! The methods paragraph: an [`Analysis`] and its [`Options`] in; a
//! paragraph the user copies into the paper and edits, out — the model,
//! the estimator and software, N and the handling of missing data, the fit
//! in APA style (`χ²(175) = 234.42, p = .002, CFI = .986, …`), the ranges of
//! α, CR and AVE, discriminant validity, and how many hypotheses were
//! supported under which rule.
//!
//! Every sentence comes from one table of templates per language
//! ([`Templates`], chosen by [`Lang`]); `{name}` placeholders are filled
//! with APA-formatted numbers: English ([`EN`]) and Simplified Chinese
//! ([`ZH`]); the numbers and the logic are the same in both.

use super::apa::{fit_summary, fixed, prop};
use super::cutoffs;
use crate::analysis::{Analysis, Missing, Options};
use crate::fitmeasures::Indices;
use crate::tables::hypotheses::{HypothesisRule, Sign, Tails};
use crate::tables::reliability;

/// The language of the paragraph.
pub use crate::i18n::Lang;

/// The sentence templates of one language.
#[derive(Debug, Clone, Copy)]
pub struct Templates {
    pub model_sem: &'static str,
    pub model_cfa: &'static str,
    /// [`Templates::model_cfa`] when second-order factors (`{higher}`,
    /// named in `{higher_names}`) are measured by the first-order ones.
    pub model_cfa_higher: &'static str,
    pub model_path: &'static str,
    /// A model whose latent variables are none of them scales (a growth model).
    pub model_latent: &'static str,
    pub estimation_ml: &'static str,
    pub estimation_mlr: &'static str,
    pub estimation_mlm: &'static str,
    pub estimation_wlsmv: &'static str,
    pub identification_marker: &'static str,
    pub identification_std_lv: &'static str,
    /// When the constructs are scaled in different ways (or not by their
    /// first loading nor their variance).
    pub identification_model: &'static str,
    pub data_complete: &'static str,
    pub data_listwise: &'static str,
    pub data_fiml: &'static str,
    /// `{rows}` rows without a value in the group `{column}`, left out.
    pub data_no_group: &'static str,
    pub bootstrap: &'static str,
    /// A multi-group fit: `{k}` groups of `{column}` (`{list}`: each with
    /// its n), and `{equal}` (empty, or [`Templates::groups_equal`]).
    pub groups: &'static str,
    /// `{kinds}` constrained equal across groups (lavaan's `group.equal`).
    pub groups_equal: &'static str,
    /// Leads a group's first reliability, validity or hypothesis sentence.
    pub in_group: &'static str,
    /// Between the groups in [`Templates::groups`]' list.
    pub list_sep_groups: &'static str,
    /// The regression paths that differ between the groups (`{list}` of
    /// [`Templates::paths_differ_item`], `{count}` of them) by the Wald
    /// tests of the *Paths compared across groups* table, at `{alpha}`.
    pub paths_differ: &'static str,
    /// No tested path differs between the groups.
    pub paths_differ_none: &'static str,
    /// `{path}` with its Wald `{chisq}`, `{df}` and `{p}`.
    pub paths_differ_item: &'static str,
    /// Leads the paragraph of a fit that did not converge (which then
    /// states no fit, reliability, validity or hypothesis result).
    pub not_converged: &'static str,
    pub fit: &'static str,
    pub fit_scaled: &'static str,
    /// A scaled test whose robust CFI, TLI and RMSEA are undefined
    /// ([`Indices::Scaled`]): the scaled ones, and why.
    pub fit_scaled_only: &'static str,
    pub fit_met_all: &'static str,
    pub fit_met_some: &'static str,
    pub fit_met_none: &'static str,
    /// `{alpha}`, `{cr}`, `{ave}`: each a [`Templates::spread_range`],
    /// [`Templates::spread_value`] or [`Templates::ave_none`] phrase.
    pub reliability: &'static str,
    /// `{min}`–`{max}` of a quantity, the first in the sentence.
    pub spread_range: &'static str,
    /// `{min}`–`{max}` of a later quantity (English: "CR from … to …").
    pub spread_range_next: &'static str,
    /// The same `{v}` for every construct (or the only one that has it).
    pub spread_value: &'static str,
    /// After the AVE phrase: `{list}` of constructs without an AVE.
    pub ave_missing: &'static str,
    /// The AVE phrase when no construct has one.
    pub ave_none: &'static str,
    /// The reliability sentence for a single construct.
    pub reliability_single: &'static str,
    pub low_cr: &'static str,
    pub low_ave: &'static str,
    /// The Fornell–Larcker criterion holds for every pair it can judge.
    pub fornell_ok: &'static str,
    /// [`Templates::fornell_ok`] when some constructs have no AVE (their
    /// pairs are judged by the other construct's √AVE alone).
    pub fornell_ok_partial: &'static str,
    /// It fails for the pairs in `{list}` ([`Templates::pair_r`] items).
    pub fornell_fail: &'static str,
    /// Pairs it cannot judge (neither construct has an AVE).
    pub fornell_undefined: &'static str,
    pub htmt_ok: &'static str,
    /// [`Templates::htmt_ok`] when some pairs have no HTMT
    /// ([`Templates::htmt_shared`]): the ratios of the other pairs.
    pub htmt_ok_others: &'static str,
    /// HTMT ≥ .85 for the pairs in `{list}` ([`Templates::pair_htmt`] items).
    pub htmt_high: &'static str,
    /// The pairs in `{list}` ([`Templates::pair_shared`] items) have no HTMT:
    /// they share items ([`reliability::htmt_shared_pairs`], the HTMT
    /// table's note).
    pub htmt_shared: &'static str,
    /// `{pair}` with the `{items}` its constructs share.
    pub pair_shared: &'static str,
    /// Both criteria judged every pair and none failed.
    pub discriminant_supported: &'static str,
    /// `{pair} (r = {r})`.
    pub pair_r: &'static str,
    /// `{pair} ({htmt})`.
    pub pair_htmt: &'static str,
    pub hypotheses: &'static str,
    /// The hypotheses sentence when there is one hypothesis.
    pub hypothesis_single: &'static str,
    /// The hypotheses sentence when some hypotheses are defined parameters
    /// (`H6 := a*b`), not paths.
    pub hypotheses_defined: &'static str,
    /// The hypotheses on defined parameters of a multi-group fit, which
    /// belong to no group (stated once, after the groups'): `{supported}`
    /// of `{total}`.
    pub hypotheses_no_group: &'static str,
    pub not_supported: &'static str,
    /// `{name} (β = {beta}, p = {p})` for one unsupported hypothesis.
    pub hypothesis_item: &'static str,
    /// The defined parameters (`:=`): `{list}` of [`Templates::defined_item`].
    pub defined: &'static str,
    /// `{name} = {est} ({ci} [{lo}, {hi}], p {p})`.
    pub defined_item: &'static str,
    /// The interval of [`Templates::defined_item`] without a bootstrap.
    pub ci_delta: &'static str,
    /// One (from, to) pair's total indirect effect and its mediation
    /// verdict ([`crate::effects::Mediation::describe`]).
    pub mediation: &'static str,
    /// A product term whose interaction is significant, and one whose is not.
    pub moderation_yes: &'static str,
    pub moderation_no: &'static str,
    /// The index of moderated mediation, significant or not.
    pub index_yes: &'static str,
    pub index_no: &'static str,
    /// An indirect effect W moderates at several stages: its values at
    /// W = mean − 1 SD, mean and mean + 1 SD, each with its interval.
    pub index_none: &'static str,
    /// [`Templates::index_none`] for a dichotomous W: at its two values.
    pub index_none_two: &'static str,
    pub rule: &'static str,
    pub two_tailed: &'static str,
    pub one_tailed: &'static str,
    pub sign_positive: &'static str,
    pub sign_negative: &'static str,
    pub sign_any: &'static str,
    /// Joins the items of a list and its last two items.
    pub list_sep: &'static str,
    pub list_and: &'static str,
    /// Between sentences.
    pub sentence_sep: &'static str,
}

/// English.
pub const EN: Templates = Templates {
    model_sem: "The hypothesized model was tested with structural equation modeling: a measurement model of {constructs} latent {constructs|construct|constructs} measured by {items} {items|item|items} and a structural model of {paths} {paths|path|paths}.",
    model_cfa: "The measurement model was tested with a confirmatory factor analysis of {constructs} {constructs|latent construct|correlated latent constructs} measured by {items} {items|item|items}.",
    model_cfa_higher: "The measurement model was tested with a second-order confirmatory factor analysis: {constructs} first-order {constructs|construct|constructs} measured by {items} {items|item|items}, and {higher_names} as {higher|a second-order factor|second-order factors} measured by the first-order constructs.",
    model_path: "The model was tested as a path analysis of {paths} {paths|path|paths} among {variables} observed variables.",
    model_latent: "The model, with {latents} latent {latents|variable|variables} ({names}) and {paths} structural {paths|path|paths}, was tested with structural equation modeling.",
    estimation_ml: "Parameters were estimated by maximum likelihood (ML), with standard errors from the expected information matrix, in semlab {version}, which reproduces lavaan 0.6 (Rosseel, 2012).",
    estimation_mlr: "Parameters were estimated by robust maximum likelihood (MLR: Huber–White standard errors and the Yuan–Bentler scaled test statistic) in semlab {version}, which reproduces lavaan 0.6 (Rosseel, 2012).",
    estimation_mlm: "Parameters were estimated by maximum likelihood with robust standard errors and the Satorra–Bentler scaled test statistic (MLM) in semlab {version}, which reproduces lavaan 0.6 (Rosseel, 2012).",
    estimation_wlsmv: "The items were treated as ordinal: parameters were estimated by diagonally weighted least squares from polychoric correlations and thresholds, with robust standard errors and the mean- and variance-adjusted (scaled and shifted) test statistic (WLSMV; delta parameterization), in semlab {version}, which reproduces lavaan 0.6 (Rosseel, 2012).",
    identification_marker: "Each latent construct was scaled by fixing its first loading to 1.",
    identification_std_lv: "Each latent construct was scaled by fixing its variance to 1.",
    identification_model: "The scale of each latent construct was set by the parameters fixed in the model.",
    data_complete: "All {n} cases had complete data on the model variables (N = {n}).",
    data_listwise: "Of the {read} cases, {dropped} with missing values on model variables were excluded listwise, leaving N = {n}.",
    data_fiml: "Missing values were handled by full-information maximum likelihood (N = {n}).",
    data_no_group: "Cases without a value in the group variable {column} ({rows}) belong to no group and were left out.",
    bootstrap: "Standard errors and {level}% confidence intervals were also obtained from {draws} bootstrap samples.",
    groups: "The model was fitted to the {k} groups of {column} at once ({list}){equal}.",
    groups_equal: ", with the {kinds} constrained equal across groups",
    in_group: "In the {group} group (n = {n}), ",
    list_sep_groups: "; ",
    paths_differ: "Wald tests of the equality of each regression path across the groups (α = {alpha}) showed that {count|one path differed|{count} paths differed}: {list}.",
    paths_differ_none: "Wald tests of the equality of each regression path across the groups (α = {alpha}) showed no path that differed between the groups.",
    paths_differ_item: "{path} (χ²({df}) = {chisq}, p {p})",
    not_converged: "The estimation did not converge: the estimates are where the optimizer stopped, not a solution, so no fit, reliability, validity or hypothesis result is reported.",
    fit: "Model fit was judged against common cutoffs (CFI and TLI ≥ .95, RMSEA ≤ .06, SRMR ≤ .08; Hu & Bentler, 1999): {fit}.",
    fit_scaled: "Model fit was judged against common cutoffs (CFI and TLI ≥ .95, RMSEA ≤ .06, SRMR ≤ .08; Hu & Bentler, 1999), with the scaled test statistic and the robust CFI, TLI and RMSEA: {fit}.",
    fit_scaled_only: "Model fit was judged against common cutoffs (CFI and TLI ≥ .95, RMSEA ≤ .06, SRMR ≤ .08; Hu & Bentler, 1999), with the scaled test statistic and the scaled CFI, TLI and RMSEA, as the robust ones are undefined for this model (lavaan leaves them NA): {fit}.",
    fit_met_all: "All four cutoffs were met.",
    fit_met_some: "{met} met the cutoff; {unmet} did not.",
    fit_met_none: "None of the four cutoffs was met.",
    reliability: "Reliability and convergent validity were assessed with Cronbach's α, composite reliability (CR) and the average variance extracted (AVE): α {alpha}, CR {cr}, and AVE {ave}.",
    spread_range: "ranged from {min} to {max}",
    spread_range_next: "from {min} to {max}",
    spread_value: "was {v}",
    ave_missing: " (none for {list}, as an item loads on more than one construct)",
    ave_none: "was not defined, as an item of each construct loads on more than one construct",
    reliability_single: "Reliability and convergent validity were assessed with Cronbach's α ({alpha_min}), composite reliability (CR = {cr_min}) and the average variance extracted (AVE = {ave_min}).",
    low_cr: "CR was below .70 for {list}.",
    low_ave: "AVE was below .50 for {list}.",
    fornell_ok: "By the Fornell–Larcker criterion, each factor correlation was below the square root of the AVE of both constructs (Fornell & Larcker, 1981).",
    fornell_ok_partial: "By the Fornell–Larcker criterion, every factor correlation that could be judged was below the square root of the AVE of its constructs (Fornell & Larcker, 1981).",
    fornell_fail: "By the Fornell–Larcker criterion, discriminant validity was not established for {list}: the factor correlation was not below the square root of the AVE of both constructs (Fornell & Larcker, 1981).",
    fornell_undefined: "The Fornell–Larcker criterion could not be applied to {list}, as neither construct has an AVE (an item loads on more than one construct).",
    htmt_ok: "All heterotrait–monotrait ratios (HTMT) were below .85 (largest {max}; Henseler et al., 2015).",
    htmt_ok_others: "The other heterotrait–monotrait ratios (HTMT) were below .85 (largest {max}; Henseler et al., 2015).",
    htmt_shared: "The heterotrait–monotrait ratio (HTMT) was not computed for {list}: HTMT assumes each item measures one construct, and these constructs share items.",
    pair_shared: "{pair} (sharing {items})",
    htmt_high: "The heterotrait–monotrait ratio (HTMT) reached .85 or more for {list}, questioning discriminant validity (Henseler et al., 2015).",
    discriminant_supported: "Both criteria thus support discriminant validity.",
    pair_r: "{pair} (r = {r})",
    pair_htmt: "{pair} ({htmt})",
    hypotheses: "Every hypothesis was tested under one rule ({rule}); {supported} of the {total} hypothesized paths {supported|was|were} supported.",
    hypothesis_single: "The hypothesized path was tested ({rule}) and was {supported|supported|not supported}.",
    hypotheses_defined: "Every hypothesis, the defined parameters among them, was tested under one rule ({rule}); {supported} of the {total} {total|hypothesis|hypotheses} {supported|was|were} supported.",
    hypotheses_no_group: "The {total|hypothesis|hypotheses} on defined parameters, one for all groups, {total|was|were} tested under the same rule; {supported} of {total} {supported|was|were} supported.",
    not_supported: "Not supported: {list}.",
    hypothesis_item: "{name} (β = {beta}, p {p})",
    defined: "The defined {count|parameter was|parameters were} estimated as {list}.",
    defined_item: "{name} = {est} ({ci} [{lo}, {hi}], p {p})",
    ci_delta: "95% CI",
    mediation: "The total indirect effect of {from} on {to} was {est} ({ci} [{lo}, {hi}]): {verdict}.",
    moderation_yes: "The effect of {x} on {y} was moderated by {w} (interaction B = {est}, p {p}).",
    moderation_no: "The effect of {x} on {y} was not significantly moderated by {w} (interaction B = {est}, p {p}).",
    index_yes: "The index of moderated mediation through {m} was {est} ({ci} [{lo}, {hi}]): the indirect effect of {from} on {to} depends on {w}.",
    index_no: "The index of moderated mediation through {m} was {est} ({ci} [{lo}, {hi}]): the indirect effect of {from} on {to} does not depend significantly on {w}.",
    index_none: "{w} moderated more than one stage of the indirect effect of {from} on {to} through {m}, so that effect is not linear in {w} and has no single index of moderated mediation; at {w} = mean − 1 SD, mean and mean + 1 SD it was {low}, {mean} and {high} ({ci}).",
    index_none_two: "{w} moderated more than one stage of the indirect effect of {from} on {to} through {m}, so that effect has no single index of moderated mediation; at {w} = {w_low} and {w} = {w_high} it was {low} and {high} ({ci}).",
    rule: "{tails} test at α = {alpha}, {sign}",
    two_tailed: "two-tailed",
    one_tailed: "one-tailed",
    sign_positive: "positive effects expected",
    sign_negative: "negative effects expected",
    sign_any: "effects in either direction",
    list_sep: ", ",
    list_and: " and ",
    sentence_sep: " ",
};

/// 简体中文 (as the methods section of a Chinese SEM paper reads).
pub const ZH: Templates = Templates {
    model_sem: "本研究采用结构方程模型检验假设模型：测量模型包含 {constructs} 个潜变量（构念），共 {items} 个测量题项；结构模型包含 {paths} 条路径。",
    model_cfa: "本研究采用验证性因子分析检验测量模型，模型包含 {constructs} 个相关的潜变量（构念），共 {items} 个测量题项。",
    model_cfa_higher: "本研究采用二阶验证性因子分析检验测量模型：{constructs} 个一阶潜变量（构念）共 {items} 个测量题项，{higher_names} 为由一阶构念测量的二阶因子。",
    model_path: "本研究以路径分析检验模型，模型包含 {variables} 个观测变量之间的 {paths} 条路径。",
    model_latent: "本研究采用结构方程模型检验模型，模型包含 {latents} 个潜变量（{names}）和 {paths} 条结构路径。",
    estimation_ml: "参数采用最大似然法（ML）估计，标准误基于期望信息矩阵，分析软件为 semlab {version}（其结果与 lavaan 0.6 一致；Rosseel, 2012）。",
    estimation_mlr: "参数采用稳健最大似然法（MLR：Huber–White 稳健标准误与 Yuan–Bentler 校正检验统计量）估计，分析软件为 semlab {version}（其结果与 lavaan 0.6 一致；Rosseel, 2012）。",
    estimation_mlm: "参数采用最大似然法估计，并使用稳健标准误与 Satorra–Bentler 校正检验统计量（MLM），分析软件为 semlab {version}（其结果与 lavaan 0.6 一致；Rosseel, 2012）。",
    estimation_wlsmv: "各题项作为有序类别变量处理：基于多分格相关和阈值，采用对角加权最小二乘法估计参数，并使用稳健标准误与均值和方差调整（校正并平移）的检验统计量（WLSMV；delta 参数化），分析软件为 semlab {version}（其结果与 lavaan 0.6 一致；Rosseel, 2012）。",
    identification_marker: "各潜变量以第一个因子载荷固定为 1 的方式设定量尺。",
    identification_std_lv: "各潜变量以方差固定为 1 的方式设定量尺。",
    identification_model: "各潜变量的量尺由模型中固定的参数设定。",
    data_complete: "全部 {n} 个样本在模型变量上均无缺失值（N = {n}）。",
    data_listwise: "在 {read} 个样本中，{dropped} 个在模型变量上存在缺失值，采用列删除法剔除，有效样本 N = {n}。",
    data_fiml: "缺失值采用全信息最大似然法（FIML）处理（N = {n}）。",
    data_no_group: "分组变量 {column} 上没有取值的样本（{rows} 个）不属于任何组，已被剔除。",
    bootstrap: "此外，通过 {draws} 次 Bootstrap 抽样得到标准误和 {level}% 置信区间。",
    groups: "模型同时拟合于 {column} 的 {k} 个组（{list}）{equal}。",
    groups_equal: "，并限定各组的{kinds}相等",
    in_group: "在 {group} 组（n = {n}）中，",
    list_sep_groups: "；",
    paths_differ: "对各回归路径进行组间等同性的 Wald 检验（α = {alpha}），有 {count} 条路径在组间存在差异：{list}。",
    paths_differ_none: "对各回归路径进行组间等同性的 Wald 检验（α = {alpha}），没有路径在组间存在差异。",
    paths_differ_item: "{path}（χ²({df}) = {chisq}，p {p}）",
    not_converged: "模型估计未收敛：当前估计值只是优化算法停止之处，并非模型的解，因此不报告拟合、信度、效度或假设检验结果。",
    fit: "模型拟合参照常用标准（CFI 和 TLI ≥ .95，RMSEA ≤ .06，SRMR ≤ .08；Hu & Bentler, 1999）进行评价：{fit}。",
    fit_scaled: "模型拟合参照常用标准（CFI 和 TLI ≥ .95，RMSEA ≤ .06，SRMR ≤ .08；Hu & Bentler, 1999），采用校正检验统计量及稳健的 CFI、TLI 和 RMSEA 进行评价：{fit}。",
    fit_scaled_only: "模型拟合参照常用标准（CFI 和 TLI ≥ .95，RMSEA ≤ .06，SRMR ≤ .08；Hu & Bentler, 1999），采用校正检验统计量及校正的 CFI、TLI 和 RMSEA 进行评价（该模型没有稳健的 CFI、TLI 和 RMSEA，lavaan 给出 NA）：{fit}。",
    fit_met_all: "四项指标均达到标准。",
    fit_met_some: "{met}达到标准，{unmet}未达到标准。",
    fit_met_none: "四项指标均未达到标准。",
    reliability: "信度与收敛效度以 Cronbach's α、组合信度（CR）和平均方差抽取量（AVE）评估：α {alpha}，CR {cr}，AVE {ave}。",
    spread_range: "介于 {min} 至 {max} 之间",
    spread_range_next: "介于 {min} 至 {max} 之间",
    spread_value: "为 {v}",
    ave_missing: "（{list} 有题项同时负载于多个构念，无 AVE）",
    ave_none: "无定义（各构念均有题项同时负载于多个构念）",
    reliability_single: "信度与收敛效度以 Cronbach's α（{alpha_min}）、组合信度（CR = {cr_min}）和平均方差抽取量（AVE = {ave_min}）评估。",
    low_cr: "{list}的 CR 低于 .70。",
    low_ave: "{list}的 AVE 低于 .50。",
    fornell_ok: "按 Fornell–Larcker 准则，各因子相关系数均低于两个构念 AVE 的平方根（Fornell & Larcker, 1981）。",
    fornell_ok_partial: "按 Fornell–Larcker 准则，凡可判断的因子相关系数均低于相应构念 AVE 的平方根（Fornell & Larcker, 1981）。",
    fornell_fail: "按 Fornell–Larcker 准则，{list}的因子相关系数未低于两个构念 AVE 的平方根，区分效度未得到确认（Fornell & Larcker, 1981）。",
    fornell_undefined: "{list} 的两个构念均无 AVE（有题项同时负载于多个构念），无法按 Fornell–Larcker 准则判断。",
    htmt_ok: "所有异质-单质比率（HTMT）均低于 .85（最大值为 {max}；Henseler et al., 2015）。",
    htmt_ok_others: "其余异质-单质比率（HTMT）均低于 .85（最大值为 {max}；Henseler et al., 2015）。",
    htmt_shared: "{list}未计算异质-单质比率（HTMT）：HTMT 假定每个题项只测量一个构念，而这些构念共用题项。",
    pair_shared: "{pair}（共用题项 {items}）",
    htmt_high: "{list}的异质-单质比率（HTMT）达到或超过 .85，区分效度存疑（Henseler et al., 2015）。",
    discriminant_supported: "两项准则均支持区分效度。",
    pair_r: "{pair}（r = {r}）",
    pair_htmt: "{pair}（{htmt}）",
    hypotheses: "所有假设均按同一规则检验（{rule}）；{total} 条假设路径中有 {supported} 条得到支持。",
    hypothesis_single: "该假设路径按规则检验（{rule}），{supported|得到|未得到}支持。",
    hypotheses_defined: "所有假设（包括以定义参数检验的假设）均按同一规则检验（{rule}）；{total} 项假设中有 {supported} 项得到支持。",
    hypotheses_no_group: "以各组共用的定义参数检验的 {total} 项假设按同一规则检验，其中 {supported} 项得到支持。",
    not_supported: "未得到支持的假设：{list}。",
    hypothesis_item: "{name}（β = {beta}，p {p}）",
    defined: "定义参数的估计结果为：{list}。",
    defined_item: "{name} = {est}（{ci} [{lo}, {hi}]，p {p}）",
    ci_delta: "95% CI",
    mediation: "{from} 对 {to} 的总间接效应为 {est}（{ci} [{lo}, {hi}]）：{verdict}。",
    moderation_yes: "{w} 调节了 {x} 对 {y} 的效应（交互项 B = {est}，p {p}）。",
    moderation_no: "{w} 对 {x} 与 {y} 关系的调节作用不显著（交互项 B = {est}，p {p}）。",
    index_yes: "经由 {m} 的被调节的中介指数为 {est}（{ci} [{lo}, {hi}]）：{from} 对 {to} 的间接效应随 {w} 而变化。",
    index_no: "经由 {m} 的被调节的中介指数为 {est}（{ci} [{lo}, {hi}]）：{from} 对 {to} 的间接效应不随 {w} 显著变化。",
    index_none: "{w} 调节了 {from} 经由 {m} 对 {to} 的间接效应的不止一段，该效应不是 {w} 的线性函数，没有单一的被调节的中介指数；在 {w} = 均值 − 1 个标准差、均值和均值 + 1 个标准差处分别为 {low}、{mean} 和 {high}（{ci}）。",
    index_none_two: "{w} 调节了 {from} 经由 {m} 对 {to} 的间接效应的不止一段，该效应没有单一的被调节的中介指数；在 {w} = {w_low} 和 {w} = {w_high} 处分别为 {low} 和 {high}（{ci}）。",
    rule: "{tails}检验，α = {alpha}，{sign}",
    two_tailed: "双尾",
    one_tailed: "单尾",
    sign_positive: "预期为正向影响",
    sign_negative: "预期为负向影响",
    sign_any: "影响方向不限",
    list_sep: "、",
    list_and: "和",
    sentence_sep: "",
};

/// The templates of a language.
pub fn templates(lang: Lang) -> &'static Templates {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// Fills `{name}` placeholders.
///
/// `{key|one|other}` picks `one` when the value of `key` is 1 and `other`
/// otherwise (English number agreement: "1 path", "3 paths").
pub(crate) fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
        let open = format!("{{{k}|");
        while let Some(start) = s.find(&open) {
            let Some(len) = s[start..].find('}') else {
                break;
            };
            let inner = &s[start + open.len()..start + len];
            let (one, other) = inner.split_once('|').unwrap_or((inner, inner));
            let pick = if v == "1" { one } else { other }.to_string();
            s.replace_range(start..=start + len, &pick);
        }
    }
    s
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String], t: &Templates) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!(
            "{}{}{}",
            items[..n - 1].join(t.list_sep),
            t.list_and,
            items[n - 1]
        ),
    }
}

/// `p` with its relation: `= .002` or `< .001`.
fn p_rel(p: &str) -> String {
    if p.starts_with('<') {
        p.to_string()
    } else {
        format!("= {p}")
    }
}

/// One sentence per mediation verdict (the effects table's, by the
/// procedure of Wen & Ye 2014) and per product term (the moderation
/// table's: the interaction's test, the Johnson–Neyman region, the index
/// of moderated mediation by its bootstrap interval when one ran).
fn effects_and_moderation(a: &Analysis, t: &Templates, lang: Lang, out: &mut Vec<String>) {
    use crate::effects::{Basis, EffectEstimate};
    let w = super::words::words(lang);
    // the interval a verdict rests on: the bootstrap's of the chosen type, else the Wald one
    let basis = match &a.bootstrap {
        Some(b) => Basis::Bootstrap {
            ci: b.ci_type,
            level: b.level,
        },
        None => Basis::Delta,
    };
    let interval = |e: &EffectEstimate| -> [(&'static str, String); 4] {
        let (ci, lo_hi) = match &a.bootstrap {
            Some(b) => (
                (w.apa_effects_boot_ci)(w.ci_type(b.ci_type), 100.0 * b.level),
                match b.ci_type {
                    crate::bootstrap::CiType::Percentile => e.boot_perc,
                    crate::bootstrap::CiType::BiasCorrected => e.boot_bc,
                },
            ),
            None => (t.ci_delta.to_string(), e.ci_lower.zip(e.ci_upper)),
        };
        [
            ("est", fixed(Some(e.est), 3)),
            ("ci", ci),
            ("lo", fixed(lo_hi.map(|c| c.0), 3)),
            ("hi", fixed(lo_hi.map(|c| c.1), 3)),
        ]
    };
    if let Some(fx) = &a.effects {
        for p in fx.totals.iter().filter(|p| p.group <= 1) {
            let Some(m) = &p.mediation else { continue };
            let mut v = vec![
                ("from", p.from.clone()),
                ("to", p.to.clone()),
                ("verdict", m.describe(lang)),
            ];
            v.extend(interval(&p.indirect));
            out.push(fill(t.mediation, &v));
        }
    }
    for m in &a.moderation {
        let (Some(moderated), Some(b3)) = (m.moderated(), &m.interaction) else {
            continue;
        };
        let names = [
            ("x", m.focal.clone()),
            ("y", m.outcome.clone()),
            ("w", m.moderator.clone()),
        ];
        let mut v = names.to_vec();
        v.extend([
            ("est", fixed(Some(b3.est), 3)),
            ("p", p_rel(&super::pval(b3.pvalue))),
        ]);
        out.push(fill(
            if moderated {
                t.moderation_yes
            } else {
                t.moderation_no
            },
            &v,
        ));
        out.extend(super::johnson_neyman_words(m, lang));
        // each indirect path through x → y with an index: from → m … → to
        for p in &m.paths {
            let mut v = names.to_vec();
            v.extend([
                ("from", p.from.clone()),
                ("m", p.via.join(" → ")),
                ("to", p.to.clone()),
            ]);
            if let (Some(e), Some(yes)) = (&p.index, p.mediation_moderated(basis)) {
                v.extend(interval(e));
                out.push(fill(if yes { t.index_yes } else { t.index_no }, &v));
            } else if p.quadratic() {
                // no index: the effect at each value of W, with its interval
                let at = |e: &EffectEstimate| {
                    let [(_, est), ci, (_, lo), (_, hi)] = interval(e);
                    (format!("{est} [{lo}, {hi}]"), ci.1)
                };
                match (&p.conditional[..], &m.slopes[..]) {
                    ([low, mean, high], _) => {
                        let (low, ci) = at(low);
                        v.extend([
                            ("low", low),
                            ("mean", at(mean).0),
                            ("high", at(high).0),
                            ("ci", ci),
                        ]);
                        out.push(fill(t.index_none, &v));
                    }
                    // a dichotomous W: at its two values (moderation::conditioning_values)
                    ([low, high], [w_low, w_high]) => {
                        let (low, ci) = at(low);
                        v.extend([
                            ("w_low", super::level(w_low.w)),
                            ("w_high", super::level(w_high.w)),
                            ("low", low),
                            ("high", at(high).0),
                            ("ci", ci),
                        ]);
                        out.push(fill(t.index_none_two, &v));
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The sentence on the regression paths compared across the groups, from
/// the verdicts of the *Paths compared across groups* table
/// ([`crate::tables::group_differences::PathDifference::differs`] at the
/// hypothesis rule's α). None when no path was tested.
fn paths_compared(gs: &crate::analysis::GroupResults, alpha: f64, t: &Templates) -> Option<String> {
    let tested: Vec<_> = gs
        .path_differences
        .iter()
        .filter(|d| d.differs(alpha).is_some())
        .collect();
    if tested.is_empty() {
        return None;
    }
    let items: Vec<String> = tested
        .iter()
        .filter(|d| d.differs(alpha) == Some(true))
        .map(|d| {
            fill(
                t.paths_differ_item,
                &[
                    ("path", format!("{} ← {}", d.outcome, d.predictor)),
                    ("df", d.df.to_string()),
                    ("chisq", fixed(d.chisq, 2)),
                    ("p", p_rel(&super::pval(d.pvalue))),
                ],
            )
        })
        .collect();
    let alpha = alpha_text(alpha);
    Some(if items.is_empty() {
        fill(t.paths_differ_none, &[("alpha", alpha)])
    } else {
        fill(
            t.paths_differ,
            &[
                ("alpha", alpha),
                ("count", items.len().to_string()),
                ("list", items.join(t.list_sep_groups)),
            ],
        )
    })
}

/// α as the paragraph prints it: `.05`, `.01`, `.10` → `.1`.
fn alpha_text(alpha: f64) -> String {
    prop(Some(alpha), 3).trim_end_matches('0').to_string()
}

fn rule_text(rule: &HypothesisRule, t: &Templates) -> String {
    let alpha = alpha_text(rule.alpha);
    fill(
        t.rule,
        &[
            (
                "tails",
                match rule.tails {
                    Tails::Two => t.two_tailed,
                    Tails::One => t.one_tailed,
                }
                .to_string(),
            ),
            ("alpha", alpha),
            (
                "sign",
                match rule.expected_sign {
                    Sign::Positive => t.sign_positive,
                    Sign::Negative => t.sign_negative,
                    Sign::Any => t.sign_any,
                }
                .to_string(),
            ),
        ],
    )
}

/// Smallest and largest of the present values.
fn range(xs: impl Iterator<Item = Option<f64>>) -> Option<(f64, f64)> {
    xs.flatten()
        .filter(|x| x.is_finite())
        .fold(None, |acc, x| match acc {
            None => Some((x, x)),
            Some((lo, hi)) => Some((x.min(lo), x.max(hi))),
        })
}

/// How the scales were identified, as the parameter table says: each by
/// its first loading fixed to 1 (lavaan's default), each by its variance
/// fixed to 1 (`std.lv`), or otherwise as the model fixes it.
fn identification(
    a: &Analysis,
    scales: &[&crate::tables::reliability::ConstructReliability],
    t: &Templates,
) -> &'static str {
    fn loadings<'a>(
        a: &'a Analysis,
        name: &'a str,
    ) -> impl Iterator<Item = &'a crate::analysis::ParameterRow> {
        a.parameters
            .iter()
            .filter(move |p| p.op == "=~" && p.lhs == name && p.group <= 1)
    }
    let variance_fixed = |name: &str| {
        a.parameters.iter().any(|p| {
            p.op == "~~"
                && p.lhs == name
                && p.rhs == name
                && p.group <= 1
                && !p.free
                && p.est == 1.0
        })
    };
    let marker = scales.iter().all(|c| {
        let mut l = loadings(a, &c.name);
        l.next().is_some_and(|p| !p.free && p.est == 1.0) && l.all(|p| p.free)
    });
    let std_lv = scales
        .iter()
        .all(|c| loadings(a, &c.name).all(|p| p.free) && variance_fixed(&c.name));
    if marker {
        t.identification_marker
    } else if std_lv {
        t.identification_std_lv
    } else {
        t.identification_model
    }
}

/// The methods paragraph in the given language.
pub fn paragraph(a: &Analysis, opts: &Options, lang: Lang) -> String {
    paragraph_with(a, opts, None, lang)
}

/// The methods paragraph with the sentences of the checks of the
/// measurement when they were run (the paragraph of `semlab explore
/// --methods`, [`super::measurement::methods_paragraph`]) after the data's.
pub fn paragraph_with(
    a: &Analysis,
    opts: &Options,
    check: Option<&crate::measurement::MeasurementCheck>,
    lang: Lang,
) -> String {
    let t = templates(lang);
    let w = super::words::words(lang);
    let mut out: Vec<String> = Vec::new();
    let version = env!("CARGO_PKG_VERSION").to_string();

    // the model: its scales (the constructs of the reliability table) and
    // the latent variables that are not scales
    let scales: Vec<_> = super::scales(a).collect();
    let constructs = scales.len();
    let mut items: Vec<&str> = Vec::new();
    for c in &scales {
        for i in &c.items {
            if !items.contains(&i.as_str()) {
                items.push(i);
            }
        }
    }
    let paths = a
        .parameters
        .iter()
        .filter(|p| p.op == "~" && p.group <= 1)
        .count();
    let latents: Vec<String> = a.constructs.iter().map(|c| c.name.clone()).collect();
    let higher: Vec<String> = a
        .constructs
        .iter()
        .filter(|c| c.kind == crate::tables::reliability::ConstructKind::HigherOrder)
        .map(|c| c.name.clone())
        .collect();
    let counts = [
        ("higher", higher.len().to_string()),
        ("higher_names", list(&higher, t)),
        ("constructs", constructs.to_string()),
        ("items", items.len().to_string()),
        ("paths", paths.to_string()),
        ("variables", a.data.variables.len().to_string()),
        ("latents", latents.len().to_string()),
        ("names", list(&latents, t)),
    ];
    out.push(if constructs == 0 && latents.is_empty() {
        fill(t.model_path, &counts)
    } else if constructs == 0 {
        fill(t.model_latent, &counts)
    } else if paths == 0 && !higher.is_empty() {
        fill(t.model_cfa_higher, &counts)
    } else if paths == 0 {
        fill(t.model_cfa, &counts)
    } else {
        fill(t.model_sem, &counts)
    });

    // estimation
    let est = match a.estimator.as_str() {
        "MLR" => t.estimation_mlr,
        "MLM" => t.estimation_mlm,
        "WLSMV" => t.estimation_wlsmv,
        _ => t.estimation_ml,
    };
    out.push(fill(est, &[("version", version)]));
    if constructs > 0 {
        out.push(identification(a, &scales, t).to_string());
    }
    // why the other latent variables get no reliability or validity
    out.push(super::not_scales_note(a, lang).trim_start().to_string());

    // data: the rows without a group value, apart from the rows with
    // missing model values
    let without_group = a.data.rows_without_group;
    let dropped = a.data.dropped_rows.len() - without_group;
    let n = [
        ("n", a.nobs.to_string()),
        ("read", (a.data.rows_read - without_group).to_string()),
        ("dropped", dropped.to_string()),
    ];
    if let Some(gs) = a.groups.as_ref().filter(|_| without_group > 0) {
        out.push(fill(
            t.data_no_group,
            &[
                ("rows", without_group.to_string()),
                ("column", gs.column.clone()),
            ],
        ));
    }
    out.push(if opts.missing == Missing::Ml {
        fill(t.data_fiml, &n)
    } else if dropped == 0 {
        fill(t.data_complete, &n)
    } else {
        fill(t.data_listwise, &n)
    });
    if let Some(gs) = &a.groups {
        let each: Vec<String> = gs
            .labels
            .iter()
            .zip(&gs.nobs)
            .map(|(label, n)| format!("{label}, n = {n}"))
            .collect();
        let kinds: Vec<String> = opts
            .group_equal
            .iter()
            .map(|k| equality_name(k.trim(), lang))
            .filter(|k| !k.is_empty())
            .collect();
        let equal = if kinds.is_empty() {
            String::new()
        } else {
            fill(t.groups_equal, &[("kinds", list(&kinds, t))])
        };
        out.push(fill(
            t.groups,
            &[
                ("k", gs.labels.len().to_string()),
                ("column", gs.column.clone()),
                ("list", each.join(t.list_sep_groups)),
                ("equal", equal),
            ],
        ));
    }
    // the bootstrap, read from the options' JSON form
    if let Ok(v) = serde_json::to_value(opts) {
        if let Some(b) = v.get("bootstrap").filter(|b| b.is_object()) {
            let draws = b.get("draws").and_then(|x| x.as_u64()).unwrap_or(0);
            let level = b.get("level").and_then(|x| x.as_f64()).unwrap_or(0.95);
            if draws > 0 {
                out.push(fill(
                    t.bootstrap,
                    &[
                        ("draws", draws.to_string()),
                        ("level", format!("{}", (level * 100.0).round() as i64)),
                    ],
                ));
            }
        }
    }

    if let Some(c) = check {
        out.push(super::measurement::methods_paragraph(c, lang));
    }

    // no verdicts for a fit that did not converge: say so first
    if !super::verdicts::judged(a) {
        out.insert(0, t.not_converged.to_string());
        return out.join(t.sentence_sep);
    }

    // fit
    let fs = fit_summary(a);
    out.push(fill(
        match fs.indices {
            Indices::Standard => t.fit,
            Indices::Robust => t.fit_scaled,
            Indices::Scaled => t.fit_scaled_only,
        },
        &[("fit", fs.sentence())],
    ));
    let mut met = Vec::new();
    let mut unmet = Vec::new();
    for (label, base) in [
        ("CFI", "cfi"),
        ("TLI", "tli"),
        ("RMSEA", "rmsea"),
        ("SRMR", "srmr"),
    ] {
        match cutoffs::reported(&fs.measures, base).and_then(|m| m.met()) {
            Some(true) => met.push(label.to_string()),
            Some(false) => unmet.push(label.to_string()),
            None => {}
        }
    }
    if met.len() + unmet.len() == 4 {
        out.push(if unmet.is_empty() {
            t.fit_met_all.to_string()
        } else if met.is_empty() {
            t.fit_met_none.to_string()
        } else {
            fill(
                t.fit_met_some,
                &[("met", list(&met, t)), ("unmet", list(&unmet, t))],
            )
        });
    }

    // reliability, validity and hypotheses: in a multi-group fit each
    // group's, led by the group (its tables are apart too)
    match &a.groups {
        Some(gs) => {
            for (g, (label, n)) in gs.labels.iter().zip(&gs.nobs).enumerate() {
                let Some(one) = super::groups::of_group(a, g + 1) else {
                    continue;
                };
                let start = out.len();
                validity_and_hypotheses(&one, t, &mut out);
                if let Some(first) = out.get_mut(start) {
                    let lead = fill(
                        t.in_group,
                        &[("group", label.clone()), ("n", n.to_string())],
                    );
                    *first = led_by(&lead, first, lang);
                }
            }
            // the hypotheses on defined parameters: once, of no group
            if let Some(none) = super::groups::of_no_group(a) {
                hypotheses(&none, Some(t.hypotheses_no_group), t, &mut out);
            }
            out.extend(paths_compared(gs, a.hypothesis_rule.alpha, t));
        }
        None => validity_and_hypotheses(a, t, &mut out),
    }
    // the hypotheses judged by their bootstrap interval, as the tables say
    let boot = super::boot_judged_note(&a.hypotheses, lang);
    if !boot.is_empty() {
        out.push(boot.trim_start().to_string());
    }
    effects_and_moderation(a, t, lang, &mut out);
    // defined parameters (`:=`): estimate, CI (the bootstrap's when one
    // ran, as in the effects table) and p
    let defined: Vec<String> = a
        .parameters
        .iter()
        .filter(|p| p.op == ":=")
        .map(|p| {
            let (ci, lo, hi) = match &a.bootstrap {
                Some(b) => (
                    (w.apa_effects_boot_ci)(w.ci_type(b.ci_type), 100.0 * b.level),
                    p.boot_ci_lower,
                    p.boot_ci_upper,
                ),
                None => (t.ci_delta.to_string(), p.ci_lower, p.ci_upper),
            };
            fill(
                t.defined_item,
                &[
                    ("name", p.lhs.clone()),
                    ("est", fixed(Some(p.est), 3)),
                    ("ci", ci),
                    ("lo", fixed(lo, 3)),
                    ("hi", fixed(hi, 3)),
                    ("p", p_rel(&super::pval(p.pvalue))),
                ],
            )
        })
        .collect();
    if !defined.is_empty() {
        out.push(fill(
            t.defined,
            &[
                ("count", defined.len().to_string()),
                ("list", list(&defined, t)),
            ],
        ));
    }
    out.retain(|s| !s.is_empty());
    let text = out.join(t.sentence_sep);
    match lang {
        Lang::Zh => crate::format::cjk_latin_spacing(&text),
        _ => text,
    }
}

/// The sentences on reliability, convergent and discriminant validity and
/// the hypotheses of one (group's) analysis, from the verdicts its tables show.
fn validity_and_hypotheses(a: &Analysis, t: &Templates, out: &mut Vec<String>) {
    // reliability and convergent validity
    let scales: Vec<_> = super::scales(a).collect();
    let multi = &scales;
    let ra = range(multi.iter().map(|c| c.alpha));
    let rc = range(multi.iter().map(|c| c.omega));
    let rv = range(multi.iter().map(|c| c.ave));
    let no_ave: Vec<String> = multi
        .iter()
        .filter(|c| c.ave.is_none())
        .map(|c| c.name.clone())
        .collect();
    if let (Some(ra), Some(rc)) = (ra, rc) {
        let p2 = |x: f64| prop(Some(x), 2);
        if let (1, Some(rv)) = (multi.len(), rv) {
            out.push(fill(
                t.reliability_single,
                &[
                    ("alpha_min", p2(ra.0)),
                    ("cr_min", p2(rc.0)),
                    ("ave_min", p2(rv.0)),
                ],
            ));
        } else {
            // "ranged from a to b" (the first), "from a to b" (a later
            // one), "was a" when every construct rounds to the same value
            let mut ranged = false;
            let mut spread = |(lo, hi): (f64, f64)| {
                if p2(lo) == p2(hi) {
                    fill(t.spread_value, &[("v", p2(lo))])
                } else {
                    let tpl = if ranged {
                        t.spread_range_next
                    } else {
                        t.spread_range
                    };
                    ranged = true;
                    fill(tpl, &[("min", p2(lo)), ("max", p2(hi))])
                }
            };
            let alpha = spread(ra);
            let cr = spread(rc);
            let ave = match rv {
                None => t.ave_none.to_string(),
                Some(rv) if no_ave.is_empty() => spread(rv),
                Some(rv) => spread(rv) + &fill(t.ave_missing, &[("list", list(&no_ave, t))]),
            };
            out.push(fill(
                t.reliability,
                &[("alpha", alpha), ("cr", cr), ("ave", ave)],
            ));
        }
        let low = |f: &dyn Fn(&crate::tables::reliability::ConstructReliability) -> bool| {
            multi
                .iter()
                .filter(|c| f(c))
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        let low_cr = low(&|c| c.omega.is_some_and(reliability::cr_low));
        let low_ave = low(&|c| c.ave.is_some_and(reliability::ave_low));
        if !low_cr.is_empty() {
            out.push(fill(t.low_cr, &[("list", list(&low_cr, t))]));
        }
        if !low_ave.is_empty() {
            out.push(fill(t.low_ave, &[("list", list(&low_ave, t))]));
        }
    }

    // discriminant validity: both criteria, from the verdicts the
    // Fornell–Larcker and HTMT tables mark († ‡)
    let pairs = reliability::discriminant_pairs(&a.fornell_larcker, &a.htmt);
    if !pairs.is_empty() {
        let name = |p: &reliability::PairVerdict| format!("{}–{}", p.first, p.second);
        let fl_fail: Vec<String> = pairs
            .iter()
            .filter(|p| p.fornell_larcker_fails == Some(true))
            .map(|p| {
                fill(
                    t.pair_r,
                    &[("pair", name(p)), ("r", prop(p.correlation, 3))],
                )
            })
            .collect();
        let fl_undefined: Vec<String> = pairs
            .iter()
            .filter(|p| p.fornell_larcker_fails.is_none())
            .map(name)
            .collect();
        let fl_judged = pairs.len() - fl_undefined.len();
        if !fl_undefined.is_empty() {
            out.push(fill(
                t.fornell_undefined,
                &[("list", list(&fl_undefined, t))],
            ));
        }
        if !fl_fail.is_empty() {
            out.push(fill(t.fornell_fail, &[("list", list(&fl_fail, t))]));
        } else if fl_judged > 0 {
            out.push(
                if multi.iter().any(|c| c.ave.is_none()) {
                    t.fornell_ok_partial
                } else {
                    t.fornell_ok
                }
                .to_string(),
            );
        }
        let ratios: Vec<f64> = pairs.iter().filter_map(|p| p.htmt).collect();
        let high: Vec<String> = pairs
            .iter()
            .filter(|p| p.htmt_flag.is_some())
            .map(|p| fill(t.pair_htmt, &[("pair", name(p)), ("htmt", prop(p.htmt, 2))]))
            .collect();
        // the pairs without HTMT, as the HTMT table's note names them
        let shared: Vec<String> = reliability::htmt_shared_pairs(&a.htmt, &a.constructs)
            .iter()
            .map(|p| {
                fill(
                    t.pair_shared,
                    &[
                        ("pair", format!("{}–{}", p.first, p.second)),
                        ("items", list(&p.items, t)),
                    ],
                )
            })
            .collect();
        if !shared.is_empty() {
            out.push(fill(t.htmt_shared, &[("list", list(&shared, t))]));
        }
        if !high.is_empty() {
            out.push(fill(t.htmt_high, &[("list", list(&high, t))]));
        } else if let Some(max) = ratios.iter().copied().reduce(f64::max) {
            let ok = if shared.is_empty() {
                t.htmt_ok
            } else {
                t.htmt_ok_others
            };
            out.push(fill(ok, &[("max", prop(Some(max), 2))]));
        }
        let all_judged = fl_undefined.is_empty() && ratios.len() == pairs.len();
        if all_judged && fl_fail.is_empty() && high.is_empty() {
            out.push(t.discriminant_supported.to_string());
        }
    }
    hypotheses(a, None, t, out);
}

/// The sentences on the hypotheses of `a`: how many were supported under
/// the rule (in `template`, else the one for `a`'s kind of hypotheses),
/// and which were not.
fn hypotheses(a: &Analysis, template: Option<&str>, t: &Templates, out: &mut Vec<String>) {
    if !a.hypotheses.is_empty() {
        let supported = a.hypotheses.iter().filter(|h| h.supported).count();
        let defined = a.hypotheses.iter().any(|h| h.predictor.is_empty());
        out.push(fill(
            if let Some(template) = template {
                template
            } else if defined {
                t.hypotheses_defined
            } else if a.hypotheses.len() == 1 {
                t.hypothesis_single
            } else {
                t.hypotheses
            },
            &[
                ("rule", rule_text(&a.hypothesis_rule, t)),
                ("supported", supported.to_string()),
                ("total", a.hypotheses.len().to_string()),
            ],
        ));
        let not: Vec<String> = a
            .hypotheses
            .iter()
            .filter(|h| !h.supported)
            .map(|h| {
                fill(
                    t.hypothesis_item,
                    &[
                        ("name", h.name.clone()),
                        ("beta", prop(Some(h.std_beta), 3)),
                        ("p", p_rel(&super::pval(h.pvalue))),
                    ],
                )
            })
            .collect();
        if !not.is_empty() {
            // many: the names only
            let names: Vec<String> = if not.len() <= 6 {
                not
            } else {
                a.hypotheses
                    .iter()
                    .filter(|h| !h.supported)
                    .map(|h| h.name.clone())
                    .collect()
            };
            out.push(fill(t.not_supported, &[("list", list(&names, t))]));
        }
    }
}

/// A kind of `group.equal` constraint in words (lavaan's names:
/// `loadings`, `intercepts`, …); the name itself when unknown.
fn equality_name(kind: &str, lang: Lang) -> String {
    let (en, zh) = match kind {
        "loadings" => ("loadings", "因子载荷"),
        "intercepts" => ("intercepts", "截距"),
        "means" => ("latent means", "潜变量均值"),
        "thresholds" => ("thresholds", "阈值"),
        "regressions" => ("regression coefficients", "回归系数"),
        "residuals" => ("residual variances", "残差方差"),
        "residual.covariances" => ("residual covariances", "残差协方差"),
        "lv.variances" => ("latent variances", "潜变量方差"),
        "lv.covariances" => ("latent covariances", "潜变量协方差"),
        other => (other, other),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
    .to_string()
}

/// `sentence` led by `lead` ("In the Pasteur group (n = 156), "): an
/// English sentence's first word is lower-cased unless it is an acronym
/// (`CR was …`).
fn led_by(lead: &str, sentence: &str, lang: Lang) -> String {
    let mut chars = sentence.chars();
    match (lang, chars.next(), chars.next()) {
        (Lang::En, Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            format!(
                "{lead}{}{}",
                crate::letter_case::lower(first.encode_utf8(&mut [0; 4])),
                &sentence[first.len_utf8()..]
            )
        }
        _ => format!("{lead}{sentence}"),
    }
}
