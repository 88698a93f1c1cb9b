#!/usr/bin/env bash
# Builds libavain_ffi.so for the Android ABIs the app ships (arm64-v8a, armeabi-v7a,
# x86_64) with cargo-ndk, into OUT_DIR/<abi>/ (the jniLibs layout). Run on a developer
# machine or CI with the Android NDK (ANDROID_NDK_HOME) and
#   cargo install cargo-ndk
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
#
#   android/build-rust.sh [cargo profile, default phone] [out dir, default android/build/rustJniLibs]
#
# The libraries are linked with 16 KiB page alignment (required for apps targeting Android
# 15+ on 16 KiB-page devices; harmless on 4 KiB ones) and for API 23, the library's minSdk.
# cargo-ndk strips the copies it puts in OUT_DIR; the unstripped ones under
# target/<triple>/<profile>/ keep UniFFI's metadata for generating the bindings.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
profile=${1:-phone}
out=${2:-android/build/rustJniLibs}

command -v cargo-ndk >/dev/null || {
  echo "build-rust.sh: cargo-ndk is missing (cargo install cargo-ndk)" >&2
  exit 1
}

export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-Wl,-z,max-page-size=16384"
cargo ndk \
  --platform 23 \
  -t arm64-v8a -t armeabi-v7a -t x86_64 \
  -o "$out" \
  build --locked -p avain-ffi --profile "$profile"

# Check the alignment of what was built (readelf from the NDK or binutils, if present).
if command -v llvm-readelf >/dev/null || command -v readelf >/dev/null; then
  readelf=$(command -v llvm-readelf || command -v readelf)
  for so in "$out"/*/libavain_ffi.so; do
    if "$readelf" -lW "$so" | awk '$1 == "LOAD" && $NF != "0x4000" { bad = 1 } END { exit bad }'; then
      echo "16 KiB aligned: $so"
    else
      echo "build-rust.sh: $so is not 16 KiB aligned" >&2
      exit 1
    fi
  done
fi
