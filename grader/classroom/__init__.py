"""Classroom: grading many submissions (`grader grade`): staging each submission's files,
a session per grading process, shards and merging them, the batch's output folder."""
