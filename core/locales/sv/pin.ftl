# PIN policy (core/src/pin/).

pin-reason-length = Pinkoden ska ha 4–8 siffror.
pin-reason-not-digits = Pinkoden får bara innehålla siffror.
pin-reason-sequence = Pinkoden innehåller en lätt nummerserie, till exempel 1234, 4321, 2468 eller 1111.
pin-reason-repetition = Pinkoden är lätt att gissa eftersom samma mönster upprepas i den (till exempel 0101, 1122 eller 1221).
pin-reason-birth-date = Pinkoden får inte vara din födelsetid och inte heller innehålla den.
pin-reason-date = Pinkoden ser ut som ett datum eller ett årtal, och sådana är lätta att gissa.
pin-reason-common = Pinkoden är en av de vanligaste pinkoderna och därför lätt att gissa.
pin-reason-same-as-current = Den nya pinkoden får inte vara samma som den nuvarande.

pin-advice-memorable = Välj en pinkod som är lätt att komma ihåg men svår att gissa.
pin-advice-not-card-pin = Använd inte samma pinkod som till ditt betalkort.
pin-advice-six-digits = Vi rekommenderar en pinkod med minst 6 siffror.

pin-accepted = Pinkoden godkänns.
pin-refused = Pinkoden kan inte användas:
