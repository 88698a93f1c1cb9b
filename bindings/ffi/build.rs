//! Link settings for the shipped shared library only (`libavain_ffi.so`): the other crate
//! types and every other crate in the workspace link as before.
//!
//! Packed relative relocations. A position-independent library holds one relocation per
//! pointer in its data (vtables, string tables, UniFFI's metadata): about 20 000 of them,
//! 24 bytes each in the classic RELA format, close to half a megabyte of the stripped
//! library. The packed formats store the same relocations in a few kilobytes; the dynamic
//! loader applies them exactly as before.
//! - Android: the Android packed format (APS2), which the loader reads since API 23, the
//!   app's minSdk (RELR would need API 28). The NDK links with lld.
//! - Linux with glibc (the JVM and Swift tests): RELR (`-z pack-relative-relocs`), read
//!   by glibc 2.36 and later; GNU ld 2.38+ and lld write it (an older GNU ld warns and
//!   ignores the option).
//! - Apple platforms ship the static library; the app's own link decides there.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    match (os.as_str(), env.as_str()) {
        ("android", _) => println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android"),
        ("linux", "gnu") => println!("cargo:rustc-cdylib-link-arg=-Wl,-z,pack-relative-relocs"),
        _ => {}
    }
}
