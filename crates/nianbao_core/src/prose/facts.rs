//! Statements of the prose that name a table figure: "依法按时办结1件", "不予公开35件",
//! "处理政府信息公开行政复议0件", "全年累计公布行政规范性文件11件", "网上申请数3条" — read
//! only where the sentence leaves no doubt what the number counts. A clause must start with
//! the figure's words or with words that do not narrow its scope ("全年", "我市", "其中",
//! "2020年" …); "市政府及部门收到…15件" or "部门规范性文件45件" count something narrower and
//! are left alone.

use super::text::{is_clause_delimiter, numbers, split, Num, Stream};
use crate::naming::CellId;
use crate::report::{Format, OldRowInfo, Report, Span};

/// What a prose number counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Topic {
    /// 收到/受理/新收 申请 (`handled`: 办理, which may also mean the applications concluded).
    New {
        handled: bool,
    },
    CarriedOver,
    Completed,
    Granted,
    GrantedPartial,
    Partial,
    Denied,
    Unavailable,
    NotProcessed,
    Other,
    CarriedForward,
    Review,
    Litigation,
    LitigationDirect,
    LitigationAfter,
    /// Table 二 row `normative_docs`/`rules`, column by verb.
    T2 {
        row: &'static str,
        verb: Verb,
    },
    /// A pre-2019 table row, by its printed label.
    Old {
        path: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Made,
    Published,
    Repealed,
    InForce,
}

/// A prose number with what it counts.
#[derive(Clone, Debug)]
pub struct Fact {
    pub topic: Topic,
    pub value: i64,
    /// The number's digits.
    pub number: Span,
    /// The clause, from its first character through the unit.
    pub phrase: Span,
    /// The clause as normalized text, for messages.
    pub words: String,
    /// Index of the sentence (into `Stream::sentences`).
    pub sentence: usize,
}

/// "均获维持" / "均已结案" said of the cases of a sentence.
#[derive(Clone, Debug)]
pub struct Claim {
    pub kind: ClaimKind,
    pub span: Span,
    pub sentence: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    AllUpheld,
    AllConcluded,
}

/// Words that may open a clause without narrowing what its number counts.
const PREFIX_WORDS: &[&str] = &[
    "我市",
    "我区",
    "我县",
    "我镇",
    "我乡",
    "我局",
    "我委",
    "我办",
    "我厅",
    "我部",
    "我处",
    "我院",
    "我单位",
    "我中心",
    "我机关",
    "本机关",
    "本单位",
    "本部门",
    "全市",
    "全区",
    "全县",
    "全镇",
    "全乡",
    "全局",
    "全委",
    "全办",
    "全年",
    "全年度",
    "本年",
    "本年度",
    "今年",
    "年内",
    "年度",
    "当年",
    "累计",
    "共",
    "共计",
    "合计",
    "一共",
    "总共",
    "其中",
    "依法",
    "按时",
    "依规",
    "及时",
    "依法依规",
    "主动",
    "动态",
    "更新",
    "集中",
    "公开",
    "发布",
    "处理",
    "办理",
    "另",
    "含",
    "均",
    "已",
    "又",
    "并",
    "还",
    "全部",
    "实际",
    "此外",
    "同时",
    "继续",
    "新",
    "总计",
    "度",
];

/// Filler between a figure's words and its number.
const TRAILING_FILLER: &[&str] = &[
    "共计",
    "合计",
    "累计",
    "一共",
    "分别为",
    "共",
    "为",
    "达",
    "计",
    "有",
];

fn strip_year(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let rest = &s[4..];
    rest.strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
}

