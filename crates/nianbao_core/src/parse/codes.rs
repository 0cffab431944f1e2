//! The codes of what reading the text finds (tables, rows and cells missing, short or
//! glued, numbers unreadable): reported by the parser, which has no check file of its own.

crate::codes::declare_codes! {
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
    /// Glued digits that no reading makes balance, several readings equally close: the table
    /// certainly has an error there, whichever reading is right; no value is placed.
    GluedUnbalanced = "glued-unbalanced", Error, "数字粘连，且无论怎样拆分表格都不平衡";
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
}
