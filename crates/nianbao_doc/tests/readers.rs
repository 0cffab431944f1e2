//! The readers' rules one at a time: tracked changes, fields, content controls, merges,
//! HTML shapes, charset sniffing, unsupported files, damaged archives.

use nianbao_doc::{read_document, read_document_xml, read_html, sniff_html_charset, ReadError};

fn body(inner: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{inner}</w:body></w:document>"#)
}

fn p(runs: &str) -> String {
    format!("<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>{runs}</w:p>")
}

fn r(t: &str) -> String {
    format!("<w:r><w:rPr><w:sz w:val=\"21\"/></w:rPr><w:t>{t}</w:t></w:r>")
}

#[test]
fn accepted_changes_fields_and_controls() {
    let xml = body(&[
        p(&format!(
            "{}<w:del w:id=\"1\"><w:r><w:delText>99</w:delText></w:r></w:del><w:ins w:id=\"2\">{}</w:ins>",
            r("规章"),
            r("12")
        )),
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> =SUM(LEFT) 777 </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r("34")
        )),
        p(&format!("<w:fldSimple w:instr=\" PAGE \">{}</w:fldSimple>", r("5"))),
        p(&format!(
            "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/><w:placeholder><w:docPart w:val=\"y\"/></w:placeholder></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
            r("6")
        )),
        p(&format!(
            "{}<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"a\"/>{}<w:bookmarkEnd w:id=\"0\"/>{}<w:r><w:tab/></w:r>{}<w:r><w:br/></w:r>{}",
            r("行政"),
            r("许可"),
            r("&amp;"),
            r("7"),
            r("８")
        )),
    ]
    .concat());
    assert_eq!(
        read_document_xml(&xml),
        "规章12\n34\n5\n6\n行政许可&\t7\n８\n"
    );
}

fn tc(pr: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(&r(text)))
}

#[test]
fn merges_write_one_field_per_cell_and_an_empty_field_below_a_vertical_merge() {
    let xml = body(&format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        tc("<w:gridSpan w:val=\"2\"/>", "甲"),
        tc("", "乙"),
        tc("<w:vMerge w:val=\"restart\"/>", "（三）不予公开"),
        tc("", "1.属于国家秘密"),
        tc("", "0"),
        tc("<w:vMerge/>", ""),
        tc("", "2.其他"),
        tc("", "　"),
    ));
    assert_eq!(
        read_document_xml(&xml),
        "甲\t乙\n（三）不予公开\t1.属于国家秘密\t0\n\t2.其他\t\n"
    );
}

#[test]
fn a_line_break_inside_a_cell_joins_the_label() {
    let xml = body(&format!(
        "<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&format!(
            "{}<w:r><w:br/></w:r>{}",
            r("本年新"),
            r("制作数量")
        )),
        p(&r("x")),
        p(&r("3"))
    ));
    assert_eq!(read_document_xml(&xml), "本年新 制作数量 x\t3\n");
}

#[test]
fn html_rowspan_colspan_paragraphs_and_blanks() {
    let html = "<table><tr><td colspan=3>申请人情况</td></tr>\
        <tr><td rowspan=2>（三）不予<br>公开</td><td><p>1.属于</p><p>国家秘密</p></td><td>&#49;0</td></tr>\
        <tr><td>2.其他</td><td>&nbsp;</td></tr></table><p>结尾&lt;段&gt;</p>";
    assert_eq!(
        read_html(html).text(),
        "申请人情况\n（三）不予 公开\t1.属于 国家秘密\t10\n\t2.其他\t\n结尾<段>\n"
    );
}

#[test]
fn html_without_end_tags_and_with_word_comments() {
    let html = "<!--[if gte mso 9]><xml><w:x>5</w:x></xml><![endif]--><style>td{x:1}</style>\
        <script>if (a<b) {}</script><table><tr><td>规章<td>1<td><![if !supportLists]>2<![endif]>\
        <tr><td>x<!-- 9 --><td>3</table>";
    assert_eq!(read_html(html).text(), "规章\t1\t2\nx\t3\n");
}

