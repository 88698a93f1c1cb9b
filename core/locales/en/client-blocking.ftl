# The blocking service (core/src/client/blocking.rs).

client-blocking-service = Blocking service for cards and online banking codes, open 24/7: { $finland } from Finland, { $abroad } from abroad.
client-blocked-codes = Your online banking codes are blocked, and the app can no longer be used with them. To get new codes, call the blocking service or contact the bank.
client-blocked-codes-and-cards = Your online banking codes and { $cards ->
    [one] { $cards } card are
   *[other] { $cards } cards are
} blocked. To get new codes and cards, contact the bank.
client-blocked-cards = { $cards ->
    [one] { $cards } card is
   *[other] { $cards } cards are
} blocked. To get a new card, contact the bank.
client-error-block-nothing-chosen = Choose what to block: your online banking codes, your cards or both.
