// JVM stand-ins for two Android keystore exceptions, with Android's names and superclass,
// so the shell's error mapping (which recognises them by name) can be tested off-device.
// Compiled only by tests/bindings/kotlin; on Android (and in Gradle unit tests, whose
// android.jar has them) the real classes are used.
package android.security.keystore

import java.security.InvalidKeyException

class KeyPermanentlyInvalidatedException : InvalidKeyException("Key permanently invalidated")

class UserNotAuthenticatedException : InvalidKeyException("User not authenticated")
