"""The sandbox's fixture kata is graded by the tests here, never collected directly."""

collect_ignore = ["katas"]
