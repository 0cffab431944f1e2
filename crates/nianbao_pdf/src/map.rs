//! A small open-addressing map from object numbers / character codes (u32) to values: std's
//! HashMap (SipHash, hashbrown) cost kilobytes of wasm per value type here.

pub struct U32Map<V> {
    keys: Vec<u32>,
    vals: Vec<Option<V>>,
    len: usize,
}

impl<V> Default for U32Map<V> {
    fn default() -> Self {
        U32Map {
            keys: Vec::new(),
            vals: Vec::new(),
            len: 0,
        }
    }
}

impl<V> U32Map<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn clear(&mut self) {
        self.keys.clear();
        self.vals.clear();
        self.len = 0;
    }

    /// The slot holding `k`, or the empty slot where it would go (capacity is never full).
    fn slot(&self, k: u32) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = (k.wrapping_mul(0x9E37_79B1) as usize) & mask;
        while self.vals[i].is_some() && self.keys[i] != k {
            i = (i + 1) & mask;
        }
        i
    }

    pub fn get(&self, k: &u32) -> Option<&V> {
        if self.keys.is_empty() {
            return None;
        }
        self.vals[self.slot(*k)].as_ref()
    }

    pub fn contains_key(&self, k: &u32) -> bool {
        self.get(k).is_some()
    }

    fn grow(&mut self) {
        if (self.len + 1) * 2 <= self.keys.len() {
            return;
        }
        let cap = (self.keys.len() * 2).max(16);
        let keys = std::mem::replace(&mut self.keys, vec![0; cap]);
        let vals = std::mem::replace(&mut self.vals, (0..cap).map(|_| None).collect());
        for (k, v) in keys.into_iter().zip(vals) {
            if v.is_some() {
                let i = self.slot(k);
                self.keys[i] = k;
                self.vals[i] = v;
            }
        }
    }

    /// Inserts or replaces.
    pub fn insert(&mut self, k: u32, v: V) {
        self.grow();
        let i = self.slot(k);
        if self.vals[i].is_none() {
            self.len += 1;
        }
        self.keys[i] = k;
        self.vals[i] = Some(v);
    }

    /// Inserts only when `k` is absent (an older xref section never overrides a newer one).
    pub fn insert_absent(&mut self, k: u32, v: V) {
        if !self.contains_key(&k) {
            self.insert(k, v);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&u32, &V)> {
        self.keys
            .iter()
            .zip(&self.vals)
            .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
    }

    pub fn keys(&self) -> impl Iterator<Item = &u32> {
        self.iter().map(|(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn insert_get_replace_grow() {
        let mut m = super::U32Map::new();
        for k in 0..1000u32 {
            m.insert(k * 7919, k);
        }
        m.insert_absent(7919, 5);
        m.insert(0, 99);
        assert_eq!(m.len(), 1000);
        assert_eq!(m.get(&7919), Some(&1));
        assert_eq!(m.get(&0), Some(&99));
        assert_eq!(m.get(&3), None);
        assert_eq!(m.keys().count(), 1000);
        m.clear();
        assert!(m.is_empty() && m.get(&0).is_none());
    }
}
