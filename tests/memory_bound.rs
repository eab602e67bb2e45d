//! Hostile counts and lengths must fail fast without allocating what they claim.
//!
//! Each input is a 64-byte JKS/JCEKS file whose entry count, chain length or byte length claims
//! about 2^31. Decoding it 10,000 times (with and without a password, through the codec and the
//! facade) must fail every time; on Linux the process' peak virtual size (`VmPeak`) must not
//! grow by anything near what the fields claim (a single `Vec::with_capacity(2^31)` would add
//! 2 GiB even if never touched). There are no timing assertions.

use keystore::{KeyStore, Limits, Password};
use keystore_interop::workspace_root;

const ITERATIONS: usize = 10_000;
const CLAIM: u32 = 0x7FFF_FFFF;
const FILE_LEN: usize = 64;

/// Builds a JKS (or JCEKS) file: header, then `body`, padded with `0x41` to 64 bytes.
fn file(magic: u32, count: u32, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FILE_LEN.max(12 + body.len()));
    out.extend_from_slice(&magic.to_be_bytes());
    out.extend_from_slice(&2u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(body);
    if out.len() < FILE_LEN {
        out.resize(FILE_LEN, 0x41);
    }
    out
}

const JKS: u32 = 0xFEED_FEED;
const JCEKS: u32 = 0xCECE_CECE;

/// Tag, alias `a`, creation date 0.
fn entry_header(tag: u32) -> Vec<u8> {
    let mut out = tag.to_be_bytes().to_vec();
    out.extend_from_slice(&[0x00, 0x01, b'a']);
    out.extend_from_slice(&0i64.to_be_bytes());
    out
}

fn hostile_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let claim = CLAIM.to_be_bytes();
    let mut cases = Vec::new();

    cases.push(("entry count 2^31-1", file(JKS, CLAIM, &[])));
    cases.push(("entry count -2^31", file(JKS, 0x8000_0000, &[])));
    cases.push((
        "entry count at the limit",
        file(JKS, Limits::DEFAULT.max_entries, &entry_header(2)),
    ));

    let mut body = entry_header(1);
    body.extend_from_slice(&claim);
    cases.push(("protected key length 2^31-1", file(JKS, 1, &body)));

    let mut body = entry_header(1);
    body.extend_from_slice(&[0, 0, 0, 4, 1, 2, 3, 4]);
    body.extend_from_slice(&claim);
    cases.push(("chain length 2^31-1", file(JKS, 1, &body)));

    let mut body = entry_header(1);
    body.extend_from_slice(&[0, 0, 0, 4, 1, 2, 3, 4]);
    body.extend_from_slice(&Limits::DEFAULT.max_chain_len.to_be_bytes());
    cases.push(("chain length at the limit", file(JKS, 1, &body)));

    let mut body = entry_header(2);
    body.extend_from_slice(&[0x00, 0x05]);
    body.extend_from_slice(b"X.509");
    body.extend_from_slice(&claim);
    cases.push(("certificate length 2^31-1", file(JKS, 1, &body)));

    let mut body = 2u32.to_be_bytes().to_vec();
    body.extend_from_slice(&[0xFF, 0xFF]);
    cases.push(("alias length 65535", file(JKS, 1, &body)));

    cases.push(("JCEKS entry count 2^31-1", file(JCEKS, CLAIM, &[])));
    cases
}

/// A JCEKS secret-key entry whose serialized `byte[]` (the sealed parameters) claims 2^31-1
/// bytes: a real `SealedObjectForKeyProtector` stream (from the fuzz corpus) cut at its first
/// array length. Longer than 64 bytes: the class descriptors come first.
fn hostile_sealed_object() -> Option<Vec<u8>> {
    let stream =
        std::fs::read(workspace_root().join("fuzz/corpus/sealed_object/sealed-spec-vec_des.bin"))
            .ok()?;
    // `78 70` ends the byte[] class descriptor (TC_ENDBLOCKDATA, TC_NULL super), then the length.
    let at = stream
        .windows(6)
        .position(|w| w == [0x78, 0x70, 0x00, 0x00, 0x00, 0x11])?
        + 2;
    let mut body = entry_header(3);
    body.extend_from_slice(stream.get(..at)?);
    body.extend_from_slice(&CLAIM.to_be_bytes());
    body.extend_from_slice(&[0x41; 16]);
    Some(file(JCEKS, 1, &body))
}

/// `VmPeak` of this process in KiB (Linux only).
fn vm_peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmPeak:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn hostile_lengths_fail_without_allocating() {
    let mut cases = hostile_inputs();
    match hostile_sealed_object() {
        Some(input) => cases.push(("JCEKS serialized array length 2^31-1", input)),
        None => eprintln!(
            "note: fuzz/corpus/sealed_object/sealed-spec-vec_des.bin missing; JCEKS array case skipped"
        ),
    }
    let password = Password::new("changeit");
    let limits = Limits::DEFAULT;
    let before = vm_peak_kib();
    let mut decoded = 0usize;
    for (name, input) in &cases {
        assert!(input.len() >= FILE_LEN, "{name}: {} bytes", input.len());
        for _ in 0..ITERATIONS {
            assert!(
                keystore_jks::decode(input, Some(&password), &limits).is_err(),
                "{name}: decoded"
            );
            assert!(
                keystore_jks::decode(input, None, &limits).is_err(),
                "{name}: decoded without password"
            );
            assert!(
                KeyStore::from_bytes(input, None).is_err(),
                "{name}: facade loaded it"
            );
            decoded += 3;
        }
    }
    assert_eq!(decoded, cases.len() * ITERATIONS * 3);
    if let (Some(before), Some(after)) = (before, vm_peak_kib()) {
        let grown_mib = after.saturating_sub(before) / 1024;
        eprintln!("VmPeak grew by {grown_mib} MiB over {decoded} hostile decodes");
        assert!(
            grown_mib < 1024,
            "VmPeak grew by {grown_mib} MiB: something allocated what a length field claimed"
        );
    }
}
