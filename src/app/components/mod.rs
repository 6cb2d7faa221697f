//! The page's parts, one file each, named after what the person sees.

mod bench;
mod data_panel;
mod data_summary;
mod examples;
mod header;
mod hypothesis_rule;
mod model_editor;
mod options_panel;
mod result_table;
mod results_panel;
mod variable_list;

pub use bench::BenchReport;
pub use data_panel::DataPanel;
pub use data_summary::DataSummary;
pub use examples::ExampleButtons;
pub use header::{EngineError, Footer, Header, PrivacyNote};
pub use hypothesis_rule::HypothesisRulePanel;
pub use model_editor::{EditorRef, ModelEditor};
pub use options_panel::EstimationOptions;
pub use result_table::ResultTable;
pub use results_panel::ResultsPanel;
pub use variable_list::VariableList;
