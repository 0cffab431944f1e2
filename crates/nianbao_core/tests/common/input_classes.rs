//! The hostile input classes of issue 14, built by repeating a unit to a size: shared by the
//! doubling bench (benches/doubling.rs) and the peak-memory test (tests/memory.rs), so both
//! measure the same inputs.

use std::path::Path;

pub fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// (class, text before the repeated unit, unit).
pub fn classes() -> Vec<(&'static str, String, String)> {
    let s000 = seed("000");
    let s002 = seed("002");
    let s003 = seed("003");
    let lines: Vec<&str> = s003.lines().collect();
    let table_at = lines
        .iter()
        .position(|l| l.starts_with("统计指标"))
        .unwrap();
    let old_table = lines[table_at..table_at + 60].join("\n") + "\n";
    let before_table = s003[..s003.find("统计指标").unwrap()].to_string();
    let pct_at = lines
        .iter()
        .position(|l| l.starts_with("公开渠道、方式"))
        .unwrap();
    let percent = lines[pct_at..pct_at + 5].join("\n") + "\n";
    let prose = lines
        .iter()
        .find(|l| l.starts_with("2017 年，全市主动公开"))
        .unwrap()
        .to_string()
        + "\n";
    let glued = s002.replace("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", &"123456789".repeat(7));
    vec![
        ("prose", String::new(), prose),
        ("national", String::new(), s000.clone()),
        ("old", before_table, old_table),
        ("percent", String::new(), percent),
        ("glued", String::new(), glued),
        ("dense-1-space", String::new(), "1 ".into()),
        ("dense-1-newline", String::new(), "1\n".into()),
        ("dense-tab", String::new(), "\t".into()),
        ("dense-pipe", String::new(), "|".into()),
        ("one-long-line", String::new(), s000.replace('\n', " ")),
    ]
}

/// `head`, then `unit` repeated to about `size` bytes.
pub fn build(head: &str, unit: &str, size: usize) -> String {
    let n = (size.saturating_sub(head.len()) / unit.len()).max(1);
    let mut text = String::with_capacity(head.len() + unit.len() * n);
    text.push_str(head);
    for _ in 0..n {
        text.push_str(unit);
    }
    text
}
