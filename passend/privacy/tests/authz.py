"""Authorization-matrix expectations of privacy (see passend/core/tests/authz/matrix.py)."""

from .authz_avg import EXPECT as AVG
from .authz_dpia import EXPECT as DPIA
from .authz_retention import EXPECT as RETENTION

EXPECT = {**DPIA, **RETENTION, **AVG}
