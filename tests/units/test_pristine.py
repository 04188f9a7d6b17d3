"""The shipped stub: git's committed copy in a checkout, the working file elsewhere."""

import subprocess

from grader.records.pristine import committed_text, is_git_checkout, pristine_stub


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=kata", "-c", "user.email=k@a",
                    *args], check=True, capture_output=True)


def kata(tmp_path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "01_a.py").write_text("shipped\n")
    return tmp_path


def test_in_a_checkout_the_committed_stub_wins_over_the_learners_edit(tmp_path):
    root = kata(tmp_path)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "stubs")
    (root / "exercises" / "01_a.py").write_text("solved\n")
    assert is_git_checkout(root)
    assert pristine_stub(root, "01_a") == "shipped\n"


def test_a_stub_not_yet_committed_is_read_from_the_working_tree(tmp_path):
    root = kata(tmp_path)
    git(root, "init", "-q")
    assert committed_text(root, "exercises/01_a.py") is None
    assert pristine_stub(root, "01_a") == "shipped\n"


def test_outside_a_checkout_the_working_file_is_the_stub(tmp_path):
    root = kata(tmp_path)
    (root / "exercises" / "01_a.py").write_text("edited\n")
    assert not is_git_checkout(root)
    assert pristine_stub(root, "01_a") == "edited\n"
