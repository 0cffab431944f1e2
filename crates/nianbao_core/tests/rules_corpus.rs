//! Every violation the corpus notes record (`tests/fixtures/corpus/MANIFEST.tsv` with
//! `CORRECTIONS.md`), asserted one by one, and no error-severity finding on reports the notes
//! call clean. Findings the notes record but the checker does not make are listed at the end
//! with the reason.

mod common;

use nianbao_core::{check_with_previous, Checked, Code, Diagnostic, Severity};

fn check(name: &str) -> Checked {
    nianbao_core::check(&common::read(&format!("corpus/{name}")))
}

fn with(c: &Checked, code: Code) -> Vec<&Diagnostic> {
    c.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn values(d: &Diagnostic) -> (&str, &str) {
    (
        d.expected.as_deref().unwrap_or(""),
        d.actual.as_deref().unwrap_or(""),
    )
}

#[test]
fn no_corpus_report_has_an_error() {
    // Every report's tables are "clean (checked by hand)" or only break under the blank = 0
    // reading (Shanghai), which the checker does not make.
    for (name, text) in common::all_reports() {
        if !name.starts_with("corpus/") {
            continue;
        }
        let c = nianbao_core::check(&text);
        let errors: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

// ── f2019_2019_shanghai-bgt.txt ──────────────────────────────────────────────────────────

#[test]
fn shanghai_missing_totals_are_flagged_with_the_sums_they_should_hold() {
    let c = check("f2019_2019_shanghai-bgt.txt");
    // R1 holds in every column that was read; nothing is concluded from blanks.
    assert!(with(&c, Code::T3Identity).is_empty());
    assert!(with(&c, Code::T3RowTotal).is_empty());
    assert!(with(&c, Code::T3ResultTotal).is_empty());
    let gaps = with(&c, Code::RelationUnassessable);
    let r2 = gaps
        .iter()
        .find(|d| d.message.contains("总计 = 六类申请人之和"))
        .expect("row totals cannot be checked");
    for row in [
        "granted",
        "partial",
        "denied.state_secret",
        "denied.internal",
        "denied.process",
        "denied.inquiry",
        "unavailable.not_held",
        "unavailable.needs_creation",
        "unavailable.unclear",
        "not_processed.petition",
        "not_processed.duplicate",
    ] {
        assert!(
            r2.cells.iter().any(|p| p == &format!("t3.{row}.total")),
            "{row}"
        );
    }
    // What the blanks would have to hold: (一) 272, (二) 3, …
    let note = r2
        .notes
        .iter()
        .find(|n| n.contains("若把这些空白"))
        .unwrap();
    assert!(note.contains("“（一）予以公开”行：0 与 272 不符"), "{note}");
    assert!(note.contains("“（二）部分公开”行：0 与 3 不符"), "{note}");
    // And under blank = 0 R3 would fail in the 总计 column (805 vs 0).
    let r3 = gaps
        .iter()
        .find(|d| d.message.contains("（七）总计 = 各项办理结果之和"))
        .unwrap();
    assert!(r3.notes.iter().any(|n| n.contains("总计列：805 与 0 不符")));
}

#[test]
fn shanghai_granted_and_partial_258_vs_275() {
    let c = check("f2019_2019_shanghai-bgt.txt");
    let d = with(&c, Code::ProseTable)
        .into_iter()
        .find(|d| d.message.contains("予以公开及部分公开258件"))
        .expect("258 vs 272 + 3");
    assert_eq!(values(d), ("至少 275", "258"));
    assert!(d.cells.iter().any(|p| p == "t3.granted.natural_person"));
}

#[test]
fn shanghai_all_upheld_vs_table_four() {
    let c = check("f2019_2019_shanghai-bgt.txt");
    let d = with(&c, Code::ProseTable)
        .into_iter()
        .find(|d| d.message.contains("均获维持"))
        .expect("均获维持 vs 5 and 8 upheld");
    assert!(d
        .message
        .contains("行政复议总计 7 件，结果维持 5 件、尚未审结 2 件"));
    assert!(d
        .message
        .contains("行政诉讼（未经复议直接起诉）总计 9 件，结果维持 8 件、尚未审结 1 件"));
    // The totals 7 and 9 themselves agree with the prose.
    assert!(!with(&c, Code::ProseTable)
        .iter()
        .any(|d| d.message.contains("行政复议7件") || d.message.contains("诉讼9件")));
}

#[test]
fn shanghai_unavailable_265_is_only_row_one() {
    let c = check("f2019_2019_shanghai-bgt.txt");
    let d = with(&c, Code::ProseTable)
        .into_iter()
        .find(|d| d.message.contains("无法提供265件"))
        .expect("265 = (四)1 only");
    assert_eq!(values(d), ("至少 337", "265"));
    assert!(d
        .notes
        .iter()
        .any(|n| n.contains("（四）1.本机关不掌握相关政府信息")));
    // 不予公开35件 and 不予处理158件 match.
    assert_eq!(with(&c, Code::ProseTable).len(), 3);
}

// ── era and citation ────────────────────────────────────────────────────────────────────

#[test]
fn jiaxian_2022_uses_2019_tables() {
    let c = check("f2019_2022_jiaxian-xizhen.txt");
    let d = with(&c, Code::FormatYear);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
}

#[test]
fn xixian_cites_the_2019_notice_with_2021_tables() {
    let c = check("f2021_2022_xixian-taipingzhen.txt");
    let d = with(&c, Code::FormatNotice);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Info);
    assert!(with(&c, Code::FormatYear).is_empty());
}

// ── pre-2019 narratives ─────────────────────────────────────────────────────────────────

#[test]
fn old_2012_total_3978_vs_items_3926() {
    let c = check("old_2012_pingtan-xian.txt");
    let d = with(&c, Code::ProseSum);
    assert_eq!(d.len(), 1);
    assert_eq!(values(d[0]), ("3926", "3978"));
    assert!(d[0].notes[0].starts_with("2026 + 46 + 1854 = 3926"));
}

#[test]
fn old_2013_channels_in_the_prose_vs_the_table() {
    let c = check("old_2013_pingtan-xian.txt");
    let d = with(&c, Code::ProseTable);
    assert_eq!(d.len(), 2, "{d:#?}");
    let online = d
        .iter()
        .find(|d| d.message.contains("网上申请数3条"))
        .unwrap();
    assert_eq!(values(online), ("4", "3"));
    let letter = d
        .iter()
        .find(|d| d.message.contains("信函申请数4条"))
        .unwrap();
    assert_eq!(values(letter), ("0", "4"));
}

#[test]
fn old_2014_category_list_2641_vs_2543() {
    let c = check("old_2014_pingtan-syq.txt");
    let d = with(&c, Code::ProseSum);
    assert_eq!(d.len(), 1);
    assert_eq!(values(d[0]), ("2641", "2543"));
}

#[test]
fn old_channel_parents_are_not_held_to_equality() {
    // 主动公开信息数 2026 > 1795 + 0 (2012) and 1853 > 1713 + 0 (2013) fail strict equality
    // but not "parent ≥ its 其中 parts".
    for name in ["old_2012_pingtan-xian.txt", "old_2013_pingtan-xian.txt"] {
        let c = check(name);
        assert!(with(&c, Code::OldPartsSum).is_empty(), "{name}");
        assert!(with(&c, Code::OldPartsExceed).is_empty(), "{name}");
    }
}

#[test]
fn clean_narratives_stay_quiet() {
    // 2011: 425 + 46 + 1402 = 1873; 2013: 1853 + 107 + 1658 = 3618; 2015/2017/2018 category
    // lists add up; the 平潭 2021/2022/2024/2025 narratives match the tables; 乌海工信局
    // 52 + 2167 + 541 + 175 + 7 = 2942.
    for name in [
        "f2019_2020_wuhai-gxj.txt",
        "old_2011_pingtan-xian.txt",
        "old_2011_pingtan-syq.txt",
        "old_2015_pingtan-syq.txt",
        "old_2017_pingtan-syq.txt",
        "old_2018_pingtan-syq.txt",
        "f2021_2021_pingtan-syq.txt",
        "f2021_2022_pingtan-syq.txt",
        "f2021_2024_pingtan-syq.txt",
        "f2021_2025_pingtan-syq.txt",
    ] {
        let c = check(name);
        let prose: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::ProseTable | Code::ProseSum))
            .collect();
        assert!(prose.is_empty(), "{name}: {prose:#?}");
    }
}

