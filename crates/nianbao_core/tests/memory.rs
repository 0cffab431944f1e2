//! Peak heap of one check (issue 14): for each hostile input class, the most memory the
//! check and its JSON hold at once, as a multiple of the input. Memory is deterministic, so
//! these are exact bounds, not timings. This binary has its own counting allocator (a
//! reallocation counts the old and the new block, as if copied), so it measures nothing else.
//!
//! The target is 10× the input for every class, the process included; the heap bound here is
//! 9× where the class meets it (the input itself is the tenth). Classes that do not meet it yet have today's peak, rounded
//! up, as their bound, so they cannot grow back unnoticed (BENCHMARKS.md says why): dense
//! pastes (a 12-byte token per one or two bytes, and the line's characters), pre-2019 tables
//! repeated by the thousand (the rows and cells the reader builds), and a glued run, whose
//! split search keeps up to 20,000 splits (about 8 MB whatever the input's size).

use nianbao_core::PositionEncoding;
use peak_alloc::PeakAlloc;
use std::path::Path;

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

const SIZE: usize = 1 << 20;

fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// (class, text before the repeated unit, unit, heap bound) — the doubling bench's recipes.
fn classes() -> Vec<(&'static str, String, String, f64)> {
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
        ("prose", String::new(), prose, 9.0),
        ("national", String::new(), s000.clone(), 9.0),
        ("old", before_table, old_table, 22.0),
        ("percent", String::new(), percent, 9.0),
        ("glued", String::new(), glued, 12.0),
        ("dense-1-space", String::new(), "1 ".into(), 16.0),
        ("dense-1-newline", String::new(), "1\n".into(), 17.0),
        ("dense-tab", String::new(), "\t".into(), 22.0),
        ("dense-pipe", String::new(), "|".into(), 22.0),
        ("one-long-line", String::new(), s000.replace('\n', " "), 9.0),
    ]
}

fn build(head: &str, unit: &str, size: usize) -> String {
    let n = (size.saturating_sub(head.len()) / unit.len()).max(1);
    let mut text = String::with_capacity(head.len() + unit.len() * n);
    text.push_str(head);
    for _ in 0..n {
        text.push_str(unit);
    }
    text
}

/// Everything runs in this one test, so no other test allocates while it measures.
#[test]
fn peak_heap_stays_within_a_multiple_of_the_input() {
    let mut over = Vec::new();
    for (class, head, unit, bound) in classes() {
        let text = build(&head, &unit, SIZE);
        PEAK.reset_peak_usage();
        let before = PEAK.current_usage();
        let checked = nianbao_core::check(&text);
        let json = nianbao_core::to_json(&checked, &text, PositionEncoding::Utf16);
        drop(checked);
        drop(json);
        let ratio = (PEAK.peak_usage() - before) as f64 / text.len() as f64;
        println!("{class:<16} peak heap {ratio:5.2}× the input (bound {bound}×)");
        if ratio > bound {
            over.push(format!("{class}: {ratio:.2}× > {bound}×"));
        }
    }
    assert!(over.is_empty(), "over the bound: {over:?}");
}
