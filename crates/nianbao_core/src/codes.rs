//! The registry of every diagnostic code: its stable name, default severity and one-line
//! zh-CN summary. This is the only place codes are defined; the rule catalogue
//! (`docs/rules.md`) and the page's rule help are generated from it. A check's longer
//! documentation ([`RuleDoc`]) is written in the check's own file with [`rule_doc!`].
//! Nothing here depends on the rest of the crate.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// User documentation of one code, written once in the file of the check that reports it.
#[derive(Clone, Copy, Debug)]
pub struct RuleDoc {
    pub code: Code,
    /// The relation checked, e.g. "一 + 二 = （七）总计 + 四（每一列）".
    pub formula: &'static str,
    /// What it checks and why it matters, in zh-CN.
    pub explanation: &'static str,
    /// A short worked example.
    pub example: &'static str,
}

/// Declares a check's documentation: one `const` whose rustdoc is the same text the page shows.
macro_rules! rule_doc {
    ($name:ident: $code:ident, formula: $formula:literal, explanation: $explanation:literal, example: $example:literal $(,)?) => {
        #[doc = concat!("公式：", $formula, "\n\n", $explanation, "\n\n例：", $example)]
        pub const $name: $crate::codes::RuleDoc = $crate::codes::RuleDoc {
            code: $crate::codes::Code::$code,
            formula: $formula,
            explanation: $explanation,
            example: $example,
        };
    };
}
pub(crate) use rule_doc;

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $summary:literal; )*) => {
        /// A diagnostic code. The string form ([`Code::as_str`]) is part of the public contract.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// One zh-CN line saying what the code means.
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name { $( $name => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    // ── Reading the text (parse findings) ──────────────────────────────────────────────
    /// A table the format requires was not found in the text.
    TableMissing = "table-missing", Warning, "统计表缺失：文本中没有找到该表";
    /// A table row was not found (its label is absent).
    RowMissing = "row-missing", Warning, "表格行缺失：没有找到该行的标签";
    /// A row has fewer numbers than the format has cells.
    RowShort = "row-short", Warning, "行内数字少于应有的单元格数";
    /// A row has more numbers than the format has cells.
    RowLong = "row-long", Warning, "行内数字多于应有的单元格数";
    /// Cells printed empty (no number, no placeholder).
    CellsBlank = "cells-blank", Warning, "单元格为空：既没有数字也没有“/”等占位符";
    /// Labels printed with no numbers at all.
    NoNumbers = "no-numbers", Warning, "表格只有标签、没有数字";
    /// The text stops in the middle of a table.
    Truncated = "truncated", Warning, "文本不完整：在表格中途结束";
    /// Digits printed without separators that can be split more than one way.
    GluedAmbiguous = "glued-ambiguous", Warning, "数字粘连且拆分方式不唯一，无法确定各单元格的值";
    /// Digits printed without separators, split into cells using the table's own relations.
    GluedSplit = "glued-split", Info, "数字粘连，已按表格勾稽关系唯一拆分";
    /// Glued digits that no reading makes balance; the reading breaking fewest relations is used.
    GluedGuess = "glued-guess", Warning, "数字粘连且任何拆分都不平衡，已采用矛盾最少的拆分，请核对原文";
    /// A run of numbers whose rows are not tied to their labels by position (PDF reading order).
    RowsUncertain = "rows-uncertain", Warning, "数字与行标签的对应关系不确定，这些行记为缺失";
    /// Labels printed apart from their numbers, matched in label order and confirmed by each row's total.
    RowsByOrder = "rows-by-order", Info, "行标签与数字分开印出，已按标签顺序对应并由每行总计核实";
    /// A number that cannot be read (too long, malformed).
    NumberUnreadable = "number-unreadable", Warning, "无法识别的数字";
    /// No statistics table could be identified at all.
    FormatUnknown = "format-unknown", Warning, "未能识别统计表格式";
    /// An amount of money printed without a unit.
    MoneyUnit = "money-unit", Info, "金额未注明单位";

    // ── Balance rules (勾稽关系) over the tables ─────────────────────────────────────────
    /// R1: 一 + 二 = （七）总计 + 四, per column of table 三 (printed in the official table).
    T3Identity = "t3-identity", Error, "表三：第一项加第二项之和，不等于第三项加第四项之和";
    /// R2: each row's 总计 = the six applicant columns.
    T3RowTotal = "t3-row-total", Error, "表三：某行的总计不等于各申请人列之和";
    /// R3: （七）总计 = the sum of every result row, per column.
    T3ResultTotal = "t3-result-total", Error, "表三：（七）总计不等于各项办理结果之和";
    /// R4: table 四 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group.
    T4GroupTotal = "t4-group-total", Error, "表四：总计不等于结果维持、结果纠正、其他结果、尚未审结之和";
    /// R5: a count (or 2021 amount) that must not be negative is negative.
    NegativeValue = "negative-value", Error, "不应为负数的单元格是负数";
    /// R7: 2019 table 二 对外公开总数量 < 本年新公开数量.
    T2TotalBelowPublished = "t2-total-below-published", Warning, "表二：对外公开总数量小于本年新公开数量";
    /// 2019 table 二: 上一年项目数量 + 本年增/减 < 0.
    T2ItemsNegative = "t2-items-negative", Warning, "表二：上一年项目数量加本年增/减后小于 0";
    /// Pre-2019 table: a parent row ≠ the sum of its exhaustive parts.
    OldPartsSum = "old-parts-sum", Error, "统计表：合计行不等于其分项之和";
    /// Pre-2019 table: the "其中" parts of a row add up to more than the row.
    OldPartsExceed = "old-parts-exceed", Error, "统计表：“其中”各项之和大于所属的行";
    /// Pre-2019 table: 历年累计 < the year's value.
    OldCumulativeBelow = "old-cumulative-below", Error, "统计表：历年累计小于本年度数";
    /// A percentage in a 数量/百分比 table is not its count ÷ the row total.
    PercentMismatch = "percent-mismatch", Error, "百分比与数量不符";
    /// A percentage off by 0.01 so that the row sums to 100.00%.
    PercentRounding = "percent-rounding", Info, "百分比为凑足 100% 调整了 0.01";
    /// A relation that cannot be checked because some of its cells are missing.
    RelationUnassessable = "relation-unassessable", Info, "有单元格缺失，部分勾稽关系无法核对";

    // ── Structure of the report ────────────────────────────────────────────────────────
    /// One of the six parts of a national-format report is missing.
    SectionMissing = "section-missing", Warning, "报告缺少规定的部分";
    /// The table format does not match the report year.
    FormatYear = "format-year", Warning, "统计表格式与报告年度不符";
    /// The report cites one format notice but uses the other format's tables.
    FormatNotice = "format-notice", Info, "引用的年报格式通知与实际使用的表格不一致";
    /// The year in the title and the statistics period differ.
    YearMismatch = "year-mismatch", Warning, "标题中的年度与统计期限的年度不一致";
    /// A statistics sentence in the prose names another year.
    ProseYear = "prose-year", Info, "正文中统计数据所属的年份与报告年度不一致";

    // ── Prose against the tables ───────────────────────────────────────────────────────
    /// A number stated in the prose differs from the table cell(s) it describes.
    ProseTable = "prose-table", Warning, "正文中的数字与统计表不一致";
    /// A total stated in the prose differs from the sum of the items the prose lists.
    ProseSum = "prose-sum", Warning, "正文中列举的分项之和与所述总数不一致";

    // ── Against last year's report ─────────────────────────────────────────────────────
    /// 二、上年结转 (this year) ≠ 四、结转下年度继续办理 (last year).
    CrossYearCarry = "cross-year-carry", Warning, "本年上年结转数与上年报告的结转下年度数不一致";
    /// 2019 table 二: 上一年项目数量 ≠ last year's 上一年项目数量 + 本年增/减.
    CrossYearItems = "cross-year-items", Warning, "本年上一年项目数量与上年报告不衔接";
    /// Pre-2019 table: 历年累计 ≠ last year's 历年累计 + this year's value.
    CrossYearCumulative = "cross-year-cumulative", Warning, "历年累计与上年报告不衔接";
    /// The previous report is not last year's, or its format cannot be compared.
    CrossYearMismatch = "cross-year-mismatch", Info, "上年报告与本报告无法对比";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            assert!(
                seen.insert(code.as_str()),
                "duplicate code {}",
                code.as_str()
            );
            assert_eq!(Code::from_name(code.as_str()), Some(code));
            assert!(!code.summary().is_empty());
        }
    }
}
