//! One line of output, written in two parts: the report (the core's JSON, or the text
//! rendering) as it was made, and what follows it. A JSON line ends with the file's name; the
//! JSON of a 2 MB text of old tables is 7.8 MB, and appending the name to it could make the
//! whole string move to a larger allocation (both copies held at once: issue 14).

use std::io::Write;

/// A line of output: `body`, then `tail`.
pub struct Line {
    pub body: String,
    pub tail: String,
}

impl Line {
    /// A line already whole (a text rendering, an error's JSON line).
    pub fn whole(line: String) -> Line {
        Line {
            body: line,
            tail: String::new(),
        }
    }

    /// The core's JSON object with `"file":NAME` as its last member, and a line break. The
    /// object's closing `}` is cut from `json` (a shorter length, never a new allocation) and
    /// written after the name.
    pub fn json(mut json: String, name: &str) -> Line {
        let name = json_string(name);
        let tail = if json.ends_with('}') {
            json.truncate(json.len() - 1);
            format!(",\"file\":{name}}}\n")
        } else {
            "\n".to_string()
        };
        Line { body: json, tail }
    }

    pub fn write_to(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(self.body.as_bytes())?;
        out.write_all(self.tail.as_bytes())
    }
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
