//! The oracle of the hostile-input tests and the fuzz targets: which characters must never
//! reach an output raw. Spelled out here rather than taken from the library, so the tests do
//! not share a mistake with the code they test; `fuzz/src/lib.rs` includes this file.

/// Whether `c` must never reach an output raw: the C0 and C1 controls but for the line
/// feed, DEL, bidi embeddings, overrides, isolates and marks, the line and paragraph
/// separators, and tag characters.
pub fn is_raw_control(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{E0000}'..='\u{E007F}')
}
