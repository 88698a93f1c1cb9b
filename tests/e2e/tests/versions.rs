//! The versions "More" shows (seed: "Uppgiften om version"): the core's own and the app's,
//! where the app's is the very value the OS gate compares with the policy's minimum app
//! version.

use avain_core::client::{CORE_VERSION, PolicyDecision};
use avain_core::os_policy::{Platform, SignedPolicy, Version};
use avain_e2e::{Harness, TEST_PIN_KDF_ITERATIONS, test_device};
use avain_sandbox::{Sandbox, SandboxOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_version_shown_is_the_one_the_gate_checks() {
    let bank = Sandbox::start(SandboxOptions {
        control: true,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let h = Harness::with_bank(bank, None, vec!["en".into()], TEST_PIN_KDF_ITERATIONS).unwrap();
    let versions = h.avain.versions();
    assert_eq!(versions.core, CORE_VERSION);
    assert!(!versions.core.is_empty());
    assert_eq!(versions.app, test_device().app_version);
    assert_eq!(
        h.avain.refresh_policy().await.unwrap().decision,
        PolicyDecision::Allowed
    );

    // The bank requires one patch release more than the version "More" shows.
    let current: SignedPolicy = h.browser.get("/v1/policy", None).await.unwrap();
    let keys: Vec<_> = h.bank.policy_bank_key().into_iter().collect();
    let mut document = current.verify(&keys).unwrap();
    let shown = Version::parse(&versions.app).unwrap();
    let required = Version::parse("1.0.1").unwrap();
    assert!(shown < required);
    document
        .platforms
        .get_mut(&Platform::Android)
        .unwrap()
        .min_app = Some(required);
    let _: SignedPolicy = h
        .browser
        .post("/v1/sandbox/policy", None, &document)
        .await
        .unwrap();
    let status = h.avain.refresh_policy().await.unwrap();
    assert_eq!(status.decision, PolicyDecision::Blocked);
    assert!(status.message.contains("1.0.1"), "{}", status.message);
}
