//! Java's entry order for JKS and JCEKS stores (jks-jceks.md §2.5).
//!
//! Sun's providers keep entries in a `java.util.Hashtable` (capacity 11, load factor 0.75), and
//! keytool enumerates and writes them in that table's order. Reproducing it lets tools list,
//! import and write entries in exactly the order keytool does.

use alloc::vec::Vec;

/// Java `String.hashCode` over UTF-16 code units.
fn java_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

fn bucket(hash: i32, capacity: usize) -> usize {
    // `(hash & 0x7FFFFFFF) % capacity`; the mask makes the value non-negative.
    usize::try_from(hash & 0x7FFF_FFFF).unwrap_or(0) % capacity
}

/// The enumeration order of a `Hashtable` into which `keys` were put in order (a key put again
/// keeps its place). Returns indices into `keys`, one per distinct key.
#[must_use]
pub fn java_hashtable_order(keys: &[&str]) -> Vec<usize> {
    let mut capacity = 11usize;
    let mut threshold = 8usize;
    // Each bucket is a chain, head first; entries are (hash, index into `keys`).
    let mut table: Vec<Vec<(i32, usize)>> = (0..capacity).map(|_| Vec::new()).collect();
    let mut count = 0usize;
    for (i, key) in keys.iter().enumerate() {
        let hash = java_hash(key);
        let present = table.get(bucket(hash, capacity)).is_some_and(|chain| {
            chain
                .iter()
                .any(|&(h, j)| h == hash && keys.get(j) == Some(key))
        });
        if present {
            continue;
        }
        if count >= threshold {
            let new_capacity = capacity * 2 + 1;
            let mut new_table: Vec<Vec<(i32, usize)>> =
                (0..new_capacity).map(|_| Vec::new()).collect();
            for chain in table.iter().rev() {
                for &(h, j) in chain {
                    if let Some(dest) = new_table.get_mut(bucket(h, new_capacity)) {
                        dest.insert(0, (h, j));
                    }
                }
            }
            table = new_table;
            capacity = new_capacity;
            // `(int) (capacity * 0.75)`
            threshold = capacity * 3 / 4;
        }
        if let Some(chain) = table.get_mut(bucket(hash, capacity)) {
            chain.insert(0, (hash, i));
        }
        count += 1;
    }
    table
        .iter()
        .rev()
        .flat_map(|chain| chain.iter().map(|&(_, j)| j))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order keytool wrote for 15 successive `-importcert` runs (jks-jceks.md §2.5).
    #[test]
    fn matches_keytool_after_fifteen_imports() {
        let inserted = [
            "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
            "lambda", "mu", "nu", "xi", "omicron",
        ];
        // Each run loads the file (in the order the previous run wrote) into a fresh table,
        // adds the new alias, and writes the table's order.
        let mut order: Vec<&str> = Vec::new();
        for new in inserted {
            let mut keys = order.clone();
            keys.push(new);
            order = java_hashtable_order(&keys)
                .into_iter()
                .map(|i| keys[i])
                .collect();
        }
        assert_eq!(
            order,
            [
                "omicron", "theta", "iota", "gamma", "alpha", "eta", "kappa", "lambda", "zeta",
                "nu", "xi", "beta", "delta", "epsilon", "mu"
            ]
        );
    }

    #[test]
    fn duplicates_keep_their_place() {
        assert_eq!(java_hashtable_order(&["a", "b", "a"]).len(), 2);
    }
}
