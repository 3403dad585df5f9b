"""Authorization-matrix expectations of the privacy routes: avg."""

EXPECT: dict = {}
