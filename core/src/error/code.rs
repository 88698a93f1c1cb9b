//! [`AvainErrorCode`]: every stable code an [`AvainError`](super::AvainError) can carry,
//! one enum so that the app, the tests and the support tools switch on values the
//! compiler checks, not on strings. The golden list `codes.txt` beside this file holds
//! them all; a test keeps the two equal, so adding, renaming or removing a code is a
//! visible diff.

use crate::api::ErrorCode;

/// Declares the enum, its `ALL` list and its snake_case names in one table.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal,)+) => {
        /// A stable snake_case code of an [`AvainError`](super::AvainError): for the app
        /// to branch on, for analytics and support. Never changes meaning once released.
        /// The bank's own codes ([`ErrorCode`]) keep their wire names; the phone's codes
        /// name what failed, prefixed by the parser or part where a bare name would be
        /// ambiguous (`iban_bad_checksum`, `store_io`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum AvainErrorCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl AvainErrorCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [AvainErrorCode] = &[$(AvainErrorCode::$variant,)+];

            /// The snake_case code, e.g. `keys_missing`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(AvainErrorCode::$variant => $code,)+
                }
            }
        }
    };
}

error_codes! {
    // ---- The bank's codes (api::ErrorCode), under their wire names ----
    /// The bank: the request body was malformed.
    MalformedRequest = "malformed_request",
    /// The bank: the request body was too large.
    BodyTooLarge = "body_too_large",
    /// The bank: the request was not JSON.
    UnsupportedMediaType = "unsupported_media_type",
    /// The bank: a value in the request was not acceptable.
    InvalidValue = "invalid_value",
    /// The bank: the mobile number is neither a Finnish mobile number nor E.164.
    PhoneNumberInvalid = "phone_number_invalid",
    /// The bank: no such resource.
    NotFound = "not_found",
    /// The bank: the endpoint does not take this method.
    MethodNotAllowed = "method_not_allowed",
    /// Too many attempts in a short time.
    RateLimited = "rate_limited",
    /// The bank does not know the session.
    Unauthorized = "unauthorized",
    /// The session ended after inactivity.
    SessionExpired = "session_expired",
    /// The user id or the password is wrong.
    InvalidCredentials = "invalid_credentials",
    /// The user code is locked after wrong PINs or passwords (self-service unlock).
    UserCodeLocked = "user_code_locked",
    /// The user code is locked after wrong key-card codes (only the bank opens it).
    UserCodeLockedAtBank = "user_code_locked_at_bank",
    /// The online-bank codes are blocked.
    CodesBlocked = "codes_blocked",
    /// The password must be changed first.
    PasswordChangeRequired = "password_change_required",
    /// The new password breaks the length rule.
    PasswordRejected = "password_rejected",
    /// The new password is the current one.
    PasswordSameAsCurrent = "password_same_as_current",
    /// The new password is one character repeated.
    PasswordRepeatedCharacter = "password_repeated_character",
    /// The new password contains the user id.
    PasswordContainsUserId = "password_contains_user_id",
    /// The new password is too common.
    PasswordTooCommon = "password_too_common",
    /// Registration needs a mobile number in the online bank.
    NoPhoneNumber = "no_phone_number",
    /// Registration needs the SMS service.
    SmsServiceOff = "sms_service_off",
    /// The key-card code is wrong.
    KeyCardCodeWrong = "key_card_code_wrong",
    /// The SMS code is wrong.
    SmsCodeWrong = "sms_code_wrong",
    /// The SMS code is required.
    SmsCodeRequired = "sms_code_required",
    /// The code, the registration or the request expired.
    Expired = "expired",
    /// A step out of order.
    WrongStep = "wrong_step",
    /// The bank's policy requires key attestation and this phone sent none: it cannot be
    /// registered (another phone, or the online bank in the browser).
    AttestationRequired = "attestation_required",
    /// The key's attestation did not pass the bank's checks (not the bank's app, a key
    /// outside the secure hardware, an unlocked bootloader): the app from the official
    /// store on an unmodified phone, or the online bank in the browser.
    AttestationFailed = "attestation_failed",
    /// The bank does not know the challenge.
    ChallengeUnknown = "challenge_unknown",
    /// The challenge expired.
    ChallengeExpired = "challenge_expired",
    /// The challenge was already used.
    ChallengeUsed = "challenge_used",
    /// The challenge is not for what is being approved (the bank's or the phone's check).
    ChallengeMismatch = "challenge_mismatch",
    /// The assertion counter did not increase.
    CounterNotIncreasing = "counter_not_increasing",
    /// The bank: the approval did not verify.
    SignatureInvalid = "signature_invalid",
    /// The confirmation text differs from the bank's.
    ShownTextMismatch = "shown_text_mismatch",
    /// The profile is locked after wrong PINs (self-service unlock).
    ProfileLocked = "profile_locked",
    /// The customer locked the profile in the online bank; it is opened there.
    ProfileLockedByCustomer = "profile_locked_by_customer",
    /// The profile waits for its unlock in the online bank.
    ProfilePendingUnlock = "profile_pending_unlock",
    /// The profile was removed.
    ProfileRevoked = "profile_revoked",
    /// The action needs an active profile.
    ProfileNotActive = "profile_not_active",
    /// No biometric key is registered.
    BiometricNotRegistered = "biometric_not_registered",
    /// The phone's OS is too old for the bank.
    OsNotSupported = "os_not_supported",
    /// The app must be updated.
    AppUpdateRequired = "app_update_required",
    /// Not enough money on the account.
    InsufficientFunds = "insufficient_funds",
    /// The object's state does not allow this.
    Conflict = "conflict",
    /// The meeting is not open yet.
    MeetingNotOpen = "meeting_not_open",
    /// The meeting ended or was cancelled.
    MeetingClosed = "meeting_closed",
    /// The meeting is full.
    MeetingFull = "meeting_full",
    /// The meeting identifier is wrong.
    IdentifierWrong = "identifier_wrong",
    /// The document is already signed.
    AlreadySigned = "already_signed",
    /// The document cannot be downloaded.
    DownloadUnavailable = "download_unavailable",
    /// A fault on the bank's side.
    Internal = "internal",
    /// A code of the bank this version does not know (a newer bank): shown neutrally.
    BankCodeUnknown = "bank_code_unknown",

    // ---- The phone's own outcomes ----
    /// The chosen PIN is too easy to guess.
    PinRejected = "pin_rejected",
    /// The new PIN and its repetition differ.
    PinMismatch = "pin_mismatch",
    /// The scam check: the sender is longer than it checks.
    SenderTooLong = "sender_too_long",
    /// The PIN was wrong.
    WrongPin = "wrong_pin",
    /// No session on this device.
    NotLoggedIn = "not_logged_in",
    /// The profile's keys are no longer on this device.
    KeysMissing = "keys_missing",
    /// No such profile on this device.
    ProfileUnknown = "profile_unknown",
    /// The server is not the bank (TLS or pinned key).
    UntrustedServer = "untrusted_server",
    /// The bank's signature on a challenge did not verify.
    BankSignatureInvalid = "bank_signature_invalid",
    /// No answer in time.
    Timeout = "timeout",
    /// No connection.
    Connect = "connect",
    /// The answer broke the protocol.
    Protocol = "protocol",
    /// The app's bank settings are wrong.
    Configuration = "configuration",
    /// The app cancelled the call.
    Cancelled = "cancelled",
    /// Biometrics are not in use for this profile.
    BiometricsOff = "biometrics_off",
    /// A task of the core failed to run.
    TaskFailed = "task_failed",
    /// The core's runtime is gone.
    NoRuntime = "no_runtime",
    /// A value could not be serialized.
    Serialize = "serialize",
    /// The phone's random generator failed.
    Randomness = "randomness",

    // ---- The phone's checks of what the customer typed ----
    /// The user id is empty or too long.
    UsernameInvalid = "username_invalid",
    /// The password is empty or too long.
    PasswordInvalid = "password_invalid",
    /// The key-card code is not digits.
    KeyCardCodeInvalid = "key_card_code_invalid",
    /// The SMS code is not digits.
    SmsCodeInvalid = "sms_code_invalid",
    /// The profile name is not 1 to 40 characters.
    ProfileNameInvalid = "profile_name_invalid",
    /// The phone number is not acceptable.
    PhoneInvalid = "phone_invalid",
    /// Something to approve is not valid.
    ApprovalInvalid = "approval_invalid",
    /// Nothing was chosen to block.
    BlockNothingChosen = "block_nothing_chosen",
    /// The comment of a report is not acceptable.
    ReportCommentInvalid = "report_comment_invalid",
    /// The message's subject is not acceptable.
    MessageSubjectInvalid = "message_subject_invalid",
    /// The message's body is not acceptable.
    MessageBodyInvalid = "message_body_invalid",

    // ---- Objects the phone looked for ----
    /// No such account.
    AccountUnknown = "account_unknown",
    /// No such device among the trusted ones.
    DeviceUnknown = "device_unknown",
    /// No such payment.
    PaymentUnknown = "payment_unknown",
    /// The bank's payment differs from the one being approved.
    PaymentMismatch = "payment_mismatch",
    /// The saved pending payment is unreadable.
    PendingPaymentCorrupt = "pending_payment_corrupt",
    /// No such receipt.
    ReceiptUnknown = "receipt_unknown",
    /// The receipt cannot be reported.
    ReceiptNotReportable = "receipt_not_reportable",
    /// No such message.
    MessageNotFound = "message_not_found",
    /// No such document.
    DocumentNotFound = "document_not_found",
    /// The document was not opened first.
    DocumentNotOpened = "document_not_opened",
    /// The bank's document differs from the one being signed.
    DocumentMismatch = "document_mismatch",
    /// No such app login request.
    AppLoginUnknown = "app_login_unknown",
    /// The app login request expired.
    AppLoginExpired = "app_login_expired",
    /// The app login request was not opened first.
    AppLoginNotOpened = "app_login_not_opened",
    /// No such identification request.
    IdentificationUnknown = "identification_unknown",
    /// The identification request expired.
    IdentificationExpired = "identification_expired",
    /// The identification request was already answered.
    IdentificationAnswered = "identification_answered",
    /// The identification request was not opened first.
    IdentificationNotOpened = "identification_not_opened",
    /// No such meeting.
    MeetingNotFound = "meeting_not_found",
    /// The meeting can no longer be changed.
    MeetingCannotChange = "meeting_cannot_change",
    /// The meeting edit changes nothing.
    MeetingEditEmpty = "meeting_edit_empty",
    /// The meeting identifier is not of the right form.
    MeetingIdentifierInvalid = "meeting_identifier_invalid",
    /// Too many wrong booking codes: looking up is blocked for a while.
    MeetingLookupBlocked = "meeting_lookup_blocked",
    /// The booking code is not of the right form.
    BookingCodeInvalid = "booking_code_invalid",
    /// The meeting's new start time is not acceptable.
    MeetingStartInvalid = "meeting_start_invalid",
    /// The meeting's new duration is not acceptable.
    MeetingDurationInvalid = "meeting_duration_invalid",
    /// The meeting's new topic is not acceptable.
    MeetingTopicInvalid = "meeting_topic_invalid",
    /// The meeting's new details are not acceptable.
    MeetingDetailsInvalid = "meeting_details_invalid",
    /// The meeting kind is not one this version knows.
    MeetingKindInvalid = "meeting_kind_invalid",
    /// A participant's name is not one line of 1 to 100 characters.
    MeetingNameInvalid = "meeting_name_invalid",
    /// The e-mail address is not one.
    EmailInvalid = "email_invalid",
    /// The slot was taken or is not one of the bank's free slots.
    MeetingSlotTaken = "meeting_slot_taken",
    /// The invitation code is not of the right form.
    InvitationCodeInvalid = "invitation_code_invalid",
    /// The broker's identification was already used or belongs to another join.
    MeetingGuestIdentificationUsed = "meeting_guest_identification_used",

    // ---- The payment form ----
    /// The form is not valid (no field named).
    PaymentInvalid = "payment_invalid",
    /// No account to pay from.
    FromAccountMissing = "from_account_missing",
    /// An own-account transfer names no account to pay to.
    ToAccountMissing = "to_account_missing",
    /// An own-account transfer's two accounts are the same account.
    TransferSameAccount = "transfer_same_account",
    /// No payee name.
    PayeeNameMissing = "payee_name_missing",
    /// The payee name is too long.
    PayeeNameTooLong = "payee_name_too_long",
    /// The payee name has control characters.
    PayeeNameInvalid = "payee_name_invalid",
    /// No amount.
    AmountMissing = "amount_missing",
    /// The amount is zero.
    AmountZero = "amount_zero",
    /// The amount is empty.
    AmountEmpty = "amount_empty",
    /// The amount is not a number.
    AmountNotANumber = "amount_not_a_number",
    /// The amount has more than two decimals.
    AmountTooManyDecimals = "amount_too_many_decimals",
    /// The amount is negative.
    AmountNegative = "amount_negative",
    /// The amount is too large.
    AmountTooLarge = "amount_too_large",
    /// Both a reference and a message.
    ReferenceAndMessage = "reference_and_message",
    /// The message is too long.
    MessageTooLong = "message_too_long",
    /// The message has control characters.
    MessageInvalid = "message_invalid",
    /// The due date is not a date.
    DueDateInvalid = "due_date_invalid",
    /// The due date is in the past.
    DueDatePast = "due_date_past",
    /// The due date is too far ahead.
    DueDateTooFar = "due_date_too_far",

    // ---- Finnish formats (HETU, IBAN, account, reference, virtual barcode) ----
    /// HETU: not 11 characters.
    HetuLength = "hetu_length",
    /// HETU: not of the right form.
    HetuMalformed = "hetu_malformed",
    /// HETU: an unknown century sign.
    HetuCenturySign = "hetu_century_sign",
    /// HETU: no such date.
    HetuInvalidDate = "hetu_invalid_date",
    /// HETU: an impossible individual number.
    HetuIndividualNumber = "hetu_individual_number",
    /// HETU: the check character is wrong.
    HetuCheckCharacter = "hetu_check_character",
    /// HETU: a temporary identity code.
    HetuTemporary = "hetu_temporary",
    /// IBAN: empty.
    IbanEmpty = "iban_empty",
    /// IBAN: a character that is not allowed.
    IbanInvalidCharacter = "iban_invalid_character",
    /// IBAN: not of the right form.
    IbanBadFormat = "iban_bad_format",
    /// IBAN: an unknown country.
    IbanUnknownCountry = "iban_unknown_country",
    /// IBAN: the wrong length for its country.
    IbanBadLength = "iban_bad_length",
    /// IBAN: the account part (BBAN) does not have its country's registry structure (a
    /// letter where a digit belongs, or the other way round).
    IbanBadStructure = "iban_bad_structure",
    /// IBAN: the check digits are wrong.
    IbanBadChecksum = "iban_bad_checksum",
    /// IBAN: outside the SEPA area.
    IbanNotSepa = "iban_not_sepa",
    /// Domestic account number: empty.
    AccountEmpty = "account_empty",
    /// Domestic account number: a character that is not allowed.
    AccountInvalidCharacter = "account_invalid_character",
    /// Domestic account number: not of the right form.
    AccountBadFormat = "account_bad_format",
    /// Reference: empty.
    ReferenceEmpty = "reference_empty",
    /// Reference: a character that is not allowed.
    ReferenceInvalidCharacter = "reference_invalid_character",
    /// Reference: an RF reference without its prefix.
    ReferenceMissingRfPrefix = "reference_missing_rf_prefix",
    /// Reference: too short.
    ReferenceTooShort = "reference_too_short",
    /// Reference: too long.
    ReferenceTooLong = "reference_too_long",
    /// Reference: the check digit is wrong.
    ReferenceBadCheckDigit = "reference_bad_check_digit",
    /// Virtual barcode: a character that is not a digit.
    BarcodeNonDigit = "barcode_non_digit",
    /// Virtual barcode: the wrong length.
    BarcodeBadLength = "barcode_bad_length",
    /// Virtual barcode: an unsupported version.
    BarcodeUnsupportedVersion = "barcode_unsupported_version",
    /// Virtual barcode: the IBAN is not valid.
    BarcodeInvalidIban = "barcode_invalid_iban",
    /// Virtual barcode: the reserved digits are not zero.
    BarcodeReserveNotZero = "barcode_reserve_not_zero",
    /// Virtual barcode: no reference.
    BarcodeMissingReference = "barcode_missing_reference",
    /// Virtual barcode: the reference is not valid.
    BarcodeInvalidReference = "barcode_invalid_reference",
    /// Virtual barcode: the due date is not a date.
    BarcodeInvalidDueDate = "barcode_invalid_due_date",
    /// EPC QR code: the payload is longer than 331 bytes.
    QrTooLong = "qr_too_long",
    /// EPC QR code: not an EPC payment code (no "BCD").
    QrNotEpc = "qr_not_epc",
    /// EPC QR code: the version is not 001 or 002.
    QrUnsupportedVersion = "qr_unsupported_version",
    /// EPC QR code: the character set is not 1-8.
    QrUnsupportedCharset = "qr_unsupported_charset",
    /// EPC QR code: not a SEPA credit transfer ("SCT").
    QrUnsupportedIdentification = "qr_unsupported_identification",
    /// EPC QR code: version 001 without a BIC.
    QrMissingBic = "qr_missing_bic",
    /// EPC QR code: the BIC is not valid.
    QrInvalidBic = "qr_invalid_bic",
    /// EPC QR code: a Finnish account's BIC is not its bank's.
    QrBicMismatch = "qr_bic_mismatch",
    /// EPC QR code: no payee name.
    QrMissingName = "qr_missing_name",
    /// EPC QR code: the payee name is longer than 70 characters.
    QrNameTooLong = "qr_name_too_long",
    /// EPC QR code: the payee name has a control character.
    QrInvalidName = "qr_invalid_name",
    /// EPC QR code: no IBAN.
    QrMissingIban = "qr_missing_iban",
    /// EPC QR code: the IBAN is not valid.
    QrInvalidIban = "qr_invalid_iban",
    /// EPC QR code: the IBAN is outside SEPA.
    QrIbanNotSepa = "qr_iban_not_sepa",
    /// EPC QR code: the amount is not "EUR" and a number.
    QrInvalidAmount = "qr_invalid_amount",
    /// EPC QR code: the amount is not 0.01-999999999.99.
    QrAmountOutOfRange = "qr_amount_out_of_range",
    /// EPC QR code: the purpose is not 4 letters or digits.
    QrInvalidPurpose = "qr_invalid_purpose",
    /// EPC QR code: the structured reference is not a valid RF or Finnish reference.
    QrInvalidReference = "qr_invalid_reference",
    /// EPC QR code: both a reference and a message.
    QrReferenceAndMessage = "qr_reference_and_message",
    /// EPC QR code: the message is longer than 140 characters.
    QrMessageTooLong = "qr_message_too_long",
    /// EPC QR code: the message has a control character.
    QrInvalidMessage = "qr_invalid_message",
    /// EPC QR code: the information line is longer than 70 characters.
    QrInfoTooLong = "qr_info_too_long",
    /// EPC QR code: the information line has a control character.
    QrInvalidInfo = "qr_invalid_info",
    /// EPC QR code: the due date after ReqdExctnDt/ is not a date.
    QrInvalidDueDate = "qr_invalid_due_date",
    /// EPC QR code: data after the last element.
    QrTrailingData = "qr_trailing_data",

    // ---- The profile's life cycle on the phone ----
    /// The profile's state does not allow this.
    IllegalTransition = "illegal_transition",
    /// This lock cannot be opened here.
    UnlockNotAllowed = "unlock_not_allowed",
    /// Biometrics need an active profile.
    BiometricsNeedActiveProfile = "biometrics_need_active_profile",
    /// The biometric state does not allow this.
    IllegalBiometricTransition = "illegal_biometric_transition",

    // ---- The app link (`avain_protocol::app_link`) and the screen lock ----
    /// App link: not an `https://` link.
    AppLinkNotHttps = "app_link_not_https",
    /// App link: not the bank's own host (a lookalike, a port, user info, an escape).
    AppLinkForeignHost = "app_link_foreign_host",
    /// App link: the bank's host, but not a path the app knows.
    AppLinkUnknownPath = "app_link_unknown_path",
    /// App link: the login request id is not of the bank's form.
    AppLinkBadRequestId = "app_link_bad_request_id",
    /// App link: a query, fragment or more path after the id.
    AppLinkExtraParts = "app_link_extra_parts",
    /// App link: too long to be the bank's.
    AppLinkTooLong = "app_link_too_long",
    /// The phone has no secure screen lock (PIN, pattern, password, passcode).
    ScreenLockRequired = "screen_lock_required",

    // ---- The OS and app-version policy ----
    /// The phone's platform is not supported.
    UnsupportedPlatform = "unsupported_platform",
    /// The phone's OS is too old.
    OsTooOld = "os_too_old",
    /// The app is too old.
    AppTooOld = "app_too_old",
    /// The app cannot be installed on this phone.
    CannotInstall = "cannot_install",
    /// The saved policy is older than one already used, or missing.
    PolicyRolledBack = "policy_rolled_back",
    /// The bank's policy could not be saved.
    PolicyMalformed = "policy_malformed",
    /// The bank's policy key is not valid.
    PolicyInvalidBankKey = "policy_invalid_bank_key",
    /// The policy is signed with an unknown key.
    PolicyUnknownKey = "policy_unknown_key",
    /// The policy's envelope is malformed.
    PolicyMalformedEnvelope = "policy_malformed_envelope",
    /// The policy's signature did not verify.
    PolicyBadSignature = "policy_bad_signature",
    /// The policy document is malformed.
    PolicyMalformedDocument = "policy_malformed_document",
    /// The policy's format is not supported.
    PolicyUnsupportedFormat = "policy_unsupported_format",
    /// The policy contradicts itself.
    PolicyInconsistent = "policy_inconsistent",
    /// The policy is older than one already used.
    PolicyStaleSequence = "policy_stale_sequence",
    /// Signing a policy failed.
    PolicySigningFailed = "policy_signing_failed",
    /// The shell named an unknown platform.
    UnknownPlatform = "unknown_platform",
    /// The shell passed an unreadable OS version.
    InvalidOsVersion = "invalid_os_version",
    /// The shell passed an unreadable app version.
    InvalidAppVersion = "invalid_app_version",

    // ---- Keys, secrets and the local store ----
    /// Keys: the random generator failed.
    KeyRandomness = "key_randomness",
    /// Keys: a stored key is damaged.
    KeyCorrupted = "key_corrupted",
    /// Keys: signing failed.
    KeySigningFailed = "key_signing_failed",
    /// Keys: the key-derivation parameters are not acceptable.
    KeyInvalidKdfParams = "key_invalid_kdf_params",
    /// Biometrics: the prompt was cancelled or not passed.
    KeyBiometricRefused = "key_biometric_refused",
    /// Biometrics: the enrolled set changed; the biometric key is gone.
    KeyBiometricSetChanged = "key_biometric_set_changed",
    /// Biometrics: not available now.
    KeyBiometricUnavailable = "key_biometric_unavailable",
    /// Secret store: a name that is not allowed.
    SecretStoreInvalidName = "secret_store_invalid_name",
    /// Secret store: not reachable now (the phone is locked).
    SecretStoreUnavailable = "secret_store_unavailable",
    /// Secret store: an item is damaged.
    SecretStoreCorrupted = "secret_store_corrupted",
    /// Secret store: the platform failed.
    SecretStorePlatform = "secret_store_platform",
    /// Store: the database is busy.
    StoreBusy = "store_busy",
    /// Store: the disk is full.
    StoreFull = "store_full",
    /// Store: the database is damaged.
    StoreCorrupt = "store_corrupt",
    /// Store: reading or writing failed.
    StoreIo = "store_io",
    /// Store: written by a newer app.
    StoreSchemaTooNew = "store_schema_too_new",
    /// Store: the data key does not open it.
    StoreDataKeyMismatch = "store_data_key_mismatch",
    /// Store: a value was changed outside the app.
    StoreTampered = "store_tampered",
    /// Store: a stored value is not valid.
    StoreInvalidValue = "store_invalid_value",
    /// Store: the cached policy is not valid.
    StoreCachedPolicyInvalid = "store_cached_policy_invalid",
    /// Store: the random generator failed.
    StoreRandomness = "store_randomness",
    /// Store: the database failed.
    StoreSqlite = "store_sqlite",

    // ---- The bindings' own faults ----
    /// A worker thread panicked.
    WorkerPanicked = "worker_panicked",
    /// No thread could be started.
    NoThread = "no_thread",
    /// The shell passed a date that does not exist.
    InvalidDate = "invalid_date",
    /// The shell passed a time out of range.
    InvalidTime = "invalid_time",
    /// The app's PIN for the bank's certificate is not valid.
    InvalidPin = "invalid_pin",
    /// The app's policy key is not valid.
    InvalidPolicyKey = "invalid_policy_key",
}

