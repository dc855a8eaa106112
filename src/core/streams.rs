//! The Redis Streams adapter: `@socket.io/redis-streams-adapter` 0.3.
//!
//! Its servers read entries of a Redis stream (`XREAD` from `$`) and handle
//! each as a `ClusterMessage` of `socket.io-adapter` (the message types of
//! `sharded`). Durable operations (broadcast, socketsJoin/Leave,
//! disconnectSockets) are one entry each:
//! `XADD <stream> MAXLEN ~ <maxLen> * uid emitter nsp <nsp> type <n> data <data>`,
//! `data` the JSON of the message's data, or, when it holds a binary, the
//! base64 of its msgpack. Ephemeral messages (serverSideEmit) go over pub/sub
//! as the adapter sends them: `PUBLISH <prefix>#<nsp>#` of the whole message
//! in msgpack.
//!
//! With `streamCount > 1` a namespace's stream is `<streamName>-<i>`,
//! `i = hashCode(nsp) % streamCount` (Java's 31-hash over UTF-16 units, int32,
//! signed remainder). A negative `i` names a stream no server reads.

use super::config::StreamsSettings;
use super::protocol::{EncodeError, EventArgs, Limits, Target};
use super::sharded::{self, Message};

/// `hashCode` of the adapter's util.ts: `hash = hash * 31 + charCode | 0`.
pub fn hash_code(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |hash, unit| hash.wrapping_mul(31).wrapping_add(i32::from(unit)))
}

/// The stream the servers read `nsp`'s entries from (`computeStreamName`).
/// Refused when the adapter's formula gives a negative index: its servers
/// write there but no server reads it, so nothing would ever be delivered.
pub fn stream_key(settings: &StreamsSettings, nsp: &str) -> Result<String, EncodeError> {
    if settings.count <= 1 {
        return Ok(settings.name.clone());
    }
    let count = i64::try_from(settings.count).unwrap_or(i64::MAX);
    let index = i64::from(hash_code(nsp)) % count;
    if index < 0 {
        return Err(EncodeError::Value(format!(
            "namespace '{nsp}' cannot be reached with stream_count {count}: @socket.io/redis-streams-adapter maps it to \
             stream '{name}-{index}' (hashCode('{nsp}') % {count} = {index}, a negative index), which none of its servers \
             reads (they poll {name}-0 to {name}-{last}); the adapter's own emits to this namespace are lost the same way. \
             Use stream_count 1, or a namespace name whose hash is not negative",
            name = settings.name,
            last = count - 1,
        )));
    }
    Ok(format!("{}-{index}", settings.name))
}

/// Appends the `data` field of the stream entry for `message`: JSON, or the
/// base64 of its msgpack when it holds a binary.
pub fn encode_data<A: EventArgs + ?Sized>(out: &mut Vec<u8>, target: &Target, message: &Message<'_, A>, limits: Limits) -> Result<(), EncodeError> {
    let start = out.len();
    let bins = sharded::encode_data(out, target, message, limits)?;
    if bins == 0 {
        return Ok(());
    }
    let msgpack = out.split_off(start);
    base64_into(&msgpack, out);
    let written = out.len() - start;
    if limits.max_payload != 0 && written > limits.max_payload {
        return Err(EncodeError::TooLarge {
            limit: limits.max_payload,
            written,
        });
    }
    Ok(())
}

/// Standard base64 with padding (Node's `Buffer.toString("base64")`).
fn base64_into(bytes: &[u8], out: &mut Vec<u8>) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextet = |n: u32, shift: u32| ALPHABET.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'=');
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i as u32)));
        out.push(sextet(n, 18));
        out.push(sextet(n, 12));
        out.push(if chunk.len() > 1 { sextet(n, 6) } else { b'=' });
        out.push(if chunk.len() > 2 { sextet(n, 0) } else { b'=' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_code_as_javascript_computes_it() {
        // Values computed with the adapter's hashCode in Node.
        assert_eq!(hash_code(""), 0);
        assert_eq!(hash_code("/"), 47);
        assert_eq!(hash_code("/admin"), 1_438_238_848);
        assert_eq!(hash_code("/notifications"), -1_014_064_871);
        // UTF-16 units: a surrogate pair counts twice.
        assert_eq!(hash_code("/é😀"), 3_396_989);
    }

    #[test]
    fn stream_keys_follow_the_adapter_and_refuse_negative_indexes() {
        let mut settings = StreamsSettings::default();
        assert_eq!(stream_key(&settings, "/anything").unwrap(), "socket.io");
        settings.count = 4;
        assert_eq!(stream_key(&settings, "/").unwrap(), "socket.io-3");
        let err = stream_key(&settings, "/notifications").unwrap_err().to_string();
        assert!(err.contains("socket.io--3") && err.contains("stream_count 4"), "{err}");
        assert_eq!(stream_key(&settings, "/admin").unwrap(), "socket.io-0");
    }

    #[test]
    fn base64_as_node_writes_it() {
        for (bytes, text) in [(&b""[..], ""), (b"f", "Zg=="), (b"fo", "Zm8="), (b"foo", "Zm9v"), (b"\xff\xfe\xfd\xfc", "//79/A==")] {
            let mut out = Vec::new();
            base64_into(bytes, &mut out);
            assert_eq!(out, text.as_bytes());
        }
    }
}
