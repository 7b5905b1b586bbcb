// ---- Text between Java's UTF-16 and Rust's UTF-8, ASCII 16 units at a time. ----

use std::mem::MaybeUninit;

/// Units or bytes examined at once on the ASCII fast path; 16 fills one SSE2 register of bytes.
const CHUNK: usize = 16;

/// Per-byte mask of 16 consecutive 3-byte UTF-8 sequences: the marker bits of a 1110xxxx lead and two 10xxxxxx.
const THREE_BYTE_MASK: [u8; 3 * CHUNK] = {
    let mut m = [0xC0; 3 * CHUNK];
    let mut k = 0;
    while k < 3 * CHUNK {
        m[k] = 0xF0;
        k += 3;
    }
    m
};
/// The values those marker bits must have.
const THREE_BYTE_TAG: [u8; 3 * CHUNK] = {
    let mut t = [0x80; 3 * CHUNK];
    let mut k = 0;
    while k < 3 * CHUNK {
        t[k] = 0xE0;
        k += 3;
    }
    t
};

/// Appends the UTF-16 text to `out` as UTF-8. Err(index) names the first unit that is a lone surrogate
/// (a high surrogate not followed by a low one, or a low one not preceded by a high one); `out` is then unspecified.
fn utf16_to_utf8(units: &[u16], out: &mut String) -> Result<(), usize> {
    // Every unit becomes at most 3 bytes (a surrogate pair: 2 units, 4 bytes), so this bound is never exceeded.
    let bound = units.len().checked_mul(3).unwrap_or_else(|| {
        panic!(
            "{} UTF-16 units need up to 3 bytes each as UTF-8, more than usize holds; convert in parts",
            units.len()
        )
    });
    // Safety: bytes go only into spare capacity and the length is raised once, below, over complete UTF-8
    // sequences; a panic in between leaves the length, and so the String, as it was.
    let bytes = unsafe { out.as_mut_vec() };
    bytes.reserve(bound);
    let start = bytes.len();
    let (written, result) = encode_utf8(units, &mut bytes.spare_capacity_mut()[..bound]);
    // Safety: encode_utf8 initialised dst[..written] with whole characters, so the string stays valid UTF-8.
    unsafe { bytes.set_len(start + written) };
    result
}

/// Appends the UTF-8 text to `out` as UTF-16 units.
fn utf8_to_utf16(text: &str, out: &mut Vec<u16>) {
    let bytes = text.as_bytes();
    // A character of k UTF-8 bytes yields at most k units, so the byte count bounds the unit count.
    out.reserve(bytes.len());
    let start = out.len();
    let written = encode_utf16(text, &mut out.spare_capacity_mut()[..bytes.len()]);
    // Safety: encode_utf16 initialised dst[..written].
    unsafe { out.set_len(start + written) };
}

/// Stores `vals` at `dst[j..j + N]` without bounds checks, which cost 15-20 % on non-ASCII text when measured.
///
/// # Safety
/// `j + N <= dst.len()`.
#[inline(always)]
unsafe fn put<T, const N: usize>(dst: &mut [MaybeUninit<T>], j: usize, vals: [T; N]) {
    for (k, v) in vals.into_iter().enumerate() {
        // Safety: j + k < j + N <= dst.len(), as the caller guarantees.
        unsafe { dst.get_unchecked_mut(j + k).write(v) };
    }
}

