import sys

try:
    from grader.cli import program
except KeyboardInterrupt:  # Ctrl-C while Python is still importing the command line
    sys.exit(130)

program()
