//! Copies example/rust/src/lib.rs, the template's code as users get it, without its inner doc
//! comment (which `include!` does not accept), so the benchmark measures the real pattern.
use std::{env, fs, path::Path};

fn main() {
    let template = Path::new("../../../example/rust/src/lib.rs");
    println!("cargo::rerun-if-changed={}", template.display());
    let code: String = fs::read_to_string(template)
        .expect("example/rust/src/lib.rs")
        .lines()
        .filter(|line| !line.starts_with("//!"))
        .map(|line| format!("{line}\n"))
        .collect();
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("template.rs"),
        code,
    )
    .unwrap();
}
