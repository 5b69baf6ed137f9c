//! Feature hashing: a feature is a template id plus a string, folded to a
//! 32-bit key so that no string is allocated while tagging. Collisions
//! merge features, which the training data has already seen and weighed.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// An incremental FNV-1a hash of a feature's parts.
#[derive(Clone, Copy)]
pub struct FeatureHash(u64);

impl FeatureHash {
    pub fn template(id: u8) -> Self {
        FeatureHash(FNV_OFFSET).byte(id)
    }

    pub fn byte(self, b: u8) -> Self {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME))
    }

    pub fn str(self, s: &str) -> Self {
        s.bytes().fold(self, FeatureHash::byte).byte(0xff)
    }

    /// The lower-cased string, hashed without allocating.
    pub fn lower(self, s: &str) -> Self {
        let mut h = self;
        for c in s.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            h = c.encode_utf8(&mut buf).bytes().fold(h, FeatureHash::byte);
        }
        h.byte(0xff)
    }

    pub fn finish(self) -> u32 {
        let x = self.0 ^ (self.0 >> 29);
        (x ^ (x >> 32)) as u32
    }
}

/// Keys are hashes already: the map need not hash them again.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bits so hashbrown's top-7-bit control bytes vary.
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub type KeyMap<V> = std::collections::HashMap<u32, V, BuildHasherDefault<IdentityHasher>>;
