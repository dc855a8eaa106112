//! The session → room contract shared with the Node middleware
//! (`examples/node/session-rooms.js`): both sides derive the same names from the
//! session id and a shared secret, so the raw session id (a login credential)
//! never appears in a room name or a Redis key, which admin UIs and `MONITOR` show.

/// Shortest accepted secret: an HMAC key guessable by brute force would let
/// anyone compute a victim's room from a leaked room list.
pub const MIN_SECRET_LEN: usize = 16;

/// `hex(HMAC-SHA256(secret, session_id))[..32]`: 128 bits, stable and opaque.
pub fn session_hash(secret: &[u8], session_id: &[u8]) -> String {
    session_hash_with(&session_key(secret), session_id)
}

/// The HMAC key of a secret: set up once per secret (its set-up costs more than a signature).
pub fn session_key(secret: &[u8]) -> ring::hmac::Key {
    ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret)
}

/// [`session_hash`] with the key already set up.
pub fn session_hash_with(key: &ring::hmac::Key, session_id: &[u8]) -> String {
    session_hex(key, session_id).as_str().to_owned()
}

/// [`session_hash`] in place: 32 lowercase hex digits, no allocation.
pub struct SessionHex([u8; 32]);

impl SessionHex {
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// [`session_hash_with`] without building a String.
pub fn session_hex(key: &ring::hmac::Key, session_id: &[u8]) -> SessionHex {
    let tag = ring::hmac::sign(key, session_id);
    let mut hex = [0u8; 32];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(tag.as_ref()) {
        if let [high, low] = pair {
            *high = hex_digit(byte >> 4);
            *low = hex_digit(byte & 0x0f);
        }
    }
    SessionHex(hex)
}

fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    }
}

/// The room every socket of the session joins: `session:<hash>`.
pub fn session_room(hash: &str) -> String {
    let mut room = String::with_capacity(8 + hash.len());
    room.push_str("session:");
    room.push_str(hash);
    room
}

/// The Redis SET holding the session's rooms: `<prefix>-session-rooms:<hash>`.
pub fn rooms_key(prefix: &str, hash: &str) -> String {
    let mut key = String::with_capacity(prefix.len() + 15 + hash.len());
    key.push_str(prefix);
    key.push_str("-session-rooms:");
    key.push_str(hash);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_node_crypto_hmac() {
        // node -e 'crypto.createHmac("sha256", secret).update(id).digest("hex").slice(0, 32)'
        assert_eq!(session_hash(b"0123456789abcdef0123", b"abc"), "7175886e54c43350053bfd2f073b6399");
        assert_eq!(
            session_hash(b"a-very-long-secret-for-tests!", "sess-é中".as_bytes()),
            "5b782f2fa0d98749fc106d0a2b5254af"
        );
        assert_eq!(session_room("ab"), "session:ab");
        assert_eq!(rooms_key("socket.io", "ab"), "socket.io-session-rooms:ab");
    }
}
