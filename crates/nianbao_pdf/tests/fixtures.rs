//! The committed PDF fixtures (scripts/fixtures/make_pdf_fixtures.py): each report PDF reads
//! to the same cells and findings as the report's typed text; each trap gets its behaviour.

mod common;

use nianbao_pdf::{read_pdf, PdfError};

fn read(name: &str) -> Result<nianbao_pdf::PdfText, PdfError> {
    let bytes = std::fs::read(common::fixtures().join(name)).expect(name);
    read_pdf(&bytes)
}

/// Cells (path → displayed value or blank) the checker reads from a text.
fn cells(text: &str) -> Vec<(String, Option<String>)> {
    nianbao_core::check(text)
        .report
        .cells
        .iter()
        .map(|(p, c)| (p.to_string(), c.map(|c| c.value.display())))
        .collect()
}

fn same_as_text(pdf: &str, txt: &str) {
    let text = std::fs::read_to_string(common::fixtures().join(txt)).expect(txt);
    let want = cells(&text);
    assert!(want.len() > 150, "{txt} reads {} cells", want.len());
    let view = read(pdf).unwrap_or_else(|e| panic!("{pdf}: {}", e.message_zh()));
    let bad = common::compare(&view.text, &want);
    assert!(bad.is_empty(), "{pdf}: {}\n{}", bad.join("\n"), view.text);
    assert_eq!(
        common::codes(&view.text),
        common::codes(&text),
        "{pdf}: findings differ"
    );
    assert!(
        !common::codes(&text).is_empty(),
        "the seed's wrong 总计 row gives findings"
    );
}

#[test]
fn generated_report_reads_like_its_text() {
    same_as_text("report.pdf", "report.txt");
    let view = read("report.pdf").unwrap();
    let text = std::fs::read_to_string(common::fixtures().join("report.txt")).unwrap();
    assert_eq!(
        view.text, text,
        "the text view is the typed text, line for line"
    );
    assert_eq!(view.page_starts.len(), 2);
}

#[test]
fn table_split_across_pages_with_repeated_header() {
    same_as_text("report_split_header.pdf", "report_split_header.txt");
    let view = read("report_split_header.pdf").unwrap();
    assert!(view.page_starts.len() >= 2);
    // The header repeated on the next page is dropped: the text view is the typed text.
    let text = std::fs::read_to_string(common::fixtures().join("report_split_header.txt")).unwrap();
    assert_eq!(view.text, text);
}

#[test]
fn object_streams_and_encrypted_variants() {
    for f in [
        "report_objstm.pdf",
        "report_rc4_40.pdf",
        "report_rc4_128.pdf",
        "report_aes128.pdf",
        "report_aes256.pdf",
    ] {
        same_as_text(f, "report.txt");
    }
}

#[test]
fn rotated_pages_are_turned_upright_and_forms_are_drawn() {
    let text = std::fs::read_to_string(common::fixtures().join("report.txt")).unwrap();
    for f in [
        "report_rotate90.pdf",
        "report_rotate270.pdf",
        "report_form.pdf",
    ] {
        let view = read(f).unwrap();
        assert_eq!(view.text, text, "{f}");
    }
}

#[test]
fn damaged_xref_is_rebuilt() {
    same_as_text("trap_bad_xref.pdf", "report.txt");
    let view = read("trap_bad_xref.pdf").unwrap();
    assert!(
        view.notes.iter().any(|n| n.contains("重建")),
        "{:?}",
        view.notes
    );
}

#[test]
fn traps_get_their_messages() {
    let msg = |f: &str| read(f).expect_err(f);
    assert_eq!(msg("trap_not_pdf.pdf"), PdfError::NotPdf);
    assert_eq!(msg("trap_password.pdf"), PdfError::Password);
    assert_eq!(msg("trap_scanned.pdf"), PdfError::Scanned);
    for e in [
        PdfError::NotPdf,
        PdfError::Password,
        PdfError::Scanned,
        PdfError::Damaged,
        PdfError::Font("ABCDEF+SimSun".into()),
    ] {
        let m = e.message_zh();
        assert!(
            m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{m}"
        );
    }
    assert!(PdfError::Font("ABCDEF+SimSun".into())
        .message_zh()
        .contains("ABCDEF+SimSun"));
    assert!(msg("trap_password.pdf").message_zh().contains("密码"));
    assert!(msg("trap_scanned.pdf").message_zh().contains("扫描件"));
}

#[test]
fn truncated_file_says_damaged() {
    // The cut falls before the page contents: nothing is left to read, and the message says
    // the file is damaged (never "no tables found").
    assert_eq!(read("trap_truncated.pdf"), Err(PdfError::Damaged));
    // Cut later, what survives reads, and never a cell the report does not have.
    let bytes = std::fs::read(common::fixtures().join("report.pdf")).unwrap();
    let text = std::fs::read_to_string(common::fixtures().join("report.txt")).unwrap();
    let want = cells(&text);
    for cut in [bytes.len() * 3 / 4, bytes.len() * 9 / 10, bytes.len() - 40] {
        if let Ok(v) = read_pdf(&bytes[..cut]) {
            for (p, c) in cells(&v.text) {
                if let (Some(c), Some((_, Some(w)))) = (&c, want.iter().find(|(q, _)| *q == p)) {
                    assert_eq!(c, w, "{p} (cut at {cut})");
                }
            }
        }
    }
}

#[test]
fn vertical_writing_reads_top_to_bottom() {
    let v = read("trap_vertical.pdf").unwrap();
    assert!(v.text.contains("本年度办理结果"), "{}", v.text);
}

