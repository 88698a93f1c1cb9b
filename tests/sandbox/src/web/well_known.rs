//! The site-association files that let a phone open the bank's app links in the app
//! rather than the browser (`avain_protocol::app_link`): Android's Digital Asset Links
//! statement list and Apple's `apple-app-site-association`, both built from the one
//! [`APP_IDS`] and the one path, served as JSON without a redirect, as both platforms
//! require.

use avain_protocol::app_link::{APP_IDS, APP_LOGIN_PATH, AppIds};
use axum::Json;
use serde_json::{Value, json};

/// `GET /.well-known/assetlinks.json`: the Android app may handle this host's links
/// (`android:autoVerify` checks this file).
pub async fn assetlinks() -> Json<Value> {
    Json(assetlinks_json(&APP_IDS))
}

/// `GET /.well-known/apple-app-site-association`: the iOS app handles this host's
/// app-login links (the `applinks:` associated domain).
pub async fn apple_app_site_association() -> Json<Value> {
    Json(apple_json(&APP_IDS))
}

fn assetlinks_json(ids: &AppIds) -> Value {
    json!([{
        "relation": ["delegate_permission/common.handle_all_urls"],
        "target": {
            "namespace": "android_app",
            "package_name": ids.android_package,
            "sha256_cert_fingerprints": ids.android_cert_sha256,
        }
    }])
}

fn apple_json(ids: &AppIds) -> Value {
    json!({
        "applinks": {
            "details": [{
                "appIDs": [ids.apple_app_id],
                "components": [{
                    "/": format!("{APP_LOGIN_PATH}*"),
                    "comment": "a browser login waiting for the code app"
                }]
            }]
        },
        "webcredentials": { "apps": [ids.apple_app_id] }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_files_name_the_one_app() {
        let android = assetlinks_json(&APP_IDS);
        let target = &android[0]["target"];
        assert_eq!(target["package_name"], APP_IDS.android_package);
        assert_eq!(
            target["sha256_cert_fingerprints"][0],
            APP_IDS.android_cert_sha256[0]
        );
        assert_eq!(
            android[0]["relation"][0],
            "delegate_permission/common.handle_all_urls"
        );
        let apple = apple_json(&APP_IDS);
        let details = &apple["applinks"]["details"][0];
        assert_eq!(details["appIDs"][0], APP_IDS.apple_app_id);
        assert_eq!(details["components"][0]["/"], "/app-login/*");
    }

    /// The shells claim the bank's host and the one path: Android's verified intent filter
    /// and iOS's associated domain.
    #[test]
    fn the_shells_claim_the_banks_host_and_path() {
        use avain_protocol::app_link::AppLinkDomain;
        let host = AppLinkDomain::Bank.host();
        let manifest = include_str!("../../../../android/src/main/AndroidManifest.xml");
        for claim in [
            "android:autoVerify=\"true\"".to_owned(),
            "android:scheme=\"https\"".to_owned(),
            format!("android:host=\"{host}\""),
            format!("android:pathPrefix=\"{APP_LOGIN_PATH}\""),
        ] {
            assert!(manifest.contains(&claim), "{claim}");
        }
        let entitlements = include_str!("../../../../ios/AppLinks.entitlements");
        assert!(entitlements.contains(&format!("<string>applinks:{host}</string>")));
    }
}
