"""Authorization-matrix expectations of the privacy routes: retention."""

EXPECT: dict = {}
