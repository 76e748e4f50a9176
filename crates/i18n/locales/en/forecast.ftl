# forecast messages (English)
