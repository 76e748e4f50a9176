# forecast messages (Arabic)
