// The activity the bank's verified app link opens (the manifest's intent filter for
// https://avainpankki.fi/app-login/...): it hands the URL to the app and gets out of the
// way, so the app's own screen shows the approval. The core reads the URL; nothing here
// decides whether it is the bank's.
package fi.avain.android

import android.app.Activity
import android.content.Intent
import android.os.Bundle
import fi.avain.shell.AppLinks
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * Receives the app link, publishes its URL on [AppLinkActivity.links] and starts the app's
 * launcher activity. The app collects [links], calls `AppLinks.open(avain, url) { ... }`
 * (android/src/common) and shows the prompt, then [consume]s the URL.
 */
class AppLinkActivity : Activity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        AppLinks.urlOf(intent?.action, intent?.dataString)?.let { pending.value = it }
        packageManager.getLaunchIntentForPackage(packageName)?.let { launch ->
            launch.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
            startActivity(launch)
        }
        finish()
    }

    companion object {
        private val pending = MutableStateFlow<String?>(null)

        /** The URL of the last app link not yet handled, or null. */
        val links: StateFlow<String?> = pending.asStateFlow()

        /** The app handled [url] (approved, rejected or refused it). */
        fun consume(url: String) {
            pending.compareAndSet(url, null)
        }
    }
}
