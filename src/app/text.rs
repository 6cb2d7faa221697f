//! Every string the app shows a person, in one place, so that the app can be
//! translated: a language is one value of [`Text`] — [`EN`] here, `ZH` in
//! [`crate::app::text_zh`] (a new field needs its Chinese there too) — and
//! [`t`] chooses by [`crate::app::i18n::lang`]. Strings with numbers or names
//! in them are functions. The result tables' own captions and column names
//! come from the engine's `report` module, shared with the command line and
//! the exports.

use crate::app::examples::ExampleId;
use crate::format::count;

/// The app's strings in one language.
pub struct Text {
    // page
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub privacy_label: &'static str,
    pub privacy_title: &'static str,
    pub privacy_detail: &'static str,
    pub footer: &'static str,
    pub fatal: fn(&str) -> String,
    /// Between a bold label and what follows it (`label: text`).
    pub colon: &'static str,
    pub engine_crashed: fn(&str) -> String,
    pub engine_failed: fn(&str) -> String,

    // examples
    pub examples_heading: &'static str,
    pub examples_hint: &'static str,
    /// The link that downloads the loaded example's data file.
    pub example_data: fn(&str) -> String,
    pub example_name: fn(ExampleId) -> &'static str,
    pub example_detail: fn(ExampleId) -> &'static str,

