"""Pictures: the learner's result drawn beside the reference's on the same inputs (`grader
plot`, a wrong function in a notebook's check()). matplotlib is imported here only, and
grading never comes here."""
