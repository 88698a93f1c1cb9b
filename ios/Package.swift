// swift-tools-version:5.9
// Avain for iPhone and iPad: the Swift shell (module `Avain`) over the generated bindings
// (module `AvainFFI`) and the Rust library (C module `AvainFFIC`).
//
// On Apple platforms the Rust library comes as an XCFramework that
// ios/build-xcframework.sh builds on a Mac, together with the generated Swift in
// Generated/AvainFFI (neither is committed). On Linux, where the platform-neutral code and
// the bindings are tested (tests/bindings/swift), the library is a system library whose
// module map the test script writes into Generated/AvainFFIC.
import PackageDescription

#if os(Linux)
let ffiLibrary: Target = .systemLibrary(name: "AvainFFIC", path: "Generated/AvainFFIC")
#else
let ffiLibrary: Target = .binaryTarget(name: "AvainFFIC", path: "build/AvainFFIC.xcframework")
#endif

let package = Package(
    name: "Avain",
    // Swift concurrency (the async API) needs iOS 13; the core's OS gate refuses iOS 13.4
    // and older at run time anyway.
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "Avain", targets: ["Avain"]),
    ],
    targets: [
        ffiLibrary,
        .target(name: "AvainFFI", dependencies: ["AvainFFIC"], path: "Generated/AvainFFI"),
        .target(name: "Avain", dependencies: ["AvainFFI"], path: "Sources/Avain"),
        .testTarget(name: "AvainTests", dependencies: ["Avain"], path: "Tests/AvainTests"),
    ]
)
