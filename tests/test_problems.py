"""Problem reports read as plain English and locate the problem."""

from coproduce.problems import DataProblem, DataValidationError


def test_problem_names_file_row_column_and_value():
    problem = DataProblem("my.csv", "expected a whole number", row=4, column="rating", value="six")
    assert str(problem) == "my.csv, row 4, column 'rating': expected a whole number (found 'six')"


def test_problem_without_location_still_reads_cleanly():
    assert str(DataProblem("my.csv", "the file is empty")) == "my.csv: the file is empty"


def test_error_lists_every_problem_numbered():
    error = DataValidationError(
        [DataProblem("a.csv", "first", row=2), DataProblem("a.csv", "second", row=3)]
    )
    text = str(error)
    assert text.startswith("Found 2 problems")
    assert "1. a.csv, row 2: first" in text and "2. a.csv, row 3: second" in text
    assert "second" in error._repr_markdown_()
