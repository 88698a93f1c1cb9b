common-attempts-left = { $count ->
    [one] { $count } försök kvar.
   *[other] { $count } försök kvar.
}
