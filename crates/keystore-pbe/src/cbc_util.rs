//! CBC mode with PKCS#5/#7 padding over any block cipher, padding checked in constant time.

use alloc::vec::Vec;
use cbc::cipher::{
    Array, BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt, InnerIvInit,
};
use subtle::{ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess};
use zeroize::Zeroizing;

use crate::Error;

/// Pads `plaintext` and encrypts it in CBC mode.
pub(crate) fn encrypt<C: BlockCipherEncrypt>(
    cipher: C,
    iv: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, Error> {
    let block = C::block_size();
    let mut mode = cbc::Encryptor::<C>::inner_iv_slice_init(cipher, iv)
        .map_err(|_| Error::Malformed("IV length does not match the cipher block"))?;
    let pad = block - plaintext.len() % block;
    let pad_byte = u8::try_from(pad).map_err(|_| Error::Malformed("block size"))?;
    let mut buf = Vec::with_capacity(plaintext.len() + pad);
    buf.extend_from_slice(plaintext);
    buf.resize(plaintext.len() + pad, pad_byte);
    let (blocks, rest) = Array::slice_as_chunks_mut(&mut buf);
    debug_assert!(rest.is_empty());
    mode.encrypt_blocks(blocks);
    Ok(buf)
}

/// Decrypts in CBC mode and removes the padding; bad padding is `DecryptFailed`.
pub(crate) fn decrypt<C: BlockCipherDecrypt>(
    cipher: C,
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let block = C::block_size();
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(block) {
        return Err(Error::Malformed(
            "ciphertext length is not a multiple of the block size",
        ));
    }
    let mut mode = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv)
        .map_err(|_| Error::Malformed("IV length does not match the cipher block"))?;
    let mut plain = Zeroizing::new(ciphertext.to_vec());
    let (blocks, _) = Array::slice_as_chunks_mut(&mut plain[..]);
    mode.decrypt_blocks(blocks);

    let block_u8 = u8::try_from(block).map_err(|_| Error::Malformed("block size"))?;
    let pad = plain.last().copied().unwrap_or(0);
    let mut valid = !pad.ct_eq(&0) & !pad.ct_gt(&block_u8);
    for (i, byte) in (0u8..).zip(plain.iter().rev().take(block)) {
        valid &= !i.ct_lt(&pad) | byte.ct_eq(&pad);
    }
    if !bool::from(valid) {
        return Err(Error::DecryptFailed);
    }
    let len = plain.len() - usize::from(pad);
    plain.truncate(len);
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes::cipher::KeyInit;

    #[test]
    fn padding_round_trip_and_rejection() {
        for len in 0..=33 {
            let msg: Vec<u8> = (0..len).map(|i| u8::try_from(i).unwrap()).collect();
            let key = aes::Aes128::new_from_slice(&[9; 16]).unwrap();
            let ct = encrypt(key.clone(), &[1; 16], &msg).unwrap();
            assert_eq!(ct.len(), (len / 16 + 1) * 16);
            assert_eq!(&decrypt(key, &[1; 16], &ct).unwrap()[..], &msg[..]);
        }
        let key = aes::Aes128::new_from_slice(&[9; 16]).unwrap();
        assert!(matches!(
            decrypt(key.clone(), &[1; 16], &[0; 15]),
            Err(Error::Malformed(_))
        ));
        assert!(matches!(
            encrypt(key.clone(), &[1; 8], b"x"),
            Err(Error::Malformed(_))
        ));
        // Wrong IV flips the padding of a one-block message.
        let ct = encrypt(key.clone(), &[1; 16], b"hello").unwrap();
        let mut iv = [1u8; 16];
        iv[15] ^= 0x40;
        assert_eq!(decrypt(key, &iv, &ct), Err(Error::DecryptFailed));
    }
}
