//! The audit log as a Merkle tree, hashed as Certificate Transparency's (RFC 9162 §2.1):
//!
//! ```text
//! leaf = SHA-256(0x00 ‖ entry bytes)        node = SHA-256(0x01 ‖ left ‖ right)
//! MTH({}) = SHA-256("")    MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of 2 < n
//! ```
//!
//! SHA-256, as the RFC, so that a party can check a root or a proof with any CT or C2SP
//! tool. Inclusion and consistency proofs are built as RFC 9162 §2.1.3.1 and §2.1.4.1 say
//! and verified with the RFC's own algorithms (§2.1.3.2, §2.1.4.2), which never see the tree.
//!
//! [`Tree`] keeps every complete, aligned subtree's hash (level 0 the leaves, level `j`
//! the hashes of `2^j` leaves), so a root at any size or a proof costs O(log n) hashes and
//! appending a leaf O(log n); memory is about twice the leaves' hashes (64 bytes a leaf).

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf: SHA-256(0x00 ‖ data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The root of the empty tree: SHA-256 of no bytes.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The largest power of two smaller than `n` (`n` ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// A Merkle tree over leaf hashes that only grows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// `levels[j][i]` is the hash of leaves `i·2^j .. (i+1)·2^j`.
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Tree {
        Tree::default()
    }

    /// A tree over these leaf hashes, in order.
    pub fn from_leaf_hashes(leaves: impl IntoIterator<Item = Hash>) -> Tree {
        let mut t = Tree::new();
        for l in leaves {
            t.push(l);
        }
        t
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// Appends a leaf hash (see [`leaf_hash`]), completing the subtrees it closes.
    pub fn push(&mut self, leaf: Hash) {
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(hash);
            if row.len() % 2 == 1 {
                return;
            }
            hash = node_hash(&row[row.len() - 2], &row[row.len() - 1]);
            level += 1;
        }
    }

    /// The leaf hash at `index`.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.levels.first()?.get(usize::try_from(index).ok()?).copied()
    }

    /// MTH of leaves `start .. start + len` (`len` ≥ 1, within the tree). The RFC's splits
    /// only ever ask for ranges whose left part is a complete subtree aligned on its size.
    fn mth(&self, start: u64, len: u64) -> Hash {
        if len.is_power_of_two() && start % len == 0 {
            let level = len.trailing_zeros() as usize;
            return self.levels[level][(start >> level) as usize];
        }
        let k = split(len);
        node_hash(&self.mth(start, k), &self.mth(start + k, len - k))
    }

    /// The root of the tree's first `size` leaves; `None` past the tree's size.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        match size {
            0 => Some(empty_root()),
            s if s <= self.size() => Some(self.mth(0, s)),
            _ => None,
        }
    }

    /// The root of the whole tree.
    pub fn root(&self) -> Hash {
        self.root_at(self.size()).unwrap_or_else(empty_root)
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves
    /// (RFC 9162 §2.1.3.1); `None` unless `index < size ≤ self.size()`.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Option<Vec<Hash>> {
        if index >= size || size > self.size() {
            return None;
        }
        let mut proof = Vec::new();
        self.path(index, 0, size, &mut proof);
        Some(proof)
    }

    /// PATH(m, D[start : start + n]), deepest sibling first.
    fn path(&self, m: u64, start: u64, n: u64, out: &mut Vec<Hash>) {
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < k {
            self.path(m, start, k, out);
            out.push(self.mth(start + k, n - k));
        } else {
            self.path(m - k, start + k, n - k, out);
            out.push(self.mth(start, k));
        }
    }

    /// The consistency proof that the tree of the first `old` leaves is a prefix of the tree
    /// of the first `new` (RFC 9162 §2.1.4.1); `None` unless `old ≤ new ≤ self.size()`. Empty
    /// when `old` is 0 or equals `new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Option<Vec<Hash>> {
        if old > new || new > self.size() {
            return None;
        }
        let mut proof = Vec::new();
        if old > 0 && old < new {
            self.subproof(old, 0, new, true, &mut proof);
        }
        Some(proof)
    }

    /// SUBPROOF(m, D[start : start + n], b).
    fn subproof(&self, m: u64, start: u64, n: u64, whole: bool, out: &mut Vec<Hash>) {
        if m == n {
            if !whole {
                out.push(self.mth(start, n));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            self.subproof(m, start, k, whole, out);
            out.push(self.mth(start + k, n - k));
        } else {
            self.subproof(m - k, start + k, n - k, false, out);
            out.push(self.mth(start, k));
        }
    }
}

