//! Tells the tests whether `../shared` (the workplace's corpus, gold sets and schemas) is
//! beside the package: without it, the tests that read it are compiled as `#[ignore]`d, so
//! `cargo test` counts them as ignored with the reason, not as passed.
//!
//! Nothing here fails the build: a user's clone and the unpacked `cargo package` crate have
//! no `../shared`. That CI (`CI=true`) runs with it is checked by `tests/shared.rs`, which
//! also catches a `../shared` that appeared after this script last ran.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(declcmp_no_shared)");
    println!("cargo::rerun-if-changed=build.rs");
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it");
    let shared = Path::new(&manifest_dir).join("../shared");
    if shared.is_dir() {
        // Rerun when it goes away. Not watched while absent: cargo treats a missing path as
        // changed and would rerun this script, and rebuild the package, on every build.
        println!("cargo::rerun-if-changed={}", shared.display());
    } else {
        println!("cargo::rustc-cfg=declcmp_no_shared");
    }
}
