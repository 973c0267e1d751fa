//! Numbers from a seed the host gives (`id_seed`): request ids and the issued tokens' letters.
//! Deterministic for a seed, so a snapshot restores the same sequence; unguessable only as far
//! as the seed is (the server draws it from the standard library's random keys and the clock).

use std::hash::{DefaultHasher, Hasher};

use serde::{Deserialize, Serialize};

/// The splitmix64 finalizer: a bijection on `u64`, so distinct inputs give distinct values.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// SipHash (the standard library's, with fixed keys) of `key` and `n`.
pub fn keyed(key: u64, n: u64) -> u64 {
    let mut h = DefaultHasher::new();
    h.write_u64(key);
    h.write_u64(n);
    h.finish()
}

/// Request ids: 16 hex digits of a keyed hash of a counter, then 16 hex digits of a bijective
/// mix of (counter + key), which makes them distinct for 2^64 requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestIds {
    key: u64,
    counter: u64,
}

impl RequestIds {
    pub fn new(seed: u64) -> RequestIds {
        RequestIds {
            key: mix(seed ^ 0x5eed_0000_1d5e_ed00),
            counter: 1,
        }
    }

    /// The next id: 32 lower-case hex digits.
    pub fn next_id(&mut self) -> String {
        let n = self.counter;
        self.counter = self.counter.wrapping_add(1);
        format!(
            "{:016x}{:016x}",
            keyed(self.key, n),
            mix(n.wrapping_add(self.key))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_32_hex_and_distinct() {
        let mut ids = RequestIds::new(7);
        let a = ids.next_id();
        let b = ids.next_id();
        assert_eq!(a.len(), 32);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
        assert_ne!(RequestIds::new(8).next_id(), a, "another seed, other ids");
    }
}
