//! A minimal ZIP reader; DEFLATE is decompressed by `miniz_oxide`.
//!
//! In: the bytes of a ZIP archive (an `.xlsx` workbook is one) or of a zlib
//! stream (the blocks of a compressed SPSS `.zsav` file).
//! Out: the names of the archive's entries and their decompressed bytes,
//! checked against the CRC-32 (ZIP) or Adler-32 (zlib) stored with them.
//!
//! Supported: the central directory (so entries written with data
//! descriptors are found), entries that are stored (method 0) or deflated
//! (method 8; the DEFLATE data, RFC 1951, go to `miniz_oxide`, a widely
//! used and fuzzed inflater, since they are untrusted input), zlib per
//! RFC 1950 (no preset dictionary), and
//! ZIP64 (APPNOTE 4.3.14–4.3.15, 4.5.3: the end-of-central-directory locator
//! and record, and the extra field 0x0001 holding 64-bit sizes and offsets;
//! written by `zip -fz`, by streaming writers that cannot know sizes in
//! advance, and by some Excel exports of small files).
//! Refused with a [`ZipError`]: encrypted entries, other
//! compression methods (Deflate64, bzip2, LZMA, ...), archives spanning
//! several disks, entries larger than [`MAX_ENTRY_SIZE`], and anything
//! damaged. Nothing here panics on corrupt input and memory use is bounded by
//! the declared (and checked) uncompressed sizes.

use std::fmt;

/// Largest uncompressed entry (or zlib stream) accepted: 200 MB.
pub(crate) const MAX_ENTRY_SIZE: u64 = 200_000_000;

/// Why an archive or a compressed stream could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ZipError {
    /// The bytes are damaged or cut short; the text says where.
    Corrupt(String),
    /// The entry is password-protected.
    Encrypted,
    /// The archive is split over several files.
    MultiDisk,
    /// A compression method other than stored (0) and deflate (8).
    Method(u16),
    /// The entry would decompress to more than [`MAX_ENTRY_SIZE`] bytes.
    TooLarge(u64),
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::Corrupt(s) => write!(f, "{s}"),
            ZipError::Encrypted => write!(f, "an entry is encrypted (password-protected)"),
            ZipError::MultiDisk => write!(f, "the archive is split over several files"),
            ZipError::Method(m) => write!(
                f,
                "an entry uses compression method {m} ({}), only stored and deflate are supported",
                method_name(*m)
            ),
            ZipError::TooLarge(n) => write!(
                f,
                "an entry would unpack to {n} bytes, more than the {MAX_ENTRY_SIZE} bytes allowed"
            ),
        }
    }
}

fn method_name(m: u16) -> &'static str {
    match m {
        1..=6 => "an obsolete method",
        9 => "Deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "Zstandard",
        95 => "XZ",
        98 => "PPMd",
        99 => "AES encryption",
        _ => "unknown",
    }
}

fn corrupt<T>(msg: impl Into<String>) -> Result<T, ZipError> {
    Err(ZipError::Corrupt(msg.into()))
}

// ------------------------------------------------------------------ checksums

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (ISO-HDLC, as used by ZIP and gzip).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

/// Adler-32 (as used by zlib).
pub(crate) fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

// ------------------------------------------------------------------ inflate

/// Decompresses a raw DEFLATE stream (RFC 1951) with `miniz_oxide`, the
/// inflater of Rust's own `flate2` and of the standard library's backtraces
/// (docs/dependencies.md says why this one piece is not written here).
///
/// Returns the output and the number of input bytes the stream occupied.
/// `size_hint` preallocates (bounded by what `input` can expand to: DEFLATE
/// packs at most 1032 bytes into one); output beyond `limit` bytes is
/// [`ZipError::TooLarge`].
pub(crate) fn inflate(
    input: &[u8],
    size_hint: usize,
    limit: usize,
) -> Result<(Vec<u8>, usize), ZipError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let most = input.len().saturating_mul(1032).saturating_add(64);
    let mut out = vec![0u8; size_hint.min(limit).min(most)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut read, mut written) = (0usize, 0usize);
    loop {
        let rest = input.get(read..).unwrap_or(&[]);
        let (status, r, w) = decompress(&mut state, rest, &mut out, written, flags);
        read += r;
        written += w;
        match status {
            TINFLStatus::Done => {
                out.truncate(written);
                return Ok((out, read));
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(ZipError::TooLarge(limit as u64 + 1));
                }
                let grown = out.len().saturating_mul(2).max(4096).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return corrupt("the compressed data ends too early")
            }
            _ => return corrupt("the compressed data is damaged"),
        }
    }
}

