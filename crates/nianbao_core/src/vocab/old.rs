//! Pre-2019 statistics tables (format-spec §3): which parent rows are only partly broken down
//! by their "其中" rows, and the units printed in the 计量单位 column.

/// Parents whose parts are *not* exhaustive: 主动公开 counts are also published through
/// channels the table does not list (format-spec §4.2, O3: 平潭县 2012/2013 fail equality),
/// and the "主要负责同志参加…" rows are a subset of the events above them (seed 003).
/// Every other parent equals the sum of its parts (O1, O2, N1, N3–N9).
pub const NON_EXHAUSTIVE_PARENTS: &[&str] = &[
    "主动公开信息数",
    "主动公开文件数",
    "主动公开政府信息数",
    "新闻发布会总次数",
    "在线访谈次数",
];

/// Units printed in the 计量单位 / 单位 column, longest first.
pub const UNITS: &[&str] = &[
    "人次", "万元", "条", "件", "次", "篇", "个", "人", "元", "项",
];

/// Whether a parent row (by its canonical label) is fully broken down by its parts.
pub fn parts_are_exhaustive(parent_label: &str) -> bool {
    !NON_EXHAUSTIVE_PARENTS
        .iter()
        .any(|k| parent_label.contains(k))
}