#[test]
fn a_table_holding_tables_is_a_layout_frame() {
    let html = "<table><tr><td><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>";
    let doc = read_html(html);
    assert_eq!(doc.text(), "标题\n规章\t1\n");
    assert_eq!(doc.notes.len(), 1);
}

#[test]
fn charset_is_sniffed_for_the_front_ends() {
    assert_eq!(
        sniff_html_charset(b"<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">")
            .as_deref(),
        Some("gb2312")
    );
    assert_eq!(
        sniff_html_charset(b"<meta charset='GBK'>").as_deref(),
        Some("gbk")
    );
    assert_eq!(sniff_html_charset(b"<p>no</p>"), None);
    // GBK bytes named by their meta: the caller must decode first.
    let gbk = b"<meta charset=\"gbk\"><p>\xb9\xe6\xd5\xc2</p>";
    assert_eq!(
        read_document(gbk, "a.htm"),
        Err(ReadError::Charset("gbk".into()))
    );
}

#[test]
fn unsupported_files_say_what_to_do() {
    let cases: [(&[u8], &str, &str); 5] = [
        (b"%PDF-1.7\n", "a.pdf", "PDF"),
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "a.doc",
            "另存为",
        ),
        (b"\x89PNG\r\n\x1a\n", "a.png", "图片"),
        (b"{\\rtf1\\ansi", "a.rtf", "另存为"),
        (
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
            "a.zip",
            "压缩包",
        ),
    ];
    for (bytes, name, word) in cases {
        let e = read_document(bytes, name).unwrap_err();
        assert!(e.message_zh().contains(word), "{name}: {}", e.message_zh());
    }
    assert_eq!(
        read_document("一、总体情况".as_bytes(), "a.txt"),
        Err(ReadError::NotADocument)
    );
}

#[test]
fn damaged_archives_fail_cleanly() {
    let good = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/docs/seeds_002_3fca4d743e11907b.docx"),
    )
    .unwrap();
    assert!(read_document(&good, "a.docx").is_ok());
    // Every truncation and a byte flipped every 97 bytes: an error or a reading, never a panic.
    for cut in (0..good.len()).step_by(251) {
        let _ = read_document(&good[..cut], "a.docx");
    }
    for at in (0..good.len()).step_by(97) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        let _ = read_document(&bad, "a.docx");
    }
}

#[test]
fn hostile_markup_stays_linear_and_bounded() {
    // An open quote followed by many '>' (once quadratic), deep nesting, huge spans, a
    // rowspan over thousands of rows, tag soup: each must come back, with bounded output.
    let open_quote = format!("<td a=\"{}", ">".repeat(200_000));
    let _ = read_html(&open_quote);
    let deep = "<table><tr><td>".repeat(5_000);
    assert!(read_html(&deep).text().len() < 100_000);
    let wide = format!(
        "<table>{}{}</table>",
        "<tr><td rowspan=10000 colspan=1000>x</td>".repeat(2_000),
        "<tr><td>y</td></tr>".repeat(20_000)
    );
    let doc = read_html(&wide);
    assert!(doc.text().len() < 2_000_000, "{} bytes", doc.text().len());
    let soup: String = (0..50_000u32)
        .map(|i| {
            [
                "<", ">", "</td", "<tr", "&", "&#x", ";", "\"", "<!--", "-->", "<![", "td", "x",
            ][(i.wrapping_mul(2_654_435_761) >> 28) as usize % 13]
        })
        .collect();
    let _ = read_html(&soup);
    let xml = format!(
        "<w:document><w:body>{}{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(5_000),
        "<w:p><w:r><w:t>1</w:t></w:r></w:p>"
    );
    let _ = read_document_xml(&xml);
    let _ = read_document_xml(&soup);
}

#[test]
fn a_table_in_a_text_box_stays_a_table() {
    let xml = body(&format!(
        "<w:p>{}<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>{}\
         <w:tbl><w:tr>{}{}</w:tr></w:tbl></w:txbxContent></w:drawing></mc:Choice>\
         <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback>\
         </mc:AlternateContent></w:r></w:p>",
        r("前"),
        p(&r("框内")),
        tc("", "规章"),
        tc("", "3"),
        p(&r("副本"))
    ));
    assert_eq!(read_document_xml(&xml), "前 框内\n规章\t3\n");
}
