//! The real published report (../shared/corpus/originals, never committed) reads cell-exact.

mod common;

#[test]
fn huaian_reads_cell_exact() {
    let Some(dir) = common::originals() else {
        eprintln!("SKIP: ../shared/corpus/originals is absent (a stranger's clone): the real PDF is not in the repository");
        return;
    };
    let bytes = std::fs::read(dir.join("f2021_2024_huaian-shi.pdf")).expect("pdf");
    let truth =
        std::fs::read_to_string(dir.join("f2021_2024_huaian-shi.truth.json")).expect("truth");
    let cells = common::truth_cells(&truth);
    assert_eq!(cells.len(), 200);
    let view = nianbao_pdf::read_pdf(&bytes).expect("reads");
    assert_eq!(view.page_starts.len(), 6);
    let bad = common::compare(&view.text, &cells);
    assert!(
        bad.is_empty(),
        "{} cells differ:\n{}\n--- text view ---\n{}",
        bad.len(),
        bad.join("\n"),
        view.text
    );
    // A paragraph wrapped over lines and over the page 1/2 break is one line.
    assert!(view
        .text
        .lines()
        .any(|l| l.contains("“建设‘四最’一流营商环境高质量推进产业发展”")
            && l.starts_with("（一）主动公开情况")));
    assert!(view.page_starts.windows(2).all(|w| w[0] < w[1]));
    // Page numbers are not text.
    assert!(!view.text.lines().any(|l| l.trim() == "-4-"));
    let checked = nianbao_core::check(&view.text);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == nianbao_core::Severity::Error)
        .map(|d| format!("{:?}", d.code))
        .collect();
    assert!(
        errors.is_empty(),
        "all balance rules hold in this report: {errors:?}"
    );
    // The findings its text gives: a report whose every cell is read and every rule holds gives
    // none (the truth file's cells), and so does the text poppler lays out from the same PDF
    // (`pdftotext -layout`, the copy-paste the folder's README says must read to the truth).
    assert_eq!(common::codes(&view.text), Vec::<String>::new());
    match std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(dir.join("f2021_2024_huaian-shi.pdf"))
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => {
            let layout = String::from_utf8(out.stdout).expect("utf-8");
            assert_eq!(common::codes(&view.text), common::codes(&layout));
        }
        _ => eprintln!("SKIP: pdftotext (Debian poppler-utils) is not installed: the text form is not compared"),
    }
}
