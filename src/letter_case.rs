//! Upper and lower case of text, in one place: a string in, the same
//! string in lower (or upper) case by Unicode's default case conversion
//! out. Used for names (a column that differs from the model's name only
//! in case, SPSS short names), a key pressed, a sentence's first letter.
//!
//! In the browser (wasm32) the JavaScript engine converts
//! (`String.prototype.toLowerCase` / `toUpperCase`, the same Unicode
//! rules): Rust's own `str::to_lowercase` would put the standard library's
//! case tables (about 24 KB, 8 KB gzip) into each of the two .wasm files
//! (docs/dependencies.md, wasm size). Natively (the command-line tool, the
//! tests) Rust's functions convert.

/// `s` in lower case.
pub fn lower(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// `s` in upper case.
pub fn upper(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_case_both_ways() {
        assert_eq!(lower("Trust T1 ÉTÉ ΣΟΦΟΣ 信任"), "trust t1 été σοφος 信任");
        assert_eq!(upper("sn1 straße é"), "SN1 STRASSE É");
    }
}
