//! Reading Redis replies (RESP2: we never send HELLO 3).
//!
//! The `redis` crate's `Parser` zeroes an 8 KiB buffer on every read; on the
//! emit hot path (one `:N\r\n` reply per PUBLISH) that was a quarter of all
//! instructions (callgrind), so replies are parsed here, straight from our own
//! buffer. Commands are still packed by the `redis` crate.

use std::io::{self, Read};

/// One reply. Error replies are kept as values so a pipeline can read them all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    Status(String),
    Error(String),
    Int(i64),
    Bulk(Option<Vec<u8>>),
    Array(Option<Vec<Reply>>),
}

impl Reply {
    /// What kind of reply this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Reply::Status(_) => "a status reply",
            Reply::Error(_) => "an error reply",
            Reply::Int(_) => "an integer",
            Reply::Bulk(_) => "a bulk string",
            Reply::Array(_) => "an array",
        }
    }
}

/// Deepest nesting accepted; Redis' own replies to our commands are at most 2 deep.
const MAX_DEPTH: usize = 16;

/// Largest bulk string and longest array accepted. Our commands get small
/// replies (counts, OK, a set of room names); a header announcing more is a
/// broken or hostile server, refused before anything is buffered for it.
pub const MAX_BULK_LEN: usize = 16 << 20;
pub const MAX_ARRAY_LEN: usize = 1 << 20;

/// Buffered reader of replies over any byte stream.
#[derive(Default)]
pub struct ReplyReader {
    buf: Vec<u8>,
    start: usize,
    /// Read target, zeroed once and reused (zeroing per read was the cost above).
    chunk: Vec<u8>,
}

const CHUNK: usize = 4096;

impl ReplyReader {
    /// Reads one complete reply, reading from `stream` only when the buffer
    /// does not hold one yet (pipelined replies often arrive together).
    pub fn read<R: Read>(&mut self, stream: &mut R) -> io::Result<Reply> {
        loop {
            if let Some((reply, used)) = parse(self.buf.get(self.start..).unwrap_or_default(), 0)? {
                self.start += used;
                if self.start == self.buf.len() {
                    self.buf.clear();
                    self.start = 0;
                }
                return Ok(reply);
            }
            if self.chunk.len() != CHUNK {
                self.chunk = vec![0; CHUNK];
            }
            let n = stream.read(&mut self.chunk)?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let fresh = self.chunk.get(..n).unwrap_or_default();
            if self.start == self.buf.len() {
                // Nothing buffered: the usual whole reply is parsed where it
                // was read, and only what follows it is kept.
                self.buf.clear();
                self.start = 0;
                if let Some((reply, used)) = parse(fresh, 0)? {
                    self.buf.extend_from_slice(fresh.get(used..).unwrap_or_default());
                    return Ok(reply);
                }
            }
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            self.buf.extend_from_slice(fresh);
        }
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("malformed reply: {what}"))
}

