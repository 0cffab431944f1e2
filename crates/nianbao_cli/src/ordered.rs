//! Work on many threads, results in input order: each worker takes the next input as soon as it
//! is free (no batch waits for its slowest report), and whichever worker finishes the earliest
//! result not yet handed on hands it on, with every later one already waiting. No thread sits
//! between the workers and the output, so no result costs a wake-up. At most `WINDOW` results
//! wait at once, so memory stays small however many files a batch has.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

/// Finished results allowed to wait for an earlier, slower one.
const WINDOW: usize = 64;

struct State<T, E> {
    /// How many results have been handed on.
    done: usize,
    /// Finished results waiting for an earlier one, at their index modulo `WINDOW`.
    waiting: Vec<Option<T>>,
    /// `emit` said stop (or a worker panicked).
    stop: bool,
    /// Workers asleep until `done` moves (so that nobody else pays for a wake-up call).
    sleepers: usize,
    emit: E,
}

/// Calls `work(i)` for every `i` in `0..count` on `threads` worker threads, and `emit` with the
/// results in order of `i`, one call at a time. When `emit` returns `false`, no further work
/// starts and no further result is emitted.
pub fn for_each_in_order<T: Send, E: FnMut(T) -> bool + Send>(
    count: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    emit: E,
) {
    let next = AtomicUsize::new(0);
    let state = Mutex::new(State {
        done: 0,
        waiting: (0..WINDOW).map(|_| None).collect(),
        stop: false,
        sleepers: 0,
        emit,
    });
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, count.max(1)) {
            let (next, state, moved, work) = (&next, &state, &moved, &work);
            scope.spawn(move || {
                // Should `work` panic, the others must not wait for its result forever.
                let _wake_on_panic = WakeOnPanic { state, moved };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        return;
                    }
                    {
                        let mut s = lock(state);
                        while i >= s.done + WINDOW && !s.stop {
                            s.sleepers += 1;
                            s = moved.wait(s).unwrap_or_else(|e| e.into_inner());
                            s.sleepers -= 1;
                        }
                        if s.stop {
                            return;
                        }
                    }
                    let result = work(i);
                    let mut guard = lock(state);
                    let s = &mut *guard;
                    if s.stop {
                        return;
                    }
                    s.waiting[i % WINDOW] = Some(result);
                    let before = s.done;
                    while let Some(ready) = s.waiting[s.done % WINDOW].take() {
                        s.done += 1;
                        if !(s.emit)(ready) {
                            s.stop = true;
                            break;
                        }
                    }
                    if (s.done != before || s.stop) && s.sleepers > 0 {
                        moved.notify_all();
                    }
                }
            });
        }
    });
}

fn lock<T, E>(state: &Mutex<State<T, E>>) -> MutexGuard<'_, State<T, E>> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// Stops every worker if the thread holding it unwinds.
struct WakeOnPanic<'a, T, E> {
    state: &'a Mutex<State<T, E>>,
    moved: &'a Condvar,
}

impl<T, E> Drop for WakeOnPanic<'_, T, E> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.state).stop = true;
            self.moved.notify_all();
        }
    }
}

/// Worker threads when `--jobs` is not given: one per core.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_whatever_order_they_finish_in() {
        for threads in [1, 2, 7] {
            let mut got = Vec::new();
            for_each_in_order(
                300,
                threads,
                |i| {
                    // Some inputs are slow, so later ones finish first.
                    if i % 50 == 0 {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    i * 2
                },
                |r| {
                    got.push(r);
                    true
                },
            );
            assert_eq!(got, (0..300).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn emit_returning_false_stops_the_work() {
        let started = AtomicUsize::new(0);
        let mut got = Vec::new();
        for_each_in_order(
            100_000,
            4,
            |i| {
                started.fetch_add(1, Ordering::Relaxed);
                i
            },
            |r| {
                got.push(r);
                r < 9
            },
        );
        assert_eq!(got, (0..10).collect::<Vec<_>>());
        // Nothing runs further ahead than the window (plus one input per thread already taken).
        assert!(started.load(Ordering::Relaxed) <= 10 + WINDOW + 4);
    }

    #[test]
    fn a_panicking_worker_does_not_leave_the_others_waiting() {
        let outcome = std::panic::catch_unwind(|| {
            for_each_in_order(
                10_000,
                3,
                |i| {
                    assert!(i != 5, "input 5 fails");
                    i
                },
                |_| true,
            );
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn no_input_and_more_threads_than_inputs() {
        let mut got = Vec::new();
        for_each_in_order(
            0,
            4,
            |i| i,
            |r: usize| {
                got.push(r);
                true
            },
        );
        assert!(got.is_empty());
        for_each_in_order(
            2,
            16,
            |i| i,
            |r| {
                got.push(r);
                true
            },
        );
        assert_eq!(got, vec![0, 1]);
    }
}
