//! The `nianbao` binary end to end: output formats, exit codes, encodings, directories.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn json_prints_the_contract_object() {
    let seed = fixture("seeds/000_7a90e1b32b8dd451.txt");
    let (_, stdout, _) = run(&["check", "--format", "json", seed.to_str().unwrap()]);
    let line = stdout.trim();
    assert!(line.starts_with("{\"schema\":\"nianbao/1\""), "{line:.80}");
    assert!(line.contains("\"t3.total.natural_person\":{\"value\":0,\"text\":\"0\""));
    assert_eq!(stdout.lines().count(), 1);
    // Spans are UTF-8 byte offsets into the file.
    let text = std::fs::read_to_string(&seed).unwrap();
    let key =
        "\"t2.procurement.amount\":{\"value\":\"230830000\",\"text\":\"23083万元\",\"span\":[";
    let at = line.find(key).expect("procurement cell") + key.len();
    let span: Vec<usize> = line[at..line[at..].find(']').unwrap() + at]
        .split(',')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(&text[span[0]..span[1]], "23083万元");
}

#[test]
fn several_files_give_json_lines() {
    let a = fixture("seeds/001_86ddcbf017a77836.txt");
    let b = fixture("seeds/002_3fca4d743e11907b.txt");
    let (_, stdout, _) = run(&[
        "check",
        "--format=json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout
        .lines()
        .all(|l| l.starts_with('{') && l.ends_with('}')));
}

#[test]
fn text_output_points_at_file_line_and_column() {
    let seed = fixture("seeds/001_86ddcbf017a77836.txt");
    let (code, stdout, _) = run(&["check", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "warnings only: exit 0");
    assert!(stdout.contains("001_86ddcbf017a77836.txt:78:"), "{stdout}");
    assert!(stdout.contains("警告[row-short]"));
    assert!(stdout.contains("78 | "));
}

#[test]
fn gb18030_input_is_decoded() {
    let dir = temp_dir("gbk");
    let text = std::fs::read_to_string(fixture("seeds/002_3fca4d743e11907b.txt")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let path = dir.join("gbk.txt");
    std::fs::write(&path, &bytes).unwrap();
    let (_, from_gbk, _) = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert!(from_gbk.contains("\"title\":\"2020年金林区政府信息公开工作年度报告\""));
    assert!(from_gbk.contains("\"t3.new.natural_person\":{\"value\":1"));
}

#[test]
fn directories_are_searched_for_txt_files() {
    let dir = temp_dir("dir");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (name, seed) in [
        ("a.txt", "seeds/001_86ddcbf017a77836.txt"),
        ("sub/b.txt", "seeds/002_3fca4d743e11907b.txt"),
    ] {
        std::fs::copy(fixture(seed), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("notes.md"), "不是报告").unwrap();
    let (code, stdout, _) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(stdout.lines().count(), 2);
    assert!(code == 0 || code == 1);
    // A link to a directory is followed like the directory itself.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("sub"), dir.join("linked")).unwrap();
        let (_, stdout, _) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
        assert_eq!(stdout.lines().count(), 3);
    }
}

#[test]
fn usage_and_io_errors_exit_2_with_a_chinese_message() {
    let (code, _, stderr) = run(&["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("请给出至少一个"));
    let (code, _, stderr) = run(&["check", "--format", "xml", "x.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("text 或 json"));
    let (code, _, stderr) = run(&["check", "/nonexistent/报告.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("文件不存在"), "{stderr}");
    let (code, stdout, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("nianbao check"));
}

#[test]
fn balance_errors_exit_1_with_the_repair_in_words() {
    let seed = fixture("seeds/000_7a90e1b32b8dd451.txt");
    let (code, stdout, _) = run(&["check", seed.to_str().unwrap()]);
    assert_eq!(code, 1, "EXPECTED.md: seed 000 has balance errors");
    assert!(stdout.contains("错误[t3-identity]"), "{stdout}");
    assert!(
        stdout.contains("（七）总计 自然人 0 → 1，总计 0 → 1"),
        "{stdout}"
    );
    // The same report next to clean ones: one error anywhere still exits 1.
    let clean = fixture("seeds/002_3fca4d743e11907b.txt");
    let (code, _, _) = run(&["check", clean.to_str().unwrap(), seed.to_str().unwrap()]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&["check", clean.to_str().unwrap()]);
    assert_eq!(code, 0, "seed 002 has no error");
}

#[test]
fn previous_year_report_is_checked_across_years() {
    let previous = fixture("corpus/f2021_2021_pingtan-syq.txt");
    let current = fixture("corpus/f2021_2022_pingtan-syq.txt");
    let (code, stdout, _) = run(&[
        "check",
        "--previous",
        previous.to_str().unwrap(),
        current.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        !stdout.contains("cross-year"),
        "consecutive clean years agree: {stdout}"
    );
    // A report that is not last year's is named as such instead of being compared.
    let older = fixture("corpus/f2019_2019_pingtan-syq.txt");
    let (_, stdout, _) = run(&[
        "check",
        "--format=json",
        "--previous",
        older.to_str().unwrap(),
        current.to_str().unwrap(),
    ]);
    assert!(
        stdout.contains("\"code\":\"cross-year-mismatch\""),
        "{stdout:.300}"
    );
}

#[test]
fn a_directory_prints_in_input_order_whatever_the_jobs() {
    let dir = temp_dir("order");
    // Large and small reports interleaved, so they finish out of order on several threads.
    let seeds = [
        "seeds/003_fda1f0f22a5f0f10.txt",
        "corpus/f2021_2022_hunnan-gzj.txt",
        "seeds/000_7a90e1b32b8dd451.txt",
        "corpus/f2019_2020_wuhai-gxj.txt",
    ];
    for i in 0..40 {
        std::fs::copy(fixture(seeds[i % 4]), dir.join(format!("{i:03}.txt"))).unwrap();
    }
    let dir = dir.to_str().unwrap();
    let (_, one, _) = run(&["check", "--jobs", "1", "--format", "json", dir]);
    let (_, many, _) = run(&["check", "--jobs", "4", "--format", "json", dir]);
    assert_eq!(one.lines().count(), 40);
    assert_eq!(one, many);
    // Each line is its file's line checked alone, but for the name it carries.
    let unnamed = |line: &str| line[..line.rfind(",\"file\":").expect("named")].to_string();
    let singles: Vec<String> = seeds
        .iter()
        .map(|s| unnamed(&run(&["check", "--format", "json", fixture(s).to_str().unwrap()]).1))
        .collect();
    for (i, line) in many.lines().enumerate() {
        assert_eq!(unnamed(line), singles[i % 4], "report {i}");
        assert!(line.ends_with(&format!("/{i:03}.txt\"}}")), "report {i}");
    }
}

/// `--accept`: findings marked "已核实，不改" (one `fingerprint<TAB>note` a line, as the page
/// exports them) are said as such, counted in the JSON summary, and accepted errors do not fail.
#[test]
fn accepted_findings_are_marked_and_do_not_fail() {
    let seed = fixture("seeds/000_7a90e1b32b8dd451.txt");
    let seed = seed.to_str().unwrap();
    let (code, stdout, _) = run(&["check", "--format", "json", seed]);
    assert_eq!(code, 1);
    // The four errors' fingerprints, read from the contract.
    let errors: Vec<String> = stdout
        .split("{\"code\":")
        .skip(1)
        .filter(|d| d.contains("\"severity\":\"error\""))
        .map(|d| {
            let at = d.find("\"fingerprint\":\"").expect("fingerprint") + 15;
            d[at..at + 16].to_string()
        })
        .collect();
    assert_eq!(errors.len(), 4, "{stdout:.200}");
    assert!(!stdout.contains("\"accepted\""));

    let dir = temp_dir("accept");
    let marks = dir.join("已核实.tsv");
    let write = |fps: &[String]| {
        let lines: Vec<String> = fps.iter().map(|fp| format!("{fp}\t正文已说明")).collect();
        std::fs::write(&marks, format!("# 指纹\t备注\n{}\n", lines.join("\n"))).unwrap();
    };
    let marks_arg = marks.to_str().unwrap();

    // Three of four: still failing, one error open.
    write(&errors[..3]);
    let (code, stdout, _) = run(&["check", "--format", "json", "--accept", marks_arg, seed]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("\"accepted\":3,\"open_errors\":1"),
        "{stdout:.300}"
    );
    assert_eq!(
        stdout
            .matches("\"accepted\":{\"note\":\"正文已说明\"}")
            .count(),
        3
    );

    // All four: exit 0, the findings still listed, marked in the text output.
    write(&errors);
    let (code, stdout, _) = run(&["check", "--accept", marks_arg, seed]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout.matches("已核实，不改：正文已说明").count(), 4);
    assert!(
        stdout.contains("共 4 个错误，1 个警告，0 条提示（已核实 4 项）"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&[
        "check",
        "--format=json",
        &format!("--accept={marks_arg}"),
        seed,
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"errors\":4,"));
    assert!(stdout.contains("\"accepted\":4,\"open_errors\":0"));

    // A missing marks file is a usage error.
    let (code, _, stderr) = run(&["check", "--accept", "没有这个文件.tsv", seed]);
    assert_eq!(code, 2);
    assert!(stderr.contains("无法读取已核实标记文件"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One input's JSON is written in pieces straight to standard output (issue 14); with a
/// second file the same report goes through the batch path whole. Both lines must be the same
/// bytes, for a result of many pieces and with a reviewer's mark.
#[test]
fn one_input_written_in_pieces_is_the_same_line_as_in_a_batch() {
    let seed = std::fs::read_to_string(fixture("seeds/003_fda1f0f22a5f0f10.txt")).unwrap();
    let table = &seed[seed.find("统计指标").unwrap()..];
    let mut text = seed.clone();
    while text.len() < 600_000 {
        text.push_str(table);
    }
    let dir = temp_dir("pieces");
    let long = dir.join("long.txt");
    std::fs::write(&long, &text).unwrap();
    let (_, alone, _) = run(&["check", "--format", "json", long.to_str().unwrap()]);
    assert!(alone.len() > 1_000_000, "{} bytes", alone.len());
    let other = fixture("seeds/000_7a90e1b32b8dd451.txt");
    let (_, batch, _) = run(&[
        "check",
        "--format",
        "json",
        long.to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(batch.lines().next().unwrap(), alone.trim_end_matches('\n'));
    assert_eq!(alone.lines().count(), 1);
    assert!(alone.ends_with(&format!(",\"file\":\"{}\"}}\n", long.display())));
    let _ = std::fs::remove_dir_all(&dir);
}
