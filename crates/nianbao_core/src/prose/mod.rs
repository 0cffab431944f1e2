//! Numbers stated in the prose compared with the table cells they describe (format-spec §4.1
//! X5), claims about the cases ("均获维持") compared with table 四, and totals stated in the
//! prose compared with the items the prose lists. False alarms are worse than misses: a
//! number is compared only when its sentence leaves no doubt what it counts
//! ([`facts`]), and a table figure with blank cells only disagrees when the cells that were
//! read already exceed the prose.

pub mod facts;
pub mod sums;
pub mod text;

use facts::{Claim, ClaimKind, Fact, Topic, Verb};
use text::Stream;

use crate::codes::rule_doc;
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::naming::{self, CellId};
use crate::report::{Format, Report, Span};
use crate::vocab::national::{t3_data_rows, T3_COLUMNS};
use crate::Repair;

crate::codes::declare_codes! {
    /// A number stated in the prose differs from the table cell(s) it describes.
    ProseTable = "prose-table", Warning, "正文中的数字与统计表不一致";
    /// A total stated in the prose differs from the sum of the items the prose lists.
    ProseSum = "prose-sum", Warning, "正文中列举的分项之和与所述总数不一致";
}

rule_doc! {
    DOC: ProseTable,
    formula: "正文所述件数 = 统计表中对应的单元格（或几行之和）",
    explanation: "年度报告正文常复述统计表中的数字，如“本年新收政府信息公开申请N件”“上年结转N件”“办结N件”“予以公开N件”“不予公开N件”“结转下年度继续办理N件”“行政复议N件”“全年公布行政规范性文件N件”。正文与表格说法不一，读者无从判断哪个是真的。只有句子明确说的是表格中那一项时才比较：带“市政府及部门”“部门规范性文件”等限定范围的说法不比较；“予以公开N件”既可指（一）予以公开，也常把（二）部分公开算在内，两种都视为一致；“收到申请N件”可含上年结转。表格中有空白单元格时，只有已读到的数已经超过正文所说的数才提示。正文说复议、诉讼“均获维持”“均已结案”的，与表四的结果维持、尚未审结核对。",
    example: "正文“我市全年累计公布行政规范性文件11件”，表二规范性文件本年新公开数量为 15。",
}

rule_doc! {
    DOC_SUM: ProseSum,
    formula: "正文所述总数 = 正文随后列举的各分项之和（分项以“其中”引出、或以“其他…”结尾而穷尽时）",
    explanation: "正文常先说一个总数，再分项列举，如“政府信息总数3978条，其中主动公开2026条，依申请公开46条，不予公开1854条”，或“主动公开政府信息的主要类别有：机构职能类594条，……，其他应主动公开的信息946条”。分项已经穷尽（用“其中”逐项列出，或以“其他”收尾）时，分项之和应等于总数。",
    example: "2026 + 46 + 1854 = 3926，而正文所说总数为 3978。",
}

/// The prose checks' documentation, for the catalogue (they run in their own stage).
pub const DOCS: &[crate::codes::RuleDoc] = &[DOC, DOC_SUM];

/// A table figure: the sum of some cells, read as far as possible.
struct Figure {
    /// What the figure is, in words ("表三（一）予以公开与（二）部分公开之和").
    words: String,
    /// The cells summed (a row's 总计, or its six applicant cells when the 总计 is blank).
    cells: Vec<String>,
    /// Per row: (row words, value read, complete).
    rows: Vec<(String, i64, bool)>,
}

impl Figure {
    fn known(&self) -> i64 {
        self.rows.iter().map(|r| r.1).sum()
    }

    fn complete(&self) -> bool {
        self.rows.iter().all(|r| r.2)
    }

    /// Consistent with a stated value (possibly, when cells are blank).
    fn allows(&self, stated: i64) -> bool {
        if self.complete() {
            self.known() == stated
        } else {
            self.known() <= stated
        }
    }
}

fn count(report: &Report, path: &str) -> Option<i64> {
    report.cells.get(path).and_then(|c| c.value.as_count())
}

