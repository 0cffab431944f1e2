//! No input panics: random strings built from the characters reports are made of, truncations
//! and line shuffles of the seeds. Every span the result holds is inside the text and on
//! character boundaries, and the contract writer handles it in both encodings.

mod common;

use nianbao_core::{check_with_previous, to_json, Checked, PositionEncoding};
use proptest::prelude::*;

fn assert_sound(text: &str, checked: &Checked) {
    let ok = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    for (path, cell) in checked.report.cells.iter() {
        if let Some(cell) = cell {
            assert!(
                ok(cell.span.start, cell.span.end),
                "{path}: bad span {:?}",
                cell.span
            );
        }
    }
    for d in &checked.diagnostics {
        assert!(
            ok(d.span.start, d.span.end),
            "{}: bad span {:?}",
            d.code.as_str(),
            d.span
        );
        for label in &d.labels {
            assert!(ok(label.span.start, label.span.end));
        }
    }
    for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
        let json = to_json(checked, text, encoding);
        assert!(json.starts_with('{') && json.ends_with('}'));
    }
}

fn reports() -> &'static [(String, String)] {
    static REPORTS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    REPORTS.get_or_init(common::all_reports)
}

fn pieces() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "一、本年新收政府信息公开申请数量",
        "（七）总计",
        "四、结转下年度继续办理",
        "行政复议",
        "结果维持",
        "总计",
        "规章",
        "规范性文件",
        "第二十条第（一）项",
        "本年新制作数量",
        "本年制发件数",
        "勾稽关系",
        "申请人情况",
        "指标名称",
        "历年累计",
        "统计指标",
        "其中：",
        "1.",
        "2、",
        "（三）",
        "三、",
        "数量",
        "百分比",
        "条",
        "件",
        "万元",
        "元",
        "%",
        "增 ",
        "减",
        "-",
        "+",
        "/",
        "—",
        "无",
        "0",
        "7",
        "12",
        "000023",
        "3929. 08",
        "6,239,795.00",
        "１５",
        "\t",
        "\t\t",
        " | ",
        "|",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\u{3000}",
        "\u{feff}",
        "\u{200b}",
        "**",
        "😀",
        "(",
        ")",
        "（",
        "）",
        ".",
        "、",
        "。",
        "2020年",
        "http://x.cn/",
        "- 9 -",
    ]);
    prop::collection::vec(fragments, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_report_like_text(text in pieces()) {
        let checked = check_with_previous(&text, Some(&text));
        assert_sound(&text, &checked);
    }

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,400}") {
        let checked = nianbao_core::check(&text);
        assert_sound(&text, &checked);
    }

    #[test]
    fn truncated_seeds(seed in 0usize..25, cut in 0.0f64..1.0) {
        let reports = reports();
        let (_, text) = &reports[seed % reports.len()];
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let text = &text[..at];
        let checked = nianbao_core::check(text);
        assert_sound(text, &checked);
    }

    #[test]
    fn shuffled_seed_lines(seed in 0usize..25, order in prop::collection::vec(any::<u32>(), 1..400)) {
        let reports = reports();
        let (_, text) = &reports[seed % reports.len()];
        let lines: Vec<&str> = text.lines().collect();
        // At most ~64 KB: a fixture that is one 17 KB line would otherwise give texts of several MB
        // and minutes of debug-build time without exercising anything new.
        let mut bytes = 0;
        let shuffled: Vec<&str> = order
            .iter()
            .map(|&i| lines[i as usize % lines.len()])
            .take_while(|line| {
                bytes += line.len() + 1;
                bytes <= 64 * 1024
            })
            .collect();
        let text = shuffled.join("\n");
        let checked = nianbao_core::check(&text);
        assert_sound(&text, &checked);
    }
}
