//! Bytes -> two documents -> check -> the check's renderers; see `declcmp_fuzz::check_render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| declcmp_fuzz::check_render(data));