/// `Some((reply, bytes used))`, or `None` when `buf` holds only part of a reply.
fn parse(buf: &[u8], depth: usize) -> io::Result<Option<(Reply, usize)>> {
    let Some((&kind, rest)) = buf.split_first() else { return Ok(None) };
    let Some(line_end) = rest.windows(2).position(|w| w == b"\r\n") else { return Ok(None) };
    let line = rest.get(..line_end).unwrap_or_default();
    let after_line = 1 + line_end + 2;
    let text = || String::from_utf8_lossy(line).into_owned();
    let number = || -> io::Result<i64> { parse_int(line).ok_or_else(|| invalid("bad number")) };
    match kind {
        b'+' => Ok(Some((Reply::Status(text()), after_line))),
        b'-' => Ok(Some((Reply::Error(text()), after_line))),
        b':' => Ok(Some((Reply::Int(number()?), after_line))),
        b'$' => {
            let len = number()?;
            if len < 0 {
                return Ok(Some((Reply::Bulk(None), after_line)));
            }
            let len = usize::try_from(len).map_err(|_| invalid("bad length"))?;
            if len > MAX_BULK_LEN {
                return Err(invalid(&format!("bulk string of {len} bytes announced (limit {MAX_BULK_LEN})")));
            }
            let end = after_line + len;
            match buf.get(after_line..end + 2) {
                Some(data) if data.ends_with(b"\r\n") => {
                    Ok(Some((Reply::Bulk(Some(data.get(..len).unwrap_or_default().to_vec())), end + 2)))
                }
                Some(_) => Err(invalid("bulk string not terminated")),
                None => Ok(None),
            }
        }
        b'*' => {
            let count = number()?;
            if count < 0 {
                return Ok(Some((Reply::Array(None), after_line)));
            }
            if count > MAX_ARRAY_LEN as i64 {
                return Err(invalid(&format!("array of {count} elements announced (limit {MAX_ARRAY_LEN})")));
            }
            if depth >= MAX_DEPTH {
                return Err(invalid("nested too deep"));
            }
            let mut used = after_line;
            let mut items = Vec::new();
            for _ in 0..count {
                match parse(buf.get(used..).unwrap_or_default(), depth + 1)? {
                    Some((item, n)) => {
                        items.push(item);
                        used += n;
                    }
                    None => return Ok(None),
                }
            }
            Ok(Some((Reply::Array(Some(items)), used)))
        }
        _ => Err(invalid("unknown type byte")),
    }
}

/// `line` as `str::parse::<i64>` reads it (optional sign, at least one
/// ASCII digit, no overflow), without the UTF-8 check and the generic parser:
/// every PUBLISH reply is one.
fn parse_int(line: &[u8]) -> Option<i64> {
    let (negative, digits) = match line {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, line),
    };
    if digits.is_empty() {
        return None;
    }
    // Accumulated below zero, so i64::MIN fits.
    let mut n: i64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_sub(i64::from(d - b'0'))?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream handing out its bytes a few at a time, like a slow socket.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn integers_are_read_as_str_parse_reads_them() {
        for line in ["0", "7", "-3", "+5", "007", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "-9223372036854775809", "", "-", "+", "1a", " 1", "1 ", "--1", "+-1", "99999999999999999999"] {
            assert_eq!(parse_int(line.as_bytes()), line.parse::<i64>().ok(), "{line:?}");
        }
    }

    #[test]
    fn parses_every_reply_kind_across_split_reads() {
        let wire = b":2\r\n+OK\r\n-NOPERM no\r\n$3\r\nabc\r\n$-1\r\n*2\r\n$1\r\na\r\n*1\r\n:7\r\n*-1\r\n:-3\r\n";
        for step in [1, 3, 64] {
            let mut reader = ReplyReader::default();
            let mut stream = Trickle(wire, step);
            let mut got = Vec::new();
            for _ in 0..8 {
                got.push(reader.read(&mut stream).unwrap());
            }
            assert_eq!(
                got,
                vec![
                    Reply::Int(2),
                    Reply::Status("OK".into()),
                    Reply::Error("NOPERM no".into()),
                    Reply::Bulk(Some(b"abc".to_vec())),
                    Reply::Bulk(None),
                    Reply::Array(Some(vec![Reply::Bulk(Some(b"a".to_vec())), Reply::Array(Some(vec![Reply::Int(7)]))])),
                    Reply::Array(None),
                    Reply::Int(-3),
                ],
                "step {step}"
            );
            assert_eq!(reader.read(&mut stream).unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
        }
    }

    #[test]
    fn rejects_garbage() {
        let mut reader = ReplyReader::default();
        assert_eq!(reader.read(&mut &b"?x\r\n"[..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
        let mut reader = ReplyReader::default();
        assert_eq!(reader.read(&mut &b":nan\r\n"[..]).unwrap_err().kind(), io::ErrorKind::InvalidData);
        // Announced sizes beyond the limits are refused from the header alone.
        for header in [&b"$2147483648\r\n"[..], b"*2147483648\r\n", b"*1\r\n$16777217\r\n"] {
            let mut reader = ReplyReader::default();
            let err = reader.read(&mut &header[..]).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
            assert!(err.to_string().contains("announced"), "{err}");
        }
    }
}
