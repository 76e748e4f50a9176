## audit messages (en). Each area keeps its own file.
