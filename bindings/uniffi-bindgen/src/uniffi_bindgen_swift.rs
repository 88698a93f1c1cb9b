//! `uniffi-bindgen-swift`: the Swift-specific generator, which writes the Swift sources,
//! the C headers and a module map separately, as an XCFramework needs them
//! (`ios/build-xcframework.sh` uses it on a Mac).

fn main() {
    uniffi::uniffi_bindgen_swift()
}
