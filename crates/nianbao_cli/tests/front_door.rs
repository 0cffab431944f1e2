//! The CLI on hostile ground (issue 14): directory loops, unreadable entries, FIFOs, names
//! that are not UTF-8 or hold a newline, closed pipes and full disks, `-`, `--` and unknown
//! options, damaged encodings, and one JSON line per file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn seed() -> PathBuf {
    fixture("seeds/004_be236ec721ff3d1c.txt")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-door-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let dir = temp_dir("loop");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::copy(seed(), dir.join("a/b/r.txt")).unwrap();
    std::fs::copy(seed(), dir.join("a/s.txt")).unwrap();
    // Two links back up the tree: the walk must end, each file once.
    std::os::unix::fs::symlink("..", dir.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("../..", dir.join("a/b/upup")).unwrap();
    let (code, stdout, stderr) = output(bin().args(["check", "--format", "json"]).arg(&dir));
    assert_eq!(stdout.lines().count(), 2, "{stderr}");
    assert!(code == 0 || code == 1, "{code} {stderr}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_subdirectory_is_named_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("perm");
    std::fs::create_dir_all(dir.join("ok")).unwrap();
    std::fs::create_dir_all(dir.join("locked")).unwrap();
    std::fs::copy(seed(), dir.join("ok/r.txt")).unwrap();
    std::fs::copy(seed(), dir.join("locked/r.txt")).unwrap();
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads anything: then there is nothing to test.
    let root = std::fs::read_dir(dir.join("locked")).is_ok();
    let (code, stdout, stderr) = output(bin().args(["check", "--format", "json"]).arg(&dir));
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    if root {
        eprintln!("skipped: running as root, permissions do not stop reading");
        return;
    }
    assert_eq!(stdout.lines().count(), 1, "the readable report is checked");
    assert!(stderr.contains("locked"), "the entry is named: {stderr}");
    assert_eq!(code, 2);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_is_skipped() {
    let dir = temp_dir("fifo");
    std::fs::copy(seed(), dir.join("r.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let (_, stdout, stderr) = output(bin().args(["check", "--format", "json"]).arg(&dir));
    assert_eq!(stdout.lines().count(), 1, "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_read_and_shown() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("gbk");
    // "报告.txt" in GBK.
    let name = std::ffi::OsStr::from_bytes(b"\xb1\xa8\xb8\xe6.txt");
    let path = dir.join(name);
    if std::fs::copy(seed(), &path).is_err() {
        eprintln!("skipped: the file system refuses names that are not UTF-8");
        return;
    }
    let (code, stdout, stderr) = output(bin().arg("check").arg(&path));
    assert!(code == 0 || code == 1, "{code}: {stderr}");
    assert!(stdout.contains(".txt: "), "{stdout}");
    let (code, _, stderr) = output(
        bin()
            .arg("check")
            .arg(dir.join(std::ffi::OsStr::from_bytes(b"\xff.txt"))),
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("文件不存在"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_newline_in_a_name_is_escaped() {
    let dir = temp_dir("newline");
    let path = dir.join("a\nb.txt");
    std::fs::copy(fixture("seeds/000_7a90e1b32b8dd451.txt"), &path).unwrap();
    let (_, stdout, _) = output(bin().arg("check").arg(&path));
    for line in stdout.lines().filter(|l| l.contains("错误[")) {
        assert!(line.contains("a\\nb.txt:"), "{line}");
    }
    assert!(stdout.lines().all(|l| !l.starts_with("b.txt")), "{stdout}");
}

#[cfg(unix)]
#[test]
fn closed_pipes_and_full_disks_never_panic() {
    // Standard output closed before anything is written.
    for args in [&["--help"][..], &["--version"], &["check", "-"]] {
        let mut child = bin()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(&std::fs::read(seed()).unwrap());
        }
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked");
        assert!(out.status.code().is_some(), "{args:?} killed by a signal");
    }
    // A full disk: a message and exit 2.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for args in [&["--help"][..], &["check"]] {
            let mut cmd = bin();
            cmd.args(args);
            if args == ["check"] {
                cmd.arg(seed());
            }
            let out = cmd.stdout(full.try_clone().unwrap()).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(String::from_utf8_lossy(&out.stderr).contains("磁盘已满"));
        }
        // A full standard error: still no panic.
        let out = bin()
            .args(["check", "/nonexistent.txt"])
            .stderr(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
}

#[test]
fn options_dash_and_double_dash() {
    let (code, _, stderr) = output(bin().args(["check", "-x"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("未知的选项“-x”"), "{stderr}");
    // `-` reads standard input.
    let out = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(std::fs::File::open(seed()).unwrap())
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.starts_with("{\"schema\":\"nianbao/1\""), "{line:.80}");
    // After `--`, a name starting with `-` is a file.
    let dir = temp_dir("dashes");
    std::fs::copy(seed(), dir.join("-x.txt")).unwrap();
    let (code, stdout, stderr) = output(
        bin()
            .current_dir(&dir)
            .args(["check", "--format", "json", "--", "-x.txt"]),
    );
    assert!(code == 0 || code == 1, "{stderr}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn jobs_are_capped() {
    let (code, stdout, stderr) = output(
        bin()
            .args(["check", "--format", "json", "--jobs", "100000"])
            .arg(seed()),
    );
    assert!(code == 0 || code == 1, "{stderr}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn one_bad_byte_in_utf8_keeps_utf8_and_says_so() {
    let dir = temp_dir("badbyte");
    let good = std::fs::read(seed()).unwrap();
    let text = String::from_utf8(good.clone()).unwrap();
    let at = text.find("行政复议").unwrap();
    let mut bad = good.clone();
    bad.insert(at, 0xFF);
    std::fs::write(dir.join("bad.txt"), &bad).unwrap();
    let (_, clean, _) = output(bin().args(["check", "--format", "json"]).arg(seed()));
    let (_, damaged, stderr) = output(
        bin()
            .args(["check", "--format", "json"])
            .arg(dir.join("bad.txt")),
    );
    assert!(stderr.contains("UTF-8"), "{stderr}");
    let cells = |json: &str| json.matches("\"value\":").count();
    assert_eq!(cells(&damaged), cells(&clean), "the tables still read");
}

#[test]
fn utf16_without_a_bom_reads_like_utf8() {
    let dir = temp_dir("utf16");
    let text = std::fs::read_to_string(seed()).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.join("le.txt"), le).unwrap();
    let (_, from_utf8, _) = output(bin().args(["check", "--format", "json"]).arg(seed()));
    let (_, from_utf16, _) = output(
        bin()
            .args(["check", "--format", "json"])
            .arg(dir.join("le.txt")),
    );
    // Offsets are into the decoded text: the same cells and values.
    assert_eq!(
        from_utf16.matches("\"value\":").count(),
        from_utf8.matches("\"value\":").count()
    );
    assert!(from_utf16.contains("\"cells_read\":"));
}

#[test]
fn json_lines_match_files_and_carry_names() {
    let dir = temp_dir("lines");
    let a = seed();
    let missing = dir.join("missing.txt");
    let (code, stdout, _) = output(
        bin()
            .args(["check", "--format", "json"])
            .arg(&a)
            .arg(&missing)
            .arg(&a),
    );
    assert_eq!(code, 2);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "one line per file, the unreadable one too");
    assert!(lines[1].starts_with("{\"file\":") && lines[1].contains("\"error\":"));
    assert!(lines[1].contains("missing.txt"));
    // Every line names its file, without -H: the checked ones at the end of the object.
    let named = format!(
        ",\"file\":\"{}\"}}",
        a.to_string_lossy().replace('\\', "\\\\")
    );
    assert!(lines[0].ends_with(&named) && lines[2].ends_with(&named));
    // A file checked alone gives the same line as in the batch; -H changes nothing.
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "json", "-H"],
    ] {
        let (_, alone, _) = output(bin().args(args).arg(&a));
        assert_eq!(alone, format!("{}\n", lines[0]));
    }
    // Standard input is named "-".
    let (_, piped, _) = output(
        bin()
            .args(["check", "--format", "json", "-"])
            .stdin(std::fs::File::open(&a).unwrap()),
    );
    assert!(piped.trim_end().ends_with(",\"file\":\"-\"}"), "{piped}");
    // The same report read from stdin and from the file differ only in the name.
    assert_eq!(
        piped.trim_end().trim_end_matches(",\"file\":\"-\"}"),
        lines[0].trim_end_matches(named.as_str())
    );
}
