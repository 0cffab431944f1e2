//! Label vocabularies: the row and column labels of each table format, as data, plus the
//! layout description the page uses to draw the tables in their official shape.

pub mod national;
pub mod old;

use crate::json::JsonWriter;
use crate::naming::Table;
use crate::report::Format;
use national::{t2_rows, t3_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

/// Table 三's top header over every applicant column.
const T3_HEADER: &str = "申请人情况";

/// The second header row of table 三: 法人或其他组织 over columns 1..=5 of `T3_COLUMNS`
/// (商业企业 … 其他), as (label, first column, span).
const T3_ORGANISATIONS: (&str, usize, usize) = ("法人或其他组织", 1, 5);

/// The official layout of tables 二, 三 and 四 for a format, as JSON, so the page draws
/// tables from the same vocabulary the parser reads them with:
/// `{"titles":{"t2","t3","t4"},"t2":[{"key","label","item","columns":[{"key","label"}]}],
/// "t3":{"header","groups":[{"label","first","span"}],"columns":[…],"rows":[{"key","label","level"}]},
/// "t4":{"groups":[…],"columns":[…]},"names":{path: name}}` (`names`: every cell's name as
/// the page shows it, [`crate::naming::words::cell_names`]).
/// Table 三's `header` (申请人情况) spans every column; each of its `groups` spans `span` columns
/// from column index `first` (法人或其他组织 over the five organisation columns). Group headings
/// in table 三's rows have an empty `key`. Old and unknown formats give `{}`.
pub fn layout_json(format: Format) -> String {
    let mut w = JsonWriter::default();
    w.begin_object();
    if format.is_national() {
        w.key("titles");
        w.begin_object();
        for table in [Table::T2, Table::T3, Table::T4] {
            w.key(table.key());
            w.string(table.title());
        }
        w.end_object();
        w.key("t2");
        w.begin_array();
        for row in t2_rows(format) {
            w.begin_object();
            w.key("key");
            w.string(row.key);
            w.key("label");
            w.string(row.label);
            w.key("item");
            w.string(row.item);
            w.key("columns");
            w.begin_array();
            for (column, _) in row.columns {
                column_json(&mut w, column.key, column.label);
            }
            w.end_array();
            w.end_object();
        }
        w.end_array();
        w.key("t3");
        w.begin_object();
        w.key("header");
        w.string(T3_HEADER);
        w.key("groups");
        w.begin_array();
        let (label, first, span) = T3_ORGANISATIONS;
        w.begin_object();
        w.key("label");
        w.string(label);
        w.key("first");
        w.number(first as i64);
        w.key("span");
        w.number(span as i64);
        w.end_object();
        w.end_array();
        w.key("columns");
        w.begin_array();
        for column in &T3_COLUMNS {
            column_json(&mut w, column.key, column.label);
        }
        w.end_array();
        w.key("rows");
        w.begin_array();
        for row in t3_rows(format) {
            w.begin_object();
            w.key("key");
            w.string(row.key);
            w.key("label");
            w.string(row.label);
            w.key("level");
            w.number(row.level as i64);
            w.end_object();
        }
        w.end_array();
        w.end_object();
        w.key("t4");
        w.begin_object();
        w.key("groups");
        w.begin_array();
        for group in &T4_GROUPS {
            column_json(&mut w, group.key, group.label);
        }
        w.end_array();
        w.key("columns");
        w.begin_array();
        for column in &T4_COLUMNS {
            column_json(&mut w, column.key, column.label);
        }
        w.end_array();
        w.end_object();
        crate::naming::words::write_cell_names(&mut w, format);
    }
    w.end_object();
    w.finish()
}

fn column_json(w: &mut JsonWriter, key: &str, label: &str) {
    w.begin_object();
    w.key("key");
    w.string(key);
    w.key("label");
    w.string(label);
    w.end_object();
}
