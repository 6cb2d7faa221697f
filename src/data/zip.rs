//! A minimal ZIP reader with its own DEFLATE decompressor.
//!
//! In: the bytes of a ZIP archive (an `.xlsx` workbook is one) or of a zlib
//! stream (the blocks of a compressed SPSS `.zsav` file).
//! Out: the names of the archive's entries and their decompressed bytes,
//! checked against the CRC-32 (ZIP) or Adler-32 (zlib) stored with them.
//!
//! Supported: the central directory (so entries written with data
//! descriptors are found), entries that are stored (method 0) or deflated
//! (method 8), DEFLATE per RFC 1951 (stored, fixed-Huffman and
//! dynamic-Huffman blocks), zlib per RFC 1950 (no preset dictionary), and
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

/// LSB-first bit reader over a byte slice.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    n: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bits {
            data,
            pos: 0,
            buf: 0,
            n: 0,
        }
    }

    fn refill(&mut self) {
        while self.n <= 56 && self.pos < self.data.len() {
            self.buf |= (self.data[self.pos] as u64) << self.n;
            self.pos += 1;
            self.n += 8;
        }
    }

    fn take(&mut self, k: u32) -> Result<u32, ZipError> {
        if k == 0 {
            return Ok(0);
        }
        if self.n < k {
            self.refill();
            if self.n < k {
                return corrupt("the compressed data ends too early");
            }
        }
        let v = (self.buf & ((1u64 << k) - 1)) as u32;
        self.buf >>= k;
        self.n -= k;
        Ok(v)
    }

    /// Drops the bits up to the next byte boundary.
    fn align(&mut self) {
        let r = self.n % 8;
        self.buf >>= r;
        self.n -= r;
    }

    /// Bytes of input consumed so far (after [`Bits::align`]).
    fn consumed(&self) -> usize {
        self.pos - (self.n / 8) as usize
    }
}

/// A canonical Huffman code as a single lookup table indexed by the next
/// `max_len` input bits; entry = symbol << 4 | code length, 0 = no code.
struct Huffman {
    table: Vec<u32>,
    max_len: u32,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Result<Huffman, ZipError> {
        let mut count = [0u32; 16];
        for &l in lengths {
            count[l as usize] += 1;
        }
        count[0] = 0;
        let max_len = (1..16).rev().find(|&l| count[l] > 0).unwrap_or(0) as u32;
        // Over-subscribed codes are invalid; incomplete ones are allowed
        // (a lone distance code is legal) and unused slots stay 0.
        let mut left: i64 = 1;
        for &c in &count[1..16] {
            left = left * 2 - c as i64;
            if left < 0 {
                return corrupt("the compressed data has an invalid Huffman code");
            }
        }
        let mut next = [0u32; 16];
        let mut code = 0u32;
        for l in 1..16 {
            code = (code + count[l - 1]) << 1;
            next[l] = code;
        }
        let size = 1usize << max_len;
        let mut table = vec![0u32; size];
        for (sym, &l) in lengths.iter().enumerate() {
            if l == 0 {
                continue;
            }
            let l = l as u32;
            let c = next[l as usize];
            next[l as usize] += 1;
            let rev = c.reverse_bits() >> (32 - l);
            let mut i = rev as usize;
            while i < size {
                table[i] = ((sym as u32) << 4) | l;
                i += 1 << l;
            }
        }
        Ok(Huffman { table, max_len })
    }

