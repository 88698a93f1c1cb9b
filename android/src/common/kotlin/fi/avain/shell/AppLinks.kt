// The online bank's app link on Android, the platform-neutral part: which intents carry
// one, and handing the URL to the core, which reads it strictly and opens the browser
// login it names (avain_protocol::app_link; docs/protocol.md, "App link"). The Android
// part (AppLinkActivity, the manifest's verified intent filter) is in android/src/main.
package fi.avain.shell

import fi.avain.Avain
import fi.avain.core.AppLoginPrompt
import fi.avain.core.ProfileInfo
import fi.avain.protocol.AppLink
import fi.avain.protocol.ProfileState

/** Opening the app from the bank's app link. */
object AppLinks {
    /** `Intent.ACTION_VIEW`, the action a tapped https link arrives with. */
    const val ACTION_VIEW = "android.intent.action.VIEW"

    /**
     * The URL an intent carries when it is a tapped link ([ACTION_VIEW] with data), else
     * null: pass `intent.action` and `intent.dataString`. Whether it is the bank's link is
     * the core's to decide ([open]).
     */
    fun urlOf(action: String?, data: String?): String? =
        if (action == ACTION_VIEW && !data.isNullOrEmpty()) data else null

    /**
     * Reads [url] in the core and opens the browser login it names: with the one usable
     * profile on this phone, else the one [chooseProfile] picks among the usable ones
     * (several, or none: then the app offers registration and answers null). Returns the
     * prompt to show (the browser's code, the text to approve), then
     * `identification().approveAppLogin` or `rejectAppLogin`; null when no profile was
     * chosen. A link that is not the bank's throws [fi.avain.core.AvainException.Refused]
     * (an `APP_LINK_...` code) before anything is sent.
     */
    /**
     * A profile that may approve: active, or registered and waiting for the online bank's
     * unlock (the phone learns that the bank opened it only at the next challenge).
     */
    fun usable(state: ProfileState): Boolean =
        state == ProfileState.Active || state == ProfileState.PendingUnlock

    suspend fun open(
        avain: Avain,
        url: String,
        chooseProfile: suspend (List<ProfileInfo>) -> String?,
    ): AppLoginPrompt? {
        when (avain.readAppLink(url)) {
            is AppLink.AppLogin -> {}
        }
        val usable = avain.profiles().filter { usable(it.state) }
        val profileId = usable.singleOrNull()?.id ?: chooseProfile(usable) ?: return null
        return avain.identification().openAppLink(profileId, url)
    }
}