/// Decompresses a zlib stream (RFC 1950) and checks its Adler-32.
///
/// Returns the output and the number of input bytes the stream occupied.
pub(crate) fn zlib_decompress(
    input: &[u8],
    size_hint: usize,
    limit: usize,
) -> Result<(Vec<u8>, usize), ZipError> {
    if input.len() < 6 {
        return corrupt("a zlib block is too short");
    }
    let (cmf, flg) = (input[0], input[1]);
    if cmf & 0x0F != 8 || cmf >> 4 > 7 || !(((cmf as u16) << 8) | flg as u16).is_multiple_of(31) {
        return corrupt("a zlib block has an invalid header");
    }
    if flg & 0x20 != 0 {
        return corrupt("a zlib block needs a preset dictionary");
    }
    let (out, used) = inflate(&input[2..], size_hint, limit)?;
    let end = 2 + used;
    let Some(sum) = input.get(end..end + 4) else {
        return corrupt("a zlib block ends before its checksum");
    };
    let want = u32::from_be_bytes([sum[0], sum[1], sum[2], sum[3]]);
    if adler32(&out) != want {
        return corrupt("a zlib block fails its checksum");
    }
    Ok((out, end + 4))
}

// ------------------------------------------------------------------ archive

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    d.get(at..at + 8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
}

/// The values a ZIP64 extra field (id 0x0001) replaces: each field of the
/// central directory header that is `0xFFFFFFFF` is given there as a 64-bit
/// number, in the order uncompressed size, compressed size, local header
/// offset (APPNOTE 4.5.3). `None` when a replaced value is missing.
fn zip64_fields(extra: &[u8], size: &mut u64, compressed: &mut u64, local: &mut u64) -> Option<()> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16_at(extra, at)?;
        let len = u16_at(extra, at + 2)? as usize;
        let body = extra.get(at + 4..at + 4 + len)?;
        if id == 0x0001 {
            let mut k = 0;
            for field in [size, compressed, local] {
                if *field == 0xFFFF_FFFF {
                    *field = u64_at(body, k)?;
                    k += 8;
                }
            }
            return Some(());
        }
        at += 4 + len;
    }
    let replaced = [*size, *compressed, *local].contains(&0xFFFF_FFFF);
    (!replaced).then_some(())
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Path inside the archive, `/`-separated.
    pub name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local_offset: u64,
}

/// An opened archive: its entries, read lazily from the borrowed bytes.
pub(crate) struct ZipArchive<'a> {
    data: &'a [u8],
    entries: Vec<Entry>,
}