/// A table 三 row's total: the 总计 cell, or when it is blank the sum of the six applicant
/// cells (complete only if all six were read).
fn t3_row(report: &Report, key: &str, cells: &mut Vec<String>) -> (String, i64, bool) {
    let short = t3_data_rows(report.format)
        .find(|r| r.key == key)
        .map_or(key, |r| r.short)
        .to_string();
    let total = CellId::t3(key, "total").to_string();
    if let Some(v) = count(report, &total) {
        cells.push(total);
        return (short, v, true);
    }
    let mut sum = 0;
    let mut complete = true;
    for column in &T3_COLUMNS[..6] {
        let path = CellId::t3(key, column.key).to_string();
        match count(report, &path) {
            Some(v) => sum += v,
            None => complete = false,
        }
        cells.push(path);
    }
    cells.push(total);
    (short, sum, complete)
}

fn t3_figure(report: &Report, words: &str, keys: &[&str]) -> Figure {
    let mut cells = Vec::new();
    let rows = keys.iter().map(|k| t3_row(report, k, &mut cells)).collect();
    Figure {
        words: words.to_string(),
        cells,
        rows,
    }
}

fn cells_figure(report: &Report, words: &str, paths: &[String]) -> Figure {
    let rows = paths
        .iter()
        .map(|p| {
            let name = naming::full(report, p);
            match count(report, p) {
                Some(v) => (name, v, true),
                None => (name, 0, false),
            }
        })
        .collect();
    Figure {
        words: words.to_string(),
        cells: paths.to_vec(),
        rows,
    }
}

fn keys_with_prefix(format: Format, prefix: &str) -> Vec<&'static str> {
    t3_data_rows(format)
        .map(|r| r.key)
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// The table figures a topic may mean; the prose agrees if it matches any of them.
fn figures(report: &Report, topic: &Topic) -> Vec<Figure> {
    let f = report.format;
    let t4 = |group: &str| CellId::t4(group, "total").to_string();
    match topic {
        Topic::New { handled } => {
            let mut out = vec![
                t3_figure(report, "表三一、本年新收", &["new"]),
                t3_figure(
                    report,
                    "表三一、本年新收与二、上年结转之和",
                    &["new", "carried_over"],
                ),
            ];
            if *handled {
                out.push(t3_figure(report, "表三（七）总计", &["total"]));
            }
            out
        }
        Topic::CarriedOver => vec![t3_figure(report, "表三二、上年结转", &["carried_over"])],
        Topic::Completed => vec![t3_figure(report, "表三（七）总计", &["total"])],
        Topic::Granted => vec![
            t3_figure(report, "表三（一）予以公开", &["granted"]),
            t3_figure(
                report,
                "表三（一）予以公开与（二）部分公开之和",
                &["granted", "partial"],
            ),
        ],
        Topic::GrantedPartial => vec![t3_figure(
            report,
            "表三（一）予以公开与（二）部分公开之和",
            &["granted", "partial"],
        )],
        Topic::Partial => vec![t3_figure(report, "表三（二）部分公开", &["partial"])],
        Topic::Denied => vec![t3_figure(
            report,
            "表三（三）不予公开各行之和",
            &keys_with_prefix(f, "denied."),
        )],
        Topic::Unavailable => vec![t3_figure(
            report,
            "表三（四）无法提供各行之和",
            &keys_with_prefix(f, "unavailable."),
        )],
        Topic::NotProcessed => vec![t3_figure(
            report,
            "表三（五）不予处理各行之和",
            &keys_with_prefix(f, "not_processed."),
        )],
        Topic::Other => vec![t3_figure(
            report,
            "表三（六）其他处理",
            &keys_with_prefix(f, "other"),
        )],
        Topic::CarriedForward => vec![t3_figure(
            report,
            "表三四、结转下年度继续办理",
            &["carried_forward"],
        )],
        Topic::Review => vec![cells_figure(report, "表四行政复议·总计", &[t4("review")])],
        Topic::Litigation => vec![
            cells_figure(
                report,
                "表四两类行政诉讼的总计之和",
                &[t4("litigation_direct"), t4("litigation_after_review")],
            ),
            cells_figure(
                report,
                "表四行政诉讼（未经复议直接起诉）·总计",
                &[t4("litigation_direct")],
            ),
            cells_figure(
                report,
                "表四行政诉讼（复议后起诉）·总计",
                &[t4("litigation_after_review")],
            ),
        ],
        Topic::LitigationDirect => vec![cells_figure(
            report,
            "表四行政诉讼（未经复议直接起诉）·总计",
            &[t4("litigation_direct")],
        )],
        Topic::LitigationAfter => vec![cells_figure(
            report,
            "表四行政诉讼（复议后起诉）·总计",
            &[t4("litigation_after_review")],
        )],
        Topic::T2 { row, verb } => {
            let columns: &[&str] = match (f, verb) {
                (Format::F2019, Verb::Made) => &["made"],
                (Format::F2019, Verb::Published) => &["published", "total"],
                (Format::F2021, Verb::Made) => &["issued"],
                (Format::F2021, Verb::Repealed) => &["repealed"],
                (Format::F2021, Verb::InForce) => &["in_force"],
                _ => &[],
            };
            columns
                .iter()
                .map(|c| {
                    let path = CellId::t2(row, c).to_string();
                    let words = naming::full(report, &path);
                    cells_figure(report, &words, &[path])
                })
                .collect()
        }
        Topic::Old { path } => {
            let words = naming::full(report, path);
            vec![cells_figure(report, &words, std::slice::from_ref(path))]
        }
    }
}

