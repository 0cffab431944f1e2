//! `nianbao check` on documents: .docx and HTML (UTF-8 or GBK) read as their tables, found in
//! directories; .doc/.wps/.pdf and other binaries exit 2 with a message saying what to do.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-doc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The `"cells":{…}` object of a JSON result as path and value (the printed text and span
/// differ: the document has full-width digits and its own text view).
fn cells(json: &str) -> Vec<String> {
    let start = json.find("\"cells\":{").expect("cells");
    let body = &json[start..];
    let end = body.find("}},\"summary\"").unwrap_or(body.len());
    body[..end]
        .split("},\"")
        .map(|c| {
            let c = c.split(",\"text\"").next().unwrap_or(c);
            c.to_string()
        })
        .collect()
}

#[test]
fn a_docx_and_its_html_shapes_read_the_cells_the_text_reads() {
    let text = fixture("seeds/002_3fca4d743e11907b.txt");
    let (code, want, _) = run(&["check", "--format", "json", text.to_str().unwrap()]);
    assert_eq!(code, 0);
    for name in [
        "docs/seeds_002_3fca4d743e11907b.docx",
        "docs/seeds_002_3fca4d743e11907b.word.html",
        "docs/seeds_002_3fca4d743e11907b.portal.html",
    ] {
        let (code, got, stderr) =
            run(&["check", "--format", "json", fixture(name).to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(cells(&got), cells(&want), "{name}");
        assert!(got.contains("\"cells_read\":198"), "{name}");
    }
}

#[test]
fn gbk_html_is_decoded_by_its_meta_charset() {
    let html = std::fs::read_to_string(fixture("docs/seeds_002_3fca4d743e11907b.wps.html"))
        .unwrap()
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">");
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let dir = temp_dir("gbk");
    let path = dir.join("报告.htm");
    std::fs::write(&path, &gbk).unwrap();
    let (code, stdout, stderr) = run(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"cells_read\":198"), "{stdout}");
    assert!(stdout.contains("金林区"), "{stdout}");
}

#[test]
fn directories_include_docx_and_html() {
    let dir = temp_dir("dir");
    std::fs::copy(
        fixture("docs/seeds_002_3fca4d743e11907b.docx"),
        dir.join("a.docx"),
    )
    .unwrap();
    std::fs::copy(
        fixture("docs/seeds_004_be236ec721ff3d1c.portal.html"),
        dir.join("b.html"),
    )
    .unwrap();
    std::fs::write(dir.join("c.png"), b"\x89PNG\r\n").unwrap();
    let (_, stdout, stderr) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(stdout.lines().count(), 2, "{stdout}\n{stderr}");
    assert!(stdout.lines().all(|l| l.contains("\"format\":\"f2019\"")));
}

#[test]
fn unsupported_files_exit_2_with_what_to_do_never_no_tables() {
    let dir = temp_dir("unsupported");
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "报告.doc",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "另存为",
        ),
        (
            "报告.wps",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 1],
            "另存为",
        ),
        ("报告.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "损坏"),
        (
            "报告.xlsx",
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
            "Word",
        ),
        ("扫描.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "图片"),
    ];
    for (name, bytes, word) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, stdout, stderr) = run(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {stdout}{stderr}");
        assert!(stderr.contains(word), "{name}: {stderr}");
        assert!(!stdout.contains("没有找到"), "{name}: {stdout}");
    }
}

/// Every `"path":{"value":V` of a result object, in order.
fn cell_values(json: &str) -> Vec<(String, String)> {
    json.match_indices("\":{\"value\":")
        .map(|(at, marker)| {
            let key_start = json[..at].rfind('"').map_or(0, |q| q + 1);
            let rest = &json[at + marker.len()..];
            let value_end = rest.find([',', '}']).unwrap_or(rest.len());
            (
                json[key_start..at].to_string(),
                rest[..value_end].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_pdf_reads_to_the_cells_of_its_text() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdf");
    for (pdf, txt) in [
        ("report.pdf", "report.txt"),
        ("report_aes256.pdf", "report.txt"),
        ("report_chromium.pdf", "report_chromium.txt"),
    ] {
        let json = |name: &str| {
            let path = fixtures.join(name);
            let (code, stdout, stderr) =
                run(&["check", "--format", "json", path.to_str().unwrap()]);
            assert!(code == 0 || code == 1, "{name}: {stderr}");
            stdout
        };
        let (from_pdf, from_text) = (cell_values(&json(pdf)), cell_values(&json(txt)));
        assert!(from_text.len() > 100, "{txt}: {} cells", from_text.len());
        assert_eq!(from_pdf, from_text, "{pdf} against {txt}");
    }
}
