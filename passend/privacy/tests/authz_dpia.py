"""Authorization-matrix expectations of the privacy routes: dpia."""

EXPECT: dict = {}