/// Values the prose states for single cells, to order equally small repairs.
pub fn evidence(prose: &Prose) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for (fact, figures) in prose.facts.iter().zip(&prose.figures) {
        // Only unambiguous statements about one printed cell.
        if let [figure] = figures.as_slice() {
            if let [cell] = figure.cells.as_slice() {
                out.push((cell.clone(), fact.value));
            }
        }
    }
    out
}

/// The prose read once: its normalized stream, the statements found in it and, for each
/// fact, the table figures it may mean.
pub struct Prose<'a> {
    pub stream: Stream<'a>,
    pub facts: Vec<Fact>,
    pub claims: Vec<Claim>,
    figures: Vec<Vec<Figure>>,
}

/// Reads the prose once; the facts feed the repair order and then [`check`].
pub fn read<'a>(text: &'a str, report: &Report) -> Prose<'a> {
    let stream = Stream::new(text, report.old_table);
    let (facts, claims) = if report.cells.read_count() == 0 {
        (Vec::new(), Vec::new())
    } else {
        facts::read(&stream, report)
    };
    let figures = facts.iter().map(|f| figures(report, &f.topic)).collect();
    Prose {
        stream,
        facts,
        claims,
        figures,
    }
}

/// The report with a repair's values in place.
fn apply(report: &Report, repair: &Repair) -> Report {
    let mut out = report.clone();
    for (path, value) in &repair.changes {
        let (Some(cell), Ok(v)) = (report.cells.get(path), value.parse()) else {
            continue;
        };
        let mut cell = cell.clone();
        cell.value = crate::report::Value::Count(v);
        out.cells.set(path, Some(cell));
    }
    out
}

/// A prose statement that agrees with the first repair: evidence [`crate::findings`] adds to
/// the errors that repair resolves, instead of a second warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Support {
    /// The cells the statement describes.
    pub cells: Vec<String>,
    /// "正文“…”与建议修改后的数字一致。"
    pub note: String,
    /// Where the statement is, and its label ("正文：…").
    pub span: Span,
    pub label: String,
}

