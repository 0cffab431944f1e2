//! The front ends show the core's words and keep no copy: no source of the page (`www/src`)
//! nor the CLI's renderer holds a word of `naming::words`, and the table layout names every
//! cell. (`www/src/types.ts` is generated from the core: `tests/types_ts.rs`.)

use std::path::PathBuf;

use nianbao_core::report::Format;

/// Every TypeScript source of the page.
fn www_sources() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/src");
    let mut sources: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".ts")
                .then(|| (name, std::fs::read_to_string(&path).unwrap()))
        })
        .collect();
    sources.sort();
    assert!(sources.len() > 10, "{}", dir.display());
    sources
}

/// Every string value of `words_json()` (keys are followed by `:`, values are not).
fn json_strings(json: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = json;
    while let Some(start) = rest.find('"') {
        let end = start + 1 + rest[start + 1..].find('"').unwrap();
        let value = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if !rest.starts_with(':') {
            out.push(value.to_string());
        }
    }
    out
}

#[test]
fn the_front_ends_keep_no_copy_of_the_cores_words() {
    let words = nianbao_core::naming::words::words_json();
    // Words of four characters or more: shorter ones ("错误", "统计表") are ordinary page text,
    // and the words for cells outside the official tables ("历年累计") head the drawn old table.
    let named = &words[..words.find("\"cells\":").unwrap()];
    let copied: Vec<String> = json_strings(named)
        .into_iter()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    assert!(copied.len() >= 10, "{copied:?}");
    assert!(copied
        .iter()
        .any(|w| w == "表三 收到和处理政府信息公开申请情况"));
    for (file, source) in www_sources() {
        for word in &copied {
            assert!(
                !source.contains(&format!("'{word}'")),
                "www/src/{file} keeps a copy of the core's word {word:?}: read it from the core"
            );
        }
        // The severity and format records, however written.
        assert!(
            !source.contains("error: '错误'") && !source.contains("f2019: '2019 年版格式"),
            "www/src/{file} keeps a copy of the core's severity or format words"
        );
    }
    let cli = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../nianbao_cli/src/render.rs"),
    )
    .unwrap();
    for format in [Format::F2019, Format::F2021, Format::Old, Format::Unknown] {
        for word in [
            nianbao_core::naming::words::format(format),
            nianbao_core::naming::words::format_brief(format),
        ] {
            assert!(!cli.contains(word), "the CLI keeps a copy of {word:?}");
        }
    }
}

#[test]
fn the_layout_names_every_cell_of_the_official_tables() {
    for format in [Format::F2019, Format::F2021] {
        let layout = nianbao_core::vocab::layout_json(format);
        let names = nianbao_core::naming::words::cell_names(format);
        assert!(names.len() > 150, "{format:?}: {}", names.len());
        for (path, name) in &names {
            assert!(
                layout.contains(&format!("\"{path}\":\"{name}\"")),
                "{path} in the layout"
            );
        }
    }
    let names = nianbao_core::naming::words::cell_names(Format::F2021);
    let name = |path: &str| {
        names
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, n)| n.as_str())
    };
    assert_eq!(
        name("t3.total.natural_person"),
        Some("表三（七）总计 自然人")
    );
    assert_eq!(name("t4.review.total"), Some("表四行政复议 总计"));
    assert!(nianbao_core::naming::words::cell_names(Format::Old).is_empty());
}
