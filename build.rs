//! Build script: link flags PHP extensions need, the PHP version features the
//! encoder relies on, and build metadata shown in phpinfo().

use std::process::Command;

fn php_config(arg: &str) -> Option<String> {
    let php_config = std::env::var("PHP_CONFIG").unwrap_or_else(|_| "php-config".to_owned());
    let out = Command::new(php_config).arg(arg).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Whether PHP's `main/php_config.h` defines `name` (a feature chosen when PHP was configured).
fn php_config_defines(name: &str) -> bool {
    let Some(include_dir) = php_config("--include-dir") else { return false };
    let header = std::path::Path::new(&include_dir).join("main/php_config.h");
    println!("cargo::rerun-if-changed={}", header.display());
    std::fs::read_to_string(header).is_ok_and(|text| {
        text.lines().any(|line| {
            let mut words = line.split_whitespace();
            words.next() == Some("#define") && words.next() == Some(name)
        })
    })
}

fn main() {
    println!("cargo::rerun-if-env-changed=PHP_CONFIG");
    println!("cargo::rerun-if-changed=build.rs");
    // Rebuild the phpinfo build line when the checked-out commit changes (the
    // git directory is asked of git: in a worktree `.git` is a file).
    // Branch refs live in the common directory, which differs in a worktree.
    let git_path = |arg: &str| {
        Command::new("git")
            .args(["rev-parse", arg])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| std::path::PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
    };
    if let (Some(git_dir), Some(common_dir)) = (git_path("--git-dir"), git_path("--git-common-dir")) {
        let head = git_dir.join("HEAD");
        println!("cargo::rerun-if-changed={}", head.display());
        if let Ok(text) = std::fs::read_to_string(&head) {
            if let Some(reference) = text.trim().strip_prefix("ref: ") {
                let reference = common_dir.join(reference);
                if reference.exists() {
                    println!("cargo::rerun-if-changed={}", reference.display());
                }
            }
        }
    }
    println!("cargo::rustc-check-cfg=cfg(php_packed_zvals)");
    println!("cargo::rustc-check-cfg=cfg(php_stack_limit)");
    println!("cargo::rustc-check-cfg=cfg(php_property_hooks)");

    // The extension resolves Zend symbols from the PHP binary that loads it.
    // Bind them lazily (rustc links with `-z now` by default): `cargo php stubs`
    // loads the .so outside PHP, where those functions do not exist.
    match std::env::var("CARGO_CFG_TARGET_OS").as_deref() {
        Ok("macos") => {
            println!("cargo::rustc-cdylib-link-arg=-undefined");
            println!("cargo::rustc-cdylib-link-arg=dynamic_lookup");
        }
        Ok("linux") => println!("cargo::rustc-cdylib-link-arg=-Wl,-z,lazy"),
        _ => {}
    }

    // PHP 8.2 stores packed arrays as bare zvals (arPacked) instead of buckets.
    let vernum: u32 = php_config("--vernum").and_then(|v| v.parse().ok()).unwrap_or(80200);
    if vernum >= 80200 {
        println!("cargo::rustc-cfg=php_packed_zvals");
    }
    // PHP 8.3 keeps the running stack's bounds in EG(stack_base)/EG(stack_limit)
    // (switched with each Fiber), when built with ZEND_CHECK_STACK_LIMIT: the
    // executor globals (and so ext-php-rs's bindings) have the fields only then.
    if vernum >= 80300 && php_config_defines("ZEND_CHECK_STACK_LIMIT") {
        println!("cargo::rustc-cfg=php_stack_limit");
    }
    // Thread-safe PHP: each thread's executor globals (its ini table) are
    // built and freed with the thread's PHP resources, which a SAPI may
    // recreate on the same OS thread between requests.
    println!("cargo::rustc-check-cfg=cfg(php_thread_safe)");
    if php_config_defines("ZTS") {
        println!("cargo::rustc-cfg=php_thread_safe");
    }
    // PHP 8.4 property hooks (zend_class_entry.num_hooked_props).
    if vernum >= 80400 {
        println!("cargo::rustc-cfg=php_property_hooks");
    }

    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let rustc_version = Command::new(rustc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let commit = Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    let profile = std::env::var("PROFILE").unwrap_or_default();
    println!(
        "cargo::rustc-env=SOCKETIO_EMITTER_BUILD_INFO=commit {commit}, {profile}, PHP API {}, {rustc_version}",
        php_config("--phpapi").unwrap_or_else(|| "unknown".to_owned())
    );
}
