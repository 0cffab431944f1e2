//! A finding's fingerprint (the key of a reviewer's "已核实，不改" mark) stays the same through
//! edits elsewhere in the text and changes when the finding's own values change.

use nianbao_core::{check, fingerprint, Checked};

fn fingerprints(checked: &Checked) -> Vec<String> {
    let mut all: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), fingerprint(d, &checked.report)))
        .collect();
    all.sort();
    all
}

fn fixtures() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut out = Vec::new();
    for dir in ["seeds", "corpus"] {
        let mut names: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
    out
}

const SEED_000: &str = include_str!("../../../tests/fixtures/seeds/000_7a90e1b32b8dd451.txt");

#[test]
fn fingerprints_survive_edits_elsewhere() {
    let mut compared = 0;
    for (name, text) in fixtures() {
        let before = fingerprints(&check(&text));
        // Lines move (an empty line after the first), and a sentence is added at the end.
        let first_line = text.find('\n').map_or(text.len(), |i| i + 1);
        let moved = format!("{}\n{}", &text[..first_line], &text[first_line..]);
        let added = format!("{text}\n本报告如有疑问，请与办公室联系。\n");
        for (what, edited) in [("lines moved", moved), ("sentence added", added)] {
            assert_eq!(fingerprints(&check(&edited)), before, "{name}: {what}");
        }
        compared += before.len();
    }
    assert!(compared > 20, "only {compared} findings compared");
}

#[test]
fn fingerprints_are_sixteen_hex_digits_and_distinct_within_seed_000() {
    let checked = check(SEED_000);
    let all: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| fingerprint(d, &checked.report))
        .collect();
    assert_eq!(all.len(), 5);
    for fp in &all {
        assert_eq!(fp.len(), 16);
        assert!(fp
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
}

#[test]
fn a_changed_value_revives_the_finding() {
    let before = check(SEED_000);
    let of = |checked: &Checked, code: &str, cell: &str| -> Option<String> {
        checked
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == code && d.cells.first().is_some_and(|c| c == cell))
            .map(|d| fingerprint(d, &checked.report))
    };
    // Seed 000 prints （七）总计 as all zeros; a 2 in its 总计 column keeps the 总计-column
    // findings (1 ≠ 2) but with another value, so they get new fingerprints, while the
    // 自然人-column findings, whose cells did not change, keep theirs.
    let line = "（七）总计 0 0 0 0 0 0 0";
    assert_eq!(SEED_000.matches(line).count(), 1);
    let after = check(&SEED_000.replace(line, "（七）总计 0 0 0 0 0 0 2"));
    for code in ["t3-identity", "t3-result-total"] {
        let person = "t3.total.natural_person";
        assert!(of(&before, code, person).is_some());
        assert_eq!(
            of(&before, code, person),
            of(&after, code, person),
            "{code}"
        );
        let total = "t3.total.total";
        let (old, new) = (of(&before, code, total), of(&after, code, total));
        assert!(old.is_some() && new.is_some(), "{code}: still a finding");
        assert_ne!(old, new, "{code}: the value changed");
    }
    // A prose number changed: the prose finding is a new one.
    let prose = |checked: &Checked| of(checked, "prose-table", "t2.normative_docs.published");
    let sentence = "累计公布行政规范性文件11件";
    assert_eq!(SEED_000.matches(sentence).count(), 1);
    let reworded = check(&SEED_000.replace(sentence, "累计公布行政规范性文件12件"));
    assert!(prose(&before).is_some() && prose(&reworded).is_some());
    assert_ne!(prose(&before), prose(&reworded));
}