/// Whether a clause opening leaves the figure's scope alone.
pub fn prefix_ok(prefix: &str) -> bool {
    let mut rest = prefix;
    // "因本机关不掌握等原因无法提供": a reason, not a scope.
    if let Some(r) = rest.strip_prefix('因') {
        if let Some(i) = r.find("原因") {
            rest = &r[i + "原因".len()..];
        }
    }
    loop {
        if rest.is_empty() {
            return true;
        }
        if let Some(r) = strip_year(rest) {
            rest = r;
            continue;
        }
        match PREFIX_WORDS
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
}

fn strip_filler(mut head: &str) -> &str {
    loop {
        match TRAILING_FILLER.iter().find(|f| head.ends_with(**f)) {
            Some(f) => head = &head[..head.len() - f.len()],
            None => return head,
        }
    }
}

/// Expands a pattern with `(a|b)` groups and `(…)?` optional groups into literal strings.
pub fn expand(pattern: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(inner_start) = rest.strip_prefix('(') {
            let close = inner_start.find(')').unwrap_or(inner_start.len());
            let inner = &inner_start[..close];
            let mut after = inner_start.get(close + 1..).unwrap_or("");
            let mut options: Vec<&str> = inner.split('|').collect();
            if let Some(a) = after.strip_prefix('?') {
                options.push("");
                after = a;
            }
            out = out
                .iter()
                .flat_map(|prefix| options.iter().map(move |o| format!("{prefix}{o}")))
                .collect();
            rest = after;
        } else {
            let next = rest.find('(').unwrap_or(rest.len());
            for s in &mut out {
                s.push_str(&rest[..next]);
            }
            rest = &rest[next..];
        }
    }
    out
}

/// How a clause opening is judged for a pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Only words that do not narrow the scope.
    Plain,
    /// Anything (复议/诉讼 clauses, kept to sentences about 信息公开).
    Any,
}

struct Pattern {
    topic: Topic,
    suffixes: Vec<String>,
    scope: Scope,
    /// The last character of every suffix (`None` when a suffix is empty and so matches any
    /// head): most heads end otherwise and skip the suffixes.
    last_chars: Option<Vec<char>>,
}

impl Pattern {
    fn new(topic: Topic, pattern: &str, scope: Scope) -> Pattern {
        let suffixes = expand(pattern);
        let last_chars = suffixes.iter().map(|s| s.chars().next_back()).collect();
        Pattern {
            topic,
            suffixes,
            scope,
            last_chars,
        }
    }

    /// The longest suffix `head` ends with.
    fn longest_suffix(&self, head: &str) -> Option<&str> {
        if let Some(last_chars) = &self.last_chars {
            let last = head.chars().next_back()?;
            if !last_chars.contains(&last) {
                return None;
            }
        }
        self.suffixes
            .iter()
            .filter(|s| head.ends_with(s.as_str()))
            .max_by_key(|s| s.len())
            .map(String::as_str)
    }
}

fn patterns(format: Format) -> Vec<Pattern> {
    let p = Pattern::new;
    let mut out = vec![
        p(
            Topic::GrantedPartial,
            "(予以公开|公开)(及|和|与)(予以)?部分公开(的)?(申请)?",
            Scope::Plain,
        ),
        p(Topic::Partial, "(予以)?部分公开(的)?(申请)?", Scope::Plain),
        p(Topic::Denied, "不予(以)?公开(的)?(申请)?", Scope::Plain),
        p(Topic::Granted, "予以公开(的)?(申请)?", Scope::Plain),
        p(Topic::Unavailable, "无法提供(的)?(申请)?", Scope::Plain),
        p(Topic::NotProcessed, "不予处理(的)?(申请)?", Scope::Plain),
        p(Topic::Other, "其他处理(情形|的)?(申请)?", Scope::Plain),
        p(
            Topic::CarriedForward,
            "结转(至|到)?(下年度|下一年度|下年|下一年)(继续办理)?(的)?(申请)?",
            Scope::Plain,
        ),
        p(
            Topic::CarriedOver,
            "(上年|上年度|上一年度|上一年)结转(的)?(申请)?",
            Scope::Plain,
        ),
        p(
            Topic::Completed,
            "(办结|答复)(了)?(政府信息公开|依申请公开)?(的)?(申请)?",
            Scope::Plain,
        ),
        p(Topic::Review, "行政复议(案件|案|申请)?", Scope::Any),
        p(Topic::Litigation, "(行政)?诉讼(案件|案)?", Scope::Any),
        p(
            Topic::LitigationAfter,
            "复议后(起诉|提起(行政)?诉讼)(案件|案)?",
            Scope::Any,
        ),
    ];
    let verbs: [(&str, Verb); 4] = [
        ("(制发|制定|印发|出台|制作|新制作)", Verb::Made),
        ("(公布|公开|发布|主动公开|新公开)", Verb::Published),
        ("(废止|清理废止)", Verb::Repealed),
        ("(现行有效)", Verb::InForce),
    ];
    for (verb, kind) in verbs {
        let allowed = match format {
            Format::F2019 => matches!(kind, Verb::Made | Verb::Published),
            Format::F2021 => matches!(kind, Verb::Made | Verb::Repealed | Verb::InForce),
            _ => false,
        };
        if !allowed {
            continue;
        }
        out.push(p(
            Topic::T2 {
                row: "normative_docs",
                verb: kind,
            },
            &format!("{verb}(了|的)?(行政)?规范性文件"),
            Scope::Plain,
        ));
        out.push(p(
            Topic::T2 {
                row: "rules",
                verb: kind,
            },
            &format!("{verb}(了|的)?(政府)?规章"),
            Scope::Plain,
        ));
    }
    out
}

