//! Architecture invariants that a reviewer would otherwise check by hand.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_engine_and_the_cli_never_import_tauri() {
    for krate in ["crates/engine", "crates/cli"] {
        let manifest = std::fs::read_to_string(root().join(krate).join("Cargo.toml")).unwrap_or_default();
        let deps = manifest.lines().map(str::trim_start).filter(|l| l.starts_with("tauri"));
        assert_eq!(deps.count(), 0, "{krate}/Cargo.toml depends on tauri");
        let mut files = Vec::new();
        rust_files(&root().join(krate).join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            assert!(!text.contains("tauri::") && !text.contains("use tauri"), "{} imports tauri", f.display());
        }
    }
}

#[test]
fn engine_code_has_no_unwrap_outside_tests() {
    let mut files = Vec::new();
    for dir in ["crates/engine/src", "crates/cli/src", "src-tauri/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        assert!(!code.contains(".unwrap()"), "{} calls unwrap() outside tests", f.display());
    }
}
