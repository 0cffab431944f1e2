//! A JSON line is the core's JSON as it was made, then `,"file":NAME}` and a line break: the
//! name is never appended to the report's string, which (7.8 MB for a 2 MB text of old
//! tables) would then move to a larger allocation with both copies held (issue 14).

#[allow(dead_code)]
#[path = "../src/line.rs"]
mod line;

use line::Line;

fn written(line: &Line) -> String {
    let mut out = Vec::new();
    line.write_to(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_report_string_keeps_its_allocation_when_the_name_is_added() {
    // No spare capacity: any byte pushed onto it would need a new, larger allocation.
    let mut json = String::from(r#"{"schema":"nianbao/1","report":{"t1":"一"},"diagnostics":[]}"#);
    json.shrink_to_fit();
    let (at, capacity) = (json.as_ptr(), json.capacity());
    let line = Line::json(json, "报告/2023 \"年报\".txt");
    assert_eq!(line.body.as_ptr(), at, "the report's string moved");
    assert_eq!(
        line.body.capacity(),
        capacity,
        "the report's string was regrown"
    );
    assert_eq!(
        written(&line),
        "{\"schema\":\"nianbao/1\",\"report\":{\"t1\":\"一\"},\"diagnostics\":[],\
         \"file\":\"报告/2023 \\\"年报\\\".txt\"}\n"
    );
}

#[test]
fn a_large_report_is_not_copied_either() {
    let mut json = format!("{{\"x\":\"{}\"}}", "表".repeat(1 << 20));
    json.shrink_to_fit();
    let (at, capacity, len) = (json.as_ptr(), json.capacity(), json.len());
    let line = Line::json(json, "-");
    assert_eq!((line.body.as_ptr(), line.body.capacity()), (at, capacity));
    assert_eq!(line.body.len(), len - 1);
    assert_eq!(line.tail, ",\"file\":\"-\"}\n");
}

#[test]
fn whole_lines_and_names_that_need_escaping() {
    assert_eq!(written(&Line::whole("规章 0\n".to_string())), "规章 0\n");
    assert_eq!(
        line::json_string("a\\b\u{1}\n\"c\""),
        "\"a\\\\b\\u0001\\u000a\\\"c\\\"\""
    );
    // Not an object (never made by the core): the line as it is, and a line break.
    assert_eq!(written(&Line::json("[]".to_string(), "x")), "[]\n");
}
