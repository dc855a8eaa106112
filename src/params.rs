//! Scalar parameters (`string`, `bool`) typed as PHP's own functions type them.
//!
//! ext-php-rs converts arguments with its own rules: `emit(123)` was a
//! TypeError ("Invalid value given for argument `event`") where `strlen(123)`
//! works, and `declare(strict_types=1)` made no difference. These parameter
//! types take the argument as it came and [`StrParam::bytes`] /
//! [`BoolParam::get`] hand it to zpp's own conversion, so coercion, the
//! caller's `strict_types`, `Stringable` objects and PHP 8.1+'s null
//! deprecation behave exactly as for built-in functions; only the TypeError is
//! ours, worded as PHP's: `SocketIO\Emitter::emit(): Argument #1 ($event) must
//! be of type string, array given`.

use ext_php_rs::convert::{FromZvalMut, StubLiteral};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::Zval;

use crate::errors::{EmitterError, EmitterResult};
use crate::value;

/// A parameter, for messages and zpp: `SocketIO\Emitter::emit(): Argument #1 ($event)`.
pub struct Param {
    pub function: &'static str,
    /// 1-based, as PHP counts.
    pub position: u32,
    pub name: &'static str,
}

impl Param {
    fn type_error(&self, expected: &str, given: &Zval) -> EmitterError {
        EmitterError::Type(format!(
            "{}(): Argument #{} (${}) must be of type {expected}, {} given",
            self.function,
            self.position,
            self.name,
            value::type_name(given)
        ))
    }
}

/// A `string` parameter (declared `string` in Reflection).
pub struct StrParam<'a>(&'a mut Zval);

impl<'a> FromZvalMut<'a> for StrParam<'a> {
    const TYPE: DataType = DataType::String;

    fn from_zval_mut(zval: &'a mut Zval) -> Option<Self> {
        Some(StrParam(zval))
    }
}

impl<'a> StrParam<'a> {
    /// The argument in slot `zval` of the running call (a hand-written handler's).
    pub fn new(zval: &'a mut Zval) -> Self {
        StrParam(zval)
    }

    /// The string's bytes, after PHP's conversion of a non-string.
    pub fn bytes(self, at: &Param) -> EmitterResult<&'a [u8]> {
        let zv = self.0;
        if !zv.is_string() {
            let convert = crate::php_symbols::get().and_then(|s| s.parse_arg_str_slow);
            let mut converted = std::ptr::null_mut();
            // SAFETY: `zv` is this call's argument slot, which zpp converts in
            // place too (the frame frees what it then holds).
            let ok = convert.is_some_and(|f| unsafe { f(std::ptr::from_mut(zv), &raw mut converted, at.position) });
            // On failure PHP may have thrown already (a throwing __toString or
            // error handler): ours is then not thrown over it.
            if !ok || converted.is_null() {
                return Err(at.type_error("string", zv));
            }
        }
        let zv: &'a Zval = zv;
        zv.zend_str().map(|s| s.as_bytes()).ok_or_else(|| at.type_error("string", zv))
    }

    /// The string, which must be UTF-8 (event names, namespaces: JS strings).
    pub fn utf8(self, at: &Param) -> EmitterResult<&'a str> {
        crate::value::text(self.bytes(at)?).ok_or_else(|| {
            EmitterError::Invalid(format!("{}(): Argument #{} (${}) must be valid UTF-8", at.function, at.position, at.name))
        })
    }
}

/// A `bool` parameter with a default (declared `bool $x = <default>` in
/// Reflection by signatures.rs). Nullable for ext-php-rs only: its own null
/// check would throw where PHP 8.2 deprecates and converts to false.
pub enum BoolParam<'a> {
    Default(bool),
    Given(&'a mut Zval),
}

impl From<bool> for BoolParam<'_> {
    fn from(value: bool) -> Self {
        BoolParam::Default(value)
    }
}

impl StubLiteral for BoolParam<'_> {
    fn stub_literal(&self) -> String {
        match self {
            BoolParam::Default(value) => value.to_string(),
            BoolParam::Given(_) => "null".to_owned(),
        }
    }
}

impl<'a> FromZvalMut<'a> for BoolParam<'a> {
    const TYPE: DataType = DataType::Bool;
    const NULLABLE: bool = true;

    fn from_zval_mut(zval: &'a mut Zval) -> Option<Self> {
        Some(BoolParam::Given(zval))
    }

    /// Only reached without a `defaults(...)` entry; every use declares one.
    fn from_missing() -> Option<Self> {
        Some(BoolParam::Default(false))
    }
}

impl BoolParam<'_> {
    pub fn get(self, at: &Param) -> EmitterResult<bool> {
        let zv = match self {
            BoolParam::Default(value) => return Ok(value),
            BoolParam::Given(zv) => zv,
        };
        if let Some(value) = zv.bool() {
            return Ok(value);
        }
        let convert = crate::php_symbols::get().and_then(|s| s.parse_arg_bool_slow);
        let mut value = false;
        // SAFETY: this call's argument slot and a bool to write to.
        let ok = convert.is_some_and(|f| unsafe { f(std::ptr::from_mut(zv), &raw mut value, at.position) });
        if ok {
            Ok(value)
        } else {
            Err(at.type_error("bool", zv))
        }
    }
}