impl AvainErrorCode {
    /// The code named `code`, if it is one (for tools reading logs; the app gets the enum).
    pub fn from_code(code: &str) -> Option<AvainErrorCode> {
        AvainErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for AvainErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<ErrorCode> for AvainErrorCode {
    fn from(code: ErrorCode) -> AvainErrorCode {
        match code {
            ErrorCode::MalformedRequest => AvainErrorCode::MalformedRequest,
            ErrorCode::BodyTooLarge => AvainErrorCode::BodyTooLarge,
            ErrorCode::UnsupportedMediaType => AvainErrorCode::UnsupportedMediaType,
            ErrorCode::InvalidValue => AvainErrorCode::InvalidValue,
            ErrorCode::PhoneNumberInvalid => AvainErrorCode::PhoneNumberInvalid,
            ErrorCode::NotFound => AvainErrorCode::NotFound,
            ErrorCode::MethodNotAllowed => AvainErrorCode::MethodNotAllowed,
            ErrorCode::RateLimited => AvainErrorCode::RateLimited,
            ErrorCode::Unauthorized => AvainErrorCode::Unauthorized,
            ErrorCode::SessionExpired => AvainErrorCode::SessionExpired,
            ErrorCode::InvalidCredentials => AvainErrorCode::InvalidCredentials,
            ErrorCode::UserCodeLocked => AvainErrorCode::UserCodeLocked,
            ErrorCode::UserCodeLockedAtBank => AvainErrorCode::UserCodeLockedAtBank,
            ErrorCode::CodesBlocked => AvainErrorCode::CodesBlocked,
            ErrorCode::PasswordChangeRequired => AvainErrorCode::PasswordChangeRequired,
            ErrorCode::PasswordRejected => AvainErrorCode::PasswordRejected,
            ErrorCode::PasswordSameAsCurrent => AvainErrorCode::PasswordSameAsCurrent,
            ErrorCode::PasswordRepeatedCharacter => AvainErrorCode::PasswordRepeatedCharacter,
            ErrorCode::PasswordContainsUserId => AvainErrorCode::PasswordContainsUserId,
            ErrorCode::PasswordTooCommon => AvainErrorCode::PasswordTooCommon,
            ErrorCode::NoPhoneNumber => AvainErrorCode::NoPhoneNumber,
            ErrorCode::SmsServiceOff => AvainErrorCode::SmsServiceOff,
            ErrorCode::KeyCardCodeWrong => AvainErrorCode::KeyCardCodeWrong,
            ErrorCode::SmsCodeWrong => AvainErrorCode::SmsCodeWrong,
            ErrorCode::SmsCodeRequired => AvainErrorCode::SmsCodeRequired,
            ErrorCode::Expired => AvainErrorCode::Expired,
            ErrorCode::WrongStep => AvainErrorCode::WrongStep,
            ErrorCode::AttestationRequired => AvainErrorCode::AttestationRequired,
            ErrorCode::AttestationFailed => AvainErrorCode::AttestationFailed,
            ErrorCode::ChallengeUnknown => AvainErrorCode::ChallengeUnknown,
            ErrorCode::ChallengeExpired => AvainErrorCode::ChallengeExpired,
            ErrorCode::ChallengeUsed => AvainErrorCode::ChallengeUsed,
            ErrorCode::ChallengeMismatch => AvainErrorCode::ChallengeMismatch,
            ErrorCode::CounterNotIncreasing => AvainErrorCode::CounterNotIncreasing,
            ErrorCode::SignatureInvalid => AvainErrorCode::SignatureInvalid,
            ErrorCode::ShownTextMismatch => AvainErrorCode::ShownTextMismatch,
            ErrorCode::ProfileLocked => AvainErrorCode::ProfileLocked,
            ErrorCode::ProfileLockedByCustomer => AvainErrorCode::ProfileLockedByCustomer,
            ErrorCode::ProfilePendingUnlock => AvainErrorCode::ProfilePendingUnlock,
            ErrorCode::ProfileRevoked => AvainErrorCode::ProfileRevoked,
            ErrorCode::ProfileNotActive => AvainErrorCode::ProfileNotActive,
            ErrorCode::BiometricNotRegistered => AvainErrorCode::BiometricNotRegistered,
            ErrorCode::OsNotSupported => AvainErrorCode::OsNotSupported,
            ErrorCode::AppUpdateRequired => AvainErrorCode::AppUpdateRequired,
            ErrorCode::InsufficientFunds => AvainErrorCode::InsufficientFunds,
            ErrorCode::Conflict => AvainErrorCode::Conflict,
            ErrorCode::MeetingNotOpen => AvainErrorCode::MeetingNotOpen,
            ErrorCode::MeetingClosed => AvainErrorCode::MeetingClosed,
            ErrorCode::MeetingFull => AvainErrorCode::MeetingFull,
            ErrorCode::IdentifierWrong => AvainErrorCode::IdentifierWrong,
            ErrorCode::AlreadySigned => AvainErrorCode::AlreadySigned,
            ErrorCode::DownloadUnavailable => AvainErrorCode::DownloadUnavailable,
            ErrorCode::Internal => AvainErrorCode::Internal,
            // ErrorCode is non_exhaustive: a code added there reads as unknown here until
            // it gets its own name (the golden list makes that a visible diff).
            _ => AvainErrorCode::BankCodeUnknown,
        }
    }
}
