//! Generates `www/src/types.ts`, the TypeScript types of what the core returns across the wasm
//! boundary (the result contract, the rule catalogue, the table layout, the display words),
//! and fails when the committed file is stale. The enumerations and the schema are the core's
//! own values; every field declared here is a key the core writes and every key it writes is
//! declared (checked over every fixture's result, with and without 已核实 marks, the catalogue,
//! the layouts and the words). Regenerate with
//! `NIANBAO_BLESS=1 cargo test -p nianbao_core --test types_ts`.

mod common;

use std::path::PathBuf;

use nianbao_core::contract::SCHEMA;
use nianbao_core::naming::words::words_json;
use nianbao_core::report::Format;
use nianbao_core::{to_json, to_json_accepted, Accepted, PositionEncoding, Severity};

/// One declaration: its doc comment (lines), name and either a type or fields.
struct Decl {
    doc: &'static str,
    name: &'static str,
    body: Body,
}

enum Body {
    Type(String),
    Fields(Vec<Field>),
}

/// A field: `name` ends with `?` when the core may leave it out.
struct Field {
    doc: &'static str,
    name: &'static str,
    ty: String,
}

fn f(doc: &'static str, name: &'static str, ty: impl Into<String>) -> Field {
    Field {
        doc,
        name,
        ty: ty.into(),
    }
}

fn interface(doc: &'static str, name: &'static str, fields: Vec<Field>) -> Decl {
    Decl {
        doc,
        name,
        body: Body::Fields(fields),
    }
}

fn alias(doc: &'static str, name: &'static str, ty: impl Into<String>) -> Decl {
    Decl {
        doc,
        name,
        body: Body::Type(ty.into()),
    }
}

/// `'a' | 'b'` of the values the core writes.
fn union<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| format!("'{v}'"))
        .collect::<Vec<_>>()
        .join(" | ")
}

const FORMATS: [Format; 4] = [Format::F2019, Format::F2021, Format::Old, Format::Unknown];
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The keys of one flat object of `words_json()`: `"cells":{"old":…,…}` → ["old", …].
fn words_keys(object: &str) -> Vec<String> {
    let words = words_json();
    let start = words.find(&format!("\"{object}\":{{")).unwrap() + object.len() + 4;
    let end = start + words[start..].find('}').unwrap();
    words[start..end]
        .split(',')
        .map(|pair| {
            pair.split(':')
                .next()
                .unwrap()
                .trim_matches('"')
                .to_string()
        })
        .collect()
}

