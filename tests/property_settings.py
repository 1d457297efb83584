"""How the property tests (Hypothesis) run: the profiles, and one seed per run of the suite.

- `bounded` (the default, `make test`): a few examples per property, drawn afresh on
  every run from a seed printed at the end of the run. A failure is replayed with
  `HYPOTHESIS_SEED=<seed> make test` (Hypothesis also prints the failing example
  and a `@reproduce_failure` blob). Each run thus tries new examples, and none is lost.
- `fuzz` (`make fuzz`, and every night in .github/workflows/fuzz.yml): many more.

Both turn off what timing would make flaky on a shared runner, and nothing else:
- the deadline: an example of tests/test_properties.py is a whole build (0.1 to 2 s);
- the `too_slow` health check, for the same reason: slow examples are the point there.
Every other health check stays on (a strategy that filters too much, or draws
too much data, is a bug in the test).
"""

from __future__ import annotations

import os
import secrets
from typing import Any

import pytest
from hypothesis import HealthCheck, core, settings

_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "print_blob": True,
}
settings.register_profile("bounded", database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=2000, **_COMMON)  # tests/test_properties.py sets its own
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "bounded")
settings.load_profile(PROFILE)
SEED = int(os.environ.get("HYPOTHESIS_SEED") or secrets.randbits(32))


def pytest_configure(config: pytest.Config) -> None:
    """Seed every property test with this run's seed, unless --hypothesis-seed gives one."""
    if config.getoption("hypothesis_seed", None) is None:
        core.global_force_seed = SEED


def seed_line(config: pytest.Config) -> str:
    seed = config.getoption("hypothesis_seed", None) or SEED
    replay = f"HYPOTHESIS_SEED={seed} make {'fuzz' if PROFILE == 'fuzz' else 'test'}"
    return f"Property tests: Hypothesis profile {PROFILE!r}, seed {seed} (to replay: {replay})"
