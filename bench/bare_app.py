"""The yardstick of `make bench`: a bare Streamlit page with one Altair chart and nothing else.

"Open page → charts visible" of the explorer is measured against this page in the same run, on the
same machine, with the same browser: what Streamlit itself costs is the floor no app can go under.
"""
import altair as alt
import pandas as pd
import streamlit as st

st.title("Bare page")
data = pd.DataFrame({"indicator": [f"Chỉ tiêu {i}" for i in range(20)],
                     "attainment_pct": [80 + 2 * i for i in range(20)]})
st.altair_chart(alt.Chart(data).mark_bar().encode(x="attainment_pct:Q", y=alt.Y("indicator:N", sort=None)),
                width="stretch")
