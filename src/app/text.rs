//! Every string the app shows a person, in one place so the app can be
//! translated later (one module per language, or a `leptos_i18n` locale).

/// The app's name, shown as the page heading.
pub const APP_NAME: &str = "semlab";

/// One line under the heading that says what the app is.
pub const TAGLINE: &str = "Structural equation modeling (CFA and SEM) in your browser, \
     with results that agree with lavaan.";

/// The privacy promise, shown prominently.
pub const PRIVACY_TITLE: &str = "Your data stays on this device: nothing is uploaded.";

/// The sentence that backs the privacy promise up.
pub const PRIVACY_DETAIL: &str = "Files you open are read by WebAssembly in this tab. \
     The page makes no network requests after it has loaded, and its \
     Content-Security-Policy enforces that.";

/// Accessible label of the privacy note.
pub const PRIVACY_LABEL: &str = "Privacy";

/// Footer line.
pub const FOOTER: &str = "semlab is free software (MIT licence).";
