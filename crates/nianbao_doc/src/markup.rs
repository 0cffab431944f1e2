//! One tokenizer for XML (word/document.xml) and HTML: start and end tags with their raw
//! attribute text, text, and nothing else (comments, processing instructions, doctypes and
//! CDATA markers are skipped). Forgiving: malformed markup never fails, every step advances.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Name (as written) and the raw attribute text; `true` when self-closing (`<br/>`).
    Start(&'a str, &'a str, bool),
    End(&'a str),
    Text(&'a str),
}

pub struct Tokens<'a> {
    src: &'a str,
    at: usize,
    /// HTML: skip the contents of these elements' raw text (`script`, `style`).
    html: bool,
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str, html: bool) -> Tokens<'a> {
        Tokens { src, at: 0, html }
    }
}

impl Tokens<'_> {
    /// Moves past the end tag `</name>` of an element that cannot nest in itself (Word's
    /// property elements): one substring search instead of tokenizing its content.
    pub fn skip_element(&mut self, name: &str) {
        let src = self.src;
        let mut at = self.at;
        while let Some(i) = src.get(at..).and_then(|rest| rest.find("</")) {
            let tag = at + i + 2;
            if src[tag..].starts_with(name) && src[tag + name.len()..].trim_start().starts_with('>')
            {
                self.at = src[tag..].find('>').map_or(src.len(), |g| tag + g + 1);
                return;
            }
            at = tag;
        }
        self.at = src.len();
    }
}

fn find(hay: &str, from: usize, needle: &str) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|i| from + i)
}

fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let mut i = from;
    while i + n.len() <= h.len() {
        if h[i] == b'<' && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let src = self.src;
        let bytes = src.as_bytes();
        loop {
            let at = self.at;
            if at >= bytes.len() {
                return None;
            }
            if bytes[at] != b'<' {
                let end = src[at..].find('<').map_or(src.len(), |i| at + i);
                self.at = end;
                return Some(Token::Text(&src[at..end]));
            }
            let rest = &src[at..];
            if rest.starts_with("<!--") {
                self.at = find(src, at + 4, "-->").map_or(src.len(), |e| e + 3);
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let end = find(src, at + 9, "]]>").unwrap_or(src.len());
                self.at = (end + 3).min(src.len());
                return Some(Token::Text(&src[at + 9..end]));
            }
            if self.html && rest.starts_with("<![if !supportMisalignedColumns]>") {
                // Word's row of zero-width cells that fixes column widths in old browsers.
                self.at = find(src, at, "<![endif]>").map_or(src.len(), |e| e + 10);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                // Doctype, Word's downlevel-revealed `<![if …]>`/`<![endif]>`, `<?xml …?>`.
                self.at = find(src, at, ">").map_or(src.len(), |e| e + 1);
                continue;
            }
            let close = rest.as_bytes().get(1) == Some(&b'/');
            let name_start = at + 1 + close as usize;
            let name_end = bytes[name_start..]
                .iter()
                .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
                .map_or(bytes.len(), |i| name_start + i);
            let name = &src[name_start..name_end];
            if name.is_empty() || !bytes[name_start].is_ascii_alphabetic() {
                // A lone '<' is text.
                self.at = at + 1;
                return Some(Token::Text("<"));
            }
            // The tag ends at the first '>' outside quotes: find '>' (a memchr search), and
            // look further only when a quote is left open before it (rare: `a="x>y"`).
            // Quotes are counted once each (a running count), so a tag with an open quote
            // followed by many '>' stays linear.
            let mut i = name_end;
            let (mut counted, mut dq, mut sq) = (name_end, 0usize, 0usize);
            loop {
                let Some(gt) = src[i..].find('>').map(|g| i + g) else {
                    i = bytes.len();
                    break;
                };
                for &b in &bytes[counted..gt] {
                    dq += (b == b'"') as usize;
                    sq += (b == b'\'') as usize;
                }
                counted = gt;
                if dq % 2 == 0 && (sq % 2 == 0 || dq > 0) {
                    i = gt;
                    break;
                }
                i = gt + 1;
            }
            let tag_end = i.min(bytes.len());
            self.at = (tag_end + 1).min(bytes.len());
            if close {
                return Some(Token::End(name));
            }
            let mut attrs = &src[name_end..tag_end];
            let self_closing = attrs.ends_with('/');
            if self_closing {
                attrs = &attrs[..attrs.len() - 1];
            }
            if self.html
                && !self_closing
                && (name.eq_ignore_ascii_case("script")
                    || name.eq_ignore_ascii_case("style")
                    || name.eq_ignore_ascii_case("title")
                    || name.eq_ignore_ascii_case("textarea"))
            {
                let end_tag = if name.eq_ignore_ascii_case("script") {
                    "</script"
                } else if name.eq_ignore_ascii_case("style") {
                    "</style"
                } else if name.eq_ignore_ascii_case("title") {
                    "</title"
                } else {
                    "</textarea"
                };
                let end = find_ci(src, self.at, end_tag).unwrap_or(src.len());
                self.at = find(src, end, ">").map_or(src.len(), |e| e + 1);
                continue;
            }
            return Some(Token::Start(name, attrs, self_closing));
        }
    }
}

/// The value of attribute `key` in raw attribute text (quoted or bare), entities decoded.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ks = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
            i += 1;
        }
        let k = &attrs[ks..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = &attrs[vs..i];
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if k.eq_ignore_ascii_case(key) {
            let mut out = String::new();
            decode_entities(value, &mut out);
            return Some(out);
        }
        if i == ks {
            i += 1;
        }
    }
    None
}

/// Appends `text` with character references decoded (numeric, and the named ones reports use).
pub fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.as_bytes()[1..]
            .iter()
            .take(32)
            .position(|&b| b == b';')
            .map(|i| i + 1);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwsp" => '\u{200B}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "permil" => '‰',
        "yen" => '¥',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        "minus" => '−',
        _ => return None,
    })
}
