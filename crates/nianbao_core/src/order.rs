//! The one sort of the core. The standard library's sorts are monomorphised per element type and
//! comparator, and each copy of driftsort/ipnsort costs kilobytes of wasm; the page ships every
//! copy. Here the sorting itself runs once, on indices behind a `dyn` comparator, and each call
//! site only adds a small in-place permutation. Stable, O(n log n). Pairs keyed by a `u32`
//! (hashes, offsets) have a radix sort of their own: no comparator at all.

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

/// Pairs sorted by their first field, equal ones kept in their given order: a radix sort, one
/// stable pass per byte. For the hundreds of cell-path hashes and text offsets of every report,
/// where [`sort_by`]'s comparator behind a `dyn` is slow.
pub fn radix_sort_pairs(pairs: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    let mut from = pairs;
    let mut to = vec![(0, 0); from.len()];
    for shift in [0, 8, 16, 24] {
        let digit = |key: u32| (key >> shift) as u8 as usize;
        let mut starts = [0usize; 256];
        for &(key, _) in &from {
            starts[digit(key)] += 1;
        }
        let mut sum = 0;
        for start in &mut starts {
            (*start, sum) = (sum, sum + *start);
        }
        for &pair in &from {
            let slot = &mut starts[digit(pair.0)];
            to[*slot] = pair;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    from
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
    fn radix_sort_matches_the_standard_stable_sort() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for n in [0, 1, 2, 7, 300, 1000] {
            let pairs: Vec<(u32, u32)> = (0..n as u32)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Few distinct hashes among many pairs: ties must keep index order.
                    let hash = if n > 500 { (x % 97) as u32 } else { x as u32 };
                    (hash, i)
                })
                .collect();
            let mut expected = pairs.clone();
            expected.sort_by_key(|&(h, _)| h);
            assert_eq!(radix_sort_pairs(pairs), expected, "{n} pairs");
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
