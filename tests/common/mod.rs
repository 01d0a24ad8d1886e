//! Helpers for the CLI integration tests: running the `cloudclause` binary on a temporary
//! database. Included with `#[path]` by tests that the cli package compiles, so that cargo
//! builds the binary first and `CARGO_BIN_EXE_cloudclause` points at it.
#![allow(clippy::panic)] // (a test helper fails the test by panicking with a message)

use std::path::PathBuf;
use std::process::{Command, Output};

/// The `cloudclause` binary that cargo built for this test run.
pub fn cli_path() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cloudclause"))
}

/// A temporary database and a way to run the CLI on it.
pub struct Cli {
    pub dir: tempfile::TempDir,
    bin: PathBuf,
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    pub fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")),
            bin: cli_path(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("library.sqlite3")
    }

    /// Runs `cloudclause --db <temp> ARGS`.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("CLOUDCLAUSE_DB")
            .output()
            .unwrap_or_else(|e| panic!("running cloudclause: {e}"))
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cloudclause {args:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("stdout is not UTF-8: {e}"))
    }

    /// Runs with `--json` output and parses it.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let text = self.ok(args);
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("cloudclause {args:?} printed invalid JSON ({e}): {text}"))
    }
}