const NEW_VERBS: [&str; 5] = ["收到", "受理", "新收", "接收", "办理"];
const DONE_VERBS: [&str; 2] = ["办结", "答复"];

/// 收到…申请 N件: a verb, up to a short stretch of words, then 申请.
fn new_applications(head: &str) -> Option<Topic> {
    let object_end = ["依申请公开", "申请"]
        .iter()
        .find(|o| head.ends_with(**o))
        .map(|o| head.len() - o.len())?;
    let before = &head[..object_end];
    let (verb_at, verb) = NEW_VERBS
        .iter()
        .filter_map(|v| before.rfind(v).map(|i| (i, *v)))
        .max_by_key(|(i, _)| *i)?;
    let middle = &before[verb_at + verb.len()..];
    if middle.chars().count() > 24 || middle.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !prefix_ok(strip_filler(&before[..verb_at])) {
        return None;
    }
    Some(Topic::New {
        handled: verb == "办理",
    })
}

/// The topic of a number from the words before it (`head`) and after it (`tail`).
fn classify(
    head: &str,
    tail: &str,
    about_disclosure: &dyn Fn() -> bool,
    patterns: &[Pattern],
    national: bool,
) -> Option<Topic> {
    let head = strip_filler(head);
    if national {
        // Number first: "共收到70件申请", "1件结转下年度继续办理".
        if tail.starts_with("申请") || tail.starts_with("政府信息公开申请") {
            for v in NEW_VERBS.iter().chain(DONE_VERBS.iter()) {
                if let Some(prefix) = head.strip_suffix(v) {
                    if prefix_ok(strip_filler(prefix)) {
                        return Some(if DONE_VERBS.contains(v) {
                            Topic::Completed
                        } else {
                            Topic::New {
                                handled: *v == "办理",
                            }
                        });
                    }
                }
            }
        }
        if ["结转下年度", "结转到下年度", "结转至下年度", "结转下一年度"]
            .iter()
            .any(|w| tail.starts_with(w))
            && prefix_ok(head)
        {
            return Some(Topic::CarriedForward);
        }
        // "结转至2026年6件".
        if let Some(before) = head
            .strip_suffix("年度")
            .or_else(|| head.strip_suffix('年'))
        {
            let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
            if digits == 4 {
                let before = &before[..before.len() - 4];
                let before = before
                    .strip_suffix('至')
                    .or_else(|| before.strip_suffix('到'))
                    .unwrap_or(before);
                if let Some(prefix) = before.strip_suffix("结转") {
                    if prefix_ok(strip_filler(prefix)) {
                        return Some(Topic::CarriedForward);
                    }
                }
            }
        }
    }
    for pattern in patterns {
        let Some(suffix) = pattern.longest_suffix(head) else {
            continue;
        };
        let prefix = &head[..head.len() - suffix.len()];
        if pattern.topic == Topic::Granted && (prefix.ends_with('不') || prefix.ends_with("部分"))
        {
            continue;
        }
        let ok = match pattern.scope {
            Scope::Plain => prefix_ok(strip_filler(prefix)),
            Scope::Any => about_disclosure() && !prefix.contains("受理"),
        };
        if !ok {
            continue;
        }
        let mut topic = pattern.topic.clone();
        if topic == Topic::Litigation {
            if prefix.contains("复议后") {
                topic = Topic::LitigationAfter;
            } else if prefix.contains("未经复议") || prefix.contains("直接") {
                topic = Topic::LitigationDirect;
            }
        }
        if topic == Topic::Review && prefix.contains("复议后") {
            continue;
        }
        return Some(topic);
    }
    if national {
        return new_applications(head);
    }
    None
}

