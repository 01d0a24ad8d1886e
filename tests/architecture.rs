//! Architecture invariants that a reviewer would otherwise check by hand.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The Rust sources of the engine, the CLI and the app.
fn product_sources() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for dir in ["crates/engine/src", "crates/cli/src", "src-tauri/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    files
}

#[test]
fn the_engine_and_the_cli_never_import_tauri() {
    for krate in ["crates/engine", "crates/cli"] {
        let manifest =
            std::fs::read_to_string(root().join(krate).join("Cargo.toml")).unwrap_or_default();
        let deps = manifest
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with("tauri"));
        assert_eq!(deps.count(), 0, "{krate}/Cargo.toml depends on tauri");
        let mut files = Vec::new();
        rust_files(&root().join(krate).join("src"), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            assert!(
                !text.contains("tauri::") && !text.contains("use tauri"),
                "{} imports tauri",
                f.display()
            );
        }
    }
}

#[test]
fn engine_code_has_no_unwrap_outside_tests() {
    for f in product_sources() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        assert!(
            !code.contains(".unwrap()"),
            "{} calls unwrap() outside tests",
            f.display()
        );
    }
}

/// Unsafe code is forbidden in the workspace; the app's two glibc calls (`src-tauri/src/memory.rs`,
/// allocator tuning) are the one exception, and the app's manifest only relaxes the lint to `deny`
/// so that no other file can opt in unnoticed.
#[test]
fn unsafe_code_only_in_the_apps_memory_module() {
    for f in product_sources() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        if f.ends_with("src-tauri/src/memory.rs") {
            assert_eq!(
                text.matches("unsafe {").count(),
                2,
                "memory.rs: two glibc calls"
            );
            continue;
        }
        assert!(
            !text.contains("unsafe") || !text.contains("allow(unsafe_code)"),
            "{} allows unsafe code",
            f.display()
        );
        assert!(
            !text.contains("unsafe {"),
            "{} has unsafe code",
            f.display()
        );
    }
    let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
    assert!(workspace.contains("unsafe_code = \"forbid\""));
    let app = std::fs::read_to_string(root().join("src-tauri/Cargo.toml")).unwrap_or_default();
    assert!(app.contains("unsafe_code = \"deny\""));
}

/// The webview's Content Security Policy stays strict: scripts only from the app itself (no
/// inline script, no eval), no remote origin anywhere, no plugins, frames or form posts.
#[test]
fn the_content_security_policy_is_strict() {
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tauri.conf.json")).unwrap())
            .unwrap();
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    let directives: std::collections::HashMap<&str, Vec<&str>> = csp
        .split(';')
        .filter_map(|d| {
            let mut w = d.split_whitespace();
            Some((w.next()?, w.collect()))
        })
        .collect();
    assert_eq!(
        directives.get("script-src"),
        Some(&vec!["'self'"]),
        "scripts only from the app: {csp}"
    );
    assert_eq!(directives.get("default-src"), Some(&vec!["'self'"]));
    assert_eq!(directives.get("object-src"), Some(&vec!["'none'"]));
    assert_eq!(directives.get("frame-ancestors"), Some(&vec!["'none'"]));
    assert_eq!(directives.get("form-action"), Some(&vec!["'none'"]));
    for bad in [
        "'unsafe-eval'",
        "'wasm-unsafe-eval'",
        "https:",
        "http:",
        "*",
        "'strict-dynamic'",
    ] {
        assert!(
            !csp.split(|c: char| c.is_whitespace() || c == ';')
                .any(|t| t == bad),
            "the CSP allows {bad}: {csp}"
        );
    }
    assert!(
        !directives
            .get("script-src")
            .is_some_and(|s| s.contains(&"'unsafe-inline'")),
        "inline script allowed"
    );
    // Remote origins: only Tauri's local IPC origin may appear.
    for token in csp
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|t| t.contains("://"))
    {
        assert_eq!(
            token, "http://ipc.localhost",
            "remote origin in the CSP: {token}"
        );
    }
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
}

/// Least privilege: the page may call the app's own commands and nothing else — no file system,
/// shell, HTTP, opener or dialog permissions (files are chosen in dialogs opened by Rust).
#[test]
fn the_window_has_only_the_apps_own_commands() {
    let caps: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("src-tauri/capabilities/main.json")).unwrap(),
    )
    .unwrap();
    let perms: Vec<&str> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(!perms.is_empty());
    for p in &perms {
        assert!(
            p.starts_with("allow-") && !p.contains(':'),
            "{p} is not one of the app's own commands"
        );
    }
    assert!(
        perms.iter().all(|p| !p.contains("default")),
        "no default permission sets"
    );
}

/// No command takes a file path from the page: every path comes from a dialog the user saw.
#[test]
fn no_command_takes_a_path_from_the_page() {
    let mut files = Vec::new();
    rust_files(&root().join("src-tauri/src"), &mut files);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, chunk) in text.split("#[tauri::command]").enumerate().skip(1) {
            let signature = chunk.split('{').next().unwrap_or("");
            for bad in [
                "PathBuf",
                "&Path",
                "path: String",
                "file: String",
                "dir: String",
            ] {
                assert!(
                    !signature.contains(bad),
                    "{} command #{i} takes a path from the page: {signature}",
                    f.display()
                );
            }
        }
    }
}