/// Every declaration, in the order of the file.
fn declarations() -> Vec<Decl> {
    let cell_words: Vec<String> = words_keys("cells")
        .iter()
        .map(|k| format!("{k}: string"))
        .collect();
    vec![
        alias("[start, end) in UTF-16 code units of the checked text.", "Span", "[number, number]"),
        alias(
            "A count (integer), money in 元 as a decimal string, or null for a placeholder such as \"/\".",
            "CellValue",
            "number | string | null",
        ),
        interface("", "Cell", vec![
            f("", "value", "CellValue"),
            f("The cell as printed in the text.", "text", "string"),
            f("", "span", "Span"),
            f("1-based line number.", "line", "number"),
            f("Pre-2019 statistics rows only.", "label?", "string"),
            f("", "parent?", "string | null"),
            f("", "unit?", "string | null"),
        ]),
        alias("", "Format", union(FORMATS.map(Format::as_str))),
        alias("", "Severity", union(SEVERITIES.map(Severity::as_str))),
        interface("", "Section", vec![
            f("", "number", "number"),
            f("", "title", "string"),
            f("", "line", "number"),
            f("", "span", "Span"),
        ]),
        interface("", "YearAt", vec![
            f("", "year", "number"),
            f("", "span", "Span"),
            f("", "line", "number"),
        ]),
        interface("", "Report", vec![
            f("", "title", "string | null"),
            f("", "agency", "string | null"),
            f("", "year", "number | null"),
            f("", "format", "Format"),
            f("", "sections", "Section[]"),
            f("The year the title states; span and line are the title's. Null when the title has none.", "title_year", "YearAt | null"),
            f("The statistics period's year (\"统计期限为2020年…\") and where it is printed.", "period", "YearAt | null"),
            f("The table format the notices require for `year`; null without a year.", "required_format", "Format | null"),
            f("Printed captions of the pre-2019 breakdown tables, by table prefix (\"pct.1\").", "table_captions", "Record<string, string>"),
            f("Cell path → cell; null when the format has the cell but the text leaves it empty or unreadable.", "cells", "Record<string, Cell | null>"),
        ]),
        interface("", "Summary", vec![
            f("", "cells_expected", "number"),
            f("", "cells_read", "number"),
            f("", "errors", "number"),
            f("", "warnings", "number"),
            f("", "infos", "number"),
            f("Only when marks are given (CLI `--accept`, the page's export with marks): findings marked 已核实.", "accepted?", "number"),
            f("Only with marks: errors not marked, what the verdict counts.", "open_errors?", "number"),
        ]),
        interface("", "DiagnosticLabel", vec![
            f("", "span", "Span"),
            f("", "line", "number"),
            f("", "column", "number"),
            f("", "message", "string"),
        ]),
        interface("", "Diagnostic", vec![
            f("", "code", "string"),
            f("", "severity", "Severity"),
            f("", "message", "string"),
            f("", "cells", "string[]"),
            f("", "expected", "string | null"),
            f("", "actual", "string | null"),
            f("", "span", "Span"),
            f("", "line", "number"),
            f("", "column", "number"),
            f("", "notes", "string[]"),
            f("", "help", "string | null"),
            f("", "labels", "DiagnosticLabel[]"),
            f("What a 已核实 mark is attached to: code, cells with their values, amounts (16 hex digits).", "fingerprint", "string"),
            f("Only on a finding marked 已核实，不改, when marks are given.", "accepted?", "{ note: string }"),
        ]),
        interface("", "Repair", vec![f(
            "Cell path → the value it needs, as the contract prints values.",
            "changes",
            "Record<string, string>",
        )]),
        interface("", "CheckResult", vec![
            f("", "schema", format!("'{SCHEMA}'")),
            f("", "report", "Report"),
            f("", "summary", "Summary"),
            f("", "diagnostics", "Diagnostic[]"),
            f("", "repairs", "Repair[]"),
        ]),
        interface("One entry of the rule catalogue (`ruleCatalogue()`).", "Rule", vec![
            f("", "code", "string"),
            f("", "severity", "Severity"),
            f("", "summary", "string"),
            f("", "explanation", "string"),
            f("", "formula", "string"),
            f("", "example", "string"),
        ]),
        interface("", "LayoutColumn", vec![f("", "key", "string"), f("", "label", "string")]),
        interface("A row of table 二 and its columns.", "LayoutT2Row", vec![
            f("", "key", "string"),
            f("", "label", "string"),
            f("", "item", "string"),
            f("", "columns", "LayoutColumn[]"),
        ]),
        interface(
            "Table 三: `header` spans every column; each group spans `span` columns from index `first`.\nRows with an empty key are group headings.",
            "LayoutT3",
            vec![
                f("", "header", "string"),
                f("", "groups", "{ label: string; first: number; span: number }[]"),
                f("", "columns", "LayoutColumn[]"),
                f("", "rows", "{ key: string; label: string; level: number }[]"),
            ],
        ),
        interface(
            "The official layout of tables 二/三/四 (`tableLayout(format)`); `{}` for old/unknown formats.",
            "Layout",
            vec![
                f("Captions of tables 二, 三 and 四.", "titles?", "{ t2: string; t3: string; t4: string }"),
                f("", "t2?", "LayoutT2Row[]"),
                f("", "t3?", "LayoutT3"),
                f("", "t4?", "{ groups: LayoutColumn[]; columns: LayoutColumn[] }"),
                f("Every cell of tables 二/三/四 with the name the page shows: \"表三（七）总计 自然人\".", "names?", "Record<string, string>"),
            ],
        ),
        interface("The core's display words (`words()`).", "Words", vec![
            f("", "severities", "Record<Severity, string>"),
            f("", "formats", "Record<Format, string>"),
            f("The format in a column of the batch summary: \"2019 年版\".", "formats_short", "Record<Format, string>"),
            f("Table names by a path's first part: t2, t3, t4, old, pct.", "tables", "Record<string, string>"),
            f("How `expected` and `actual` are named, by code; `default` for the rest.", "values", "Record<string, [string, string]>"),
            f("Words naming cells outside the official tables.", "cells", format!("{{ {} }}", cell_words.join("; "))),
        ]),
    ]
}

fn doc(out: &mut String, indent: &str, doc: &str) {
    if doc.is_empty() {
        return;
    }
    let lines: Vec<&str> = doc.lines().collect();
    if lines.len() == 1 {
        out.push_str(&format!("{indent}/** {doc} */\n"));
    } else {
        out.push_str(&format!("{indent}/**\n"));
        for line in lines {
            out.push_str(&format!("{indent} * {line}\n"));
        }
        out.push_str(&format!("{indent} */\n"));
    }
}