    // data
    pub data_heading: &'static str,
    pub upload_label: &'static str,
    pub upload_hint: &'static str,
    pub drop_here: &'static str,
    pub paste_summary: &'static str,
    pub paste_label: &'static str,
    pub paste_hint: &'static str,
    pub paste_button: &'static str,
    pub pasted_name: &'static str,
    pub missing_codes_label: &'static str,
    pub missing_codes_hint: &'static str,
    pub missing_codes_apply: &'static str,
    /// A value that looks like a missing-value code: (code, cells, columns).
    pub missing_code_suspected: fn(&str, usize, &str) -> String,
    pub treat_as_missing: fn(&str) -> String,
    pub sheet_label: &'static str,
    pub no_data: &'static str,
    pub reading: fn(&str) -> String,
    /// A large file being read: (name, percent done).
    pub reading_progress: fn(&str, u32) -> String,
    /// The accessible name of its progress bar.
    pub reading_progress_label: fn(&str) -> String,
    pub cancel_reading: &'static str,
    /// The accessible name of the *Cancel* button: (file name).
    pub cancel_reading_label: fn(&str) -> String,
    pub read_cancelled: fn(&str) -> String,
    /// After a cancelled read that held up the page's worker (which was
    /// then replaced): the long jobs it was running, asked of the new
    /// worker again (the names joined by `list_sep`).
    pub jobs_restarted: fn(&str) -> String,
    pub job_bootstrap: &'static str,
    pub job_monte_carlo: &'static str,
    pub job_measurement: &'static str,
    pub job_invariance: &'static str,
    pub data_loaded: fn(&str, usize, usize) -> String,
    pub complete_rows: fn(usize, usize) -> String,
    pub data_error: fn(&str) -> String,
    pub data_kept: fn(&str) -> String,
    pub file_unreadable: &'static str,
    pub restored_note: &'static str,
    pub data_details: &'static str,
    pub preview_caption: fn(usize, usize) -> String,
    /// Between the names of a list in a sentence (`, ` / `、`).
    pub list_sep: &'static str,
    /// Note under the preview when a text file was not UTF-8 (e.g. GBK).
    pub read_as: fn(crate::data::TextEncoding) -> String,
    /// Under the data preview: its cells are shown as read.
    pub preview_note: &'static str,
    pub items_caption: &'static str,
    pub items_columns: [&'static str; 11],
    pub hint_ordinal: fn(usize) -> String,
    /// A column the file declares nominal (SPSS).
    pub hint_nominal: &'static str,
    /// Value labels in the item table's hints: "1 = male, 2 = female".
    pub hint_value_labels: fn(&str) -> String,
    pub hint_nonnormal: &'static str,
    pub hint_constant: &'static str,
    pub text_columns: fn(&str) -> String,
    pub unusable_names: fn(&str) -> String,
    pub summary_ordinal: fn(usize, usize) -> String,
    pub summary_nonnormal: fn(&str) -> String,
    pub summary_constant: fn(&str) -> String,
    pub mardia: fn(f64, usize, f64, &str, f64, &str) -> String,
    pub label_of: fn(&str, &str) -> String,
    pub coverage_caption: &'static str,
    pub coverage_note: &'static str,

    // model
    pub model_heading: &'static str,
    pub model_label: &'static str,
    pub model_hint: &'static str,
    pub model_empty: &'static str,
    pub model_ok: &'static str,
    pub error_at: fn(usize, usize) -> String,
    pub show_error: &'static str,
    pub variables_heading: &'static str,
    pub variables_hint: &'static str,
    /// Under the variable list: the nominal columns, offered as groups.
    pub variables_nominal: fn(&str) -> String,
    pub variables_empty: &'static str,
    pub insert_variable: fn(&str) -> String,

    // options
    pub options_heading: &'static str,
    pub estimator_label: &'static str,
    pub estimator_ml: &'static str,
    pub estimator_mlr: &'static str,
    pub estimator_mlm: &'static str,
    pub estimator_wlsmv: &'static str,
    pub missing_label: &'static str,
    pub missing_listwise: &'static str,
    pub missing_fiml: &'static str,
    pub fiml_unavailable: &'static str,
    pub estimator_unavailable: &'static str,
    pub ordered_label: &'static str,
    pub ordered_all: &'static str,
    pub ordered_choose: &'static str,
    pub ordered_items_label: &'static str,
    pub ordered_items_hint: &'static str,
    pub ordered_none: &'static str,
    pub ordered_not_declared: fn(&str) -> String,
    pub ordinal_suggestion: fn(usize) -> String,
    pub ordinal_button: fn(usize) -> String,
    pub boot_heading: &'static str,
    pub boot_hint: &'static str,
    pub boot_draws_label: &'static str,
    pub boot_seed_label: &'static str,
    pub boot_seed_hint: &'static str,
    pub boot_ci_label: &'static str,
    pub boot_ci_percentile: &'static str,
    pub boot_ci_bias_corrected: &'static str,
    pub boot_run: &'static str,
    pub boot_cancel: &'static str,
    pub boot_cancelling: &'static str,
    pub boot_progress_label: &'static str,
    pub boot_progress: fn(u32, u32, usize) -> String,
    pub boot_need_results: &'static str,
    pub boot_no_fiml: &'static str,
    pub boot_no_wlsmv: &'static str,
    pub boot_done: fn(f64, usize, usize, usize, u64, &str) -> String,
    pub boot_cancelled: fn(usize, usize, usize) -> String,
    pub boot_superseded: &'static str,
    pub boot_failed: fn(&str) -> String,
    pub boot_see_table: &'static str,
    pub std_lv_label: &'static str,
    pub orthogonal_label: &'static str,
    pub rule_heading: &'static str,
    pub rule_note: &'static str,
    pub alpha_label: &'static str,
    pub tails_label: &'static str,
    pub tails_two: &'static str,
    pub tails_one: &'static str,
    pub sign_label: &'static str,
    pub sign_positive: &'static str,
    pub sign_negative: &'static str,
    pub sign_any: &'static str,
    pub sign_default: fn(&str) -> String,
    pub per_hypothesis: &'static str,
    pub per_hypothesis_empty: &'static str,
    pub remember_label: &'static str,

    // results
    pub results_heading: &'static str,
    /// The one-line fit summary under the model editor.
    pub fit_summary_label: &'static str,
    /// Its link to the fit table.
    pub fit_summary_link: &'static str,
    pub results_empty: &'static str,
    pub results_need_data: &'static str,
    pub status_updating: &'static str,
    pub status_done: fn(f64, usize, usize) -> String,
    pub status_not_converged: &'static str,
    pub status_stale: &'static str,
    pub status_model_error: &'static str,
    pub status_stale_data: fn(&str) -> String,
    pub fit_failed: &'static str,
    pub progress_label: &'static str,
    pub contents_label: &'static str,
    pub download_report: &'static str,
    pub download_csv: &'static str,
    pub copy_table: &'static str,
    /// A table button's accessible name: the action and the table's caption.
    pub for_table: fn(&str, &str) -> String,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub mi_min_label: &'static str,
    /// *Sample size and power (RMSEA)*: heading, the test choice, N, the
    /// target power and the hint under them.
    pub power_heading: &'static str,
    pub power_test_label: &'static str,
    pub power_close: &'static str,
    pub power_not_close: &'static str,
    pub power_n_label: &'static str,
    pub power_target_label: &'static str,
    pub power_hint: &'static str,
    /// *Monte Carlo power*: heading, hint, the choices, Run/Cancel,
    /// progress (percent, workers), how it ended and the table's columns.
    pub mc_heading: &'static str,
    pub mc_hint: &'static str,
    pub mc_n_label: &'static str,
    pub mc_reps_label: &'static str,
    pub mc_seed_label: &'static str,
    /// The choice to type the population values instead of the fit's.
    pub mc_typed_label: &'static str,
    /// The typed population model's field and what it takes.
    pub mc_population_label: &'static str,
    pub mc_population_hint: &'static str,
    pub mc_paths_label: &'static str,
    /// A hypothesis's checkbox in the Monte Carlo part (its accessible name).
    pub mc_path_check: fn(&str) -> String,
    pub mc_run: &'static str,
    pub mc_cancel: &'static str,
    pub mc_cancelling: &'static str,
    pub mc_preparing: &'static str,
    pub mc_progress_label: &'static str,
    pub mc_progress: fn(u32, usize) -> String,
    pub mc_done: fn(f64, usize) -> String,
    pub mc_superseded: &'static str,
    pub mc_no_paths: &'static str,
    pub mc_need_results: &'static str,
    pub mc_col_path: &'static str,
    pub mc_col_population: &'static str,
    pub mc_col_power: &'static str,
    pub mc_col_se: &'static str,
    pub measure_heading: &'static str,
    pub measure_intro: &'static str,
    pub measure_run: &'static str,
    pub measure_running: &'static str,
    pub measure_factors_label: &'static str,
    pub measure_factors_auto: &'static str,
    pub measure_rotation_label: &'static str,
    pub measure_marker_label: &'static str,
    pub measure_marker_none: &'static str,
    pub measure_marker_hint: &'static str,
    pub measure_use_model: &'static str,
    pub measure_use_model_hint: &'static str,
    pub measure_need_model: &'static str,
    pub measure_stale: &'static str,
    pub measure_done: fn(f64) -> String,
    pub download_scree: &'static str,
    pub scree_label: &'static str,
    pub cmb_heading: &'static str,
    pub cmb_need_check: &'static str,
    pub fit_style_label: &'static str,
    pub fit_style_standard: &'static str,
    pub fit_style_amos: &'static str,
    pub mi_all: &'static str,
    pub add: &'static str,
    pub add_label: fn(&str) -> String,
    pub no_rows: &'static str,
    pub params_show_label: &'static str,
    pub params_all: &'static str,
    pub params_no_thresholds: &'static str,
    pub params_thresholds: &'static str,
    pub no_hypotheses: &'static str,
    pub no_warnings: &'static str,

    // report file
    pub report_title: &'static str,
    pub report_made: fn(&str) -> String,
    pub report_data: fn(&str, usize, &str) -> String,
    pub report_model: &'static str,

    // groups
    pub group_label: &'static str,
    pub group_none: &'static str,
    pub group_hint: &'static str,
    /// A group with its number of rows.
    pub group_level: fn(&str, usize) -> String,
    pub group_levels: fn(&str) -> String,
    /// A group with fewer rows than the model's items: (group, rows, items).
    pub group_too_small: fn(&str, usize, usize) -> String,
    pub group_equal_label: &'static str,
    pub group_equal_hint: &'static str,
    pub group_equal_kind: fn(crate::partable::GroupEqual) -> &'static str,
    pub group_switch_label: &'static str,
    pub group_switch_hint: &'static str,

    // measurement invariance
    pub invariance_heading: &'static str,
    pub invariance_intro: &'static str,
    pub invariance_need_group: &'static str,
    pub invariance_run: &'static str,
    pub invariance_running: &'static str,
    pub invariance_done: fn(f64) -> String,
    pub invariance_failed: &'static str,
    pub invariance_stale: &'static str,
    pub invariance_verdict: &'static str,
    pub invariance_rule_label: &'static str,
    pub invariance_rule_cfi_rmsea: &'static str,
    pub invariance_rule_cfi: &'static str,
    pub invariance_rule_chisq: &'static str,
    pub release: &'static str,
    pub release_label: fn(&str) -> String,
    pub released_heading: &'static str,
    pub constrain_again: &'static str,
    pub constrain_again_label: fn(&str) -> String,
    // diagram zoom
    pub zoom_group: &'static str,
    pub zoom_fit: &'static str,
    pub zoom_fit_label: &'static str,
    pub zoom_actual_label: &'static str,
    pub zoom_in_label: &'static str,
    pub zoom_out_label: &'static str,
    // diagram editor
    pub draw_toggle: &'static str,
    pub draw_hint: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub undo_label: &'static str,
    pub redo_label: &'static str,
    pub draw_canvas_label: &'static str,
    pub new_latent_label: &'static str,
    pub add_latent: &'static str,
    pub constructs_heading: &'static str,
    pub select_construct: fn(&str) -> String,
    pub selected_none: &'static str,
    pub selected_is: fn(&str) -> String,
    pub pending_hint: &'static str,
    pub items_hint: fn(&str) -> String,
    pub attach_item: fn(&str, &str) -> String,
    pub rename_label: &'static str,
    pub rename: &'static str,
    pub delete_construct: &'static str,
    pub arrow_to_label: &'static str,
    pub arrow_label_label: &'static str,
    pub add_regression: &'static str,
    pub add_covariance: &'static str,
    /// The selected construct measured by the one chosen as *To* (a
    /// higher-order factor's loading, `F =~ G`).
    pub add_loading: &'static str,
    pub paths_heading: &'static str,
    pub delete_element: fn(&str) -> String,
    pub fix_loading: fn(&str) -> String,
    pub free_loading: fn(&str) -> String,
    pub fix: &'static str,
    pub free: &'static str,
    pub delete: &'static str,
    pub draw_empty: &'static str,
    /// The drawing while the model text has a syntax error (the error).
    pub draw_text_error: fn(&str) -> String,
    pub tool_regression: &'static str,
    pub tool_covariance: &'static str,
    pub tool_regression_start: &'static str,
    pub tool_regression_end: fn(&str) -> String,
    pub tool_covariance_start: &'static str,
    pub tool_covariance_end: fn(&str) -> String,
    pub draw_keys_hint: &'static str,
    pub new_arrow_label: fn(&str) -> String,
    pub add_arrow: &'static str,
    pub cancel_arrow: &'static str,
    pub selected_arrow: fn(&str) -> String,
    pub delete_selected_arrow: fn(&str) -> String,
    pub fix_variance: fn(&str) -> String,
    pub free_variance: fn(&str) -> String,
    pub fix_variance_short: &'static str,
    pub free_variance_short: &'static str,
    /// The variable list (beside the open drawing), a construct `{f}` selected.
    pub variables_hint_attach: fn(&str) -> String,
    /// The variable list beside the drawing, nothing selected.
    pub variables_hint_drawing: &'static str,
}

/// English.
pub const EN: Text = Text {
    app_name: "semlab",
    tagline: "Structural equation modeling (CFA and SEM) in your browser, \
         with results that agree with lavaan.",
    privacy_label: "Privacy",
    privacy_title: "Your data stays on this device: nothing is uploaded.",
    privacy_detail: "Files you open are read by WebAssembly in this tab. \
         The page makes no network requests after it has loaded, and its \
         Content-Security-Policy enforces that.",
    footer: "semlab is free software (GPL-3.0-or-later). Estimates follow lavaan 0.6.",
    colon: ": ",
    fatal: |m| {
        format!(
            "semlab hit an internal error and stopped: {m}. Reload the page to \
             continue (your model text and options come back if \"Remember\" is on)."
        )
    },
    engine_crashed: |m| {
        format!("The estimator stopped because of an internal error and was restarted: {m}")
    },
    engine_failed: |m| {
        format!("The estimator could not be started ({m}). Reload the page to try again.")
    },

    examples_heading: "Try an example",
    examples_hint: "Each loads its data and model and shows the results at once.",
    example_data: |file| format!("Download data (CSV): {file}"),
    example_name: |e| match e {
        ExampleId::HolzingerSwineford => "Holzinger–Swineford CFA",
        ExampleId::PoliticalDemocracy => "Political democracy SEM",
        ExampleId::LiveCommerce => "Live-commerce value co-creation",
    },
    example_detail: |e| match e {
        ExampleId::HolzingerSwineford => "3 factors, 9 ability tests, N = 301",
        ExampleId::PoliticalDemocracy => "Bollen (1989), with indirect effects, N = 75",
        ExampleId::LiveCommerce => "7 constructs, 12 hypotheses, N = 465",
    },

    data_heading: "1. Data",
    upload_label: "Upload data",
    upload_hint: "CSV, TSV or TXT with a header row, Excel (.xlsx) or SPSS (.sav) — or \
         drop a file here. It is read in this tab, never sent anywhere.",
    drop_here: "Drop the file to read it",
    paste_summary: "Paste from a spreadsheet",
    paste_label: "Pasted data",
    paste_hint: "Copy the cells with the header row in Excel, LibreOffice or \
         Google Sheets and paste them here.",
    paste_button: "Use pasted data",
    pasted_name: "pasted data",
    missing_codes_label: "Missing-value codes",
    missing_codes_hint: "Separate codes with commas, e.g. -99, 999. Empty cells, NA, N/A, \
         #N/A, NaN, NULL and . always count as missing.",
    missing_codes_apply: "Apply",
    missing_code_suspected: |code, count, cols| {
        format!(
            "{code} appears {count} times in {cols}, far outside the other values of these \
             columns: it looks like a missing-value code. Counted as a number, it would \
             distort every mean and covariance."
        )
    },
    treat_as_missing: |code| format!("Treat {code} as missing"),
    sheet_label: "Worksheet",
    no_data: "No data yet: upload a file, paste cells from a spreadsheet, or try an example.",
    reading: |name| format!("Reading {name}…"),
    reading_progress: |name, pct| format!("Reading {name}: {pct} %"),
    reading_progress_label: |name| format!("Reading {name}"),
    cancel_reading: "Cancel",
    cancel_reading_label: |name| format!("Cancel reading {name}"),
    read_cancelled: |name| format!("Reading {name} cancelled."),
    jobs_restarted: |jobs| {
        format!("Started again from the beginning on a new worker (the read had held up the old one): {jobs}.")
    },
    job_bootstrap: "the bootstrap",
    job_monte_carlo: "the Monte Carlo power run",
    job_measurement: "the measurement check",
    job_invariance: "the measurement-invariance ladder",
    data_loaded: |name, rows, cols| {
        format!(
            "{name}: {} {}, {cols} {}",
            count(rows),
            if rows == 1 { "row" } else { "rows" },
            if cols == 1 { "column" } else { "columns" }
        )
    },
    complete_rows: |complete, rows| {
        if complete == rows {
            "no missing values".to_string()
        } else {
            format!("{} of {} rows complete", count(complete), count(rows))
        }
    },
    data_error: |name| format!("Could not read {name}"),
    data_kept: |name| format!("The data in use is still {name}."),
    file_unreadable: "The browser could not read the file.",
    restored_note: "Your model and options were restored from your last visit. \
         Data is never stored: open your data file again to see results.",
    data_details: "Data preview and item statistics",
    preview_caption: |shown, rows| {
        format!("Data preview (first {shown} of {} rows)", count(rows))
    },
    list_sep: ", ",
    preview_note: "Cells as semlab reads them: numbers as parsed (a decimal comma \
         becomes a point), empty cells and missing-value codes as NA.",
    read_as: |enc| {
        format!(
            "Read as {} text: check that the names and labels look right.",
            enc.description()
        )
    },
    items_caption: "Item statistics",
    items_columns: [
        "Item", "n", "Missing", "Mean", "SD", "Min", "Max", "Skewness", "Kurtosis", "Label", "Hint",
    ],
    hint_ordinal: |k| format!("ordinal? ({k} categories)"),
    hint_nominal: "nominal in the file: a grouping variable, not an item",
    hint_value_labels: |l| format!("labels: {l}"),
    hint_nonnormal: "strongly non-normal",
    hint_constant: "constant",
    text_columns: |names| format!("Text columns (not usable as items): {names}."),
    unusable_names: |names| {
        format!(
            "Column names that lavaan syntax cannot use: {names}. A name in a model starts \
             with a letter and has only letters, digits, _ and . in it (no spaces or \
             hyphens); rename these columns in the file to use them."
        )
    },
    summary_ordinal: |k, n| {
        format!(
            "{k} of {n} items look ordinal (at most 7 whole-number categories). ML \
             treats them as continuous, which is usual for 5- to 7-point Likert items \
             with roughly symmetric answers; WLSMV (under Estimation) treats them as ordinal."
        )
    },
    summary_nonnormal: |names| {
        format!(
            "Strongly non-normal (|skewness| > 2 or |kurtosis| > 7): {names}. ML \
             standard errors and χ² may then be too optimistic."
        )
    },
    summary_constant: |names| {
        format!("Constant (a single value): {names}. A constant item cannot be used in a model.")
    },
    mardia: |b2p, p, z, kp, b1p, sp| {
        format!(
            "Mardia's multivariate kurtosis b2,p = {b2p:.3} (under normality {}), \
             z = {z:.3}, {}; skewness b1,p = {b1p:.3}, {}.",
            p * (p + 2),
            p_is(kp),
            p_is(sp)
        )
    },
    label_of: |name, label| format!("{name}: {label}"),
    coverage_caption: "Coverage (share of rows in which both variables are observed)",
    coverage_note: "On the diagonal: the share of rows in which the variable is observed \
         (lavaan's lavInspect(fit, \"coverage\")). FIML uses every observed value; \
         low coverage of a pair makes their covariance rest on few rows.",

    model_heading: "2. Model",
    model_label: "Model",
    model_hint: "lavaan syntax: =~ is measured by, ~ is regressed on, ~~ covariance, \
         := defined parameter; label*variable names a path (H1a*Trust). Each ~ path is \
         tested as a hypothesis, and so is a defined parameter named H and its number \
         (H6 := a*b, H_ind1).",
    model_empty: "Write a model in lavaan syntax, or start from an example.",
    model_ok: "The model reads fine.",
    error_at: |line, col| format!("Line {line}, column {col}"),
    show_error: "Show in the model",
    variables_heading: "Variables in the data",
    variables_hint: "Click a name to insert it at the cursor.",
    variables_nominal: |names| format!("Nominal in the file, so not listed as items: {names}. Choose one under Group to compare groups."),
    variables_empty: "Load data to see its variables here.",
    insert_variable: |name| format!("Insert {name}"),

    options_heading: "Estimation",
    estimator_label: "Estimator",
    estimator_ml: "ML (maximum likelihood)",
    estimator_mlr: "MLR (robust SEs, Yuan–Bentler scaled χ²)",
    estimator_mlm: "MLM (robust SEs, Satorra–Bentler scaled χ²)",
    missing_label: "Missing data",
    missing_listwise: "Listwise deletion",
    missing_fiml: "Full-information ML (FIML)",
    estimator_wlsmv: "WLSMV (ordinal items)",
    fiml_unavailable: "FIML is not available with MLM (its correction needs complete data) \
         or WLSMV (ordinal items use the complete rows): rows with a missing value are left out.",
    estimator_unavailable: "With FIML only ML and MLR are available: MLM needs complete \
         data and WLSMV uses the complete rows. Choose listwise deletion to use them.",
    ordered_label: "Ordinal items",
    ordered_all: "All items of the model",
    ordered_choose: "Choose items",
    ordered_items_label: "Items declared ordinal",
    ordered_items_hint: "Hold Ctrl (⌘ on a Mac) to select several. Items that look \
         ordinal are preselected.",
    ordered_none: "Choose at least one item.",
    ordered_not_declared: |names| {
        format!("WLSMV needs every item of the model declared ordinal; not declared: {names}.")
    },
    ordinal_suggestion: |n| {
        format!(
            "The model's {n} items look ordinal (at most 7 whole-number categories). \
             WLSMV treats them as ordinal: thresholds and polychoric correlations."
        )
    },
    ordinal_button: |n| format!("Treat these {n} items as ordinal (WLSMV)"),
    boot_heading: "Bootstrap confidence intervals",
    boot_hint: "Resamples the rows B times and refits the model each time: bootstrap SEs \
         and confidence intervals of every parameter, including defined ones (:=, e.g. \
         indirect effects). It takes seconds, so it runs only when you click Run.",
    boot_draws_label: "Resamples (B)",
    boot_seed_label: "Random seed",
    boot_seed_hint: "The same seed gives the same draws, so results can be reproduced.",
    boot_ci_label: "Interval",
    boot_ci_percentile: "Percentile",
    boot_ci_bias_corrected: "Bias-corrected",
    boot_run: "Run bootstrap",
    boot_cancel: "Cancel",
    boot_cancelling: "Cancelling…",
    boot_progress_label: "Bootstrap progress",
    boot_progress: |done, total, workers| {
        if workers > 1 {
            format!("{done} of {total} resamples ({workers} workers)")
        } else {
            format!("{done} of {total} resamples")
        }
    },
    boot_need_results: "The bootstrap needs a fitted model that converges: it starts from \
         its estimates.",
    boot_no_fiml: "The bootstrap is not available with FIML: choose listwise deletion.",
    boot_no_wlsmv: "The bootstrap is not available with WLSMV (ordinal items): choose ML, \
         MLR or MLM.",
    boot_done: |ms, requested, ok, failed, seed, ci| {
        let failed = if failed > 0 {
            format!(" ({failed} failed to converge and were left out)")
        } else {
            String::new()
        };
        format!(
            "Bootstrap done in {:.1} s: {ok} of {requested} resamples used{failed}, seed {seed}, \
             {ci} 95% intervals.",
            ms / 1000.0
        )
    },
    boot_cancelled: |completed, requested, ok| {
        format!(
            "Bootstrap cancelled after {completed} of {requested} resamples. The bootstrap \
             columns rest on those {ok} resamples only; run it again for all {requested}."
        )
    },
    boot_superseded: "The bootstrap was stopped because the data, the model or the options \
         changed. Run it again for the new results.",
    boot_failed: |m| format!("The bootstrap could not run: {m}"),
    boot_see_table: "See the Boot SE and Boot CI columns of the parameter estimates.",
    std_lv_label: "Standardize latent variables (std.lv)",
    orthogonal_label: "Uncorrelated factors (orthogonal)",
    rule_heading: "Hypothesis test rule",
    rule_note: "Changing the rule updates the hypothesis table without refitting.",
    alpha_label: "Significance level α",
    tails_label: "Test",
    tails_two: "Two-tailed",
    tails_one: "One-tailed",
    sign_label: "Expected sign",
    sign_positive: "Positive",
    sign_negative: "Negative",
    sign_any: "Either direction",
    sign_default: |s| format!("Default ({s})"),
    per_hypothesis: "Expected sign per hypothesis",
    per_hypothesis_empty: "The model has no regression paths.",
    remember_label: "Remember my model and options on this device (never the data)",

    results_heading: "3. Results",
    fit_summary_label: "Fit of the current model",
    fit_summary_link: "whole fit table",
    results_empty: "Results appear here once there is data and a model.",
    results_need_data: "Load data to fit the model.",
    status_updating: "Updating the results…",
    status_done: |ms, n, iter| {
        format!("Fitted in {ms:.0} ms: N = {n}, converged after {iter} iterations.")
    },
    status_not_converged: "The estimation did not converge: see the warnings.",
    status_stale: "These results belong to an earlier version of the model.",
    status_model_error: "Fix the model to update the results.",
    status_stale_data: |name| format!("These results are from the data read before, {name}."),
    fit_failed: "The model could not be fitted",
    progress_label: "Progress",
    contents_label: "Tables",
    download_report: "Download report (HTML)",
    download_csv: "Download CSV",
    copy_table: "Copy table",
    for_table: |action, caption| format!("{action}: {caption}"),
    copied: "Copied: paste it into Word or Google Docs.",
    copy_failed: "The browser refused to copy; use Download CSV instead.",
    mi_min_label: "Show indices of at least",
    power_heading: "Sample size and power (RMSEA)",
    power_test_label: "RMSEA test",
    power_close: "close fit (ε₀ = .05 against ε₁ = .08)",
    power_not_close: "not-close fit (ε₀ = .05 against ε₁ = .01)",
    power_n_label: "N",
    power_target_label: "Target power",
    power_hint: "For this model's degrees of freedom, as semTools findRMSEApower and findRMSEAsamplesize compute it (α = .05). Change N to plan a study.",
    mc_heading: "Monte Carlo power of the hypotheses",
    mc_hint: "Simulates data sets of N rows from the fitted model (its implied covariances and means), refits each one and counts how often each hypothesis path is significant (two-sided Wald test at the hypotheses' α), as simsem and pwrSEM do. The same seed gives the same answer; the replications are shared among several workers of this browser.",
    mc_n_label: "N of each data set",
    mc_reps_label: "Replications",
    mc_seed_label: "Seed of the simulation",
    mc_typed_label: "Type the population values",
    mc_population_label: "Population model",
    mc_population_hint: "The model in lavaan syntax with the population values as numbers (y ~ 0.3*x, F =~ 0.7*x1); a loading or variance left without a number is 1, any other parameter 0. Data are simulated from it and the model above is fitted to each data set.",
    mc_paths_label: "Hypotheses",
    mc_path_check: |name| format!("Simulate the power for {name}"),
    mc_run: "Run Monte Carlo",
    mc_cancel: "Cancel",
    mc_cancelling: "Cancelling…",
    mc_preparing: "Preparing the population…",
    mc_progress_label: "Monte Carlo progress",
    mc_progress: |pct, workers| {
        if workers > 1 {
            format!("{pct}% ({workers} workers)")
        } else {
            format!("{pct}%")
        }
    },
    mc_done: |ms, workers| {
        let s = if workers == 1 { "" } else { "s" };
        format!("Done in {:.1} s on {workers} worker{s}.", ms / 1000.0)
    },
    mc_superseded: "The model, data or options changed, so the run was stopped. Run it again for the new model.",
    mc_no_paths: "Choose at least one hypothesis.",
    mc_need_results: "Monte Carlo power needs a fitted model that converges: data are simulated from its estimates.",
    mc_col_path: "Hypothesis",
    mc_col_population: "Population value",
    mc_col_power: "Power",
    mc_col_se: "MC SE",
    measure_heading: "Check the measurement",
    measure_intro: "Before the CFA: KMO and Bartlett's test, eigenvalues with parallel analysis, an exploratory factor analysis of the model's items, and the common-method-bias checks (Harman, one-factor CFA, common latent factor). They run on this device when you ask.",
    measure_run: "Run the checks",
    measure_running: "Checking…",
    measure_factors_label: "Factors",
    measure_factors_auto: "as in the model",
    measure_rotation_label: "Rotation",
    measure_marker_label: "Marker variable",
    measure_marker_none: "none",
    measure_marker_hint: "A column unrelated to the items in theory (Lindell & Whitney, 2001): the correlations corrected for it appear under Common-method bias.",
    measure_use_model: "Use this as my model",
    measure_use_model_hint: "Writes the EFA's structure (each item to the factor it loads on most) into the model text; undo with Ctrl+Z in the editor.",
    measure_need_model: "Load data and a model with latent variables (or an example) first.",
    measure_stale: "These checks belong to an earlier model or data set; run them again.",
    measure_done: |ms| format!("Checked in {ms:.0} ms."),
    download_scree: "Download scree plot (SVG)",
    scree_label: "Scree plot with the parallel-analysis line",
    cmb_heading: "Common-method bias",
    cmb_need_check: "Run the checks of “Check the measurement” (just above) to see Harman's test, the one-factor CFA and the common-latent-factor check here.",
    fit_style_label: "Fit table",
    fit_style_standard: "standard (lavaan)",
    fit_style_amos: "AMOS style",
    mi_all: "all",
    add: "Add",
    add_label: |p| format!("Add {p} to the model"),
    no_rows: "None.",
    params_show_label: "Show",
    params_all: "all parameters",
    params_no_thresholds: "without thresholds",
    params_thresholds: "thresholds only",
    no_hypotheses: crate::report::words::EN.no_hypotheses,
    no_warnings: "No warnings.",

    report_title: "semlab report",
    report_made: |v| {
        format!(
            "Made with semlab {v} in the browser; the data never left the device. \
             Estimates follow lavaan 0.6."
        )
    },
    report_data: |name, n, est| format!("Data: {name}; N = {n}; estimator {est}."),
    report_model: "Model",

    group_label: "Group",
    group_none: "None (one group)",
    group_hint: "Compare groups: the model is fitted in each group of this column (lavaan's group). Columns with 2 to 10 values are offered.",
    group_level: |g, n| format!("{g} ({n} rows)"),
    group_levels: |list| format!("Groups: {list}"),
    group_too_small: |g, n, k| {
        format!("Group \u{201c}{g}\u{201d} has only {n} rows, fewer than the model's {k} observed variables: it cannot be fitted in that group. Choose another group column.")
    },
    group_equal_label: "Equal across groups",
    group_equal_hint: "lavaan's group.equal. None checked: every parameter is estimated in each group (configural model).",
    group_equal_kind: |k| {
        use crate::partable::GroupEqual::*;
        match k {
            Loadings => "Loadings",
            Intercepts => "Intercepts",
            Means => "Latent means",
            Thresholds => "Thresholds",
            Regressions => "Regressions",
            Residuals => "Residual variances",
            ResidualCovariances => "Residual covariances",
            LvVariances => "Latent variances",
            LvCovariances => "Latent covariances",
        }
    },
    group_switch_label: "Group shown",
    group_switch_hint: "The results of one group at a time:",

    invariance_heading: "Measurement invariance",
    invariance_intro: "Do the constructs mean the same in every group? The ladder fits the model four times: configural (same structure), metric (equal loadings), scalar (equal intercepts) and strict (equal residual variances), and compares each level with the one before.",
    invariance_need_group: "Choose a group column under Estimation to test measurement invariance.",
    invariance_run: "Test measurement invariance",
    invariance_running: "Fitting the four levels…",
    invariance_done: |ms| format!("The ladder took {ms:.0} ms."),
    invariance_failed: "The ladder could not run",
    invariance_stale: "The data, model or options have changed since this ladder was run: run it again.",
    invariance_verdict: "Verdict",
    invariance_rule_label: "A level holds when",
    invariance_rule_cfi_rmsea: "ΔCFI ≥ −.01 and ΔRMSEA ≤ .015 (Cheung & Rensvold; Chen)",
    invariance_rule_cfi: "ΔCFI ≥ −.01 (Cheung & Rensvold)",
    invariance_rule_chisq: "the χ² difference test is not significant (p ≥ .05)",
    release: "Release",
    release_label: |p| format!("Release {p} in every level and run the ladder again"),
    released_heading: "Released in every level (partial invariance):",
    constrain_again: "Constrain again",
    constrain_again_label: |p| format!("Constrain {p} again and run the ladder again"),
    // diagram zoom
    zoom_group: "Zoom",
    zoom_fit: "Fit",
    zoom_fit_label: "Fit the drawing to the pane",
    zoom_actual_label: "Actual size (100 %)",
    zoom_in_label: "Zoom in",
    zoom_out_label: "Zoom out",
    // diagram editor
    draw_toggle: "Draw the model",
    draw_hint: "Every drawing action writes the model text (below), and every change of the text redraws the drawing. Select a construct by clicking it in the drawing or in the list.",
    undo: "Undo",
    redo: "Redo",
    undo_label: "Undo the last change of the model (Ctrl+Z)",
    redo_label: "Redo the change undone last (Ctrl+Shift+Z)",
    draw_canvas_label: "The model as drawn",
    new_latent_label: "New latent variable",
    add_latent: "Add latent variable",
    constructs_heading: "Constructs",
    select_construct: |n| format!("Select {n}"),
    selected_none: "No construct selected.",
    selected_is: |n| format!("Selected: {n}"),
    pending_hint: "Attach its first item: the construct enters the model text with it.",
    items_hint: |f| format!("Click an item in “Variables in the data”, or drag it onto an ellipse of the drawing, to attach it to {f}."),
    attach_item: |item, f| format!("Attach {item} to {f}"),
    rename_label: "New name",
    rename: "Rename",
    delete_construct: "Delete construct",
    arrow_to_label: "To",
    arrow_label_label: "Hypothesis label (optional)",
    add_regression: "One-headed arrow (regression)",
    add_covariance: "Two-headed arrow (covariance)",
    add_loading: "One-headed arrow as a loading (higher-order factor)",
    paths_heading: "Arrows in the model",
    delete_element: |e| format!("Delete {e}"),
    fix_loading: |e| format!("Fix {e} to 1"),
    free_loading: |e| format!("Free {e}"),
    fix: "Fix",
    free: "Free",
    delete: "Delete",
    draw_empty: "Nothing drawn yet: add a latent variable.",
    draw_text_error: |e| format!("Not drawn while the model text has an error ({e}); the drawing comes back when the text below is fixed."),
    tool_regression: "Draw one-headed arrows",
    tool_covariance: "Draw two-headed arrows",
    tool_regression_start: "Click the predictor, where the arrow starts.",
    tool_regression_end: |a| format!("From {a}: click the outcome."),
    tool_covariance_start: "Click the first of the two variables.",
    tool_covariance_end: |a| format!("With {a}: click the second variable."),
    draw_keys_hint: "In the drawing: click an arrow to select it; Delete or Backspace deletes what is selected; Esc stops an arrow tool.",
    new_arrow_label: |r| format!("Hypothesis label for {r} (optional)"),
    add_arrow: "Add the arrow",
    cancel_arrow: "Cancel the arrow",
    selected_arrow: |e| format!("Selected arrow: {e}"),
    delete_selected_arrow: |e| format!("Delete the selected arrow {e}"),
    fix_variance: |f| format!("Fix the variance of {f} to 1 and free its first loading"),
    free_variance: |f| format!("Free the variance of {f} and fix its first loading to 1"),
    fix_variance_short: "Fix variance to 1",
    free_variance_short: "Free variance",
    variables_hint_attach: |f| format!("Click a name to attach it to {f}, or drag it onto an ellipse."),
    variables_hint_drawing: "Drag a name onto an ellipse, or select a construct and click the name.",
};

/// `p = .651`, but `p < .001` (the page's p-values are `.651` or `< .001`).
pub fn p_is(p: &str) -> String {
    if p.starts_with('<') {
        format!("p {p}")
    } else {
        format!("p = {p}")
    }
}

/// The strings of the current language.
pub fn t() -> &'static Text {
    match crate::app::i18n::lang() {
        crate::i18n::Lang::En => &EN,
        crate::i18n::Lang::Zh => &crate::app::text_zh::ZH,
    }
}
