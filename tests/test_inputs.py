from scorer.ingest.inputs import expand_inputs


def test_folders_are_walked_and_non_articles_skipped(tmp_path):
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("text")
    (tmp_path / "sub" / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("x")
    inputs = expand_inputs([str(tmp_path)])
    assert [p.replace(str(tmp_path), "") for p in inputs.paths] == ["/a.html", "/sub/b.txt"]
    assert inputs.problems == ()


def test_globs_duplicates_missing_and_stdin(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("y")
    inputs = expand_inputs([str(tmp_path / "*.txt"), str(tmp_path / "a.txt"), "-", str(tmp_path / "none*.txt"), str(tmp_path / "missing.txt")])
    assert [p.replace(str(tmp_path), "") for p in inputs.paths] == ["/a.txt", "/b.txt", "-", "/missing.txt"]
    assert inputs.problems == ((str(tmp_path / "none*.txt"), "no file matches this pattern"),)


def test_empty_folder_is_a_problem(tmp_path):
    inputs = expand_inputs([str(tmp_path)])
    assert inputs.paths == () and "no article files" in inputs.problems[0][1]