#[test]
fn pingtan_2019_publication_list_does_not_add_up() {
    // Not in the notes (the narrative was not checked there): "共公布政府信息2599条，(其中
    // 机构职能类信息25条，…，其他应主动公开政府信息856条)" — the list closed by 其他 adds up to
    // 2533.
    let c = check("f2019_2019_pingtan-syq.txt");
    let d = with(&c, Code::ProseSum);
    assert_eq!(d.len(), 1);
    assert_eq!(values(d[0]), ("2533", "2599"));
}

// ── across years ────────────────────────────────────────────────────────────────────────

#[test]
fn consecutive_corpus_reports_connect() {
    for (last, this) in [
        ("f2021_2021_pingtan-syq.txt", "f2021_2022_pingtan-syq.txt"),
        ("f2021_2024_pingtan-syq.txt", "f2021_2025_pingtan-syq.txt"),
        ("old_2011_pingtan-xian.txt", "old_2012_pingtan-xian.txt"),
        ("old_2012_pingtan-xian.txt", "old_2013_pingtan-xian.txt"),
        ("old_2014_pingtan-syq.txt", "old_2015_pingtan-syq.txt"),
        ("old_2017_pingtan-syq.txt", "old_2018_pingtan-syq.txt"),
    ] {
        let c = check_with_previous(
            &common::read(&format!("corpus/{this}")),
            Some(&common::read(&format!("corpus/{last}"))),
        );
        let cross: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str().starts_with("cross-year"))
            .collect();
        assert!(cross.is_empty(), "{last} → {this}: {cross:#?}");
    }
}

