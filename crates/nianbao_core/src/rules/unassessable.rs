//! Relations that cannot be checked because cells are missing: one statement per relation
//! family and table, naming the missing cells — never a silent pass, never a blank read as 0.

use crate::naming::{self, CellId, Table};
use crate::relations::instance::{Instance, Outcome};
use super::{rule_doc, Cx, Rule, Run};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::relations::RelationId;
use crate::report::{path_order, Span};
use crate::join::Joined;

crate::codes::declare_codes! {
    /// A relation that cannot be checked because some of its cells are missing.
    RelationUnassessable = "relation-unassessable", Info, "有单元格缺失，部分勾稽关系无法核对";
}

rule_doc! {
    DOC: RelationUnassessable,
    formula: "任一勾稽关系中有单元格为空白、缺失或为“/”时，该关系无法核对",
    explanation: "空白、“/”和 0 是三回事。某个勾稽关系用到的单元格只要有一个没有读到数字（空白、被截断、数字粘连无法拆分或填了“/”），这个关系就既不能判为成立，也不能判为不成立，本工具不会把空白当作 0 来计算。这里按关系类别逐表列出无法核对的关系和缺失的单元格；如果把空白都按 0 计算会出现不平衡，会在说明中一并给出，方便判断应填的数字。整张表缺失时只报告“统计表缺失”，不再重复。",
    example: "表四“行政复议”五个单元格都是空白：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 无法核对。",
}

/// This check in the registry ([`super::RULES`]).
pub const RULE: Rule = Rule {
    docs: &[DOC],
    run: Run::Gaps(report),
};

/// The relation family's formula, as the messages quote it.
pub fn formula(id: RelationId) -> &'static str {
    match id {
        RelationId::T3Identity => "一 + 二 = （七）总计 + 四",
        RelationId::T3RowTotal => "总计 = 六类申请人之和",
        RelationId::T3ResultTotal => "（七）总计 = 各项办理结果之和",
        RelationId::T4GroupTotal => "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        RelationId::OldPartsSum => "合计 = 各分项之和",
        // Quoted by the messages (统计表“…”在…): its own quotes are the inner kind.
        RelationId::OldPartsAtMost => "‘其中’各项之和 ≤ 所属的行",
        RelationId::OldCumulative => "历年累计 ≥ 本年度",
    }
}

/// What a place of the family is counted in ("列", "行"); empty when the place names itself.
fn unit(id: RelationId) -> &'static str {
    match id {
        RelationId::T3Identity | RelationId::T3ResultTotal => "列",
        RelationId::T3RowTotal => "行",
        _ => "",
    }
}

/// The table a relation family is in: 表三, 表四 or (`None`) a pre-2019 table.
fn table_of(id: RelationId) -> Option<Table> {
    match id {
        RelationId::T3Identity | RelationId::T3RowTotal | RelationId::T3ResultTotal => {
            Some(Table::T3)
        }
        RelationId::T4GroupTotal => Some(Table::T4),
        _ => None,
    }
}

/// Whether the cell at `path` is in the family's table.
fn in_table(path: &str, table: Option<Table>) -> bool {
    match CellId::parse(path) {
        Some(CellId::Old { .. }) => table.is_none(),
        Some(id) => table.is_some() && id.table() == table,
        None => false,
    }
}

fn table_name(table: Option<Table>) -> &'static str {
    table.map_or("统计表", Table::name)
}

struct Family<'a> {
    id: RelationId,
    /// `missing` sorted, to keep it free of repeats (a hash set would bring SipHash and a hashbrown
    /// copy into the wasm).
    seen: Vec<&'a str>,
    places: Vec<String>,
    missing: Vec<String>,
    span: Option<Span>,
    zero_notes: Vec<String>,
}

/// Collects the relations that cannot be assessed while the rules run; the work of
/// describing them is done in [`Gaps::report`], only for tables that were read at all.
/// Reports the relations the relation checks could not assess ([`Gaps::report`]).
pub fn report(gaps: Gaps, cx: &Cx, out: &mut Vec<Diagnostic>) {
    gaps.report(cx, out);
}

#[derive(Default)]
pub struct Gaps<'i, 'a> {
    pending: Vec<(&'i Instance<'a>, String)>,
}

impl<'i, 'a> Gaps<'i, 'a> {
    /// Records one relation that is `Unknown`; `place` names where it is ("自然人列").
    pub fn add(&mut self, instance: &'i Instance<'a>, place: String) {
        self.pending.push((instance, place));
    }

