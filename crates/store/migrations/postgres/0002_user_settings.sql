-- A user's own settings: the language of the pages (`ar`, `en`) and the digits
-- (`latin`, `arabic-indic`). NULL means "not chosen": the pages fall back to the cookie,
-- then to the browser's Accept-Language.
ALTER TABLE users ADD COLUMN lang TEXT;
ALTER TABLE users ADD COLUMN digits TEXT;