/// Writes UTF-8 for `src` into `dst` (len >= 3 * src.len()); returns bytes written and the first lone surrogate.
#[inline]
fn encode_utf8(src: &[u16], dst: &mut [MaybeUninit<u8>]) -> (usize, Result<(), usize>) {
    let n = src.len();
    let mut i = 0;
    let mut j = 0;
    while i < n {
        let mut end = n;
        if i + CHUNK <= n {
            let chunk: &[u16; CHUNK] = src[i..i + CHUNK].try_into().unwrap();
            // OR-reduction then one compare keeps the test branch-free and vectorised.
            if chunk.iter().fold(0, |acc, &u| acc | u) < 0x80 {
                let d: &mut [MaybeUninit<u8>; CHUNK] = (&mut dst[j..j + CHUNK]).try_into().unwrap();
                for (d, &u) in d.iter_mut().zip(chunk) {
                    d.write(u as u8);
                }
                i += CHUNK;
                j += CHUNK;
                continue;
            }
            end = i + CHUNK;
        }
        // Per-character path for the rest of this chunk (or the tail), then back to the fast path.
        while i < end {
            let u = src[i];
            // Each unit so far took at most 3 bytes, so j <= 3 * i: a unit here may write up to
            // j + 3 <= 3 * (i + 1) <= 3 * n = dst.len(), a pair (i + 1 < n) up to j + 4 <= 3 * (i + 2) <= dst.len().
            if u < 0x80 {
                // Safety: j + 1 <= dst.len(), see above.
                unsafe { put(dst, j, [u as u8]) };
                i += 1;
                j += 1;
            } else if u < 0x800 {
                // Safety: j + 2 <= dst.len(), see above.
                unsafe { put(dst, j, [0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]) };
                i += 1;
                j += 2;
            } else if u & 0xF800 != 0xD800 {
                (i, j) = encode_utf8_run3(src, dst, i, j);
            } else if u < 0xDC00 && i + 1 < n && src[i + 1] & 0xFC00 == 0xDC00 {
                let c = 0x10000 + ((((u & 0x3FF) as u32) << 10) | (src[i + 1] & 0x3FF) as u32);
                let bytes = [
                    0xF0 | (c >> 18) as u8,
                    0x80 | ((c >> 12) & 0x3F) as u8,
                    0x80 | ((c >> 6) & 0x3F) as u8,
                    0x80 | (c & 0x3F) as u8,
                ];
                // Safety: j + 4 <= dst.len() for a pair, see above.
                unsafe { put(dst, j, bytes) };
                i += 2;
                j += 4;
                // Text usually returns to ASCII after an emoji, so let the chunk test look again from here.
                break;
            } else {
                return (j, Err(i));
            }
        }
    }
    (j, Ok(()))
}

/// Encodes the run of 3-byte units starting at `src[i]` (one at least) to `dst[j..]`; returns the new positions.
/// Out of line: such runs are long enough to pay for the call, and the loop for mixed Latin text stays small.
#[inline(never)]
fn encode_utf8_run3(
    src: &[u16],
    dst: &mut [MaybeUninit<u8>],
    mut i: usize,
    mut j: usize,
) -> (usize, usize) {
    let n = src.len();
    // Whole chunks of 3-byte units have a fixed output layout and need no per-unit branches.
    while i + CHUNK <= n {
        let chunk: &[u16; CHUNK] = src[i..i + CHUNK].try_into().unwrap();
        if !chunk
            .iter()
            .fold(true, |all, &u| all & (u >= 0x800) & (u & 0xF800 != 0xD800))
        {
            break;
        }
        // j + 48 <= 3 * (i + 16) <= dst.len().
        let d: &mut [MaybeUninit<u8>; 3 * CHUNK] = (&mut dst[j..j + 3 * CHUNK]).try_into().unwrap();
        for (d, &u) in d.chunks_exact_mut(3).zip(chunk) {
            d[0].write(0xE0 | (u >> 12) as u8);
            d[1].write(0x80 | ((u >> 6) & 0x3F) as u8);
            d[2].write(0x80 | (u & 0x3F) as u8);
        }
        i += CHUNK;
        j += 3 * CHUNK;
    }
    if i >= n {
        return (i, j);
    }
    let mut u = src[i];
    if u < 0x800 || u & 0xF800 == 0xD800 {
        return (i, j);
    }
    loop {
        let bytes = [
            0xE0 | (u >> 12) as u8,
            0x80 | ((u >> 6) & 0x3F) as u8,
            0x80 | (u & 0x3F) as u8,
        ];
        // Safety: as in encode_utf8, j <= 3 * i and i < n give j + 3 <= 3 * n <= dst.len().
        unsafe { put(dst, j, bytes) };
        i += 1;
        j += 3;
        if i >= n {
            return (i, j);
        }
        u = src[i];
        if u < 0x800 || u & 0xF800 == 0xD800 {
            return (i, j);
        }
    }
}

