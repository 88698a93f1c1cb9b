common-attempts-left = { $count ->
    [one] { $count } yritys jäljellä.
   *[other] { $count } yritystä jäljellä.
}
