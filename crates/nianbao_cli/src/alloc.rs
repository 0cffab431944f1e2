//! The allocator: mimalloc, told to give freed memory back to the system at once when a run
//! checks one input.

/// A batch allocates and frees thousands of small vectors per report; mimalloc's per-thread
/// free lists made a batch of 5,000 reports take 15 % less CPU than glibc's malloc. Built
/// without transparent huge pages (Cargo.toml: `no_thp`): with them, checking a 10 MB text
/// zeroed 2 MB pages it barely used, took 0.33 s instead of 0.13 s and peaked at 83 MB, not 61.
/// mimalloc 2 (Cargo.toml: `v2`), not 3: 3 keeps freed memory for a second before returning
/// it, so each phase of a check (tokens, then the prose stream, then the JSON) took new pages
/// and a 2 MB text peaked at 10-36x its size; with 2 it is 6-23x (issue 14).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 2's `mi_option_t` (include/mimalloc.h: the 16th
/// option, after `mi_option_eager_commit_delay` = 14, which libmimalloc-sys names);
/// libmimalloc-sys has no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed pages go back to the system at once, not 10 ms later (mimalloc's default). A check
/// works in phases (tokens, tables, the prose stream, the JSON), each freeing large vectors
/// the next one does not fit into; with the delay every phase took fresh pages while the
/// last one's were still held, and the peak RSS was up to twice the live heap (a 2 MB text
/// of old tables: 21x its size, 15x without the delay; `|` runs: 18.8x, 10.8x). The cost
/// is a `madvise` per freed span and the page faults of memory taken again: 0-0.03 s on an
/// 8 MB text, 0.1 s (15 %) on 8 MB of old tables, 2 % on a batch of normal reports, so it is
/// set for a run of one input only (`run_check`; BENCHMARKS.md, issue 14). Called before any
/// worker thread starts.
pub fn return_freed_memory_at_once() {
    // Safety: `mi_option_set` takes no pointer: it stores an integer into mimalloc's option
    // table (ignoring an option out of range), read each time a purge is scheduled. A plain
    // store, so it is called before any other thread exists.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(unsafe_code)]
    fn purge_delay() -> std::os::raw::c_long {
        // Safety: reads an integer from mimalloc's option table.
        unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) }
    }

    #[test]
    fn option_15_is_the_purge_delay() {
        // Its documented default (10 ms) unless the environment overrides it: the neighbours
        // (14 eager_commit_delay = 1, 16 use_numa_nodes = 0) have other defaults.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay(), 10);
        }
    }

    /// Sets the option, so it runs in a process of its own with no other test's thread
    /// allocating meanwhile (`setting_it_gives_zero`).
    #[test]
    #[ignore = "run alone by setting_it_gives_zero"]
    fn set_alone() {
        return_freed_memory_at_once();
        assert_eq!(purge_delay(), 0);
    }

    #[test]
    fn setting_it_gives_zero() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "alloc::tests::set_alone", "--ignored"])
            .arg("--test-threads=1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{stdout}"
        );
    }
}
