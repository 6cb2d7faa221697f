//! The page's parts, one file each, named after what the person sees.

mod bench;
mod bootstrap_panel;
mod data_panel;
mod data_summary;
mod diagram_panel;
mod examples;
mod header;
mod hypothesis_rule;
mod language_switch;
mod measurement_panel;
mod model_editor;
mod options_panel;
mod publish_panel;
mod result_table;
mod results_panel;
mod share_panel;
mod variable_list;

pub use bench::BenchReport;
pub use bootstrap_panel::BootstrapPanel;
pub use data_panel::DataPanel;
pub use data_summary::DataSummary;
pub use diagram_panel::DiagramPanel;
pub use examples::ExampleButtons;
pub use header::{EngineError, Footer, Header, PrivacyNote};
pub use hypothesis_rule::HypothesisRulePanel;
pub use language_switch::LanguageSwitch;
pub use measurement_panel::{MeasurementPanel, MethodBiasPanel};
pub use model_editor::{EditorRef, ModelEditor};
pub use options_panel::EstimationOptions;
pub use publish_panel::PublishPanel;
pub use result_table::ResultTable;
pub use results_panel::ResultsPanel;
pub use share_panel::{EmbedBar, LinkProblems, SharePanel};
pub use variable_list::VariableList;