/// What a sentence may claim of all its cases, by the words that say so.
const CLAIM_WORDS: [(ClaimKind, [&str; 5]); 2] = [
    (
        ClaimKind::AllUpheld,
        ["均获维持", "均被维持", "全部维持", "均予维持", "均维持"],
    ),
    (
        ClaimKind::AllConcluded,
        ["均已结案", "均已审结", "全部审结", "全部结案", "均已办结"],
    ),
];

/// A pre-2019 row label as prose names it: numbering, "其中" and notes in brackets removed.
fn old_label_words(label: &str) -> String {
    let label = label.split(['(', '（']).next().unwrap_or("");
    let mut s: String = label
        .chars()
        .filter(|c| crate::text::chars::is_label_char(*c))
        .collect();
    if let Some(r) = s.strip_prefix("其中") {
        s = r.to_string();
    }
    let numbered = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = numbered
        .strip_prefix(|c: char| "一二三四五六七八九十".contains(c))
        .unwrap_or(numbered);
    numbered.to_string()
}

/// Pre-2019 row labels by the words prose names them with, sorted, the last row winning for
/// words printed twice: a long table must not cost a comparison per row for every number of
/// the prose. The words share one buffer and a row is two offsets and its path (a table repeated
/// by the thousand has tens of thousands of rows). No hash map: the wasm has no SipHash.
struct OldLabels<'r> {
    words: String,
    /// Where each row's words are in `words`, and its path.
    rows: Vec<(u32, u32, &'r str)>,
    /// The longest words, in bytes.
    longest: usize,
}

impl<'r> OldLabels<'r> {
    fn of(report: &'r Report) -> OldLabels<'r> {
        // Sized once: the words are at most the labels.
        let (mut count, mut bytes) = (0, 0);
        for (id, _, _) in report.cells.entries() {
            if let Some(info) = old_row_info(report, id) {
                count += 1;
                bytes += info.label.len();
            }
        }
        let mut labels = OldLabels {
            words: String::with_capacity(bytes),
            rows: Vec::with_capacity(count),
            longest: 0,
        };
        if count == 0 {
            return labels;
        }
        for (id, path, _) in report.cells.entries() {
            let Some(info) = old_row_info(report, id) else {
                continue;
            };
            let words = old_label_words(&info.label);
            if words.chars().count() >= 4 {
                let start = labels.words.len() as u32;
                labels.words.push_str(&words);
                labels.rows.push((start, labels.words.len() as u32, path));
                labels.longest = labels.longest.max(words.len());
            }
        }
        let words = &labels.words;
        let at = |&(from, to, _): &(u32, u32, &str)| &words[from as usize..to as usize];
        // Stable, so of equal words the last row stays last: keep it.
        crate::order::sort_by(&mut labels.rows, |a, b| at(a).cmp(at(b)));
        let mut kept = 0;
        for i in 0..labels.rows.len() {
            if kept > 0 && at(&labels.rows[kept - 1]) == at(&labels.rows[i]) {
                kept -= 1;
            }
            labels.rows[kept] = labels.rows[i];
            kept += 1;
        }
        labels.rows.truncate(kept);
        labels
    }

    /// The path of the row whose words are exactly `words`.
    fn find(&self, words: &str) -> Option<&'r str> {
        let at = self
            .rows
            .binary_search_by(|&(from, to, _)| self.words[from as usize..to as usize].cmp(words))
            .ok()?;
        Some(self.rows[at].2)
    }
}

