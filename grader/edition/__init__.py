"""Edition: the student edition (`grader release`): stubs, notebooks, the grader and public
checks recorded from the reference; never a reference or a hidden test."""
