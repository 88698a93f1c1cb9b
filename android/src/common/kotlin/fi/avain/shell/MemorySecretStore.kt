// A SecretStore in memory: for tests, previews and JVM tools. Nothing survives the process.
package fi.avain.shell

import fi.avain.SecretStore
import java.util.concurrent.ConcurrentHashMap

/**
 * Secrets kept in a map. Copies in and out, so a caller wiping its array does not wipe the
 * stored value (and the other way round). Thread-safe: the core calls from its own threads.
 */
class MemorySecretStore : SecretStore {
    private val values = ConcurrentHashMap<String, ByteArray>()

    override fun get(name: String): ByteArray? = values[name]?.copyOf()

    override fun put(name: String, value: ByteArray) {
        values[name] = value.copyOf()
    }

    override fun delete(name: String) {
        values.remove(name)?.fill(0)
    }

    /** The names stored, sorted (never the values): for tests and diagnostics. */
    fun names(): List<String> = values.keys.sorted()
}
