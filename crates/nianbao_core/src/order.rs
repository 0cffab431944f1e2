//! The one sort of the core. The standard library's sorts are monomorphised per element type and
//! comparator, and each copy of driftsort/ipnsort costs kilobytes of wasm; the page ships every
//! copy. Here the sorting itself runs once, on indices behind a `dyn` comparator, and each call
//! site only adds a small in-place permutation. Stable, O(n log n).

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` stably by the key `key` gives each item.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Positions `0..n` in the order `compare` gives them, equal ones in their original order.
/// Not generic, so the standard sort is compiled exactly once for the whole core.
fn stable_order(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| compare(a as usize, b as usize));
    order
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`, by following the
/// permutation's cycles with swaps. `order` is consumed (left as the identity).
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the test needs no dependency.
    fn numbers(seed: u64, n: usize) -> Vec<u64> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % 10
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        for seed in 0..200 {
            let keys = numbers(seed, seed as usize % 70);
            // (key, original position): stability shows in the second field.
            let mut ours: Vec<(u64, usize)> =
                keys.iter().copied().zip(0..).collect::<Vec<(u64, usize)>>();
            let mut std = ours.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "seed {seed}");
        }
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut words: Vec<String> = ["丙", "甲", "乙", "甲", ""].map(String::from).to_vec();
        sort(&mut words);
        assert_eq!(words, ["", "丙", "乙", "甲", "甲"].map(String::from));
        let mut reversed: Vec<u32> = (0..100).rev().collect();
        sort_by(&mut reversed, |a, b| a.cmp(b));
        assert_eq!(reversed, (0..100).collect::<Vec<u32>>());
    }
}
