## keys messages (en). Each area keeps its own file.

keys-unknown-person = there is no person { $person } in the shared record
keys-not-their-head = only a delegation head of { $person }'s own party registers or retires { $person }'s keys, from their own account
keys-proof-does-not-verify = the proof does not verify: sign the challenge's exact bytes with the key you register, and send that signature as "proof"
keys-bad-challenge = the challenge is unknown, already used, expired (ten minutes) or issued to another account: ask for a new one
keys-key-in-use = this key is already in { $person }'s key history: a key is registered once; generate a new one
keys-no-such-active-key = { $person } has no valid key with that fingerprint: see GET /api/v1/keys
keys-edit-changes-keys = a person's keys change only when the head registers one (POST /api/v1/keys, with proof of possession) or a key is retired; leave "keys" and "public_key" as they are
keys-bad-history = the key history of { $person } does not hold together at entry { $index } ({ $reason })
keys-bad-history-help = "proof" must verify over the registration challenge, a key is retired after it is added, belongs to one person, and "public_key" is the last key not retired
keys-signature-key-not-valid-then = signature refused: the key of { $person } that signed was not valid when the signature says it was made (round { $round })
keys-signature-key-not-valid-then-help = a signature counts only with the key { $person } held at that time; sign again with the current key
keys-person-with-keys-deleted = a person with registered keys is kept: their key history is part of the record
keys-sign-not-a-head = only a delegation head's own account signs minutes
keys-page-refused-not-valid-then = refused: the key was not valid at that time
keys-page-register-title = Who can sign
keys-page-head-accounts = Head accounts (made { $count ->
    [one] one account
   *[other] { $count } accounts
  })
keys-page-head-account = { $name } ({ $party }), made { $at }
keys-page-head-account-disabled = { $name } ({ $party }), made { $at }, disabled
keys-page-person-key = { $person }: key { $fingerprint }, since { $since }
keys-page-person-no-key = { $person }: no valid key
keys-page-key-retired = earlier key { $fingerprint }, retired { $at } by { $by }
keys-page-since-start = the start of the record
keys-cli-register-about = register your key on a server from your own account: the server issues a challenge, the key signs it here (proof of possession); the API token comes from TAHAWUL_TOKEN
keys-cli-arg-person = the person (you, a delegation head) the key is for
keys-cli-bad-challenge = the server at { $url } did not send a registration challenge for this person and key: nothing was signed
keys-cli-registered = registered key { $fingerprint } for { $person }; the previous key is retired (signatures it made stay valid)
keys-page-register-button = Register this key as mine
keys-page-registered = Key registered: it is now your key for signing.
