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
//! compiled into the library are the same UniFFI version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
