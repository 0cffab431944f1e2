//! Totals stated in the prose against the items the prose lists right after them:
//! "总数3978条，其中主动公开2026条，依申请公开46条，不予公开1854条", "主要类别有：…，其他…946条"
//! (compared with the nearest "主动公开政府信息N条" before it), "共公布2599条，(其中…，其他…856条)".
//! Only lists that are complete by their own wording (opened by 其中 after a 总数, or closed by
//! an 其他 item) are added up.

use super::facts::prefix_ok;
use super::text::{numbers, split, Stream};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::join::Joined;
use crate::report::Span;

/// A comma-separated piece ending with a number, its only number apart from years
/// ("2012年"): (value, number span, the words before the number).
fn item(stream: &Stream, from: usize, to: usize) -> Option<(i64, Span, String)> {
    let nums = numbers(stream, from, to);
    let (n, before) = nums.split_last()?;
    if before
        .iter()
        .any(|b| stream.chars.get(b.to).is_none_or(|c| c.c != '年'))
    {
        return None;
    }
    let end = if n.unit.is_some() { n.to + 1 } else { n.to };
    (end == to).then(|| {
        (
            n.value,
            stream.span(n.from, n.to),
            stream.string(from, n.from),
        )
    })
}

struct List {
    total: i64,
    total_span: Span,
    items: Vec<i64>,
    span: Span,
    intro: String,
}

fn starts_with(stream: &Stream, at: usize, word: &str) -> bool {
    stream.word_at(at, stream.chars.len(), word)
}

/// "…总数N条，其中A条，B条，C条。"
fn total_then_items(stream: &Stream, pieces: &[(usize, usize)]) -> Option<List> {
    for (k, &(from, to)) in pieces.iter().enumerate() {
        let Some((total, total_span, words)) = item(stream, from, to) else {
            continue;
        };
        if !words.ends_with("总数") {
            continue;
        }
        let head = stream.string(from, to);
        let rest = &pieces[k + 1..];
        let (first, _) = *rest.first()?;
        if !starts_with(stream, first, "其中") || rest.len() < 2 {
            continue;
        }
        let items: Option<Vec<i64>> = rest
            .iter()
            .map(|&(f, t)| item(stream, f, t).map(|i| i.0))
            .collect();
        return Some(List {
            total,
            total_span,
            items: items?,
            span: stream.span(first, rest.last()?.1),
            intro: head,
        });
    }
    None
}

/// The items of an exhaustive list (last item starts with 其他).
fn exhaustive_items(stream: &Stream, pieces: &[(usize, usize)]) -> Option<Vec<i64>> {
    let (last, _) = *pieces.last()?;
    if pieces.len() < 2 || !starts_with(stream, last, "其他") {
        return None;
    }
    pieces
        .iter()
        .map(|&(f, t)| item(stream, f, t).map(|i| i.0))
        .collect()
}

/// The nearest "主动公开政府信息N条" before `before`, with a plain opening.
fn stated_total(
    stream: &Stream,
    sentences: &[(usize, usize)],
    index: usize,
) -> Option<(i64, Span, String)> {
    for &(from, to) in sentences[index.saturating_sub(4)..index].iter().rev() {
        for (f, t) in split(&stream.chars, from, to, |c| c == ',')
            .into_iter()
            .rev()
        {
            let Some((value, span, words)) = item(stream, f, t) else {
                continue;
            };
            let head = stream.string(f, t);
            if let Some(prefix) = words.strip_suffix("主动公开政府信息") {
                if prefix_ok(prefix) {
                    return Some((value, span, head));
                }
            }
        }
    }
    None
}