/// Shifts `fn_` and `sn` right together until `fn_`'s lowest bit is set or it is 0.
fn shift_to_set_bit(fn_: &mut u64, sn: &mut u64) {
    while *fn_ != 0 && *fn_ & 1 == 0 {
        *fn_ >>= 1;
        *sn >>= 1;
    }
}

/// Whether `proof` shows leaf `leaf` at `index` in the tree of `size` leaves whose root is
/// `root` (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            shift_to_set_bit(&mut fn_, &mut sn);
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && r == *root
}

/// Whether `proof` shows that the tree of `old` leaves with root `old_root` is a prefix of
/// the tree of `new` leaves with root `new_root` (RFC 9162 §2.1.4.2). The empty tree is a
/// prefix of every tree (with an empty proof); equal sizes need equal roots and no proof.
pub fn verify_consistency(old: u64, new: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> bool {
    if old > new {
        return false;
    }
    if old == new {
        return proof.is_empty() && old_root == new_root;
    }
    if old == 0 {
        return proof.is_empty() && *old_root == empty_root();
    }
    if proof.is_empty() {
        return false;
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut fn_, mut sn) = (old - 1, new - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            shift_to_set_bit(&mut fn_, &mut sn);
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    fr == *old_root && sr == *new_root && sn == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// MTH straight from RFC 9162's recursive definition, over the leaves' data.
    fn naive_root(data: &[Vec<u8>]) -> Hash {
        match data.len() {
            0 => empty_root(),
            1 => leaf_hash(&data[0]),
            n => {
                let k = split(n as u64) as usize;
                node_hash(&naive_root(&data[..k]), &naive_root(&data[k..]))
            }
        }
    }

    fn tree_of(data: &[Vec<u8>]) -> Tree {
        Tree::from_leaf_hashes(data.iter().map(|d| leaf_hash(d)))
    }

    fn data(n: usize) -> Vec<Vec<u8>> {
        (0..n).map(|i| format!("entry {i}").into_bytes()).collect()
    }

    fn unhex32(s: &str) -> Hash {
        crate::unhex::<32>(s).unwrap()
    }

    #[test]
    fn split_is_the_largest_power_of_two_below() {
        assert_eq!([2, 3, 4, 5, 8, 9, 1 << 40].map(split), [1, 2, 2, 4, 4, 8, 1 << 39]);
    }

    /// The leaves and roots of transparency-dev/merkle's reference tree (`testonly`), the
    /// test data of the CT implementations: leaf `i` is the byte string below.
    #[test]
    fn roots_match_the_certificate_transparency_reference_vectors() {
        let leaves: [&[u8]; 8] = [
            b"",
            b"\x00",
            b"\x10",
            b"\x20\x21",
            b"\x30\x31",
            b"\x40\x41\x42\x43",
            b"\x50\x51\x52\x53\x54\x55\x56\x57",
            b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
        ];
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        let t = Tree::from_leaf_hashes(leaves.iter().map(|l| leaf_hash(l)));
        for (i, want) in roots.iter().enumerate() {
            assert_eq!(t.root_at(i as u64 + 1), Some(unhex32(want)), "root at size {}", i + 1);
        }
        assert_eq!(
            t.root_at(0),
            Some(unhex32("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
            "the empty root is SHA-256 of nothing"
        );
        // RFC 9162 consistency proof 6 → 8 of that tree, as transparency-dev lists it.
        assert_eq!(
            t.consistency_proof(6, 8).unwrap(),
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
            .map(unhex32)
        );
        // And the audit path of leaf 5 in the tree of 8.
        let path = [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]
        .map(unhex32);
        assert_eq!(t.inclusion_proof(5, 8).unwrap(), path);
        assert!(verify_inclusion(5, 8, &leaf_hash(leaves[5]), &path, &t.root()));
    }

    #[test]
    fn an_empty_tree_has_the_empty_root_and_no_proofs() {
        let t = Tree::new();
        assert_eq!((t.size(), t.root()), (0, empty_root()));
        assert_eq!(t.inclusion_proof(0, 0), None);
        assert_eq!(t.consistency_proof(0, 0), Some(vec![]));
        assert!(verify_consistency(0, 0, &empty_root(), &empty_root(), &[]));
    }

    #[test]
    fn proofs_past_the_tree_are_refused() {
        let t = tree_of(&data(5));
        assert_eq!(t.root_at(6), None);
        assert_eq!(t.inclusion_proof(5, 5), None);
        assert_eq!(t.inclusion_proof(0, 6), None);
        assert_eq!(t.consistency_proof(4, 6), None);
        assert_eq!(t.consistency_proof(5, 4), None);
    }

    #[test]
    fn a_rewritten_early_leaf_breaks_consistency_with_the_old_root() {
        let mut d = data(20);
        let old = tree_of(&d[..7]).root();
        d[3] = b"rewritten".to_vec();
        let t = tree_of(&d);
        let proof = t.consistency_proof(7, 20).unwrap();
        assert!(!verify_consistency(7, 20, &old, &t.root(), &proof));
        // The honest proof against the rewritten tree's own old root does verify: the kept
        // root is what catches it.
        assert!(verify_consistency(7, 20, &t.root_at(7).unwrap(), &t.root(), &proof));
    }

    /// Every size up to 64 (every shape of the right edge up to six levels), every m ≤ n.
    const ALL_UP_TO: u64 = 64;

    #[test]
    fn roots_at_every_size_match_the_naive_definition() {
        let d = data(ALL_UP_TO as usize);
        let t = tree_of(&d);
        for m in 0..=ALL_UP_TO as usize {
            assert_eq!(t.root_at(m as u64), Some(naive_root(&d[..m])), "size {m}");
        }
    }

    #[test]
    fn inclusion_proofs_verify_for_every_leaf_and_size() {
        let t = tree_of(&data(ALL_UP_TO as usize));
        for size in 1..=ALL_UP_TO {
            let root = t.root_at(size).unwrap();
            for i in 0..size {
                let p = t.inclusion_proof(i, size).unwrap();
                let leaf = t.leaf(i).unwrap();
                assert!(verify_inclusion(i, size, &leaf, &p, &root), "leaf {i} in {size}");
                // Another leaf, another position, or another root does not verify.
                assert!(!verify_inclusion(i, size, &leaf_hash(b"other"), &p, &root));
                if size > 1 {
                    assert!(!verify_inclusion((i + 1) % size, size, &leaf, &p, &root), "leaf {i} moved in {size}");
                }
                assert!(!verify_inclusion(i, size, &leaf, &p, &leaf_hash(b"root")));
            }
        }
    }

    #[test]
    fn consistency_proofs_verify_for_all_m_up_to_n() {
        let d = data(ALL_UP_TO as usize);
        let t = tree_of(&d);
        let roots: Vec<Hash> = (0..=ALL_UP_TO as usize).map(|m| naive_root(&d[..m])).collect();
        for new in 0..=ALL_UP_TO {
            for old in 0..=new {
                let p = t.consistency_proof(old, new).unwrap();
                let (ro, rn) = (&roots[old as usize], &roots[new as usize]);
                assert!(verify_consistency(old, new, ro, rn, &p), "{old} -> {new}");
                if old < new {
                    // Swapped roots, or the proof read backwards, do not verify.
                    assert!(!verify_consistency(old, new, rn, ro, &p), "{old} -> {new} with swapped roots");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn tampered_consistency_proofs_fail(n in 2u64..200, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), which in 0usize..5) {
            let d = data(n as usize);
            let t = tree_of(&d);
            let new = 2 + b.index(n as usize - 1) as u64;
            let old = 1 + a.index(new as usize - 1) as u64;
            prop_assume!(old < new);
            let mut p = t.consistency_proof(old, new).unwrap();
            let (mut ro, mut rn) = (t.root_at(old).unwrap(), t.root_at(new).unwrap());
            // (A wrong size alone is not in the list: the size is bound to its root by the
            // checkpoint's signature, not by the proof.)
            match which {
                0 => { let i = a.index(p.len()); p[i][0] ^= 1; }
                1 => { p.pop(); }
                2 => p.push(leaf_hash(b"extra")),
                3 => ro[31] ^= 1,
                _ => rn[0] ^= 1,
            }
            prop_assert!(!verify_consistency(old, new, &ro, &rn, &p), "tampering {which} of {old} -> {new} passed");
        }

        #[test]
        fn a_changed_prefix_never_verifies_against_the_old_root(n in 2u64..200, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), c in any::<prop::sample::Index>()) {
            let mut d = data(n as usize);
            let old = 1 + a.index(n as usize - 1) as u64;
            let new = old + 1 + b.index((n - old) as usize) as u64;
            let kept = tree_of(&d[..old as usize]).root();
            d[c.index(old as usize)] = b"forged".to_vec();
            let t = tree_of(&d);
            let p = t.consistency_proof(old, new).unwrap();
            prop_assert!(!verify_consistency(old, new, &kept, &t.root_at(new).unwrap(), &p));
        }
    }
}
