//! `uniffi-bindgen`: generates the Kotlin and Swift bindings of avain-ffi.
//!
//! Run it inside the workspace (it reads `cargo metadata` to find `uniffi.toml`) on the
//! unstripped library, which carries UniFFI's metadata:
//!
//! ```sh
//! cargo build -p avain-ffi
//! cargo run -p avain-uniffi-bindgen --bin uniffi-bindgen -- \
//!     generate target/debug/libavain_ffi.so --language kotlin --out-dir build/kotlin
//! ```
//!
//! Using the workspace's own binary guarantees that the generator and the scaffolding
//! compiled into the library are the same UniFFI version. For Kotlin it then drops the
//! JNA declarations nothing calls (`kotlin_unused.rs`): fewer functions for JNA to
//! register when the app first calls the library. Then it defers the rest of that
//! registration, and each foreign trait's vtable, to first use (`kotlin_lazy.rs`), and
//! makes calls reuse one call status per thread (`kotlin_call_status.rs`). It also makes
//! avain-ffi's own contract-version check run, which UniFFI's Kotlin never reaches
//! (`kotlin_contract_check.rs`), and prepares what the first screen's `Avain.open` needs,
//! the library's runtime included, on a thread started when the library loads
//! (`kotlin_prepare.rs`). The rewrites read the generated text with `kotlin_text.rs`.

mod kotlin_call_status;
mod kotlin_contract_check;
mod kotlin_lazy;
mod kotlin_prepare;
mod kotlin_text;
mod kotlin_unused;

use std::path::PathBuf;

fn main() {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    // `--flag value` or `--flag=value`, as the generator's own parser takes them.
    let value = |flags: &[&str]| {
        args.iter().enumerate().find_map(|(i, arg)| {
            if flags.contains(&arg.as_str()) {
                return args.get(i + 1).cloned();
            }
            let (flag, value) = arg.split_once('=')?;
            flags.contains(&flag).then(|| value.to_owned())
        })
    };
    let generated_kotlin = args.get(1).is_some_and(|command| command == "generate")
        && value(&["--language", "-l"]).is_some_and(|language| language == "kotlin");
    if let (true, Some(out_dir)) = (generated_kotlin, value(&["--out-dir", "-o"])) {
        if let Err(e) = kotlin_contract_check::check_own_contract(&PathBuf::from(&out_dir)) {
            eprintln!("uniffi-bindgen: running the crate's own contract check: {e}");
            std::process::exit(1);
        }
        if let Err(e) = kotlin_unused::drop_unused_externals(&PathBuf::from(&out_dir)) {
            eprintln!("uniffi-bindgen: dropping unused JNA declarations: {e}");
            std::process::exit(1);
        }
        if let Err(e) = kotlin_lazy::make_lazy(&PathBuf::from(&out_dir)) {
            eprintln!("uniffi-bindgen: registering functions and vtables on first use: {e}");
            std::process::exit(1);
        }
        if let Err(e) = kotlin_call_status::reuse_call_status(&PathBuf::from(&out_dir)) {
            eprintln!("uniffi-bindgen: one call status per thread: {e}");
            std::process::exit(1);
        }
        // After kotlin_lazy: it names the call's receiver group.
        if let Err(e) = kotlin_prepare::prepare_first_call(&PathBuf::from(&out_dir)) {
            eprintln!("uniffi-bindgen: preparing the first screen's call: {e}");
            std::process::exit(1);
        }
    }
}
