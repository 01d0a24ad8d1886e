//! A `cloudclause` process that another program stops says so on stderr, then ends by that
//! signal: a CLI that dies without a word (the two `cli_backup` failures of a local cold run,
//! whose CLI processes were ended from outside) is told apart from one that failed.
#![cfg(unix)]
#![allow(clippy::panic)] // (a helper fails the test by panicking with a message)

#[allow(dead_code)] // only cli_path is used here
#[path = "common/mod.rs"]
mod common;

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Starts `cloudclause analyze` on a named pipe, which blocks it reading until the test has
/// opened the other end (so the CLI is surely running, past its start), sends `signal`, and
/// returns the exit status and stderr.
fn stopped_by(signal: &str) -> (std::process::ExitStatus, String) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let fifo = dir.path().join("contract.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success(), "mkfifo failed");
    let child = Command::new(common::cli_path())
        .arg("--db")
        .arg(dir.path().join("library.sqlite3"))
        .arg("analyze")
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running cloudclause: {e}"));
    // Opening the pipe for writing waits until the CLI opens it for reading.
    let (opened, writer) = mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = opened.send(std::fs::OpenOptions::new().write(true).open(path));
    });
    let Ok(Ok(pipe)) = writer.recv_timeout(Duration::from_secs(60)) else {
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("waiting for cloudclause: {e}"));
        panic!(
            "the CLI never read the pipe ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap_or_else(|e| panic!("kill: {e}"));
    assert!(sent.success(), "kill -{signal} failed");
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("waiting for cloudclause: {e}"));
    drop(pipe);
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_cli_stopped_by_a_signal_says_so_and_ends_by_that_signal() {
    for (name, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let (status, stderr) = stopped_by(name);
        assert_eq!(
            status.signal(),
            Some(number),
            "SIG{name}: {status}; {stderr}"
        );
        assert!(
            stderr.contains(&format!(
                "cloudclause: stopped by SIG{name} before it finished"
            )),
            "SIG{name}: {stderr:?}"
        );
    }
}