/// Compares the facts and claims with the tables; the disagreements go to `out`. A statement
/// that disagrees with a cell the first repair changes, but agrees with the repaired value, is
/// returned as [`Support`] for the errors it explains instead of being reported again.
pub fn check(
    text: &str,
    report: &Report,
    prose: &Prose,
    first_repair: Option<&Repair>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Support> {
    let mut support = Vec::new();
    let (facts, claims) = (&prose.facts, &prose.claims);
    for (fact, candidates) in facts.iter().zip(&prose.figures) {
        if candidates.is_empty() || candidates.iter().any(|f| f.allows(fact.value)) {
            continue;
        }
        let main = &candidates[0];
        // Supports the first repair: say so in the errors it fixes.
        if let Some(repair) = first_repair {
            let touches = repair
                .changes
                .iter()
                .any(|(p, _)| main.cells.iter().any(|c| c == p));
            let repaired = touches.then(|| apply(report, repair));
            let agrees = repaired.as_ref().is_some_and(|r| {
                let after = &figures(r, &fact.topic)[0];
                after.complete() && after.known() == fact.value
            });
            if agrees {
                support.push(Support {
                    cells: main.cells.clone(),
                    note: format!("正文“{}”与建议修改后的数字一致。", fact.words),
                    span: fact.phrase,
                    label: format!("正文：{}", fact.words),
                });
                continue;
            }
        }
        out.push(mismatch(text, report, fact, candidates));
    }
    for claim in claims {
        if let Some(d) = claim_mismatch(report, facts, claim) {
            out.push(d);
        }
    }
    support
}

fn figure_value(figure: &Figure) -> String {
    if figure.complete() {
        figure.known().to_string()
    } else {
        format!("至少 {}", figure.known())
    }
}

fn mismatch(text: &str, report: &Report, fact: &Fact, figures: &[Figure]) -> Diagnostic {
    let main = &figures[0];
    let primary = main
        .cells
        .iter()
        .filter_map(|p| report.cells.get(p))
        .map(|c| c.span)
        .next()
        .unwrap_or(fact.number);
    let shown = figure_value(main);
    // "之和至少为 337", not "之和为 至少 337".
    let is = if main.complete() { "为" } else { "至少为" };
    let message = format!(
        "正文说“{}”，但{}{is} {}。",
        crate::naming::quotable(&fact.words),
        main.words,
        main.known()
    );
    let mut d = Diagnostic::new(Code::ProseTable, primary, message)
        .with_cells(main.cells.iter().cloned())
        .with_values(shown.clone(), fact.value.to_string())
        .with_label(fact.phrase, format!("正文：{}", fact.words));
    let _ = text;
    if main.rows.len() > 1 {
        let parts: Vec<String> = main
            .rows
            .iter()
            .map(|(words, v, complete)| {
                if *complete {
                    format!("{words} {v}")
                } else {
                    format!("{words} 至少 {v}")
                }
            })
            .collect();
        d = d.with_note(format!("{} = {shown}", parts.joined(" + ")));
        if let Some((words, _, _)) = main.rows.iter().find(|r| r.1 == fact.value && r.1 != 0) {
            d = d.with_note(format!("正文的 {} 只与其中“{words}”一行相同。", fact.value));
        }
    }
    if !main.complete() {
        d = d.with_note(
            "表中有空白单元格；空白不按 0 计，但已读到的数已经超过正文所说的数。".to_string(),
        );
    }
    if figures.len() > 1 {
        let others: Vec<String> = figures[1..]
            .iter()
            .map(|f| format!("{} {}", f.words, figure_value(f)))
            .collect();
        d = d.with_note(format!("也不等于{}。", others.joined("、")));
    }
    d.with_help("请核对正文与统计表，改正其中错误的一处。")
}

/// "均获维持"/"均已结案" against table 四, for the case kinds the sentence counts.
fn claim_mismatch(report: &Report, facts: &[Fact], claim: &Claim) -> Option<Diagnostic> {
    let mut groups: Vec<(&str, &str)> = Vec::new();
    for fact in facts.iter().filter(|f| f.sentence == claim.sentence) {
        let add: &[(&str, &str)] = match fact.topic {
            Topic::Review => &[("review", "行政复议")],
            Topic::Litigation => &[
                ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
                ("litigation_after_review", "行政诉讼（复议后起诉）"),
            ],
            Topic::LitigationDirect => &[("litigation_direct", "行政诉讼（未经复议直接起诉）")],
            Topic::LitigationAfter => &[("litigation_after_review", "行政诉讼（复议后起诉）")],
            _ => &[],
        };
        for g in add {
            if !groups.contains(g) {
                groups.push(*g);
            }
        }
    }
    let mut broken = Vec::new();
    let mut cells = Vec::new();
    let mut first_span: Option<Span> = None;
    for (group, words) in groups {
        let get = |c: &str| count(report, &CellId::t4(group, c).to_string());
        let (upheld, pending, total) = (get("upheld"), get("pending"), get("total"));
        let problem = match claim.kind {
            ClaimKind::AllUpheld => match (upheld, total) {
                (Some(u), Some(t)) if u != t => Some(format!(
                    "{words}总计 {t} 件，结果维持 {u} 件{}",
                    match pending {
                        Some(p) if p > 0 => format!("、尚未审结 {p} 件"),
                        _ => String::new(),
                    }
                )),
                _ => None,
            },
            ClaimKind::AllConcluded => match pending {
                Some(p) if p > 0 => Some(format!("{words}尚未审结 {p} 件")),
                _ => None,
            },
        };
        if let Some(problem) = problem {
            broken.push(problem);
            let column = match claim.kind {
                ClaimKind::AllUpheld => "upheld",
                ClaimKind::AllConcluded => "pending",
            };
            let path = CellId::t4(group, column).to_string();
            if first_span.is_none() {
                first_span = report.cells.get(&path).map(|c| c.span);
            }
            cells.push(path);
            cells.push(CellId::t4(group, "total").to_string());
        }
    }
    if broken.is_empty() {
        return None;
    }
    let said = match claim.kind {
        ClaimKind::AllUpheld => "均获维持",
        ClaimKind::AllConcluded => "均已结案",
    };
    Some(
        Diagnostic::new(
            Code::ProseTable,
            first_span.unwrap_or(claim.span),
            format!(
                "正文说复议、诉讼案件“{said}”，但表四中{}。",
                broken.joined("；")
            ),
        )
        .with_cells(cells)
        .with_label(claim.span, format!("正文：{said}"))
        .with_help("请核对正文的说法与表四的结果维持、尚未审结数。"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::testing;

    /// Seed 003's statistics table is table, not prose: every value and label is inside
    /// `old_table`, which the prose stream leaves out, and the prose before it is still read.
    #[test]
    fn the_old_table_is_not_read_as_prose() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seeds");
        let seed = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("003"))
            .unwrap();
        let text = std::fs::read_to_string(seed).unwrap();
        let report = crate::parse::parse(&text).report;
        let table = report.old_table.expect("seed 003 has a statistics table");
        let mut values = 0;
        for (id, _, cell) in report.cells.entries() {
            if let (CellId::Old { .. }, Some(cell)) = (id, cell) {
                assert!(table.start <= cell.span.start && cell.span.end <= table.end);
                values += 1;
            }
        }
        assert!(values > 20, "{values}");
        let prose = read(&text, &report);
        let inside = |c: &text::Ch| table.range().contains(&(c.start as usize));
        assert!(!prose.stream.chars.iter().any(inside));
        assert!(prose.stream.chars.len() > 1000);
    }

    fn run(text: &str, report: &Report) -> Vec<Diagnostic> {
        let prose = read(text, report);
        let mut out = Vec::new();
        check(text, report, &prose, None, &mut out);
        out
    }

    #[test]
    fn agreeing_prose_is_quiet() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.new.natural_person", 1);
        testing::set(&mut report, "t3.new.total", 1);
        testing::set(&mut report, "t3.partial.natural_person", 1);
        testing::set(&mut report, "t3.partial.total", 1);
        testing::set(&mut report, "t3.total.natural_person", 1);
        testing::set(&mut report, "t3.total.total", 1);
        let text = "共收到申请1件，办结1件，其中予以公开1件（予以部分公开），不予公开0件。";
        assert!(run(text, &report).is_empty());
    }

    #[test]
    fn a_different_number_is_a_warning_with_both_locations() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t2.normative_docs.published", 15);
        testing::set(&mut report, "t2.normative_docs.total", 15);
        let text = "我市全年累计公布行政规范性文件11件。";
        let out = run(text, &report);
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.code, Code::ProseTable);
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.cells[0], "t2.normative_docs.published");
        assert_eq!(
            (d.expected.as_deref(), d.actual.as_deref()),
            (Some("15"), Some("11"))
        );
        assert_eq!(
            &text[d.labels[0].span.range()],
            "我市全年累计公布行政规范性文件11件"
        );
    }

    #[test]
    fn blank_totals_fall_back_to_the_applicant_cells() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t3.granted.natural_person", 258);
        testing::set(&mut report, "t3.granted.commercial", 12);
        testing::blank(&mut report, "t3.granted.total");
        testing::blank(&mut report, "t3.granted.research");
        testing::set(&mut report, "t3.partial.natural_person", 3);
        testing::blank(&mut report, "t3.partial.total");
        let out = run("予以公开及部分公开258件。", &report);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].expected.as_deref(), Some("至少 273"));
        // Blanks could hold more, so a larger prose number is not a finding.
        assert!(run("予以公开及部分公开280件。", &report).is_empty());
    }

    #[test]
    fn all_upheld_is_checked_against_table_four() {
        let mut report = testing::national(Format::F2019);
        testing::set(&mut report, "t4.review.upheld", 5);
        testing::set(&mut report, "t4.review.pending", 2);
        testing::set(&mut report, "t4.review.total", 7);
        let out = run("信息公开类行政复议7件，均获维持。", &report);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("结果维持 5 件、尚未审结 2 件"));
        testing::set(&mut report, "t4.review.upheld", 7);
        testing::set(&mut report, "t4.review.pending", 0);
        assert!(run("信息公开类行政复议7件，均获维持。", &report).is_empty());
    }
}