/// The text of `www/src/types.ts`.
fn generate() -> String {
    let mut out = String::from(
        "// GENERATED by crates/nianbao_core/tests/types_ts.rs from the core: do not edit. Regenerate with\n\
         // `NIANBAO_BLESS=1 cargo test -p nianbao_core --test types_ts`.\n\
         // The result contract (schema nianbao/1, docs/data-contract.md) and the other values the wasm\n\
         // boundary returns, as TypeScript types. Offsets are UTF-16 code units: they index JS strings.\n",
    );
    for decl in declarations() {
        out.push('\n');
        doc(&mut out, "", decl.doc);
        match decl.body {
            Body::Type(ty) => out.push_str(&format!("export type {} = {ty};\n", decl.name)),
            Body::Fields(fields) => {
                out.push_str(&format!("export interface {} {{\n", decl.name));
                for field in fields {
                    doc(&mut out, "  ", field.doc);
                    out.push_str(&format!("  {}: {};\n", field.name, field.ty));
                }
                out.push_str("}\n");
            }
        }
    }
    out.push_str(
        "\n// The page's own API types are hand-written in api-types.ts.\n\
         export type { Example, MountOptions, Mounted, NianbaoApi } from './api-types';\n",
    );
    out
}

fn types_ts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../www/src/types.ts")
}

#[test]
fn types_ts_is_generated_from_the_core() {
    let generated = generate();
    if std::env::var_os("NIANBAO_BLESS").is_some() {
        std::fs::write(types_ts(), &generated).unwrap();
    }
    let committed = std::fs::read_to_string(types_ts()).unwrap();
    assert!(
        committed == generated,
        "www/src/types.ts is stale: regenerate it with \
         `NIANBAO_BLESS=1 cargo test -p nianbao_core --test types_ts`"
    );
}

/// Every object key in a JSON text (a string followed by `:`), once each.
fn json_keys(json: &str, keys: &mut Vec<String>) {
    let bytes = json.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = i.min(bytes.len());
        i += 1;
        if bytes.get(i) == Some(&b':') && !keys.iter().any(|k| k.as_bytes() == &bytes[start..end]) {
            keys.push(json[start..end].to_string());
        }
    }
}

/// The keys the core writes across the boundary: every fixture's result (and one with every
/// finding marked), the catalogue, the national layouts and the words — all of them, and the
/// ones that are field names rather than data.
fn written_keys() -> (Vec<String>, Vec<String>) {
    let mut keys = Vec::new();
    for (_, text) in common::all_reports() {
        let checked = nianbao_core::check(&text);
        json_keys(
            &to_json(&checked, &text, PositionEncoding::Utf16),
            &mut keys,
        );
        if !checked.diagnostics.is_empty() && !keys.iter().any(|k| k == "open_errors") {
            let marks: Vec<String> = nianbao_core::fingerprint::fingerprints(&checked)
                .iter()
                .map(|f| format!("{f}\tchecked"))
                .collect();
            let accepted = Accepted::parse(&marks.join("\n"));
            let json = to_json_accepted(&checked, &text, PositionEncoding::Utf16, &accepted);
            json_keys(&json, &mut keys);
        }
    }
    json_keys(&nianbao_core::catalogue::catalogue_json(), &mut keys);
    for format in [Format::F2019, Format::F2021] {
        json_keys(&nianbao_core::vocab::layout_json(format), &mut keys);
    }
    json_keys(&words_json(), &mut keys);
    // Keys that are data (cell paths, codes, the severities and formats the words name) are
    // records in the types.
    let records: Vec<&str> = SEVERITIES
        .map(Severity::as_str)
        .into_iter()
        .chain(FORMATS.map(Format::as_str))
        .chain(["default"])
        .collect();
    let all = keys.clone();
    keys.retain(|k| {
        !k.contains('.') && !k.contains('-') && !k.is_empty() && !records.contains(&k.as_str())
    });
    (all, keys)
}

/// Field names declared anywhere, inline object types included.
fn declared_fields(types: &str) -> Vec<String> {
    let mut names = Vec::new();
    for piece in types.split(['{', ';', '\n']) {
        let piece = piece.trim();
        if let Some((name, _)) = piece.split_once(':') {
            let name = name.trim().trim_end_matches('?');
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[test]
fn the_types_declare_every_key_the_core_writes_and_no_other() {
    let (all, written) = written_keys();
    assert!(written.len() > 40, "{written:?}");
    let generated = generate();
    let declared = declared_fields(&generated);
    let missing: Vec<&String> = written.iter().filter(|k| !declared.contains(k)).collect();
    assert!(missing.is_empty(), "types.ts does not declare {missing:?}");
    let unwritten: Vec<&String> = declared.iter().filter(|k| !all.contains(k)).collect();
    assert!(
        unwritten.is_empty(),
        "types.ts declares {unwritten:?}, which the core never writes"
    );
    assert!(generated.contains(&format!("schema: '{SCHEMA}';")));
    assert!(generated.contains("export type Severity = 'error' | 'warning' | 'info';"));
    assert!(generated.contains("export type Format = 'f2019' | 'f2021' | 'old' | 'unknown';"));
}