    /// The values of both sides when `instance` is broken. A relation that holds gives `None`;
    /// one that cannot be assessed gives `None` and is recorded under `place()` (named only
    /// then: most relations hold).
    pub fn broken(
        &mut self,
        instance: &'i Instance<'a>,
        place: impl FnOnce() -> String,
    ) -> Option<(i64, i64)> {
        match instance.outcome() {
            Outcome::Holds => None,
            Outcome::Unknown { .. } => {
                self.add(instance, place());
                None
            }
            Outcome::Fails { lhs, rhs } | Outcome::FailsAnyway { lhs, rhs } => Some((lhs, rhs)),
        }
    }

    /// One info diagnostic per family, unless the whole table is missing (the parse already
    /// says that table cannot be checked).
    pub fn report(self, cx: &Cx, out: &mut Vec<Diagnostic>) {
        let mut families = Families::default();
        let mut read: Vec<(Option<Table>, bool)> = Vec::new();
        for (instance, place) in self.pending {
            let prefix = table_of(instance.id);
            let any_read = match read.iter().find(|(p, _)| *p == prefix) {
                Some(&(_, r)) => r,
                None => {
                    let r = cx
                        .report
                        .cells
                        .iter()
                        .any(|(p, c)| in_table(p, prefix) && c.is_some());
                    read.push((prefix, r));
                    r
                }
            };
            if any_read {
                families.add(instance, place);
            }
        }
        families.report(cx, out);
    }
}

#[derive(Default)]
struct Families<'a> {
    families: Vec<Family<'a>>,
}

impl<'a> Families<'a> {
    fn add(&mut self, instance: &Instance<'a>, place: String) {
        if !matches!(instance.outcome(), Outcome::Unknown { .. }) {
            return;
        }
        let family = match self.families.iter().position(|f| f.id == instance.id) {
            Some(i) => &mut self.families[i],
            None => {
                self.families.push(Family {
                    id: instance.id,
                    seen: Vec::new(),
                    places: Vec::new(),
                    missing: Vec::new(),
                    span: None,
                    zero_notes: Vec::new(),
                });
                self.families.last_mut().expect("just pushed")
            }
        };
        for path in instance.missing() {
            if let Err(at) = family.seen.binary_search_by(|p| path_order(p, path)) {
                family.seen.insert(at, path);
                family.missing.push(path.to_string());
            }
        }
        if family.span.is_none() {
            family.span = instance.terms().find_map(|t| t.cell.map(|c| c.span));
        }
        // What the relation would say if the blanks were 0 — stated, never concluded.
        let zero = |terms: &[crate::relations::instance::Term]| -> i64 {
            terms.iter().filter_map(|t| t.count()).sum()
        };
        let (l, r) = (zero(&instance.lhs), zero(&instance.rhs));
        let fails_if_zero = match instance.kind {
            crate::relations::Kind::Equal => l != r,
            crate::relations::Kind::AtLeast => l < r,
        };
        if fails_if_zero && !instance.incomplete {
            family
                .zero_notes
                .push(format!("{place}{}：{l} 与 {r} 不符", unit(instance.id)));
        }
        family.places.push(place);
    }

    fn report(self, cx: &Cx, out: &mut Vec<Diagnostic>) {
        for family in self.families {
            let prefix = table_of(family.id);
            let span = family.span.unwrap_or_else(|| {
                cx.report
                    .cells
                    .iter()
                    .find(|(p, c)| in_table(p, prefix) && c.is_some())
                    .and_then(|(_, c)| c.map(|c| c.span))
                    .unwrap_or_default()
            });
            // Only the names shown are worth building.
            let mut names: Vec<String> = family
                .missing
                .iter()
                .take(8)
                .map(|p| naming::full(cx.report, p))
                .collect();
            if family.missing.len() > 8 {
                names.resize(family.missing.len(), String::new());
            }
            let unit = unit(family.id);
            let places = if family.places.len() > 4 {
                format!(
                    "{} 等 {} {unit}",
                    family.places[..4].joined("、"),
                    family.places.len()
                )
            } else {
                format!("{}{unit}", family.places.joined("、"))
            };
            let message = format!(
                "{}“{}”在{}无法核对：用到的单元格中有 {} 个没有读到数字（空白不按 0 计）。",
                table_name(prefix),
                formula(family.id),
                places,
                family.missing.len()
            );
            let mut d = Diagnostic::new(Code::RelationUnassessable, span, message)
                .with_cells(family.missing.iter().cloned())
                .with_note(format!("缺失：{}", naming::list(&names, 8)));
            if !family.zero_notes.is_empty() {
                d = d.with_note(format!(
                    "若把这些空白都按 0 计算，以下关系不成立，说明空白处应有数字：{}",
                    naming::list(&family.zero_notes, 6)
                ));
            }
            out.push(d.with_help("请在原表中补齐缺失的数字（确为 0 的请填 0），再重新核对。"));
        }
    }
}
