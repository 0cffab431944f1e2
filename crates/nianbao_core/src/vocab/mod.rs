//! Label vocabularies: the row and column labels of each table format, as data, plus the
//! layout description the page uses to draw the tables in their official shape.

pub mod national;
pub mod old;

use crate::json::JsonWriter;
use crate::report::Format;
use national::{t2_rows, t3_rows, T3_COLUMNS, T4_COLUMNS, T4_GROUPS};

/// The official layout of tables 二, 三 and 四 for a format, as JSON, so the page draws
/// tables from the same vocabulary the parser reads them with:
/// `{"t2":[{"key","label","item","columns":[{"key","label"}]}],"t3":{"columns":[…],"rows":[{"key","label","level"}]},"t4":{"groups":[…],"columns":[…]}}`.
/// Group headings in table 三 have an empty `key`. Old and unknown formats give `{}`.
pub fn layout_json(format: Format) -> String {
    let mut w = JsonWriter::default();
    w.begin_object();
    if format.is_national() {
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
