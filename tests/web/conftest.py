"""The dashboard tests share the API tests' pipeline fixture."""

from tests.api.conftest import pipeline  # noqa: F401 (a fixture)
