"""The catalogue of charts: each chart named once, with its query and figure function.

Pages draw charts by name; the interim report pack walks the same catalogue, so every chart of
every page can be exported without opening a page. Each page's charts are registered in the module
of this package named after the page, imported at the end of this file.
"""

# The catalogue's names, as pages and the report pack use them; page modules import socieux.charts.catalogue.
from socieux.charts.catalogue import CATALOGUE, Chart, RunQuery, chart, charts_of, register  # noqa: F401

# Page modules register their charts on import; the order here is the order of the report pack.
from socieux.charts import overview, requests  # noqa: F401
from socieux.charts import classifications  # noqa: F401
from socieux.charts import expert_days, feedback  # noqa: F401
from socieux.charts import experts  # noqa: F401
from socieux.charts import indicators, processing  # noqa: F401
from socieux.charts import evaluation  # noqa: F401
