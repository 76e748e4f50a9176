## audit messages (ar). Each area keeps its own file.
