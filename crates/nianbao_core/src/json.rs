//! A minimal JSON writer: enough for the result contract, with no dependency, so the wasm
//! build stays small and the CLI and the page print byte-identical objects.

use std::fmt::Write;

use crate::swar::{splat, word_at, zero_bytes};

#[derive(Default)]
pub struct JsonWriter<'s> {
    out: String,
    /// For each open container: has it received a member yet?
    has_member: Vec<bool>,
    /// A key was just written; the next value belongs to it.
    after_key: bool,
    /// Where [`JsonWriter::spill`] hands what is written; `None` keeps it all in `out`.
    sink: Option<&'s mut dyn FnMut(&str)>,
}

/// How much [`JsonWriter::spill`] lets `out` hold before handing it on.
pub const SPILL_AT: usize = 1 << 16;

impl<'s> JsonWriter<'s> {
    pub fn with_capacity(capacity: usize) -> JsonWriter<'s> {
        JsonWriter {
            out: String::with_capacity(capacity),
            ..JsonWriter::default()
        }
    }

    /// A writer that hands its text to `sink` piece by piece ([`JsonWriter::spill`]): a long
    /// table's result is several times its text, and wasm memory never shrinks back.
    pub fn into_sink(sink: &'s mut dyn FnMut(&str)) -> JsonWriter<'s> {
        JsonWriter {
            out: String::with_capacity(2 * SPILL_AT),
            sink: Some(sink),
            ..JsonWriter::default()
        }
    }

    /// Hands what is written so far to the sink once it is [`SPILL_AT`] bytes long; called
    /// between a result's cells and findings.
    pub fn spill(&mut self) {
        if let Some(sink) = &mut self.sink {
            if self.out.len() >= SPILL_AT {
                sink(&self.out);
                self.out.clear();
            }
        }
    }

    /// What is written (with a sink: what it has not been handed yet).
    pub fn finish(self) -> String {
        self.out
    }

    fn before_member(&mut self) {
        if let Some(has) = self.has_member.last_mut() {
            if *has {
                self.out.push(',');
            }
            *has = true;
        }
    }

    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else {
            self.before_member();
        }
    }

    pub fn begin_object(&mut self) {
        self.before_value();
        self.out.push('{');
        self.has_member.push(false);
    }

    pub fn end_object(&mut self) {
        self.has_member.pop();
        self.out.push('}');
    }

    pub fn begin_array(&mut self) {
        self.before_value();
        self.out.push('[');
        self.has_member.push(false);
    }

    pub fn end_array(&mut self) {
        self.has_member.pop();
        self.out.push(']');
    }

    /// Writes `"key":` inside an object for one of the contract's own key names; the next call
    /// writes its value. No escaping: they are plain ASCII words, and a report writes
    /// thousands of them.
    #[inline(never)]
    pub fn key(&mut self, key: &'static str) {
        debug_assert!(!needs_escape(key.as_bytes()), "{key:?} needs escaping");
        self.before_member();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.after_key = true;
    }

    /// Writes `"key":` for a key made at run time (a cell path), escaped.
    pub fn key_escaped(&mut self, key: &str) {
        self.before_member();
        write_escaped(&mut self.out, key);
        self.out.push(':');
        self.after_key = true;
    }

    pub fn string(&mut self, value: &str) {
        self.before_value();
        write_escaped(&mut self.out, value);
    }

    pub fn number(&mut self, value: i64) {
        self.before_value();
        write_integer(&mut self.out, value);
    }

    pub fn null(&mut self) {
        self.before_value();
        self.out.push_str("null");
    }

    pub fn opt_string(&mut self, value: Option<&str>) {
        match value {
            Some(v) => self.string(v),
            None => self.null(),
        }
    }

    pub fn span(&mut self, start: u32, end: u32) {
        self.begin_array();
        self.number(start as i64);
        self.number(end as i64);
        self.end_array();
    }
}

/// Decimal digits by hand: every cell's span is two numbers, and `core::fmt` made them a fifth
/// of the time the contract takes.
fn write_integer(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    let mut magnitude = value.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

fn write_escaped(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    // Most strings (keys, paths, Chinese messages) need no escape: one word-wide scan, one copy.
    if !needs_escape(value.as_bytes()) {
        out.push_str(value);
        out.push('"');
        return;
    }
    let mut last = 0;
    for (i, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&value[last..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", byte);
        } else {
            out.push_str(escape);
        }
        last = i + 1;
    }
    out.push_str(&value[last..]);
    out.push('"');
}

/// Whether any byte is a control character, `"` or `\`, tested eight bytes at a time
/// (the "has a zero byte" word trick).
fn needs_escape(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let x = word_at(bytes, at);
        // A byte below 0x20 has its top three bits clear.
        if zero_bytes(x & splat(0xe0)) | zero_bytes(x ^ splat(b'"')) | zero_bytes(x ^ splat(b'\\'))
            != 0
        {
            return true;
        }
        at += 8;
    }
    bytes[at..]
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_the_bytes_json_requires() {
        for text in [
            "plain ascii, long enough for words",
            "政府信息公开",
            "",
            "a\"b",
            "tab\there",
            "\\",
            "ctl\u{1}x",
            "0123456\u{1f}",
            "abcdefg\"",
            "abcdefgh\\",
        ] {
            let slow = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            assert_eq!(needs_escape(text.as_bytes()), slow, "{text:?}");
        }
        let mut out = String::new();
        write_escaped(&mut out, "引号\"与\\和\n\u{2}");
        assert_eq!(out, "\"引号\\\"与\\\\和\\n\\u0002\"");
    }

    #[test]
    fn nested_objects_and_arrays_get_commas_right() {
        let mut w = JsonWriter::default();
        w.begin_object();
        w.key("a");
        w.number(1);
        w.key("b");
        w.begin_array();
        w.string("x\"\n");
        w.null();
        w.begin_object();
        w.end_object();
        w.end_array();
        w.key("c");
        w.span(3, 4);
        w.end_object();
        assert_eq!(w.finish(), r#"{"a":1,"b":["x\"\n",null,{}],"c":[3,4]}"#);
    }

    #[test]
    fn integers_print_as_rust_prints_them() {
        for value in [0, 7, -7, 10, 1_234_567, i64::MAX, i64::MIN] {
            let mut w = JsonWriter::default();
            w.number(value);
            assert_eq!(w.finish(), value.to_string());
        }
    }

    #[test]
    fn control_characters_are_escaped() {
        let mut w = JsonWriter::default();
        w.string("a\u{1}b");
        assert_eq!(w.finish(), "\"a\\u0001b\"");
    }
}
