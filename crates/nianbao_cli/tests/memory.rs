//! The CLI's peak memory per hostile input class (issue 14): `nianbao check --format json` on
//! each class's 2 MiB input, its peak resident set as the kernel counts it for the finished
//! process. Memory is deterministic, so this is a bound, not a timing.
//!
//! The target is 10× the input. The peak counts pages that do not depend on the input (the
//! binary's and libc's code, the allocator's first pages: about 3 MB, 1.5× a 2 MiB input), so
//! the bound is on the peak less the same command's peak on a one-line report: what the input
//! costs (BENCHMARKS.md: 9.2× at most today, the whole peak under 10× from 4 MiB on). Linux
//! only: `ru_maxrss` is in KiB there (bytes on macOS), and CI runs Linux.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::{Command, Stdio};

#[path = "../../nianbao_core/tests/common/input_classes.rs"]
mod input_classes;
use input_classes::{build, classes};

const SIZE: usize = 2 << 20;
const BOUND: f64 = 10.0;

/// Peak resident set, in bytes, of `nianbao check --format json FILE`.
// The child is reaped by `wait4` below, which also gives its usage; `Child::wait` cannot.
#[allow(clippy::zombie_processes)]
fn peak_rss(file: &Path) -> u64 {
    let child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the CLI starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // Safety: a zeroed `rusage` is a valid value (integers and integer structs), and `wait4`
    // writes into the two locals it is handed, for this child only (std never waits for it:
    // `child` is not waited on).
    #[allow(unsafe_code)]
    let (reaped, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::wait4(pid, &mut status, 0, &mut usage), usage)
    };
    assert_eq!(reaped, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
        "the CLI failed on {file:?}: status {status}"
    );
    // Linux gives `ru_maxrss` in KiB.
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn what_each_class_costs_stays_within_ten_times_the_input() {
    let dir = std::env::temp_dir().join(format!("nianbao-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("input.txt");
    std::fs::write(&file, "x\n").unwrap();
    // The lowest of three: the process's own pages, whatever the input.
    let fixed = (0..3).map(|_| peak_rss(&file)).min().unwrap();
    let mut over = Vec::new();
    let mut seen = Vec::new();
    for (class, head, unit) in classes() {
        let text = build(&head, &unit, SIZE);
        std::fs::write(&file, &text).unwrap();
        let peak = peak_rss(&file);
        let ratio = peak.saturating_sub(fixed) as f64 / text.len() as f64;
        seen.push(format!("{class} {ratio:.2}"));
        if ratio > BOUND {
            over.push(format!(
                "{class}: {ratio:.2}× ({peak} B peak, {fixed} B for a one-line report)"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "peak less the one-line report's, ÷ input: {}",
        seen.join(", ")
    );
    assert!(over.is_empty(), "over {BOUND}× the input: {over:?}");
}
