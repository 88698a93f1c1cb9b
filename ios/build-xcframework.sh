#!/usr/bin/env bash
# Builds build/AvainFFIC.xcframework (the Rust core as a static library for iPhone, iPad
# and the Simulator, with its C header and module map) and Generated/AvainFFI/*.swift
# (the generated Swift), which ios/Package.swift uses on Apple platforms. Run on a Mac
# with Xcode and
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
#
#   ios/build-xcframework.sh [cargo profile, default phone]
#
# The app ships without avain-ffi's test feature `software-keys`; the package's tests
# (ios/Tests, whose SwiftDeviceKeys use `softwareDeviceKeys`) need a build with it:
#   AVAIN_FFI_FEATURES=software-keys ios/build-xcframework.sh dev
#
# Slices: iOS devices (arm64) and the Simulator (arm64 + x86_64, merged with lipo).
# Nothing it writes is committed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
profile=${1:-phone}
profile_dir=$profile
[ "$profile" = dev ] && profile_dir=debug

out=ios/build
generated=ios/Generated
staging=$out/staging
rm -rf "$out/AvainFFIC.xcframework" "$staging" "$generated"
mkdir -p "$staging/headers" "$staging/simulator" "$generated/AvainFFI"

# iOS 13 is the package's deployment target (Swift concurrency).
export IPHONEOS_DEPLOYMENT_TARGET=13.0
features=${AVAIN_FFI_FEATURES:-}
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  cargo build --locked -p avain-ffi --profile "$profile" --target "$target" --features "$features"
done
lib() { echo "target/$1/$profile_dir/libavain_ffi.a"; }

# The generated Swift, the C header and an XCFramework module map (module AvainFFIC),
# from the workspace's own generator; the static library keeps UniFFI's metadata.
cargo run --locked --quiet -p avain-uniffi-bindgen --bin uniffi-bindgen-swift -- \
  --swift-sources --headers --modulemap --xcframework \
  --module-name AvainFFIC --modulemap-filename module.modulemap \
  "$(lib aarch64-apple-ios)" "$staging/generated"
# One Swift file per crate with UniFFI types (avain-ffi, avain-core, avain-protocol).
mv "$staging/generated/"*.swift "$generated/AvainFFI/"
mv "$staging/generated/"*.h "$staging/generated/module.modulemap" "$staging/headers/"

lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" \
  -output "$staging/simulator/libavain_ffi.a"

xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$staging/headers" \
  -library "$staging/simulator/libavain_ffi.a" -headers "$staging/headers" \
  -output "$out/AvainFFIC.xcframework"
rm -rf "$staging"
echo "built $out/AvainFFIC.xcframework and $generated/AvainFFI/*.swift"
