//! PHP class `SocketIO\Binary`: marks a string as bytes, sent as msgpack bin
//! (a Buffer/ArrayBuffer in the browser) instead of text.

use ext_php_rs::binary::Binary;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;

use crate::params::{Param, StrParam};

#[php_class]
#[php(name = "SocketIO\\Binary")]
#[php(flags = ClassFlags::Final)]
pub struct BinaryValue {
    bytes: Vec<u8>,
}

impl BinaryValue {
    pub fn new(bytes: Vec<u8>) -> BinaryValue {
        BinaryValue { bytes }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

#[php_impl]
impl BinaryValue {
    /// Wraps raw bytes (any string, UTF-8 or not).
    pub fn __construct(bytes: StrParam) -> PhpResult<Self> {
        let bytes = bytes.bytes(&Param { function: "SocketIO\\Binary::__construct", position: 1, name: "bytes" })?;
        Ok(BinaryValue { bytes: bytes.to_vec() })
    }

    /// The wrapped bytes, unchanged.
    pub fn bytes(&self) -> Binary<u8> {
        Binary::from(self.bytes.clone())
    }
}
