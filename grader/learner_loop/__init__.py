"""The learner's loop (`grader watch`): grade an exercise again each time its file is saved,
answer single keys, move on once it passes."""
