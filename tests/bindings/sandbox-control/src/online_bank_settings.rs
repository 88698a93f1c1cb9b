//! The customer's settings in the browser online bank: a mobile number and the SMS
//! additional service saved (what registration needs), and profiles locked and opened (a
//! lost phone): what the Kotlin and Swift tests need to fix `no_phone_number` /
//! `sms_service_off` and to see the app's `Locked(ByCustomer)` state.

use std::sync::Arc;

use avain_core::api::OnlineBankDeviceList;
use avain_core::lifecycle::{LockReason, ProfileState};
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::{Answer, Control, customer};

fn failed(e: avain_sandbox::client::CallError) -> (StatusCode, String) {
    (StatusCode::BAD_GATEWAY, format!("{e}\n"))
}

async fn devices(
    control: &Control,
    user_id: &str,
) -> Result<OnlineBankDeviceList, (StatusCode, String)> {
    let customer = customer(user_id)?;
    let token = control
        .browser
        .online_bank_login(customer)
        .await
        .map_err(failed)?;
    control
        .browser
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .map_err(failed)
}

/// `POST /lock/{user_id}`: locks every usable profile of the customer; answers how many.
pub async fn lock(State(control): State<Arc<Control>>, Path(user_id): Path<String>) -> Answer {
    let customer = customer(&user_id)?;
    let mut locked = 0;
    for device in devices(&control, &user_id).await?.devices {
        if device.state == ProfileState::Active {
            control
                .browser
                .lock_profile(customer, &device.profile_id)
                .await
                .map_err(failed)?;
            locked += 1;
        }
    }
    Ok(format!("{locked}\n"))
}

/// `POST /open/{user_id}`: opens every profile the customer locked, with the key-card
/// code; answers how many.
pub async fn open(State(control): State<Arc<Control>>, Path(user_id): Path<String>) -> Answer {
    let customer = customer(&user_id)?;
    let mine = ProfileState::Locked {
        reason: LockReason::ByCustomer,
    };
    let mut opened = 0;
    for device in devices(&control, &user_id).await?.devices {
        if device.state == mine {
            control
                .browser
                .open_profile(customer, &device.profile_id)
                .await
                .map_err(failed)?;
            opened += 1;
        }
    }
    Ok(format!("{opened}\n"))
}

/// `POST /phone/{user_id}/{number}`: saves the mobile number, confirmed with the key-card
/// code and the SMS code sent to it; answers `saved`.
pub async fn phone(
    State(control): State<Arc<Control>>,
    Path((user_id, number)): Path<(String, String)>,
) -> Answer {
    let customer = customer(&user_id)?;
    control
        .browser
        .change_phone(customer, &number)
        .await
        .map_err(failed)?;
    Ok("saved\n".to_owned())
}

/// `POST /sms-service/{user_id}`: switches the SMS additional service on; answers `on`.
pub async fn sms_service(
    State(control): State<Arc<Control>>,
    Path(user_id): Path<String>,
) -> Answer {
    let customer = customer(&user_id)?;
    control
        .browser
        .set_sms_service(customer, true)
        .await
        .map_err(failed)?;
    Ok("on\n".to_owned())
}
