//! One snapshot per seed and corpus text in biome's shape (`# Input`: the cells as read, each with
//! its readable name and printed text; `# Diagnostics`: each with the input line it points at;
//! `# Repairs`), so a reviewer sees input and output together (`cargo insta review` after a
//! deliberate change). A snapshot that differs fails (insta); one whose fixture is gone fails
//! `every_snapshot_has_its_fixture`.

mod common;

#[test]
fn every_fixture_matches_its_snapshot() {
    insta::glob!("../../../tests/fixtures", "{seeds,corpus}/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let checked = nianbao_core::check(&text);
        insta::assert_snapshot!(common::render(&text, &checked));
    });
}

/// A snapshot whose fixture is gone is stale: it fails here instead of lingering (insta itself
/// fails only on snapshots that differ).
#[test]
fn every_snapshot_has_its_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let prefix = "snapshots__every_fixture_matches_its_snapshot@";
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/snapshots") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(fixture) = name
            .strip_prefix(prefix)
            .and_then(|n| n.strip_suffix(".snap"))
        else {
            stale.push(name);
            continue;
        };
        if !common::fixtures()
            .join(fixture.replace("__", "/"))
            .is_file()
        {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale snapshots in tests/snapshots: {stale:?}"
    );
}
