// The Avain Android library (AAR): the Kotlin shell, the generated UniFFI bindings and
// libavain_ffi.so for arm64-v8a, armeabi-v7a and x86_64.
//
// Nothing generated is committed: `buildRustLibraries` runs android/build-rust.sh
// (cargo-ndk) and `generateUniffiBindings` runs the workspace's own uniffi-bindgen on the
// unstripped arm64 library, so the Kotlin always matches the .so it ships with (which is
// also why bindings/ffi/uniffi.toml can omit UniFFI's checksums for Kotlin).
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.4.20"
}

val workspace: File = rootDir.parentFile
val rustProfile = providers.gradleProperty("avain.rustProfile").getOrElse("phone")
val rustJniLibs = layout.buildDirectory.dir("rustJniLibs")
val generatedKotlin = layout.buildDirectory.dir("generated/uniffi/kotlin")

android {
    namespace = "fi.avain"
    compileSdk = 35

    defaultConfig {
        // Android 6.0, the oldest the seeds let the app install on; the core's OS gate
        // decides at run time which versions may still be used.
        minSdk = 23
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].apply {
        // src/common: platform-neutral Kotlin, also compiled and tested on the plain JVM
        // by tests/bindings/kotlin. src/main: Android-only code.
        java.srcDirs("src/main/kotlin", "src/common/kotlin", generatedKotlin)
        jniLibs.srcDir(rustJniLibs)
    }
    sourceSets["test"].java.srcDirs("src/test/kotlin")

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        // android.jar's stubs return defaults instead of throwing, so the unit tests can
        // construct Android's keystore exceptions (tests/bindings/kotlin uses stand-ins).
        unitTests.isReturnDefaultValues = true
    }

    packaging {
        // Keep the .so files uncompressed and page-aligned in the APK (16 KiB pages).
        jniLibs.useLegacyPackaging = false
    }
}

kotlin {
    compilerOptions { jvmTarget.set(JvmTarget.JVM_17) }
}

dependencies {
    // UniFFI's Kotlin calls the library through JNA; the AAR carries JNA's own .so files.
    implementation("net.java.dev.jna:jna:5.17.0@aar")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.10.2")
    implementation("androidx.biometric:biometric:1.1.0")
    implementation("androidx.fragment:fragment-ktx:1.8.5")
    // The generated Android object cleaner is annotated with @RequiresApi.
    implementation("androidx.annotation:annotation:1.9.1")

    testImplementation("junit:junit:4.13.2")
    // The JVM unit tests load the host build of the library through desktop JNA.
    testImplementation("net.java.dev.jna:jna:5.17.0")
}

val buildRustLibraries by tasks.registering(Exec::class) {
    description = "Builds libavain_ffi.so for every ABI with cargo-ndk (android/build-rust.sh)."
    workingDir = workspace
    commandLine("android/build-rust.sh", rustProfile, rustJniLibs.get().asFile.path)
    inputs.files(fileTree(workspace) { include("core/**", "bindings/ffi/**", "Cargo.toml", "Cargo.lock") })
    outputs.dir(rustJniLibs)
}

val generateUniffiBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings from the unstripped arm64 library."
    dependsOn(buildRustLibraries)
    workingDir = workspace
    val profileDir = if (rustProfile == "dev") "debug" else rustProfile
    commandLine(
        "cargo", "run", "--locked", "--quiet", "-p", "avain-uniffi-bindgen", "--bin", "uniffi-bindgen", "--",
        "generate", "target/aarch64-linux-android/$profileDir/libavain_ffi.so",
        "--language", "kotlin", "--no-format",
        "--config", "bindings/ffi/uniffi-android.toml",
        "--out-dir", generatedKotlin.get().asFile.path,
    )
    inputs.files(buildRustLibraries)
    outputs.dir(generatedKotlin)
}

val buildRustHost by tasks.registering(Exec::class) {
    description = "Builds libavain_ffi for this computer, for the JVM unit tests."
    workingDir = workspace
    commandLine("cargo", "build", "--locked", "-p", "avain-ffi")
}

tasks.named("preBuild") { dependsOn(generateUniffiBindings) }

tasks.withType<Test>().configureEach {
    dependsOn(buildRustHost)
    systemProperty("jna.library.path", File(workspace, "target/debug").path)
}
