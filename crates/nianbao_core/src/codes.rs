//! The registry of every diagnostic code: its stable name, default severity and one-line
//! zh-CN summary. This is the only place codes are defined; the rule catalogue
//! (`docs/rules.md`) and the page's rule help are generated from it.

use crate::diagnostic::Severity;

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
    /// A number that cannot be read (too long, malformed).
    NumberUnreadable = "number-unreadable", Warning, "无法识别的数字";
    /// No statistics table could be identified at all.
    FormatUnknown = "format-unknown", Warning, "未能识别统计表格式";
    /// An amount of money printed without a unit.
    MoneyUnit = "money-unit", Info, "金额未注明单位";
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
