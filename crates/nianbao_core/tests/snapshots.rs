//! One snapshot per seed and corpus text: the cells as read and every diagnostic, so a
//! reviewer sees input and output together (`cargo insta review` after a deliberate change).

mod common;

#[test]
fn every_fixture_matches_its_snapshot() {
    insta::glob!("../../../tests/fixtures", "{seeds,corpus}/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = nianbao_core::check(&text);
        insta::assert_snapshot!(common::render(&text, &checked));
    });
}
