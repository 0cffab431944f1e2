//! Finding many short label keys in canonical text in one pass (a small multi-pattern
//! matcher: keys are grouped by first character, checked only where a key's first two
//! characters may occur).

/// A set of keys, each with a caller-chosen id.
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    /// The characters of every key, one after another (one allocation, not one per key).
    chars: Vec<char>,
    /// Each key: its range in `chars` and its id.
    keys: Vec<(u32, u32, usize)>,
    /// Distinct first characters, sorted, with the range of `order` holding their keys.
    firsts: Vec<(char, u32, u32)>,
    order: Vec<u32>,
    /// A bit per hash of every key's first two characters: a cheap "no key starts here" test
    /// that label text seldom passes, so its branch is seldom mispredicted. All bits are set
    /// when a key has a single character.
    pairs: [u64; 16],
}

/// The bit of `pairs` for two characters.
fn pair_bit(a: char, b: char) -> usize {
    ((a as u32).wrapping_mul(0x9E37_79B9) ^ (b as u32).wrapping_mul(0x85EB_CA6B)) as usize >> 22
}

impl KeySet {
    pub fn new<'a>(keys: impl IntoIterator<Item = (&'a str, usize)>) -> KeySet {
        let mut chars = Vec::new();
        let mut ranges = Vec::new();
        for (key, id) in keys.into_iter().filter(|(k, _)| !k.is_empty()) {
            let start = chars.len() as u32;
            chars.extend(key.chars());
            ranges.push((start, chars.len() as u32, id));
        }
        let first = |k: &(u32, u32, usize)| chars[k.0 as usize];
        let mut order: Vec<u32> = (0..ranges.len() as u32).collect();
        crate::order::sort_by_key(&mut order, |&i| first(&ranges[i as usize]));
        let mut firsts: Vec<(char, u32, u32)> = Vec::with_capacity(order.len());
        let mut pairs = [0u64; 16];
        for &(start, end, _) in &ranges {
            if end - start < 2 {
                pairs = [u64::MAX; 16];
                break;
            }
            let bit = pair_bit(chars[start as usize], chars[start as usize + 1]);
            pairs[bit / 64] |= 1 << (bit % 64);
        }
        for (pos, &i) in order.iter().enumerate() {
            let c = first(&ranges[i as usize]);
            match firsts.last_mut() {
                Some(last) if last.0 == c => last.2 = pos as u32 + 1,
                _ => firsts.push((c, pos as u32, pos as u32 + 1)),
            }
        }
        KeySet {
            chars,
            keys: ranges,
            firsts,
            order,
            pairs,
        }
    }

    /// Calls `found(id, start, end)` for every occurrence of a key in `canon[from..to]`, in
    /// order of position.
    pub fn for_each(
        &self,
        canon: &[char],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let to = to.min(canon.len());
        for i in from..to {
            self.at(canon, i, to, &mut found);
        }
    }

    /// The first occurrence of any key: (id, start, end).
    pub fn first(&self, canon: &[char], from: usize, to: usize) -> Option<(usize, usize, usize)> {
        let to = to.min(canon.len());
        let mut best = None;
        for i in from..to {
            self.at(canon, i, to, &mut |id, s, e| {
                best.get_or_insert((id, s, e));
            });
            if best.is_some() {
                break;
            }
        }
        best
    }

    /// Keys starting at `i` and ending within `to`.
    fn at(&self, canon: &[char], i: usize, to: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let c = canon[i];
        let next = if i + 1 < to { canon[i + 1] } else { '\0' };
        let bit = pair_bit(c, next);
        if self.pairs[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        let Ok(slot) = self.firsts.binary_search_by_key(&c, |f| f.0) else {
            return;
        };
        let (_, a, b) = self.firsts[slot];
        for &k in &self.order[a as usize..b as usize] {
            let (start, end, id) = self.keys[k as usize];
            let key = &self.chars[start as usize..end as usize];
            let text = canon.get(i..to).unwrap_or_default();
            // Keys are a few characters long: compared in place, not through memcmp.
            if key.len() <= text.len() && key.iter().zip(text).all(|(k, t)| k == t) {
                found(id, i, i + key.len());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_in_order() {
        let set = KeySet::new([("国家秘密", 0), ("重复申请", 1), ("国家", 2)]);
        let canon: Vec<char> = "1属于国家秘密2重复申请".chars().collect();
        let mut found = Vec::new();
        set.for_each(&canon, 0, canon.len(), |id, s, e| found.push((id, s, e)));
        assert_eq!(found, vec![(0, 3, 7), (2, 3, 5), (1, 8, 12)]);
        assert_eq!(set.first(&canon, 4, canon.len()), Some((1, 8, 12)));
        // A key cut off by the end of the range is not found; one ending at it is.
        assert_eq!(set.first(&canon, 8, 11), None);
        assert_eq!(set.first(&canon, 3, 5), Some((2, 3, 5)));
    }

    #[test]
    fn one_character_keys_are_found_too() {
        let set = KeySet::new([("年", 0), ("国家", 1)]);
        let canon: Vec<char> = "2020年国家年".chars().collect();
        let mut found = Vec::new();
        set.for_each(&canon, 0, canon.len(), |id, s, e| found.push((id, s, e)));
        assert_eq!(found, vec![(0, 4, 5), (1, 5, 7), (0, 7, 8)]);
    }
}
