"""The real backing services the test suite runs against (`python -m ops.testservices`)."""
