// The Android library of Avain: the Kotlin shell over the Rust core (libavain_ffi.so).
// Build from this directory with a Gradle 8 installation and the Android SDK + NDK; see
// docs/bindings.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "avain-android"
