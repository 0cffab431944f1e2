//! Every committed .docx and HTML fixture reads into a document model that describes its text
//! view exactly (rows are their cells joined by TAB, every line in a block), and merged cells
//! keep their grid columns.

use nianbao_core::document::Block;

#[test]
fn every_document_fixture_reads_into_a_consistent_model() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docs");
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Ok(doc) = nianbao_doc::read_document(&std::fs::read(&path).expect("file"), name) else {
            continue;
        };
        assert_eq!(doc.document.inconsistency(), None, "{name}");
        assert!(
            doc.document.rows().count() > 5,
            "{name}: tables read as rows"
        );
        read += 1;
    }
    assert!(read >= 20, "{read} documents read");
}

#[test]
fn spans_give_grid_columns_and_merges_continue() {
    let html = "<p>表三</p><table><tr><td rowspan=2 colspan=2>一</td><td>1</td></tr>\
                <tr><td>2</td></tr></table>";
    let doc = nianbao_doc::read_html(html).document;
    assert_eq!(doc.text, "表三\n一\t1\n\t2\n");
    assert!(matches!(doc.blocks[0], Block::Paragraph(_)));
    let rows: Vec<_> = doc.rows().collect();
    let merged = rows[1].cell_at(1).expect("covered");
    assert!(merged.continued && merged.column == 0 && merged.width == 2);
    let two = rows[1].cell_at(2).expect("cell");
    assert_eq!(&doc.text[two.span.range()], "2");
    assert_eq!(doc.inconsistency(), None);
}
