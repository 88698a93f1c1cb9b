# Spärrtjänsten (core/src/client/blocking.rs).

client-blocking-service = Spärrtjänsten för kort och nätbankskoder betjänar dygnet runt: { $finland } från Finland, { $abroad } från utlandet.
client-blocked-codes = Dina nätbankskoder är spärrade och appen kan inte längre användas med dem. Nya koder får du genom att ringa spärrtjänsten eller kontakta banken.
client-blocked-codes-and-cards = Dina nätbankskoder och { $cards ->
    [one] { $cards } kort är
   *[other] { $cards } kort är
} spärrade. Nya koder och kort får du genom att kontakta banken.
client-blocked-cards = { $cards ->
    [one] { $cards } kort är
   *[other] { $cards } kort är
} spärrade. Ett nytt kort får du genom att kontakta banken.
client-error-block-nothing-chosen = Välj vad som ska spärras: nätbankskoderna, korten eller båda.
