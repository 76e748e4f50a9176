-- A temporary password set by the secretariat (a reset) must be changed at the next sign-in:
-- until it is, the pages send the person to change it and the API answers 403 to their
-- session. Changing one's own password clears it (tahawul_domain::user::AccountAction).
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
