-- Accounts made by directory sign-in (LDAP, Active Directory): their role and party come from
-- the directory's groups at each sign-in, and they have no local password (their
-- password_hash is empty and never checked; see tahawul_domain::directory).
ALTER TABLE users ADD COLUMN directory BOOLEAN NOT NULL DEFAULT FALSE;