    fn decode(&self, bits: &mut Bits) -> Result<u32, ZipError> {
        if bits.n < self.max_len {
            bits.refill();
        }
        let idx = (bits.buf & ((1u64 << self.max_len) - 1)) as usize;
        let e = self.table.get(idx).copied().unwrap_or(0);
        if e == 0 {
            return corrupt("the compressed data has an invalid code");
        }
        let l = e & 15;
        if l > bits.n {
            return corrupt("the compressed data ends too early");
        }
        bits.buf >>= l;
        bits.n -= l;
        Ok(e >> 4)
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const CL_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Decompresses a raw DEFLATE stream (RFC 1951).
///
/// Returns the output and the number of input bytes the stream occupied.
/// `size_hint` preallocates; output beyond `limit` bytes is an error.
pub(crate) fn inflate(
    input: &[u8],
    size_hint: usize,
    limit: usize,
) -> Result<(Vec<u8>, usize), ZipError> {
    let mut out: Vec<u8> = Vec::with_capacity(size_hint.min(limit));
    let mut bits = Bits::new(input);
    loop {
        let last = bits.take(1)?;
        let kind = bits.take(2)?;
        match kind {
            0 => {
                bits.align();
                let len = bits.take(16)?;
                let nlen = bits.take(16)?;
                if len != !nlen & 0xFFFF {
                    return corrupt("a stored block of the compressed data has a damaged length");
                }
                let len = len as usize;
                if out.len() + len > limit {
                    return Err(ZipError::TooLarge((out.len() + len) as u64));
                }
                // The bit buffer holds whole bytes now; take them first.
                let mut remaining = len;
                while remaining > 0 && bits.n >= 8 {
                    out.push(bits.take(8)? as u8);
                    remaining -= 1;
                }
                let start = bits.pos;
                let end = start + remaining;
                if end > input.len() {
                    return corrupt("the compressed data ends too early");
                }
                out.extend_from_slice(&input[start..end]);
                bits.pos = end;
            }
            1 => {
                let mut lit = [0u8; 288];
                lit[..144].fill(8);
                lit[144..256].fill(9);
                lit[256..280].fill(7);
                lit[280..].fill(8);
                let lit = Huffman::new(&lit)?;
                let dist = Huffman::new(&[5u8; 30])?;
                inflate_block(&mut bits, &mut out, &lit, &dist, limit)?;
            }
            2 => {
                let hlit = bits.take(5)? as usize + 257;
                let hdist = bits.take(5)? as usize + 1;
                let hclen = bits.take(4)? as usize + 4;
                if hlit > 286 || hdist > 30 {
                    return corrupt("the compressed data has an invalid block header");
                }
                let mut cl = [0u8; 19];
                for &i in CL_ORDER.iter().take(hclen) {
                    cl[i] = bits.take(3)? as u8;
                }
                let cl = Huffman::new(&cl)?;
                let mut lengths = vec![0u8; hlit + hdist];
                let mut i = 0;
                while i < hlit + hdist {
                    let sym = cl.decode(&mut bits)?;
                    let (val, rep) = match sym {
                        0..=15 => (sym as u8, 1),
                        16 => {
                            if i == 0 {
                                return corrupt("the compressed data repeats a length before any");
                            }
                            (lengths[i - 1], 3 + bits.take(2)? as usize)
                        }
                        17 => (0, 3 + bits.take(3)? as usize),
                        _ => (0, 11 + bits.take(7)? as usize),
                    };
                    if i + rep > hlit + hdist {
                        return corrupt("the compressed data has too many code lengths");
                    }
                    lengths[i..i + rep].fill(val);
                    i += rep;
                }
                if lengths[256] == 0 {
                    return corrupt("the compressed data has no end-of-block code");
                }
                let lit = Huffman::new(&lengths[..hlit])?;
                let dist = Huffman::new(&lengths[hlit..])?;
                inflate_block(&mut bits, &mut out, &lit, &dist, limit)?;
            }
            _ => return corrupt("the compressed data has an invalid block type"),
        }
        if last == 1 {
            break;
        }
    }
    bits.align();
    Ok((out, bits.consumed()))
}

fn inflate_block(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    lit: &Huffman,
    dist: &Huffman,
    limit: usize,
) -> Result<(), ZipError> {
    loop {
        let sym = lit.decode(bits)?;
        if sym < 256 {
            if out.len() >= limit {
                return Err(ZipError::TooLarge(out.len() as u64 + 1));
            }
            out.push(sym as u8);
        } else if sym == 256 {
            return Ok(());
        } else {
            let k = (sym - 257) as usize;
            if k >= 29 {
                return corrupt("the compressed data has an invalid length code");
            }
            let len = LEN_BASE[k] as usize + bits.take(LEN_EXTRA[k] as u32)? as usize;
            let d = dist.decode(bits)? as usize;
            if d >= 30 {
                return corrupt("the compressed data has an invalid distance code");
            }
            let distance = DIST_BASE[d] as usize + bits.take(DIST_EXTRA[d] as u32)? as usize;
            if distance > out.len() {
                return corrupt("the compressed data refers back before its start");
            }
            if out.len() + len > limit {
                return Err(ZipError::TooLarge((out.len() + len) as u64));
            }
            let start = out.len() - distance;
            if distance >= len {
                out.extend_from_within(start..start + len);
            } else {
                for j in 0..len {
                    let b = out[start + j];
                    out.push(b);
                }
            }
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
                let (out, _) = inflate(raw, size, size)?;
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
    }
}
