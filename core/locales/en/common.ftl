common-attempts-left = { $count ->
    [one] { $count } attempt left.
   *[other] { $count } attempts left.
}