#[test]
fn every_prefix_of_a_fixture_is_handled_without_panic() {
    let bytes = std::fs::read(common::fixtures().join("report_objstm.pdf")).unwrap();
    for cut in (0..bytes.len()).step_by(97) {
        let _ = read_pdf(&bytes[..cut]);
    }
    let mut flipped = bytes.clone();
    for i in (0..flipped.len()).step_by(53) {
        flipped[i] ^= 0x5a;
        let _ = read_pdf(&flipped);
    }
}

#[test]
fn chromium_printed_report_reads_like_its_text() {
    same_as_text("report_chromium.pdf", "report_chromium.txt");
    let view = read("report_chromium.pdf").unwrap();
    let text = std::fs::read_to_string(common::fixtures().join("report_chromium.txt")).unwrap();
    assert_eq!(
        view.text, text,
        "the text view is the typed text, line for line"
    );
}

#[test]
fn chromium_printed_report_without_outer_frame() {
    // border-style:hidden: no rule on any side of the tables, inner rules only.
    let view = read("report_chromium_noframe.pdf").unwrap();
    let text =
        std::fs::read_to_string(common::fixtures().join("report_chromium_noframe.txt")).unwrap();
    assert_eq!(view.text, text);
}

#[test]
fn chromium_printed_report_without_rules_reads_by_alignment() {
    // No ruling lines at all: rows come from text lines, cells from the gaps between words.
    same_as_text("report_chromium_norules.pdf", "report_chromium_norules.txt");
    // Horizontal rules only (a 三线表-like table): rows by alignment too.
    same_as_text("report_chromium_hrules.pdf", "report_chromium_hrules.txt");
    // … where each band between two rules is a row with its cells TAB-separated.
    let view = read("report_chromium_hrules.pdf").unwrap();
    assert!(
        view.text.contains("\n（七）总计\t0\t0\t0\t0\t0\t0\t0\n"),
        "{}",
        view.text
    );
}

#[test]
fn undecodable_fonts_are_named() {
    // Identity-H without ToUnicode: codes are glyph ids, no text can be trusted.
    let e = read("trap_font_no_tounicode.pdf").expect_err("no text");
    assert_eq!(e, PdfError::Font("SimSun".into()));
    // GBK-EUC-H without ToUnicode: decoding needs a GBK table the page does not carry.
    let e = read("trap_font_gbk.pdf").expect_err("no text");
    assert_eq!(e, PdfError::Font("SimSun".into()));
    assert!(e.message_zh().contains("SimSun"));
}

#[test]
fn random_damage_never_panics() {
    // Deterministic xorshift: bytes overwritten, runs deleted and duplicated, in every fixture.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let names: Vec<std::path::PathBuf> = std::fs::read_dir(common::fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        for _ in 0..20 {
            let mut b = bytes.clone();
            for _ in 0..1 + rnd() % 8 {
                if b.is_empty() {
                    break;
                }
                let at = (rnd() as usize) % b.len();
                match rnd() % 3 {
                    0 => b[at] = rnd() as u8,
                    1 => {
                        let end = (at + (rnd() as usize) % 64).min(b.len());
                        b.drain(at..end);
                    }
                    _ => {
                        let end = (at + (rnd() as usize) % 64).min(b.len());
                        let run = b[at..end].to_vec();
                        b.splice(at..at, run);
                    }
                }
            }
            let _ = read_pdf(&b);
        }
    }
}

#[test]
fn libreoffice_printed_report_reads_like_its_text() {
    // Simple TrueType fonts (WinAnsi + ToUnicode), several subsets of one font.
    same_as_text("report_libreoffice.pdf", "report_libreoffice.txt");
}

#[test]
fn fonts_without_tounicode_decode_by_their_encoding() {
    // UniGB-UCS2-H, UniGB-UTF16-H (with a surrogate pair) and a Type1 font whose
    // Differences name glyphs uni5E74/uni62A5.
    let v = read("fonts_cmaps.pdf").unwrap();
    assert_eq!(v.text, "主动公开\n申请𠀀\nAb年报 12\n");
}

#[test]
fn many_streams_without_endstream_finish() {
    // No xref, 20 000 streams whose /Length is wrong and no `endstream` anywhere: the rebuild
    // scans forward once, not once per stream (this test would take hours otherwise).
    let mut b = b"%PDF-1.4\n".to_vec();
    for i in 1..20_000 {
        b.extend_from_slice(
            format!("{i} 0 obj\n<< /Length 999999 >>\nstream\nxxxxxxxxxxxxxxxx\n").as_bytes(),
        );
    }
    assert_eq!(read_pdf(&b), Err(PdfError::Damaged));
}

#[test]
fn overprinted_fake_bold_reads_once() {
    let v = read("trap_fakebold.pdf").unwrap();
    assert_eq!(v.text, "政府信息公开工作年度报告\n正文\n");
}

#[test]
fn a_300_page_report_reads_its_tables_on_its_last_pages() {
    // scripts/fixtures/make_long_pdf.py: report.pdf's report with 296 pages of prose first.
    let name = "../pdf-large/report_300_pages.pdf";
    same_as_text(name, "report.txt");
    let view = read(name).unwrap();
    assert_eq!(view.page_starts.len(), 300);
    let at = view
        .text
        .find("三、收到和处理政府信息公开申请情况")
        .expect("table 三's heading");
    let page = view.page_starts.iter().filter(|&&s| s <= at).count();
    assert!(
        (297..=300).contains(&page),
        "table 三 starts on page {page}"
    );
}
