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
mod params;
#[cfg(not(test))]
mod php_symbols;
#[cfg(not(test))]
mod emitter;
#[cfg(not(test))]
mod errors;
#[cfg(not(test))]
mod handlers;
#[cfg(not(test))]
mod ini;
#[cfg(not(test))]
mod session_rooms;
#[cfg(not(test))]
mod signatures;
mod stack;
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

    use crate::core::no_unwind;

    /// MINIT. Only registrations here, and the circuit breaker's shared table:
    /// php-fpm forks after it, so no connection may be opened (the pool opens
    /// lazily, in the worker that emits), but shared memory mapped now is seen
    /// by every worker.
    pub extern "C" fn startup(_ty: i32, module_number: i32) -> i32 {
        no_unwind(-1, || {
            IniEntryDef::register(ini::INI_ENTRIES.as_slice(), module_number);
            ini::entries_registered();
            // Before php-fpm / Apache fork their workers: one breaker for the pool.
            crate::core::breaker::init_shared();
            crate::php_symbols::resolve();
            match errors::register_exception_class().and_then(|()| errors::register_timeout_exception_class()) {
                Ok(()) => 0,
                Err(_) => -1,
            }
        })
    }

    /// RINIT: nothing per request but the one-time signature fix-up of this process.
    pub extern "C" fn request_startup(_ty: i32, _module_number: i32) -> i32 {
        no_unwind(0, || {
            crate::signatures::declare_union_types();
            crate::handlers::install();
            crate::ini::request_started();
            0
        })
    }

    /// RSHUTDOWN: read the replies deferred emits still owe, so none is left
    /// for the next request to trip over and refused ones are reported now,
    /// in PHP's error log (destructors have run: a user error handler throwing
    /// here would end the request with a fatal error).
    /// (Module shutdown is not relied on: php-fpm workers may be killed without it.)
    pub extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
        no_unwind(0, || {
            let _owed = pool::read_all_pending();
            crate::emitter::report_deferred_errors(true);
            crate::emitter::trim_scratch();
            0
        })
    }

    /// phpinfo(): the DSN is shown without its password.
    pub extern "C" fn info(_module: *mut ModuleEntry) {
        no_unwind((), print_info);
    }

    fn print_info() {
        let dsn = ini::read(ini::DSN).unwrap_or_default();
        let shown_dsn = match Config::from_dsn(&dsn, &ini::defaults()) {
            Ok(c) => match &c.sentinel {
                Some(sentinel) => format!("Redis Sentinel, {}", sentinel.describe()),
                None if c.cluster_seeds.is_empty() => c.address.to_string(),
                None => format!("Redis Cluster, seeds {}", c.cluster_seeds.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
            },
            Err(_) => "(invalid DSN)".to_owned(),
        };
        let snapshot = pool::snapshot();
        // Rows are C strings: a NUL would cut (or, in ext-php-rs, panic on) them.
        let text = |s: String| errors::php_text(&s);
        info_table_start!();
        info_table_row!("socketio_emitter support", "enabled");
        info_table_row!("version", env!("CARGO_PKG_VERSION"));
        info_table_row!("build", env!("SOCKETIO_EMITTER_BUILD_INFO"));
        info_table_row!("default Redis address", text(shown_dsn));
        info_table_row!("default channel prefix", text(ini::read(ini::PREFIX).unwrap_or_default()));
        info_table_row!("timeout / read_timeout (s)", text(format!(
            "{} / {}",
            ini::read(ini::TIMEOUT).unwrap_or_default(),
            ini::read(ini::READ_TIMEOUT).unwrap_or_default()
        )));
        info_table_row!("retry_interval (ms)", text(ini::read(ini::RETRY_INTERVAL).unwrap_or_default()));
        info_table_row!("on_error", text(ini::read(ini::ON_ERROR).unwrap_or_default()));
        info_table_row!("TLS", "rustls (rediss://)");
        for (name, value) in crate::emitter::stats_rows(&snapshot) {
            // The breaker's state is shared by every worker forked from this master.
            let scope = if name.starts_with("breaker") { "pool" } else { "this process" };
            info_table_row!(format!("{scope}: {name}"), value.to_string());
        }
        info_table_end!();
    }

    #[php_module]
    #[php(startup = "startup")]
    pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
        module
            .class::<Emitter>()
            .class::<BinaryValue>()
            .class::<crate::session_rooms::SessionRooms>()
            .request_startup_function(request_startup)
            .request_shutdown_function(request_shutdown)
            .info_function(info)
    }
}