#[test]
fn a_carry_over_that_does_not_connect_is_found() {
    // 平潭 2022 carries over 1 application (自然人); a 2021 report that carried forward none.
    let last = common::read("seeds/002_3fca4d743e11907b.txt").replace("2020", "2021");
    let c = check_with_previous(
        &common::read("corpus/f2021_2022_pingtan-syq.txt"),
        Some(&last),
    );
    let carry = with(&c, Code::CrossYearCarry);
    let cells: Vec<&str> = carry.iter().map(|d| d.cells[0].as_ref()).collect();
    assert_eq!(
        cells,
        ["t3.carried_over.natural_person", "t3.carried_over.total"]
    );
    assert_eq!(values(carry[0]), ("0", "1"));
}

#[test]
fn a_report_of_another_year_is_not_compared() {
    let c = check_with_previous(
        &common::read("corpus/f2021_2024_pingtan-syq.txt"),
        Some(&common::read("corpus/f2021_2022_pingtan-syq.txt")),
    );
    assert_eq!(with(&c, Code::CrossYearMismatch).len(), 1);
    assert!(with(&c, Code::CrossYearCarry).is_empty());
}

// Recorded in the notes but not found, and why:
// - Shanghai "占33.9%" fits neither 258/805 nor 275/805: percentages in the prose are not
//   compared (their base is not stated).
// - 平潭县 2012 "县直2475条+乡镇1503条" = 3978 labelled 主动公开 (= 2026): the sentence is scoped
//   to 县直/乡镇 and its total is not stated next to it.
// - 平潭 2016 → 2017 历年累计 re-based (85376 + 2122 ≠ 10037): the 2016 report is not in the
//   corpus, and 2017's 主动公开文件数 cells are glued-ambiguous (unread); the rule is tested
//   on synthetic reports in `cross_year.rs`.
