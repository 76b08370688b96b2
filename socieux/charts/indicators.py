"""Charts of the Logframe indicators page: each computable indicator against its target, per reporting period."""

from socieux import indicator_figures
from socieux.charts.catalogue import Chart, register
from socieux.indicators import INDICATORS, SYNTHETIC_INPUTS, Indicator


def chart_id_of(spec: Indicator) -> str:
    """The catalogue name of an indicator's chart."""
    return f"indicator-{spec.indicator_id.lower()}"


def _draw(spec: Indicator):
    def draw(df, **_options):
        return indicator_figures.indicator_vs_target(
            df, title=f"{spec.indicator_id} {spec.name}", unit=spec.unit,
            target_basis=spec.target_basis, decimals=spec.decimals,
        )
    return draw


for _spec in INDICATORS:
    if not _spec.query:
        continue
    register(Chart(
        chart_id_of(_spec), "Logframe indicators", f"{_spec.indicator_id} {_spec.name}", _spec.query,
        _draw(_spec), options=_spec.query_params(),
        source_note=_spec.definition,
        synthetic=any(name in SYNTHETIC_INPUTS for name in _spec.inputs), inputs=_spec.inputs,
        selects={"x": "period"},
    ))
