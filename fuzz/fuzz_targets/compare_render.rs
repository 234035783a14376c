//! Bytes -> two documents -> compare -> every renderer; see `declcmp_fuzz::compare_render`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| declcmp_fuzz::compare_render(data));