/// Writes UTF-16 for `text` into `dst` (len >= text.len()); returns units written.
#[inline]
fn encode_utf16(text: &str, dst: &mut [MaybeUninit<u16>]) -> usize {
    // Taking &str, not bytes, is what makes the unchecked reads of continuation bytes below sound.
    let src = text.as_bytes();
    let n = src.len();
    let mut i = 0;
    let mut j = 0;
    while i < n {
        let mut end = n;
        if i + CHUNK <= n {
            let chunk: &[u8; CHUNK] = src[i..i + CHUNK].try_into().unwrap();
            // Widen first and test the widened units, the order in which LLVM keeps both in vector registers;
            // j + 16 <= i + 16 <= dst.len(), and units written for a chunk that is not all ASCII are overwritten.
            let wide: [u16; CHUNK] = chunk.map(u16::from);
            let d: &mut [MaybeUninit<u16>; CHUNK] = (&mut dst[j..j + CHUNK]).try_into().unwrap();
            for (d, w) in d.iter_mut().zip(wide) {
                d.write(w);
            }
            if wide.iter().fold(0, |acc, &w| acc | w) < 0x80 {
                i += CHUNK;
                j += CHUNK;
                continue;
            }
            end = i + CHUNK;
        }
        // 16 characters of 3 bytes each (CJK and most other BMP scripts) have a fixed layout, so they decode
        // without per-character branches; the pattern test on all 48 bytes vectorises.
        if i + 3 * CHUNK <= n && src[i] >= 0xE0 {
            let block: &[u8; 3 * CHUNK] = src[i..i + 3 * CHUNK].try_into().unwrap();
            let fits = block
                .iter()
                .zip(THREE_BYTE_MASK.iter().zip(&THREE_BYTE_TAG))
                .fold(true, |all, (&b, (&m, &t))| all & (b & m == t));
            if fits {
                let d: &mut [MaybeUninit<u16>; CHUNK] =
                    (&mut dst[j..j + CHUNK]).try_into().unwrap();
                for (d, c) in d.iter_mut().zip(block.chunks_exact(3)) {
                    d.write(
                        ((c[0] as u16) << 12)
                            .wrapping_add((c[1] as u16) << 6)
                            .wrapping_add(c[2] as u16)
                            .wrapping_sub(0x2080),
                    );
                }
                i += 3 * CHUNK;
                j += CHUNK;
                continue;
            }
        }
        // Per-character path for the rest of this chunk (or the tail); a sequence may run past `end`.
        while i < end {
            let b = src[i];
            // `src` comes from a &str, so a lead byte of a k-byte sequence at i has k - 1 bytes after it:
            // i + k <= n. k bytes give at most k units, so j <= i: one unit ends at j + 1 <= i + 1 <= n = dst.len(),
            // the two units of a 4-byte sequence at j + 2 <= i + 4 <= dst.len().
            if b < 0x80 {
                // Safety: j + 1 <= dst.len(), see above.
                unsafe { dst.get_unchecked_mut(j).write(b as u16) };
                i += 1;
                j += 1;
            } else if b < 0xE0 {
                // Subtracting the marker bits of both bytes at once is one instruction less than masking each.
                // Safety: a 2-byte sequence, so i + 1 < n, see above.
                let c = unsafe {
                    ((b as u16) << 6)
                        .wrapping_add(*src.get_unchecked(i + 1) as u16)
                        .wrapping_sub(0x3080)
                };
                // Safety: j + 1 <= dst.len(), see above.
                unsafe { dst.get_unchecked_mut(j).write(c) };
                i += 2;
                j += 1;
            } else if b < 0xF0 {
                // 3-byte characters (CJK, Indic, ...) come in runs, so decode the run in a loop with a single test.
                let mut b = b;
                loop {
                    // The shift drops the lead byte's marker bits; the continuation markers go as one constant.
                    // Safety: a 3-byte sequence, so i + 2 < n, see above.
                    let c = unsafe {
                        ((b as u16) << 12)
                            .wrapping_add((*src.get_unchecked(i + 1) as u16) << 6)
                            .wrapping_add(*src.get_unchecked(i + 2) as u16)
                            .wrapping_sub(0x2080)
                    };
                    // Safety: j + 1 <= dst.len(), see above.
                    unsafe { dst.get_unchecked_mut(j).write(c) };
                    i += 3;
                    j += 1;
                    // Stopping at the chunk end lets the 48-byte block path take over a long run.
                    if i >= end {
                        break;
                    }
                    b = src[i];
                    if b & 0xF0 != 0xE0 {
                        break;
                    }
                }
            } else {
                // Safety: a 4-byte sequence, so i + 3 < n, see above.
                let c = unsafe {
                    ((b as u32 & 0x07) << 18)
                        | ((*src.get_unchecked(i + 1) as u32 & 0x3F) << 12)
                        | ((*src.get_unchecked(i + 2) as u32 & 0x3F) << 6)
                        | (*src.get_unchecked(i + 3) as u32 & 0x3F)
                } - 0x10000;
                // Safety: j + 2 <= dst.len() for a 4-byte sequence, see above.
                unsafe {
                    dst.get_unchecked_mut(j).write(0xD800 | (c >> 10) as u16);
                    dst.get_unchecked_mut(j + 1)
                        .write(0xDC00 | (c & 0x3FF) as u16);
                }
                i += 4;
                j += 2;
                // Text usually returns to ASCII after an emoji, so let the chunk test look again from here.
                break;
            }
        }
    }
    j
}

