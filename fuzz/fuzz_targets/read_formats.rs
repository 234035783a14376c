//! Bytes -> PDF, DOCX, HTML or text reader -> blocks -> clauses; see
//! `declcmp_fuzz::read_formats`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| declcmp_fuzz::read_formats(data));
