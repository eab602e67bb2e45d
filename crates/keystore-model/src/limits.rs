//! Caps that bound the work a hostile file can cause.

/// Limits applied while decoding untrusted keystore bytes.
///
/// Every length and count read from a file is checked against the bytes that remain, so memory
/// use is bounded by the input size whatever these are; these caps bound the CPU time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_len: usize,
    /// Largest number of entries.
    pub max_entries: u32,
    /// Largest certificate chain per key entry.
    pub max_chain_len: u32,
    /// Largest PBE iteration count accepted when decrypting (JCEKS: Java's own cap).
    pub max_iterations: u32,
}

impl Limits {
    /// The defaults: 256 MiB, one million entries, chains of 64, 5,000,000 iterations.
    pub const DEFAULT: Self = Self {
        max_input_len: 256 * 1024 * 1024,
        max_entries: 1_000_000,
        max_chain_len: 64,
        max_iterations: 5_000_000,
    };
}

impl Limits {
    /// Checks an input length against [`Limits::max_input_len`].
    ///
    /// # Errors
    /// [`crate::Error::LimitExceeded`] naming the input length.
    pub fn check_input_len(&self, len: usize) -> Result<(), crate::Error> {
        if len > self.max_input_len {
            return Err(crate::Error::LimitExceeded {
                what: "input length",
                found: u64::try_from(len).unwrap_or(u64::MAX),
                limit: u64::try_from(self.max_input_len).unwrap_or(u64::MAX),
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
