package fi.avain.shell

import fi.avain.chooseLanguage
import org.junit.Assert.assertFalse
import org.junit.Test

/**
 * Each crate's generated Kotlin checks that the library speaks its FFI contract in
 * `IntegrityCheckingUniffiLib`'s initialiser; UniFFI's Kotlin never ran avain-ffi's own
 * (bindings/uniffi-bindgen/src/kotlin_contract_check.rs). After any call into the library
 * all three must have run.
 */
class ContractCheckTest {
    @Test
    fun everyCratesContractCheckRunsOnFirstUse() {
        chooseLanguage(listOf("fi-FI"))
        for (pkg in listOf("fi.avain", "fi.avain.core", "fi.avain.protocol")) {
            val checking = Class.forName("$pkg.IntegrityCheckingUniffiLib", false, javaClass.classLoader)
            assertFalse("$pkg's contract check never ran", shouldBeInitialized(checking))
        }
    }

    /**
     * Whether [type] is not initialised yet, without initialising it: the JVM's own
     * answer (`sun.misc.Unsafe`, found by reflection; a JVM without it fails the test).
     */
    private fun shouldBeInitialized(type: Class<*>): Boolean {
        val unsafeClass = Class.forName("sun.misc.Unsafe")
        val field = unsafeClass.getDeclaredField("theUnsafe").apply { isAccessible = true }
        val method = unsafeClass.getMethod("shouldBeInitialized", Class::class.java)
        return method.invoke(field.get(null), type) as Boolean
    }
}