fn lists(stream: &Stream) -> Vec<List> {
    let sentences = stream.sentences();
    let mut out = Vec::new();
    for (index, &(from, to)) in sentences.iter().enumerate() {
        // A list has at least two numbers; most sentences have none.
        let digits = stream.chars[from..to]
            .windows(2)
            .filter(|w| w[0].c.is_ascii_digit() && !w[1].c.is_ascii_digit())
            .count();
        // …and one of the three shapes' words, looked for in one pass (a table read as prose
        // is one long "sentence" full of numbers).
        let shape_word = |at: usize| match stream.chars[at].c {
            '总' => stream.word_at(at, to, "总数"),
            '类' => stream.word_at(at, to, "类别有"),
            '(' => stream.word_at(at, to, "(其中"),
            _ => false,
        };
        if digits < 2 || !(from..to).any(shape_word) {
            continue;
        }
        let pieces = split(&stream.chars, from, to, |c| c == ',');
        if let Some(list) = total_then_items(stream, &pieces) {
            out.push(list);
            continue;
        }
        let sentence = stream.string(from, to);
        // "…的主要类别有：A，B，…，其他…N条"
        if let Some(colon) = sentence.find("类别有:") {
            let at = from + sentence[..colon].chars().count() + "类别有:".chars().count();
            let pieces = split(&stream.chars, at, to, |c| c == ',');
            if let (Some(items), Some((total, total_span, intro))) = (
                exhaustive_items(stream, &pieces),
                stated_total(stream, sentences, index + 1),
            ) {
                out.push(List {
                    total,
                    total_span,
                    items,
                    span: stream.span(at, to),
                    intro,
                });
            }
            continue;
        }
        // "共公布政府信息2599条，(其中A，B，…，其他…N条)"
        if let Some(open) = sentence.find("(其中") {
            let open_at = from + sentence[..open].chars().count();
            let close_at = (open_at..to)
                .find(|&i| stream.chars[i].c == ')')
                .unwrap_or(to);
            let before = split(&stream.chars, from, open_at, |c| c == ',');
            let Some(&(bf, bt)) = before.last() else {
                continue;
            };
            let Some((total, total_span, _)) = item(stream, bf, bt) else {
                continue;
            };
            let inner_from = open_at + "(其中".chars().count();
            let pieces = split(&stream.chars, inner_from, close_at, |c| c == ',');
            if let Some(items) = exhaustive_items(stream, &pieces) {
                out.push(List {
                    total,
                    total_span,
                    items,
                    span: stream.span(inner_from, close_at),
                    intro: stream.string(bf, bt),
                });
            }
        }
    }
    out
}

pub fn check(stream: &Stream, out: &mut Vec<Diagnostic>) {
    for list in lists(stream) {
        let sum: i64 = list.items.iter().sum();
        if sum == list.total {
            continue;
        }
        let addends: Vec<String> = list.items.iter().map(i64::to_string).collect();
        out.push(
            Diagnostic::new(
                Code::ProseSum,
                list.total_span,
                format!(
                    "正文说“{}”，但随后列举的 {} 个分项加起来是 {sum}。",
                    list.intro,
                    list.items.len()
                ),
            )
            .with_values(sum.to_string(), list.total.to_string())
            .with_label(list.span, format!("各分项之和 {sum}"))
            .with_note(format!(
                "{} = {sum} ≠ {}",
                addends.joined(" + "),
                list.total
            ))
            .with_help("请核对总数和各分项的数字。"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        check(&Stream::new(text, None), &mut out);
        out
    }

    #[test]
    fn a_total_then_its_items() {
        assert!(run("2011年制作、获取政府信息总数1873条，其中主动公开政府信息425条，作为依申请公开信息数46条，不予公开信息数1402。").is_empty());
        let out = run("2012年制作、获取政府信息总数3978条，其中主动公开政府信息2026条，作为依申请公开信息数46条，不予公开信息数1854条。");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].expected.as_deref(), Some("3926"));
        assert_eq!(out[0].actual.as_deref(), Some("3978"));
    }

    #[test]
    fn a_category_list_closed_by_other() {
        let text = "2014年主动公开政府信息 2543条。其中，区管委会及区直各部门主动公开政府信息1687条，占66%。我区各工作部门主动公开政府信息的主要类别有：机构职能类信息594条，政策、规范性文件类信息281条，其他应主动公开的信息946条。";
        let out = run(text);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].expected.as_deref(), Some("1821"));
        assert_eq!(&text[out[0].span.range()], "2543");
    }

    #[test]
    fn an_open_list_is_not_added_up() {
        assert!(run("主要类别有：机构职能类信息594条，政策、规范性文件类信息281条。全年主动公开政府信息900条。").is_empty());
        assert!(run("全市收到申请26件，其中当面3件，网络15件。").is_empty());
    }
}
