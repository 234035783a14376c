//! Bytes -> decode -> Markdown -> clauses; see `declcmp_fuzz::parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| declcmp_fuzz::parse(data));