impl<'a> ZipArchive<'a> {
    /// Reads the end-of-central-directory record and the central directory.
    pub(crate) fn new(data: &'a [u8]) -> Result<Self, ZipError> {
        // The EOCD record is 22 bytes plus a comment of up to 65535 bytes.
        let lo = data.len().saturating_sub(22 + 65535);
        let eocd = (lo..=data.len().saturating_sub(22))
            .rev()
            .find(|&i| data[i..].starts_with(b"PK\x05\x06"));
        let Some(eocd) = eocd else {
            return corrupt(
                "the archive's directory (at its end) is missing, so the file is probably incomplete",
            );
        };
        let mut disk = u16_at(data, eocd + 4).unwrap_or(0) as u32;
        let mut cd_disk = u16_at(data, eocd + 6).unwrap_or(0) as u32;
        let mut count = u16_at(data, eocd + 10).unwrap_or(0) as u64;
        let mut cd_size = u32_at(data, eocd + 12).unwrap_or(0) as u64;
        let mut cd_offset = u32_at(data, eocd + 16).unwrap_or(0) as u64;
        let mut dir_end = eocd;
        // ZIP64: a 20-byte locator just before the record points to the
        // 56-byte ZIP64 record, whose 64-bit values replace the record's.
        if eocd >= 20 && data[eocd - 20..].starts_with(b"PK\x06\x07") {
            let loc = eocd - 20;
            let record = u64_at(data, loc + 8).unwrap_or(u64::MAX);
            if u32_at(data, loc + 4) != Some(0) || u32_at(data, loc + 16).unwrap_or(0) > 1 {
                return Err(ZipError::MultiDisk);
            }
            let r = usize::try_from(record).unwrap_or(usize::MAX);
            let Some(rec) = data
                .get(r..loc)
                .filter(|d| d.len() >= 56 && d.starts_with(b"PK\x06\x06"))
            else {
                return corrupt("the archive's ZIP64 directory record is missing or damaged");
            };
            disk = u32_at(rec, 16).unwrap_or(0);
            cd_disk = u32_at(rec, 20).unwrap_or(0);
            count = u64_at(rec, 32).unwrap_or(0);
            cd_size = u64_at(rec, 40).unwrap_or(0);
            cd_offset = u64_at(rec, 48).unwrap_or(0);
            dir_end = r;
        }
        if disk != 0 || cd_disk != 0 {
            return Err(ZipError::MultiDisk);
        }
        let mut at = usize::try_from(cd_offset).unwrap_or(usize::MAX);
        let size = usize::try_from(cd_size).unwrap_or(usize::MAX);
        if at.checked_add(size).is_none_or(|e| e > dir_end) {
            return corrupt("the archive's directory points outside the file");
        }
        // Each directory entry takes at least 46 bytes (a bound on a
        // damaged count's allocation).
        let mut entries = Vec::with_capacity(count.min(size as u64 / 46) as usize);
        for _ in 0..count {
            let header = data.get(at..at + 46);
            let Some(h) = header.filter(|h| h.starts_with(b"PK\x01\x02")) else {
                return corrupt("the archive's directory is damaged");
            };
            let flags = u16_at(h, 8).unwrap_or(0);
            let method = u16_at(h, 10).unwrap_or(0);
            let crc = u32_at(h, 16).unwrap_or(0);
            let mut compressed = u32_at(h, 20).unwrap_or(0) as u64;
            let mut size = u32_at(h, 24).unwrap_or(0) as u64;
            let name_len = u16_at(h, 28).unwrap_or(0) as usize;
            let extra_len = u16_at(h, 30).unwrap_or(0) as usize;
            let comment_len = u16_at(h, 32).unwrap_or(0) as usize;
            let mut local = u32_at(h, 42).unwrap_or(0) as u64;
            let Some(name) = data.get(at + 46..at + 46 + name_len) else {
                return corrupt("the archive's directory is damaged");
            };
            let extra = data
                .get(at + 46 + name_len..at + 46 + name_len + extra_len)
                .unwrap_or(&[]);
            if zip64_fields(extra, &mut size, &mut compressed, &mut local).is_none() {
                return corrupt("the archive's directory is damaged (a ZIP64 size is missing)");
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                flags,
                method,
                crc,
                compressed,
                size,
                local_offset: local,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(ZipArchive { data, entries })
    }

    /// The entry whose path equals `name` ignoring ASCII case and a leading `/`
    /// (OPC part names are case-insensitive).
    pub(crate) fn find(&self, name: &str) -> Option<&Entry> {
        let name = name.trim_start_matches('/');
        self.entries
            .iter()
            .find(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// Decompresses an entry and checks its CRC-32.
    pub(crate) fn read(&self, entry: &Entry) -> Result<Vec<u8>, ZipError> {
        if entry.flags & 1 != 0 {
            return Err(ZipError::Encrypted);
        }
        if entry.size > MAX_ENTRY_SIZE {
            return Err(ZipError::TooLarge(entry.size));
        }
        let at = usize::try_from(entry.local_offset).unwrap_or(usize::MAX - 30);
        let Some(h) = self
            .data
            .get(at..at + 30)
            .filter(|h| h.starts_with(b"PK\x03\x04"))
        else {
            return corrupt(format!("the part {} is damaged", entry.name));
        };
        let name_len = u16_at(h, 26).unwrap_or(0) as usize;
        let extra_len = u16_at(h, 28).unwrap_or(0) as usize;
        let start = at + 30 + name_len + extra_len;
        let end = start.saturating_add(usize::try_from(entry.compressed).unwrap_or(usize::MAX));
        let Some(raw) = self.data.get(start..end) else {
            return corrupt(format!(
                "the part {} is cut short (the file is probably incomplete)",
                entry.name
            ));
        };
        let size = entry.size as usize;
        let out = match entry.method {
            0 => {
                if raw.len() != size {
                    return corrupt(format!("the part {} has a wrong size", entry.name));
                }
                raw.to_vec()
            }
            8 => {
                // More data than declared is damage, not a large file.
                let (out, _) = inflate(raw, size, size).map_err(|e| match e {
                    ZipError::TooLarge(_) => {
                        ZipError::Corrupt(format!("the part {} has a wrong size", entry.name))
                    }
                    e => e,
                })?;
                if out.len() != size {
                    return corrupt(format!("the part {} has a wrong size", entry.name));
                }
                out
            }
            m => return Err(ZipError::Method(m)),
        };
        if crc32(&out) != entry.crc {
            return corrupt(format!("the part {} fails its checksum", entry.name));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_and_adler_known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn inflates_stored_fixed_and_dynamic_blocks() {
        // Stored block "abc".
        let stored = [0x01, 0x03, 0x00, 0xFC, 0xFF, b'a', b'b', b'c'];
        assert_eq!(inflate(&stored, 0, 100).unwrap(), (b"abc".to_vec(), 8));
        // zlib.compress(b"hello hello hello hello") (fixed Huffman with a match).
        let z = [
            0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x27, 0x01, 0x68, 0x03,
            0x08, 0xb1,
        ];
        let (out, used) = zlib_decompress(&z, 0, 1000).unwrap();
        assert_eq!(out, b"hello hello hello hello");
        assert_eq!(used, z.len());
        // The output limit is enforced.
        assert!(matches!(
            zlib_decompress(&z, 0, 10),
            Err(ZipError::TooLarge(_))
        ));
        // Bytes after the stream are not consumed (zsav blocks follow each other).
        let mut two = z.to_vec();
        two.extend_from_slice(&z);
        assert_eq!(zlib_decompress(&two, 0, 1000).unwrap().1, z.len());
        let (_, used) = inflate(&[stored.as_slice(), b"xyz"].concat(), 0, 100).unwrap();
        assert_eq!(used, 8);
        // Cut short or damaged: an error, never a panic.
        for cut in 0..z.len() {
            assert!(zlib_decompress(&z[..cut], 0, 1000).is_err(), "{cut}");
        }
        assert!(inflate(&[0xFF; 16], 0, 1000).is_err());
    }

    #[test]
    fn output_beyond_the_limit_is_refused() {
        // About 1 MB of output; a 64 KB limit stops it (without preallocating the hint).
        let mut stored = Vec::new();
        for _ in 0..16 {
            // Stored blocks of 65535 zeros each (not last), then a last empty one.
            stored.extend_from_slice(&[0x00, 0xFF, 0xFF, 0x00, 0x00]);
            stored.extend(std::iter::repeat_n(0u8, 65535));
        }
        stored.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);
        assert_eq!(inflate(&stored, 0, 2_000_000).unwrap().0.len(), 16 * 65535);
        assert!(matches!(
            inflate(&stored, 1 << 40, 65536),
            Err(ZipError::TooLarge(_))
        ));
    }
}