/// A pre-2019 row's label and parent, for the year cell of each row (read or not).
fn old_row_info<'r>(report: &'r Report, id: CellId) -> Option<&'r OldRowInfo> {
    match id {
        CellId::Old {
            cumulative: false, ..
        } => report.old_row(&id),
        _ => None,
    }
}

/// Every fact and claim of the prose.
pub fn read(stream: &Stream, report: &Report) -> (Vec<Fact>, Vec<Claim>) {
    let national = report.format.is_national();
    static F2019: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    static F2021: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    let patterns: &[Pattern] = match report.format {
        Format::F2019 => F2019.get_or_init(|| patterns(Format::F2019)),
        Format::F2021 => F2021.get_or_init(|| patterns(Format::F2021)),
        _ => &[],
    };
    let old_labels = OldLabels::of(report);
    let mut facts = Vec::new();
    let mut claims = Vec::new();
    // The words before and after each number, in buffers reused from number to number.
    let (mut head, mut tail) = (String::new(), String::new());
    for (index, &(s_from, s_to)) in stream.sentences().iter().enumerate() {
        let chars = &stream.chars[s_from..s_to];
        // Most sentences state no count and make no claim: skip them without allocating.
        let has_count = chars
            .windows(2)
            .any(|w| w[0].c.is_ascii_digit() && super::text::UNITS.contains(&w[1].c));
        let may_claim = chars.iter().any(|c| c.c == '均' || c.c == '全');
        if !has_count && !may_claim {
            continue;
        }
        // Compared on the stream's characters: these sentences need no `String`. Every claim
        // word starts with 均 or 全, so it can only start where one of those is.
        let marks: Vec<usize> = if may_claim {
            (s_from..s_to)
                .filter(|&i| matches!(stream.chars[i].c, '均' | '全'))
                .collect()
        } else {
            Vec::new()
        };
        for (kind, words) in CLAIM_WORDS {
            let first = words.iter().find_map(|w| {
                let at = marks.iter().find(|&&i| stream.word_at(i, s_to, w))?;
                Some((*at, w.chars().count()))
            });
            if let Some((at, len)) = first {
                claims.push(Claim {
                    kind,
                    span: stream.span(at, at + len),
                    sentence: index,
                });
            }
        }
        let about_disclosure = || {
            (s_from..s_to).any(|i| stream.chars[i].c == '信' && stream.word_at(i, s_to, "信息公开"))
        };
        for (c_from, c_to) in split(&stream.chars, s_from, s_to, is_clause_delimiter) {
            for Num {
                value,
                from,
                to,
                unit,
            } in numbers(stream, c_from, c_to)
            {
                let Some(_) = unit else { continue };
                stream.string_into(c_from, from, &mut head);
                stream.string_into((to + 1).min(c_to), c_to, &mut tail);
                let topic = if national {
                    classify(&head, &tail, &about_disclosure, patterns, true)
                } else {
                    let head = strip_filler(&head);
                    // Suffixes of `head` from the longest a label can be down: the first
                    // label found is the longest `head` ends with.
                    let from = head.len().saturating_sub(old_labels.longest);
                    (from..head.len())
                        .filter(|&i| head.is_char_boundary(i))
                        .find_map(|i| old_labels.find(&head[i..]).map(|path| (i, path)))
                        .filter(|&(i, _)| prefix_ok(strip_filler(&head[..i])))
                        .map(|(_, path)| Topic::Old {
                            path: path.to_string(),
                        })
                };
                if let Some(topic) = topic {
                    facts.push(Fact {
                        topic,
                        value,
                        number: stream.span(from, to),
                        phrase: stream.span(c_from, to + 1),
                        words: stream.string(c_from, (to + 1).min(c_to)),
                        sentence: index,
                    });
                }
            }
        }
    }
    (facts, claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn topics(text: &str, format: Format) -> Vec<(Topic, i64)> {
        let report = testing::national(format);
        let stream = Stream::new(text, None);
        read(&stream, &report)
            .0
            .into_iter()
            .map(|f| (f.topic, f.value))
            .collect()
    }

    #[test]
    fn patterns_expand() {
        assert_eq!(expand("a(b|c)?d"), ["abd", "acd", "ad"]);
    }

    #[test]
    fn seed_000_sentences() {
        let text = "2020年共办理公众向市政府提交的政府信息公开\n\n申请1件（上年度结转0件），申请内容主要为供热；依法按时办结1件，其中予以公开1件（因部分申请内容不属于），不予公开0件、无法提供0件，其他处理情形0件，结转下年度继续办理0件；处理政府信息公开行政复议0件。我市全年累计公布行政规范性文件11件。";
        assert_eq!(
            topics(text, Format::F2019),
            [
                (Topic::New { handled: true }, 1),
                (Topic::CarriedOver, 0),
                (Topic::Completed, 1),
                (Topic::Granted, 1),
                (Topic::Denied, 0),
                (Topic::Unavailable, 0),
                (Topic::Other, 0),
                (Topic::CarriedForward, 0),
                (Topic::Review, 0),
                (
                    Topic::T2 {
                        row: "normative_docs",
                        verb: Verb::Published
                    },
                    11
                ),
            ]
        );
    }

    #[test]
    fn narrower_scopes_are_left_alone() {
        let quiet = [
            "市政府及部门收到依申请公开15件。",
            "刊登政府规章、规范性文件等112件，部门规范性文件45件。",
            "另有72件申请按照《条例》顺延到下年度答复。",
            "全年受理行政复议案件120件。",
        ];
        for text in quiet {
            assert!(topics(text, Format::F2019).is_empty(), "{text}");
        }
    }

    #[test]
    fn shanghai_and_pingtan_sentences() {
        let text = "予以公开及部分公开258件，占33.9%；因本机关不掌握等原因无法提供265件。信息公开类行政复议7件，诉讼9件，均获维持。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。共办结148件，结转至2026年6件。";
        assert_eq!(
            topics(text, Format::F2021),
            [
                (Topic::GrantedPartial, 258),
                (Topic::Unavailable, 265),
                (Topic::Review, 7),
                (Topic::Litigation, 9),
                (Topic::New { handled: false }, 70),
                (Topic::Completed, 69),
                (Topic::CarriedForward, 1),
                (Topic::Completed, 148),
                (Topic::CarriedForward, 6),
            ]
        );
    }

    #[test]
    fn claims_are_found_by_their_words_in_each_sentence() {
        let report = testing::national(Format::F2021);
        let text = "全年行政复议2件，均已结案，均获维持。全市诉讼1件全部审结。全部公开，均衡发展。";
        let stream = Stream::new(text, None);
        let (_, claims) = read(&stream, &report);
        let got: Vec<(ClaimKind, &str, usize)> = claims
            .iter()
            .map(|c| (c.kind, &text[c.span.range()], c.sentence))
            .collect();
        assert_eq!(
            got,
            [
                (ClaimKind::AllUpheld, "均获维持", 0),
                (ClaimKind::AllConcluded, "均已结案", 0),
                (ClaimKind::AllConcluded, "全部审结", 1),
            ]
        );
    }

    #[test]
    fn old_rows_are_matched_by_label() {
        let report = testing::old(&[
            ("受理依申请公开信息总数", None, 7, Some(28)),
            ("4.网上申请数", Some(1), 4, Some(4)),
            ("5.信函申请数", Some(1), 0, Some(0)),
        ]);
        let text = "2013年全县共收到有关政府信息公开的申请7条，网上申请数3条，信函申请数4条；县政府公开办网上申请数为2条。";
        let stream = Stream::new(text, None);
        let facts = read(&stream, &report).0;
        let got: Vec<(String, i64)> = facts
            .iter()
            .map(|f| match &f.topic {
                Topic::Old { path } => (path.clone(), f.value),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, [("old.2".to_string(), 3), ("old.3".to_string(), 4)]);
    }
}
