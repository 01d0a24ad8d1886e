//! The integration-test package. Its tests use the engine directly; the CLI tests in this
//! folder (`cli_library.rs`) are compiled by the cli package (see crates/cli/Cargo.toml).
