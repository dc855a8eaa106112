//! socketio_emitter: a PHP extension that emits Socket.IO events through the
//! Redis adapter. This file only wires the module: INI entries, classes, phpinfo.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::indexing_slicing,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

pub mod core;

#[cfg(not(test))]
mod binary;
#[cfg(not(test))]
mod php_symbols;
#[cfg(not(test))]
mod emitter;
#[cfg(not(test))]
mod errors;
#[cfg(not(test))]
mod ini;
#[cfg(not(test))]
mod value;

#[cfg(not(test))]
mod module {
    use ext_php_rs::prelude::*;
    use ext_php_rs::zend::{IniEntryDef, ModuleEntry};
    use ext_php_rs::{info_table_end, info_table_row, info_table_start};

    use crate::binary::BinaryValue;
    use crate::core::config::Config;
    use crate::core::pool;
    use crate::emitter::Emitter;
    use crate::{errors, ini};

    /// MINIT. Only registrations here: php-fpm forks after it, so no connection
    /// may be opened (the pool opens lazily, in the worker that emits).
    pub extern "C" fn startup(_ty: i32, module_number: i32) -> i32 {
        IniEntryDef::register(ini::INI_ENTRIES.as_slice(), module_number);
        crate::php_symbols::resolve();
        match errors::register_exception_class() {
            Ok(()) => 0,
            Err(_) => -1,
        }
    }

    /// phpinfo(): the DSN is shown without its password.
    pub extern "C" fn info(_module: *mut ModuleEntry) {
        let dsn = ini::read(ini::DSN).unwrap_or_default();
        let shown_dsn = match Config::from_dsn(&dsn, &ini::defaults()) {
            Ok(c) => c.address.to_string(),
            Err(_) => "(invalid DSN)".to_owned(),
        };
        let stats = pool::stats();
        info_table_start!();
        info_table_row!("socketio_emitter support", "enabled");
        info_table_row!("version", env!("CARGO_PKG_VERSION"));
        info_table_row!("build", env!("SOCKETIO_EMITTER_BUILD_INFO"));
        info_table_row!("default Redis address", shown_dsn);
        info_table_row!("default channel prefix", ini::read(ini::PREFIX).unwrap_or_default());
        info_table_row!("connections opened (this process)", stats.connections_opened.to_string());
        info_table_row!("connection reuses", stats.reuses.to_string());
        info_table_row!("reconnects", stats.reconnects.to_string());
        info_table_row!("commands sent", stats.commands.to_string());
        info_table_row!("failures", stats.failures.to_string());
        info_table_end!();
    }

    #[php_module]
    #[php(startup = "startup")]
    pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
        module
            .class::<Emitter>()
            .class::<BinaryValue>()
            .info_function(info)
    }
}
