# Directory sign-in (LDAP, Active Directory): `tahawul serve --ldap … --directory FILE`.

## The mapping file
directory-mapping-empty = the mapping names no group, so nobody from the directory could sign in
directory-mapping-empty-help = add a `[[group]]` table with `group`, `role` and (for heads, members and partners) `party`; see docs/accounts.md
directory-mapping-unreadable = the mapping file cannot be read: { $detail }
directory-mapping-bad-group = `{ $value }` is not a group name or DN
directory-mapping-bad-group-help = write the group's DN (`cn=iq-heads,ou=groups,dc=example,dc=org`) or its CN (`iq-heads`), without `(`, `)` or `*`
directory-mapping-party-needed = the role `{ $role }` speaks for a party: add `party = "…"`
directory-mapping-factor-needed = a working-group member needs the working group's factor: add `factor = "…"`
directory-mapping-factor-only = only working-group members have a factor: remove `factor`
directory-mapping-rule-help = each `[[group]]` makes users as the users page does: heads, members and partners need a party, working-group members a factor
directory-mapping-no-party = the case has no party `{ $party }`
directory-mapping-no-factor = the case has no factor `{ $factor }`
directory-mapping-party-role = the party `{ $party }` cannot hold the role `{ $role }` (heads and members belong to a delegation, partners to a coalition partner)

## Sign-in
api-directory-unavailable = The directory does not answer, so directory accounts cannot sign in now; try again in a moment (local accounts still sign in)
pages-sign-in-directory-down = The directory (LDAP) does not answer, so directory accounts cannot sign in now. Try again in a moment; if it lasts, tell the secretariat. Local accounts still sign in.

## The serve command's options
directory-cli-arg-ldap = The directory people may also sign in with: ldap://host:389 or ldaps://host:636 (names that are not local accounts are tried there)
directory-cli-arg-starttls = Upgrade the ldap:// connection with StartTLS before any password is sent
directory-cli-arg-ca = The PEM file of the certificate authority that issued the directory's certificate (an organisation's own); without it, the system's authorities are trusted
directory-cli-arg-bind-pattern = Sign in by binding as this name, {"{"}user{"}"} standing for the name typed: uid={"{"}user{"}"},ou=people,dc=example,dc=org, or {"{"}user{"}"}@example.org for Active Directory
directory-cli-arg-service-dn = Instead of a pattern, find people by searching as this service account (its password from --ldap-service-password-file or TAHAWUL_LDAP_SERVICE_PASSWORD)
directory-cli-arg-service-password-file = A file whose first line is the service account's password (kept off the command line)
directory-cli-arg-base = Where people are searched: dc=example,dc=org
directory-cli-arg-user-filter = Which entry is the person, {"{"}user{"}"} standing for the name typed (escaped): (uid={"{"}user{"}"}), or (sAMAccountName={"{"}user{"}"}) for Active Directory
directory-cli-arg-group-base = Read people's groups by searching here; without it, their memberOf attribute is read
directory-cli-arg-group-filter = Which groups hold the person, {"{"}dn{"}"} standing for their DN and {"{"}user{"}"} for their name
directory-cli-arg-timeout = Seconds to wait for the directory before sign-in says it does not answer
directory-cli-arg-directory = The TOML file mapping directory groups to roles and parties (see docs/accounts.md)

## The serve command's errors
directory-cli-needs-ldap = { $flag } means nothing without --ldap URL
directory-cli-bad-url = `{ $url }` is not a directory URL
directory-cli-bad-url-help = write ldap://host:389 (with --ldap-starttls to encrypt) or ldaps://host:636
directory-cli-starttls-on-ldaps = --ldap-starttls is for ldap:// URLs; an ldaps:// connection is encrypted from the start
directory-cli-ca-needs-tls = --ldap-ca is for a connection that uses TLS; an ldap:// connection without --ldap-starttls sends everything in clear
directory-cli-ca-needs-tls-help = use an ldaps:// URL, or add --ldap-starttls
directory-cli-ca-bad = the certificate authority file { $path } cannot be used: { $detail }
directory-cli-ca-bad-help = give the PEM file of the authority that issued the directory's certificate, with its -----BEGIN CERTIFICATE----- block (for example the file your directory's TLSCACertificateFile names)
directory-cli-pattern-needs-user = --ldap-bind-pattern must contain {"{"}user{"}"}, where the name typed goes
directory-cli-filter-needs-user = --ldap-user-filter must contain {"{"}user{"}"}, where the name typed goes
directory-cli-bad-filter = `{ $filter }` is not an LDAP filter
directory-cli-bad-filter-help = a filter is written in parentheses: (uid={"{"}user{"}"}), (&(objectClass=person)(sAMAccountName={"{"}user{"}"}))
directory-cli-needs-locate = say how to find people in the directory: --ldap-bind-pattern or --ldap-service-dn (not both)
directory-cli-needs-locate-help = a pattern binds as uid={"{"}user{"}"},ou=people,…; a service account searches --ldap-base with --ldap-user-filter
directory-cli-search-needs-base = searching with --ldap-service-dn needs --ldap-base, where people are
directory-cli-needs-mapping = --ldap needs --directory FILE, the mapping of groups to roles and parties
directory-cli-no-service-password = the service account has no password
directory-cli-no-service-password-help = give --ldap-service-password-file FILE, or set { $env }
directory-cli-password-unreadable = the password file { $path } cannot be read: { $detail }
